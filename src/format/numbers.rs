//! Numbers that no reader holds exactly.
//!
//! Without `serde_json`'s `arbitrary_precision` (a global switch this crate does not turn
//! on, see the README), a JSON integer beyond the 64-bit range is read as the nearest
//! float, and a number too small for a float (`1e-400`) as zero: a silent change. This
//! check finds such number literals in the text, with their pointer and position, so
//! that reading refuses them and validation reports them.
//!
//! YAML and TOML readers do the same (`1e-400` reads as zero in both, and a 24-digit YAML
//! integer as a float), so their number literals are checked alike.
//!
//! A JSON document that reads into the model usually costs nothing here: its numbers are
//! watched as they are read ([`watching_literals`]), and when each is seen and none has 16
//! digits in a row or an exponent of three digits, there is nothing to find. Any other
//! JSON document costs one scan of the bytes (strings skipped whole); only a document that
//! has, outside its strings, a run of 16 or more digits or an exponent of three digits or
//! more is scanned again for its number tokens. A YAML or TOML text is scanned whole (its
//! strings need not be quoted), and parsed again only when the scan finds such a run, or a
//! hexadecimal, octal or binary integer of 12 digits or more.

/// A number literal that reads as another value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unrepresentable {
    /// Where it is.
    pub(crate) pointer: String,
    /// Where it is in the text.
    pub(crate) at: At,
    /// What is wrong, in lower case.
    pub(crate) message: String,
    /// True when the parser reads the literal as a number that is not finite (`.nan`,
    /// `inf`, or `1e999`, which overflows): a value a document as written holds as text
    /// until this finding is made (see [`keeping_non_finite`]).
    pub(crate) not_finite: bool,
}

/// Where a number literal is in its text: JSON's and TOML's parsers give a byte offset,
/// YAML's a line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// A byte offset.
    Offset(usize),
    /// A line and a column, both from 1.
    Position(usize, usize),
}

impl Unrepresentable {
    /// The line and column of the literal in `text`, both from 1.
    pub(crate) fn line_column(&self, text: &str) -> (usize, usize) {
        match self.at {
            At::Offset(offset) => super::line_column(text, offset),
            At::Position(line, column) => (line, column),
        }
    }
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

/// Like [`suspicious`], for a YAML or TOML text, whose strings need no quotes: every run
/// of digits is looked at, an underscore between digits does not end it (`1_000_000`), and
/// a hexadecimal, octal or binary integer of 12 digits or more (which may be beyond the
/// 2^53 a float holds) counts too. Every YAML and TOML text that reads is scanned, so the
/// stretches without a digit are skipped eight bytes at a time.
fn suspicious_unquoted(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(start) = next_digit(bytes, at) {
        let based = bytes.get(start) == Some(&b'0')
            && matches!(bytes.get(start + 1), Some(b'x' | b'o' | b'b'));
        let (digits, mut end) = if based {
            digit_run(bytes, start + 2, Run::Based)
        } else {
            digit_run(bytes, start, Run::Decimal)
        };
        if digits >= if based { 12 } else { 16 } {
            return true;
        }
        if !based && matches!(bytes.get(end), Some(b'e' | b'E')) {
            end += 1;
            if matches!(bytes.get(end), Some(b'-' | b'+')) {
                end += 1;
            }
            let (exponent_digits, after) = digit_run(bytes, end, Run::Exponent);
            if exponent_digits >= 3 {
                return true;
            }
            end = after;
        }
        at = end.max(start + 1);
    }
    false
}

/// True when a TOML text may have the value `inf` or `nan` (with or without a sign): the
/// word after `=`, `[` or `,` (and white space), standing alone.
fn may_be_non_finite(text: &str) -> bool {
    let bytes = text.as_bytes();
    let finder = |word: &'static [u8]| memchr::memmem::find_iter(bytes, word);
    finder(b"inf").chain(finder(b"nan")).any(|at| {
        let after = bytes.get(at + 3);
        let before = bytes.get(..at).unwrap_or_default();
        let before = before
            .strip_suffix(b"+")
            .or_else(|| before.strip_suffix(b"-"))
            .unwrap_or(before);
        let opener = before.iter().rev().find(|byte| !byte.is_ascii_whitespace());
        !after.is_some_and(|byte| byte.is_ascii_alphanumeric() || *byte == b'_')
            && matches!(opener, Some(b'=' | b'[' | b','))
    })
}

/// The offset of the first ASCII digit at or after `at`.
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const ZEROS: u64 = u64::from_ne_bytes([b'0'; 8]);
    while let Some(word) = bytes.get(at..at + 8) {
        let word = u64::from_ne_bytes(word.try_into().ok()?);
        // A digit is a byte below 10 once `0` is taken away by xor; the test for a byte
        // below 10 is exact as a whole, whatever the order of the bytes.
        let shifted = word ^ ZEROS;
        if shifted.wrapping_sub(ONES * 10) & !shifted & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    let rest = bytes.get(at..)?;
    rest.iter()
        .position(u8::is_ascii_digit)
        .map(|found| at + found)
}

/// What a run of digits is, for [`digit_run`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Run {
    /// A decimal's digits, whose point continues the run: the digits of a fraction count
    /// with those before the point.
    Decimal,
    /// An exponent's digits.
    Exponent,
    /// A hexadecimal, octal or binary integer's digits, counted as hexadecimal ones.
    Based,
}

