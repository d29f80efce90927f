//! The code tables: current codes pass, historic and withdrawn ones are known with their
//! dates, and the validator says so with `historic-currency` and `withdrawn-subdivision`.

use casebook::{CountryCode, CurrencyCode, Format, Report, RuleCode, Severity, SubdivisionCode};

/// A valid case study of a pairing with `region` (a YAML flow mapping), with a funding
/// source in `currency` and, when given, `published`.
fn case_study(region: &str, currency: &str, published: Option<&str>) -> String {
    let published = published
        .map(|date| format!("published: \"{date}\"\n"))
        .unwrap_or_default();
    format!(
        r#"schema_version: "1.0"
id: lyon-partner
title: Lyon and a partner
{published}regions:
  - {{id: lyon, name: Lyon, kind: metropolitan_area, country: FR, subdivision: FR-ARA}}
  - {region}
pairing:
  kind: city_to_city
  regions: [lyon, partner]
  started: "2001"
  status: active
funding_sources:
  - {{id: grant, name: Grant, kind: local, status: received, amount: {{value: 1000, currency: {currency}}}}}
"#
    )
}

const MONTREAL: &str = "{id: partner, name: Montreal, kind: city, country: CA, subdivision: CA-QC}";

fn check(text: &str) -> Report {
    casebook::validate_str(text, Format::Yaml)
}

fn findings(report: &Report) -> Vec<(RuleCode, &str, &str)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.pointer.as_str(), d.message.as_str()))
        .collect()
}

