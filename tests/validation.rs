//! Validation: one fixture per rule, clean reports for valid documents, mutations that
//! must be caught at the pointer they break.

mod common;

use std::path::Path;

use casebook::{Format, Level, Profile, Report, RuleCode, Severity, Validator};

/// The validator a fixture is checked with: the `iuc-` fixtures with the IUC profile.
fn validator_for(path: &Path) -> Validator {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    if stem.starts_with("iuc-") {
        Validator::new().with_profile(Profile::iuc())
    } else {
        Validator::new()
    }
}

fn report_of(path: &Path) -> Report {
    validator_for(path)
        .validate_path(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// One line per finding, for snapshots.
fn render(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}[{}] {}: {}",
                d.line.map_or("?".into(), |l| l.to_string()),
                d.column.map_or("?".into(), |c| c.to_string()),
                d.severity,
                d.code,
                if d.pointer.is_empty() {
                    "/"
                } else {
                    &d.pointer
                },
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_rule_has_an_invalid_fixture_that_triggers_it_and_only_it() {
    let fixtures = common::documents_in("tests/fixtures/invalid");
    // The rules across files are tested on corpora (cli/tests/cli_repository.rs and
    // cli/tests/pipeline.rs).
    for code in RuleCode::ALL.iter().filter(|code| !code.is_cross_file()) {
        let path = fixtures
            .iter()
            .find(|path| path.file_stem().and_then(|s| s.to_str()) == Some(code.as_str()))
            .unwrap_or_else(|| panic!("no fixture tests/fixtures/invalid/{code}.*"));
        let report = report_of(path);
        assert!(!report.is_clean(), "{} has no finding", path.display());
        for finding in &report.diagnostics {
            assert_eq!(
                finding.code,
                *code,
                "{}: unexpected {finding}",
                path.display()
            );
            assert_eq!(finding.severity, code.default_severity());
            assert!(
                finding.line.is_some() && finding.column.is_some(),
                "{}: no position for {finding}",
                path.display()
            );
        }
        assert_eq!(
            report.is_valid(),
            code.default_severity() == Severity::Warning
        );
        insta::assert_snapshot!(format!("invalid__{code}"), render(&report));
    }
    let single_file = RuleCode::ALL
        .iter()
        .filter(|code| !code.is_cross_file())
        .count();
    assert_eq!(
        fixtures.len(),
        single_file,
        "a fixture for a code that does not exist"
    );
}

#[test]
fn valid_documents_have_no_finding_with_or_without_the_iuc_profile() {
    for path in common::valid_documents() {
        // The IUC profile is for IUC case studies; the Boulder-Kisumu example is not one.
        let is_iuc = common::load(&path)
            .programme
            .is_none_or(|programme| programme.acronym.as_deref() == Some("IUC"));
        let profiles = if is_iuc { &[Profile::iuc()][..] } else { &[] };
        for validator in std::iter::once(Validator::new()).chain(
            profiles
                .iter()
                .map(|profile| Validator::new().with_profile(profile.clone())),
        ) {
            let report = validator.validate_path(&path).unwrap();
            assert!(
                report.is_clean(),
                "{}:\n{}",
                path.display(),
                render(&report)
            );
        }
        // The model's own check agrees with the check of the text.
        assert!(common::load(&path).validate().is_clean());
    }
}

#[test]
fn the_reference_example_is_valid_with_no_warning() {
    let path = common::root().join("examples/data/cantabria-chihuahua.json");
    let report = Validator::new()
        .with_profile(Profile::iuc())
        .validate_path(&path)
        .unwrap();
    assert!(report.is_clean(), "{}", render(&report));
    assert_eq!(report.code_tables, casebook::CODE_TABLES_VERSION);
}

#[test]
fn every_bundled_example_is_valid_with_no_warning_in_each_syntax() {
    let examples = common::documents_in("examples/data");
    assert_eq!(examples.len(), 6, "{examples:?}");
    for path in examples {
        let report = Validator::new().validate_path(&path).unwrap();
        assert!(report.is_clean(), "{}: {}", path.display(), render(&report));
    }
}

#[test]
fn the_second_example_uses_the_keys_format_1_1_added() {
    let case = common::load(&common::root().join("examples/data/boulder-kisumu.json"));
    assert_eq!(
        casebook::version::needed_version(&case),
        casebook::SchemaVersion::LATEST
    );
    assert!(!case.indicators.is_empty() && !case.translations.is_empty());
    assert!(
        case.funding_sources
            .iter()
            .any(|source| !source.shares.is_empty())
    );
    assert!(case.regions.iter().any(|region| region.parent.is_some()));
    assert!(case.dates().iter().any(|(_, date)| date.is_interval()));
    assert!(case.extensions.is_empty() && !case.sources.is_empty());
}

#[test]
fn the_committed_rules_page_is_the_rule_table() {
    // docs/rules.md is generated from the rule table; `UPDATE_DOCS=1 cargo test` rewrites it.
    let path = common::root().join("docs/rules.md");
    let generated = casebook::validate::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "docs/rules.md differs from the rule table; run `UPDATE_DOCS=1 cargo test` and commit it"
    );
    for code in RuleCode::ALL {
        assert!(committed.contains(&format!("| `{code}` |")), "{code}");
    }
}

#[test]
fn a_structurally_broken_document_reports_every_problem_with_its_line() {
    let text = r#"{
  "schema_version": "1.0",
  "id": "four-problems",
  "title": "Four problems",
  "colour": "red",
  "regions": [
    {"id": "a", "name": "A", "kind": "town", "country": "ES", "contry": "ES"},
    {"id": "b", "name": "B", "country": "MX"}
  ],
  "pairing": {"kind": "region_to_region", "regions": ["a", "b"], "started": "2019", "status": "active"}
}"#;
    let report = casebook::validate_str(text, Format::Json);
    let found: Vec<(&str, &str, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-key", "", Some(5)),
            ("invalid-value", "/regions/0/kind", Some(7)),
            ("unknown-key", "/regions/0", Some(7)),
            ("missing-key", "/regions/1", Some(8)),
        ]
    );
    assert!(
        report.diagnostics[2]
            .message
            .contains("did you mean `country`?")
    );
}

