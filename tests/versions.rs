//! Versions of the format: the table of additions, `needs-newer-version`, `upgrade`, and
//! the committed page `docs/versions.md`.

mod common;

use casebook::version::{self, FEATURES, UpgradeError};
use casebook::{CaseStudy, Format, RuleCode, SchemaVersion, validate_str};
use casebook_test_support::generate::Generator;
use serde_json::Value;

#[test]
fn the_committed_versions_page_is_generated_from_the_table() {
    let path = common::root().join("docs/versions.md");
    let generated = version::versions_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some_and(|value| !value.is_empty() && value != "0") {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/versions.md drifted from casebook::version; run `UPDATE_DOCS=1 cargo test --test versions` and commit it"
    );
}

#[test]
fn every_version_is_known_and_every_feature_is_of_a_known_later_version() {
    let known: Vec<SchemaVersion> = version::FORMAT_VERSIONS.iter().map(|v| v.version).collect();
    assert_eq!(known.first(), Some(&SchemaVersion::CURRENT));
    assert_eq!(known.last(), Some(&SchemaVersion::LATEST));
    assert!(known.windows(2).all(|pair| pair[0] < pair[1]));
    for feature in FEATURES {
        assert!(known.contains(&feature.version), "{}", feature.summary);
        assert!(
            feature.version > SchemaVersion::CURRENT,
            "{}",
            feature.summary
        );
    }
}

/// `CaseStudy::dates` names every date of a document: compared with the schema, on
/// generated documents that have every kind of date.
#[test]
fn dates_lists_every_date_the_schema_knows() {
    let mut generator = Generator::new(3);
    for index in 0..50 {
        let case = generator.case_study(index);
        let value = serde_json::to_value(&case).unwrap();
        let mut expected = Vec::new();
        collect_dates(
            &value,
            casebook::schema(),
            &casebook::schema(),
            String::new(),
            &mut expected,
        );
        let listed: Vec<String> = case
            .dates()
            .into_iter()
            .map(|(pointer, _)| pointer)
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected, "document {index}");
    }
}

fn collect_dates(
    value: &Value,
    schema: Value,
    root: &Value,
    pointer: String,
    found: &mut Vec<String>,
) {
    let (schema, name) = match schema.get("$ref").and_then(Value::as_str) {
        Some(target) => {
            let name = target.trim_start_matches("#/$defs/").to_owned();
            (root["$defs"][&name].clone(), Some(name))
        }
        None => (schema, None),
    };
    if name.as_deref() == Some("PartialDate") {
        found.push(pointer);
        return;
    }
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                if let Some(member_schema) = schema.get("properties").and_then(|p| p.get(key)) {
                    collect_dates(
                        member,
                        member_schema.clone(),
                        root,
                        format!("{pointer}/{key}"),
                        found,
                    );
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (index, item) in items.iter().enumerate() {
                    collect_dates(
                        item,
                        item_schema.clone(),
                        root,
                        format!("{pointer}/{index}"),
                        found,
                    );
                }
            }
        }
        _ => {}
    }
}

const MINIMAL: &str = r#"{"schema_version": "1.0", "id": "lyon-montreal", "title": "Lyon and Montreal",
  "regions": [{"id": "lyon", "name": "Lyon", "kind": "city", "country": "FR"},
              {"id": "montreal", "name": "Montreal", "kind": "city", "country": "CA"}],
  "pairing": {"kind": "city_to_city", "regions": ["lyon", "montreal"], "started": "2018", "status": "active"},
  "events": [{"id": "visit", "kind": "study_visit", "title": "A visit", "date": "2018-XX"},
             {"id": "forum", "kind": "conference", "title": "A forum", "date": "2019-03"}]}"#;

