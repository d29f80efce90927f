use super::{PartialDate, is_fixed, string_code, tables};

string_code! {
    /// An ISO 4217 alphabetic currency code, such as `EUR` or `MXN`.
    ///
    /// The type checks the grammar; the validator checks that the code is known to ISO
    /// 4217, current (list one) or historic (list three, with the date it was withdrawn),
    /// so that an amount can be recorded in the currency it was in: `MZM` for a grant of
    /// 2005 in Mozambique. A historic code used for money dated after its withdrawal is a
    /// warning (`historic-currency`).
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
    /// True when the code is a current ISO 4217 currency or fund (list one).
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// assert!("ZWG".parse::<CurrencyCode>()?.is_assigned());
    /// assert!(!"HRK".parse::<CurrencyCode>()?.is_assigned());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn is_assigned(&self) -> bool {
        tables::lookup(tables::CURRENCIES, &self.0).is_some()
    }

    /// True when the code is in ISO 4217 at all: current (list one) or withdrawn (list
    /// three).
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// assert!("EUR".parse::<CurrencyCode>()?.is_known());
    /// assert!("MZM".parse::<CurrencyCode>()?.is_known());
    /// assert!(!"EUX".parse::<CurrencyCode>()?.is_known());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn is_known(&self) -> bool {
        self.is_assigned() || tables::historic_currency(&self.0).is_some()
    }

    /// The English name of the currency, current or historic, when the code is known.
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// assert_eq!("EUR".parse::<CurrencyCode>()?.name(), Some("Euro"));
    /// assert_eq!("HRK".parse::<CurrencyCode>()?.name(), Some("Kuna"));
    /// assert_eq!("EUX".parse::<CurrencyCode>()?.name(), None);
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn name(&self) -> Option<&'static str> {
        tables::lookup(tables::CURRENCIES, &self.0)
            .or_else(|| tables::historic_currency(&self.0).map(|(name, _, _)| name))
    }

    /// When a historic currency was last withdrawn, to the month (`2023-01` for `HRK`) or,
    /// where ISO 4217 gives only that, the year; `None` for a current or unknown code.
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// let kuna: CurrencyCode = "HRK".parse()?;
    /// assert_eq!(kuna.withdrawn().map(|date| date.to_string()), Some("2023-01".into()));
    /// assert_eq!("EUR".parse::<CurrencyCode>()?.withdrawn(), None);
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn withdrawn(&self) -> Option<PartialDate> {
        tables::historic_currency(&self.0).and_then(|(_, date, _)| date.parse().ok())
    }

    /// The current currency that replaced a historic one, when every territory that used
    /// it moved to the same one (from CLDR's currency history): `MZN` for `MZM`, `EUR`
    /// for `HRK`. `None` for a current or unknown code, and for a historic one that no
    /// single currency replaced, such as `YUM` (the Yugoslav dinar).
    ///
    /// ```
    /// use casebook::CurrencyCode;
    ///
    /// let successor = |code: &str| code.parse::<CurrencyCode>().unwrap().successor();
    /// assert_eq!(successor("ZWL").as_ref().map(CurrencyCode::as_str), Some("ZWG"));
    /// assert_eq!(successor("VEF").as_ref().map(CurrencyCode::as_str), Some("VES"));
    /// assert_eq!(successor("YUM"), None);
    /// assert_eq!(successor("EUR"), None);
    /// ```
    pub fn successor(&self) -> Option<CurrencyCode> {
        tables::historic_currency(&self.0)
            .and_then(|(_, _, successor)| successor)
            .map(|code| Self(::compact_str::CompactString::const_new(code)))
    }
}
