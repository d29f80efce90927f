//! Reading and writing documents in JSON, YAML and TOML.
//!
//! Every reader goes through [`serde_path_to_error`], so a [`ParseError`] carries the
//! JSON Pointer of the value that could not be read, and the parser's line and column.
//! JSON is read with `serde_json`, YAML with `serde-saphyr` (pure Rust; duplicate keys
//! are an error and alias expansion is bounded), TOML with `toml`.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use serde::Serialize;
use serde::de::{Deserialize, DeserializeOwned};
use serde_saphyr::MessageFormatter as _;

use crate::error::{Error, ParseError, Result};

pub(crate) mod numbers;
pub(crate) mod tree;
pub(crate) mod writable;

pub use self::writable::{MAX_EXTENSION_DEPTH, UnwritableValue};
use crate::{CaseStudy, pointer};

/// A text format a document can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// JSON (RFC 8259).
    Json,
    /// YAML 1.2, one document per file.
    Yaml,
    /// TOML 1.0.
    Toml,
}

impl Format {
    /// Every format.
    pub const ALL: [Self; 3] = [Self::Json, Self::Yaml, Self::Toml];

    /// The lower-case name: `json`, `yaml`, `toml`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Yaml => "yaml",
            Self::Toml => "toml",
        }
    }

    /// The format of a file extension (`json`, `yaml`, `yml`, `toml`, in any case).
    ///
    /// ```
    /// use casebook::Format;
    ///
    /// assert_eq!(Format::from_extension("yml"), Some(Format::Yaml));
    /// assert_eq!(Format::from_extension("txt"), None);
    /// ```
    pub fn from_extension(extension: &str) -> Option<Self> {
        match extension.to_ascii_lowercase().as_str() {
            "json" => Some(Self::Json),
            "yaml" | "yml" => Some(Self::Yaml),
            "toml" => Some(Self::Toml),
            _ => None,
        }
    }

    /// The format of a file, from its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()
            .and_then(|extension| extension.to_str())
            .and_then(Self::from_extension)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = crate::CodeError;

    fn from_str(value: &str) -> std::result::Result<Self, Self::Err> {
        Self::from_extension(value)
            .ok_or_else(|| crate::CodeError::new("format", value, "one of `json`, `yaml`, `toml`"))
    }
}

/// Reads a case study from JSON text.
///
/// # Errors
///
/// [`Error::Parse`] with the JSON Pointer, line and column of the first problem when the
/// text is not a case-study document.
///
/// ```
/// let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.json")?;
/// let case = casebook::from_json_str(&text)?;
/// assert_eq!(case.regions[0].name, "Cantabria");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_json_str(text: &str) -> Result<CaseStudy> {
    from_str_as(text, Format::Json)
}

/// Reads a case study from YAML text (a single YAML document).
///
/// # Errors
///
/// [`Error::Parse`] with the JSON Pointer, line and column of the first problem when the
/// text is not a case-study document, holds several YAML documents, repeats a key or
/// expands aliases beyond the parser's budget.
pub fn from_yaml_str(text: &str) -> Result<CaseStudy> {
    from_str_as(text, Format::Yaml)
}

/// Reads a case study from TOML text. A native TOML date (`started = 2017-11-14`) is
/// accepted where a partial date is expected.
///
/// # Errors
///
/// [`Error::Parse`] with the JSON Pointer, line and column of the first problem when the
/// text is not a case-study document.
pub fn from_toml_str(text: &str) -> Result<CaseStudy> {
    from_str_as(text, Format::Toml)
}

/// Reads a case study from text in the given format. A leading byte-order mark is
/// ignored.
///
/// # Errors
///
/// [`Error::Parse`] when the text is not a case-study document.
pub fn from_str_as(text: &str, format: Format) -> Result<CaseStudy> {
    Ok(deserialize_text(text, format)?)
}

/// Reads a case study from bytes in the given format.
///
/// # Errors
///
/// [`Error::NotUtf8`] when the bytes are not UTF-8, [`Error::Parse`] when the text is not
/// a case-study document.
pub fn from_slice(bytes: &[u8], format: Format) -> Result<CaseStudy> {
    let text = std::str::from_utf8(bytes).map_err(|error| Error::NotUtf8 {
        format,
        valid_up_to: error.valid_up_to(),
    })?;
    from_str_as(text, format)
}

