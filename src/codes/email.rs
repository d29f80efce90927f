use super::string_code;

string_code! {
    /// An e-mail address, checked for syntax with the `email_address` crate (RFC 5322
    /// address specification, without display name).
    ///
    /// ```
    /// use casebook::Email;
    ///
    /// assert!("paz.diaz@example.org".parse::<Email>().is_ok());
    /// assert!("paz.diaz at example.org".parse::<Email>().is_err());
    /// ```
    Email,
    kind: "email address",
    expected: "an address such as \"name@example.org\"",
    pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    format: "email",
    examples: ["paz.diaz.nieto@opecantabria.es"],
    check: is_email,
}

fn is_email(value: &str) -> bool {
    // The crate accepts a display-name form ("Paz <paz@x.org>") and dotless domains; the
    // format wants a bare address that mail can reach, as its schema pattern says.
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
        && email_address::EmailAddress::is_valid(value)
}