#[test]
fn a_newer_date_form_in_a_1_0_document_is_reported_at_each_use_and_upgrade_mends_it() {
    let report = validate_str(MINIMAL, Format::Json);
    let uses: Vec<(RuleCode, &str, Option<usize>)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.pointer.as_str(), d.line))
        .collect();
    assert_eq!(
        uses,
        [(RuleCode::NeedsNewerVersion, "/events/0/date", Some(5))]
    );
    assert!(
        report.diagnostics[0].message.contains("1.1"),
        "{}",
        report.diagnostics[0].message
    );

    let upgraded = version::upgrade(MINIMAL, Format::Json).unwrap().unwrap();
    // Exactly one character changed.
    let changed: Vec<_> = MINIMAL
        .chars()
        .zip(upgraded.chars())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!((changed, MINIMAL.len()), (vec![('0', '1')], upgraded.len()));
    assert!(validate_str(&upgraded, Format::Json).diagnostics.is_empty());
    // Upgrading is idempotent.
    assert_eq!(version::upgrade(&upgraded, Format::Json), Ok(None));
    let case: CaseStudy = casebook::from_json_str(&upgraded).unwrap();
    assert_eq!(version::needed_version(&case), SchemaVersion::LATEST);
}

#[test]
fn a_1_0_document_that_uses_nothing_newer_needs_1_0_and_stays_1_0_when_written() {
    let mut checked = 0;
    for path in common::valid_documents() {
        let case = casebook::from_path(&path).unwrap();
        if case.schema_version == SchemaVersion::CURRENT {
            checked += 1;
            assert_eq!(
                version::needed_version(&case),
                SchemaVersion::CURRENT,
                "{}",
                path.display()
            );
            let written = casebook::to_json_string(&case).unwrap();
            assert!(
                written.contains("\"schema_version\": \"1.0\""),
                "{}",
                path.display()
            );
        }
    }
    assert!(checked >= 3, "{checked}");
    let built = Generator::new(1).case_study(0);
    assert_eq!(built.schema_version, SchemaVersion::CURRENT);
}

#[test]
fn each_bundled_example_needs_1_1_and_declares_it() {
    for path in common::documents_in("examples/data") {
        let case = casebook::from_path(&path).unwrap();
        assert_eq!(
            case.schema_version,
            SchemaVersion::LATEST,
            "{}",
            path.display()
        );
        assert_eq!(
            version::needed_version(&case),
            SchemaVersion::LATEST,
            "{}",
            path.display()
        );
        // Declared 1.0, the interval is reported where it is.
        let text = std::fs::read_to_string(&path).unwrap();
        let format = casebook::Format::from_path(&path).unwrap();
        let as_1_0 = text.replacen("1.1", "1.0", 1);
        let report = validate_str(&as_1_0, format);
        let newer: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == RuleCode::NeedsNewerVersion)
            .map(|d| (d.pointer.as_str(), d.line.is_some()))
            .collect();
        // The visit's interval, the funders and the roles: the seed's facts that 1.1 has
        // keys for.
        let expected = [
            "/events/1/date",
            "/funding_sources/0/funder",
            "/funding_sources/2/funder",
            "/funding_sources/5/funder",
            "/organisations/0/roles",
            "/organisations/1/roles",
            "/organisations/2/roles",
            "/organisations/3/roles",
            "/organisations/4/roles",
        ]
        .map(|pointer| (pointer, true));
        if path.to_string_lossy().contains("cantabria-chihuahua") {
            assert_eq!(newer, expected, "{}", path.display());
        } else {
            // The second example is written in 1.1 throughout: every use is placed.
            assert!(newer.len() > 20, "{}: {newer:?}", path.display());
            assert!(newer.iter().all(|(_, placed)| *placed), "{newer:?}");
            assert!(newer.contains(&("/indicators", true)), "{newer:?}");
            assert!(newer.contains(&("/translations", true)), "{newer:?}");
        }
    }
}

#[test]
fn a_new_key_whose_value_is_a_new_date_form_is_one_use() {
    let text = MINIMAL.replace(
        r#""status": "active"}"#,
        r#""status": "active"}, "outcomes": [{"id": "plan", "text": "A plan.", "date": "2019?"}]"#,
    );
    let report = validate_str(&text, Format::Json);
    let at_outcome: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.pointer == "/outcomes/0/date")
        .collect();
    assert_eq!(at_outcome.len(), 1, "{:?}", report.diagnostics);
}