/// Reads a case study from a reader, such as standard input.
///
/// # Errors
///
/// [`Error::Read`] when the reader fails, and the errors of [`from_slice`].
pub fn from_reader(mut reader: impl Read, format: Format) -> Result<CaseStudy> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(Error::Read)?;
    from_slice(&bytes, format)
}

/// Reads a case study from a file, in the format its extension names (`.json`, `.yaml`,
/// `.yml`, `.toml`).
///
/// # Errors
///
/// [`Error::UnknownFormat`] for another extension, [`Error::ReadFile`] when the file
/// cannot be read, and the errors of [`from_slice`].
///
/// ```
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.yaml")?;
/// assert_eq!(case.pairing.started.to_string(), "2017-11");
/// # Ok::<(), casebook::Error>(())
/// ```
pub fn from_path(path: impl AsRef<Path>) -> Result<CaseStudy> {
    from_path_with_limit(path, u64::MAX)
}

/// Reads a case study from a file like [`from_path`], refusing a file larger than
/// `max_bytes` before reading it whole.
///
/// # Errors
///
/// [`Error::TooLarge`] for a larger file, and the errors of [`from_path`].
///
/// ```
/// let error = casebook::format::from_path_with_limit("examples/data/cantabria-chihuahua.json", 100)
///     .unwrap_err();
/// assert!(matches!(error, casebook::Error::TooLarge { limit: 100, .. }));
/// ```
pub fn from_path_with_limit(path: impl AsRef<Path>, max_bytes: u64) -> Result<CaseStudy> {
    let (bytes, format) = read_file(path.as_ref(), max_bytes)?;
    from_slice(&bytes, format)
}

/// Writes `new` over the file at `path`, which holds `old`. When the two are as long (an
/// upgrade changes a version's digit), only the bytes that differ are written, in place: a
/// failed write (a full disk, a file-size limit) cannot cut the file short, and the file
/// keeps its inode, and with it its owner, permissions, hard links and attributes. A text of
/// another length is written whole, as an editor would.
pub(crate) fn rewrite_file(path: &Path, old: &[u8], new: &[u8]) -> std::io::Result<()> {
    use std::io::{Seek as _, SeekFrom, Write as _};
    if old.len() != new.len() {
        return std::fs::write(path, new);
    }
    let differs = |(old, new): (&u8, &u8)| old != new;
    let Some(start) = old.iter().zip(new).position(differs) else {
        return Ok(());
    };
    let same_at_end = old.iter().rev().zip(new.iter().rev()).position(differs);
    let end = new.len() - same_at_end.unwrap_or(0);
    let changed = new.get(start..end).unwrap_or(new);
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    // The file may have changed, or been replaced, since it was read (an editor saving it,
    // a checkout): a byte written at the old text's offset would land in another text.
    let mut now = Vec::with_capacity(old.len());
    std::io::Read::read_to_end(&mut (&file).take(old.len() as u64 + 1), &mut now)?;
    if now != old {
        return Err(std::io::Error::other(
            "the file changed while it was being upgraded, and was left as it is; upgrade it again",
        ));
    }
    file.seek(SeekFrom::Start(start as u64))?;
    file.write_all(changed)?;
    file.sync_all()
}

