use super::string_code;

string_code! {
    /// An e-mail address: a bare address whose local part is an RFC 5322 dot-atom and
    /// whose domain has at least two host-name labels. The crate and the schema's pattern
    /// accept exactly the same addresses.
    ///
    /// ```
    /// use casebook::Email;
    ///
    /// assert!("paz.diaz@example.org".parse::<Email>().is_ok());
    /// assert!("paz.diaz at example.org".parse::<Email>().is_err());
    /// assert!("a..b@example.org".parse::<Email>().is_err());
    /// ```
    Email,
    kind: "email address",
    expected: "an address such as \"name@example.org\"",
    pattern: "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]+(-[A-Za-z0-9]+)*\\.)+[A-Za-z0-9]+(-[A-Za-z0-9]+)*$",
    examples: ["paz.diaz.nieto@opecantabria.es"],
    check: is_email,
}

fn is_email(value: &str) -> bool {
    // The schema's pattern, which every regex engine reads alike: a bare address (no
    // display name), a dot-atom local part (RFC 5322) and a domain of at least two
    // host-name labels. Narrower than RFC 5322, which also has quoted local parts and
    // address literals; lengths are not checked, since the schema cannot say them.
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let atext = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
    let local_ok = local
        .split('.')
        .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            label
                .split('-')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()))
        });
    local_ok && domain_ok
}
