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
    pattern: URL_PATTERN,
    examples: ["https://www.iuc.eu"],
    check: is_web_url,
}

/// The grammar of a web URL, narrower than what the `url` crate (WHATWG) accepts, so that
/// every regex engine that reads the schema and this crate give the same verdict: `http`
/// or `https`, `://`, a host name (letters and digits in labels joined by dots and single
/// hyphens, the last label beginning with a letter) or an IPv4 address, a port up to
/// 65535, and then a path, query or fragment without space.
const URL_PATTERN: &str = concat!(
    "^[hH][tT][tT][pP][sS]?://",
    "(([A-Za-z0-9]+(-[A-Za-z0-9]+)*\\.)*[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*",
    "|((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9]))",
    "(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0))?",
    "([/?#][^",
    super::space_class!(),
    "]*)?$"
);

/// The host of a URL: labels of letters and digits joined by single hyphens, the last one
/// beginning with a letter; or an IPv4 address with four parts from 0 to 255.
fn is_host(host: &str) -> bool {
    let is_label = |label: &str| {
        !label.is_empty()
            && label
                .split('-')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    let labels: Vec<&str> = host.split('.').collect();
    let is_name = labels.iter().all(|label| is_label(label))
        && labels
            .last()
            .is_some_and(|last| last.starts_with(|c: char| c.is_ascii_alphabetic()));
    let is_octet = |part: &&str| {
        !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part.len() == 1 || !part.starts_with('0'))
            && part.parse::<u16>().is_ok_and(|n| n <= 255)
    };
    is_name || (labels.len() == 4 && labels.iter().all(is_octet))
}

/// A port: digits up to 65535, without leading zeros.
fn is_port(port: &str) -> bool {
    !port.is_empty()
        && port.len() <= 5
        && port.bytes().all(|b| b.is_ascii_digit())
        && (port == "0" || !port.starts_with('0'))
        && port.parse::<u32>().is_ok_and(|n| n <= 65_535)
}

/// True when `value` follows [`URL_PATTERN`].
fn follows_pattern(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once("://") else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return false;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    is_host(host) && port.is_none_or(is_port) && !tail.chars().any(super::is_space)
}

fn parse_web_url(value: &str) -> Option<url::Url> {
    if !follows_pattern(value) {
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