/// The bytes of a regular file, at most `limit` of them, and the format its extension
/// names. A FIFO, socket or device is refused before it is opened: opening a FIFO would
/// block, and a device such as `/dev/zero` never ends.
pub(crate) fn read_file(path: &Path, limit: u64) -> Result<(Vec<u8>, Format)> {
    let format = Format::from_path(path).ok_or_else(|| Error::UnknownFormat {
        path: path.to_owned(),
    })?;
    let read_error = |source| Error::ReadFile {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if !metadata.is_file() {
        return Err(read_error(std::io::Error::other(
            "not a regular file (a folder, FIFO, socket or device)",
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            limit,
        });
    }
    Ok((bytes, format))
}

/// Writes a case study as pretty-printed JSON, ending with a newline.
///
/// # Errors
///
/// [`Error::Write`] when `extensions` nests deeper than [`MAX_EXTENSION_DEPTH`], which
/// no reader would read back.
pub fn to_json_string(case: &CaseStudy) -> Result<String> {
    to_string_as(case, Format::Json)
}

/// Writes a case study as YAML.
///
/// # Errors
///
/// [`Error::Write`] when `extensions` nests deeper than [`MAX_EXTENSION_DEPTH`], or the
/// YAML writer fails.
pub fn to_yaml_string(case: &CaseStudy) -> Result<String> {
    to_string_as(case, Format::Yaml)
}

/// Writes a case study as TOML. Partial dates are written as strings.
///
/// # Errors
///
/// [`Error::Write`], with an [`UnwritableValue`] that names the value, when `extensions`
/// holds what TOML cannot say as it is: a `null`, an integer above `i64::MAX`, a plain
/// value after a nested table (TOML would move it), or nesting deeper than
/// [`MAX_EXTENSION_DEPTH`].
pub fn to_toml_string(case: &CaseStudy) -> Result<String> {
    to_string_as(case, Format::Toml)
}

/// Writes a case study in the given format.
///
/// # Errors
///
/// [`Error::Write`] when the value cannot be written in that format (see
/// [`to_toml_string`]).
///
/// ```
/// use casebook::Format;
///
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
/// for format in Format::ALL {
///     let text = casebook::to_string_as(&case, format)?;
///     assert_eq!(casebook::from_str_as(&text, format)?, case);
/// }
/// # Ok::<(), casebook::Error>(())
/// ```
pub fn to_string_as(case: &CaseStudy, format: Format) -> Result<String> {
    writable::check(&case.extensions, format).map_err(|unwritable| Error::Write {
        format,
        source: Box::new(unwritable),
    })?;
    serialize_text(case, format)
}

/// Reads a document as the plain JSON value the crate sees, which is what the JSON Schema
/// ([`schema()`](crate::schema())) applies to: a document of any shape, as long as it is
/// well-formed.
///
/// Repeated keys are errors, as everywhere. A native TOML date becomes its text. In YAML,
/// a plain scalar where the format expects text is read as text (`started: 2018` is the
/// string `"2018"`), as the typed read does; quote such values for editors that check YAML
/// against the schema themselves.
///
/// # Errors
///
/// [`ParseError`] when the text is not well-formed, or has a number that would not read
/// as written (`1e-400`, which would be 0) or is not finite (YAML's `.nan` where the
/// format does not want text), with its line and column.
///
/// ```
/// let value = casebook::value_from_str("title: 2019\nregions: []\n", casebook::Format::Yaml)?;
/// assert_eq!(value["title"], "2019");
/// let value = casebook::value_from_str("summary: .NaN\n", casebook::Format::Yaml)?;
/// assert_eq!(value["summary"], ".NaN");
/// let error = casebook::value_from_str("extensions: {ratio: .nan}\n", casebook::Format::Yaml)
///     .unwrap_err();
/// assert_eq!((error.pointer.as_str(), error.line), ("/extensions/ratio", Some(1)));
/// # Ok::<(), casebook::ParseError>(())
/// ```
pub fn value_from_str(text: &str, format: Format) -> Result<serde_json::Value, ParseError> {
    let (mut tree, kept) = tree_keeping_non_finite(text, format)?;
    if format == Format::Yaml {
        crate::schema::yaml_scalars_as_text(&mut tree, text, kept);
    }
    refuse_unrepresentable(text, format, kept)?;
    Ok(tree.to_value())
}

/// The document as written, with numbers as the parser reads them (see [`numbers`]): for
/// the validator, which reports such numbers itself.
pub(crate) fn tree_as_written(text: &str, format: Format) -> Result<tree::Tree<'_>, ParseError> {
    let (mut tree, kept) = tree_keeping_non_finite(text, format)?;
    if format == Format::Yaml {
        crate::schema::yaml_scalars_as_text(&mut tree, text, kept);
    }
    Ok(tree)
}

/// Like [`tree_as_written`], with each number that is not finite kept as text (see
/// [`numbers::keeping_non_finite`]), and whether there was any. A YAML document's texts
/// are as the parser read them: the caller makes them the texts written (see
/// [`yaml_scalars_as_text`](crate::schema::yaml_scalars_as_text)).
pub(crate) fn tree_keeping_non_finite(
    text: &str,
    format: Format,
) -> Result<(tree::Tree<'_>, numbers::KeptNonFinite), ParseError> {
    let (read, kept) = tree::sized_for(text, || {
        numbers::keeping_non_finite(|| deserialize_as_written(text, format))
    });
    let crate::model::Strict(tree) = read?;
    Ok((tree, kept))
}

pub(crate) fn serialize_text<T: Serialize>(value: &T, format: Format) -> Result<String> {
    let write_error =
        |source: Box<dyn std::error::Error + Send + Sync>| Error::Write { format, source };
    match format {
        Format::Json => serde_json::to_string_pretty(value)
            .map(|mut text| {
                text.push('\n');
                text
            })
            .map_err(|error| write_error(error.into())),
        Format::Yaml => serde_saphyr::to_string(value).map_err(|error| write_error(error.into())),
        Format::Toml => toml::to_string(value).map_err(|error| write_error(error.into())),
    }
}

/// Deserialises any type from text, tracking the path for the error, and refusing a
/// number that would not read as written.
pub(crate) fn deserialize_text<T: DeserializeOwned>(
    text: &str,
    format: Format,
) -> Result<T, ParseError> {
    let value = deserialize_as_written(text, format)?;
    // This read refuses numbers that are not finite.
    refuse_unrepresentable(text, format, numbers::KeptNonFinite::None)?;
    Ok(value)
}

/// The first number of a text that would not read as written, as a [`ParseError`].
fn refuse_unrepresentable(
    text: &str,
    format: Format,
    kept: numbers::KeptNonFinite,
) -> Result<(), ParseError> {
    match numbers::unrepresentable(text, format, kept)
        .into_iter()
        .next()
    {
        None => Ok(()),
        Some(number) => {
            let (line, column) = number.line_column(text);
            Err(ParseError {
                format,
                pointer: number.pointer,
                line: Some(line),
                column: Some(column),
                message: number.message,
            })
        }
    }
}

/// Deserialises any type from text, tracking the path for the error; numbers are taken
/// as the parser reads them.
pub(crate) fn deserialize_as_written<'t, T: Deserialize<'t>>(
    text: &'t str,
    format: Format,
) -> Result<T, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Most documents read: they pay nothing for the path tracking, which only the error
    // needs. A document that fails is read again, tracked.
    if let Some(value) = read_untracked(text, format) {
        return Ok(value);
    }
    // The read again takes numbers as usual, so that its error is the usual one.
    numbers::stop_watching();
    let mut track = serde_path_to_error::Track::new();
    let outcome = match format {
        Format::Json => read_json(text, &mut track),
        Format::Yaml => read_yaml(text, &mut track),
        Format::Toml => read_toml(text, &mut track),
    };
    outcome.map_err(|failure| {
        let mut path = pointer::from_serde_path(&track.path());
        // serde's path ends at the unknown key itself; the format (and JSON Schema's
        // `additionalProperties`) places the finding on the object that holds it.
        if failure.message.starts_with("unknown field") {
            pointer::pop_token(&mut path);
        }
        ParseError {
            format,
            pointer: path,
            line: failure.line,
            column: failure.column,
            message: plain_words(&failure.message),
        }
    })
}

