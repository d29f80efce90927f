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
    // Every form below is empty or starts with one of these: most texts are ruled out by
    // their first byte.
    if text
        .bytes()
        .next()
        .is_some_and(|first| !first.is_ascii_digit() && !b"~nNtTfFyYoO.+-".contains(&first))
    {
        return None;
    }
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
        || text.strip_prefix("0o").is_some_and(|octal| {
            !octal.is_empty() && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
        })
    {
        return Some("a number");
    }
    // A float: digits with one point, or an exponent.
    let number = NumberParts::of(unsigned);
    let fraction = number.fraction.unwrap_or("");
    let float_mantissa = (digits(number.whole) || number.whole.is_empty())
        && (fraction.is_empty() || digits(fraction))
        && !(number.whole.is_empty() && fraction.is_empty())
        && (number.fraction.is_some() || number.exponent.is_some());
    let exponent_digits =
        |exponent: &str| digits(exponent.strip_prefix(['-', '+']).unwrap_or(exponent));
    if float_mantissa && number.exponent.is_none_or(exponent_digits) {
        return Some("a number");
    }
    if is_yaml_1_1_number(text) {
        return Some("a number (YAML 1.1)");
    }
    if is_timestamp(text) {
        return Some("a date (YAML 1.1)");
    }
    None
}

/// Whether a plain scalar is a number of YAML 1.1's `int` or `float` types only (as PyYAML
/// resolves them): with `_` between digits (`1_000`, `0x_1F`, `1_0.5`), in base 2
/// (`0b1010`), or in base 60 (`1:20`, `10:30:15`, `1:20.5`), which YAML 1.2 leaves text.
fn is_yaml_1_1_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits_and_underscores = |part: &str, digit: fn(&u8) -> bool| {
        !part.is_empty() && part.bytes().all(|byte| digit(&byte) || byte == b'_')
    };
    let decimal = |part: &str| {
        part.bytes()
            .next()
            .is_some_and(|first| first.is_ascii_digit())
            && digits_and_underscores(part, u8::is_ascii_digit)
    };
    if let Some(binary) = unsigned.strip_prefix("0b") {
        return digits_and_underscores(binary, |byte| matches!(byte, b'0' | b'1'));
    }
    if let Some(hex) = unsigned.strip_prefix("0x") {
        return digits_and_underscores(hex, u8::is_ascii_hexdigit);
    }
    // Base 60: a first part, then `:` and one or two digits (the first up to 5) per part,
    // and for a float a fraction after the last.
    if let Some((first, sixties)) = unsigned.split_once(':') {
        let (sixties, fraction) = sixties.split_once('.').unwrap_or((sixties, ""));
        let sixty =
            |part: &str| matches!(part.as_bytes(), [b'0'..=b'9'] | [b'0'..=b'5', b'0'..=b'9']);
        let fraction_fine =
            fraction.is_empty() || digits_and_underscores(fraction, u8::is_ascii_digit);
        let integer_first = !first.starts_with('0') || unsigned.contains('.');
        return decimal(first) && integer_first && sixties.split(':').all(sixty) && fraction_fine;
    }
    if !unsigned.contains('_') {
        return false;
    }
    // With underscores: an integer (`1_000`, octal `0_17`), or a float whose digits
    // before the point, or after it when there are none before, start with a digit
    // (`1_0.5`, `1_0.5e+3`, `.5_5`); YAML 1.1's exponent has a sign.
    let number = NumberParts::of(unsigned);
    let exponent_fine = number.exponent.is_none_or(|exponent| {
        exponent
            .strip_prefix(['-', '+'])
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
    });
    match number.fraction {
        Some(fraction) => {
            (decimal(number.whole)
                || (number.whole.is_empty() && decimal(fraction) && unsigned == text))
                && (fraction.is_empty() || digits_and_underscores(fraction, u8::is_ascii_digit))
                && exponent_fine
        }
        // An integer with a leading zero is octal.
        None if number.whole.starts_with('0') => {
            number.exponent.is_none()
                && digits_and_underscores(number.whole, |byte| (b'0'..=b'7').contains(byte))
        }
        None => number.exponent.is_none() && decimal(number.whole),
    }
}

/// The parts of an unsigned number as written, for the grammars of YAML 1.2 and 1.1.
struct NumberParts<'t> {
    /// Before the point (all of it without one, up to the exponent).
    whole: &'t str,
    /// After the point; `None` without a point.
    fraction: Option<&'t str>,
    /// After `e` or `E`, with its sign; `None` without an exponent.
    exponent: Option<&'t str>,
}

