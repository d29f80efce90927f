use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Measurement, code_enum, is_empty, present};
use crate::{IndicatorId, OutcomeId, RegionId, TopicId, Url};

code_enum! {
    /// What an indicator counts or measures.
    Measure, kind: "measure" {
        /// A number of things or people: whole, not negative.
        Count = "count",
        /// A share, from 0 to 100.
        Percentage = "percentage",
        /// An amount of money; the unit is its ISO 4217 currency code.
        Money = "money",
        /// Any other quantity, in the indicator's unit: "tonnes per day".
        Quantity = "quantity",
    }
}

/// A result in numbers (format 1.1): what is measured, in which unit, and its figures
/// before the cooperation, aimed at and reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Indicator {
    /// Id, unique among the indicators.
    pub id: IndicatorId,
    /// What is measured: "Students with access to sanitation".
    pub name: String,
    /// What kind of figure it is.
    pub measure: Measure,
    /// The unit: "students", "percent", "tonnes per day"; for `money`, an ISO 4217
    /// currency code such as `USD`.
    pub unit: String,
    /// The value before the cooperation.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub baseline: Option<Measurement>,
    /// The value aimed at.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub target: Option<Measurement>,
    /// The values reached, each at its date.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub values: Vec<Measurement>,
    /// The result it measures: id of an entry in `outcomes`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub outcome: Option<OutcomeId>,
    /// Topics it concerns: ids of entries in `topics`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<TopicId>,
    /// Where it was measured: ids of entries in `regions`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub regions: Vec<RegionId>,
    /// Where the figures come from.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub source: Option<Url>,
}

impl Indicator {
    /// An indicator with the required fields and nothing else (a valid one needs a
    /// baseline, a target or values as well).
    pub fn new(
        id: IndicatorId,
        name: impl Into<String>,
        measure: Measure,
        unit: impl Into<String>,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            measure,
            unit: unit.into(),
            baseline: None,
            target: None,
            values: Vec::new(),
            outcome: None,
            topics: Vec::new(),
            regions: Vec::new(),
            source: None,
        }
    }

    /// The baseline, the target and the values, each with its pointer below the
    /// indicator (`/baseline`, `/target`, `/values/0`), in document order.
    pub fn measurements(&self) -> Vec<(String, &Measurement)> {
        let mut all = Vec::with_capacity(self.values.len() + 2);
        if let Some(baseline) = &self.baseline {
            all.push(("/baseline".to_owned(), baseline));
        }
        if let Some(target) = &self.target {
            all.push(("/target".to_owned(), target));
        }
        for (i, value) in self.values.iter().enumerate() {
            all.push((format!("/values/{i}"), value));
        }
        all
    }
}
