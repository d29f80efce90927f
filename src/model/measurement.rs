use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{code_enum, present};
use crate::PartialDate;

code_enum! {
    /// How a figure relates to the true value (format 1.1): "about 7.5 million", "at least
    /// 200". It says nothing about the date: an uncertain date is written in EDTF (`2018?`).
    Qualifier, kind: "qualifier" {
        /// The figure is the value.
        Exact = "exact",
        /// Roughly the figure.
        About = "about",
        /// The figure or more.
        AtLeast = "at_least",
        /// More than the figure.
        MoreThan = "more_than",
        /// The figure or less.
        AtMost = "at_most",
        /// Less than the figure.
        LessThan = "less_than",
    }
}

// `code_enum!` defines the enum, so the default cannot be derived there.
#[allow(clippy::derivable_impls)]
impl Default for Qualifier {
    fn default() -> Self {
        Self::Exact
    }
}

impl Qualifier {
    /// The words that go before a figure in a sentence: `about`, `at least`; nothing for
    /// `exact`.
    pub const fn words(self) -> &'static str {
        match self {
            Self::Exact => "",
            Self::About => "about",
            Self::AtLeast => "at least",
            Self::MoreThan => "more than",
            Self::AtMost => "at most",
            Self::LessThan => "less than",
        }
    }
}

/// One figure of an [`Indicator`](crate::Indicator) (format 1.1): a value, when it was
/// measured, and how exact it is.
///
/// An absent `qualifier` means `exact`, but the two are kept apart ([`Measurement::qualifier`]
/// is an `Option`), so that a document read and written back gains no key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Measurement {
    /// The figure: any finite number, in the indicator's unit.
    #[serde(
        deserialize_with = "super::number::real",
        serialize_with = "super::number::write_real"
    )]
    pub value: f64,
    /// When it was measured, or for a target when it is aimed at.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub date: Option<PartialDate>,
    /// How the figure relates to the true value; `exact` when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub qualifier: Option<Qualifier>,
    /// Anything worth saying about it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub note: Option<String>,
}

impl Measurement {
    /// A figure with nothing else.
    pub fn new(value: f64) -> Self {
        Self {
            value,
            date: None,
            qualifier: None,
            note: None,
        }
    }

    /// The qualifier, `exact` when absent.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier.unwrap_or_default()
    }
}
