use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::PersonId;

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
}

impl Quote {
    /// A quote and its speaker.
    pub fn new(text: impl Into<String>, speaker: PersonId) -> Self {
        Self {
            text: text.into(),
            speaker,
            context: None,
        }
    }
}