#[test]
fn a_typo_in_a_key_does_not_hide_a_broken_reference() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json"))
        .unwrap()
        .replace(r#""country": "FR""#, r#""country": "FR", "populaton": 3"#)
        .replace(r#"["lyon", "montreal"]"#, r#"["lyon", "montrea"]"#);
    let report = casebook::validate_str(&text, Format::Json);
    let codes: Vec<RuleCode> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [RuleCode::UnknownKey, RuleCode::UnknownReference]);
    assert!(
        report.diagnostics[1]
            .message
            .contains("did you mean `montreal`?")
    );
}

#[test]
fn another_major_version_is_one_clear_error_and_nothing_else() {
    for (text, format) in [
        (
            "schema_version: \"2.0\"\nid: x\nwhatever: [1, 2]\n",
            Format::Yaml,
        ),
        ("{\"schema_version\": \"3.1\"}", Format::Json),
    ] {
        let report = casebook::validate_str(text, format);
        assert_eq!(report.diagnostics.len(), 1, "{}", render(&report));
        assert_eq!(report.diagnostics[0].code, RuleCode::UnsupportedVersion);
        assert_eq!(report.diagnostics[0].pointer, "/schema_version");
        assert!(report.diagnostics[0].message.contains("reads format 1.x"));
    }
}

#[test]
fn severities_can_be_raised_lowered_or_turned_off() {
    let path = common::root().join("tests/fixtures/invalid/event-before-start.toml");
    let raised = Validator::new()
        .with_level(RuleCode::EventBeforeStart, Level::Error)
        .unwrap()
        .validate_path(&path)
        .unwrap();
    assert!(!raised.is_valid());
    let off = Validator::new()
        .with_level(RuleCode::EventBeforeStart, Level::Off)
        .unwrap()
        .validate_path(&path)
        .unwrap();
    assert!(off.is_clean());
    let default = Validator::new().validate_path(&path).unwrap();
    assert!(default.is_valid() && !default.passes(true) && default.passes(false));

    let path = common::root().join("tests/fixtures/invalid/unknown-reference.json");
    let lowered = Validator::new()
        .with_level(RuleCode::UnknownReference, Level::Warning)
        .unwrap()
        .validate_path(&path)
        .unwrap();
    assert!(lowered.is_valid());
}

