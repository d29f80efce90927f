use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{is_empty, present};
use crate::TopicId;

/// A field of cooperation: "biomedicine", "smart tourism".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Topic {
    /// Id, unique among the topics.
    pub id: TopicId,
    /// Short name.
    pub label: String,
    /// What the cooperation on this topic is about.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub description: Option<String>,
    /// UN Sustainable Development Goals it serves: numbers 1 to 17, no repeats.
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "super::number::small_wholes"
    )]
    #[schemars(inner(range(min = 1, max = 17)), extend("uniqueItems" = true))]
    pub sdgs: Vec<u8>,
}

impl Topic {
    /// A topic with an id and a label and nothing else.
    pub fn new(id: TopicId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            description: None,
            sdgs: Vec::new(),
        }
    }
}
