use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, is_empty, present};
use crate::{FundingSourceId, ProposalId, TopicId};

code_enum! {
    /// Where a joint proposal stands.
    ProposalStatus, kind: "proposal status" {
        /// An idea, not yet worked on.
        Idea = "idea",
        /// Being written.
        InPreparation = "in_preparation",
        /// Sent to a funder.
        Submitted = "submitted",
        /// Granted.
        Funded = "funded",
        /// Turned down.
        Rejected = "rejected",
    }
}

/// A joint proposal or project of the partners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Proposal {
    /// Id, unique among the proposals.
    pub id: ProposalId,
    /// Title.
    pub title: String,
    /// Where it stands.
    pub status: ProposalStatus,
    /// Topics it concerns: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<TopicId>,
    /// Funders it was or will be sent to: ids of entries in `funding_sources`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub funding_sources: Vec<FundingSourceId>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl Proposal {
    /// A proposal with the required fields and nothing else.
    pub fn new(id: ProposalId, title: impl Into<String>, status: ProposalStatus) -> Self {
        Self {
            id,
            title: title.into(),
            status,
            topics: Vec::new(),
            funding_sources: Vec::new(),
            note: None,
        }
    }
}
