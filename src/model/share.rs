use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Money, present};
use crate::{OrganisationId, RegionId};

/// Who got or gave how much of a funding source (format 1.1). A share names exactly one
/// of `region` and `organisation`; the validator reports one that names both or neither
/// (`share-party`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Share {
    /// The partner: id of an entry in `regions`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub region: Option<RegionId>,
    /// The body: id of an entry in `organisations`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub organisation: Option<OrganisationId>,
    /// How much, in the currency of the funding source's `amount`.
    pub amount: Money,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl Share {
    /// A share of a partner region.
    pub fn of_region(region: RegionId, amount: Money) -> Self {
        Self {
            region: Some(region),
            organisation: None,
            amount,
            note: None,
        }
    }

    /// A share of an organisation.
    pub fn of_organisation(organisation: OrganisationId, amount: Money) -> Self {
        Self {
            region: None,
            organisation: Some(organisation),
            amount,
            note: None,
        }
    }
}
