use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, is_empty, present};
use crate::{LessonId, TopicId};

code_enum! {
    /// What a lesson is about.
    LessonTheme, kind: "lesson theme" {
        /// How partners talk to each other.
        Communication = "communication",
        /// Working culture, mindsets.
        Culture = "culture",
        /// Politics, institutions, powers.
        Governance = "governance",
        /// Money and people.
        Resources = "resources",
        /// How the exchange is run.
        Method = "method",
        /// Anything else.
        Other = "other",
    }
}

/// A lesson learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Lesson {
    /// Id, unique among the lessons.
    pub id: LessonId,
    /// The lesson.
    pub text: String,
    /// A short headline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub title: Option<String>,
    /// What it is about.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub themes: Vec<LessonTheme>,
    /// Topics it concerns: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<TopicId>,
}

impl Lesson {
    /// A lesson with an id and a text and nothing else.
    pub fn new(id: LessonId, text: impl Into<String>) -> Self {
        Self {
            id,
            text: text.into(),
            title: None,
            themes: Vec::new(),
            topics: Vec::new(),
        }
    }
}
