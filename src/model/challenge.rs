use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, present};
use crate::ChallengeId;

code_enum! {
    /// Whether a challenge has been answered.
    ChallengeStatus, kind: "challenge status" {
        /// Still to be answered.
        Open = "open",
        /// Answered.
        Addressed = "addressed",
    }
}

/// A challenge the pairing met, and how it was or will be answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Challenge {
    /// Id, unique among the challenges.
    pub id: ChallengeId,
    /// The challenge.
    pub text: String,
    /// How it was or will be answered.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub response: Option<String>,
    /// Whether it has been answered.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub status: Option<ChallengeStatus>,
}

impl Challenge {
    /// A challenge with an id and a text and nothing else.
    pub fn new(id: ChallengeId, text: impl Into<String>) -> Self {
        Self {
            id,
            text: text.into(),
            response: None,
            status: None,
        }
    }
}