#[test]
fn reports_serialise_with_kebab_case_codes() {
    let report = report_of(&common::root().join("tests/fixtures/invalid/unknown-reference.json"));
    let json = serde_json::to_value(&report).unwrap();
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["code"], "unknown-reference");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["pointer"], "/pairing/focus/0");
    assert!(finding["line"].is_u64() && finding["column"].is_u64());
    assert_eq!(json["code_tables"], casebook::CODE_TABLES_VERSION);
}

#[test]
fn code_tables_know_the_codes_case_studies_use() {
    for code in [
        "ES-CB", "MX-CHH", "CO-DC", "SE-M", "AR-X", "GB-MAN", "IT-25",
    ] {
        assert!(
            code.parse::<casebook::SubdivisionCode>()
                .unwrap()
                .is_assigned(),
            "{code}"
        );
    }
    assert!(
        !"ES-ZZ"
            .parse::<casebook::SubdivisionCode>()
            .unwrap()
            .is_assigned()
    );
    assert_eq!(
        "ES-CB".parse::<casebook::SubdivisionCode>().unwrap().name(),
        Some("Cantabria")
    );
    // The 249 ISO 3166-1 codes and the user-assigned `XK` (Kosovo).
    assert_eq!(casebook::CountryCode::assigned().count(), 250);
    assert_eq!(
        "GR".parse::<casebook::CountryCode>().unwrap().nuts_prefix(),
        Some("EL")
    );
    assert_eq!(
        "GB".parse::<casebook::CountryCode>().unwrap().nuts_prefix(),
        Some("UK")
    );
    assert_eq!(
        "MX".parse::<casebook::CountryCode>().unwrap().nuts_prefix(),
        None
    );
    assert!(
        "MXN"
            .parse::<casebook::CurrencyCode>()
            .unwrap()
            .is_assigned()
    );
    assert!(
        "es".parse::<casebook::LanguageCode>()
            .unwrap()
            .is_assigned()
    );
}

#[test]
fn the_iuc_profile_follows_eu_membership_at_the_start_of_the_pairing() {
    let base =
        std::fs::read_to_string(common::root().join("tests/fixtures/invalid/iuc-partners.yaml"))
            .unwrap();
    let iuc = Validator::new().with_profile(Profile::iuc());
    let with_london = |started: &str| {
        base.replace(
            "{id: turin, name: Turin, kind: city, country: IT}",
            "{id: turin, name: London, kind: city, country: GB}",
        )
        .replace("started: \"2018\"", &format!("started: \"{started}\""))
    };
    // Before February 2020 the United Kingdom is a member: France and the UK are both EU.
    assert!(
        !iuc.validate_str(&with_london("2019-12"), Format::Yaml)
            .is_valid()
    );
    // From February 2020 it is not.
    assert!(
        iuc.validate_str(&with_london("2020-03"), Format::Yaml)
            .is_valid()
    );
    // A year that spans the departure gives the benefit of the doubt.
    assert!(
        iuc.validate_str(&with_london("2020"), Format::Yaml)
            .is_valid()
    );
}

