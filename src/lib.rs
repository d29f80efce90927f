#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// No panics on any input: these are denied outside tests, and each remaining allowance
// says why it cannot fail.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

/// The date library of [`PartialDate`]'s days, re-exported for callers of its methods.
pub use chrono;

pub mod batch;
pub mod codes;
mod error;
#[cfg(feature = "export")]
pub mod export;
pub mod format;
pub mod model;
pub mod output;
mod pointer;
pub mod render;
pub mod schema;
pub mod stats;
pub mod validate;
pub mod version;

#[doc(no_inline)]
pub use crate::codes::{
    CODE_TABLES_VERSION, CaseStudyId, ChallengeId, CodeError, CountryCode, CurrencyCode,
    DatePrecision, Email, EventId, FundingSourceId, IndicatorId, LanguageCode, LessonId, NutsCode,
    OrganisationId, OutcomeId, PartialDate, PersonId, ProposalId, RegionId, SchemaVersion,
    SubPairingId, SubdivisionCode, TopicId, Url, WorldRegion, is_slug,
};
pub use crate::error::{Error, ParseError, Result};
#[doc(no_inline)]
pub use crate::format::{
    Format, from_json_str, from_path, from_reader, from_slice, from_str_as, from_toml_str,
    from_yaml_str, to_json_string, to_string_as, to_toml_string, to_yaml_string, value_from_str,
};
#[doc(no_inline)]
pub use crate::model::{
    CaseStudy, Challenge, ChallengeStatus, Channel, ChannelKind, Coordinates, Event, EventKind,
    Extensions, Frequency, FundingKind, FundingScope, FundingSource, FundingStatus,
    IdentifierScheme, Indicator, Lesson, LessonTheme, Measure, Measurement, Money, Organisation,
    OrganisationKind, OrganisationRole, Outcome, OutcomeStatus, Pairing, PairingKind,
    PairingStatus, Person, PlaceIdentifier, Programme, Proposal, ProposalStatus, Qualifier, Quote,
    Region, RegionKind, Share, Source, SubPairing, Topic, Translations,
};
#[doc(no_inline)]
pub use crate::schema::{SCHEMA_ID, schema, schema_json};
#[doc(no_inline)]
pub use crate::validate::{
    Diagnostic, Level, Profile, Report, RuleCode, Severity, Validator, validate_str,
};
