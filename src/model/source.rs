use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::{PartialDate, Url};

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
}

impl Source {
    /// A source with an address and nothing else.
    pub fn new(url: Url) -> Self {
        Self {
            url,
            title: None,
            accessed: None,
        }
    }
}