#[test]
fn two_profiles_are_active_at_once_one_of_them_defined_here() {
    use casebook::validate::{CustomRule, Explanation, Findings};

    static NEEDS_LESSONS: CustomRule = CustomRule {
        code: "test-needs-lessons",
        severity: Severity::Error,
        summary: "profile `test`: at least one lesson",
        explanation: Explanation {
            why: "The test profile wants lessons.",
            problem: "lessons: []",
            fix: "lessons: [...]",
        },
    };
    let needs_lessons = RuleCode::Custom(&NEEDS_LESSONS);
    let test_profile = Profile::new("test", "a profile defined in a test")
        .with_check(needs_lessons, move |case, findings: &mut Findings| {
            if case.lessons.is_empty() {
                findings.push(needs_lessons, "/lessons", "record at least one lesson");
            }
        })
        .with_level(RuleCode::EventBeforeStart, Level::Error)
        .unwrap();
    let validator = Validator::new()
        .with_profile(Profile::iuc())
        .with_profile(test_profile);
    assert_eq!(validator.profiles().len(), 2);

    // Two partners inside the EU, no lessons, an event before the start: one finding of
    // each profile, and the test profile's raised severity.
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/invalid/iuc-partners.yaml"))
            .unwrap();
    let report = validator.validate_str(&text, Format::Yaml);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"iuc-partners"), "{codes:?}");
    assert!(codes.contains(&"test-needs-lessons"), "{codes:?}");
    let custom = report
        .diagnostics
        .iter()
        .find(|d| d.code == needs_lessons)
        .unwrap();
    assert_eq!(custom.severity, Severity::Error);
    assert_eq!(custom.pointer, "/lessons");
    // Without the profiles, neither rule runs.
    assert!(
        Validator::new()
            .validate_str(&text, Format::Yaml)
            .is_valid()
    );
    // A custom code is written by its name in reports.
    assert!(
        serde_json::to_string(&report)
            .unwrap()
            .contains("\"test-needs-lessons\"")
    );

    let raised = Validator::new()
        .with_profile(
            Profile::new("strict", "")
                .with_level(RuleCode::EventBeforeStart, Level::Error)
                .unwrap(),
        )
        .validate_path(common::root().join("tests/fixtures/invalid/event-before-start.toml"))
        .unwrap();
    assert_eq!(raised.diagnostics[0].severity, Severity::Error);
    // The validator's own override wins over a profile's.
    let lowered = Validator::new()
        .with_profile(
            Profile::new("strict", "")
                .with_level(RuleCode::EventBeforeStart, Level::Error)
                .unwrap(),
        )
        .with_level(RuleCode::EventBeforeStart, Level::Off)
        .unwrap()
        .validate_path(common::root().join("tests/fixtures/invalid/event-before-start.toml"))
        .unwrap();
    assert!(lowered.is_clean());
}

#[test]
fn an_achieved_outcome_dated_before_the_pairing_started_is_an_outcome_status_mismatch() {
    let text = r#"{"schema_version": "1.1", "id": "lyon-montreal", "title": "Lyon and Montreal",
  "regions": [{"id": "lyon", "name": "Lyon", "kind": "city", "country": "FR"},
              {"id": "montreal", "name": "Montreal", "kind": "city", "country": "CA"}],
  "pairing": {"kind": "city_to_city", "regions": ["lyon", "montreal"], "started": "2018-03", "status": "active"},
  "outcomes": [{"id": "plan", "text": "A plan.", "status": "achieved", "date": "2017"},
               {"id": "hub", "text": "A hub.", "status": "planned", "date": "2017"},
               {"id": "map", "text": "A map.", "status": "achieved", "date": "2018"},
               {"id": "app", "text": "An app.", "status": "achieved", "date": "2017-12~"}]}"#;
    let report = casebook::validate_str(text, Format::Json);
    let found: Vec<(RuleCode, Severity, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                RuleCode::OutcomeStatusMismatch,
                Severity::Warning,
                "/outcomes/0/date"
            ),
            (
                RuleCode::OutcomeStatusMismatch,
                Severity::Warning,
                "/outcomes/3/date"
            ),
        ],
        "{}",
        render(&report)
    );
    // A broken start date does not make the outcome's date look early.
    let broken = text.replace(r#""started": "2018-03""#, r#""started": "2018-13""#);
    let codes: Vec<RuleCode> = casebook::validate_str(&broken, Format::Json)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, [RuleCode::InvalidValue]);
}