#[test]
fn current_codes_pass_and_historic_ones_are_known_with_their_dates() {
    // Zimbabwe Gold is current (ISO 4217 since 2024).
    let zwg: CurrencyCode = "ZWG".parse().unwrap();
    assert!(zwg.is_assigned() && zwg.is_known() && zwg.withdrawn().is_none());
    let report = check(&case_study(MONTREAL, "ZWG", Some("2025-06")));
    assert!(report.is_clean(), "{:?}", findings(&report));

    // Withdrawn currencies: valid before their withdrawal, a warning after it.
    for (code, withdrawn, before, after, successor) in [
        ("HRK", "2023-01", "2022-12", "2023-02", "`EUR` (Euro)"),
        ("SLL", "2023-12", "2023", "2024-01", "`SLE`"),
        ("ZWL", "2024-09", "2024-09-30", "2024-10-01", "`ZWG`"),
        ("MZM", "2006-06", "2005", "2007", "`MZN`"),
        ("GHC", "2008-01", "2007-12-31", "2008-02", "`GHS`"),
        ("VEF", "2018-08", "2018-08", "2019", "`VES`"),
    ] {
        let currency: CurrencyCode = code.parse().unwrap();
        assert!(!currency.is_assigned() && currency.is_known(), "{code}");
        assert_eq!(
            currency.withdrawn().map(|date| date.to_string()),
            Some(withdrawn.to_owned()),
            "{code}"
        );
        assert!(successor.contains(&format!("`{}`", currency.successor().unwrap())));

        let report = check(&case_study(MONTREAL, code, Some(before)));
        assert!(
            report.is_clean(),
            "{code} in {before}: {:?}",
            findings(&report)
        );
        // Without a date, nothing says the money is later than the currency.
        assert!(
            check(&case_study(MONTREAL, code, None)).is_clean(),
            "{code}"
        );

        let report = check(&case_study(MONTREAL, code, Some(after)));
        assert!(report.is_valid(), "{code}: a warning, not an error");
        let [finding] = report.diagnostics.as_slice() else {
            panic!("{code} in {after}: {:?}", findings(&report));
        };
        assert_eq!(finding.code, RuleCode::HistoricCurrency);
        assert_eq!(finding.severity, Severity::Warning);
        assert_eq!(finding.pointer, "/funding_sources/0/amount/currency");
        assert!(
            finding
                .message
                .contains(&format!("withdrawn from ISO 4217 in {withdrawn}"))
                && finding.message.contains(&format!("published ({after})"))
                && finding
                    .message
                    .contains(&format!("replaced by {successor}")),
            "{}",
            finding.message
        );
    }

    // A year that covers the withdrawal month is not after it.
    assert!(check(&case_study(MONTREAL, "HRK", Some("2023"))).is_clean());
    // No single currency replaced the Yugoslav dinar.
    let report = check(&case_study(MONTREAL, "YUM", Some("2010")));
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0]
            .message
            .ends_with("; no single currency replaced it"),
        "{}",
        report.diagnostics[0].message
    );
    // An unknown code stays an error.
    let report = check(&case_study(MONTREAL, "EUX", Some("2019")));
    assert_eq!(findings(&report)[0].0, RuleCode::UnknownCurrency);
    assert!(!report.is_valid());

    // Kosovo's user-assigned code is a country everywhere.
    let kosovo: CountryCode = "XK".parse().unwrap();
    assert!(kosovo.is_assigned());
    assert_eq!(kosovo.world_region(), Some(casebook::WorldRegion::Europe));
    let pristina = "{id: partner, name: Pristina, kind: city, country: XK}";
    let report = check(&case_study(pristina, "EUR", Some("2019")));
    assert!(report.is_clean(), "{:?}", findings(&report));
    let schema = casebook::schema();
    assert!(
        schema["$defs"]["CountryCode"]["enum"]
            .as_array()
            .unwrap()
            .contains(&"XK".into())
    );

    // A withdrawn subdivision code is a warning that names its replacement...
    let durban = "{id: partner, name: Durban, kind: city, country: ZA, subdivision: ZA-NL}";
    let report = check(&case_study(durban, "ZAR", Some("2019")));
    assert!(report.is_valid());
    assert_eq!(
        findings(&report),
        [(
            RuleCode::WithdrawnSubdivision,
            "/regions/1/subdivision",
            "`ZA-NL` was withdrawn from ISO 3166-2 on 2020-03-02; it was replaced by `ZA-KZN` (Kwazulu-Natal)"
        )]
    );
    // ... or says that none did.
    let nairobi =
        "{id: partner, name: Nairobi, kind: city, country: KE, members: [KE-110, KE-600]}";
    let report = check(&case_study(nairobi, "KES", Some("2019")));
    let messages: Vec<_> = findings(&report);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert_eq!(messages[1].0, RuleCode::WithdrawnSubdivision);
    assert_eq!(messages[1].1, "/regions/1/members/1");
    assert_eq!(
        messages[1].2,
        "`KE-600` was withdrawn from ISO 3166-2 on 2014-10-30; no single code replaced it"
    );
    let (_, replacement) = "KE-600"
        .parse::<SubdivisionCode>()
        .unwrap()
        .withdrawal()
        .unwrap();
    assert_eq!(replacement, None);
    // An unknown code stays an error.
    let report = check(&case_study(
        "{id: partner, name: Durban, kind: city, country: ZA, subdivision: ZA-QQ}",
        "ZAR",
        None,
    ));
    assert_eq!(findings(&report)[0].0, RuleCode::UnknownSubdivision);
}

#[test]
fn every_code_of_the_previous_tables_is_still_known() {
    // The tables of casebook 0.2 came from iso-codes 4.15.0; the codes that have
    // since been withdrawn must not become errors.
    for code in ["HRK", "SLL", "ZWL", "CUC", "ANG", "BGN"] {
        assert!(code.parse::<CurrencyCode>().unwrap().is_known(), "{code}");
    }
    for code in ["FR-GF", "GB-NTH", "IN-DD", "KZ-ALA", "PH-MAG", "NP-BA"] {
        let code: SubdivisionCode = code.parse().unwrap();
        assert!(!code.is_assigned() && code.withdrawal().is_some(), "{code}");
    }
}
