//! The errors of reading and writing documents.
//!
//! Validation findings are not errors: they are [`Diagnostic`](crate)s in a report. An
//! [`Error`] means the document could not be read into the model at all, or could not be
//! written in the format asked for.

use std::fmt;
use std::path::PathBuf;

use crate::Format;

/// The result type of this crate's fallible functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a document could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A reader failed.
    #[error("cannot read input: {0}")]
    Read(#[source] std::io::Error),
    /// The file name does not say which format the file is in.
    #[error(
        "cannot tell the format of {}: expected a file name ending in .json, .yaml, .yml or .toml",
        path.display()
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The input is not UTF-8 text.
    #[error(
        "{format} input is not valid utf-8 text (byte {valid_up_to} starts an invalid sequence)"
    )]
    NotUtf8 {
        /// The format that was being read.
        format: Format,
        /// How many bytes are valid before the first invalid one.
        valid_up_to: usize,
    },
    /// The text is not a document of the format: bad syntax, an unknown key, a missing
    /// key, a value of the wrong type.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// The model could not be written in a format, such as a `null` inside `extensions`
    /// written as TOML, which has no null.
    #[error("cannot write {format}: {source}")]
    Write {
        /// The format asked for.
        format: Format,
        /// What the writer said.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A file is larger than the limit it was read with.
    #[error("{} is larger than the limit of {limit} bytes; it was not read", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
    },
    /// A document's `schema_version` could not be changed alone.
    #[error("{}: {source}", path.display())]
    Upgrade {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::version::UpgradeError,
    },
}

/// Where and why the text of a document could not be read into the model.
///
/// ```
/// let text = r#"{"schema_version": "1.0", "id": "x", "title": "T", "colour": "red"}"#;
/// let casebook::Error::Parse(error) = casebook::from_json_str(text).unwrap_err() else {
///     panic!("expected a parse error");
/// };
/// assert_eq!(error.pointer, "");
/// assert_eq!(error.line, Some(1));
/// assert!(error.message.starts_with("unknown field `colour`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// The format of the text.
    pub format: Format,
    /// JSON Pointer (RFC 6901) of the value being read when the error happened: the
    /// object that holds an unknown or missing key, or the value of the wrong type.
    /// Empty for the document root.
    pub pointer: String,
    /// Line in the text, from 1, when known.
    pub line: Option<usize>,
    /// Column in the line, from 1, counted in characters, when known.
    pub column: Option<usize>,
    /// What is wrong, in lower case, without the position.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} document", self.format)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, " at line {line}, column {column}")?;
        }
        if !self.pointer.is_empty() {
            write!(f, " (at {})", self.pointer)?;
        }
        write!(f, ": {}", self.message)
    }
}