/// The value, when the text reads without error: a read that costs nothing for an error's
/// path. [`deserialize_as_written`] reads again for the error.
pub(crate) fn read_quietly<'t, T: Deserialize<'t>>(text: &'t str, format: Format) -> Option<T> {
    read_untracked(text.strip_prefix('\u{feff}').unwrap_or(text), format)
}

/// The value, when the text reads without error.
fn read_untracked<'t, T: Deserialize<'t>>(text: &'t str, format: Format) -> Option<T> {
    match format {
        Format::Json => serde_json::from_str(text).ok(),
        Format::Yaml => serde_saphyr::from_str_with_options(text, yaml_options()).ok(),
        Format::Toml => {
            let _toml = crate::model::ReadingToml::enter();
            toml::from_str(text).ok()
        }
    }
}

fn yaml_options() -> serde_saphyr::Options {
    // Case studies seldom use YAML aliases, and never to repeat a tree many times over: a
    // tight replay budget stops an alias bomb after a few thousand events instead of the
    // parser's general limit of a million.
    let mut aliases = serde_saphyr::options::AliasLimits::default();
    aliases.max_total_replayed_events = 20_000;
    aliases.max_alias_expansions_per_anchor = 1_000;
    serde_saphyr::options! {
        // A document of any size that fits the file-size limit is read, as in JSON: the
        // node count is bounded by the bytes, and aliases by the budget below.
        budget: serde_saphyr::budget! {
            max_nodes: usize::MAX,
            max_events: usize::MAX,
        },
        // `01234` is kept as the text it is; YAML 1.1 reads it as octal, YAML 1.2 as
        // 1234, and a float would be a third reading.
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        strict_booleans: true,
        alias_limits: aliases,
        // A read of the document as written keeps a number that is not finite, as text
        // until the check reports it at its place; any other read refuses it.
        non_finite_float_policy: if numbers::keeps_non_finite() {
            serde_saphyr::options::NonFiniteFloatPolicy::PassThrough
        } else {
            serde_saphyr::options::NonFiniteFloatPolicy::Reject
        },
    }
}

