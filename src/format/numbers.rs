//! Numbers that no reader holds exactly.
//!
//! Without `serde_json`'s `arbitrary_precision` (a global switch this crate does not turn
//! on, see the README), a JSON integer beyond the 64-bit range is read as the nearest
//! float, and a number too small for a float (`1e-400`) as zero: a silent change. This
//! check finds such number literals in the text, with their pointer and position, so
//! that reading refuses them and validation reports them.
//!
//! It costs one scan of the bytes on every JSON document; only a document that has a
//! run of 19 or more digits, or an exponent of three digits or more, is parsed again.

use crate::pointer::push_token;

/// A number literal that reads as another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unrepresentable {
    /// Where it is.
    pub(crate) pointer: String,
    /// Its byte offset in the text.
    pub(crate) offset: usize,
    /// What is wrong, in lower case.
    pub(crate) message: String,
}

/// True when the text may hold a number that cannot be read exactly: a run of 19 or more
/// digits (an integer beyond 64 bits, or a fraction beyond a float's precision), or an
/// exponent of three digits or more.
fn suspicious(text: &str) -> bool {
    let mut digits = 0;
    let mut exponent = false;
    for byte in text.bytes() {
        if byte.is_ascii_digit() {
            digits += 1;
            if digits >= 19 || (exponent && digits >= 3) {
                return true;
            }
        } else {
            exponent = matches!(byte, b'e' | b'E' | b'-' | b'+')
                && (exponent || matches!(byte, b'e' | b'E'));
            digits = 0;
        }
    }
    false
}

/// What is wrong with a number literal, if anything.
fn problem(literal: &str) -> Option<String> {
    let integer = !literal.contains(['.', 'e', 'E']);
    if integer {
        let fits = literal.parse::<i64>().is_ok() || literal.parse::<u64>().is_ok();
        return (!fits).then(|| {
            format!(
                "the integer {} is outside the 64-bit range that can be kept exactly; write it as text",
                shortened(literal)
            )
        });
    }
    let value: f64 = literal.parse().ok()?;
    let mantissa = literal.split(['e', 'E']).next().unwrap_or(literal);
    let nonzero = mantissa.bytes().any(|byte| (b'1'..=b'9').contains(&byte));
    (value == 0.0 && nonzero).then(|| {
        format!(
            "the number {} is too small to be kept (it would read as 0); write it as text",
            shortened(literal)
        )
    })
}

fn shortened(literal: &str) -> String {
    match literal.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", literal.get(..cut).unwrap_or(literal)),
        None => literal.to_owned(),
    }
}

/// Every number literal of a JSON text that cannot be read exactly, in text order.
pub(crate) fn unrepresentable(text: &str) -> Vec<Unrepresentable> {
    if !suspicious(text) {
        return Vec::new();
    }
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let mut found = Vec::new();
    if let Ok(jsonc_parser::ParseResult {
        value: Some(root), ..
    }) = jsonc_parser::parse_to_ast(text, &jsonc_parser::CollectOptions::default(), &options)
    {
        walk(&root, &mut String::new(), &mut found);
    }
    found
}

fn walk(
    value: &jsonc_parser::ast::Value<'_>,
    pointer: &mut String,
    found: &mut Vec<Unrepresentable>,
) {
    use jsonc_parser::ast::Value;

    match value {
        Value::NumberLit(number) => {
            if let Some(message) = problem(number.value) {
                found.push(Unrepresentable {
                    pointer: pointer.clone(),
                    offset: number.range.start,
                    message,
                });
            }
        }
        Value::Object(object) => {
            for property in &object.properties {
                let length = pointer.len();
                push_token(pointer, property.name.as_str());
                walk(&property.value, pointer, found);
                pointer.truncate(length);
            }
        }
        Value::Array(array) => {
            for (index, element) in array.elements.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(element, pointer, found);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_beyond_64_bits_and_underflowing_numbers_are_found() {
        let text = r#"{"a": 18446744073709551615, "b": [18446744073709551616, -9223372036854775809],
            "c": 1e-400, "d": 0e-400, "e": 1.5e-300, "f": 12345678901234567890123.5}"#;
        let found: Vec<(String, &str)> = unrepresentable(text)
            .into_iter()
            .map(|n| {
                (
                    n.pointer,
                    if n.message.contains("integer") {
                        "integer"
                    } else {
                        "small"
                    },
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                ("/b/0".to_owned(), "integer"),
                ("/b/1".to_owned(), "integer"),
                ("/c".to_owned(), "small"),
            ]
        );
    }

    #[test]
    fn ordinary_documents_are_not_parsed_again() {
        assert!(!suspicious(
            r#"{"a": 123456789012345678, "b": 1e-30, "c": "2019-01-01"}"#
        ));
        assert!(suspicious(r#"{"a": 1234567890123456789}"#));
        assert!(suspicious(r#"{"c": 1e-400}"#));
    }
}
