use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::Url;

/// The cooperation programme a pairing belongs to, such as the EU's International Urban
/// Cooperation (IUC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Programme {
    /// Full name: "International Urban Cooperation".
    pub name: String,
    /// Short name: "IUC".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub acronym: Option<String>,
    /// Web site (http or https).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub url: Option<Url>,
    /// Who funds the programme: "European Union".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub funded_by: Option<String>,
    /// What the programme does.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub description: Option<String>,
}

impl Programme {
    /// A programme with a name and nothing else.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            acronym: None,
            url: None,
            funded_by: None,
            description: None,
        }
    }
}
