//! Hostile input: every file gets a clear answer (a finding with what and where), never a
//! panic, a hang or an exhausted memory.

mod common;

use casebook::batch::{Batch, Input, Layout};
use casebook::output::{OutputFormat, OutputOptions};

use std::path::Path;

use casebook::{Format, Report, RuleCode, Validator};

fn validate(path: &Path) -> Report {
    Validator::new()
        .validate_path(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Each hostile fixture, the one finding it must give, its line, and words of its message.
const EXPECTED: &[(&str, RuleCode, Option<usize>, &str)] = &[
    (
        "empty.json",
        RuleCode::Syntax,
        Some(1),
        "the json document is empty",
    ),
    (
        "whitespace.yaml",
        RuleCode::Syntax,
        Some(1),
        "the yaml document is empty",
    ),
    ("invalid-utf8.json", RuleCode::Syntax, Some(6), "not utf-8"),
    (
        "truncated.json",
        RuleCode::Syntax,
        Some(7),
        "EOF while parsing",
    ),
    (
        "array-root.json",
        RuleCode::WrongType,
        Some(1),
        "expected object, found an array",
    ),
    (
        "scalar-root.json",
        RuleCode::WrongType,
        Some(1),
        "expected object, found a string",
    ),
    (
        "duplicate-key.json",
        RuleCode::Syntax,
        Some(5),
        "duplicate key `title`",
    ),
    (
        "duplicate-extension-key.json",
        RuleCode::Syntax,
        Some(9),
        "duplicate key `note`",
    ),
    ("nan.json", RuleCode::Syntax, Some(9), "expected value"),
    (
        "nan-in-extensions.yaml",
        RuleCode::OutOfRange,
        Some(23),
        "the number .nan is not finite, which JSON cannot hold; write it as text",
    ),
    (
        "inf-in-extensions.toml",
        RuleCode::OutOfRange,
        Some(26),
        "the number -inf is not finite, which JSON cannot hold; write it as text",
    ),
    ("infinity.json", RuleCode::Syntax, Some(9), "expected value"),
    (
        "huge-number.json",
        RuleCode::Syntax,
        Some(6),
        "number out of range",
    ),
    (
        "billion-laughs.yaml",
        RuleCode::Syntax,
        Some(7),
        "expands its aliases beyond the reader's budget",
    ),
    (
        "several-documents.yaml",
        RuleCode::Syntax,
        Some(361),
        "multiple found",
    ),
    ("yaml-tags.yaml", RuleCode::Syntax, Some(8), "!!binary"),
    (
        "non-string-keys.yaml",
        RuleCode::Syntax,
        Some(346),
        "expected string scalar",
    ),
    (
        "toml-date-for-text.toml",
        RuleCode::InvalidValue,
        Some(7),
        "a TOML date where text is expected",
    ),
    (
        "yaml-in-json.json",
        RuleCode::Syntax,
        Some(1),
        "expected value",
    ),
];

#[test]
fn every_hostile_fixture_gets_its_one_clear_finding() {
    let folder = common::root().join("tests/fixtures/hostile");
    let mut checked = 0;
    for (name, code, line, words) in EXPECTED {
        let report = validate(&folder.join(name));
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{name}: {:?}",
            report.diagnostics
        );
        let finding = &report.diagnostics[0];
        assert_eq!(
            (finding.code, finding.line),
            (*code, *line),
            "{name}: {finding}"
        );
        assert!(finding.column.is_some(), "{name}: no column");
        assert!(
            finding.message.contains(words),
            "{name}: {}",
            finding.message
        );
        assert!(
            finding.message.len() < 400,
            "{name}: a message that long is not clear"
        );
        checked += 1;
    }
    // Every fixture in the folder is listed, and the byte-order mark one is valid.
    let files = common::documents_in("tests/fixtures/hostile");
    assert_eq!(
        files.len(),
        checked + 1,
        "a hostile fixture without an expectation"
    );
    assert!(validate(&folder.join("bom.json")).is_clean());
}

#[test]
fn ordinary_yaml_aliases_still_read() {
    let yaml =
        std::fs::read_to_string(common::root().join("examples/data/cantabria-chihuahua.yaml"))
            .unwrap()
            .replacen(
                "  regions:\n  - cantabria\n  - chihuahua\n",
                "  regions: &partners [cantabria, chihuahua]\n",
                1,
            )
            .replacen(
                "  regions:\n  - cantabria\n  - chihuahua\n",
                "  regions: *partners\n",
                1,
            );
    assert!(
        yaml.contains("*partners"),
        "the example changed: update this test"
    );
    let report = casebook::validate_str(&yaml, Format::Yaml);
    assert!(report.is_clean(), "{:?}", report.diagnostics);
}

fn deep(format: Format, depth: usize) -> String {
    let (open, close) = ("[".repeat(depth), "]".repeat(depth));
    match format {
        Format::Json => {
            format!("{{\"schema_version\": \"1.0\", \"extensions\": {{\"deep\": {open}1{close}}}}}")
        }
        Format::Yaml => format!("schema_version: \"1.0\"\nextensions:\n  deep: {open}1{close}\n"),
        Format::Toml => format!("schema_version = \"1.0\"\n[extensions]\ndeep = {open}1{close}\n"),
    }
}

#[test]
fn nesting_100_000_levels_deep_is_a_clean_error_in_every_format() {
    for format in Format::ALL {
        let report = casebook::validate_str(&deep(format, 100_000), format);
        assert_eq!(report.diagnostics.len(), 1, "{format}");
        assert_eq!(report.diagnostics[0].code, RuleCode::Syntax, "{format}");
        assert!(
            report.diagnostics[0].message.contains("recurs"),
            "{format}: {}",
            report.diagnostics[0].message
        );
        // Reading alone says the same, as an error.
        assert!(matches!(
            casebook::from_str_as(&deep(format, 100_000), format),
            Err(casebook::Error::Parse(_))
        ));
    }
}

#[test]
fn a_64_mib_string_is_read_and_named_without_being_repeated() {
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let huge = "X".repeat(64 << 20);
    let text = minimal.replacen(r#""id": "minimal""#, &format!(r#""id": "{huge}""#), 1);
    let report = casebook::validate_str(&text, Format::Json);
    assert_eq!(report.diagnostics.len(), 1);
    let finding = &report.diagnostics[0];
    assert_eq!(
        (finding.code, finding.pointer.as_str()),
        (RuleCode::InvalidValue, "/id")
    );
    assert!(
        finding.message.len() < 300,
        "the value is repeated in full: {} bytes",
        finding.message.len()
    );
    // As text of the right grammar it is kept whole.
    let text = minimal.replacen(
        r#""title": "The smallest valid case study""#,
        &format!(r#""title": "{huge}""#),
        1,
    );
    let case = casebook::from_json_str(&text).unwrap();
    assert_eq!(case.title.len(), 64 << 20);
}

#[test]
fn the_fuzzing_regressions_read_without_panic() {
    // Inputs found by `cargo fuzz` (tests/fixtures/fuzz-regressions), run through the fuzz target's checks.
    let folder = common::root().join("tests/fixtures/fuzz-regressions");
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|extension| extension == "md") {
            continue;
        }
        let data = std::fs::read(&path).unwrap();
        let Some((&selector, bytes)) = data.split_first() else {
            continue;
        };
        // The fuzz target's checks (fuzz/fuzz_targets/validate.rs).
        let layout = match selector % 4 {
            3 => Layout::JsonLines,
            other => Layout::Single(Format::ALL[usize::from(other)]),
        };
        let text = String::from_utf8_lossy(bytes).into_owned();
        let report = Batch::new(Validator::new()).check(&[Input::text("fuzz", text, layout)]);
        for format in OutputFormat::ALL {
            let mut sink = Vec::new();
            casebook::output::write(*format, &report, &OutputOptions::default(), &mut sink)
                .unwrap();
        }
        let Layout::Single(format) = layout else {
            continue;
        };
        let _ = Validator::new().validate_slice(bytes, format);
        if let Ok(case) = casebook::from_slice(bytes, format) {
            let original = serde_json::to_string(&case).unwrap();
            for other in Format::ALL {
                if let Ok(text) = casebook::to_string_as(&case, other) {
                    let back = casebook::from_str_as(&text, other).unwrap();
                    assert_eq!(
                        serde_json::to_string(&back).unwrap(),
                        original,
                        "{}",
                        path.display()
                    );
                }
            }
        }
    }
}

#[cfg(all(unix, feature = "fs"))]
#[test]
fn links_that_loop_break_or_leave_the_folder_are_reported_and_the_rest_checked() {
    use casebook::batch::{Batch, WalkOptions, find_inputs};

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        common::root().join("tests/fixtures/valid/minimal.json"),
        data.join("good.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&data, data.join("loop")).unwrap();
    std::os::unix::fs::symlink(data.join("missing.json"), data.join("dangling.json")).unwrap();
    // A real file next to the walked folder, reached through a link inside it.
    std::fs::copy(
        common::root().join("tests/fixtures/valid/minimal.json"),
        dir.path().join("elsewhere.json"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("elsewhere.json"), data.join("outside.json"))
        .unwrap();
    // A link that would not be an input (no case-study extension) is not the run's business,
    // wherever it leads (a virtual environment's `bin/python3`, a README).
    std::fs::write(dir.path().join("notes.md"), "notes").unwrap();
    std::os::unix::fs::symlink(dir.path().join("notes.md"), data.join("readme-link")).unwrap();
    let found = find_inputs(&[data.display().to_string()], &WalkOptions::default()).unwrap();
    assert!(
        found
            .problems
            .iter()
            .all(|problem| !problem.path.contains("readme-link")),
        "{:?}",
        found.problems
    );
    let problems: Vec<String> = found
        .problems
        .iter()
        .map(|problem| format!("{}: {}", problem.path, problem.why))
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("dangling.json: a broken or looping link")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("outside.json: a link to a place outside the folder")),
        "{problems:?}"
    );
    assert_eq!(found.inputs.len(), 1, "{:?}", found.inputs);
    let report = Batch::new(casebook::Validator::new()).check(&found.inputs);
    assert!(report.passes(true));
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    use casebook::batch::{Batch, FileOutcome, Input, Layout};

    let dir = tempfile::tempdir().unwrap();
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let text = minimal.replacen("The smallest valid case study", &"x".repeat(17 << 20), 1);
    let path = dir.path().join("big.json");
    std::fs::write(&path, text).unwrap();
    let report = Batch::new(casebook::Validator::new())
        .check(&[Input::file(&path, Layout::Single(casebook::Format::Json))]);
    let FileOutcome::Unreadable(why) = &report.file(0).unwrap().outcome else {
        panic!("read a file over the limit: {report:?}");
    };
    assert!(
        why.contains("larger than the limit of 16777216 bytes"),
        "{why}"
    );
    assert!(!report.passes(false));
}

/// An object of 50,000 unknown keys and a map of 50,000 broken entries: every one is
/// reported (up to the limit a rule) in one pass, and the document is still read beyond its
/// shape. Setting them aside one at a time moved the members after each, which took
/// seconds for such a file.
#[test]
fn wide_objects_of_unknown_keys_and_broken_entries_are_set_aside_at_once() {
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let mut document: serde_json::Value = serde_json::from_str(&minimal).unwrap();
    document["schema_version"] = "1.1".into();
    // Before the pairing started: a finding beyond the shape, which needs the repaired read.
    document["published"] = "2017".into();
    let count = 50_000;
    let pairing = document["pairing"].as_object_mut().unwrap();
    for index in 0..count {
        pairing.insert(format!("colour{index}"), index.into());
    }
    let entries: serde_json::Map<String, serde_json::Value> = (0..count)
        .map(|index| (format!("/x{index}"), serde_json::Value::from(index)))
        .collect();
    document["translations"] = serde_json::json!({ "es": entries });
    let text = serde_json::to_string_pretty(&document).unwrap();
    let report = casebook::validate_str(&text, Format::Json);
    let of = |code: RuleCode| {
        report
            .diagnostics
            .iter()
            .filter(|finding| finding.code == code)
            .collect::<Vec<_>>()
    };
    let unknown = of(RuleCode::UnknownKey);
    let wrong = of(RuleCode::WrongType);
    let limit = casebook::validate::MAX_FINDINGS_PER_RULE;
    // A rule's findings up to the limit, then one that counts the rest.
    for (found, first) in [(&unknown, "/pairing"), (&wrong, "/translations/es/~1x0")] {
        assert_eq!(found.len(), limit + 1);
        assert_eq!(found[0].pointer, first);
        let rest = format!("and {} more", count - limit);
        let counted = found.iter().filter(|f| f.message.starts_with(&rest));
        assert_eq!(counted.count(), 1, "{:?}", found.last());
        // It follows the ones listed, at the place of the last: an unknown key's is the
        // key's, not its object's start.
        let last = found.last().unwrap();
        assert!(last.message.starts_with(&rest), "{found:?}");
        assert_eq!(
            (last.line, last.column),
            (found[limit - 1].line, found[limit - 1].column)
        );
    }
    assert!(unknown.iter().all(|finding| finding.pointer == "/pairing"));
    assert!(
        unknown
            .iter()
            .any(|f| f.message.starts_with("unknown key `colour0`"))
    );
    assert_eq!(of(RuleCode::PublishedBeforeStart).len(), 1);
}

/// A list of 20,000 topics whose ids are all broken, and lessons that refer to them: each
/// reference that could be meant for a broken id (by its text, slug or a word, wherever in
/// the list the id is) is silenced, and one meant for nothing is still reported. Every
/// reference was compared by likeness with every broken id, which took 25 s for a million.
#[test]
fn references_to_a_long_list_of_broken_ids_are_matched_by_lookup() {
    let (mut document, _) = minimal();
    let count = 20_000;
    document["topics"] = (0..count)
        .map(|index| serde_json::json!({ "id": format!("Topic {index}"), "label": "A topic" }))
        .collect();
    let last = count - 1;
    document["lessons"] = serde_json::json!([
        { "id": "by-slug", "text": "Meant for the last topic.", "topics": [format!("topic-{last}")] },
        { "id": "by-word", "text": "Meant for one by a word of it.", "topics": [format!("{last}")] },
        { "id": "unrelated", "text": "Meant for none of them.", "topics": ["water-management"] }
    ]);
    let text = serde_json::to_string(&document).unwrap();
    let report = casebook::validate_str(&text, Format::Json);
    let references: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|finding| finding.code == RuleCode::UnknownReference)
        .map(|finding| finding.pointer.as_str())
        .collect();
    assert_eq!(
        references,
        ["/lessons/2/topics/0"],
        "{:?}",
        report.diagnostics
    );
    let broken = report
        .diagnostics
        .iter()
        .filter(|finding| finding.code == RuleCode::InvalidValue)
        .count();
    assert_eq!(broken, casebook::validate::MAX_FINDINGS_PER_RULE + 1);
}

