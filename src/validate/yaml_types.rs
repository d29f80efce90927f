//! `yaml-implicit-type`: plain YAML values that casebook reads as text, as the format
//! wants, but that other YAML tools read as something else.
//!
//! A YAML reader resolves a plain (unquoted) scalar by its look: under YAML 1.2's core
//! schema `2018` is an integer and `true` a boolean; YAML 1.1 readers (PyYAML, js-yaml's
//! default) also take `NO`, `yes` and `off` as booleans and `2017-11-14` as a date.
//! casebook follows the format: where it wants text, the scalar is text. A JSON Schema
//! tool or an editor that reads the YAML itself would report a wrong type, so casebook
//! warns, at the value, and the fix (quote it) makes every tool agree.

use serde_saphyr::granit_parser::{Event, ScalarStyle};

use super::locate::walk_yaml;
use super::{Diagnostic, RuleCode};

/// What other YAML tools read a plain scalar as, when not as text.
fn implicit_type(text: &str) -> Option<&'static str> {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some("null"),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Some("a boolean"),
        "y" | "Y" | "yes" | "Yes" | "YES" | "n" | "N" | "no" | "No" | "NO" | "on" | "On" | "ON"
        | "off" | "Off" | "OFF" => return Some("a boolean (YAML 1.1)"),
        ".nan" | ".NaN" | ".NAN" => return Some("a number"),
        _ => {}
    }
    if matches!(unsigned, ".inf" | ".Inf" | ".INF")
        || digits(unsigned)
        || unsigned
            .strip_prefix("0x")
            .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        || unsigned.strip_prefix("0o").is_some_and(|octal| {
            !octal.is_empty() && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
        })
    {
        return Some("a number");
    }
    // A float: digits with one point, or an exponent.
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (
            mantissa,
            Some(exponent.strip_prefix(['-', '+']).unwrap_or(exponent)),
        ),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let float_mantissa = (digits(whole) || whole.is_empty())
        && (fraction.is_empty() || digits(fraction))
        && !(whole.is_empty() && fraction.is_empty())
        && (mantissa.contains('.') || exponent.is_some());
    if float_mantissa && exponent.is_none_or(digits) {
        return Some("a number");
    }
    // A date (YAML 1.1 timestamp): YYYY-MM-DD, maybe with a time.
    let date = text.get(..10).unwrap_or_default();
    let bytes = date.as_bytes();
    if date.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && [0..4, 5..7, 8..10]
            .iter()
            .all(|range| text.get(range.clone()).is_some_and(digits))
    {
        return Some("a date (YAML 1.1)");
    }
    None
}

/// A warning for every plain scalar of a YAML text that the format wants as text and
/// other YAML tools read as something else, with its position.
pub(crate) fn check(text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk_yaml(text, |pointer, _, at, event| {
        if let Event::Scalar(value, ScalarStyle::Plain, ..) = event
            && let Some(kind) = implicit_type(value)
            && crate::schema::expects_string(pointer)
        {
            let mut finding = Diagnostic::new(
                RuleCode::YamlImplicitType,
                pointer,
                format!(
                    "`{value}` is text here, but other YAML tools read it as {kind}; quote it: \"{value}\""
                ),
            );
            finding.line = Some(at.line);
            finding.column = Some(at.column);
            found.push(finding);
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_other_yaml_tools_read_as_something_else() {
        for (text, kind) in [
            ("2018", Some("a number")),
            ("-3", Some("a number")),
            ("1.0", Some("a number")),
            ("1e3", Some("a number")),
            ("0x1F", Some("a number")),
            (".inf", Some("a number")),
            ("NO", Some("a boolean (YAML 1.1)")),
            ("true", Some("a boolean")),
            ("~", Some("null")),
            ("2017-11-14", Some("a date (YAML 1.1)")),
            ("2017-11", None),
            ("ES-CB", None),
            ("ES", None),
            ("smart-tourism", None),
            ("1.0.2", None),
            ("e3", None),
        ] {
            assert_eq!(implicit_type(text), kind, "{text}");
        }
    }
}