/// How many digits the run from `start` has, where an underscore (and a decimal's point)
/// continues it without counting, and the offset where it ends.
fn digit_run(bytes: &[u8], start: usize, run: Run) -> (usize, usize) {
    let mut digits = 0;
    let mut end = start;
    while let Some(&byte) = bytes.get(end) {
        let digit = match run {
            Run::Based => byte.is_ascii_hexdigit(),
            Run::Decimal | Run::Exponent => byte.is_ascii_digit(),
        };
        if digit {
            digits += 1;
        } else if !(byte == b'_' || (byte == b'.' && run == Run::Decimal)) {
            break;
        }
        end += 1;
    }
    (digits, end)
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

/// The integers a format's numbers hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Integers {
    /// Signed and unsigned 64-bit integers (JSON and YAML, as read here).
    Any64,
    /// Signed 64-bit integers only: TOML's, whose specification asks a reader to refuse
    /// an integer beyond them rather than keep it otherwise.
    Signed64,
}

/// What is wrong with a number literal in JSON's grammar, if anything, and whether that is
/// so only where the format reads a float (a whole number that fits 64 bits is kept
/// exactly elsewhere, as in `extensions`). The message quotes the literal as `written`
/// (`0x20000000000001` in YAML, where the literal is its decimal form), in a format whose
/// integers are `integers`.
fn problem(literal: &str, written: &str, integers: Integers) -> Option<(String, bool)> {
    if is_non_finite_literal(literal) {
        return Some((
            format!(
                "the number {} is not finite, which JSON cannot hold",
                shortened(written)
            ),
            false,
        ));
    }
    let integer = !literal.contains(['.', 'e', 'E']);
    if integer {
        let unsigned = integers == Integers::Any64 && literal.parse::<u64>().is_ok();
        if literal.parse::<i64>().is_err() && !unsigned && integers == Integers::Signed64 {
            return Some((
                format!(
                    "the integer {} is outside the range of a TOML integer (-9223372036854775808 to 9223372036854775807)",
                    shortened(written)
                ),
                false,
            ));
        }
        let fits = literal.parse::<i64>().is_ok() || unsigned;
        if !fits {
            return Some((
                format!(
                    "the integer {} is outside the 64-bit range that can be kept exactly",
                    shortened(written)
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
                    "the number {} has more digits than a 64-bit float keeps (it would read as {})",
                    shortened(written),
                    shown(kept)
                ),
                true,
            )
        });
    }
    let value: f64 = literal.parse().ok()?;
    if value.is_infinite() {
        return Some((
            format!(
                "the number {} is too large to be kept (a 64-bit float ends near 1.8e308)",
                shortened(written)
            ),
            false,
        ));
    }
    let mantissa = literal.split(['e', 'E']).next().unwrap_or(literal);
    let nonzero = mantissa.bytes().any(|byte| (b'1'..=b'9').contains(&byte));
    if value == 0.0 && nonzero {
        return Some((
            format!(
                "the number {} is too small to be kept (it would read as 0)",
                shortened(written)
            ),
            false,
        ));
    }
    // Rust and `ryu` (serde_json's writer) each write a float's shortest form that reads
    // back as the same float: a literal that is neither had more precision than a float
    // keeps. They may differ where two forms are as short and as near (`1125899906842624.2`
    // and `.3` both read as `.25`): the writers of TOML and of JSON and YAML choose
    // differently, and each must read back.
    let written_as = decimal(literal);
    // A longer literal may still be the float's exact value (`263733864170427.375`): the
    // exact expansion of a double has at most 767 significant digits.
    let kept = written_as == decimal(&format!("{value:e}"))
        || written_as == decimal(ryu::Buffer::new().format_finite(value))
        || written_as == decimal(&format!("{value:.800e}"));
    (!kept).then(|| {
        (
            format!(
                "the number {} has more digits than a 64-bit float keeps (it would read as {})",
                shortened(written),
                shown(value)
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

/// A float as a message shows it: with an exponent when it is very large or very small,
/// so that it is never hundreds of digits long.
pub(crate) fn shown(value: f64) -> String {
    if value != 0.0 && !(1e-5..1e16).contains(&value.abs()) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

fn shortened(literal: &str) -> String {
    match literal.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", literal.get(..cut).unwrap_or(literal)),
        None => literal.to_owned(),
    }
}

/// Every number literal of a text that cannot be read exactly, in text order.
///
/// A YAML text is walked for its numbers that are not finite (`.nan`) only when `kept`:
/// after a read that kept them as text (see [`keeping_non_finite`]). Any other YAML read
/// refuses them, so a text read without error has none where a number goes.
pub(crate) fn unrepresentable(
    text: &str,
    format: crate::Format,
    kept: KeptNonFinite,
) -> Vec<Unrepresentable> {
    // A byte-order mark is read past, as the parsers do; offsets stay those of `text`.
    let (text, shift) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, '\u{feff}'.len_utf8()),
        None => (text, 0),
    };
    let mut found = Vec::new();
    let integers = if format == crate::Format::Toml {
        Integers::Signed64
    } else {
        Integers::Any64
    };
    let mut check = |pointer: &str, literal: &str, written: &str, at: At| {
        if let Some((mut message, only_as_float)) = problem(literal, written, integers)
            && (!only_as_float || is_float_place(pointer))
        {
            let not_finite = is_non_finite_literal(literal)
                || literal.parse::<f64>().is_ok_and(f64::is_infinite);
            // Text keeps such a value where any value goes (`extensions`), not where a
            // number, a list or an object is wanted.
            if accepts_text(&without_merge_keys(pointer)) {
                message.push_str("; write it as text");
            }
            found.push(Unrepresentable {
                pointer: pointer.to_owned(),
                at,
                message,
                not_finite,
            });
        }
    };
    match format {
        crate::Format::Json if suspicious(text) => {
            crate::validate::walk_json(text, |pointer, _, offset, token| {
                if let jsonc_parser::tokens::Token::Number(literal) = token {
                    check(pointer, literal, literal, At::Offset(offset + shift));
                }
            });
        }
        crate::Format::Yaml
            if suspicious_unquoted(text)
                || (kept == KeptNonFinite::Some && may_be_yaml_non_finite(text)) =>
        {
            use serde_saphyr::granit_parser::{Event, ScalarStyle};
            // The numbers with an anchor, and their tags, for the aliases that repeat them
            // elsewhere.
            let mut anchored: std::collections::HashMap<usize, (String, Tagged)> =
                std::collections::HashMap::new();
            crate::validate::walk_yaml(text, |pointer, _, at, event| {
                let (value, tagged) = match event {
                    // A plain scalar, or one tagged as a number (`!!float "1e-400"`).
                    Event::Scalar(value, style, anchor, tag)
                        if tag.as_ref().map_or(*style == ScalarStyle::Plain, |tag| {
                            matches!(tag.core_suffix(), Some("int" | "float"))
                        }) =>
                    {
                        let tagged = match tag.as_ref().and_then(|tag| tag.core_suffix()) {
                            None => Tagged::No,
                            Some("float") => Tagged::Float,
                            Some(_) => Tagged::Integer,
                        };
                        if *anchor != 0 {
                            anchored.insert(*anchor, (value.to_string(), tagged));
                        }
                        (value.as_ref(), tagged)
                    }
                    Event::Alias(anchor) => match anchored.get(anchor) {
                        Some((value, tagged)) => (value.as_str(), *tagged),
                        None => return,
                    },
                    _ => return,
                };
                let literal = yaml_non_finite(value, tagged == Tagged::Float)
                    .map(str::to_owned)
                    .or_else(|| decimal_literal(value, 10));
                // A plain scalar where the format wants text is read as text; one tagged
                // as a number is a number there too.
                if let Some(literal) = literal
                    && (tagged != Tagged::No
                        || !crate::schema::expects_string(&without_merge_keys(pointer)))
                {
                    check(pointer, &literal, value, At::Position(at.line, at.column));
                }
            });
        }
        crate::Format::Toml if suspicious_unquoted(text) || may_be_non_finite(text) => {
            crate::validate::walk_toml(text, |pointer, value| {
                let span = value.span();
                let written = text.get(span.clone()).unwrap_or_default();
                let literal = match value.get_ref() {
                    toml::de::DeValue::Integer(integer) => {
                        decimal_literal(integer.as_str(), integer.radix())
                    }
                    toml::de::DeValue::Float(float) => {
                        // TOML's `inf` and `nan`, which JSON cannot hold.
                        let bare = float.as_str().trim_start_matches(['-', '+']);
                        if matches!(bare, "inf" | "nan") {
                            Some(bare.to_owned())
                        } else {
                            decimal_literal(float.as_str(), 10)
                        }
                    }
                    _ => None,
                };
                if let Some(literal) = literal {
                    check(pointer, &literal, written, At::Offset(span.start + shift));
                }
            });
        }
        _ => {}
    }
    found
}

/// Where the format keeps a number as a 64-bit float (figures and amounts).
fn is_float_place(pointer: &str) -> bool {
    crate::schema::schema_at(pointer, true).is_some_and(|(schema, _)| {
        schema.get("type").and_then(serde_json::Value::as_str) == Some("number")
    })
}

/// A pointer of a YAML text's walk with its merge keys left out: `/<</title` and
/// `/<</0/title` (from `<<: {title: x}` and `<<: [{title: x}]`) stand where the parser
/// puts the member, `/title`, for the schema's place. (The finding keeps the pointer of
/// what is written: which member wins, when a key is also written elsewhere, the walk
/// does not know.)
fn without_merge_keys(pointer: &str) -> std::borrow::Cow<'_, str> {
    if !pointer.contains("/<<") {
        return pointer.into();
    }
    let mut effective = String::with_capacity(pointer.len());
    let mut tokens = pointer.split('/').skip(1).peekable();
    while let Some(token) = tokens.next() {
        if token == "<<" {
            // A list of mappings to merge: its index is no place of the document either.
            if tokens
                .peek()
                .is_some_and(|next| next.bytes().all(|byte| byte.is_ascii_digit()))
            {
                tokens.next();
            }
            continue;
        }
        effective.push('/');
        effective.push_str(token);
    }
    effective.into()
}

/// How a YAML scalar is tagged as a number, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tagged {
    No,
    Integer,
    Float,
}

/// Where the format takes text: any value (in `extensions`, or where it has no place), or
/// a string.
fn accepts_text(pointer: &str) -> bool {
    crate::schema::schema_at(pointer, true).is_none_or(|(schema, _)| {
        schema
            .get("type")
            .and_then(serde_json::Value::as_str)
            .is_none_or(|kind| kind == "string")
    })
}

/// `inf` or `nan`, with or without a sign: how [`problem`] is handed a number that is
/// not finite, whatever its spelling in the format.
fn is_non_finite_literal(literal: &str) -> bool {
    matches!(literal.trim_start_matches(['-', '+']), "inf" | "nan")
}

/// A YAML scalar that YAML 1.2's core schema reads as a number that is not finite, as
/// `inf` or `nan` for [`problem`]: `.inf`, `-.Inf`, `.NaN` and their kin. A sign before
/// `.nan` makes it text, unless the scalar is tagged as a float.
fn yaml_non_finite(value: &str, tagged_float: bool) -> Option<&'static str> {
    let (sign, unsigned) = match value.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", value.strip_prefix('+').unwrap_or(value)),
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" if sign == "-" => Some("-inf"),
        ".inf" | ".Inf" | ".INF" => Some("inf"),
        ".nan" | ".NaN" | ".NAN" if unsigned == value || tagged_float => Some("nan"),
        _ => None,
    }
}

