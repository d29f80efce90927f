//! The typed model of a case-study document, one module per object of the format.
//!
//! Every struct has public fields and a `new` function that takes the required ones. The
//! structs are `#[non_exhaustive]`: a 1.x version of the format may add optional keys, and
//! a new field must not break code that depends on this crate. So, outside this crate,
//! build a value with `new` and set the optional fields afterwards:
//!
//! ```
//! use casebook::{Region, RegionKind};
//!
//! let mut cantabria =
//!     Region::new("cantabria".parse()?, "Cantabria", RegionKind::Region, "ES".parse()?);
//! cantabria.nuts = Some("ES13".parse()?);
//! cantabria.population = Some(580_000);
//! assert_eq!(cantabria.name, "Cantabria");
//! # Ok::<(), casebook::CodeError>(())
//! ```
//!
//! Or, as one expression, with `with`, which every struct of the model has:
//!
//! ```
//! use casebook::{Region, RegionKind};
//!
//! let cantabria = Region::new("cantabria".parse()?, "Cantabria", RegionKind::Region, "ES".parse()?)
//!     .with(|region| region.nuts = Some("ES13".parse().unwrap()));
//! assert_eq!(cantabria.nuts.unwrap().as_str(), "ES13");
//! # Ok::<(), casebook::CodeError>(())
//! ```
//!
//! Struct literals and `..T::new(...)` are not available outside the crate, and patterns
//! that take a struct apart end with `..`. Enums of code values are `#[non_exhaustive]` for
//! the same reason: a 1.x version may add values.

mod case_study;
mod challenge;
mod channel;
mod coordinates;
mod event;
mod extensions;
mod funding_source;
mod indicator;
mod lesson;
mod measurement;
mod money;
pub(crate) mod number;
mod organisation;
mod outcome;
mod pairing;
mod person;
mod place_identifier;
mod programme;
mod proposal;
mod quote;
mod region;
mod share;
mod source;
mod sub_pairing;
mod topic;

pub use self::case_study::{CaseStudy, Extensions, Translations};
pub use self::challenge::{Challenge, ChallengeStatus};
pub use self::channel::{Channel, ChannelKind, Frequency};
pub use self::coordinates::Coordinates;
pub use self::event::{Event, EventKind};
pub(crate) use self::extensions::{ReadingToml, Strict, StrictKey, StrictTree, toml_dates_read};
pub use self::funding_source::{FundingKind, FundingScope, FundingSource, FundingStatus};
pub use self::indicator::{Indicator, Measure};
pub use self::lesson::{Lesson, LessonTheme};
pub use self::measurement::{Measurement, Qualifier};
pub use self::money::Money;
pub use self::organisation::{Organisation, OrganisationKind, OrganisationRole};
pub use self::outcome::{Outcome, OutcomeStatus};
pub use self::pairing::{Pairing, PairingKind, PairingStatus};
pub use self::person::Person;
pub use self::place_identifier::{IdentifierScheme, PlaceIdentifier};
pub use self::programme::Programme;
pub use self::proposal::{Proposal, ProposalStatus};
pub use self::quote::Quote;
pub use self::region::{Region, RegionKind};
pub use self::share::Share;
pub use self::source::Source;
pub use self::sub_pairing::SubPairing;
pub use self::topic::Topic;

/// Gives each struct of the model `with`, which sets optional fields in one expression.
macro_rules! with_setter {
    ($($model:ty),+ $(,)?) => {
        $(impl $model {
            /// Returns the value after `set` has changed it: sets optional fields in one
            /// expression, since the struct is `#[non_exhaustive]`.
            #[must_use]
            pub fn with(mut self, set: impl FnOnce(&mut Self)) -> Self {
                set(&mut self);
                self
            }
        })+
    };
}

with_setter!(
    CaseStudy,
    Challenge,
    Channel,
    Coordinates,
    Event,
    FundingSource,
    Indicator,
    Lesson,
    Measurement,
    Money,
    Organisation,
    Outcome,
    Pairing,
    Person,
    PlaceIdentifier,
    Programme,
    Proposal,
    Quote,
    Region,
    Share,
    Source,
    SubPairing,
    Topic,
);

/// Defines an enum of `snake_case` code values with `ALL`, `as_str`, `Display` and
/// `FromStr` (whose error lists the allowed values), and serde and JSON Schema support.
macro_rules! code_enum {
    (
        $(#[doc = $doc:literal])*
        $name:ident, kind: $kind:literal {
            $(#[doc = $variant_doc:literal] $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[non_exhaustive]
        pub enum $name {
            $(#[doc = $variant_doc] #[serde(rename = $text)] $variant,)+
        }

        // A plain `enum` list rather than schemars' `oneOf` of documented constants, so
        // that every JSON Schema validator reports a bad value as one clear error.
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let description = [$($doc.trim(),)* "\n", $(concat!("- `", $text, "`:", $variant_doc),)+].join("\n");
                ::schemars::json_schema!({
                    "type": "string",
                    "description": description.replace("\n\n\n", "\n\n"),
                    "enum": [$($text,)+],
                })
            }
        }

        impl $name {
            /// Every value, in the order of the format.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The value as written in a document.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// The values as written, joined for an error message: `` `a`, `b` ``.
            pub fn allowed() -> String {
                [$(concat!("`", $text, "`"),)+].join(", ")
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::CodeError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($text => Ok(Self::$variant),)+
                    _ => Err($crate::CodeError::new(
                        $kind,
                        value,
                        format!("one of {}", Self::allowed()),
                    )),
                }
            }
        }
    };
}

pub(crate) use code_enum;

/// Serde's `skip_serializing_if` for optional lists: an empty list is not written.
pub(crate) fn is_empty<T>(items: &[T]) -> bool {
    items.is_empty()
}

/// A list or map of the model, which reads as absent when it is empty.
pub(crate) trait Collection {
    /// True when it holds nothing.
    fn is_empty(&self) -> bool;
}

impl<T> Collection for Vec<T> {
    fn is_empty(&self) -> bool {
        Vec::is_empty(self)
    }
}

impl<K, V> Collection for indexmap::IndexMap<K, V> {
    fn is_empty(&self) -> bool {
        indexmap::IndexMap::is_empty(self)
    }
}

/// Serde's `deserialize_with` for a list or map that a later minor version of the format
/// added. Written empty, it reads as the key's absence, which a reader of an earlier
/// version would still refuse; the read notes it, so that the text is searched for such
/// keys only when there is one (`version::check_empty_uses`).
pub(crate) fn newer_collection<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Collection,
{
    let collection = T::deserialize(deserializer)?;
    if collection.is_empty() {
        crate::version::note_empty_newer_collection();
    }
    Ok(collection)
}

/// Serde's `deserialize_with` for optional keys: a key that is present must hold a value.
///
/// Plain `Option` reads `null` as absent, so `"summary": null` (or YAML's `summary:`)
/// would vanish on the next write; the format has no null, so it is an error here, as it
/// is in the JSON Schema.
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}
