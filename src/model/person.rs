use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::present;
use crate::{Email, OrganisationId, PersonId, RegionId, Url};

/// A person named in the case study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Person {
    /// Id, unique among the people.
    pub id: PersonId,
    /// Full name.
    pub name: String,
    /// Position or function.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub role: Option<String>,
    /// Where the person works: id of an entry in `organisations`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub organisation: Option<OrganisationId>,
    /// Which partner the person belongs to: id of an entry in `regions`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub region: Option<RegionId>,
    /// E-mail address.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub email: Option<Email>,
    /// Web page.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub url: Option<Url>,
}

impl Person {
    /// A person with an id and a name and nothing else.
    pub fn new(id: PersonId, name: impl Into<String>) -> Self {
        Self {
            id,
            name: name.into(),
            role: None,
            organisation: None,
            region: None,
            email: None,
            url: None,
        }
    }
}