/// True when a YAML text may have a scalar [`yaml_non_finite`] reads: `.inf` or `.nan`
/// in any case, as a word of its own that does not follow a letter or digit (so not in
/// `www.info.org`).
fn may_be_yaml_non_finite(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'.', bytes).any(|at| {
        let word = bytes.get(at + 1..at + 4).is_some_and(|word| {
            word.eq_ignore_ascii_case(b"inf") || word.eq_ignore_ascii_case(b"nan")
        });
        let alone = |byte: Option<&u8>| !byte.is_some_and(u8::is_ascii_alphanumeric);
        word && alone(at.checked_sub(1).and_then(|before| bytes.get(before)))
            && alone(bytes.get(at + 4))
    })
}

/// A YAML or TOML number written as a JSON number, for [`problem`]: without `+` or
/// underscores, with a digit on each side of the point, and a hexadecimal, octal or binary
/// integer in decimal. `None` for what is not a number in JSON's grammar once so written
/// (text, `.inf`, `.nan`).
fn decimal_literal(written: &str, radix: u32) -> Option<String> {
    let (negative, unsigned) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written.strip_prefix('+').unwrap_or(written)),
    };
    let sign = if negative { "-" } else { "" };
    let unsigned = unsigned.replace('_', "");
    let based = match unsigned.get(..2) {
        Some("0x") => Some((16, unsigned.get(2..)?)),
        Some("0o") => Some((8, unsigned.get(2..)?)),
        Some("0b") => Some((2, unsigned.get(2..)?)),
        _ if radix != 10 => Some((radix, unsigned.as_str())),
        _ => None,
    };
    if let Some((radix, digits)) = based {
        if digits.is_empty() || !digits.chars().all(|digit| digit.is_digit(radix)) {
            return None;
        }
        // Beyond 64 bits, any integer as large stands for it: the message quotes the
        // literal as written.
        let magnitude = u64::from_str_radix(digits, radix).map_or_else(
            |_| "18446744073709551616".to_owned(),
            |value| value.to_string(),
        );
        return Some(format!("{sign}{magnitude}"));
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned.as_str(), None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    let exponent_digits =
        exponent.map(|exponent| exponent.strip_prefix(['-', '+']).unwrap_or(exponent));
    if !(digits(whole) || fraction.is_some_and(digits))
        || !(whole.is_empty() || digits(whole))
        || !fraction.is_none_or(|fraction| fraction.is_empty() || digits(fraction))
        || !exponent_digits.is_none_or(digits)
    {
        return None;
    }
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction = match fraction {
        Some(fraction) if !fraction.is_empty() => format!(".{fraction}"),
        _ => String::new(),
    };
    let exponent = exponent
        .map(|exponent| format!("e{exponent}"))
        .unwrap_or_default();
    Some(format!("{sign}{whole}{fraction}{exponent}"))
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

/// Whether a read kept numbers that are not finite as text (see [`keeping_non_finite`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeptNonFinite {
    /// None: the read refused them, or found none.
    None,
    /// At least one.
    Some,
}

