use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{is_empty, present};
use crate::{PartialDate, RegionId, SubPairingId, TopicId};

/// Partners of a network that work together on some topics: a pairing within the
/// pairing (format 1.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubPairing {
    /// Id, unique among the sub-pairings of the pairing.
    pub id: SubPairingId,
    /// The partners that take part: ids of entries in `regions` that are partners of the
    /// pairing, at least two, no repeats.
    #[schemars(length(min = 2), extend("uniqueItems" = true))]
    pub regions: Vec<RegionId>,
    /// What they work on: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<TopicId>,
    /// When it started.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub started: Option<PartialDate>,
    /// When it ended, not before `started`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub ended: Option<PartialDate>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl SubPairing {
    /// A sub-pairing with an id and its partners and nothing else.
    pub fn new(id: SubPairingId, regions: Vec<RegionId>) -> Self {
        Self {
            id,
            regions,
            topics: Vec::new(),
            started: None,
            ended: None,
            note: None,
        }
    }
}
