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

/// `extensions` nested `depth` levels: objects and lists in turn.
fn nested(depth: usize) -> Value {
    let mut value = json!("bottom");
    for level in 0..depth {
        value = if level % 2 == 0 {
            json!([value])
        } else {
            json!({"k": value})
        };
    }
    value
}

#[test]
fn extensions_nested_to_the_limit_survive_every_syntax_and_deeper_is_refused_by_name() {
    let limit = casebook::format::MAX_EXTENSION_DEPTH;
    let mut document = minimal();
    document["extensions"] = json!({"deep": nested(limit)});
    let case = casebook::from_json_str(&document.to_string()).unwrap();
    let original = serde_json::to_string(&case).unwrap();
    let mut current = case;
    for format in [Format::Yaml, Format::Toml, Format::Json] {
        let text = casebook::to_string_as(&current, format).unwrap();
        current = casebook::from_str_as(&text, format)
            .unwrap_or_else(|error| panic!("{format} does not read back: {error}"));
        assert_eq!(
            serde_json::to_string(&current).unwrap(),
            original,
            "{format}"
        );
        assert!(validate_str(&text, format).is_clean(), "{format}");
    }

    document["extensions"] = json!({"deep": nested(limit + 1)});
    let case = casebook::from_json_str(&document.to_string()).unwrap();
    for format in Format::ALL {
        let Err(casebook::Error::Write { source, .. }) = casebook::to_string_as(&case, format)
        else {
            panic!("{format} wrote extensions deeper than the limit");
        };
        assert!(
            source.to_string().starts_with("/extensions/deep/"),
            "{source}"
        );
    }
}

#[test]
fn numbers_that_would_change_are_refused_where_they_are() {
    for (literal, words) in [
        ("18446744073709551617", "outside the 64-bit range"),
        ("-9223372036854775809", "outside the 64-bit range"),
        ("1e-400", "too small to be kept"),
    ] {
        let mut text = serde_json::to_string_pretty(&minimal()).unwrap();
        text.insert_str(
            text.len() - 2,
            &format!(",\n  \"extensions\": {{\"n\": {literal}}}"),
        );
        let report = validate_str(&text, Format::Json);
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{literal}: {:?}",
            report.diagnostics
        );
        let finding = &report.diagnostics[0];
        assert_eq!(
            (finding.code, finding.pointer.as_str()),
            (RuleCode::OutOfRange, "/extensions/n")
        );
        assert!(finding.message.contains(words), "{}", finding.message);
        assert_eq!(finding.line, Some(text.lines().count() - 1));
        let Err(casebook::Error::Parse(error)) = casebook::from_json_str(&text) else {
            panic!("{literal} was read");
        };
        assert_eq!(error.pointer, "/extensions/n");
    }
    // The first number too large for a float stops the JSON parser (`syntax`); the scan
    // finds the next one, and says why (a stranger saw "more digits than a float keeps").
    let mut text = serde_json::to_string_pretty(&minimal()).unwrap();
    text.insert_str(
        text.len() - 2,
        ",\n  \"extensions\": {\"p\": 1e400, \"q\": -2.5E+309}",
    );
    let findings: Vec<_> = validate_str(&text, Format::Json)
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.pointer, d.message))
        .collect();
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert_eq!(
        (findings[0].0, findings[0].1.as_str()),
        (RuleCode::Syntax, "/extensions/p")
    );
    assert_eq!(
        (findings[1].0, findings[1].1.as_str()),
        (RuleCode::OutOfRange, "/extensions/q")
    );
    assert!(
        findings[1].2.contains("-2.5E+309 is too large to be kept"),
        "{}",
        findings[1].2
    );
    // Within range, every integer and the smallest float are kept exactly.
    let mut document = minimal();
    document["extensions"] = json!({"a": u64::MAX, "b": i64::MIN, "c": 5e-324});
    let case = casebook::from_json_str(&document.to_string()).unwrap();
    assert_eq!(
        serde_json::to_value(&case).unwrap()["extensions"],
        document["extensions"]
    );
}

#[test]
fn toml_says_what_it_cannot_hold() {
    let mut document = minimal();
    for (extensions, pointer) in [
        (json!({"n": null}), "/extensions/n"),
        (json!({"n": u64::MAX}), "/extensions/n"),
        (json!({"t": {"a": 1}, "after": 2}), "/extensions/after"),
    ] {
        document["extensions"] = extensions;
        let case = casebook::from_json_str(&document.to_string()).unwrap();
        let Err(casebook::Error::Write { source, .. }) = casebook::to_toml_string(&case) else {
            panic!("TOML wrote {pointer}");
        };
        let unwritable = source
            .downcast_ref::<casebook::format::UnwritableValue>()
            .unwrap();
        assert_eq!(unwritable.pointer, pointer);
    }
}

#[test]
fn the_toml_date_key_is_an_ordinary_key_outside_toml() {
    let mut document = minimal();
    document["extensions"] = json!({"d": {"$__toml_private_datetime": "x"}});
    let case = casebook::from_json_str(&document.to_string()).unwrap();
    assert_eq!(
        serde_json::to_value(&case).unwrap()["extensions"]["d"],
        json!({"$__toml_private_datetime": "x"})
    );
    // A native TOML date is still read as its text.
    let text = "schema_version = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n[[regions]]\nid = \"a\"\nname = \"A\"\nkind = \"city\"\ncountry = \"FR\"\n[[regions]]\nid = \"b\"\nname = \"B\"\nkind = \"city\"\ncountry = \"CA\"\n[pairing]\nkind = \"city_to_city\"\nregions = [\"a\", \"b\"]\nstarted = \"2018\"\nstatus = \"active\"\n[extensions]\nwhen = 2019-03-01\n";
    let case = casebook::from_toml_str(text).unwrap();
    assert_eq!(case.extensions["when"], json!("2019-03-01"));
}

#[test]
fn numbers_are_numbers_and_whole_numbers_are_whole_however_written() {
    // YAML: a quoted number is text where a number is wanted.
    let yaml = std::fs::read_to_string(
        common::root().join("tests/fixtures/valid/concluded-with-extensions.yaml"),
    )
    .unwrap();
    assert!(validate_str(&yaml, Format::Yaml).is_clean());
    let mut document = minimal();
    document["regions"][0]["population"] = json!("  5 ");
    let as_yaml =
        casebook::to_yaml_string(&casebook::from_json_str(&minimal().to_string()).unwrap())
            .unwrap();
    let quoted = as_yaml.replacen(
        "kind: metropolitan_area",
        "kind: metropolitan_area\n  population: \"  5 \"",
        1,
    );
    let report = validate_str(&quoted, Format::Yaml);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics[0].code, RuleCode::WrongType);
    assert_eq!(
        validate_str(&document.to_string(), Format::Json).diagnostics[0].code,
        RuleCode::WrongType
    );
    // JSON: 5.0 is the whole number 5, as JSON Schema says; 1e+29 is out of range.
    document["regions"][0]["population"] = json!(5.0);
    document["topics"] = json!([{"id": "t", "label": "T", "sdgs": [3.0]}]);
    assert!(validate_str(&document.to_string(), Format::Json).is_clean());
    document["regions"][0]["population"] = json!(1e29);
    let report = validate_str(&document.to_string(), Format::Json);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics[0].code, RuleCode::OutOfRange);
}