/// An `extensions` object of 20,000 members, every second one a YAML `.nan`: each is set
/// aside, and the search for keys missing near each once looked it up from the root,
/// through the 20,000 members (600,000 took minutes). The report is the limit's.
#[test]
fn thousands_of_numbers_set_aside_in_one_object_are_one_walk() {
    let (_, yaml) = minimal();
    let count = 20_000;
    let members: String = (0..count)
        .map(|at| format!("  k{at}: {}\n", if at % 2 == 0 { "1.5" } else { ".nan" }))
        .collect();
    let report = casebook::validate_str(&format!("{yaml}extensions:\n{members}"), Format::Yaml);
    let limit = casebook::validate::MAX_FINDINGS_PER_RULE;
    assert_eq!(
        report.diagnostics.len(),
        limit + 1,
        "{:?}",
        report.diagnostics
    );
    assert!(
        report.diagnostics[..limit]
            .iter()
            .all(|finding| finding.code == RuleCode::OutOfRange
                && finding.message.contains("not finite"))
    );
    assert_eq!(report.diagnostics[0].pointer, "/extensions/k1");
    let rest = format!("and {} more", count / 2 - limit);
    assert!(
        report.diagnostics[limit].message.starts_with(&rest),
        "{:?}",
        report.diagnostics[limit]
    );
}