#[test]
fn upgrade_keeps_quotes_comments_and_order_in_every_syntax() {
    let cases = [
        (
            Format::Yaml,
            "# a comment\nschema_version: '1.0'  # the version\nid: x\n",
            "# a comment\nschema_version: '1.1'  # the version\nid: x\n",
        ),
        (
            Format::Yaml,
            "\u{feff}schema_version: \"1.0\"\nid: x\n",
            "\u{feff}schema_version: \"1.1\"\nid: x\n",
        ),
        (
            Format::Toml,
            "id = \"x\"\nschema_version = \"1.0\" # v\n",
            "id = \"x\"\nschema_version = \"1.1\" # v\n",
        ),
        (
            Format::Json,
            "{\n  \"id\": \"é\",\n  \"schema_version\":\"1.0\"\n}\n",
            "{\n  \"id\": \"é\",\n  \"schema_version\":\"1.1\"\n}\n",
        ),
    ];
    for (format, before, after) in cases {
        assert_eq!(
            version::upgrade(before, format),
            Ok(Some(after.to_owned())),
            "{before:?}"
        );
    }
}

#[test]
fn upgrade_refuses_what_it_cannot_change_alone() {
    let refused = [
        (Format::Json, r#"{"id": "x"}"#),
        (Format::Json, r#"{"schema_version": 1.0}"#),
        (Format::Json, r#"{"schema_version": "2.0"}"#),
        (Format::Json, r#"{"schema_version": "1.2"}"#),
        (Format::Json, r#"{"schema_version": "1.\u0030"}"#),
        (Format::Yaml, "schema_version: 1.00\n"),
        (Format::Json, "{\"schema_version\": "),
    ];
    for (format, text) in refused {
        let outcome = version::upgrade(text, format);
        assert!(outcome.is_err(), "{text:?}: {outcome:?}");
    }
    // A plain YAML `1.10` is version 1.10, as `validate` reads it, not the number 1.1.
    assert_eq!(
        version::upgrade("schema_version: 1.10\nid: x\n", Format::Yaml),
        Err(UpgradeError::OtherVersion("1.10".to_owned()))
    );
    let escaped = version::upgrade(r#"{"schema_version": "1.\u0030"}"#, Format::Json);
    assert!(
        matches!(escaped, Err(UpgradeError::NotInPlace(_))),
        "{escaped:?}"
    );
}

/// The 1.1 fixtures of organisations, roles, networks and outcome dates, declared 1.0:
/// one `needs-newer-version` per use of an addition, each with a line (in the order of
/// the lines).
#[test]
fn roles_networks_and_outcome_dates_in_a_1_0_document_are_reported_at_each_use() {
    let cases: [(&str, Format, &[&str]); 2] = [
        (
            "tests/fixtures/valid/roles-and-funders.toml",
            Format::Toml,
            &[
                "/outcomes/0/date",
                "/funding_sources/0/funder",
                "/organisations/0/roles",
                "/organisations/1/kind",
                "/organisations/1/roles",
                "/organisations/2/roles",
                "/organisations/3/kind",
                "/organisations/3/roles",
                "/organisations/4/kind",
                "/organisations/5/kind",
                "/organisations/5/roles",
            ],
        ),
        (
            "tests/fixtures/valid/network-observers.yaml",
            Format::Yaml,
            &[
                "/regions/0/parent",
                "/pairing/kind",
                "/pairing/observers",
                "/pairing/sub_pairings",
                "/outcomes/0/date",
                "/outcomes/1/date",
            ],
        ),
    ];
    for (path, format, expected) in cases {
        let text = std::fs::read_to_string(common::root().join(path)).unwrap();
        assert!(validate_str(&text, format).is_clean(), "{path}");
        let declared_1_0 = text
            .replacen("schema_version = \"1.1\"", "schema_version = \"1.0\"", 1)
            .replacen("schema_version: \"1.1\"", "schema_version: \"1.0\"", 1);
        assert_ne!(declared_1_0, text, "{path}");
        let report = validate_str(&declared_1_0, format);
        let found: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.code, RuleCode::NeedsNewerVersion, "{path}: {d}");
                assert!(d.line.is_some(), "{path}: {d}");
                d.pointer.as_str()
            })
            .collect();
        assert_eq!(found, expected, "{path}");
        let case: CaseStudy = casebook::from_str_as(&text, format).unwrap();
        assert_eq!(version::needed_version(&case), SchemaVersion::LATEST);
    }
}

#[test]
fn indicators_and_funding_figures_in_a_1_0_document_are_reported_at_each_use() {
    let cases: [(&str, Format, &[&str]); 2] = [
        (
            "tests/fixtures/valid/indicators.yaml",
            Format::Yaml,
            &[
                "/indicators",
                "/indicators/0/values/1/date",
                "/indicators/2/values/0/date",
            ],
        ),
        (
            "tests/fixtures/valid/funding-shares.toml",
            Format::Toml,
            &[
                "/funding_sources/0/amount/qualifier",
                "/funding_sources/0/period",
                "/funding_sources/0/scope",
                "/funding_sources/0/shares",
                "/funding_sources/1/amount/qualifier",
                "/funding_sources/1/period",
                "/funding_sources/1/scope",
                "/funding_sources/1/shares",
                "/funding_sources/2/scope",
            ],
        ),
    ];
    for (path, format, expected) in cases {
        let text = std::fs::read_to_string(common::root().join(path)).unwrap();
        assert!(validate_str(&text, format).diagnostics.is_empty(), "{path}");
        let declared_1_0 = text
            .replacen("schema_version: \"1.1\"", "schema_version: \"1.0\"", 1)
            .replacen("schema_version = \"1.1\"", "schema_version = \"1.0\"", 1);
        let report = validate_str(&declared_1_0, format);
        let mut found: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.code, RuleCode::NeedsNewerVersion, "{path}: {d}");
                assert!(d.line.is_some(), "{path}: no line for {d}");
                d.pointer.as_str()
            })
            .collect();
        found.sort_unstable();
        assert_eq!(found, expected, "{path}");
        let case: CaseStudy = casebook::from_str_as(&text, format).unwrap();
        assert_eq!(
            version::needed_version(&case),
            SchemaVersion::LATEST,
            "{path}"
        );
    }
}

