//! Lossless round trips: JSON -> model -> YAML -> model -> TOML -> model -> JSON.

mod common;

use casebook::{CaseStudy, Format};
use serde_json::json;

fn through(case: &CaseStudy, format: Format) -> CaseStudy {
    let text = casebook::to_string_as(case, format)
        .unwrap_or_else(|error| panic!("writing {format}: {error}"));
    casebook::from_str_as(&text, format)
        .unwrap_or_else(|error| panic!("reading back {format}: {error}\n{text}"))
}

#[test]
fn every_valid_document_survives_json_yaml_toml_json() {
    let files = common::valid_documents();
    assert!(
        files.len() >= 6,
        "expected the example and the fixtures, found {files:?}"
    );
    for path in files {
        let original = common::load(&path);
        let from_json = through(&original, Format::Json);
        let from_yaml = through(&from_json, Format::Yaml);
        let from_toml = through(&from_yaml, Format::Toml);
        let back = through(&from_toml, Format::Json);
        assert_eq!(
            back,
            original,
            "{} changed on the round trip",
            path.display()
        );
    }
}

#[test]
fn each_bundled_example_reads_the_same_in_all_three_formats() {
    for name in ["cantabria-chihuahua", "boulder-kisumu"] {
        let load = |extension: &str| {
            common::load(&common::root().join(format!("examples/data/{name}.{extension}")))
        };
        let json = load("json");
        assert_eq!(json, load("yaml"), "{name}");
        assert_eq!(json, load("toml"), "{name}");
    }
}

#[test]
fn whole_amounts_are_written_as_integers_and_others_as_written() {
    let path = common::root().join("examples/data/boulder-kisumu.json");
    let mut case = common::load(&path);
    let amount = case.funding_sources[0].amount.as_mut().unwrap();
    assert_eq!(amount.value, 115_000.0);
    for format in Format::ALL {
        let text = casebook::to_string_as(&case, format).unwrap();
        assert!(
            text.contains("115000") && !text.contains("115000.0"),
            "{format}:\n{text}"
        );
    }
    for value in [7.5, 0.1, 1.0e300, 9_007_199_254_740_993.0, -0.0] {
        case.funding_sources[0].amount.as_mut().unwrap().value = value;
        for format in Format::ALL {
            let back = through(&case, format);
            let read = back.funding_sources[0].amount.as_ref().unwrap().value;
            assert!(
                read == value && read.is_sign_negative() == value.is_sign_negative(),
                "{value} through {format}: {read}"
            );
        }
    }
}

#[test]
fn extensions_keep_their_order_and_exact_numbers() {
    let path = common::root().join("tests/fixtures/valid/concluded-with-extensions.yaml");
    let case = common::load(&path);
    let keys: Vec<&str> = case.extensions.keys().map(String::as_str).collect();
    assert_eq!(keys[..2], ["zeta_first", "alpha"]);
    for format in Format::ALL {
        let back = through(&case, format);
        assert_eq!(
            back.extensions["integers"],
            json!([
                0,
                -1,
                9_223_372_036_854_775_807_i64,
                -9_223_372_036_854_775_808_i64
            ]),
            "{format}"
        );
        assert_eq!(
            back.extensions["floats"],
            json!([0.1, 1.5e-7, std::f64::consts::PI, 1.0e300, -2.5]),
            "{format}"
        );
        assert_eq!(back.extensions["text_number"], json!("007"), "{format}");
        let back_keys: Vec<&str> = back.extensions.keys().map(String::as_str).collect();
        assert_eq!(back_keys, keys, "{format} reordered extensions");
    }
}

#[test]
fn json_output_keeps_extension_numbers_as_written() {
    let text = r#"{"schema_version": "1.0", "id": "n", "title": "Numbers",
        "regions": [{"id": "a", "name": "A", "kind": "city", "country": "ES"},
                    {"id": "b", "name": "B", "kind": "city", "country": "MX"}],
        "pairing": {"kind": "city_to_city", "regions": ["a", "b"], "started": "2019", "status": "active"},
        "extensions": {"big": 18446744073709551615, "small": -42, "ratio": 0.30000000000000004}}"#;
    let case = casebook::from_json_str(text).expect("reads");
    let written = casebook::to_json_string(&case).expect("writes");
    assert!(
        written.contains("\"big\": 18446744073709551615"),
        "{written}"
    );
    assert!(written.contains("\"small\": -42"), "{written}");
    assert!(
        written.contains("\"ratio\": 0.30000000000000004"),
        "{written}"
    );
}

#[test]
fn toml_refuses_what_it_cannot_say_instead_of_dropping_it() {
    let mut case = common::load(&common::root().join("tests/fixtures/valid/minimal.json"));
    case.extensions
        .insert("nothing".to_owned(), serde_json::Value::Null);
    let error = casebook::to_toml_string(&case).expect_err("toml has no null");
    assert!(
        error.to_string().starts_with("cannot write toml:"),
        "{error}"
    );
    // JSON and YAML keep the null.
    for format in [Format::Json, Format::Yaml] {
        assert_eq!(through(&case, format), case, "{format}");
    }
}

#[test]
fn partial_dates_are_written_back_as_strings() {
    let case = common::load(&common::root().join("tests/fixtures/valid/native-toml-dates.toml"));
    assert_eq!(case.pairing.started.to_string(), "2017-11-14");
    let toml = casebook::to_toml_string(&case).expect("writes");
    assert!(toml.contains("started = \"2017-11-14\""), "{toml}");
    let yaml = casebook::to_yaml_string(&case).expect("writes");
    assert_eq!(casebook::from_yaml_str(&yaml).expect("reads"), case);
}
