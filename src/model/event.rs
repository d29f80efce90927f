use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Coordinates, code_enum, is_empty, present};
use crate::{CountryCode, EventId, PartialDate, RegionId};

code_enum! {
    /// What kind of event.
    EventKind, kind: "event kind" {
        /// The start of the cooperation.
        Kickoff = "kickoff",
        /// A meeting.
        Meeting = "meeting",
        /// A delegation's visit to a partner.
        StudyVisit = "study_visit",
        /// A call for proposals or a call between partners.
        Call = "call",
        /// A workshop.
        Workshop = "workshop",
        /// A conference.
        Conference = "conference",
        /// Anything else.
        Other = "other",
    }
}

/// A meeting, visit, call or other dated event of the cooperation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// Id, unique among the events.
    pub id: EventId,
    /// What kind of event.
    pub kind: EventKind,
    /// Short title.
    pub title: String,
    /// When; an event before the pairing started is a warning.
    pub date: PartialDate,
    /// Where, in words: "Brussels, Belgium".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub place: Option<String>,
    /// Country where it took place (ISO 3166-1 alpha-2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub country: Option<CountryCode>,
    /// Where it took place, as a point. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub coordinates: Option<Coordinates>,
    /// Who took part: ids of entries in `regions`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub regions: Vec<RegionId>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl Event {
    /// An event with the required fields and nothing else.
    pub fn new(id: EventId, kind: EventKind, title: impl Into<String>, date: PartialDate) -> Self {
        Self {
            id,
            kind,
            title: title.into(),
            date,
            place: None,
            country: None,
            coordinates: None,
            regions: Vec::new(),
            note: None,
        }
    }
}
