use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, present};

code_enum! {
    /// The means of a [`Channel`].
    ChannelKind, kind: "channel kind" {
        /// Video calls (Skype, Zoom).
        VideoCall = "video_call",
        /// Telephone calls.
        Phone = "phone",
        /// Instant messaging (a WhatsApp group).
        Messaging = "messaging",
        /// E-mail.
        Email = "email",
        /// Face-to-face meetings.
        InPerson = "in_person",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// How often a channel is used.
    Frequency, kind: "frequency" {
        /// Every day or almost.
        Daily = "daily",
        /// Every week.
        Weekly = "weekly",
        /// Every month.
        Monthly = "monthly",
        /// Every three months.
        Quarterly = "quarterly",
        /// Every year.
        Yearly = "yearly",
        /// Now and then.
        Occasional = "occasional",
    }
}

/// How the partners of a pairing keep in touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Channel {
    /// The means.
    pub kind: ChannelKind,
    /// The tool: "WhatsApp", "Skype".
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub tool: Option<String>,
    /// How often it is used.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub frequency: Option<Frequency>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl Channel {
    /// A channel of this kind and nothing else.
    pub fn new(kind: ChannelKind) -> Self {
        Self {
            kind,
            tool: None,
            frequency: None,
            note: None,
        }
    }
}