#[test]
fn messages_speak_of_the_format_not_of_rust() {
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let message = |text: &str, format: Format| match casebook::from_str_as(text, format) {
        Err(casebook::Error::Parse(error)) => error.message,
        other => panic!("expected a parse error, got {other:?}"),
    };
    let surrogate = message(&minimal.replace("\"Lyon\"", "\"\\udc00\""), Format::Json);
    assert!(
        surrogate.starts_with("an unpaired surrogate"),
        "{surrogate}"
    );
    let toml = message(
        "schema_version = \"1.0\"\nid = \"x\"\nid = \"y\"\n",
        Format::Toml,
    );
    assert!(toml.starts_with("duplicate key `id`"), "{toml}");
    let table = message(
        "schema_version = \"1.0\"\n[pairing]\nkind = \"x\"\n[pairing]\n",
        Format::Toml,
    );
    assert!(table.starts_with("duplicate key `pairing`"), "{table}");
    let list = message(
        &minimal
            .replace("\"regions\": [\n", "\"regions\": {\"a\": [\n")
            .replace("  ],\n  \"pairing\"", "  ]},\n  \"pairing\""),
        Format::Json,
    );
    assert_eq!(list, "invalid type: an object, expected a list");
    let number = message(
        &minimal.replace("\"CA-QC\"", "\"CA-QC\", \"population\": 1e29"),
        Format::Json,
    );
    assert!(
        !number.contains("u64") && !number.contains("floating point"),
        "{number}"
    );
    // And the validator says the same as the reader.
    let report = validate_str(
        "schema_version = \"1.0\"\nid = \"x\"\nid = \"y\"\n",
        Format::Toml,
    );
    assert!(
        report.diagnostics[0].message.contains("duplicate key `id`"),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn what_a_second_stranger_found_in_the_readers() {
    let minimal_json = minimal();
    // YAML `01234` stays the text it is, not the float 1234.0.
    let yaml =
        casebook::to_yaml_string(&casebook::from_json_str(&minimal_json.to_string()).unwrap())
            .unwrap()
            + "extensions:\n  zip: 01234\n  n: 00\n";
    let case = casebook::from_yaml_str(&yaml).unwrap();
    assert_eq!(case.extensions["zip"], json!("01234"));
    assert_eq!(case.extensions["n"], json!("00"));

    // A list of 260,000 numbers reads in YAML as in JSON: the twins agree.
    let mut document = minimal_json.clone();
    document["extensions"] = json!({"d": (0..260_000).collect::<Vec<u32>>()});
    let case = casebook::from_json_str(&document.to_string()).unwrap();
    let yaml = casebook::to_yaml_string(&case).unwrap();
    assert!(validate_str(&yaml, Format::Yaml).is_clean());

    // A float with more digits than a float keeps is refused, not rounded.
    let mut text = serde_json::to_string(&minimal_json).unwrap();
    text.insert_str(text.len() - 1, r#","extensions":{"g":9007199254740993.0}"#);
    let report = validate_str(&text, Format::Json);
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(report.diagnostics[0].pointer, "/extensions/g");
    assert!(report.diagnostics[0].message.contains("more digits"));

    // Only comments is an empty document, with a place.
    for (text, format) in [
        ("# nothing yet\n", Format::Yaml),
        ("# nothing yet\n", Format::Toml),
    ] {
        let report = validate_str(text, format);
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{format}: {:?}",
            report.diagnostics
        );
        assert!(report.diagnostics[0].message.contains("document is empty"));
        assert_eq!(report.diagnostics[0].line, Some(1));
    }

    // An unknown key is quoted only up to 64 characters.
    let mut document = minimal_json;
    document["x".repeat(100_000)] = json!(1);
    let report = validate_str(&document.to_string(), Format::Json);
    let message = &report.diagnostics[0].message;
    assert!(
        !message.contains(&"x".repeat(65)) && message.contains(&"x".repeat(64)),
        "{message}"
    );
}

#[test]
fn a_repeated_json_key_is_placed_at_its_start() {
    let text = r#"{"schema_version":"1.0","id":"a-b","title":"T","schema_version":"1.0"}"#;
    let column = text.rfind("\"schema_version\"").unwrap() + 1;
    let Err(casebook::Error::Parse(error)) = casebook::from_json_str(text) else {
        panic!("a repeated key was read");
    };
    assert_eq!(
        (error.line, error.column),
        (Some(1), Some(column)),
        "{error}"
    );
    let report = validate_str(text, Format::Json);
    assert_eq!(
        report.diagnostics[0].column,
        Some(column),
        "{:?}",
        report.diagnostics
    );
    // In extensions too.
    let compact = serde_json::to_string(&minimal()).unwrap();
    let text = format!(
        "{},\"extensions\":{{\"k\":1,\"k\":2}}}}",
        compact.strip_suffix('}').unwrap()
    );
    let report = validate_str(&text, Format::Json);
    let column = text.rfind("\"k\"").unwrap() + 1;
    assert_eq!(
        report.diagnostics[0].column,
        Some(column),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn plain_yaml_values_that_other_tools_read_otherwise_are_warnings_until_quoted() {
    let text = std::fs::read_to_string(
        common::root().join("tests/fixtures/invalid/yaml-implicit-type.yaml"),
    )
    .unwrap();
    let report = validate_str(&text, Format::Yaml);
    let found: Vec<(&str, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.pointer.as_str(), d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("/regions/0/country", Some(7)),
            ("/pairing/started", Some(12))
        ]
    );
    assert!(report.is_valid(), "warnings only");
    let quoted = text
        .replace("country: NO}", "country: \"NO\"}")
        .replace("started: 2018", "started: \"2018\"");
    assert!(validate_str(&quoted, Format::Yaml).is_clean());
    // Numbers where the format wants numbers, and anything inside extensions, are fine.
    let numbers = quoted.replace(
        "status: active",
        "status: active\nextensions: {year: 2018, flag: yes}",
    );
    assert!(validate_str(&numbers, Format::Yaml).is_clean());
}

#[test]
fn findings_from_the_text_itself_are_capped_too() {
    // A million big integers in extensions, and a YAML list of a thousand plain numbers
    // where ids are wanted: each rule keeps 100 findings and counts the rest.
    let mut text = serde_json::to_string(&minimal()).unwrap();
    let big = vec!["18446744073709551617"; 200_000].join(",");
    text.insert_str(
        text.len() - 1,
        &format!(",\"extensions\":{{\"n\":[{big}]}}"),
    );
    let report = validate_str(&text, Format::Json);
    assert_eq!(
        report.diagnostics.len(),
        101,
        "{:?}",
        &report.diagnostics[..3]
    );
    assert!(report.diagnostics[100].message.contains("and 199900 more"));

    let ids: Vec<String> = (0..1_000).map(|i| i.to_string()).collect();
    let mut yaml =
        casebook::to_yaml_string(&casebook::from_json_str(&minimal().to_string()).unwrap())
            .unwrap();
    yaml.push_str(&format!(
        "topics:\n{}",
        ids.iter()
            .map(|id| format!("  - {{id: \"{id}\", label: T}}\n"))
            .collect::<String>()
    ));
    yaml = yaml.replace(
        "status: active",
        &format!("status: active\n  focus: [{}]", ids.join(", ")),
    );
    let report = validate_str(&yaml, Format::Yaml);
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::YamlImplicitType)
        .count();
    assert_eq!(warnings, 101, "{:?}", &report.diagnostics[..2]);
}

/// The reference case study as a JSON value.
fn cantabria_chihuahua() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(common::root().join("examples/data/cantabria-chihuahua.json"))
            .unwrap(),
    )
    .unwrap()
}

/// The code and pointer of every finding of a document.
fn findings_of(document: &Value) -> Vec<(String, String)> {
    validate_str(&serde_json::to_string(document).unwrap(), Format::Json)
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str().to_owned(), d.pointer.clone()))
        .collect()
}

fn expect(findings: &[(&str, &str)]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|(code, pointer)| ((*code).to_owned(), (*pointer).to_owned()))
        .collect()
}

#[test]
fn seven_silent_variants_each_give_their_finding() {
    // Each variant once passed without a word (issue 12).
    type Edit = fn(&mut Value);
    let variants: [(Edit, Vec<(String, String)>); 7] = [
        (
            |d| d["organisations"][0]["country"] = json!("MX"),
            expect(&[("organisation-country-mismatch", "/organisations/0/country")]),
        ),
        (
            |d| d["people"][0]["region"] = json!("chihuahua"),
            expect(&[("person-region-mismatch", "/people/0/region")]),
        ),
        (
            |d| {
                d["regions"].as_array_mut().unwrap().push(
                    json!({"id": "madrid", "name": "Madrid", "kind": "region", "country": "ES"}),
                );
            },
            expect(&[("unpaired-region", "/regions/2/id")]),
        ),
        (
            |d| {
                d["pairing"]["status"] = json!("concluded");
                d["pairing"]["ended"] = json!("2018-12");
                d["events"].as_array_mut().unwrap().push(json!({
                    "id": "closing", "kind": "conference", "title": "Closing conference",
                    "date": "2019-03"
                }));
            },
            expect(&[("event-after-end", "/events/2/date")]),
        ),
        (
            |d| {
                d["regions"][0]["kind"] = json!("city");
                d["regions"][1]["kind"] = json!("municipality");
            },
            expect(&[("region-pairing-kind", "/pairing/kind")]),
        ),
        (
            |d| {
                d["people"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"id": "paz", "name": " PAZ DÍAZ  nieto"}));
            },
            expect(&[("duplicate-person", "/people/1/name")]),
        ),
        (
            |d| d["pairing"]["status"] = json!("planned"),
            // Every `achieved` outcome of the case study.
            expect(&[
                ("outcome-status-mismatch", "/outcomes/0/status"),
                ("outcome-status-mismatch", "/outcomes/1/status"),
                ("outcome-status-mismatch", "/outcomes/5/status"),
                ("outcome-status-mismatch", "/outcomes/6/status"),
                ("outcome-status-mismatch", "/outcomes/7/status"),
            ]),
        ),
    ];
    assert_eq!(findings_of(&cantabria_chihuahua()), []);
    for (edit, expected) in variants {
        let mut document = cantabria_chihuahua();
        edit(&mut document);
        assert_eq!(findings_of(&document), expected);
        let code: RuleCode = expected[0].0.parse().unwrap();
        assert_eq!(code.default_severity(), casebook::Severity::Warning);
    }
}

#[test]
fn the_consistency_warnings_stay_quiet_where_another_finding_speaks() {
    // An unknown country is not compared with the region's.
    let mut document = cantabria_chihuahua();
    document["organisations"][0]["country"] = json!("QQ");
    assert_eq!(
        findings_of(&document),
        expect(&[("unknown-country", "/organisations/0/country")])
    );
    // A typo in a partner is one finding, not also an unpaired region.
    let mut document = cantabria_chihuahua();
    document["pairing"]["regions"][1] = json!("chihuahau");
    assert_eq!(
        findings_of(&document),
        expect(&[("unknown-reference", "/pairing/regions/1")])
    );
    // An end before the start is `date-order`; the events are not compared with it.
    let mut document = cantabria_chihuahua();
    document["pairing"]["status"] = json!("concluded");
    document["pairing"]["ended"] = json!("2016");
    assert_eq!(
        findings_of(&document),
        expect(&[("date-order", "/pairing/ended")])
    );
    // A repeated region id names its first entry: the organisation of `cantabria` is in
    // Spain, and the repeat is one `duplicate-id`, not an unpaired region.
    let mut document = cantabria_chihuahua();
    document["regions"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "cantabria", "name": "Cantabria", "kind": "state", "country": "MX"}));
    assert_eq!(
        findings_of(&document),
        expect(&[("duplicate-id", "/regions/2/id")])
    );
    // A person's region that names no region is not compared with the organisation's.
    let mut document = cantabria_chihuahua();
    document["people"][0]["region"] = json!("chihuahau");
    assert_eq!(
        findings_of(&document),
        expect(&[("unknown-reference", "/people/0/region")])
    );
    // The same person twice under one id is `duplicate-id` only.
    let mut document = cantabria_chihuahua();
    let person = document["people"][0].clone();
    document["people"].as_array_mut().unwrap().push(person);
    assert_eq!(
        findings_of(&document),
        expect(&[("duplicate-id", "/people/1/id")])
    );
}

