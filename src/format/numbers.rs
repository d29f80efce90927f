//! Numbers that no reader holds exactly.
//!
//! Without `serde_json`'s `arbitrary_precision` (a global switch this crate does not turn
//! on, see the README), a JSON integer beyond the 64-bit range is read as the nearest
//! float, and a number too small for a float (`1e-400`) as zero: a silent change. This
//! check finds such number literals in the text, with their pointer and position, so
//! that reading refuses them and validation reports them.
//!
//! A JSON document that reads into the model usually costs nothing here: its numbers are
//! watched as they are read ([`watching_literals`]), and when each is seen and none has 16
//! digits in a row or an exponent of three digits, there is nothing to find. Any other
//! JSON document costs one scan of the bytes (strings skipped whole); only a document that
//! has, outside its strings, a run of 16 or more digits or an exponent of three digits or
//! more is scanned again for its number tokens.

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

/// True when the text may hold a number that cannot be read exactly: outside strings, 16
/// or more digits in a row, counted across a decimal point (an integer beyond 64 bits, or
/// more digits than a float keeps, as in `999999999999999.9999`), or an exponent of three
/// digits or more. Strings are skipped whole, since ids such as `case-2019` and long digit
/// runs in text would otherwise send nearly every document to the second scan.
fn suspicious(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut digits = 0;
    let mut exponent = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        at += 1;
        if byte == b'"' {
            at = string_end(bytes, at);
            digits = 0;
            exponent = false;
        } else if byte.is_ascii_digit() {
            digits += 1;
            if digits >= 16 || (exponent && digits >= 3) {
                return true;
            }
        } else if byte == b'.' {
            // The digits of a fraction count with those before the point.
            exponent = false;
        } else {
            exponent = matches!(byte, b'e' | b'E' | b'-' | b'+')
                && (exponent || matches!(byte, b'e' | b'E'));
            digits = 0;
        }
    }
    false
}

/// The offset just past the quote that closes the string whose contents start at `at`
/// (the end of the text when it is not closed).
fn string_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(found) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
    {
        let quote_or_escape = at + found;
        if bytes.get(quote_or_escape) == Some(&b'"') {
            return quote_or_escape + 1;
        }
        // A backslash escapes the byte after it, a quote included.
        at = quote_or_escape + 2;
    }
    bytes.len()
}

/// What is wrong with a number literal, if anything, and whether that is so only where the
/// format reads a float (a whole number that fits 64 bits is kept exactly elsewhere, as in
/// `extensions`).
fn problem(literal: &str) -> Option<(String, bool)> {
    let integer = !literal.contains(['.', 'e', 'E']);
    if integer {
        let fits = literal.parse::<i64>().is_ok() || literal.parse::<u64>().is_ok();
        if !fits {
            return Some((
                format!(
                    "the integer {} is outside the 64-bit range that can be kept exactly; write it as text",
                    shortened(literal)
                ),
                false,
            ));
        }
        // Figures and amounts are floats: a whole number beyond 2^53 that a float cannot
        // hold would be written back as another number.
        let exact = literal.parse::<i128>().ok()?;
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]
        let kept = exact as f64;
        #[allow(clippy::cast_possible_truncation)]
        let changed = kept as i128 != exact;
        return changed.then(|| {
            (
                format!(
                    "the number {} has more digits than a 64-bit float keeps (it would read as {kept:e}); write it as text",
                    shortened(literal)
                ),
                true,
            )
        });
    }
    let value: f64 = literal.parse().ok()?;
    if value.is_infinite() {
        return Some((
            format!(
                "the number {} is too large to be kept (a 64-bit float ends near 1.8e308); write it as text",
                shortened(literal)
            ),
            false,
        ));
    }
    let mantissa = literal.split(['e', 'E']).next().unwrap_or(literal);
    let nonzero = mantissa.bytes().any(|byte| (b'1'..=b'9').contains(&byte));
    if value == 0.0 && nonzero {
        return Some((
            format!(
                "the number {} is too small to be kept (it would read as 0); write it as text",
                shortened(literal)
            ),
            false,
        ));
    }
    // Rust writes a float's shortest form that reads back as the same float: when its
    // digits are not the literal's, the literal had more precision than a float keeps.
    let kept = format!("{value:e}");
    (decimal(&kept) != decimal(literal)).then(|| {
        (
            format!(
                "the number {} has more digits than a 64-bit float keeps (it would read as {value}); write it as text",
                shortened(literal)
            ),
            false,
        )
    })
}

