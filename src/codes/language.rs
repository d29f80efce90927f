use super::{is_fixed, string_code};

string_code! {
    /// An ISO 639-1 language code in lower case, such as `en` or `es`.
    ///
    /// The type checks the grammar; the validator checks that the code is assigned.
    ///
    /// ```
    /// use casebook::LanguageCode;
    ///
    /// assert!("es".parse::<LanguageCode>().is_ok());
    /// assert!("spa".parse::<LanguageCode>().is_err());
    /// ```
    LanguageCode,
    kind: "language code",
    expected: "two lower-case letters (ISO 639-1), such as \"en\"",
    pattern: "^[a-z]{2}$",
    examples: ["en", "es"],
    check: |value| is_fixed(value, 2, u8::is_ascii_lowercase),
}

impl LanguageCode {
    /// English, the language a document is in when it names none.
    pub fn english() -> Self {
        Self(::compact_str::CompactString::const_new("en"))
    }
}

impl LanguageCode {
    /// True when the code is an ISO 639-1 language.
    pub fn is_assigned(&self) -> bool {
        self.name().is_some()
    }

    /// The English name of the language, when the code is assigned.
    pub fn name(&self) -> Option<&'static str> {
        super::tables::lookup(super::tables::LANGUAGES, &self.0)
    }
}
