use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::{LanguageCode, PartialDate, Url};

/// Where facts of the case study come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Source {
    /// Address of the source.
    pub url: Url,
    /// Its title.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub title: Option<String>,
    /// When it was read.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub accessed: Option<PartialDate>,
    /// Its language (ISO 639-1). New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub language: Option<LanguageCode>,
    /// When it was published. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub published: Option<PartialDate>,
    /// Who published it. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub publisher: Option<String>,
}

impl Source {
    /// A source with an address and nothing else.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            title: None,
            accessed: None,
            language: None,
            published: None,
            publisher: None,
        }
    }
}