/// What a parser said, before the path is added.
struct Failure {
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

fn read_json<'t, T: Deserialize<'t>>(
    text: &'t str,
    track: &mut serde_path_to_error::Track,
) -> Result<T, Failure> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(serde_path_to_error::Deserializer::new(
        &mut deserializer,
        track,
    ))
    .and_then(|value| deserializer.end().map(|()| value));
    value.map_err(|error| {
        let message = error.to_string();
        // serde_json appends " at line L column C"; the position is kept in fields.
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_owned(),
            None => message,
        };
        let line = error.line();
        let known = line > 0;
        let mut byte_column = error.column();
        if message.starts_with("duplicate field") || message.starts_with("duplicate key") {
            // serde_json stands after the repeated key; the finding belongs at its start.
            byte_column = key_start(text, line, byte_column);
        }
        Failure {
            line: known.then_some(line),
            column: known.then(|| char_column(text, line, byte_column)),
            message,
        }
    })
}

/// The 1-based byte column of the opening quote of the key that ends at or before
/// `byte_column` on `line`: serde_json reports a repeated key at its end.
fn key_start(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let bytes = line_text.as_bytes();
    let end = byte_column.min(bytes.len());
    let before = bytes.get(..end).unwrap_or_default();
    // The closing quote, then the opening one (not preceded by a backslash).
    let Some(closing) = before.iter().rposition(|&b| b == b'"') else {
        return byte_column;
    };
    let mut at = closing;
    while let Some(quote) = bytes
        .get(..at)
        .and_then(|head| head.iter().rposition(|&b| b == b'"'))
    {
        let escaped = quote > 0 && bytes.get(quote - 1) == Some(&b'\\');
        at = quote;
        if !escaped {
            return quote + 1;
        }
    }
    byte_column
}

fn read_yaml<'t, T: Deserialize<'t>>(
    text: &'t str,
    track: &mut serde_path_to_error::Track,
) -> Result<T, Failure> {
    serde_saphyr::with_deserializer_from_str_with_options(text, yaml_options(), |deserializer| {
        T::deserialize(serde_path_to_error::Deserializer::new(deserializer, track))
    })
    .map_err(|error| {
        let location = error.location().filter(|location| location.line() > 0);
        Failure {
            line: location.and_then(|at| usize::try_from(at.line()).ok()),
            column: location.and_then(|at| usize::try_from(at.column()).ok()),
            message: serde_saphyr::UserMessageFormatter
                .format_message(&error)
                .into_owned(),
        }
    })
}

fn read_toml<'t, T: Deserialize<'t>>(
    text: &'t str,
    track: &mut serde_path_to_error::Track,
) -> Result<T, Failure> {
    let failure = |error: toml::de::Error| {
        let position = error.span().map(|span| line_column(text, span.start));
        let mut message = error.message().trim_end().to_owned();
        if message == "duplicate key" {
            // The parser says which key only by its place: name it.
            let key = error
                .span()
                .and_then(|span| text.get(span.start..))
                .map(|rest| {
                    rest.split(['=', ']', '\n', '.'])
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .trim_matches(['"', '\''])
                })
                .filter(|key| !key.is_empty());
            if let Some(key) = key {
                message = format!(
                    "duplicate key `{}`: a repeated key would lose one of its values",
                    key.escape_debug()
                );
            }
        }
        Failure {
            line: position.map(|(line, _)| line),
            column: position.map(|(_, column)| column),
            message,
        }
    };
    let deserializer = toml::Deserializer::parse(text).map_err(failure)?;
    let _toml = crate::model::ReadingToml::enter();
    T::deserialize(serde_path_to_error::Deserializer::new(deserializer, track)).map_err(failure)
}

