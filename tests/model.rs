//! The model against the format (docs/format.md): enum values, newtype grammars, partial-date semantics.

use std::str::FromStr;

use casebook::*;

/// Checks that an enum has exactly `expected` as values, in order, and that each value
/// parses from and serialises to its exact string.
fn assert_values<T>(all: &[T], expected: &[&str])
where
    T: Copy
        + std::fmt::Debug
        + PartialEq
        + std::fmt::Display
        + FromStr
        + serde::Serialize
        + serde::de::DeserializeOwned,
    <T as FromStr>::Err: std::fmt::Debug,
{
    let written: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(written, expected);
    for (value, text) in all.iter().zip(expected) {
        assert_eq!(
            serde_json::to_value(value).unwrap(),
            serde_json::json!(text)
        );
        assert_eq!(
            serde_json::from_value::<T>(serde_json::json!(text)).unwrap(),
            *value
        );
        assert_eq!(text.parse::<T>().unwrap(), *value);
    }
    assert!("Not-A-Value".parse::<T>().is_err());
}

#[test]
fn every_enum_has_exactly_the_values_of_the_format() {
    assert_values(
        RegionKind::ALL,
        &[
            "city",
            "metropolitan_area",
            "municipality",
            "province",
            "state",
            "region",
            "department",
            "other",
        ],
    );
    assert_values(
        PairingKind::ALL,
        &["city_to_city", "region_to_region", "network", "other"],
    );
    assert_values(
        PairingStatus::ALL,
        &["planned", "active", "concluded", "suspended"],
    );
    assert_values(
        ChannelKind::ALL,
        &[
            "video_call",
            "phone",
            "messaging",
            "email",
            "in_person",
            "other",
        ],
    );
    assert_values(
        Frequency::ALL,
        &[
            "daily",
            "weekly",
            "monthly",
            "quarterly",
            "yearly",
            "occasional",
        ],
    );
    assert_values(
        EventKind::ALL,
        &[
            "kickoff",
            "meeting",
            "study_visit",
            "call",
            "workshop",
            "conference",
            "other",
        ],
    );
    assert_values(ChallengeStatus::ALL, &["open", "addressed"]);
    assert_values(OutcomeStatus::ALL, &["planned", "in_progress", "achieved"]);
    assert_values(
        ProposalStatus::ALL,
        &["idea", "in_preparation", "submitted", "funded", "rejected"],
    );
    assert_values(
        FundingKind::ALL,
        &[
            "eu_programme",
            "development_bank",
            "national",
            "regional",
            "local",
            "private",
            "foundation",
            "other",
        ],
    );
    assert_values(
        FundingStatus::ALL,
        &[
            "considered",
            "applied",
            "awarded",
            "received",
            "past",
            "rejected",
        ],
    );
    assert_values(
        LessonTheme::ALL,
        &[
            "communication",
            "culture",
            "governance",
            "resources",
            "method",
            "other",
        ],
    );
    assert_values(
        OrganisationKind::ALL,
        &[
            "government",
            "agency",
            "development_bank",
            "university",
            "business",
            "cluster",
            "network",
            "ngo",
            "international",
            "foundation",
            "association",
            "research",
            "media",
            "other",
        ],
    );
    assert_values(
        OrganisationRole::ALL,
        &[
            "funder",
            "coordinator",
            "implementer",
            "partner",
            "host",
            "knowledge_partner",
            "observer",
            "beneficiary",
            "other",
        ],
    );
}

#[test]
fn an_unknown_enum_value_lists_the_allowed_ones() {
    let error = "town".parse::<RegionKind>().unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid region kind \"town\": expected one of `city`, `metropolitan_area`, `municipality`, \
         `province`, `state`, `region`, `department`, `other`"
    );
}