/// Members of `extensions` that each hold a `.nan` one level down, and a thousand broken
/// ids of 5,000 characters with 20,000 references to nothing: the first was quadratic
/// (each value set aside found its object from the start of 20,000 members), the second
/// compared every reference by likeness with every long id. Both now give the limit's
/// report.
#[test]
fn nested_numbers_set_aside_and_long_broken_ids_keep_to_the_limit() {
    let (mut document, yaml) = minimal();
    let members: String = (0..20_000)
        .map(|at| format!("  k{at}: {{a: .nan}}\n"))
        .collect();
    let report = casebook::validate_str(&format!("{yaml}extensions:\n{members}"), Format::Yaml);
    let limit = casebook::validate::MAX_FINDINGS_PER_RULE;
    assert_eq!(report.diagnostics.len(), limit + 1);
    assert_eq!(report.diagnostics[limit - 1].pointer, "/extensions/k99/a");
    assert!(
        report.diagnostics[limit]
            .message
            .starts_with("and 19900 more")
    );

    let long = "X".repeat(5_000);
    document["topics"] = (0..1_000)
        .map(|at| serde_json::json!({ "id": format!("{long}{at}"), "label": "A topic" }))
        .collect();
    document["lessons"] = (0..20_000)
        .map(|at| {
            serde_json::json!({ "id": format!("l{at}"), "text": "T.", "topics": [format!("none-{at}")] })
        })
        .collect();
    let text = serde_json::to_string(&document).unwrap();
    let report = Validator::new().validate_str(&text, Format::Json);
    let references: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|finding| finding.code == RuleCode::UnknownReference)
        .collect();
    assert_eq!(references.len(), limit + 1);
    assert_eq!(references[0].pointer, "/lessons/0/topics/0");
    assert!(
        references[limit].message.starts_with("and 19900 more"),
        "{:?}",
        references[limit]
    );
}

/// The smallest valid document, as a JSON value and as YAML text.
fn minimal() -> (serde_json::Value, String) {
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let yaml = casebook::to_yaml_string(&casebook::from_json_str(&text).unwrap()).unwrap();
    (document, yaml)
}