/// A decimal literal as its significant digits and the power of ten of the first one:
/// `120.50` and `1.205e2` are both `("1205", 2)`; zero is `("", 0)`.
fn decimal(literal: &str) -> (String, i64) {
    let literal = literal.trim_start_matches(['-', '+']);
    let (mantissa, exponent) = match literal.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().unwrap_or(0)),
        None => (literal, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = whole.chars().chain(fraction.chars()).collect();
    let leading = digits.len() - digits.trim_start_matches('0').len();
    let significant = digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .to_owned();
    if significant.is_empty() {
        return (significant, 0);
    }
    let whole_digits = i64::try_from(whole.len()).unwrap_or(i64::MAX);
    let leading = i64::try_from(leading).unwrap_or(0);
    (significant, exponent + whole_digits - leading - 1)
}

fn shortened(literal: &str) -> String {
    match literal.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", literal.get(..cut).unwrap_or(literal)),
        None => literal.to_owned(),
    }
}

/// Every number literal of a JSON text that cannot be read exactly, in text order.
pub(crate) fn unrepresentable(text: &str) -> Vec<Unrepresentable> {
    // A byte-order mark is read past, as the parsers do; offsets stay those of `text`.
    let (text, shift) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    if !suspicious(text) {
        return Vec::new();
    }
    let mut found = Vec::new();
    crate::validate::walk_json(text, |pointer, _, offset, token| {
        if let jsonc_parser::tokens::Token::Number(literal) = token
            && let Some((message, only_as_float)) = problem(literal)
            && (!only_as_float
                || crate::schema::schema_at(pointer, true).is_some_and(|(schema, _)| {
                    schema.get("type").and_then(serde_json::Value::as_str) == Some("number")
                }))
        {
            found.push(Unrepresentable {
                pointer: pointer.to_owned(),
                offset: offset + shift,
                message,
            });
        }
    });
    found
}

/// Where the watch over the number literals of a JSON text being read into the model
/// stands (see [`watching_literals`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Watch {
    /// Nothing is watched.
    Off,
    /// Every literal read so far was seen, and each holds exactly.
    Clean,
    /// A literal may not hold exactly, or went unseen: the text must be scanned.
    ScanNeeded,
}

thread_local! {
    static WATCH: std::cell::Cell<Watch> = const { std::cell::Cell::new(Watch::Off) };
}

/// Runs `read`, a read of a JSON text into the model, with the model's readers of numbers
/// looking at each literal they are handed; returns what `read` returns, and true when
/// every literal was seen and none could read as another number, so that
/// [`unrepresentable`] would find nothing in the text and need not scan it.
///
/// Every number of a document that reads goes through those readers (`model::number`, and
/// `extensions`, which takes any JSON): the model refuses unknown keys, and a number where
/// it wants text, a date or a code. An integer needs no literal: JSON writes no leading
/// zero, so its digits are those of its value. A float's literal is read as written where
/// the model wants an amount; a float anywhere else sends the text to the scan.
///
/// Only JSON is watched: for another format, `read` runs as it is and the answer is false.
pub(crate) fn watching_literals<T>(format: crate::Format, read: impl FnOnce() -> T) -> (T, bool) {
    if format != crate::Format::Json {
        return (read(), false);
    }
    /// Stops the watch however `read` ends.
    struct Stop;
    impl Drop for Stop {
        fn drop(&mut self) {
            WATCH.set(Watch::Off);
        }
    }
    WATCH.set(Watch::Clean);
    let _stop = Stop;
    let value = read();
    (value, WATCH.get() == Watch::Clean)
}