#[test]
fn networks_check_their_observers_sub_pairings_and_parents() {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/network-observers.yaml"))
            .unwrap();
    let found = |text: &str| -> Vec<(RuleCode, String)> {
        casebook::validate_str(text, Format::Yaml)
            .diagnostics
            .iter()
            .map(|d| (d.code, d.pointer.clone()))
            .collect()
    };
    // Without its parent link, Minas Gerais takes no part; through a child it does.
    let unlinked = text.replace(", parent: minas-gerais}", "}");
    assert_eq!(
        found(&unlinked),
        [(RuleCode::UnpairedRegion, "/regions/1/id".to_owned())]
    );
    let upwards = unlinked.replace(
        "subdivision: BR-MG}\n  - {id: salvador",
        "subdivision: BR-MG, parent: quelimane}\n  - {id: salvador",
    );
    assert_eq!(found(&upwards), []);
    // A dangling parent is one finding, not two.
    let dangling = text.replace("parent: minas-gerais", "parent: minas");
    assert_eq!(
        found(&dangling),
        [(RuleCode::UnknownReference, "/regions/0/parent".to_owned())]
    );
    // Repeats and short lists, as the schema says them.
    let repeated = text
        .replace(
            "observers: [quelimane]",
            "observers: [quelimane, quelimane]",
        )
        .replace(
            "regions: [belo-horizonte, maputo]",
            "regions: [belo-horizonte, belo-horizonte]",
        )
        .replace("regions: [salvador, matola, sintra]", "regions: [salvador]");
    assert_eq!(
        found(&repeated),
        [
            (RuleCode::DuplicateItem, "/pairing/observers/1".to_owned()),
            (
                RuleCode::DuplicateItem,
                "/pairing/sub_pairings/0/regions/1".to_owned()
            ),
            (
                RuleCode::TooFewItems,
                "/pairing/sub_pairings/1/regions".to_owned()
            ),
        ]
    );
    // A repeated sub-pairing id, a dangling sub-pairing region that is not reported as
    // an outsider, and sub-pairing dates out of order.
    let more = text
        .replace("id: water-salvador-matola", "id: waste-bh-maputo")
        .replace(
            "regions: [salvador, matola, sintra]",
            "regions: [salvador, matol]",
        )
        .replace("started: \"2020\"", "started: \"2022\"");
    assert_eq!(
        found(&more),
        [
            (
                RuleCode::DuplicateId,
                "/pairing/sub_pairings/1/id".to_owned()
            ),
            (
                RuleCode::UnknownReference,
                "/pairing/sub_pairings/1/regions/1".to_owned()
            ),
            (
                RuleCode::DateOrder,
                "/pairing/sub_pairings/1/ended".to_owned()
            ),
        ]
    );
}

#[test]
fn roles_are_listed_once_and_a_funder_names_an_organisation() {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/roles-and-funders.toml"))
            .unwrap();
    let broken = text
        .replace(
            r#"roles = ["coordinator", "host", "beneficiary"]"#,
            r#"roles = ["coordinator", "host", "coordinator"]"#,
        )
        .replace(
            r#"funder = "lakeside-foundation""#,
            r#"funder = "lakeside-fundation""#,
        );
    let report = casebook::validate_str(&broken, Format::Toml);
    assert_eq!(
        common::found(&report),
        [
            (RuleCode::UnknownReference, "/funding_sources/0/funder"),
            (RuleCode::DuplicateItem, "/organisations/0/roles/2"),
        ],
        "{}",
        render(&report)
    );
    assert!(
        report.diagnostics[0]
            .message
            .contains("did you mean `lakeside-foundation`?")
    );
}

#[test]
fn a_target_before_an_uncertain_baseline_is_a_warning() {
    let text = with_1_1(
        "indicators:\n  - {id: toilets, name: Toilets, measure: count, unit: toilets, \
         baseline: {value: 4, date: \"2019?\"}, target: {value: 9, date: \"2018\"}}\n",
    );
    assert_eq!(
        findings_of(&text),
        [(
            RuleCode::TargetBeforeBaseline,
            Severity::Warning,
            "/indicators/0/target/date".to_owned()
        )]
    );
}

