use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Channel, SubPairing, code_enum, is_empty, newer_collection, present};
use crate::{LanguageCode, PartialDate, RegionId, TopicId};

code_enum! {
    /// What a pairing joins.
    PairingKind, kind: "pairing kind" {
        /// Cities, municipalities or metropolitan areas.
        CityToCity = "city_to_city",
        /// Regions, states, provinces.
        RegionToRegion = "region_to_region",
        /// Three or more partners working as one cooperation (format 1.1).
        Network = "network",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// Where a pairing stands.
    PairingStatus, kind: "pairing status" {
        /// Agreed, not yet started; has no `ended`.
        Planned = "planned",
        /// Going on; has no `ended`.
        Active = "active",
        /// Over; needs `ended`.
        Concluded = "concluded",
        /// Paused.
        Suspended = "suspended",
    }
}

/// The cooperation itself: who, since when, how they keep in touch, on what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Pairing {
    /// What the pairing joins.
    pub kind: PairingKind,
    /// The partners: ids of entries in `regions`, at least two, no repeats.
    #[schemars(length(min = 2), extend("uniqueItems" = true))]
    pub regions: Vec<RegionId>,
    /// When it started.
    pub started: PartialDate,
    /// When it ended; absent while it goes on, not before `started`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub ended: Option<PartialDate>,
    /// Where it stands; `concluded` needs `ended`, `active` and `planned` must not have it.
    pub status: PairingStatus,
    /// How the partners keep in touch.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub channels: Vec<Channel>,
    /// Working languages (ISO 639-1).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub languages: Vec<LanguageCode>,
    /// What the pairing focuses on: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub focus: Vec<TopicId>,
    /// Regions that follow the cooperation without being partners: ids of entries in
    /// `regions`, no repeats, none of them in `regions` of the pairing (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    #[schemars(extend("uniqueItems" = true))]
    pub observers: Vec<RegionId>,
    /// Pairs or groups of partners that work together on some topics, in a network
    /// (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    pub sub_pairings: Vec<SubPairing>,
}

impl Pairing {
    /// A pairing with the required fields and nothing else.
    pub fn new(
        kind: PairingKind,
        regions: Vec<RegionId>,
        started: PartialDate,
        status: PairingStatus,
    ) -> Self {
        Self {
            kind,
            regions,
            started,
            ended: None,
            status,
            channels: Vec::new(),
            languages: Vec::new(),
            focus: Vec::new(),
            observers: Vec::new(),
            sub_pairings: Vec::new(),
        }
    }
}