impl<'t> NumberParts<'t> {
    fn of(unsigned: &'t str) -> Self {
        let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, Some(exponent)),
            None => (unsigned, None),
        };
        let (whole, fraction) = match mantissa.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (mantissa, None),
        };
        Self {
            whole,
            fraction,
            exponent,
        }
    }
}

/// Whether a plain scalar is a YAML 1.1 timestamp, the whole of it (the grammar of the YAML
/// 1.1 timestamp type, which PyYAML and js-yaml follow): `2017-11-14`, or a date with one- or
/// two-digit month and day, a time and an optional zone: `2017-1-4T10:00:00.5Z`,
/// `2017-11-14 10:00:00 +01:00`. An EDTF interval such as `2017-11-14/2017-11-20` is not
/// one: those readers leave it text.
fn is_timestamp(text: &str) -> bool {
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    let date_part = |date: &str, short: bool| {
        let mut parts = date.splitn(3, '-');
        let day_digits = if short { 1..=2 } else { 2..=2 };
        matches!(
            (parts.next(), parts.next(), parts.next()),
            (Some(year), Some(month), Some(day))
                if digits(year, 4..=4) && digits(month, day_digits.clone()) && digits(day, day_digits)
        )
    };
    let Some(split) = text.find(['T', 't', ' ', '\t']) else {
        return date_part(text, false);
    };
    let (date, rest) = text.split_at(split);
    if !date_part(date, true) {
        return false;
    }
    let rest = rest
        .strip_prefix(['T', 't'])
        .unwrap_or_else(|| rest.trim_start_matches([' ', '\t']));
    // The time, H:MM:SS with an optional fraction, then an optional zone.
    let end_of_time = rest.find([' ', '\t', 'Z', '+', '-']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(end_of_time);
    let (time, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut fields = time.splitn(3, ':');
    let time_ok = matches!(
        (fields.next(), fields.next(), fields.next()),
        (Some(hour), Some(minute), Some(second))
            if digits(hour, 1..=2) && digits(minute, 2..=2) && digits(second, 2..=2)
    ) && fraction.bytes().all(|b| b.is_ascii_digit());
    let zone = zone.trim_start_matches([' ', '\t']);
    let zone_ok = match zone {
        "" | "Z" => true,
        _ => zone.strip_prefix(['+', '-']).is_some_and(|offset| {
            let (hours, minutes) = offset.split_once(':').unwrap_or((offset, "00"));
            digits(hours, 1..=2) && digits(minutes, 2..=2)
        }),
    };
    time_ok && zone_ok
}

/// False when a case study read from `text` (YAML) can have no finding of this rule, so
/// that [`check`]'s second parse of the text, which costs as much as reading it into the
/// model, is spared. The YAML reader keeps a scalar's text as written wherever the model
/// wants text (but for `!!binary`, which it decodes), so the value of a finding is among
/// the model's texts, and written as it is in the text; a document none of whose texts
/// looks like something else, or where each that does is only ever written quoted, has
/// none.
pub(crate) fn may_have_findings(case: &crate::CaseStudy, text: &str) -> bool {
    // A `!!binary` scalar reaches the model decoded, not as written; any text that names
    // the binary tag (`!!binary`, the full tag, a `%TAG` handle to it) takes the walk.
    if memchr::memmem::find(text.as_bytes(), b"binary").is_some() {
        return true;
    }
    // The model's texts, walked without writing its JSON.
    super::texts::any_text(case, |value| {
        implicit_type(value).is_some() && !always_quoted(text, value)
    })
}

/// True when every place `value` is written in `text` is a quoted scalar of its own:
/// `"2018"` or `'2018'`. A plain scalar is written as its value whenever the value has no
/// white space (a plain scalar has no escapes, and only line breaks, folded, change its
/// text), and a plain scalar never sits between quotes, so such a value is no plain scalar
/// of the text.
fn always_quoted(text: &str, value: &str) -> bool {
    if value.is_empty() || value.contains(char::is_whitespace) {
        return false;
    }
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, value.as_bytes()).all(|at| {
        let before = at.checked_sub(1).and_then(|before| bytes.get(before));
        let after = bytes.get(at + value.len());
        matches!(
            (before, after),
            (Some(b'"'), Some(b'"')) | (Some(b'\''), Some(b'\''))
        )
    })
}

/// A warning for every plain scalar of a YAML text that the format wants as text and
/// other YAML tools read as something else, with its position.
pub(crate) fn check(text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk_yaml(text, |pointer, _, at, event| {
        found.extend(warning(pointer, at, event));
    });
    found
}

/// [`check`]'s warnings, and the text written at each of `places` (see
/// [`yaml_scalars_written_at`](crate::schema::yaml_scalars_written_at)), from one walk of
/// the text.
pub(crate) fn check_noting(
    text: &str,
    places: &std::collections::HashSet<String>,
) -> (
    Vec<Diagnostic>,
    std::collections::HashMap<String, Option<String>>,
) {
    let mut found = Vec::new();
    let written = crate::schema::yaml_scalars_written_at(text, places, |pointer, at, event| {
        found.extend(warning(pointer, at, event));
    });
    (found, written)
}

/// The warning for one node of a YAML text's walk, if it has one.
#[inline]
fn warning(pointer: &str, at: super::Position, event: &Event<'_>) -> Option<Diagnostic> {
    // A scalar with a tag of YAML's core schema says what it is to every YAML tool:
    // `!!str 2018` is text, and `!!int 12` is no text to casebook either.
    let Event::Scalar(value, ScalarStyle::Plain, _, tag) = event else {
        return None;
    };
    if tag.as_ref().is_some_and(|tag| tag.core_suffix().is_some()) {
        return None;
    }
    let kind = implicit_type(value)?;
    if !crate::schema::expects_string(pointer) {
        return None;
    }
    // A value too long to show whole is shown cut, and not as the fix to write.
    let shown = super::structure::shortened(value);
    let fix = if shown.len() == value.len() {
        format!(": \"{value}\"")
    } else {
        String::new()
    };
    let mut finding = Diagnostic::new(
        RuleCode::YamlImplicitType,
        pointer,
        format!("`{shown}` is text here, but other YAML tools read it as {kind}; quote it{fix}"),
    );
    finding.line = Some(at.line);
    finding.column = Some(at.column);
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skip is sound only if every value the rule warns about reaches the model as
    /// written: each form, in a text field, in a document that reads.
    #[test]
    fn every_value_the_rule_warns_about_reaches_the_model_as_written() {
        let minimal = "schema_version: \"1.0\"\nid: minimal\ntitle: T\nsummary: VALUE\n\
            regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  \
            - {id: laval, name: Laval, kind: city, country: CA}\n\
            pairing: {kind: city_to_city, regions: [lyon, laval], started: \"2018\", status: active}\n";
        for value in [
            "2018",
            "-3",
            "1.0",
            "1e3",
            "0x1F",
            ".inf",
            "-.INF",
            ".NaN",
            "0o17",
            "NO",
            "yes",
            "off",
            "y",
            "true",
            "FALSE",
            "2017-11-14",
            "2017-1-4T10:00:00.5Z",
            "2017-11-14 10:00:00 +01:00",
            // A tab, which JSON writes escaped, inside a date and time.
            "2001-12-14\t21:59:43",
            "1_000",
            "0b1010",
            "10:30",
        ] {
            let text = minimal.replace("VALUE", value);
            let case: crate::CaseStudy = crate::from_str_as(&text, crate::Format::Yaml)
                .unwrap_or_else(|e| panic!("{value}: {e}"));
            assert!(may_have_findings(&case, &text), "{value}");
            assert_eq!(check(&text).len(), 1, "{value}");
        }
        // Decoded base64 is not the text as written: a stranger's `!!binary 0400`.
        let binary = minimal.replace("VALUE", "!!binary 0400");
        let case = crate::from_str_as(&binary, crate::Format::Yaml).unwrap();
        assert!(may_have_findings(&case, &binary));
        assert_eq!(check(&binary).len(), 1);
        // Quoted, a value that looks like something else is what the rule asks for; the
        // same value also written plain elsewhere is not.
        for (summary, may) in [
            ("A summary", false),
            ("'2019'", false),
            ("\"2018\"", false),
            ("a 2018 \"2018\"", true),
        ] {
            let text = minimal.replace("VALUE", summary);
            let case = crate::from_str_as(&text, crate::Format::Yaml).unwrap();
            assert_eq!(may_have_findings(&case, &text), may, "{summary}");
        }
    }

    /// Over every YAML file of the repository that reads into the model: where the skip
    /// is taken, the walk finds nothing.
    #[test]
    fn the_skip_is_taken_only_where_the_walk_finds_nothing() {
        fn yaml_files(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    yaml_files(&path, found);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    found.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for folder in ["tests/fixtures", "examples"] {
            yaml_files(&root.join(folder), &mut files);
        }
        let (mut skipped, mut walked) = (0, 0);
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(case) = crate::from_str_as(&text, crate::Format::Yaml) else {
                continue;
            };
            if may_have_findings(&case, &text) {
                walked += 1;
            } else {
                skipped += 1;
                assert!(check(&text).is_empty(), "{}", path.display());
            }
        }
        assert!(
            skipped > 5 && walked > 0,
            "{skipped} skipped, {walked} walked"
        );
    }

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
            ("2017-1-4T10:00:00.5Z", Some("a date (YAML 1.1)")),
            ("2017-11-14 10:00:00 +01:00", Some("a date (YAML 1.1)")),
            ("2017-11-14t1:00:00-5", Some("a date (YAML 1.1)")),
            ("2017-11", None),
            // EDTF that PyYAML's and js-yaml's timestamp patterns do not match in whole.
            ("2017-11-14/2017-11-20", None),
            ("2017-11-14?", None),
            ("2017-1-4", None),
            ("2017-11-14T10:00", None),
            ("2017-11-14 10:00:00 +1:0", None),
            ("ES-CB", None),
            ("ES", None),
            ("smart-tourism", None),
            ("1.0.2", None),
            ("e3", None),
            // YAML 1.1 numbers that YAML 1.2 leaves text.
            ("1_000", Some("a number (YAML 1.1)")),
            ("-1_000", Some("a number (YAML 1.1)")),
            ("0_17", Some("a number (YAML 1.1)")),
            ("0b1010", Some("a number (YAML 1.1)")),
            ("0b1_0", Some("a number (YAML 1.1)")),
            ("0x_1F", Some("a number (YAML 1.1)")),
            ("1:20", Some("a number (YAML 1.1)")),
            ("10:30:15", Some("a number (YAML 1.1)")),
            ("190:20:30", Some("a number (YAML 1.1)")),
            ("1:20.5", Some("a number (YAML 1.1)")),
            ("0:20.5", Some("a number (YAML 1.1)")),
            ("1_0.5", Some("a number (YAML 1.1)")),
            ("1_0.5e+3", Some("a number (YAML 1.1)")),
            (".5_5", Some("a number (YAML 1.1)")),
            ("1_.5", Some("a number (YAML 1.1)")),
            ("1__0", Some("a number (YAML 1.1)")),
            ("+1:20", Some("a number (YAML 1.1)")),
            ("-0b1", Some("a number (YAML 1.1)")),
            ("._5", None),
            ("-.5_5", None),
            ("+0o17", None),
            ("0_8", None),
            ("09:30", None),
            ("0b", None),
            ("0b102", None),
            ("0:20", None),
            ("1:60", None),
            ("1:2:", None),
            ("1:200", None),
            ("1::2", None),
            ("_1", None),
            ("1_0.5e3", None),
            ("1_000x", None),
            ("10:30 am", None),
        ] {
            assert_eq!(implicit_type(text), kind, "{text}");
        }
    }

    /// A scalar tagged `!!str` is text to every YAML tool: nothing to quote.
    #[test]
    fn a_scalar_tagged_as_text_gets_no_advice() {
        let pointers: Vec<String> = check("title: !!str 2018\nsummary: 2018\n")
            .into_iter()
            .map(|finding| finding.pointer)
            .collect();
        assert_eq!(pointers, ["/summary"]);
    }

    /// A value too long to show whole is cut, as in every other message: a number of a
    /// million digits gave a line of two million characters.
    #[test]
    fn a_long_value_is_shown_cut() {
        let long = "1".repeat(1_000_000);
        let findings = check(&format!("title: {long}\nsummary: 2018\n"));
        let messages: Vec<&str> = findings
            .iter()
            .map(|finding| finding.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                format!(
                    "`{}...` is text here, but other YAML tools read it as a number; quote it",
                    "1".repeat(64)
                )
                .as_str(),
                "`2018` is text here, but other YAML tools read it as a number; quote it: \"2018\"",
            ]
        );
    }
}
