use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Qualifier, present};
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
    #[serde(
        deserialize_with = "super::number::real",
        serialize_with = "super::number::write_real"
    )]
    pub value: f64,
    /// The currency (ISO 4217 alphabetic code): `EUR`.
    pub currency: CurrencyCode,
    /// How the amount relates to the true one ("about USD 7.5 million"); `exact` when
    /// absent, and kept apart from `exact` so that a document read and written back gains
    /// no key (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub qualifier: Option<Qualifier>,
}

impl Money {
    /// An amount in a currency.
    pub fn new(value: f64, currency: CurrencyCode) -> Self {
        Self {
            value,
            currency,
            qualifier: None,
        }
    }

    /// The qualifier, `exact` when absent.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier.unwrap_or_default()
    }
}
