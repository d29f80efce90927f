//! Every finding at once: generated documents with two or three independent planted
//! errors, structural and beyond the shape mixed, one in five written as YAML; each
//! planted error must be reported at its pointer, every finding must have a line, and no
//! finding may appear twice.

use casebook::{Format, validate_str};
use casebook_test_support::generate::Generator;

#[test]
fn every_planted_error_is_reported_at_its_pointer_whatever_else_is_broken() {
    let mut generator = Generator::new(2026);
    let mut choose = fastrand::Rng::with_seed(12);
    let mut planted_count = 0;
    for index in 0..1_000 {
        let (value, planted) = generator.document_with_errors(index, 2 + choose.usize(..2));
        let (text, format) = if index % 5 == 0 {
            (serde_saphyr::to_string(&value).unwrap(), Format::Yaml)
        } else {
            (serde_json::to_string_pretty(&value).unwrap(), Format::Json)
        };
        let report = validate_str(&text, format);
        let shown = || {
            report
                .diagnostics
                .iter()
                .map(|d| format!("  {} {} {}", d.code, d.pointer, d.message))
                .collect::<Vec<_>>()
                .join("\n")
        };
        for error in &planted {
            assert!(
                report
                    .diagnostics
                    .iter()
                    .any(|d| d.code == error.code && d.pointer == error.pointer),
                "document {index} ({format}): planted {} at {} is not reported; planted {:?}; found:\n{}",
                error.code,
                error.pointer,
                planted,
                shown()
            );
        }
        planted_count += planted.len();
        for (position, finding) in report.diagnostics.iter().enumerate() {
            assert!(
                finding.line.is_some(),
                "document {index}: {} at {} has no line",
                finding.code,
                finding.pointer
            );
            assert!(
                !report.diagnostics[..position]
                    .iter()
                    .any(|earlier| earlier.code == finding.code
                        && earlier.pointer == finding.pointer
                        && earlier.message == finding.message),
                "document {index}: {} at {} is reported twice:\n{}",
                finding.code,
                finding.pointer,
                shown()
            );
        }
    }
    assert!(planted_count >= 2_400, "{planted_count}");
}

fn example_with(edit: impl FnOnce(&mut serde_json::Value)) -> casebook::Report {
    let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.json").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    edit(&mut value);
    validate_str(&serde_json::to_string_pretty(&value).unwrap(), Format::Json)
}

fn codes_and_pointers(report: &casebook::Report) -> Vec<(String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.pointer.clone()))
        .collect()
}

fn pair(code: &str, pointer: &str) -> (String, String) {
    (code.to_owned(), pointer.to_owned())
}

#[test]
fn a_bad_date_and_a_dangling_reference_are_both_reported() {
    let report = example_with(|doc| {
        doc["pairing"]["started"] = "2017-13".into();
        doc["pairing"]["regions"][1] = "chihuahuaa".into();
    });
    assert_eq!(
        codes_and_pointers(&report),
        [
            pair("unknown-reference", "/pairing/regions/1"),
            pair("invalid-value", "/pairing/started"),
        ]
    );
}

#[test]
fn a_broken_value_does_not_cascade_into_the_checks_that_read_it() {
    // A broken start would otherwise be read as the placeholder: no date-order,
    // published-before-start, event-before-start or iuc-partners finding may follow. The
    // events after the (valid) end are still reported.
    let report = example_with(|doc| {
        doc["pairing"]["started"] = serde_json::json!({"year": 2018});
        doc["pairing"]["ended"] = "2012".into();
        doc["pairing"]["status"] = "concluded".into();
    });
    let found = codes_and_pointers(&report);
    assert_eq!(found[0], pair("wrong-type", "/pairing/started"));
    assert!(
        found[1..].iter().all(|(code, _)| code == "event-after-end") && found.len() > 1,
        "{found:?}"
    );
    // A broken end: no status-date-mismatch for a concluded pairing "without" an end.
    let report = example_with(|doc| {
        doc["pairing"]["ended"] = "2019-02-30".into();
        doc["pairing"]["status"] = "concluded".into();
    });
    assert_eq!(
        codes_and_pointers(&report),
        [pair("invalid-value", "/pairing/ended")]
    );
    // A missing required key is filled in for the read, and nothing reads the filler.
    let report = example_with(|doc| {
        doc["regions"][0]
            .as_object_mut()
            .unwrap()
            .shift_remove("country");
        doc["regions"][1]
            .as_object_mut()
            .unwrap()
            .shift_remove("kind");
    });
    assert_eq!(
        codes_and_pointers(&report),
        [
            pair("missing-key", "/regions/0"),
            pair("missing-key", "/regions/1")
        ]
    );
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("set-aside")),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_broken_id_silences_only_the_references_that_were_meant_for_it() {
    let report = example_with(|doc| {
        doc["regions"][1]["id"] = "Chihuahua!".into();
        doc["topics"][0]["id"] = 7.into();
        // Unrelated to either broken id: still reported.
        doc["authors"][0] = "nobody-here".into();
    });
    let found = codes_and_pointers(&report);
    assert!(
        found.contains(&pair("invalid-value", "/regions/1/id")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("wrong-type", "/topics/0/id")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("unknown-reference", "/authors/0")),
        "{found:?}"
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_toml_root_key_written_after_a_table_is_told_to_move_above_it() {
    let text = r#"schema_version = "1.0"
id = "lyon-montreal"
regions = [
  { id = "lyon", name = "Lyon", kind = "city", country = "FR" },
  { id = "montreal", name = "Montreal", kind = "city", country = "CA" },
]

[pairing]
kind = "city_to_city"
regions = ["lyon", "montreal"]
started = "2018"
status = "active"

[[people]]
id = "ana"
name = "Ana"

[[quotes]]
speaker = "ana"
text = "We learned a lot."
title = "Lyon and Montreal"
colour = "blue"
"#;
    let report = validate_str(text, Format::Toml);
    let messages: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.pointer.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    // `title` belongs to the root, which misses it: one finding, with the right advice.
    assert_eq!(messages[0].0, "unknown-key");
    assert!(
        messages[0]
            .2
            .contains("`title` is a key of the document's root")
            && messages[0].2.contains("after a `[[quotes]]` header")
            && messages[0]
                .2
                .contains("move it above the first table header"),
        "{messages:?}"
    );
    // A key that belongs nowhere keeps the usual advice.
    assert!(
        messages[1].2.contains("`colour`") && messages[1].2.contains("extensions"),
        "{messages:?}"
    );
    // The same key in a JSON document's quote is an ordinary unknown key.
    let json = casebook::value_from_str(text, Format::Toml).unwrap();
    let report = validate_str(&json.to_string(), Format::Json);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("table header")),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn a_broken_value_elsewhere_does_not_hide_a_translation_of_nothing() {
    let report = example_with(|doc| {
        doc["published"] = "2019-13".into();
        doc["translations"] = serde_json::json!({"en": {"/lesson/0/text": "x", "/title": "y"}});
        doc["language"] = "es".into();
    });
    let found = codes_and_pointers(&report);
    assert!(
        found.contains(&pair("invalid-value", "/published")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair(
            "untranslatable-pointer",
            "/translations/en/~1lesson~10~1text"
        )),
        "{found:?}"
    );
    // A translation of the broken value itself is not judged on the placeholder.
    let report = example_with(|doc| {
        doc["title"] = serde_json::json!(["not", "text"]);
        doc["translations"] = serde_json::json!({"en": {"/title": "y"}});
        doc["language"] = "es".into();
    });
    assert_eq!(codes_and_pointers(&report), [pair("wrong-type", "/title")]);
}
