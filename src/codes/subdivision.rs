use super::{CountryCode, PartialDate, string_code};

string_code! {
    /// An ISO 3166-2 subdivision code, such as `ES-CB` (Cantabria) or `MX-CHH` (Chihuahua).
    ///
    /// The type checks the grammar (a country code, a hyphen, one to three upper-case
    /// letters or digits); the validator checks that the subdivision exists and belongs
    /// to the region's country. A code withdrawn from ISO 3166-2 since 2010 is known, and
    /// reported as a warning that names the code that replaced it
    /// (`withdrawn-subdivision`).
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
    /// True when the code is an ISO 3166-2 subdivision code in force.
    ///
    /// ```
    /// use casebook::SubdivisionCode;
    ///
    /// assert!("ZA-KZN".parse::<SubdivisionCode>()?.is_assigned());
    /// assert!(!"ZA-NL".parse::<SubdivisionCode>()?.is_assigned());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn is_assigned(&self) -> bool {
        super::tables::is_subdivision_in_force(&self.0)
    }

    /// Every ISO 3166-2 code in force with its name, sorted by code.
    ///
    /// ```
    /// let mut mexico = casebook::SubdivisionCode::assigned().filter(|(code, _)| code.starts_with("MX-"));
    /// assert_eq!(mexico.next(), Some(("MX-AGU", "Aguascalientes")));
    /// ```
    pub fn assigned() -> impl Iterator<Item = (&'static str, &'static str)> {
        super::tables::SUBDIVISIONS.iter().copied()
    }

    /// The name of the subdivision, when the code is in force: `Cantabria` for `ES-CB`.
    ///
    /// ```
    /// use casebook::SubdivisionCode;
    ///
    /// assert_eq!("ES-CB".parse::<SubdivisionCode>()?.name(), Some("Cantabria"));
    /// assert_eq!("ZA-NL".parse::<SubdivisionCode>()?.name(), None);
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn name(&self) -> Option<&'static str> {
        super::tables::subdivision_name(&self.0)
    }

    /// When a code withdrawn from ISO 3166-2 since 2010 was withdrawn (the day of the
    /// change that did so), and the code in force that replaced it, if a single one did;
    /// `None` for a code in force or a code the tables do not know.
    ///
    /// ```
    /// use casebook::SubdivisionCode;
    ///
    /// // KwaZulu-Natal was recoded in 2020.
    /// let (withdrawn, replacement) = "ZA-NL".parse::<SubdivisionCode>()?.withdrawal().unwrap();
    /// assert_eq!(withdrawn.to_string(), "2020-03-02");
    /// assert_eq!(replacement.unwrap().as_str(), "ZA-KZN");
    ///
    /// // Kenya's provinces gave way to 47 counties in 2014: no single code replaced them.
    /// let (_, replacement) = "KE-600".parse::<SubdivisionCode>()?.withdrawal().unwrap();
    /// assert_eq!(replacement, None);
    ///
    /// assert_eq!("ES-CB".parse::<SubdivisionCode>()?.withdrawal(), None);
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn withdrawal(&self) -> Option<(PartialDate, Option<SubdivisionCode>)> {
        let (day, replacement) = super::tables::withdrawn_subdivision(&self.0)?;
        let replacement =
            replacement.map(|code| Self(::compact_str::CompactString::const_new(code)));
        Some((day.parse().ok()?, replacement))
    }
}
