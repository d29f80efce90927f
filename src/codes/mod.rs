//! Small value types: slug ids, partial dates and the codes of the format.
//!
//! Each type checks its *grammar* when it is built (from a string, in code or by serde),
//! so a value of the type is always well formed. Whether a well-formed code is also
//! *assigned* (is `XK` a country? is `ES-ZZ` a subdivision?) is a question for the
//! validator, which answers it from the bundled code tables and reports every finding at
//! once. Keeping the types lenient about assignment lets a program read a document that
//! uses a code newer than this crate's tables.

use std::borrow::Cow;

mod country;
mod currency;
mod date;
mod email;
mod id;
mod language;
mod nuts;
mod schema_version;
mod subdivision;
pub(crate) mod tables;
mod url;

pub use self::country::CountryCode;
pub use self::currency::CurrencyCode;
pub use self::date::{DatePrecision, PartialDate};
pub use self::email::Email;
pub use self::id::{
    CaseStudyId, ChallengeId, EventId, FundingSourceId, LessonId, MAX_ID_LEN, OrganisationId,
    OutcomeId, PersonId, ProposalId, RegionId, TopicId, is_slug,
};
pub use self::language::LanguageCode;
pub use self::nuts::NutsCode;
pub use self::schema_version::SchemaVersion;
pub use self::subdivision::SubdivisionCode;
pub use self::tables::{CODE_TABLES_VERSION, WorldRegion};
pub use self::url::Url;

/// Longest part of a rejected value that is repeated in an error message, so that a
/// hostile 64 MiB string does not become a 64 MiB message.
const MAX_QUOTED_CHARS: usize = 64;

/// A value that does not follow the grammar of its type.
///
/// ```
/// use casebook::CountryCode;
///
/// let error = "Es".parse::<CountryCode>().unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     r#"invalid country code "Es": expected two upper-case letters (ISO 3166-1 alpha-2), such as "ES""#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {kind} {value:?}: expected {expected}")]
pub struct CodeError {
    /// What was being read, such as `"country code"`.
    pub kind: &'static str,
    /// The rejected value, shortened to its first 64 characters.
    pub value: String,
    /// What a valid value looks like.
    pub expected: Cow<'static, str>,
}

impl CodeError {
    /// Builds the error for `value`, shortening long values.
    pub fn new(kind: &'static str, value: &str, expected: impl Into<Cow<'static, str>>) -> Self {
        let value = match value.char_indices().nth(MAX_QUOTED_CHARS) {
            Some((cut, _)) => format!("{}...", &value[..cut]),
            None => value.to_owned(),
        };
        Self {
            kind,
            value,
            expected: expected.into(),
        }
    }
}

/// The characters that count as space, as a regular-expression class body: Unicode's
/// `White_Space` (what Rust's `char::is_whitespace` says) and U+FEFF, which ECMAScript's
/// `\s` counts. Spelled out, because `\s` means something else in each regex engine
/// (Python's also takes U+001C to U+001F, ECMAScript's leaves out U+0085).
macro_rules! space_class {
    () => {
        "\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
    };
}

pub(crate) use space_class;

/// True for a character of [`space_class!`].
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Defines a string newtype whose grammar is checked by `$check`.
///
/// Every such type gets the same API: `new`, `as_str`, `into_string`, `FromStr`,
/// `Display`, `AsRef<str>`, `Borrow<str>`, `TryFrom<String>`, serde as a plain string
/// (deserialising goes through the check) and a JSON Schema with the pattern.
macro_rules! string_code {
    (
        $(#[$meta:meta])*
        $name:ident,
        kind: $kind:literal,
        expected: $expected:literal,
        pattern: $pattern:expr,
        $(max_length: $max_length:literal,)?
        examples: [$($example:literal),* $(,)?],
        check: $check:expr $(,)?
    ) => {
        $(#[$meta])*
        // Ids and codes are short: stored inline (up to 24 bytes) rather than on the heap,
        // which saves most of the allocations of reading a document.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) ::compact_str::CompactString);

        impl $name {
            /// The regular expression a valid value matches, as used in the JSON Schema.
            pub const PATTERN: &'static str = $pattern;

            /// Checks `value` and wraps it.
            ///
            /// # Errors
            ///
            /// Returns a [`CodeError`](crate::CodeError) that says what a valid value looks
            /// like when `value` does not follow the grammar.
            pub fn new(value: impl AsRef<str>) -> Result<Self, $crate::codes::CodeError> {
                let value = value.as_ref();
                let check: fn(&str) -> bool = $check;
                if check(value) {
                    Ok(Self(::compact_str::CompactString::new(value)))
                } else {
                    Err($crate::codes::CodeError::new($kind, value, $expected))
                }
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as an owned string.
            pub fn into_string(self) -> String {
                self.0.into_string()
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::codes::CodeError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::codes::CodeError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::codes::CodeError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0.into_string()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// Reads a borrowed string where the format allows, so that a short
                /// value never touches the heap.
                struct Text;

                impl ::serde::de::Visitor<'_> for Text {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str($expected)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        $name::new(value).map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(Text)
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                #[allow(unused_mut)]
                let mut schema = ::schemars::json_schema!({
                    "type": "string",
                    "description": $expected,
                    "pattern": $pattern,
                    "examples": [$($example),*],
                });
                // No `format`: the pattern carries the rule, and every validator reads
                // a pattern alike (see `schema.rs`).
                $(schema.insert("maxLength".into(), $max_length.into());)?
                schema
            }
        }
    };
}

pub(crate) use string_code;

/// True when `value` is `len` characters, each accepted by `accept`.
pub(crate) fn is_fixed(value: &str, len: usize, accept: fn(&u8) -> bool) -> bool {
    value.len() == len && value.as_bytes().iter().all(accept)
}
