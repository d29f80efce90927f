use super::{CountryCode, string_code};

string_code! {
    /// An ISO 3166-2 subdivision code, such as `ES-CB` (Cantabria) or `MX-CHH` (Chihuahua).
    ///
    /// The type checks the grammar (a country code, a hyphen, one to three upper-case
    /// letters or digits); the validator checks that the subdivision exists and belongs
    /// to the region's country.
    ///
    /// ```
    /// use casebook::SubdivisionCode;
    ///
    /// let cantabria: SubdivisionCode = "ES-CB".parse()?;
    /// assert_eq!(cantabria.country().as_str(), "ES");
    /// assert!("ESCB".parse::<SubdivisionCode>().is_err());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    SubdivisionCode,
    kind: "subdivision code",
    expected: "an ISO 3166-2 code: country, hyphen, 1 to 3 upper-case letters or digits, such as \"ES-CB\"",
    pattern: "^[A-Z]{2}-[A-Z0-9]{1,3}$",
    examples: ["ES-CB", "MX-CHH"],
    check: is_subdivision,
}

fn is_subdivision(value: &str) -> bool {
    let bytes = value.as_bytes();
    (4..=6).contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.get(2) == Some(&b'-')
        && bytes
            .iter()
            .skip(3)
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl SubdivisionCode {
    /// The country part of the code: `ES` for `ES-CB`.
    pub fn country(&self) -> CountryCode {
        CountryCode(self.0.get(..2).unwrap_or_default().into())
    }

    /// The part after the hyphen: `CB` for `ES-CB`.
    pub fn local_part(&self) -> &str {
        self.0.get(3..).unwrap_or_default()
    }
}

impl SubdivisionCode {
    /// True when the code is an ISO 3166-2 subdivision.
    pub fn is_assigned(&self) -> bool {
        self.name().is_some()
    }

    /// Every ISO 3166-2 code with its name, sorted by code.
    pub fn assigned() -> impl Iterator<Item = (&'static str, &'static str)> {
        super::tables::SUBDIVISIONS.iter().copied()
    }

    /// The name of the subdivision, when the code is assigned: `Cantabria` for `ES-CB`.
    pub fn name(&self) -> Option<&'static str> {
        super::tables::lookup(super::tables::SUBDIVISIONS, &self.0)
    }
}