/// A YAML `null` where a date is wanted is `wrong-type`, and gets no advice to quote it as
/// text as well (the advice would make an invalid date).
#[test]
fn a_yaml_null_where_a_date_is_wanted_is_one_finding() {
    let text = "schema_version: \"1.0\"\nid: x\ntitle: T\nregions:\n  - {id: a, name: A, kind: city, country: ES}\n  - {id: b, name: B, kind: city, country: MX}\npairing: {kind: city_to_city, regions: [a, b], started: \"2019\", ended: null, status: active}\n";
    let report = casebook::validate_str(text, casebook::Format::Yaml);
    let found: Vec<(String, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.pointer.as_str()))
        .collect();
    assert_eq!(found, [("wrong-type".to_owned(), "/pairing/ended")]);
}

/// More broken values of one rule than the report lists (a list of 1,000 items, half of
/// them with a number for text): every one is set aside at once, so the checks beyond the
/// shape still run, and a duplicate id at the end of the list is found. (The repair pass
/// once set aside one value per attempt beyond the report's limit, gave up after 64, and
/// lost every finding beyond the shape.)
#[test]
fn findings_beyond_the_shape_survive_more_broken_values_than_the_report_lists() {
    let mut case: Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap(),
    )
    .unwrap();
    let mut lessons: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            if i % 2 == 1 {
                serde_json::json!({"id": format!("lesson-{i}"), "text": i})
            } else {
                serde_json::json!({"id": format!("lesson-{i}"), "text": "A lesson."})
            }
        })
        .collect();
    lessons.push(serde_json::json!({"id": "lesson-0", "text": "Again."}));
    case["lessons"] = serde_json::Value::Array(lessons);
    let report = validate_str(&case.to_string(), Format::Json);
    let count = |code: RuleCode| report.diagnostics.iter().filter(|d| d.code == code).count();
    // 100 listed and one that counts the rest.
    assert_eq!(
        count(RuleCode::WrongType),
        casebook::validate::MAX_FINDINGS_PER_RULE + 1
    );
    let duplicate: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::DuplicateId)
        .map(|d| (d.pointer.as_str(), d.line.is_some()))
        .collect();
    assert_eq!(duplicate, [("/lessons/1000/id", true)]);
}

#[test]
fn a_byte_order_mark_does_not_hide_numbers_no_reader_holds() {
    let mut document = minimal();
    document["extensions"] = json!({"note": "x"});
    let findings = |text: &str| -> Vec<(RuleCode, String, Option<usize>, Option<usize>)> {
        validate_str(text, Format::Json)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.pointer, d.line, d.column))
            .collect()
    };
    let read_error = |text: &str| {
        let Err(casebook::Error::Parse(error)) = casebook::from_json_str(text) else {
            panic!("{text} reads");
        };
        (error.pointer, error.line, error.column)
    };
    // On its own line, and on the first line, where the mark stands before it (a
    // stranger found the column one too far right there).
    for plain in [
        serde_json::to_string_pretty(&document).unwrap(),
        serde_json::to_string(&document).unwrap(),
    ] {
        let plain = plain.replace("\"x\"", "1e-400");
        let marked = format!("\u{feff}{plain}");
        let expected = findings(&plain);
        assert_eq!(expected.len(), 1, "{expected:?}");
        assert_eq!(expected[0].0, RuleCode::OutOfRange);
        assert_eq!(expected[0].1, "/extensions/note");
        let at = plain.find("1e-400").unwrap();
        let line = plain[..at].matches('\n').count() + 1;
        let column = plain[..at].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!((expected[0].2, expected[0].3), (Some(line), Some(column)));
        // The mark is not a character of the first line: the same line and column.
        assert_eq!(findings(&marked), expected);
        assert_eq!(read_error(&marked), read_error(&plain));
        assert_eq!(read_error(&plain).1, Some(line));
        assert_eq!(read_error(&plain).2, Some(column));
    }
}

#[test]
fn an_empty_key_of_a_later_version_is_reported_beside_the_shape_findings() {
    let mut document = minimal();
    document["schema_version"] = json!("1.0");
    document["indicators"] = json!([]);
    document["regions"][0]["population"] = json!("many");
    let text = serde_json::to_string_pretty(&document).unwrap();
    let findings = validate_str(&text, Format::Json).diagnostics;
    let found = |code, pointer: &str| {
        findings
            .iter()
            .any(|d| d.code == code && d.pointer == pointer)
    };
    assert!(
        found(RuleCode::NeedsNewerVersion, "/indicators"),
        "{findings:?}"
    );
    assert!(
        found(RuleCode::WrongType, "/regions/0/population"),
        "{findings:?}"
    );
    // A document without a version, or with one that does not read, declares nothing:
    // no finding from it.
    for version in [None, Some(json!(1))] {
        match version {
            Some(version) => document["schema_version"] = version,
            None => drop(document.as_object_mut().unwrap().remove("schema_version")),
        }
        let text = serde_json::to_string_pretty(&document).unwrap();
        let report = validate_str(&text, Format::Json);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.code != RuleCode::NeedsNewerVersion),
            "{report:?}"
        );
    }
}

#[test]
fn a_document_of_another_major_version_takes_no_part_in_the_checks_across_files() {
    use casebook::batch::{Batch, Input, Layout};
    let text = serde_json::to_string_pretty(&minimal()).unwrap();
    let newer = text.replacen("\"1.", "\"2.", 1);
    assert_ne!(text, newer);
    let report = Batch::new(casebook::Validator::new()).check(&[
        Input::text("a.json", text, Layout::Single(Format::Json)),
        Input::text("b.json", newer, Layout::Single(Format::Json)),
    ]);
    let codes: Vec<Vec<RuleCode>> = report
        .files()
        .map(|file| {
            file.report()
                .unwrap()
                .diagnostics
                .iter()
                .map(|d| d.code)
                .collect()
        })
        .collect();
    assert_eq!(codes, [vec![], vec![RuleCode::UnsupportedVersion]]);
}

/// A stranger's cases: an `out-of-range` number was left out when another check had
/// already reported its value (a percentage above 100 is only a warning, so the file
/// passed while `convert` refused it), and a document of a version this build does not
/// know got a second finding beside `unsupported-version`.
#[test]
fn a_number_no_reader_holds_is_an_error_whatever_else_is_said_of_its_value() {
    let example = common::root().join("examples/data/boulder-kisumu.json");
    let mut document: Value =
        serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap();
    document["indicators"][2]["values"] = json!([{"value": "PLACE"}]);
    let text = |literal: &str, version: &str| {
        let mut document = document.clone();
        document["schema_version"] = json!(version);
        serde_json::to_string_pretty(&document)
            .unwrap()
            .replace("\"PLACE\"", literal)
    };
    let findings = |literal: &str, version: &str| {
        validate_str(&text(literal, version), Format::Json)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.pointer))
            .collect::<Vec<_>>()
    };
    let value = "/indicators/2/values/0/value".to_owned();
    assert_eq!(
        findings("120", "1.1"),
        [(RuleCode::PercentageOutOfRange, value.clone())]
    );
    let beyond_64_bits = "123456789012345678901";
    let found = findings(beyond_64_bits, "1.1");
    assert!(
        found.contains(&(RuleCode::OutOfRange, value.clone())),
        "{found:?}"
    );
    assert!(casebook::from_json_str(&text(beyond_64_bits, "1.1")).is_err());
    // In range and read exactly: the percentage check alone.
    assert_eq!(findings("99.5", "1.1"), []);
    let unsupported = [(RuleCode::UnsupportedVersion, "/schema_version".to_owned())];
    assert_eq!(findings(beyond_64_bits, "2.0"), unsupported);
    let yaml = "schema_version: \"2.0\"\nid: x\ntitle: yes\n";
    let only = |text: &str, format| -> Vec<_> {
        validate_str(text, format)
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.pointer))
            .collect()
    };
    assert_eq!(only(yaml, Format::Yaml), unsupported);
    // The same text in a version it knows is told to quote its `yes`.
    let known = only(&yaml.replace("2.0", "1.1"), Format::Yaml);
    assert!(
        known.contains(&(RuleCode::YamlImplicitType, "/title".to_owned())),
        "{known:?}"
    );
}

