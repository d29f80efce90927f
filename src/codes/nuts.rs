use super::string_code;

string_code! {
    /// A NUTS code (Nomenclature of Territorial Units for Statistics), such as `ES13`
    /// (Cantabria) or `EL30` (Attica).
    ///
    /// Its first two letters are the country's NUTS prefix, which is the ISO 3166-1 code
    /// except `EL` for Greece and `UK` for the United Kingdom; the next up to three
    /// characters name the level 1, 2 and 3 units. The validator checks the prefix
    /// against the region's country.
    ///
    /// ```
    /// use casebook::NutsCode;
    ///
    /// let cantabria: NutsCode = "ES13".parse()?;
    /// assert_eq!(cantabria.prefix(), "ES");
    /// assert_eq!(cantabria.level(), 2);
    /// assert!("es13".parse::<NutsCode>().is_err());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    NutsCode,
    kind: "nuts code",
    expected: "two upper-case letters and up to three upper-case letters or digits, such as \"ES13\"",
    pattern: "^[A-Z]{2}[A-Z0-9]{0,3}$",
    examples: ["ES13", "EL30"],
    check: is_nuts,
}

fn is_nuts(value: &str) -> bool {
    let bytes = value.as_bytes();
    (2..=5).contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes
            .iter()
            .skip(2)
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl NutsCode {
    /// The two-letter NUTS country prefix: `ES` for `ES13`, `EL` for `EL30`.
    pub fn prefix(&self) -> &str {
        self.0.get(..2).unwrap_or_default()
    }

    /// The NUTS level: 0 for a country (`ES`), 1 to 3 for the units below it.
    pub fn level(&self) -> usize {
        self.0.len().saturating_sub(2)
    }
}
