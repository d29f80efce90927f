use super::{is_fixed, string_code};

string_code! {
    /// An ISO 3166-1 alpha-2 country code in upper case, such as `ES` or `MX`.
    ///
    /// The type checks the grammar; the validator checks that the code is assigned. `XK`
    /// (Kosovo) counts as assigned: it is not an ISO 3166-1 code but a user-assigned one,
    /// used for Kosovo by the European Union, IATI and the World Bank.
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
    examples: ["ES", "MX"],
    check: |value| is_fixed(value, 2, u8::is_ascii_uppercase),
}

impl CountryCode {
    /// True when the code is assigned to a country in ISO 3166-1, or is `XK` (Kosovo), the
    /// user-assigned code in common use.
    ///
    /// ```
    /// assert!("ES".parse::<casebook::CountryCode>()?.is_assigned());
    /// assert!("XK".parse::<casebook::CountryCode>()?.is_assigned());
    /// assert!(!"XX".parse::<casebook::CountryCode>()?.is_assigned());
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn is_assigned(&self) -> bool {
        self.name().is_some()
    }

    /// The English name of the country, when the code is assigned.
    ///
    /// ```
    /// assert_eq!("XK".parse::<casebook::CountryCode>()?.name(), Some("Kosovo"));
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn name(&self) -> Option<&'static str> {
        super::tables::lookup(super::tables::COUNTRIES, &self.0)
    }

    /// The country's world region (UN M49), when the code is assigned; Kosovo (`XK`) is in
    /// Europe.
    ///
    /// ```
    /// use casebook::WorldRegion;
    ///
    /// assert_eq!("MX".parse::<casebook::CountryCode>()?.world_region(), Some(WorldRegion::Americas));
    /// assert_eq!("XK".parse::<casebook::CountryCode>()?.world_region(), Some(WorldRegion::Europe));
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn world_region(&self) -> Option<super::tables::WorldRegion> {
        super::tables::world_region(&self.0)
    }

    /// Every assigned ISO 3166-1 alpha-2 code and `XK`, sorted.
    ///
    /// ```
    /// let codes: Vec<&str> = casebook::CountryCode::assigned().collect();
    /// assert_eq!(codes.len(), 250);
    /// assert!(codes.contains(&"XK") && !codes.contains(&"UK"));
    /// ```
    pub fn assigned() -> impl Iterator<Item = &'static str> {
        super::tables::COUNTRIES.iter().map(|(code, _)| *code)
    }

    /// The country's NUTS prefix (`EL` for Greece, `UK` for the United Kingdom), or `None`
    /// for a country outside the NUTS classification.
    pub fn nuts_prefix(&self) -> Option<&'static str> {
        super::tables::lookup(super::tables::NUTS_COUNTRIES, &self.0)
    }

    /// True when the country was a member state of the European Union on `date`.
    ///
    /// ```
    /// use casebook::chrono::NaiveDate;
    ///
    /// let uk: casebook::CountryCode = "GB".parse()?;
    /// assert!(uk.is_eu_member_on(NaiveDate::from_ymd_opt(2020, 1, 31).unwrap()));
    /// assert!(!uk.is_eu_member_on(NaiveDate::from_ymd_opt(2020, 2, 1).unwrap()));
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn is_eu_member_on(&self, date: chrono::NaiveDate) -> bool {
        super::tables::eu_member_on(&self.0, date)
    }
}

impl CountryCode {
    /// Whether a point (latitude and longitude in degrees) lies in one of the country's
    /// bounding boxes, widened by [`COUNTRY_BOX_MARGIN`](crate::codes::COUNTRY_BOX_MARGIN)
    /// degrees; `None` when the bundled boxes have none for the country. The boxes come
    /// from Natural Earth (see the [`codes`](crate::codes) module): a country has one per
    /// part, and none crosses the antimeridian.
    ///
    /// ```
    /// use casebook::CountryCode;
    ///
    /// let fiji: CountryCode = "FJ".parse()?;
    /// assert_eq!(fiji.contains_point(-18.14, 178.44), Some(true)); // Suva
    /// assert_eq!(fiji.contains_point(-16.8, -179.9), Some(true)); // east of 180
    /// assert_eq!(fiji.contains_point(40.4, -3.7), Some(false)); // Madrid
    /// # Ok::<(), casebook::CodeError>(())
    /// ```
    pub fn contains_point(&self, lat: f64, lon: f64) -> Option<bool> {
        let margin = super::COUNTRY_BOX_MARGIN;
        let code = self.as_str();
        let boxes = super::tables::boxes::BOXES;
        let first = boxes.partition_point(|(row, _)| *row < code);
        let mut found = false;
        let mut inside = false;
        for (_, [west, south, east, north]) in boxes
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|(row, _)| *row == code)
        {
            found = true;
            inside |= (south - margin..=north + margin).contains(&lat)
                && (west - margin..=east + margin).contains(&lon);
        }
        found.then_some(inside)
    }
}