/// YAML and TOML readers change such numbers as JSON's does (`1e-400` reads as zero, a
/// 24-digit YAML integer as a float): they are found the same way, with the literal as
/// written, its place, and reading refused. Numbers that read as written pass.
#[test]
fn yaml_and_toml_numbers_that_would_change_are_found_like_json_ones() {
    let pointer = "/indicators/0/values/0/value";
    // In both syntaxes: beyond the 2^53 a float holds, in decimal and in hexadecimal; and
    // numbers that read as written.
    let both = [
        ("9007199254740993", Some("more digits than")),
        ("0x20000000000001", Some("more digits than")),
        ("1_200", None),
        ("0x4B0", None),
        ("+1200", None),
        // Two shortest forms of the same float, which writers choose between.
        ("1125899906842624", None),
    ];
    for (format, written, only) in [
        (
            Format::Yaml,
            "value: 1200",
            &[
                ("1e-400", Some("too small to be kept")),
                ("123456789012345678901234", Some("outside the 64-bit range")),
                ("1.0000000000000000000001e3", Some("more digits than")),
                (".12e4", None),
                // Tagged as numbers, quoted or not: numbers all the same.
                ("!!float 1e-400", Some("too small to be kept")),
                ("!!int '9007199254740993'", Some("more digits than")),
                (
                    "!<tag:yaml.org,2002:float> \"1e-400\"",
                    Some("too small to be kept"),
                ),
            ][..],
        ),
        (
            Format::Toml,
            "value = 1200",
            &[
                ("1e-4_00", Some("too small to be kept")),
                ("1_200.000_000_000_000_000_000_1", Some("more digits than")),
                ("inf", Some("not finite")),
                ("-nan", Some("not finite")),
            ][..],
        ),
    ] {
        let cases = both.iter().chain(only);
        let example = std::fs::read_to_string(
            common::root().join(format!("examples/data/boulder-kisumu.{}", format.as_str())),
        )
        .unwrap();
        let at = example.find(written).unwrap();
        let line = example[..at].matches('\n').count() + 1;
        let column = at - example[..at].rfind('\n').map_or(0, |newline| newline + 1)
            + written.find(['=', ':']).unwrap()
            + 3;
        for (literal, words) in cases {
            let text = example.replacen(written, &written.replace("1200", literal), 1);
            let findings = validate_str(&text, format).diagnostics;
            let read = casebook::from_str_as(&text, format);
            let Some(words) = words else {
                assert!(findings.is_empty(), "{format} {literal}: {findings:?}");
                assert!(read.is_ok(), "{format} {literal}: {read:?}");
                continue;
            };
            // Other rules may read the value as it was read (`inf` is not a count).
            let found: Vec<_> = findings
                .iter()
                .filter(|finding| finding.code == RuleCode::OutOfRange)
                .collect();
            assert_eq!(found.len(), 1, "{format} {literal}: {findings:?}");
            assert!(
                findings.iter().all(|finding| finding.pointer == pointer),
                "{format} {literal}: {findings:?}"
            );
            let finding = found[0];
            assert_eq!(finding.pointer, pointer, "{format} {literal}");
            // A tagged scalar starts after its tag; the message quotes the scalar.
            let scalar_at = literal.rfind(' ').map_or(0, |space| space + 1);
            let scalar = literal[scalar_at..].trim_matches(['\'', '"']);
            assert!(
                finding.message.contains(&format!("number {scalar} "))
                    || finding.message.contains(&format!("integer {scalar} ")),
                "{}",
                finding.message
            );
            assert!(finding.message.contains(words), "{}", finding.message);
            assert_eq!(
                (finding.line, finding.column),
                (Some(line), Some(column + scalar_at)),
                "{format} {literal}"
            );
            let Err(casebook::Error::Parse(error)) = read else {
                panic!("{format} {literal} was read");
            };
            assert_eq!(error.pointer, pointer);
        }
    }
}

/// A YAML alias repeats its anchor's scalar: a number written as text where text is
/// wanted (a title) is a number where the alias stands for a figure.
#[test]
fn a_yaml_alias_that_carries_a_changed_number_into_a_figure_is_found_there() {
    let example =
        std::fs::read_to_string(common::root().join("examples/data/boulder-kisumu.yaml")).unwrap();
    let title = example
        .lines()
        .find(|line| line.starts_with("title: "))
        .unwrap();
    let text = example.replacen(title, "title: &tiny 1e-400", 1).replacen(
        "value: 1200",
        "value: *tiny",
        1,
    );
    let findings = validate_str(&text, Format::Yaml).diagnostics;
    let found: Vec<_> = findings
        .iter()
        .filter(|finding| finding.code == RuleCode::OutOfRange)
        .map(|finding| finding.pointer.as_str())
        .collect();
    assert_eq!(found, ["/indicators/0/values/0/value"], "{findings:?}");
    assert!(casebook::from_str_as(&text, Format::Yaml).is_err());
}

/// A broken entry of `translations` is set aside for the checks beyond the shape, but its
/// key is the document's: what is said of the language stays.
#[test]
fn a_broken_translation_keeps_the_findings_about_its_language() {
    for (language, code) in [
        ("en", RuleCode::TranslationInOwnLanguage),
        ("xx", RuleCode::UnknownLanguage),
    ] {
        let mut document = minimal();
        document["schema_version"] = "1.1".into();
        document["translations"] = json!({ language: 5 });
        let pointer = format!("/translations/{language}");
        let mut found: Vec<_> = validate_str(&document.to_string(), Format::Json)
            .diagnostics
            .into_iter()
            .map(|finding| (finding.code, finding.pointer))
            .collect();
        found.sort();
        let mut expected = vec![(RuleCode::WrongType, pointer.clone()), (code, pointer)];
        expected.sort();
        assert_eq!(found, expected);
    }
}

