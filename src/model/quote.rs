use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::{LanguageCode, PersonId};

/// A quoted statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Quote {
    /// The words, as quoted.
    pub text: String,
    /// Who said it: id of an entry in `people`.
    pub speaker: PersonId,
    /// When or about what it was said.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub context: Option<String>,
    /// The language of `text` (ISO 639-1), when it is not the document's: `pt`. New in
    /// format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub language: Option<LanguageCode>,
    /// The quote in the document's language; only with `language`. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub translation: Option<String>,
}

impl Quote {
    /// A quote and its speaker.
    pub fn new(text: impl Into<String>, speaker: PersonId) -> Self {
        Self {
            text: text.into(),
            speaker,
            context: None,
            language: None,
            translation: None,
        }
    }
}
