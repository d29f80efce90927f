//! Regressions found by a hostile tester: each test is one class of bug, checked through
//! the public API (the command's classes are in `cli/tests/hostile.rs`).

mod common;

use casebook::{Format, RuleCode, validate_str};
use serde_json::{Value, json};

fn minimal() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap(),
    )
    .unwrap()
}

#[test]
fn yaml_positions_count_characters_not_bytes_after_non_ascii_text() {
    // 40 CJK characters (three bytes each) before the finding: the column and the line
    // must not drift.
    let title = "合作".repeat(20);
    let text = format!(
        "schema_version: \"1.0\"\nid: x\ntitle: {title}\nregions:\n  - {{id: a, name: Juárez, kind: town, country: MX}}\n  - {{id: b, name: Zürich, kind: city, country: CH}}\npairing: {{kind: city_to_city, regions: [a, b], started: \"2018\", status: active}}\n"
    );
    let report = validate_str(&text, Format::Yaml);
    let finding = &report.diagnostics[0];
    assert_eq!(finding.pointer, "/regions/0/kind");
    let line = text.lines().nth(4).unwrap();
    let column = line[..line.find("town").unwrap()].chars().count() + 1;
    assert_eq!((finding.line, finding.column), (Some(5), Some(column)));
}

#[test]
fn a_million_bad_items_give_a_bounded_report() {
    let mut document = minimal();
    document["topics"] = json!([{"id": "t", "label": "T", "sdgs": vec![99; 1_000_000]}]);
    let text = serde_json::to_string(&document).unwrap();
    let report = validate_str(&text, Format::Json);
    let out_of_range: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::OutOfRange)
        .collect();
    assert_eq!(
        out_of_range.len(),
        casebook::validate::MAX_FINDINGS_PER_RULE + 1
    );
    let last = out_of_range.last().unwrap();
    assert!(
        last.message
            .contains("and 999900 more `out-of-range` finding(s)"),
        "{}",
        last.message
    );
    assert!(
        report.diagnostics.len() < 300,
        "{}",
        report.diagnostics.len()
    );
}

#[test]
fn ten_thousand_broken_references_are_reported_briefly_with_suggestions_for_the_first() {
    let mut document = minimal();
    let topics: Vec<Value> = (0..10_000)
        .map(|i| json!({"id": format!("topic-{i}"), "label": "T"}))
        .collect();
    let focus: Vec<String> = (0..10_000).map(|i| format!("topik-{i}")).collect();
    document["topics"] = Value::Array(topics);
    document["pairing"]["focus"] = json!(focus);
    let text = serde_json::to_string(&document).unwrap();
    let report = validate_str(&text, Format::Json);
    let broken: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::UnknownReference)
        .collect();
    assert_eq!(broken.len(), casebook::validate::MAX_FINDINGS_PER_RULE + 1);
    assert!(
        broken[0].message.ends_with("did you mean `topic-0`?"),
        "{}",
        broken[0].message
    );
    assert!(
        broken[100].message.contains("and 9900 more"),
        "{}",
        broken[100].message
    );
}

#[test]
fn findings_are_capped_per_rule_not_per_document() {
    // 150 unknown references and 150 bad languages: each rule keeps its own 100.
    let mut document = minimal();
    document["pairing"]["focus"] = json!((0..150).map(|i| format!("t{i}")).collect::<Vec<_>>());
    document["pairing"]["languages"] = json!(
        (0..150)
            .map(|i| format!("q{}", (b'a' + (i % 26) as u8) as char))
            .collect::<Vec<_>>()
    );
    let report = validate_str(&serde_json::to_string(&document).unwrap(), Format::Json);
    for code in [RuleCode::UnknownReference, RuleCode::UnknownLanguage] {
        let count = report.diagnostics.iter().filter(|d| d.code == code).count();
        assert!(count <= 101 && count > 20, "{code}: {count}");
    }
}