/// A parser that stops at a number it cannot hold (serde_json's first `1e400`, a YAML
/// `!!int` beyond 64 bits) leaves a `syntax` finding: it read no further, and what follows
/// may be broken too (a stranger found a missing comma hidden when the number's finding
/// took its place). A refused number is quoted short, whatever its size. (A number that is
/// not finite is read past: see the next test.)
#[test]
fn a_number_a_parser_stops_at_leaves_its_syntax_finding() {
    let head = "schema_version = \"1.1\"\nid = \"a\"\ntitle = \"T\"\n";
    for (text, format) in [
        (r#"{"a": 1e400 "b": 2}"#, Format::Json),
        (r#"{"a": [1e400,]}"#, Format::Json),
        ("a: !!int 18446744073709551616\nb: [1\n", Format::Yaml),
        ("a: .nan\nb: [1\n", Format::Yaml),
        ("a = nan\nb = [1\n", Format::Toml),
    ] {
        let findings = validate_str(text, format).diagnostics;
        assert!(
            findings
                .iter()
                .any(|finding| finding.code == RuleCode::Syntax),
            "{text}: {findings:?}"
        );
    }
    let sdgs = format!("{head}topics = [{{id = \"t\", label = \"L\", sdgs = [1e300]}}]\n");
    let Err(casebook::Error::Parse(error)) = casebook::from_str_as(&sdgs, Format::Toml) else {
        panic!("1e300 read as an SDG");
    };
    assert!(error.message.contains("`1e300`"), "{}", error.message);
}

/// A number that is not finite (YAML's `.nan` and `-.Inf`, TOML's `inf`) is read past,
/// since the YAML and TOML parsers read on: it hides no other finding. It is one
/// `out-of-range` finding at its place, but for a plain YAML scalar where the format wants
/// text, which is text (with the advice to quote it), as the typed read takes it. A
/// stranger found one `syntax` finding in place of every other finding of the document.
#[test]
fn a_number_that_is_not_finite_hides_no_other_finding() {
    const SUMMARY: &str = "/summary";
    const FIGURE: &str = "/indicators/0/values/0/value";
    const EXTENSION: &str = "/extensions/ratio";
    for (format, spellings, separator) in [
        (
            Format::Yaml,
            &[".nan", ".NaN", ".NAN", ".inf", "-.Inf", "+.INF"][..],
            ": ",
        ),
        (Format::Toml, &["nan", "+nan", "inf", "-inf"][..], " = "),
    ] {
        let example = std::fs::read_to_string(
            common::root().join(format!("examples/data/boulder-kisumu.{}", format.as_str())),
        )
        .unwrap();
        for spelling in spellings {
            for place in [SUMMARY, FIGURE, EXTENSION] {
                for unknown_key in [false, true] {
                    let mut text = match place {
                        SUMMARY => {
                            let start = example.find("\nsummary").unwrap() + 1;
                            let end = start + example[start..].find('\n').unwrap();
                            format!(
                                "{}summary{separator}{spelling}{}",
                                &example[..start],
                                &example[end..]
                            )
                        }
                        FIGURE => example.replacen(
                            &format!("value{separator}1200\n"),
                            &format!("value{separator}{spelling}\n"),
                            1,
                        ),
                        _ => match format {
                            Format::Toml => format!("{example}[extensions]\nratio = {spelling}\n"),
                            _ => format!("{example}extensions:\n  ratio: {spelling}\n"),
                        },
                    };
                    if unknown_key {
                        text = text.replacen(
                            &format!("schema_version{separator}\"1.1\"\n"),
                            &format!("schema_version{separator}\"1.1\"\nbogus{separator}1\n"),
                            1,
                        );
                    }
                    let case = format!("{format} {spelling} at {place}, unknown key {unknown_key}");
                    let findings = validate_str(&text, format).diagnostics;
                    let codes: Vec<_> = findings.iter().map(|finding| finding.code).collect();
                    let expected_unknown = usize::from(unknown_key);
                    assert_eq!(
                        codes
                            .iter()
                            .filter(|&&code| code == RuleCode::UnknownKey)
                            .count(),
                        expected_unknown,
                        "{case}: {findings:?}"
                    );
                    // Other rules may read the value as the typed read did: TOML's `nan`
                    // is a float, and not a count.
                    assert!(
                        findings.iter().all(|finding| finding.pointer == place
                            || finding.code == RuleCode::UnknownKey),
                        "{case}: {findings:?}"
                    );
                    let here: Vec<_> = findings
                        .iter()
                        .filter(|finding| {
                            matches!(
                                finding.code,
                                RuleCode::OutOfRange | RuleCode::YamlImplicitType
                            )
                        })
                        .collect();
                    assert_eq!(here.len(), 1, "{case}: {findings:?}");
                    let finding = here[0];
                    let line = text[..text.find(&format!("{separator}{spelling}\n")).unwrap()]
                        .matches('\n')
                        .count()
                        + 1;
                    assert_eq!(finding.line, Some(line), "{case}: {finding:?}");
                    if format == Format::Yaml && place == SUMMARY {
                        assert_eq!(finding.code, RuleCode::YamlImplicitType, "{case}");
                        assert!(
                            finding
                                .message
                                .starts_with(&format!("`{spelling}` is text here")),
                            "{case}: {finding:?}"
                        );
                        let read = casebook::from_str_as(&text, format);
                        if !unknown_key {
                            assert_eq!(read.unwrap().summary.as_deref(), Some(*spelling));
                        }
                    } else {
                        assert_eq!(finding.code, RuleCode::OutOfRange, "{case}: {finding:?}");
                        assert!(
                            finding.message.starts_with(&format!(
                                "the number {spelling} is not finite, which JSON cannot hold"
                            )),
                            "{case}: {finding:?}"
                        );
                        // Text is the way to keep such a value, but not where a number is
                        // wanted.
                        assert_eq!(
                            finding.message.ends_with("; write it as text"),
                            place != FIGURE,
                            "{case}: {finding:?}"
                        );
                        assert!(casebook::from_str_as(&text, format).is_err(), "{case}");
                    }
                }
            }
        }
    }
    // YAML's texts that only look like one: quoted, or `.nan` with a sign.
    let example = std::fs::read_to_string(common::root().join("examples/data/boulder-kisumu.yaml"))
        .unwrap()
        .replacen(
            "schema_version: \"1.1\"\n",
            "schema_version: \"1.1\"\nbogus: 1\n",
            1,
        );
    for text in ["'.nan'", "\".inf\"", "-.nan", "+.NaN", "!!str .inf"] {
        let yaml = format!("{example}extensions:\n  ratio: {text}\n");
        let findings = validate_str(&yaml, Format::Yaml).diagnostics;
        assert_eq!(findings.len(), 1, "{text}: {findings:?}");
        assert_eq!(
            findings[0].code,
            RuleCode::UnknownKey,
            "{text}: {findings:?}"
        );
    }
}

/// What a stranger found in the first build that read past numbers that are not finite:
/// each is the same finding whatever else the document has wrong.
#[test]
fn numbers_that_are_not_finite_keep_the_limit_and_their_place() {
    const MINIMAL: &str = "schema_version: \"1.0\"\nid: minimal\ntitle: T\nregions:\n\
        - {id: lyon, name: Lyon, kind: city, country: FR}\n\
        - {id: laval, name: Laval, kind: city, country: CA}\n\
        pairing: {kind: city_to_city, regions: [lyon, laval], started: \"2018\", status: active}\n";
    let findings = |text: &str, format: Format| -> Vec<(RuleCode, String, String)> {
        validate_str(text, format)
            .diagnostics
            .into_iter()
            .map(|finding| (finding.code, finding.pointer, finding.message))
            .collect()
    };
    // 150 of them: the report's limit of 100 a rule holds, with one truthful last line
    // (the line of each was once found from the start of the text, which made 100,000 of
    // them in TOML take minutes).
    let many_yaml = format!(
        "{MINIMAL}extensions:\n{}",
        (0..150)
            .map(|at| format!("  k{at}: .nan\n"))
            .collect::<String>()
    );
    let toml = casebook::to_toml_string(&casebook::from_yaml_str(MINIMAL).unwrap()).unwrap();
    let many_toml = format!(
        "{toml}\n[extensions]\n{}",
        (0..150)
            .map(|at| format!("k{at} = nan\n"))
            .collect::<String>()
    );
    for (text, format) in [(many_yaml, Format::Yaml), (many_toml, Format::Toml)] {
        let found = findings(&text, format);
        assert_eq!(found.len(), 101, "{format}: {found:?}");
        assert!(found.iter().all(|(code, ..)| *code == RuleCode::OutOfRange));
        assert!(
            found[100].2.starts_with("and 50 more `out-of-range`"),
            "{found:?}"
        );
    }
    // Found by two checks (the shape's, and the scan of numbers that read rounded), the
    // same rule still has one limit: 60 `.nan` and 60 `1e-400` were all listed, 120.
    let sixty_of = |name: &str, number: &str| -> String {
        (0..60)
            .map(|at| format!("  {name}{at}: {number}\n"))
            .collect()
    };
    let (nans, tiny) = (sixty_of("nan", ".nan"), sixty_of("tiny", "1e-400"));
    let found = findings(&format!("{MINIMAL}extensions:\n{nans}{tiny}"), Format::Yaml);
    assert_eq!(found.len(), 101, "{found:?}");
    assert!(
        found[100].2.starts_with("and 20 more `out-of-range`"),
        "{found:?}"
    );
    // The numbers found last written first: the count still follows the last one listed
    // in the text, though the check that found it ran first.
    let tiny_first = format!("{MINIMAL}extensions:\n{tiny}{nans}");
    let report = validate_str(&tiny_first, Format::Yaml);
    let last = report.diagnostics.last().unwrap();
    assert!(last.message.starts_with("and 20 more"), "{last:?}");
    assert!(
        report.diagnostics[..100]
            .iter()
            .all(|listed| (listed.line, listed.column) <= (last.line, last.column)),
        "{:?}",
        report.diagnostics
    );
    // A merge key brings its members where the format wants text: `.nan` is text there
    // (a stranger found the document made invalid).
    let merged_title = MINIMAL.replace("title: T\n", "<<: {title: .nan}\n");
    assert!(
        validate_str(&merged_title, Format::Yaml).is_valid(),
        "{:?}",
        findings(&merged_title, Format::Yaml)
    );
    // A scalar tagged as a number or a boolean is no text, alone or with other findings,
    // and gets no advice to quote it.
    for tagged in ["!!float 1e3", "!!int 12", "!!bool true"] {
        let text = MINIMAL.replace("id: minimal\n", &format!("id: {tagged}\n"));
        let alone = findings(&text, Format::Yaml);
        assert_eq!(alone.len(), 1, "{tagged}: {alone:?}");
        assert_eq!(
            (alone[0].0, alone[0].1.as_str()),
            (RuleCode::WrongType, "/id")
        );
        let with_another = findings(&format!("{text}bogus: 1\n"), Format::Yaml);
        assert_eq!(with_another.len(), 2, "{tagged}: {with_another:?}");
        assert!(
            with_another.contains(&alone[0]),
            "{tagged}: {with_another:?}"
        );
    }
    // Text is the advice only where text may go: not where a number is wanted, but under
    // a key the format does not know, where any value may go.
    for (place, advice) in [
        ("population: 1e999, ", false),
        ("population: .nan, ", false),
        ("note: .nan, ", true),
    ] {
        let text = MINIMAL.replacen("country: FR}", &format!("{place}country: FR}}"), 1);
        let found = findings(&text, Format::Yaml);
        let out_of_range: Vec<_> = found
            .iter()
            .filter(|(code, ..)| *code == RuleCode::OutOfRange)
            .collect();
        assert_eq!(out_of_range.len(), 1, "{place}: {found:?}");
        assert_eq!(
            out_of_range[0].2.ends_with("; write it as text"),
            advice,
            "{found:?}"
        );
    }
    let region_item = MINIMAL.replace(
        "- {id: laval, name: Laval, kind: city, country: CA}\n",
        "- .nan\n",
    );
    let found = findings(&region_item, Format::Yaml);
    assert!(
        found
            .iter()
            .any(|(code, pointer, message)| *code == RuleCode::OutOfRange
                && pointer == "/regions/1"
                && !message.contains("write it as text")),
        "{found:?}"
    );
    // TOML's `nan` where a number is wanted: the same finding with another finding or
    // without (the typed read once took it, and a rule of the model spoke instead).
    let example =
        std::fs::read_to_string(common::root().join("examples/data/boulder-kisumu.toml")).unwrap();
    for (written, pointer) in [
        ("lat = 40.015\n", "/regions/0/coordinates/lat"),
        ("value = 115000\n", "/funding_sources/0/amount/value"),
        ("value = 1200\n", "/indicators/0/values/0/value"),
    ] {
        let name = written.split(' ').next().unwrap();
        let text = example.replacen(written, &format!("{name} = nan\n"), 1);
        let alone = findings(&text, Format::Toml);
        assert_eq!(alone.len(), 1, "{pointer}: {alone:?}");
        assert_eq!(
            (alone[0].0, alone[0].1.as_str()),
            (RuleCode::OutOfRange, pointer)
        );
        let with_another = findings(
            &text.replacen(
                "schema_version = \"1.1\"\n",
                "schema_version = \"1.1\"\nbogus = 1\n",
                1,
            ),
            Format::Toml,
        );
        assert_eq!(with_another.len(), 2, "{pointer}: {with_another:?}");
        assert!(
            with_another.contains(&alone[0]),
            "{pointer}: {with_another:?}"
        );
    }
}

/// `text` with a key the format does not know, `bogus`, after its `schema_version` line:
/// one more finding, of another rule, which must leave every other finding as it was.
fn with_unknown_key(text: &str, format: Format) -> String {
    let line = text.find("schema_version").unwrap();
    let end = line + text[line..].find('\n').unwrap() + 1;
    let key = if format == Format::Toml {
        "bogus = 1\n"
    } else {
        "bogus: 1\n"
    };
    format!("{}{key}{}", &text[..end], &text[end..])
}

/// A native TOML date where the format wants text that is no date is the same finding
/// with other findings as without: the check of a document with findings took it as its
/// text (a stranger found `id = 2019-01-01` reported alone, and lost next to an unknown
/// key). Where the format wants a date, a date is read as one, and a date with a time is
/// refused either way.
#[test]
fn a_toml_date_where_text_is_wanted_is_one_finding_whatever_else_is_wrong() {
    let minimal = casebook::to_toml_string(
        &casebook::from_json_str(
            &std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json"))
                .unwrap(),
        )
        .unwrap(),
    )
    .unwrap();
    for (written, replacement, finding) in [
        (
            "id = \"minimal\"\n",
            "id = 2019-01-01\n",
            Some(("/id", "a TOML date where text is expected")),
        ),
        (
            "name = \"Lyon\"\n",
            "name = 2019-01-01T10:00:00Z\n",
            Some(("/regions/0/name", "a TOML date where text is expected")),
        ),
        ("started = \"2018\"\n", "started = 2018-05-04\n", None),
        (
            "started = \"2018\"\n",
            "started = 2018-05-04T10:00:00\n",
            Some(("/pairing/started", "2018-05-04T10:00:00")),
        ),
    ] {
        assert!(minimal.contains(written), "{written}");
        let text = minimal.replacen(written, replacement, 1);
        for unknown_key in [false, true] {
            let text = if unknown_key {
                with_unknown_key(&text, Format::Toml)
            } else {
                text.clone()
            };
            let findings: Vec<_> = validate_str(&text, Format::Toml)
                .diagnostics
                .into_iter()
                .filter(|finding| finding.code != RuleCode::UnknownKey)
                .collect();
            match finding {
                None => assert!(findings.is_empty(), "{replacement}: {findings:?}"),
                Some((pointer, words)) => {
                    assert_eq!(
                        findings.len(),
                        1,
                        "{replacement}, {unknown_key}: {findings:?}"
                    );
                    assert_eq!(findings[0].code, RuleCode::InvalidValue, "{findings:?}");
                    assert_eq!(findings[0].pointer, pointer, "{findings:?}");
                    assert!(findings[0].message.contains(words), "{findings:?}");
                    assert_eq!(
                        findings[0].line,
                        Some(text[..text.find(replacement).unwrap()].lines().count() + 1)
                    );
                }
            }
        }
    }
}

/// In a YAML document with findings, a plain scalar the parser reads as a number or a
/// boolean where the format wants text is checked as the text written, as in a document
/// without: `id: 0x1F` was checked as `"31"`, a good id, and its finding was lost.
#[test]
fn yaml_scalars_where_text_is_wanted_are_checked_as_written_in_documents_with_findings() {
    let example =
        std::fs::read_to_string(common::root().join("examples/data/boulder-kisumu.yaml")).unwrap();
    for (id, finding) in [
        ("0x1F", Some("invalid id \"0x1F\"")),
        ("0o17", None),
        ("1e3", None),
        ("True", Some("invalid id \"True\"")),
        (".NaN", Some("invalid id \".NaN\"")),
    ] {
        let document = example.replacen("id: boulder-kisumu-aupap\n", &format!("id: {id}\n"), 1);
        for unknown_key in [false, true] {
            let text = if unknown_key {
                with_unknown_key(&document, Format::Yaml)
            } else {
                document.clone()
            };
            let findings = validate_str(&text, Format::Yaml).diagnostics;
            let at_id: Vec<_> = findings
                .iter()
                .filter(|found| found.pointer == "/id")
                .collect();
            assert_eq!(at_id.len(), 1, "{id}, {unknown_key}: {findings:?}");
            match finding {
                Some(words) => {
                    assert_eq!(at_id[0].code, RuleCode::InvalidValue, "{id}: {findings:?}");
                    assert!(at_id[0].message.contains(words), "{id}: {findings:?}");
                }
                None => assert_eq!(
                    at_id[0].code,
                    RuleCode::YamlImplicitType,
                    "{id}: {findings:?}"
                ),
            }
        }
        let value = casebook::value_from_str(&document, Format::Yaml).unwrap();
        assert_eq!(value["id"], id);
    }
    // An alias stands for the scalar it names.
    let aliased = example
        .replacen("  kind: city\n", "  kind: &kind 0x1F\n", 1)
        .replacen("  kind: other\n", "  kind: *kind\n", 1);
    let value = casebook::value_from_str(&aliased, Format::Yaml).unwrap();
    assert_eq!(value["regions"][0]["kind"], "0x1F");
    assert_eq!(value["regions"][2]["kind"], "0x1F");
    let findings = validate_str(&aliased, Format::Yaml).diagnostics;
    assert_eq!(findings.len(), 2, "{findings:?}");
    assert!(
        findings.iter().all(|finding| finding
            .message
            .starts_with("\"0x1F\" is not an allowed value")),
        "{findings:?}"
    );
}

/// A finding of a check beyond the shape that is about a value set aside (an event's order
/// when its date does not exist) is dropped before the report's limit is applied: 101 such
/// events hid the findings of three events really dated before the pairing began, and in
/// another build left an "and 1 more" that counted nothing.
#[test]
fn findings_about_values_set_aside_neither_fill_the_limit_nor_are_counted() {
    let mut document = minimal();
    let event = |id: String, date: &str| serde_json::json!({ "id": id, "kind": "other", "title": "A meeting", "date": date });
    let broken: Vec<serde_json::Value> = (0..101)
        .map(|at| event(format!("broken-{at}"), "2019-02-29"))
        .collect();
    let count = |document: &serde_json::Value, code: RuleCode| {
        validate_str(&document.to_string(), Format::Json)
            .diagnostics
            .into_iter()
            .filter(|finding| finding.code == code)
            .collect::<Vec<_>>()
    };
    document["events"] = broken.clone().into();
    assert_eq!(count(&document, RuleCode::InvalidValue).len(), 101);
    assert!(count(&document, RuleCode::EventBeforeStart).is_empty());
    let mut events = broken;
    events.extend((0..3).map(|at| event(format!("early-{at}"), "2017")));
    document["events"] = events.into();
    let early = count(&document, RuleCode::EventBeforeStart);
    let pointers: Vec<&str> = early.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        ["/events/101/date", "/events/102/date", "/events/103/date"],
        "{early:?}"
    );
}

/// References meant for a broken id are dropped before the limit counts them, and those
/// meant for nothing are listed, with no placeholder among the ids they suggest: once, a
/// hundred of the first kind left only "and 3 more" of the second, and then the listed ones
/// were dropped too, for naming the placeholder that stands for the broken id.
#[test]
fn references_to_nothing_are_listed_after_many_meant_for_a_broken_id() {
    let mut document = minimal();
    document["topics"] = json!([
        { "id": "water", "label": "Water" },
        { "id": "Water Supply", "label": "Water supply" }
    ]);
    let outcome = |id: String, topic: &str| json!({ "id": id, "text": "Done.", "status": "achieved", "topics": [topic] });
    let mut outcomes: Vec<Value> = (0..100)
        .map(|at| outcome(format!("meant-{at}"), "water-supply"))
        .collect();
    outcomes.extend((0..3).map(|at| outcome(format!("none-{at}"), &format!("nosuch-{at}"))));
    document["outcomes"] = outcomes.into();
    let report = validate_str(&document.to_string(), Format::Json);
    let references: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|finding| finding.code == RuleCode::UnknownReference)
        .collect();
    let pointers: Vec<&str> = references.iter().map(|f| f.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "/outcomes/100/topics/0",
            "/outcomes/101/topics/0",
            "/outcomes/102/topics/0"
        ],
        "{:?}",
        report.diagnostics
    );
    assert!(
        references
            .iter()
            .all(|f| f.message.ends_with("the ids in `topics` are `water`")),
        "{references:?}"
    );
    // A blank id is as good as missing: any reference into its collection could be meant
    // for it.
    document["topics"][1]["id"] = "  ".into();
    let report = validate_str(&document.to_string(), Format::Json);
    assert!(
        report
            .diagnostics
            .iter()
            .all(|finding| finding.code != RuleCode::UnknownReference),
        "{:?}",
        report.diagnostics
    );
}

