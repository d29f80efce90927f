//! Mutations of the valid documents, from the test-support crate: every single break is
//! caught by the crate exactly where it was made, with a line, and the schema agrees with
//! the crate on each. (Not shipped in the published crate, which has no test-support.)

mod common;

use std::path::Path;

use casebook::{Format, RuleCode};
use casebook_test_support::mutations;
use serde_json::Value;

fn schema_validator() -> jsonschema::Validator {
    let path = common::root().join("schema/case-study.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .expect("the committed schema compiles")
}

fn assert_caught(document: &Value, pointer: &str, what: &str, origin: &Path) {
    let text = serde_json::to_string_pretty(document).unwrap();
    let report = casebook::validate_str(&text, Format::Json);
    assert!(
        !report.is_valid(),
        "{}: {what} at {pointer} was not caught",
        origin.display()
    );
    assert!(
        report
            .errors()
            .any(|d| d.pointer == pointer && d.line.is_some()),
        "{}: {what} at {pointer}: no error there, found:\n{}",
        origin.display(),
        report
            .diagnostics
            .iter()
            .map(|d| format!("{d}\n"))
            .collect::<String>()
    );
}

#[test]
fn breaking_one_reference_code_or_date_is_caught_exactly_where_it_was_broken() {
    let mutations = mutations::all(&common::valid_documents());
    assert!(
        mutations.len() > 60,
        "only {} mutations: the generators found too little",
        mutations.len()
    );
    for mutation in &mutations {
        assert_caught(
            &mutation.document,
            &mutation.pointer,
            mutation.what,
            &mutation.origin,
        );
    }
}

#[test]
fn the_schema_and_the_crate_agree_on_every_mutation() {
    let validator = schema_validator();
    let mut beyond_the_shape = std::collections::BTreeSet::new();
    for mutation in mutations::all(&common::valid_documents()) {
        let text = serde_json::to_string(&mutation.document).unwrap();
        let report = casebook::validate_str(&text, Format::Json);
        let schema_rejects = !validator.is_valid(&mutation.document);
        let structural = report.errors().any(|d| d.code.is_structural());
        assert_eq!(
            schema_rejects,
            structural,
            "{} with {} at {}: schema rejects: {schema_rejects}, crate findings: {:?}",
            mutation.origin.display(),
            mutation.what,
            mutation.pointer,
            report
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
        );
        assert!(!report.is_valid());
        if !schema_rejects {
            beyond_the_shape.extend(report.errors().map(|d| d.code));
        }
    }
    // The only errors the schema cannot see are these semantic ones.
    let allowed = [
        RuleCode::UnknownReference,
        RuleCode::UnknownSubdivision,
        RuleCode::NutsCountryMismatch,
        RuleCode::UnknownLanguage,
        RuleCode::UnknownCurrency,
        RuleCode::DateOrder,
    ];
    assert!(
        beyond_the_shape.iter().all(|code| allowed.contains(code)),
        "{beyond_the_shape:?}"
    );
}
