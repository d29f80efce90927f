use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CodeError;

/// The `schema_version` of a document: `MAJOR.MINOR`, such as `1.0`.
///
/// Any version parses, so that a program can tell a reader "this is a version 2
/// document" rather than fail on its shape; the validator rejects a major version other
/// than [`SchemaVersion::CURRENT`]'s.
///
/// ```
/// use casebook::SchemaVersion;
///
/// let version: SchemaVersion = "1.0".parse()?;
/// assert_eq!(version, SchemaVersion::CURRENT);
/// assert!(version.is_supported());
/// assert!(!"2.1".parse::<SchemaVersion>()?.is_supported());
/// assert!("1".parse::<SchemaVersion>().is_err());
/// # Ok::<(), casebook::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaVersion {
    /// Changes that old readers cannot read: a new `$id`, a new crate major version.
    pub major: u32,
    /// Additions that old readers may ignore: a new optional key or enum value.
    pub minor: u32,
}

impl SchemaVersion {
    /// The version a document built in code declares unless told otherwise: `1.0`, so
    /// that a document that uses nothing newer is readable by every 1.x reader. A 1.0
    /// document read and written back stays 1.0.
    pub const CURRENT: Self = Self { major: 1, minor: 0 };

    /// The newest version of the format this crate knows: `1.1`. See
    /// [`version`](crate::version) for what each version added.
    pub const LATEST: Self = Self { major: 1, minor: 1 };

    /// The regular expression of a supported version, as in the JSON Schema.
    pub const PATTERN: &'static str = r"^1\.(0|[1-9][0-9]{0,8})$";

    /// True when this crate can read documents of this version (major version 1).
    pub fn is_supported(self) -> bool {
        self.major == Self::CURRENT.major
    }
}

impl Default for SchemaVersion {
    fn default() -> Self {
        Self::CURRENT
    }
}

fn parse_number(part: &str) -> Option<u32> {
    // At most nine digits: every such number fits in a `u32`, and the schema's pattern
    // says the same.
    let canonical = part == "0" || (!part.starts_with('0') && !part.is_empty() && part.len() <= 9);
    if canonical && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

impl FromStr for SchemaVersion {
    type Err = CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        value
            .split_once('.')
            .and_then(|(major, minor)| {
                Some(Self {
                    major: parse_number(major)?,
                    minor: parse_number(minor)?,
                })
            })
            .ok_or_else(|| CodeError::new("schema version", value, "MAJOR.MINOR, such as \"1.0\""))
    }
}

impl fmt::Display for SchemaVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for SchemaVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        value.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "version of the format, MAJOR.MINOR; this schema describes major version 1",
            "pattern": Self::PATTERN,
            "examples": ["1.0"],
        })
    }
}
