//! Partial dates against the examples of the EDTF specification
//! (`tests/fixtures/edtf-examples.json`), and what the validator makes of format 1.1's
//! dates: intervals that end before they start, and uncertain dates in checks of order.

mod common;

use casebook::{Format, Level, PartialDate, Report, RuleCode, Severity, Validator};
use serde_json::{Value, json};

fn examples() -> Value {
    let path = common::root().join("tests/fixtures/edtf-examples.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn texts(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            entry
                .as_str()
                .or_else(|| entry["text"].as_str())
                .unwrap()
                .to_owned()
        })
        .collect()
}

/// The schema's own `PartialDate`, as every JSON Schema validator reads it.
fn schema_pattern() -> jsonschema::Validator {
    let definition = casebook::schema()["$defs"]["PartialDate"].clone();
    assert!(definition["pattern"].is_string());
    jsonschema::validator_for(&definition).unwrap()
}

/// A document of format 1.1 with these dates.
fn document(started: &str, ended: Option<&str>, events: &[&str]) -> String {
    let mut pairing = json!({
        "kind": "city_to_city", "regions": ["a", "b"], "started": started, "status": "active",
    });
    if let Some(ended) = ended {
        pairing["ended"] = json!(ended);
        pairing["status"] = json!("concluded");
    }
    let events: Vec<Value> = events
        .iter()
        .enumerate()
        .map(|(i, date)| json!({"id": format!("e{i}"), "kind": "meeting", "title": "Meeting", "date": date}))
        .collect();
    json!({
        "schema_version": "1.1", "id": "x", "title": "T",
        "regions": [
            {"id": "a", "name": "A", "kind": "city", "country": "ES"},
            {"id": "b", "name": "B", "kind": "city", "country": "MX"}
        ],
        "pairing": pairing,
        "events": events,
    })
    .to_string()
}

fn findings(report: &Report, code: RuleCode) -> Vec<(String, Severity, String)> {
    report
        .diagnostics
        .iter()
        .filter(|finding| finding.code == code)
        .map(|finding| {
            (
                finding.pointer.clone(),
                finding.severity,
                finding.message.clone(),
            )
        })
        .collect()
}

#[test]
fn every_accepted_example_parses_prints_back_and_matches_the_schema() {
    let pattern = schema_pattern();
    let accepted = texts(&examples()["accepted"]);
    assert_eq!(accepted.len(), 37);
    for text in accepted {
        let date: PartialDate = text
            .parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"));
        assert_eq!(date.to_string(), text);
        assert_eq!(
            serde_json::from_value::<PartialDate>(json!(text)).unwrap(),
            date
        );
        assert!(pattern.is_valid(&json!(text)), "the schema refuses {text}");
        // In a document, too: no finding about the shape.
        let report = casebook::validate_str(&document(&text, None, &[]), Format::Json);
        assert!(
            report.diagnostics.iter().all(|d| !d.code.is_structural()),
            "{text}: {:?}",
            report.diagnostics
        );
    }
}

#[test]
fn every_refused_example_is_refused_by_the_parser_and_the_schema() {
    let pattern = schema_pattern();
    let examples = examples();
    let refused = texts(&examples["refused"]);
    assert_eq!(refused.len(), 7);
    for text in refused.iter().chain(&texts(&examples["also_refused"])) {
        let error = text.parse::<PartialDate>().expect_err(text);
        let message = error.to_string();
        assert!(
            message.starts_with("invalid partial date ")
                && message.contains("YYYY-MM-DD")
                && message.contains("years 0000 to 9999")
                && message.contains("no time of day"),
            "{message}"
        );
        assert!(!pattern.is_valid(&json!(text)), "the schema accepts {text}");
        let report = casebook::validate_str(&document(text, None, &[]), Format::Json);
        let invalid = findings(&report, RuleCode::InvalidValue);
        assert_eq!(invalid.len(), 1, "{text}: {invalid:?}");
        assert_eq!(invalid[0].0, "/pairing/started");
    }
}

#[test]
fn an_interval_that_ends_before_it_starts_is_a_date_order_error() {
    let text = document("2019/2017", None, &["2018-03/2018-02-14", "2018/2019"]);
    let report = casebook::validate_str(&text, Format::Json);
    assert_eq!(
        findings(&report, RuleCode::DateOrder),
        [
            (
                "/pairing/started".to_owned(),
                Severity::Error,
                "the interval ends (2017) before it starts (2019)".to_owned()
            ),
            (
                "/events/0/date".to_owned(),
                Severity::Error,
                "the interval ends (2018-02-14) before it starts (2018-03)".to_owned()
            ),
        ]
    );
    // The reversed start is compared with nothing: no event is "before" it.
    assert!(findings(&report, RuleCode::EventBeforeStart).is_empty());
    assert!(!report.is_valid());
    let line = report.diagnostics[0].line;
    assert!(line.is_some());
}

#[test]
fn uncertain_dates_make_order_findings_warnings() {
    let text = document("2019/2017?", Some("2018~"), &["2010~"]);
    let report = casebook::validate_str(&text, Format::Json);
    assert_eq!(
        findings(&report, RuleCode::DateOrder),
        [(
            "/pairing/started".to_owned(),
            Severity::Warning,
            "the interval ends (2017?) before it starts (2019)".to_owned()
        )]
    );
    // The reversed start is not compared with `ended`; a plain start is.
    let text = document("2019", Some("2018~"), &["2010~"]);
    let report = casebook::validate_str(&text, Format::Json);
    assert_eq!(
        findings(&report, RuleCode::DateOrder),
        [(
            "/pairing/ended".to_owned(),
            Severity::Warning,
            "the pairing ended (2018~) before it started (2019)".to_owned()
        )]
    );
    assert_eq!(
        findings(&report, RuleCode::EventBeforeStart)[0].1,
        Severity::Warning
    );
    assert!(report.is_valid());

    // A level override does not raise them to errors; `off` still silences them.
    let raised = Validator::new()
        .with_level(RuleCode::DateOrder, Level::Error)
        .unwrap()
        .with_level(RuleCode::EventBeforeStart, Level::Error)
        .unwrap()
        .validate_str(&text, Format::Json);
    assert!(raised.is_valid(), "{:?}", raised.diagnostics);
    assert_eq!(raised.warnings().count(), 2);
    let silenced = Validator::new()
        .with_level(RuleCode::DateOrder, Level::Off)
        .unwrap()
        .validate_str(&text, Format::Json);
    assert!(findings(&silenced, RuleCode::DateOrder).is_empty());

    // Without a qualifier, the same dates are an error, as in format 1.0.
    let text = document("2019", Some("2018"), &[]);
    let report = casebook::validate_str(&text, Format::Json);
    assert_eq!(findings(&report, RuleCode::DateOrder)[0].1, Severity::Error);
    let lowered = Validator::new()
        .with_level(RuleCode::DateOrder, Level::Warning)
        .unwrap()
        .validate_str(&text, Format::Json);
    assert!(lowered.is_valid());
}

#[test]
fn open_ends_are_never_out_of_order() {
    let text = document("../2019", Some("2015/.."), &["/2030", "1990/"]);
    let report = casebook::validate_str(&text, Format::Json);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
}