/// A document may write the very ids that stand in for values set aside: they are its
/// own, and are checked as such. The placeholders once all began `casebook-set-aside-`,
/// so that with one broken id a reference written `casebook-set-aside-2` was taken for a
/// placeholder's and dropped, and so was a `duplicate-id` of two entries with that id.
/// They now begin `set-aside-q-`, or with a generation (`set-aside-q2-`) when the
/// document writes that; texts written with escapes are the same texts.
#[test]
fn ids_written_like_placeholders_are_checked_as_written() {
    let mut document = minimal();
    document["topics"] = json!([
        {"id": "Bad Id", "label": "Broken"},
        {"id": "casebook-set-aside-1", "label": "A"},
        {"id": "casebook-set-aside-1", "label": "B"},
        {"id": "set-aside-q-1", "label": "C"},
        {"id": "set-aside-q-1", "label": "D"},
        {"id": "set-aside-q1-1", "label": "E"}
    ]);
    document["lessons"] = json!([{
        "id": "l",
        "text": "What was learned.",
        "topics": ["casebook-set-aside-2", "set-aside-q-2", "set-aside-q1-2", "bad-id"]
    }]);
    let text = serde_json::to_string_pretty(&document)
        .unwrap()
        .replace("set-aside-q1-", "set-aside-\\u0071\\u0031-");
    let report = validate_str(&text, Format::Json);
    assert_eq!(
        common::found(&report),
        [
            (RuleCode::InvalidValue, "/topics/0/id"),
            (RuleCode::DuplicateId, "/topics/2/id"),
            (RuleCode::DuplicateId, "/topics/4/id"),
            (RuleCode::UnknownReference, "/lessons/0/topics/0"),
            (RuleCode::UnknownReference, "/lessons/0/topics/1"),
            (RuleCode::UnknownReference, "/lessons/0/topics/2"),
        ],
        "{:#?}",
        report.diagnostics
    );
    // The reference meant for the broken id (its slug) stays silent, and no message shows
    // the placeholder that stood for it, whose prefix the document does not write.
    assert!(
        report
            .diagnostics
            .iter()
            .all(|finding| !finding.message.contains("set-aside-q2-")),
        "{:#?}",
        report.diagnostics
    );
}

