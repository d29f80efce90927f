use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::CurrencyCode;

/// An amount of money in a currency.
///
/// The value is an `f64`: every amount written with up to 15 significant digits reads
/// and writes back unchanged. Non-finite values cannot be read (JSON has none) and a
/// negative value is reported by the validator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Money {
    /// The amount, zero or more.
    #[schemars(range(min = 0))]
    #[serde(deserialize_with = "super::number::real")]
    pub value: f64,
    /// The currency (ISO 4217 alphabetic code): `EUR`.
    pub currency: CurrencyCode,
}

impl Money {
    /// An amount in a currency.
    pub fn new(value: f64, currency: CurrencyCode) -> Self {
        Self { value, currency }
    }
}
