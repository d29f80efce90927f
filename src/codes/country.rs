use super::{is_fixed, string_code};

string_code! {
    /// An ISO 3166-1 alpha-2 country code in upper case, such as `ES` or `MX`.
    ///
    /// The type checks the grammar; the validator checks that the code is assigned.
    ///
    /// ```
    /// use casebook::CountryCode;
    ///
    /// let spain: CountryCode = "ES".parse()?;
    /// assert_eq!(spain.as_str(), "ES");
    /// assert!("es".parse::<CountryCode>().is_err());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    CountryCode,
    kind: "country code",
    expected: "two upper-case letters (ISO 3166-1 alpha-2), such as \"ES\"",
    pattern: "^[A-Z]{2}$",
    check: |value| is_fixed(value, 2, u8::is_ascii_uppercase),
}