#[test]
fn languages_and_places_in_a_1_0_document_are_reported_at_each_use() {
    let cases: [(&str, Format, &[&str]); 2] = [
        (
            "tests/fixtures/valid/languages-pt.yaml",
            Format::Yaml,
            &[
                "/quotes/0/language",
                "/quotes/0/translation",
                "/quotes/1/language",
                "/quotes/1/translation",
                "/sources/0/language",
                "/sources/0/published",
                "/sources/0/publisher",
                "/translations",
            ],
        ),
        (
            "tests/fixtures/valid/places.json",
            Format::Json,
            &[
                "/regions/0/coordinates",
                "/regions/0/identifiers",
                "/regions/1/coordinates",
                "/regions/1/identifiers",
                "/events/0/coordinates",
            ],
        ),
    ];
    for (path, format, expected) in cases {
        let text = std::fs::read_to_string(common::root().join(path)).unwrap();
        let declared_1_0 = text.replacen("\"1.1\"", "\"1.0\"", 1);
        assert_ne!(text, declared_1_0, "{path}");
        let report = validate_str(&declared_1_0, format);
        let mut found: Vec<&str> = Vec::new();
        for finding in &report.diagnostics {
            assert_eq!(
                finding.code,
                RuleCode::NeedsNewerVersion,
                "{path}: {finding}"
            );
            assert!(finding.line.is_some(), "{path}: no line for {finding}");
            found.push(&finding.pointer);
        }
        found.sort_unstable();
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected, "{path}");
        let case = casebook::from_str_as(&text, format).unwrap();
        assert_eq!(
            version::needed_version(&case),
            SchemaVersion::LATEST,
            "{path}"
        );
        // The generated documents are of format 1.0: the new date is checked here.
        if !case.sources.is_empty() {
            assert!(
                case.dates()
                    .iter()
                    .any(|(pointer, _)| pointer == "/sources/0/published")
            );
        }
    }
}