/// Asserts that every value in `good` parses and reads back as itself, and that every
/// value in `bad` is rejected with a message that names the kind of value.
fn assert_grammar<T>(kind: &str, good: &[&str], bad: &[&str])
where
    T: FromStr<Err = CodeError> + std::fmt::Display + serde::de::DeserializeOwned + std::fmt::Debug,
{
    for value in good {
        let parsed: T = value
            .parse()
            .unwrap_or_else(|error| panic!("{value}: {error}"));
        assert_eq!(parsed.to_string(), *value);
        let from_json: T = serde_json::from_value(serde_json::json!(value)).unwrap();
        assert_eq!(from_json.to_string(), *value);
    }
    for value in bad {
        let error = value.parse::<T>().expect_err(value);
        assert!(
            error.to_string().starts_with(&format!("invalid {kind} ")),
            "{value}: {error}"
        );
        assert!(
            serde_json::from_value::<T>(serde_json::json!(value)).is_err(),
            "{value}"
        );
    }
}

#[test]
fn ids_are_slugs() {
    assert_grammar::<RegionId>(
        "id",
        &["cantabria", "a", "region-2", "x9-y8-z7", &"a".repeat(64)],
        &[
            "Cantabria Region",
            "",
            "-a",
            "a-",
            "a--b",
            "a_b",
            "Cantabria",
            "ñ",
            &"a".repeat(65),
        ],
    );
}

#[test]
fn ids_of_different_collections_are_different_types() {
    let region: RegionId = "cantabria".parse().unwrap();
    let topic: TopicId = "cantabria".parse().unwrap();
    // Only the strings compare: the types do not mix.
    assert_eq!(region.as_str(), topic.as_str());
}

#[test]
fn country_codes_are_two_upper_case_letters() {
    assert_grammar::<CountryCode>(
        "country code",
        &["ES", "MX", "GB"],
        &["Es", "es", "ESP", "E", "E1", ""],
    );
}

#[test]
fn subdivision_codes_follow_iso_3166_2() {
    assert_grammar::<SubdivisionCode>(
        "subdivision code",
        &[
            "ES-CB", "MX-CHH", "CO-DC", "SE-M", "AR-X", "GB-MAN", "IT-25",
        ],
        &["ESCB", "es-cb", "ES-", "ES-ABCD", "ES_CB", "E-CB", "ES-C B"],
    );
    let code: SubdivisionCode = "MX-CHH".parse().unwrap();
    assert_eq!(code.country().as_str(), "MX");
    assert_eq!(code.local_part(), "CHH");
}

#[test]
fn nuts_codes_have_a_prefix_and_up_to_three_levels() {
    assert_grammar::<NutsCode>(
        "nuts code",
        &["ES", "ES1", "ES13", "EL303", "UKI3"],
        &["es13", "E", "ES1234", "ES-13"],
    );
    let code: NutsCode = "EL303".parse().unwrap();
    assert_eq!((code.prefix(), code.level()), ("EL", 3));
}

#[test]
fn language_and_currency_codes() {
    assert_grammar::<LanguageCode>("language code", &["en", "es"], &["EN", "spa", "e", ""]);
    assert_grammar::<CurrencyCode>(
        "currency code",
        &["EUR", "MXN"],
        &["eur", "EU", "EURO", "€"],
    );
}

#[test]
fn emails_and_urls() {
    assert_grammar::<Email>(
        "email address",
        &["paz.diaz.nieto@opecantabria.es", "a+b@example.org"],
        &[
            "paz.diaz at example.org",
            "@example.org",
            "a@b",
            "Paz <paz@example.org>",
            "a@@b.org",
            "a b@c.org",
        ],
    );
    assert_grammar::<Url>(
        "url",
        &[
            "https://www.iuc.eu",
            "http://example.org/a?b=c#d",
            "https://example.org/path",
        ],
        &[
            "www.iuc.eu",
            "ftp://example.org",
            "https://",
            " https://example.org",
            "https://exa mple.org",
            "mailto:a@b.org",
        ],
    );
}

#[test]
fn schema_versions() {
    let version: SchemaVersion = "1.0".parse().unwrap();
    assert_eq!(version, SchemaVersion::CURRENT);
    assert_eq!("1.12".parse::<SchemaVersion>().unwrap().minor, 12);
    assert!(!"2.0".parse::<SchemaVersion>().unwrap().is_supported());
    for bad in ["1", "1.", ".1", "v1.0", "1.0.0", "01.0", "1.00", ""] {
        assert!(bad.parse::<SchemaVersion>().is_err(), "{bad}");
    }
}

