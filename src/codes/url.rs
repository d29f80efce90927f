use super::string_code;

string_code! {
    /// An absolute `http` or `https` URL, kept exactly as written.
    ///
    /// The `url` crate checks it (WHATWG URL standard). The text is kept as written rather
    /// than in the crate's normal form, so a document reads back byte for byte;
    /// [`Url::to_url`] gives the parsed form.
    ///
    /// ```
    /// use casebook::Url;
    ///
    /// let site: Url = "https://www.iuc.eu".parse()?;
    /// assert_eq!(site.as_str(), "https://www.iuc.eu");
    /// assert_eq!(site.to_url()?.host_str(), Some("www.iuc.eu"));
    /// assert!("ftp://example.org".parse::<Url>().is_err());
    /// assert!("www.iuc.eu".parse::<Url>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Url,
    kind: "url",
    expected: "an absolute http or https URL without spaces, such as \"https://www.iuc.eu\"",
    pattern: "^[hH][tT][tT][pP][sS]?://[^\\s/?#]+[^\\s]*$",
    format: "uri",
    examples: ["https://www.iuc.eu"],
    check: is_web_url,
}

fn parse_web_url(value: &str) -> Option<url::Url> {
    // `url` trims surrounding spaces and forgives some; the format keeps text as written,
    // so any whitespace is refused here.
    if value.chars().any(char::is_whitespace) {
        return None;
    }
    let parsed = url::Url::parse(value).ok()?;
    (matches!(parsed.scheme(), "http" | "https")
        && parsed.host_str().is_some_and(|h| !h.is_empty()))
    .then_some(parsed)
}

fn is_web_url(value: &str) -> bool {
    parse_web_url(value).is_some()
}

impl Url {
    /// The parsed URL (in the `url` crate's normal form).
    ///
    /// # Errors
    ///
    /// None for a value built through [`Url::new`], which checked it; the signature stays
    /// fallible so that no path in the crate can panic.
    pub fn to_url(&self) -> Result<url::Url, url::ParseError> {
        url::Url::parse(&self.0)
    }
}
