use super::{is_fixed, string_code};

string_code! {
    /// An ISO 4217 alphabetic currency code, such as `EUR` or `MXN`.
    ///
    /// The type checks the grammar; the validator checks that the code is a current one.
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// assert!("EUR".parse::<CurrencyCode>().is_ok());
    /// assert!("euro".parse::<CurrencyCode>().is_err());
    /// ```
    CurrencyCode,
    kind: "currency code",
    expected: "three upper-case letters (ISO 4217), such as \"EUR\"",
    pattern: "^[A-Z]{3}$",
    examples: ["EUR", "MXN"],
    check: |value| is_fixed(value, 3, u8::is_ascii_uppercase),
}

impl CurrencyCode {
    /// True when the code is a current ISO 4217 currency.
    pub fn is_assigned(&self) -> bool {
        self.name().is_some()
    }

    /// The English name of the currency, when the code is current.
    pub fn name(&self) -> Option<&'static str> {
        super::tables::lookup(super::tables::CURRENCIES, &self.0)
    }
}