fn date(text: &str) -> PartialDate {
    text.parse()
        .unwrap_or_else(|error| panic!("{text}: {error}"))
}

#[test]
fn partial_dates_parse_only_real_dates() {
    assert_grammar::<PartialDate>(
        "partial date",
        &[
            "2019",
            "2017-11",
            "2017-11-14",
            "2020-02-29",
            "0001",
            "9999-12-31",
        ],
        &[
            "2019-13",
            "2019-00",
            "2019-02-29",
            "2017-11-31",
            "17-11",
            "2017-1",
            "2017-11-1",
            "2017/11",
            "2017-11-14T10:00",
            "November 2017",
            "",
        ],
    );
}

#[test]
fn partial_dates_cover_intervals() {
    let november = date("2017-11");
    assert_eq!(november.earliest().to_string(), "2017-11-01");
    assert_eq!(november.latest().to_string(), "2017-11-30");
    assert_eq!(date("2020-02").latest().to_string(), "2020-02-29");
    assert_eq!(date("2019-02").latest().to_string(), "2019-02-28");
    assert_eq!(date("2017").latest().to_string(), "2017-12-31");
    assert_eq!(date("9999").latest().to_string(), "9999-12-31");
    assert_eq!(date("2017-11-14").latest(), date("2017-11-14").earliest());
    assert_eq!(
        (november.year(), november.month(), november.day()),
        (2017, Some(11), None)
    );
    assert_eq!(november.precision(), DatePrecision::Month);
}

#[test]
fn partial_date_order_follows_the_intervals() {
    // A month and a day inside it: neither before nor after.
    assert!(!date("2017-11").precedes(&date("2017-11-30")));
    assert!(!date("2017-11").follows(&date("2017-11-30")));
    assert!(date("2017-11").overlaps(&date("2017-11-30")));
    // A year and its last day.
    assert!(!date("2017").precedes(&date("2017-12-31")));
    assert!(date("2017").precedes(&date("2018-01-01")));
    assert!(date("2018-01-01").follows(&date("2017")));
    // Leap days.
    assert!(date("2020-02").contains(date("2020-02-29").earliest()));
    assert!(date("2020-02-29").precedes(&date("2020-03")));
    // A day against a day.
    assert!(date("2017-11-14").precedes(&date("2017-11-15")));
    assert!(!date("2017-11-14").precedes(&date("2017-11-14")));
}

#[test]
fn partial_dates_sort_by_first_day_then_precision() {
    let mut dates = [
        date("2017-01-02"),
        date("2017-01-01"),
        date("2017-01"),
        date("2017"),
        date("2016-12"),
    ];
    dates.sort();
    let written: Vec<String> = dates.iter().map(ToString::to_string).collect();
    assert_eq!(
        written,
        ["2016-12", "2017", "2017-01", "2017-01-01", "2017-01-02"]
    );
}

#[test]
fn a_toml_date_with_a_time_is_not_a_partial_date() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/native-toml-dates.toml"
    ))
    .unwrap()
    .replace("started = 2017-11-14", "started = 2017-11-14T10:00:00");
    let casebook::Error::Parse(error) = casebook::from_toml_str(&text).unwrap_err() else {
        panic!("expected a parse error");
    };
    assert_eq!(error.pointer, "/pairing/started");
    assert!(
        error.message.contains("a date without a time"),
        "{}",
        error.message
    );
}

#[test]
fn long_rejected_values_are_shortened_in_messages() {
    let long = "x".repeat(10_000);
    let error = long.parse::<CountryCode>().unwrap_err();
    assert!(error.to_string().len() < 200, "{error}");
}

#[test]
fn the_language_defaults_to_english() {
    let case = casebook::from_path(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/minimal.json"
    ))
    .unwrap();
    assert_eq!(case.language, None);
    assert_eq!(case.language().as_str(), "en");
}