thread_local! {
    /// Whether the read under way kept a number that is not finite as text, while a read
    /// keeps them (see [`keeping_non_finite`]).
    static KEPT_NON_FINITE: std::cell::Cell<Option<KeptNonFinite>> =
        const { std::cell::Cell::new(None) };
}

/// Runs `read`, a read of a document as written (a [`Tree`](super::tree::Tree)), with
/// every number that is not finite kept as text rather than refused; returns what `read`
/// returns and whether any was kept.
///
/// JSON cannot hold such a number, and the readers refuse it. But the YAML and TOML
/// parsers read on past it, and a refusal would end the read with one error that hides
/// every other finding of the document. Kept as text, the document is checked whole:
/// [`unrepresentable`] finds each such number with its place (`not_finite`), and the check
/// reports it there; but for a plain YAML scalar where the format wants text, which is text
/// (`summary: .nan`).
pub(crate) fn keeping_non_finite<T>(read: impl FnOnce() -> T) -> (T, KeptNonFinite) {
    /// Restores the state before, however `read` ends.
    struct Restore(Option<KeptNonFinite>);
    impl Drop for Restore {
        fn drop(&mut self) {
            KEPT_NON_FINITE.set(self.0);
        }
    }
    let _restore = Restore(KEPT_NON_FINITE.replace(Some(KeptNonFinite::None)));
    let value = read();
    (value, KEPT_NON_FINITE.get().unwrap_or(KeptNonFinite::None))
}

