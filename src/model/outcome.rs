use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, is_empty, present};
use crate::{OutcomeId, PartialDate, TopicId};

code_enum! {
    /// How far an outcome has come.
    OutcomeStatus, kind: "outcome status" {
        /// Intended.
        Planned = "planned",
        /// Under way.
        InProgress = "in_progress",
        /// Done.
        Achieved = "achieved",
    }
}

/// A result or impact of the cooperation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Outcome {
    /// Id, unique among the outcomes.
    pub id: OutcomeId,
    /// The outcome.
    pub text: String,
    /// How far it has come.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub status: Option<OutcomeStatus>,
    /// Topics it concerns: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<TopicId>,
    /// When it was reached, or is expected (format 1.1); an `achieved` outcome is not
    /// dated before the pairing started.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub date: Option<PartialDate>,
}

impl Outcome {
    /// An outcome with an id and a text and nothing else.
    pub fn new(id: OutcomeId, text: impl Into<String>) -> Self {
        Self {
            id,
            text: text.into(),
            status: None,
            topics: Vec::new(),
            date: None,
        }
    }
}