/// However many prefixes a document writes, the placeholders' stay short ids: the
/// checks beyond the shape still run, and say nothing false. (A prefix made longer than
/// every run of a letter in the text once made the placeholders too long to be ids, and
/// a collection with a broken id read as empty.)
#[test]
fn a_document_full_of_placeholder_prefixes_is_still_checked() {
    let mut document = minimal();
    document["title"] = json!(
        (0..=5_000)
            .map(|generation| match generation {
                0 => "Set-Aside-Q-".to_owned(),
                _ => format!("Set-Aside-Q{generation}-"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    );
    document["topics"] = json!([
        {"id": "Bad Id", "label": "Broken"},
        {"id": "tourism", "label": "Tourism"},
        {"id": "tourism", "label": "Tourism again"}
    ]);
    document["pairing"]["focus"] = json!(["tourism", "nothing"]);
    let text = serde_json::to_string(&document).unwrap();
    let report = validate_str(&text, Format::Json);
    assert_eq!(
        common::found(&report),
        [
            (RuleCode::UnknownReference, "/pairing/focus/1"),
            (RuleCode::InvalidValue, "/topics/0/id"),
            (RuleCode::DuplicateId, "/topics/2/id"),
        ],
        "{:#?}",
        report.diagnostics
    );
}

/// A YAML case study whose top level also has `extra` (a line, or nothing), with an event
/// dated (unquoted) each of `dates`.
fn events_dated_text<'d>(extra: &str, dates: impl Iterator<Item = &'d str>) -> String {
    let mut text = format!(
        "schema_version: '1.0'\nid: minimal\ntitle: T\n{extra}regions:\n  - {{id: lyon, name: Lyon, kind: metropolitan_area, country: FR}}\n  - {{id: montreal, name: Montreal, kind: city, country: CA}}\npairing: {{kind: city_to_city, regions: [lyon, montreal], started: '2018', status: active}}\nevents:\n"
    );
    for (index, date) in dates.enumerate() {
        text.push_str(&format!(
            "  - {{id: e{index}, kind: kickoff, title: V, date: {date}}}\n"
        ));
    }
    text
}

/// [`events_dated_text`], checked: the pointers of the findings of `counted`'s rule and
/// of `yaml-implicit-type`'s.
fn events_dated<'d>(
    extra: &str,
    dates: impl Iterator<Item = &'d str>,
    counted: RuleCode,
) -> (Vec<String>, Vec<String>) {
    let report = validate_str(&events_dated_text(extra, dates), Format::Yaml);
    let of = |code: RuleCode| {
        report
            .diagnostics
            .iter()
            .filter(|finding| finding.code == code)
            .map(|finding| finding.pointer.clone())
            .collect()
    };
    (of(counted), of(RuleCode::YamlImplicitType))
}

/// A value with a finding gets no advice to quote it, whether its finding is listed or
/// counted past the limit: 150 events dated an unquoted `2019-02-29` once gave the 50
/// past the limit a `yaml-implicit-type` warning, as if nothing else were wrong with them.
/// Here 200 of 300 are, among 100 good dates that are advised.
#[test]
fn values_counted_past_the_limit_get_no_advice_to_quote_them() {
    // Two dates in three are no date at all; the others are good dates.
    let dates = (0..300).map(|index| match index % 3 {
        0 => "2019-01-01",
        _ => "2019-02-29",
    });
    let (invalid, advised) = events_dated("", dates, RuleCode::InvalidValue);
    assert_eq!(invalid.len(), 101, "100 listed, and a count");
    let good_dates: Vec<_> = (0..300)
        .step_by(3)
        .map(|index| format!("/events/{index}/date"))
        .collect();
    assert_eq!(advised, good_dates);
}

/// The same for findings of the checks beyond the shape, whether the document reads whole
/// or only with a broken value set aside: 150 events before the pairing started, dated
/// unquoted, once gave the 50 counted past the limit a `yaml-implicit-type` warning.
#[test]
fn values_counted_past_the_limit_of_any_check_get_no_advice_to_quote_them() {
    for broken in ["", "colour: red\n"] {
        // Three in five are before the pairing started; the others are good dates.
        let dates = (0..250).map(|index| match index % 5 {
            0 | 1 => "2019-01-01",
            _ => "2010-01-01",
        });
        let (before_start, advised) = events_dated(broken, dates, RuleCode::EventBeforeStart);
        assert_eq!(before_start.len(), 101, "{broken}");
        let good_dates: Vec<_> = (0..250)
            .filter(|index| index % 5 < 2)
            .map(|index| format!("/events/{index}/date"))
            .collect();
        assert_eq!(advised, good_dates, "{broken}");
    }
}

/// YAML's `!!binary` is read as the text it encodes: such a text is the document's too,
/// and a reference written so is checked like any other.
#[test]
fn a_reference_written_in_base64_is_the_documents_own() {
    let text = "schema_version: \"1.1\"\nid: yb\ntitle: T\nregions:\n  - {id: Bad Id, name: X, kind: city, country: FR}\n  - {id: montreal, name: M, kind: city, country: CA}\npairing:\n  kind: city_to_city\n  regions: [montreal, !!binary c2V0LWFzaWRlLXEtMQ==, bad-id]\n  started: \"2018\"\n  status: active\n";
    let report = validate_str(text, Format::Yaml);
    assert_eq!(
        common::found(&report),
        [
            (RuleCode::InvalidValue, "/regions/0/id"),
            (RuleCode::UnknownReference, "/pairing/regions/1"),
        ],
        "{:#?}",
        report.diagnostics
    );
    assert!(report.diagnostics[1].message.contains("`set-aside-q-1`"));
}

/// One rule's findings from the shape's check and from the checks beyond it share one
/// limit: the last that the second check listed may be past it once they are merged, and
/// it holds back its advice like the others counted. 102 observers `123`, unquoted, in a
/// document with an unknown key once advised the 102nd.
#[test]
fn the_finding_merged_past_the_limit_holds_back_its_advice_too() {
    let observers = "    - 123\n".repeat(102);
    let text = format!(
        "schema_version: \"1.1\"\nid: di\ntitle: T\ncolour: 1\nregions:\n  - {{id: lyon, name: Lyon, kind: city, country: FR}}\n  - {{id: oslo, name: Oslo, kind: city, country: \"NO\"}}\n  - {{id: \"123\", name: X, kind: city, country: FR}}\npairing:\n  kind: city_to_city\n  regions: [lyon, oslo]\n  started: \"2018\"\n  status: active\n  observers:\n{observers}"
    );
    let report = validate_str(&text, Format::Yaml);
    let of = |code: RuleCode| {
        report
            .diagnostics
            .iter()
            .filter(|finding| finding.code == code)
            .map(|finding| finding.pointer.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of(RuleCode::DuplicateItem).len(),
        101,
        "100 listed, and a count"
    );
    assert_eq!(of(RuleCode::YamlImplicitType), ["/pairing/observers/0"]);
}

/// A finding whose rule is turned off is not there to mend: its value gets the advice to
/// quote it, as a value with no finding does.
#[test]
fn a_finding_turned_off_does_not_hold_back_advice() {
    let dates = ["2010-01-01", "2010-02-01", "2019-01-01"].into_iter();
    let text = events_dated_text("", dates);
    let advised = |validator: casebook::Validator| {
        let report = validator.validate_str(&text, Format::Yaml);
        report
            .diagnostics
            .iter()
            .map(|finding| (finding.code, finding.pointer.clone()))
            .collect::<Vec<_>>()
    };
    let date = |index: usize| format!("/events/{index}/date");
    assert_eq!(
        advised(casebook::Validator::new()),
        [
            (RuleCode::EventBeforeStart, date(0)),
            (RuleCode::EventBeforeStart, date(1)),
            (RuleCode::YamlImplicitType, date(2)),
        ]
    );
    let off = casebook::Validator::new()
        .with_level(RuleCode::EventBeforeStart, casebook::Level::Off)
        .unwrap();
    assert_eq!(
        advised(off),
        [0, 1, 2].map(|index| (RuleCode::YamlImplicitType, date(index)))
    );
}

/// Three regions, each with a country-dependent finding of its own, and an organisation in
/// the first; `third_country` is the third region's country, and `url` a source's link.
fn three_regions_text(third_country: &str, url: &str) -> String {
    format!(
        r#"schema_version: "1.1"
id: three-regions
title: Three regions
regions:
  - {{id: lyon, name: Lyon, kind: city, country: FR, nuts: ES13, coordinates: {{lat: 10, lon: 10}}, identifiers: [{{scheme: unlocode, id: MX CUU}}]}}
  - {{id: quebec, name: Quebec, kind: city, country: CA, subdivision: US-QC}}
  - {{id: london, name: London, kind: city, country: {third_country}, subdivision: GB-LND}}
pairing: {{kind: city_to_city, regions: [lyon, quebec, london], started: "2018", status: active}}
organisations:
  - {{id: o, name: O, region: lyon, country: MX}}
  - {{id: p, name: P, region: london, country: MX}}
sources:
  - {{url: "{url}"}}
"#
    )
}

#[test]
fn a_country_set_aside_silences_only_what_reads_it() {
    let findings = |text: &str| {
        let report = validate_str(text, Format::Yaml);
        let mut found: Vec<(RuleCode, String)> = report
            .diagnostics
            .iter()
            .map(|finding| (finding.code, finding.pointer.clone()))
            .collect();
        found.sort();
        found
    };
    // With a good link the document reads into the model; with a bad one its shape is
    // checked first and the unknown country set aside. Either way, every region but the
    // one whose country is unknown keeps its findings.
    let read = findings(&three_regions_text("UK", "https://example.org"));
    let shaped = findings(&three_regions_text("UK", "ftp://example.org"));
    let expected_of_others = [
        (RuleCode::NutsCountryMismatch, "/regions/0/nuts"),
        (
            RuleCode::CoordinatesOutsideCountry,
            "/regions/0/coordinates",
        ),
        (
            RuleCode::UnlocodeCountryMismatch,
            "/regions/0/identifiers/0/id",
        ),
        (
            RuleCode::SubdivisionCountryMismatch,
            "/regions/1/subdivision",
        ),
        (
            RuleCode::OrganisationCountryMismatch,
            "/organisations/0/country",
        ),
        (RuleCode::UnknownCountry, "/regions/2/country"),
    ];
    for (code, pointer) in expected_of_others {
        let finding = (code, pointer.to_owned());
        assert!(read.contains(&finding), "{finding:?} in {read:?}");
        assert!(shaped.contains(&finding), "{finding:?} in {shaped:?}");
    }
    assert!(shaped.contains(&(RuleCode::InvalidValue, "/sources/0/url".to_owned())));
    // What reads the country set aside says nothing: not the third region's subdivision
    // (which the read compares with `UK`), nor the organisation in it.
    let subdivision = (
        RuleCode::SubdivisionCountryMismatch,
        "/regions/2/subdivision".to_owned(),
    );
    assert!(read.contains(&subdivision), "{read:?}");
    for pointer in ["/regions/2/subdivision", "/organisations/1/country"] {
        assert!(
            !shaped.iter().any(|(_, at)| at == pointer),
            "{pointer} in {shaped:?}"
        );
    }
    // The same country-dependent findings as the read, less the shape's own.
    let shaped_beyond: Vec<_> = shaped
        .iter()
        .filter(|(code, _)| *code != RuleCode::InvalidValue)
        .collect();
    let read_beyond: Vec<_> = read
        .iter()
        .filter(|finding| **finding != subdivision)
        .collect();
    assert_eq!(shaped_beyond, read_beyond);
}

#[test]
fn an_unknown_country_has_one_message_whichever_check_finds_it() {
    let message = |url: &str| {
        let report = validate_str(&three_regions_text("UK", url), Format::Yaml);
        report
            .diagnostics
            .iter()
            .find(|finding| finding.code == RuleCode::UnknownCountry)
            .map(|finding| finding.message.clone())
            .unwrap()
    };
    let read = message("https://example.org");
    assert!(read.contains("the United Kingdom is `GB`"), "{read}");
    assert_eq!(message("ftp://example.org"), read);
}

#[test]
fn a_toml_integer_beyond_64_bits_signed_is_refused() {
    // What a stranger found: TOML's integers are 64-bit signed, and its specification asks
    // a reader to refuse a larger one; 2^63 was kept, and `convert --to toml` then failed
    // on the document that had validated.
    let document = |value: &str| {
        format!(
            "schema_version = \"1.0\"\nid = \"x\"\ntitle = \"T\"\n[[regions]]\nid = \"a\"\nname = \"A\"\nkind = \"city\"\ncountry = \"FR\"\n[[regions]]\nid = \"b\"\nname = \"B\"\nkind = \"city\"\ncountry = \"CA\"\n[pairing]\nkind = \"city_to_city\"\nregions = [\"a\", \"b\"]\nstarted = \"2018\"\nstatus = \"active\"\n[extensions]\nbig = {value}\n"
        )
    };
    for kept in [
        "9223372036854775807",
        "-9223372036854775808",
        "0x7fffffffffffffff",
    ] {
        let text = document(kept);
        assert!(
            validate_str(&text, Format::Toml).diagnostics.is_empty(),
            "{kept}"
        );
        assert!(casebook::from_toml_str(&text).is_ok(), "{kept}");
    }
    for refused in [
        "9223372036854775808",
        "0x8000000000000000",
        "0xffffffffffffffff",
    ] {
        let text = document(refused);
        let report = validate_str(&text, Format::Toml);
        assert_eq!(
            common::found(&report),
            [(RuleCode::OutOfRange, "/extensions/big")],
            "{refused}"
        );
        assert!(
            report.diagnostics[0]
                .message
                .contains("range of a TOML integer")
        );
        assert!(casebook::from_toml_str(&text).is_err(), "{refused}");
    }
}

#[test]
fn extensions_that_validate_are_written_back_in_every_syntax() {
    // What a stranger found: `extensions` nested 60 deep validated clean, and then no
    // syntax could write it (`convert`, and `load` in Python, failed).
    let nested = |depth: usize| {
        let mut value = json!(1);
        for _ in 0..depth {
            value = json!([value]);
        }
        let mut document = minimal();
        document["extensions"] = json!({ "tree": value });
        document.to_string()
    };
    let limit = casebook::format::MAX_EXTENSION_DEPTH;
    let within = nested(limit);
    assert!(validate_str(&within, Format::Json).is_valid());
    let case = casebook::from_json_str(&within).unwrap();
    type Writer = fn(&casebook::CaseStudy) -> casebook::Result<String>;
    let writers: [(Format, Writer); 3] = [
        (Format::Json, casebook::to_json_string),
        (Format::Yaml, casebook::to_yaml_string),
        (Format::Toml, casebook::to_toml_string),
    ];
    for (format, write) in writers {
        let written = write(&case).unwrap();
        assert_eq!(
            casebook::from_str_as(&written, format).unwrap(),
            case,
            "{format}"
        );
    }
    for deeper in [limit + 1, 60, 120] {
        let report = validate_str(&nested(deeper), Format::Json);
        let found = common::found(&report);
        assert_eq!(found.len(), 1, "{deeper}: {found:?}");
        assert_eq!(found[0].0, RuleCode::ExtensionsTooDeep, "{deeper}");
        assert!(
            casebook::to_json_string(&casebook::from_json_str(&nested(deeper)).unwrap()).is_err()
        );
    }
}

#[test]
fn an_id_set_aside_silences_nothing_about_other_entries() {
    let text = |third: &str| {
        format!(
            r#"schema_version: "1.1"
id: broken-region-id
title: Broken region id
regions:
  - {{id: lyon, name: Lyon, kind: city, country: FR}}
  - {{id: quebec, name: Quebec, kind: city, country: CA}}
  - {{id: {third}, name: London, kind: city, country: GB}}
pairing: {{kind: city_to_city, regions: [lyon, quebec, {third}], started: "2018", status: active}}
organisations:
  - {{id: o, name: O, region: lyon, country: MX}}
  - {{id: {third}-office, name: L, region: {third}, country: MX}}
people:
  - {{id: p, name: P, region: quebec, organisation: o}}
"#
        )
    };
    let report = validate_str(&text("London_X"), Format::Yaml);
    let found = common::found(&report);
    // About entries that are fine in themselves: kept.
    assert!(
        found.contains(&(
            RuleCode::OrganisationCountryMismatch,
            "/organisations/0/country"
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(RuleCode::PersonRegionMismatch, "/people/0/region")),
        "{found:?}"
    );
    // About the organisation in the region whose id is broken: nothing, as it would be
    // about a placeholder.
    assert!(
        !found
            .iter()
            .any(|(_, at)| at.starts_with("/organisations/1/country")),
        "{found:?}"
    );
    let mended = validate_str(&text("london"), Format::Yaml);
    assert!(common::found(&mended).contains(&(
        RuleCode::OrganisationCountryMismatch,
        "/organisations/1/country"
    )));
}

#[test]
fn a_broken_region_id_or_partner_leaves_what_holds_of_the_others() {
    // What a stranger found after the first fix: a region id nothing refers to hid
    // `unpaired-region` about another region, and a broken partner hid an observer that
    // is a partner too.
    let unpaired = r#"schema_version: "1.1"
id: unpaired-kept
title: Unpaired region kept
regions:
  - {id: lyon, name: Lyon, kind: city, country: FR}
  - {id: quebec, name: Quebec, kind: city, country: CA}
  - {id: turin, name: Turin, kind: city, country: IT}
  - {id: Museum Quarter, name: Museum quarter, kind: other, country: FR, parent: lyon}
pairing: {kind: city_to_city, regions: [lyon, quebec], started: "2018", status: active}
"#;
    let report = validate_str(unpaired, Format::Yaml);
    assert_eq!(
        common::found(&report),
        [
            (RuleCode::UnpairedRegion, "/regions/2/id"),
            (RuleCode::InvalidValue, "/regions/3/id"),
        ]
    );
    let observer = r#"schema_version: "1.1"
id: observer-kept
title: Observer kept
regions:
  - {id: lyon, name: Lyon, kind: city, country: FR}
  - {id: porto, name: Porto, kind: city, country: PT}
  - {id: quebec, name: Quebec, kind: city, country: CA}
pairing: {kind: city_to_city, regions: [lyon, Quebec City, porto], observers: [porto], started: "2018", status: active}
"#;
    let report = validate_str(observer, Format::Yaml);
    let found = common::found(&report);
    assert!(
        found.contains(&(RuleCode::ObserverIsPartner, "/pairing/observers/0")),
        "{found:?}"
    );
    assert!(
        found.contains(&(RuleCode::InvalidValue, "/pairing/regions/1")),
        "{found:?}"
    );
}

#[test]
fn a_key_unknown_here_may_be_of_a_later_minor_version() {
    // What a stranger found: a document of format 1.7 got a plain `unknown-key`, with no
    // word that it is newer than this build.
    let text = |version: &str| {
        format!(
            "schema_version: \"{version}\"\nid: v\ntitle: T\nregions: [{{id: a, name: A, kind: city, country: FR}}, {{id: b, name: B, kind: city, country: FR}}]\npairing: {{kind: twinning_plus, regions: [a, b], started: \"2018\", status: active, future_key: 1}}\n"
        )
    };
    let newer = validate_str(&text("1.7"), Format::Yaml);
    assert_eq!(
        common::found(&newer),
        [
            (RuleCode::InvalidValue, "/pairing/kind"),
            (RuleCode::UnknownKey, "/pairing"),
        ]
    );
    for finding in &newer.diagnostics {
        assert!(
            finding.message.contains("declares format 1.7")
                && finding.message.contains("reads format 1.1"),
            "{finding}"
        );
    }
    let current = validate_str(&text("1.1"), Format::Yaml);
    assert_eq!(common::found(&current), common::found(&newer));
    assert!(
        current
            .diagnostics
            .iter()
            .all(|finding| !finding.message.contains("declares format"))
    );
}

#[test]
fn a_missing_root_key_is_listed_before_a_list_full_of_broken_entries() {
    // What a tester found comparing two builds: the entries of the root's lists are checked
    // on their own, and a first version put the root's missing keys after their findings,
    // so that past a rule's limit of 100 the missing `title` went unlisted.
    let mut document = cantabria_chihuahua();
    document.as_object_mut().unwrap().remove("title");
    let region = json!({"id": "r", "kind": "city", "country": "ES"});
    document["regions"] = Value::Array(vec![region; 100]);
    let findings = findings_of(&document);
    let missing: Vec<&(String, String)> = findings
        .iter()
        .filter(|(code, _)| code == "missing-key")
        .collect();
    // 100 listed, and the count of those past the limit at the last one's place.
    assert_eq!(missing.len(), 101, "{findings:?}");
    assert_eq!(missing[0], &("missing-key".to_owned(), String::new()));
    assert!(
        missing[1..]
            .iter()
            .all(|(_, pointer)| pointer.starts_with("/regions/"))
    );
    let report = validate_str(&serde_json::to_string(&document).unwrap(), Format::Json);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|finding| finding.message.contains("`title`")),
        "{findings:?}"
    );
}