#[test]
fn a_funding_period_dates_money_before_published() {
    // The franc was withdrawn in 2002: money of 1999-2001 in francs is right, even in a
    // case study published in 2022; without the period, it is dated by `published`.
    let source = |period: &str| {
        with_1_1(&format!(
            "funding_sources:\n  - {{id: old, name: Old grant, kind: national, status: past, \
             amount: {{value: 1000, currency: FRF}}{period}}}\n"
        ))
    };
    assert_eq!(findings_of(&source(", period: 1999/2001")), []);
    assert_eq!(
        findings_of(&source("")),
        [(
            RuleCode::HistoricCurrency,
            Severity::Warning,
            "/funding_sources/0/amount/currency".to_owned()
        )]
    );
    let late = findings_of(&source(", period: \"2005\""));
    assert_eq!(late.len(), 1);
    assert!(
        casebook::validate_str(&source(", period: \"2005\""), Format::Yaml).diagnostics[0]
            .message
            .contains("the funding period (2005)")
    );
}

#[test]
fn shares_are_not_added_up_when_a_figure_is_not_exact_or_in_another_currency() {
    let shares = |amount: &str, second: &str| {
        with_1_1(&format!(
            "funding_sources:\n  - id: grant\n    name: Grant\n    kind: national\n    status: received\n    \
             amount: {{value: 100, currency: USD{amount}}}\n    shares:\n      \
             - {{region: nakuru, amount: {{value: 60, currency: USD}}}}\n      \
             - {{region: tampere, amount: {{value: 50, currency: {second}}}}}\n"
        ))
    };
    let exceed = || {
        (
            RuleCode::SharesExceedAmount,
            Severity::Warning,
            "/funding_sources/0/shares".to_owned(),
        )
    };
    assert_eq!(findings_of(&shares("", "USD")), [exceed()]);
    assert_eq!(
        findings_of(&shares(", qualifier: exact", "USD")),
        [exceed()]
    );
    assert_eq!(findings_of(&shares(", qualifier: at_least", "USD")), []);
    assert_eq!(findings_of(&shares("", "USD, qualifier: about")), []);
    assert_eq!(
        findings_of(&shares("", "EUR")),
        [(
            RuleCode::ShareCurrencyMismatch,
            Severity::Error,
            "/funding_sources/0/shares/1/amount/currency".to_owned()
        )]
    );
    // A code that is no currency is reported once, as such.
    assert_eq!(
        findings_of(&shares("", "XYZ"))
            .into_iter()
            .map(|(code, ..)| code)
            .collect::<Vec<_>>(),
        [RuleCode::UnknownCurrency]
    );
}

#[test]
fn a_broken_measure_or_figure_does_not_cascade() {
    // The measure is not one of the four and a share's region is not an id: each is
    // reported once, as what it is, and nothing reads the placeholder put in its place.
    let text = with_1_1(
        "indicators:\n  - {id: water, name: Water, measure: volume, unit: m3, values: [{value: 12.5}, {value: -4}]}\n  \
         - {id: pupils, name: Pupils, measure: count, unit: pupils, baseline: {value: many}}\n\
         funding_sources:\n  - id: grant\n    name: Grant\n    kind: national\n    status: received\n    \
         amount: {value: 100, currency: USD}\n    shares:\n      - {region: Nakuru Town, amount: {value: 60, currency: USD}}\n",
    );
    let found = findings_of(&text);
    assert_eq!(
        found,
        [
            (
                RuleCode::InvalidValue,
                Severity::Error,
                "/indicators/0/measure".to_owned()
            ),
            (
                RuleCode::WrongType,
                Severity::Error,
                "/indicators/1/baseline/value".to_owned()
            ),
            (
                RuleCode::InvalidValue,
                Severity::Error,
                "/funding_sources/0/shares/0/region".to_owned()
            ),
        ],
        "{found:?}"
    );
}

/// A 1.1 document with two regions and what `extra` adds, as YAML.
fn with_1_1(extra: &str) -> String {
    format!(
        "schema_version: \"1.1\"\nid: nakuru-tampere\ntitle: Nakuru and Tampere\npublished: \"2022-03\"\n\
         regions:\n  - {{id: nakuru, name: Nakuru, kind: city, country: KE}}\n  - {{id: tampere, name: Tampere, kind: city, country: FI}}\n\
         pairing: {{kind: city_to_city, regions: [nakuru, tampere], started: \"2018-05\", status: active}}\n{extra}"
    )
}