/// A parser's message in the words of the format rather than of Rust and serde: lists and
/// objects, whole numbers and numbers, not sequences, maps, `u64` and `f64`.
fn plain_words(message: &str) -> String {
    if message.contains("limits breached") || message.contains("total_replayed_events") {
        let lower = message.to_ascii_lowercase();
        return if lower.contains("depth") {
            "the YAML document nests deeper than the reader's limit of 64 levels".to_owned()
        } else if lower.contains("replay") || lower.contains("alias") {
            "the YAML document expands its aliases beyond the reader's budget (20,000 replayed events); write the repeated parts out".to_owned()
        } else {
            "the YAML document is beyond the reader's limits".to_owned()
        };
    }
    if message.contains("lone leading surrogate") {
        return "an unpaired surrogate in a \\u escape: an escape from \\ud800 to \\udbff must be followed by one from \\udc00 to \\udfff".to_owned();
    }
    let mut plain = message.to_owned();
    for (rust, words) in [
        ("a sequence", "a list"),
        ("a map", "an object"),
        ("map,", "an object,"),
        ("sequence,", "a list,"),
        ("unit value", "null"),
        ("floating point `", "the number `"),
        ("integer `", "the number `"),
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("a borrowed string", "a string"),
    ] {
        plain = plain.replace(rust, words);
    }
    // serde quotes a float in full: `1e300` would be 301 digits.
    const NUMBER: &str = "the number `";
    if let Some(start) = plain.find(NUMBER).map(|at| at + NUMBER.len())
        && let Some(length) = plain.get(start..).and_then(|rest| rest.find('`'))
        && length > 24
        && let Some(Ok(value)) = plain.get(start..start + length).map(str::parse::<f64>)
    {
        plain.replace_range(start..start + length, &numbers::shown(value));
    }
    const STRUCT: &str = "expected struct ";
    if let Some(at) = plain.find(STRUCT) {
        let name = at + STRUCT.len();
        let end = plain
            .get(name..)
            .and_then(|rest| rest.find(|c: char| !c.is_alphanumeric()))
            .map_or(plain.len(), |end| name + end);
        plain.replace_range(at..end, "expected an object");
    }
    plain
}

/// The 1-based line and character column of a byte offset. A leading byte-order mark is
/// not a character of the first line: editors do not show it, and the parsers, whose own
/// positions are counted on the text without it, read past it.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let first_character = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let line_start = before
        .rfind('\n')
        .map_or(first_character, |newline| newline + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let column = before
        .get(line_start..)
        .map_or(1, |part| part.chars().count() + 1);
    (line, column)
}

/// The character column of serde_json's byte column on a 1-based line.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    // serde_json's column is the 1-based byte position of the offending character.
    let mut end = byte_column.saturating_sub(1).min(line_text.len());
    while !line_text.is_char_boundary(end) {
        end -= 1;
    }
    line_text
        .get(..end)
        .map_or(byte_column, |part| part.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_rewritten_only_where_it_changes_and_only_if_it_did_not_change_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.yaml");
        let old = "schema_version: \"1.0\"\nid: a\n";
        let new = "schema_version: \"1.1\"\nid: a\n";
        std::fs::write(&path, old).unwrap();
        rewrite_file(&path, old.as_bytes(), new.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), new);
        // Replaced since it was read (by an editor, say): left as it is.
        let edited = "schema_version: \"1.0\"\nid: b\n";
        std::fs::write(&path, edited).unwrap();
        let error = rewrite_file(&path, old.as_bytes(), new.as_bytes()).unwrap_err();
        assert!(error.to_string().contains("changed while"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), edited);
        // Shortened since: left as it is, not padded.
        std::fs::write(&path, "id: a\n").unwrap();
        assert!(rewrite_file(&path, old.as_bytes(), new.as_bytes()).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "id: a\n");
        // Another length is written whole.
        let longer = "schema_version: \"1.10\"\nid: a\n";
        std::fs::write(&path, old).unwrap();
        rewrite_file(&path, old.as_bytes(), longer.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), longer);
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "a\nñb\nc";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 2), (2, 1));
        assert_eq!(line_column(text, 4), (2, 2));
        assert_eq!(line_column(text, 6), (3, 1));
        let marked = "\u{feff}ab\n\u{feff}c";
        assert_eq!(line_column(marked, 0), (1, 1));
        assert_eq!(line_column(marked, 3), (1, 1));
        assert_eq!(line_column(marked, 4), (1, 2));
        // Only a leading mark is read past.
        assert_eq!(line_column(marked, 9), (2, 2));
    }

    #[test]
    fn char_column_converts_bytes() {
        assert_eq!(char_column("ññx", 1, 5), 3);
        assert_eq!(char_column("abc", 1, 2), 2);
    }
}