#[test]
fn a_newer_key_with_an_empty_value_in_a_1_0_document_is_a_use() {
    // Read into the model, `[]` and `{}` are the key's absence; a 1.0 reader refuses the
    // key all the same.
    let json = r#"{"schema_version": "1.0", "id": "lyon-montreal", "title": "Lyon and Montreal",
  "regions": [{"id": "lyon", "name": "Lyon", "kind": "city", "country": "FR", "identifiers": []},
              {"id": "montreal", "name": "Montreal", "kind": "city", "country": "CA"}],
  "pairing": {"kind": "city_to_city", "regions": ["lyon", "montreal"], "started": "2018",
              "status": "active", "observers": []},
  "organisations": [{"id": "city", "name": "City of Lyon", "roles": []}],
  "indicators": [],
  "translations": {}}"#;
    let case: CaseStudy = casebook::from_json_str(json).unwrap();
    let yaml = casebook::to_yaml_string(&case).unwrap();
    let expected = [
        "/organisations/0/roles",
        "/pairing/observers",
        "/indicators",
        "/translations",
        "/regions/0/identifiers",
    ];
    let report = validate_str(json, Format::Json);
    let mut found: Vec<(&str, bool)> = report
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.code, RuleCode::NeedsNewerVersion, "{d:?}");
            (d.pointer.as_str(), d.line.is_some())
        })
        .collect();
    found.sort_unstable();
    let mut wanted: Vec<(&str, bool)> = expected.iter().map(|p| (*p, true)).collect();
    wanted.sort_unstable();
    assert_eq!(found, wanted);
    let pointers = |text: &str, format| -> Vec<String> {
        validate_str(text, format)
            .diagnostics
            .into_iter()
            .map(|d| d.pointer)
            .collect()
    };
    // The same document in YAML, an empty list with a comment inside: the same finding.
    let commented = format!("{yaml}indicators: [ # none yet\n  ]\n");
    assert_eq!(
        pointers(&commented, Format::Yaml),
        ["/indicators"],
        "{commented}"
    );
    // In TOML, an empty table made by a header that no key follows: the same finding.
    let toml = casebook::to_toml_string(&case).unwrap() + "\n[translations]\n# none yet\n";
    assert_eq!(pointers(&toml, Format::Toml), ["/translations"], "{toml}");
    // With a finding of the shape too (an unknown key), the same uses, found in the tree
    // that the shape's check read.
    let broken = json.replacen(
        r#""indicators": [],"#,
        r#""indicators": [], "colour": "red","#,
        1,
    );
    let report = validate_str(&broken, Format::Json);
    let mut newer: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::NeedsNewerVersion)
        .map(|d| d.pointer.as_str())
        .collect();
    newer.sort_unstable();
    let mut uses = expected.to_vec();
    uses.sort_unstable();
    assert_eq!(newer, uses, "{:?}", report.diagnostics);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == RuleCode::UnknownKey && d.pointer.is_empty()),
        "{:?}",
        report.diagnostics
    );
    // Written back from the model, the empty keys are gone and the document is 1.0 again.
    assert!(validate_str(&yaml, Format::Yaml).is_clean(), "{yaml}");
    // Declared 1.1, the same text is clean.
    assert!(validate_str(&json.replacen("1.0", "1.1", 1), Format::Json).is_clean());
}

