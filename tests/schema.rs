//! The JSON Schema: committed, current, valid against its meta-schema, and in agreement
//! with the crate's own validation.

mod common;

use std::path::Path;

use casebook::{Format, RuleCode};
use serde_json::Value;

const SCHEMA_FILE: &str = "schema/case-study.schema.json";

fn committed_schema() -> Value {
    serde_json::from_str(&std::fs::read_to_string(common::root().join(SCHEMA_FILE)).unwrap())
        .unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&committed_schema())
        .expect("the committed schema compiles")
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = common::root().join(SCHEMA_FILE);
    let generated = casebook::schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_FILE} is out of date with the Rust types; regenerate it with \
         `cargo run -p casebook-cli -- schema --out {SCHEMA_FILE}` (or `UPDATE_SCHEMA=1 cargo test --test schema`) \
         and commit it"
    );
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = committed_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(jsonschema::meta::is_valid(&schema));
    jsonschema::meta::validate(&schema).expect("valid against the draft 2020-12 meta-schema");
}

#[test]
fn the_schema_names_itself_and_every_type() {
    let schema = committed_schema();
    assert_eq!(schema["$id"], casebook::SCHEMA_ID);
    assert!(casebook::SCHEMA_ID.contains("/v1/"));
    assert_eq!(schema["title"], "Case study");
    let defs = schema["$defs"].as_object().unwrap();
    for name in [
        "Programme",
        "Region",
        "Pairing",
        "Channel",
        "Topic",
        "Event",
        "Challenge",
        "Outcome",
        "Proposal",
        "FundingSource",
        "Money",
        "Lesson",
        "Person",
        "Organisation",
        "Quote",
        "Source",
        "PartialDate",
        "CountryCode",
        "SubdivisionCode",
        "NutsCode",
        "LanguageCode",
        "CurrencyCode",
        "Email",
        "Url",
        "RegionId",
    ] {
        assert!(defs.contains_key(name), "no $defs/{name}");
    }
    // Every object but `extensions` refuses unknown keys, and every property is described.
    let mut objects = vec![&schema];
    objects.extend(defs.values().filter(|def| def["type"] == "object"));
    for object in objects {
        assert_eq!(object["additionalProperties"], false, "{object}");
        for (key, property) in object["properties"].as_object().unwrap() {
            assert!(
                property["description"].is_string(),
                "{key} has no description"
            );
        }
    }
    assert_eq!(
        schema["properties"]["extensions"]["additionalProperties"],
        true
    );
}

#[test]
fn the_schema_carries_the_shape_rules() {
    let schema = committed_schema();
    let defs = &schema["$defs"];
    assert_eq!(schema["properties"]["regions"]["minItems"], 2);
    assert_eq!(defs["Pairing"]["properties"]["regions"]["minItems"], 2);
    assert_eq!(
        defs["Pairing"]["properties"]["regions"]["uniqueItems"],
        true
    );
    assert_eq!(defs["Topic"]["properties"]["sdgs"]["uniqueItems"], true);
    assert_eq!(defs["Topic"]["properties"]["sdgs"]["items"]["minimum"], 1);
    assert_eq!(defs["Topic"]["properties"]["sdgs"]["items"]["maximum"], 17);
    assert_eq!(defs["Money"]["properties"]["value"]["minimum"], 0);
    assert_eq!(defs["Region"]["properties"]["population"]["minimum"], 1);
    // Portable: no `format` (schemars' `uint64` and `double` are unknown elsewhere; the
    // patterns carry every rule) and no rustdoc links in descriptions.
    let text = committed_schema().to_string();
    assert!(!text.contains("\"format\""), "a format is left");
    assert!(!text.contains("[`"), "a rustdoc link is left");
    assert!(defs["Url"]["pattern"].is_string() && defs["Email"]["pattern"].is_string());
    assert_eq!(
        defs["SchemaVersion"]["pattern"],
        r"^1\.(0|[1-9][0-9]{0,8})$"
    );
    assert_eq!(
        defs["Region"]["properties"]["population"]["maximum"],
        9_007_199_254_740_991_u64
    );
    assert_eq!(defs["RegionId"]["maxLength"], 64);
    // Non-blank text: one character outside the space class, spelled out for every
    // regex engine.
    assert_eq!(
        defs["Region"]["properties"]["name"]["pattern"],
        r"[^\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
    );
    let countries = defs["CountryCode"]["enum"].as_array().unwrap();
    // The 249 ISO 3166-1 codes and the user-assigned `XK` (Kosovo).
    assert_eq!(countries.len(), 250);
    assert!(countries.contains(&"ES".into()) && !countries.contains(&"UK".into()));
    assert!(countries.contains(&"XK".into()));
    assert_eq!(defs["RegionKind"]["enum"][0], "city");
    assert!(defs["CountryCode"]["examples"].is_array());
    // No key accepts null: an optional key is absent or holds a value.
    assert!(!schema.to_string().contains(r#""null""#));
}

/// A document's text as the plain JSON value the schema applies to.
fn value_of(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    casebook::value_from_str(&text, Format::from_path(path).unwrap()).unwrap()
}

/// `tests/fixtures/schema-expectations.json`: which invalid fixtures the schema accepts
/// (their problems are beyond the shape) and which it rejects.
fn expectations(list: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/schema-expectations.json"))
            .unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    manifest[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|name| name.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_independent_validator_accepts_every_valid_document() {
    let validator = validator();
    for path in common::valid_documents() {
        let errors: Vec<String> = validator
            .iter_errors(&value_of(&path))
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
    }
}

#[test]
fn the_expectations_cover_every_invalid_fixture_and_match_the_rules() {
    let mut listed: Vec<String> = ["schema_accepts", "schema_rejects", "not_well_formed"]
        .iter()
        .flat_map(|list| expectations(list))
        .collect();
    listed.sort();
    let fixtures: Vec<String> = common::documents_in("tests/fixtures/invalid")
        .iter()
        .map(|path| path.file_name().unwrap().to_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, fixtures);
}

#[test]
fn the_schema_and_the_crate_agree_on_every_invalid_fixture() {
    let validator = validator();
    let accepted = expectations("schema_accepts");
    for name in accepted.iter().chain(&expectations("schema_rejects")) {
        let path = common::root().join("tests/fixtures/invalid").join(name);
        let report = casebook::Validator::new().validate_path(&path).unwrap();
        let schema_pointers: Vec<String> = validator
            .iter_errors(&value_of(&path))
            .map(|e| e.instance_path().as_str().to_owned())
            .collect();
        if accepted.contains(name) {
            assert!(
                schema_pointers.is_empty(),
                "{name}: the schema rejects at {schema_pointers:?}"
            );
            assert!(
                report.diagnostics.iter().all(|d| !d.code.is_structural()),
                "{name}"
            );
        } else {
            assert!(
                !schema_pointers.is_empty(),
                "{name}: the schema accepts a document with a structural error"
            );
            for finding in report.errors() {
                assert!(finding.code.is_structural(), "{name}: {finding}");
                // `uniqueItems` fails on the list; the crate names the repeated entry in it.
                let same_place = |pointer: &String| {
                    *pointer == finding.pointer
                        || (finding.code == RuleCode::DuplicateItem
                            && finding
                                .pointer
                                .rsplit_once('/')
                                .is_some_and(|(list, _)| list == pointer))
                };
                assert!(
                    schema_pointers.iter().any(same_place),
                    "{name}: the crate reports {} at {}, the schema at {schema_pointers:?}",
                    finding.code,
                    finding.pointer
                );
            }
        }
    }
}