/// True while the literals are watched and all were clean so far.
pub(crate) fn watching() -> bool {
    WATCH.get() == Watch::Clean
}

/// Ends a watch as not clean: the text will be scanned. For a read that failed and is done
/// again for its error, whose readers then take numbers as usual.
pub(crate) fn stop_watching() {
    if watching() {
        WATCH.set(Watch::ScanNeeded);
    }
}

/// An integer a reader was handed, by its magnitude.
pub(crate) fn saw_integer(magnitude: u64) {
    // Sixteen digits or more, as the scan counts them.
    if magnitude >= 1_000_000_000_000_000 {
        stop_watching();
    }
}

/// A number a reader was handed as a float, whose literal it does not know.
pub(crate) fn saw_float() {
    stop_watching();
}

/// A number literal a reader was handed as written.
pub(crate) fn saw_literal(literal: &str) {
    if suspicious(literal) {
        stop_watching();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document read with its number literals watched is passed over by the scan only
    /// when the scan would find nothing: every number of the examples, and a number in
    /// `extensions`, written in each of many forms, read into the model and into a JSON
    /// value.
    #[test]
    fn a_clean_watch_means_the_scan_finds_nothing() {
        let literals = [
            "12",
            "0",
            "-0",
            "4200",
            "4200.0",
            "1.5",
            "-1.5",
            "43.4623",
            "123456789012345",
            "1234567890123456",
            "-1234567890123456",
            "999999999999999",
            "1000000000000000",
            "9007199254740993",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775809",
            "0.1000000000000000000001",
            "1e400",
            "1e-400",
            "1E+99",
            "1.5e300",
            "2e-308",
            "1e100",
            "12345678.123456789",
            "1.0e2",
            "5e-324",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
        let (mut skipped, mut scanned, mut read, mut value_clean) = (0, 0, 0, 0);
        for name in ["boulder-kisumu.json", "cantabria-chihuahua.json"] {
            let mut document: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap();
            document["extensions"]["x-count"] = serde_json::json!(1);
            let places: Vec<String> = crate::pointer::every_pointer(&document)
                .into_iter()
                .filter(|(_, value)| value.is_number())
                .map(|(pointer, _)| pointer)
                .collect();
            assert!(places.len() > 5, "{name}: {places:?}");
            for place in &places {
                for literal in literals {
                    let mut variant = document.clone();
                    *variant.pointer_mut(place).unwrap() = serde_json::json!("@@number@@");
                    let text = serde_json::to_string_pretty(&variant)
                        .unwrap()
                        .replace("\"@@number@@\"", literal);
                    let (typed, clean) = watching_literals(crate::Format::Json, || {
                        crate::format::deserialize_as_written::<crate::CaseStudy>(
                            &text,
                            crate::Format::Json,
                        )
                    });
                    read += usize::from(typed.is_ok());
                    if typed.is_ok() && clean {
                        skipped += 1;
                        assert!(!suspicious(&text), "{name} {place} = {literal}");
                        assert!(
                            unrepresentable(&text).is_empty(),
                            "{name} {place} = {literal}"
                        );
                    } else {
                        scanned += 1;
                    }
                    // An integer is judged from its value: the scan is passed over exactly
                    // when it would not look at the numbers again. (JSON's parser hands
                    // `-0` over as a float.)
                    let judged = !literal.contains(['.', 'e', 'E']) && literal != "-0";
                    if typed.is_ok() && judged {
                        assert_eq!(clean, !suspicious(&text), "{name} {place} = {literal}");
                    }
                    // A document that does not read into the model is read as a JSON value,
                    // watched the same way.
                    let (value, clean) = watching_literals(crate::Format::Json, || {
                        crate::format::value_as_written(&text, crate::Format::Json)
                    });
                    if value.is_ok() && clean {
                        value_clean += 1;
                        assert!(
                            unrepresentable(&text).is_empty(),
                            "{name} {place} = {literal}"
                        );
                    }
                }
            }
        }
        // The watch ends with each read.
        assert!(!watching());
        assert!(
            skipped > 100 && scanned > 100 && read > skipped && value_clean > 20,
            "{skipped} {scanned} {read} {value_clean}"
        );
    }

    #[test]
    fn whole_numbers_a_float_cannot_hold_are_found_and_those_it_can_are_not() {
        // Where the format reads a float (amounts, figures), not in `extensions`.
        let text = r#"{"funding_sources": [{"amount": {"value": 9007199254740993}}, {"amount": {"value": 9007199254740992}}],
            "indicators": [{"values": [{"value": 12345678901234567}, {"value": -9007199254740993}, {"value": 4200}]}],
            "extensions": {"big": 12345678901234567}}"#;
        let found: Vec<String> = unrepresentable(text)
            .into_iter()
            .map(|n| n.pointer)
            .collect();
        assert_eq!(
            found,
            [
                "/funding_sources/0/amount/value",
                "/indicators/0/values/0/value",
                "/indicators/0/values/1/value"
            ]
        );
    }

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
                    } else if n.message.contains("small") {
                        "small"
                    } else {
                        "digits"
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
                ("/f".to_owned(), "digits"),
            ]
        );
    }

    #[test]
    fn ordinary_documents_are_not_parsed_again() {
        assert!(!suspicious(
            r#"{"a": 123456789012345, "b": 1e-30, "c": "2019-01-01"}"#
        ));
        assert!(suspicious(r#"{"a": 1234567890123456789}"#));
        // Fifteen digits on each side of the point are thirty digits of one number.
        assert!(suspicious(r#"{"a": 999999999999999.999999999999999}"#));
        assert!(!suspicious(r#"{"a": 12345678.1234567}"#));
        assert!(suspicious(r#"{"a": 1e-400}"#));
        // Digits and exponent-like runs inside strings are not numbers.
        assert!(!suspicious(
            r#"{"id": "case-2019", "phone": "12345678901234567890", "q": "a\"1e-400"}"#
        ));
        // A quote escaped inside a string does not end it; the number after it counts.
        assert!(suspicious(r#"{"q": "say \"hi\"", "n": 1e-400}"#));
        assert!(!suspicious(r#"{"q": "unterminated 1e-400"#));
    }

    #[test]
    fn floats_with_more_digits_than_a_float_keeps_are_found() {
        assert_eq!(decimal("120.50"), decimal("1.205e2"));
        assert_eq!(decimal("0.00120"), ("12".to_owned(), -3));
        for kept in [
            "0.1",
            "1e-30",
            "123456789.125",
            "5e-324",
            "1.7976931348623157e308",
            "-0.0",
            "2.5",
        ] {
            assert_eq!(problem(kept), None, "{kept}");
        }
        for lost in [
            "9007199254740993.0",
            "18446744073709551617.0",
            "0.12345678901234567890123",
        ] {
            assert!(
                problem(lost).is_some_and(|m| m.0.contains("more digits")),
                "{lost}"
            );
        }
        assert!(suspicious(r#"{"c": 1e-400}"#));
        // Found on its own, not only when another long number sends the text to the scan
        // (a stranger's case: the amount passed alone and was reported beside
        // `0.30000000000000004`).
        for text in [
            r#"{"value": 999999999999999.999999999999999}"#,
            r#"{"value": 123456789.123456789}"#,
        ] {
            let found = unrepresentable(text);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].message.contains("more digits"), "{text}");
        }
    }
}