/// The values a pointer with `*` for any index names in `value`, with their pointers.
fn places<'v>(value: &'v mut Value, place: &str) -> Vec<(String, &'v mut Value)> {
    let mut found = vec![(String::new(), value)];
    for token in place.split('/').skip(1) {
        found = found
            .into_iter()
            .flat_map(|(pointer, value)| match (token, value) {
                ("*", Value::Array(items)) => items
                    .iter_mut()
                    .enumerate()
                    .map(|(index, item)| (format!("{pointer}/{index}"), item))
                    .collect::<Vec<_>>(),
                (key, Value::Object(members)) => members
                    .get_mut(key)
                    .map(|member| (format!("{pointer}/{key}"), member))
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
    }
    found
}

/// A 1.0 document changed at a later feature's place (see [`changed_in_1_0_documents`]).
struct Changed {
    /// The feature's place.
    place: &'static str,
    /// The document's text.
    text: String,
    /// For each value changed, its pointer and the pointer of what was changed under it.
    pointers: Vec<(String, String)>,
}

/// Every valid fixture and example as a 1.0 document, for each later feature's place,
/// with `change` applied to each value there. `change` returns the token of what it
/// changed under the value, empty for the value itself. A document where nothing was
/// changed is left out.
fn changed_in_1_0_documents(change: impl Fn(&mut Value) -> Option<String>) -> Vec<Changed> {
    let mut documents = Vec::new();
    for folder in ["tests/fixtures/valid", "examples/data"] {
        for entry in std::fs::read_dir(common::root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let Some(format) = Format::from_path(&path) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            let case = casebook::from_str_as(&text, format).unwrap();
            documents.push(serde_json::to_value(case).unwrap());
        }
    }
    let mut changed = Vec::new();
    for feature in FEATURES.iter().filter(|f| f.place.starts_with('/')) {
        for document in &documents {
            let mut document = document.clone();
            document["schema_version"] = "1.0".into();
            let pointers: Vec<(String, String)> = places(&mut document, feature.place)
                .into_iter()
                .filter_map(|(pointer, value)| {
                    let token = change(value)?;
                    let under = if token.is_empty() {
                        pointer.clone()
                    } else {
                        format!("{pointer}/{token}")
                    };
                    Some((pointer, under))
                })
                .collect();
            if !pointers.is_empty() {
                let text = serde_json::to_string_pretty(&document).unwrap();
                changed.push(Changed {
                    place: feature.place,
                    text,
                    pointers,
                });
            }
        }
    }
    changed
}

/// The typed read notes each later list or map written empty, and the search of the text
/// for such keys runs only then: every such key, emptied in a 1.0 document, must still be
/// found.
#[test]
fn every_later_list_or_map_written_empty_is_found_in_a_1_0_document() {
    let mut emptied = std::collections::BTreeSet::new();
    let empty = |value: &mut Value| {
        match value {
            Value::Array(items) => items.clear(),
            Value::Object(members) => members.clear(),
            _ => return None,
        }
        Some(String::new())
    };
    for Changed {
        place,
        text,
        pointers,
    } in changed_in_1_0_documents(empty)
    {
        // Only what reads as absent: an empty `coordinates` lacks its keys.
        if casebook::from_json_str(&text).is_err() {
            continue;
        }
        let found: Vec<String> = validate_str(&text, Format::Json)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == RuleCode::NeedsNewerVersion)
            .map(|d| d.pointer)
            .collect();
        for (pointer, _) in pointers {
            assert!(found.contains(&pointer), "{pointer} empty: {found:?}");
        }
        emptied.insert(place);
    }
    assert_eq!(
        emptied.into_iter().collect::<Vec<_>>(),
        [
            "/funding_sources/*/shares",
            "/indicators",
            "/organisations/*/roles",
            "/pairing/observers",
            "/pairing/sub_pairings",
            "/regions/*/identifiers",
            "/translations",
        ]
    );
}

/// A later list, map or object whose first entry is broken is still a use of the later
/// version: the broken entry is set aside for the checks beyond the shape, and what holds
/// it must not read as absent for that.
#[test]
fn every_later_container_with_a_broken_entry_is_found_in_a_1_0_document() {
    let mut broken = std::collections::BTreeSet::new();
    let break_first = |value: &mut Value| {
        let (token, entry) = match value {
            Value::Array(items) => ("0".to_owned(), items.first_mut()?),
            Value::Object(members) => {
                let (key, member) = members.iter_mut().next()?;
                (key.replace('~', "~0").replace('/', "~1"), member)
            }
            _ => return None,
        };
        *entry = Value::Bool(true);
        Some(token)
    };
    for Changed {
        place,
        text,
        pointers,
    } in changed_in_1_0_documents(break_first)
    {
        let found = validate_str(&text, Format::Json).diagnostics;
        for (container, entry) in pointers {
            assert!(
                found
                    .iter()
                    .any(|d| d.pointer == entry && d.code.is_structural()),
                "{entry} is not broken: {found:?}"
            );
            assert!(
                found
                    .iter()
                    .any(|d| d.pointer == container && d.code == RuleCode::NeedsNewerVersion),
                "{container} with a broken entry: {found:?}"
            );
        }
        broken.insert(place);
    }
    assert_eq!(
        broken.into_iter().collect::<Vec<_>>(),
        [
            "/events/*/coordinates",
            "/funding_sources/*/shares",
            "/indicators",
            "/organisations/*/roles",
            "/pairing/observers",
            "/pairing/sub_pairings",
            "/regions/*/coordinates",
            "/regions/*/identifiers",
            "/translations",
        ]
    );
}