/// True while a read keeps numbers that are not finite (see [`keeping_non_finite`]).
pub(crate) fn keeps_non_finite() -> bool {
    KEPT_NON_FINITE.get().is_some()
}

/// The text that stands for `value`, a number that is not finite, while a read keeps such
/// numbers: YAML's spelling of it. `None` when the read refuses them.
pub(crate) fn kept_non_finite(value: f64) -> Option<&'static str> {
    KEPT_NON_FINITE.get()?;
    KEPT_NON_FINITE.set(Some(KeptNonFinite::Some));
    Some(if value.is_nan() {
        ".nan"
    } else if value.is_sign_negative() {
        "-.inf"
    } else {
        ".inf"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_key_brings_its_members_to_the_mapping_that_holds_it() {
        for (walked, merged) in [
            ("/a", "/a"),
            ("/<</title", "/title"),
            ("/regions/1/<</0/kind", "/regions/1/kind"),
            ("/a/<</b/<</1/c", "/a/b/c"),
            ("/a/<</x0/c", "/a/x0/c"),
        ] {
            assert_eq!(without_merge_keys(walked), merged);
        }
    }

    /// The pre-check before the walk of a YAML text's scalars misses no spelling the walk
    /// reads as a number that is not finite, wherever YAML lets it stand.
    #[test]
    fn every_yaml_non_finite_number_takes_the_walk() {
        let mut read = 0;
        for sign in ["", "+", "-"] {
            for word in [
                ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", ".iNf", ".nAN",
            ] {
                let scalar = format!("{sign}{word}");
                for tagged_float in [false, true] {
                    if yaml_non_finite(&scalar, tagged_float).is_none() {
                        continue;
                    }
                    read += 1;
                    for text in [
                        format!("a: {scalar}\n"),
                        format!("a: {scalar}"),
                        format!("- {scalar}\n"),
                        format!("a: [{scalar},1]"),
                        format!("{{a: {scalar}}}"),
                        format!("a: !!float {scalar}"),
                        format!("a:\n\t{scalar}"),
                    ] {
                        assert!(may_be_yaml_non_finite(&text), "{text:?}");
                    }
                }
            }
        }
        // Untagged, the 6 unsigned spellings and the 6 signed ones of `.inf`; tagged as a
        // float, those and the 6 signed ones of `.nan` too.
        assert_eq!(read, 12 + 18);
        for text in [
            "a: www.info.org",
            "a: 10.nano",
            "a: b.nan",
            "a: .infinity",
            "a: 1.5",
        ] {
            assert!(!may_be_yaml_non_finite(text), "{text:?}");
        }
    }

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
                            unrepresentable(&text, crate::Format::Json, KeptNonFinite::None)
                                .is_empty(),
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
                        crate::format::tree_as_written(&text, crate::Format::Json)
                    });
                    if value.is_ok() && clean {
                        value_clean += 1;
                        assert!(
                            unrepresentable(&text, crate::Format::Json, KeptNonFinite::None)
                                .is_empty(),
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
        let found: Vec<String> = unrepresentable(text, crate::Format::Json, KeptNonFinite::None)
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
        let found: Vec<(String, &str)> =
            unrepresentable(text, crate::Format::Json, KeptNonFinite::None)
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

    /// A literal is kept when it is either writer's shortest form of its float (Rust's
    /// and `ryu`'s differ on ties: `1125899906842624.2` and `.3` both read as `.25`) or
    /// the float's exact value; a form further from the float, or a digit more, is not.
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
            "1125899906842624.2",
            "1125899906842624.3",
            "263733864170427.375",
            "1125899906842624.25",
            "1125899906842624.2500000000000000000",
            "0.1000000000000000055511151231257827021181583404541015625",
        ] {
            assert_eq!(problem(kept, kept, Integers::Any64), None, "{kept}");
        }
        for lost in [
            "9007199254740993.0",
            "18446744073709551617.0",
            "0.12345678901234567890123",
            "1125899906842624.21",
            "1125899906842624.1",
            "0.10000000000000001",
        ] {
            assert!(
                problem(lost, lost, Integers::Any64).is_some_and(|m| m.0.contains("more digits")),
                "{lost}"
            );
        }
        assert!(
            problem("inf", "-inf", Integers::Any64)
                .is_some_and(|(message, _)| message.contains("-inf is not finite"))
        );
        assert!(suspicious(r#"{"c": 1e-400}"#));
        // Found on its own, not only when another long number sends the text to the scan
        // (a stranger's case: the amount passed alone and was reported beside
        // `0.30000000000000004`).
        for text in [
            r#"{"value": 999999999999999.999999999999999}"#,
            r#"{"value": 123456789.123456789}"#,
        ] {
            let found = unrepresentable(text, crate::Format::Json, KeptNonFinite::None);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].message.contains("more digits"), "{text}");
        }
    }

    /// YAML's and TOML's ways of writing a number, as JSON writes it; and every one whose
    /// value would change sends the text to the second parse.
    #[test]
    fn yaml_and_toml_numbers_are_read_as_json_ones_and_the_changed_ones_are_suspected() {
        for (written, radix, literal) in [
            ("+12", 10, Some("12")),
            ("-1_200", 10, Some("-1200")),
            (".5", 10, Some("0.5")),
            ("5.", 10, Some("5")),
            ("-.5e-3", 10, Some("-0.5e-3")),
            ("1E+5", 10, Some("1e+5")),
            ("0x1F", 10, Some("31")),
            ("-0o17", 10, Some("-15")),
            ("0b101", 10, Some("5")),
            ("1f", 16, Some("31")),
            ("0x1_0000_0000_0000_0000", 10, Some("18446744073709551616")),
            ("0xG1", 10, None),
            ("1.2.3", 10, None),
            (".", 10, None),
            ("-", 10, None),
            ("1e", 10, None),
            (".inf", 10, None),
            ("1_200 m", 10, None),
        ] {
            assert_eq!(
                decimal_literal(written, radix).as_deref(),
                literal,
                "{written}"
            );
        }
        for written in [
            "1e-400",
            "1E-4_00",
            "123456789012345678901234",
            "1_000_000_000_000_000_001",
            "9007199254740993",
            "0x20000000000001",
            "0x20_0000_0000_0001",
            "0xFFFFFFFFFFFFFF",
            "0o400000000000000001",
            "1.0000000000000000000001e3",
            "1_200.000_000_000_000_000_000_1",
        ] {
            let literal = decimal_literal(written, 10).unwrap();
            assert!(
                problem(&literal, written, Integers::Any64).is_some(),
                "{written}"
            );
            assert!(
                suspicious_unquoted(&format!("value: {written}\n")),
                "{written}"
            );
        }
    }

    /// The scan is only a filter: it must suspect every YAML or TOML literal whose value
    /// would change, in any of their ways of writing a number, wherever it stands.
    mod scan {
        use proptest::prelude::*;

        use super::super::{decimal_literal, problem, suspicious_unquoted};

        /// A number in YAML's or TOML's grammar, with as many digits as it likes.
        fn written() -> impl Strategy<Value = String> {
            let digits = |most| {
                proptest::string::string_regex(&format!("[0-9](_?[0-9]){{0,{most}}}")).unwrap()
            };
            let decimal = (
                prop_oneof![Just(""), Just("-"), Just("+")],
                digits(30),
                proptest::option::of(digits(30)),
                proptest::option::of((prop_oneof![Just("e"), Just("E-"), Just("e+")], digits(4))),
            )
                .prop_map(|(sign, whole, fraction, exponent)| {
                    let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
                    let exponent = exponent.map(|(e, d)| format!("{e}{d}")).unwrap_or_default();
                    format!("{sign}{whole}{fraction}{exponent}")
                });
            let based = (
                prop_oneof![Just("0x"), Just("0o"), Just("0b")],
                proptest::string::string_regex("[0-1](_?[0-1]){0,60}").unwrap(),
                proptest::string::string_regex("[0-7](_?[0-7]){0,24}").unwrap(),
                proptest::string::string_regex("[0-9a-fA-F](_?[0-9a-fA-F]){0,18}").unwrap(),
            )
                .prop_map(|(prefix, binary, octal, hex)| match prefix {
                    "0b" => format!("0b{binary}"),
                    "0o" => format!("0o{octal}"),
                    _ => format!("0x{hex}"),
                });
            prop_oneof![decimal, based]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(4000))]

            #[test]
            fn every_number_that_would_change_is_suspected(
                written in written(),
                before in "[a-z :\\-]{0,12}",
            ) {
                if let Some(literal) = decimal_literal(&written, 10)
                    && problem(&literal, &written, super::Integers::Any64).is_some()
                {
                    let text = format!("{before}{written}\n");
                    prop_assert!(suspicious_unquoted(&text), "{}", text);
                }
            }
        }
    }
}