fn findings_of(text: &str) -> Vec<(RuleCode, Severity, String)> {
    casebook::validate_str(text, Format::Yaml)
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity, d.pointer.clone()))
        .collect()
}

#[test]
fn identifiers_follow_their_scheme_and_coordinates_are_in_range() {
    let text = r#"{"schema_version": "1.1", "id": "x", "title": "T",
      "regions": [
        {"id": "a", "name": "A", "kind": "city", "country": "ES", "coordinates": {"lat": 91, "lon": -3.8},
         "identifiers": [{"scheme": "wikidata", "id": "12233"}, {"scheme": "geonames", "id": "Q1"},
                         {"scheme": "osm", "id": "area/1"}, {"scheme": "unlocode", "id": "ES S1R"},
                         {"scheme": "other", "id": "anything at all"}, {"scheme": "osm", "id": "way/77"}]},
        {"id": "b", "name": "B", "kind": "city", "country": "MX"}],
      "pairing": {"kind": "city_to_city", "regions": ["a", "b"], "started": "2018", "status": "active"},
      "events": [{"id": "e", "kind": "meeting", "title": "M", "date": "2018", "coordinates": {"lat": 0, "lon": 180.5}}]}"#;
    let report = casebook::validate_str(text, Format::Json);
    let found: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_str()))
        .collect();
    let expected = [
        ("out-of-range", "/regions/0/coordinates/lat"),
        ("invalid-value", "/regions/0/identifiers/0/id"),
        ("invalid-value", "/regions/0/identifiers/1/id"),
        ("invalid-value", "/regions/0/identifiers/2/id"),
        ("invalid-value", "/regions/0/identifiers/3/id"),
        ("out-of-range", "/events/0/coordinates/lon"),
    ];
    assert_eq!(found, expected);
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let schema = casebook::schema();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .unwrap();
    let mut rejected: Vec<String> = validator
        .iter_errors(&value)
        .map(|error| error.instance_path().to_string())
        .collect();
    rejected.sort();
    rejected.dedup();
    let mut wanted: Vec<String> = expected.iter().map(|(_, p)| (*p).to_owned()).collect();
    wanted.sort();
    assert_eq!(rejected, wanted);
}

#[test]
fn plain_yaml_translations_are_text_with_a_warning() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/valid/languages-pt.yaml"))
        .unwrap()
        .replace(
            "    /title: \"Lisboa y Maputo comparten lo que aprendieron sobre la recogida de residuos\"",
            "    /title: 2019\n    /summary: no",
        );
    let report = casebook::validate_str(&text, Format::Yaml);
    let found: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("yaml-implicit-type", "/translations/es/~1title"),
            ("yaml-implicit-type", "/translations/es/~1summary"),
        ]
    );
    let case = casebook::from_str_as(&text, Format::Yaml).unwrap();
    let es = &case.translations[&"es".parse::<casebook::LanguageCode>().unwrap()];
    assert_eq!(es["/title"], "2019");
    assert_eq!(es["/summary"], "no");
}

#[test]
fn an_identifier_off_its_grammar_and_an_upper_case_language_key_are_explained() {
    let mut case: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("examples/data/boulder-kisumu.json")).unwrap(),
    )
    .unwrap();
    case["regions"][0]["identifiers"] = serde_json::json!([{"scheme": "osm", "id": "relation/x"}]);
    let swahili = case["translations"]["sw"].take();
    case["translations"] = serde_json::json!({ "SW": swahili });
    let report = casebook::validate_str(&case.to_string(), casebook::Format::Json);
    let messages: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "/regions/0/identifiers/0/id",
                "invalid value \"relation/x\": expected the form of OpenStreetMap ids: `node/`, `way/` or `relation/` and digits, such as `relation/349013`"
            ),
            (
                "/translations",
                "unknown key `SW`; the keys here are ISO 639-1 language codes in lower case, such as `es`; did you mean `sw`?"
            ),
        ]
    );
}
