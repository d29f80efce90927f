//! A document that cannot be read says where (JSON Pointer, line, column) and what.

use casebook::{Format, ParseError};

fn parse_error(text: &str, format: Format) -> ParseError {
    match casebook::from_str_as(text, format) {
        Err(casebook::Error::Parse(error)) => error,
        other => panic!("expected a parse error, got {other:?}"),
    }
}

const JSON_TYPO: &str = r#"{
  "schema_version": "1.0",
  "id": "typo",
  "title": "A typo",
  "regions": [
    {"id": "a", "name": "A", "kind": "city", "country": "ES"},
    {"id": "b", "name": "B", "kind": "city",
     "contry": "MX"}
  ]
}"#;

const YAML_TYPO: &str = "schema_version: \"1.0\"
id: typo
title: A typo
regions:
  - {id: a, name: A, kind: city, country: ES}
  - id: b
    name: B
    kind: city
    contry: MX
";

const TOML_TYPO: &str = r#"schema_version = "1.0"
id = "typo"
title = "A typo"

[[regions]]
id = "a"
name = "A"
kind = "city"
country = "ES"

[[regions]]
id = "b"
name = "B"
kind = "city"
contry = "MX"
"#;

#[test]
fn a_typo_in_a_key_names_the_key_its_object_and_its_line_in_every_format() {
    for (text, format, line) in [
        (JSON_TYPO, Format::Json, 8),
        (YAML_TYPO, Format::Yaml, 9),
        (TOML_TYPO, Format::Toml, 15),
    ] {
        let error = parse_error(text, format);
        assert_eq!(error.format, format);
        assert_eq!(error.pointer, "/regions/1", "{format}");
        assert!(
            error.message.contains("unknown field `contry`"),
            "{format}: {}",
            error.message
        );
        assert!(
            error.message.contains("country"),
            "{format} should list the known keys: {}",
            error.message
        );
        assert_eq!(error.line, Some(line), "{format}");
        assert!(error.column.is_some_and(|column| column >= 1), "{format}");
        let shown = error.to_string();
        assert!(
            shown.contains(&format!("line {line}")) && shown.contains("/regions/1"),
            "{shown}"
        );
    }
}

#[test]
fn a_missing_key_points_at_its_object() {
    let text = JSON_TYPO.replace(r#""id": "a", "#, "");
    let error = parse_error(&text, Format::Json);
    assert_eq!(error.pointer, "/regions/0");
    assert_eq!(error.message, "missing field `id`");
    assert_eq!(error.line, Some(6));
}

#[test]
fn a_bad_value_points_at_the_value_and_says_what_is_expected() {
    let text = JSON_TYPO.replace(
        r#""kind": "city", "country": "ES""#,
        r#""kind": "town", "country": "ES""#,
    );
    let error = parse_error(&text, Format::Json);
    assert_eq!(error.pointer, "/regions/0/kind");
    assert!(
        error.message.contains("unknown variant `town`"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("`metropolitan_area`"),
        "{}",
        error.message
    );

    let text = YAML_TYPO.replace("country: ES", "country: Spain");
    let error = parse_error(&text, Format::Yaml);
    assert_eq!(error.pointer, "/regions/0/country");
    assert!(
        error.message.contains("invalid country code \"Spain\""),
        "{}",
        error.message
    );
    assert_eq!(error.line, Some(5));
}

#[test]
fn a_syntax_error_has_a_line_and_column() {
    let error = parse_error("{\n  \"id\": \"x\",\n  oops\n}", Format::Json);
    assert_eq!((error.line, error.column), (Some(3), Some(3)));
    let error = parse_error("id = \"x\"\ntitle = \n", Format::Toml);
    assert_eq!(error.line, Some(2));
    let error = parse_error("id: x\n  title: [\n", Format::Yaml);
    assert!(error.line.is_some());
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = "{\"title\": \"Díaz\", \"id\" 1}";
    let error = parse_error(text, Format::Json);
    assert_eq!(error.line, Some(1));
    // `í` is two bytes but one character: `1` is the 24th character (25th byte).
    assert_eq!(error.column, Some(24));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/minimal.json"
    ))
    .unwrap();
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(
        casebook::from_json_str(&with_bom).unwrap(),
        casebook::from_json_str(&text).unwrap()
    );
}

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn duplicate_keys_are_errors_in_typed_fields_and_in_extensions() {
    let yaml = example("cantabria-chihuahua.yaml");
    let error = parse_error(
        &yaml.replace("id: iuc-", "id: other\nid: iuc-"),
        Format::Yaml,
    );
    assert!(
        error.message.contains("duplicate mapping key `id`"),
        "{}",
        error.message
    );
    assert!(
        !error.message.contains("Options"),
        "no hint meant for developers: {}",
        error.message
    );
    let error = parse_error(
        &yaml.replace("  background:\n", "  background:\n    motivation: one\n"),
        Format::Yaml,
    );
    assert_eq!(error.pointer, "/extensions/background");

    let json = example("cantabria-chihuahua.json");
    let error = parse_error(
        &json.replace(
            r#""language": "en","#,
            r#""language": "en", "language": "es","#,
        ),
        Format::Json,
    );
    assert!(
        error.message.contains("duplicate field `language`"),
        "{}",
        error.message
    );
    let error = parse_error(
        &json.replace(
            r#""background": {"#,
            r#""background": {"motivation": "first","#,
        ),
        Format::Json,
    );
    assert_eq!(error.pointer, "/extensions/background");
    assert!(
        error.message.starts_with("duplicate key `motivation`"),
        "{}",
        error.message
    );
    assert!(error.line.is_some());

    let toml = example("cantabria-chihuahua.toml");
    let error = parse_error(
        &toml.replace("language = \"en\"", "language = \"en\"\nlanguage = \"es\""),
        Format::Toml,
    );
    assert!(error.message.contains("duplicate key"), "{}", error.message);
}

#[test]
fn several_yaml_documents_in_one_file_are_an_error() {
    let yaml = example("cantabria-chihuahua.yaml");
    let error = parse_error(&format!("{yaml}---\n{yaml}"), Format::Yaml);
    assert!(
        error.message.to_lowercase().contains("document"),
        "{}",
        error.message
    );
}

#[test]
fn non_finite_numbers_in_extensions_are_errors_not_nulls() {
    let yaml = example("cantabria-chihuahua.yaml")
        .replace("extensions:\n", "extensions:\n  ratio: !!float .nan\n");
    let error = parse_error(&yaml, Format::Yaml);
    assert_eq!(error.pointer, "/extensions/ratio");
}

#[test]
fn files_in_unknown_formats_and_missing_files_are_errors() {
    let error = casebook::from_path("case.txt").unwrap_err();
    assert!(
        matches!(error, casebook::Error::UnknownFormat { .. }),
        "{error}"
    );
    let error = casebook::from_path("no/such/case.json").unwrap_err();
    assert!(matches!(error, casebook::Error::ReadFile { .. }), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("cannot read no/such/case.json:"),
        "{error}"
    );
}

#[test]
fn invalid_utf8_is_reported() {
    let error = casebook::from_slice(b"{\"id\": \"\xff\"}", Format::Json).unwrap_err();
    assert!(
        matches!(error, casebook::Error::NotUtf8 { valid_up_to: 8, .. }),
        "{error}"
    );
}
