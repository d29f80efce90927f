//! The batch pipeline on inputs larger than what it holds at once.

mod common;

use casebook::batch::{Batch, Input, Layout};
use casebook::{RuleCode, Validator};
use serde_json::Value;

/// A `.jsonl` text of `lines` documents of about `padding` bytes each, each with its own
/// id, except that `broken` is not JSON, `empty` is blank and `repeat` takes line 1's id.
fn json_lines(lines: usize, padding: usize, broken: usize, empty: usize, repeat: usize) -> String {
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    let base: Value = serde_json::from_str(&minimal).unwrap();
    let mut text = String::new();
    for line in 1..=lines {
        let mut document = base.clone();
        let id = if line == repeat { 1 } else { line };
        document["id"] = format!("case-{id}").into();
        document["extensions"] = serde_json::json!({ "padding": "x".repeat(padding) });
        match line {
            _ if line == broken => text.push_str("{ not json"),
            _ if line == empty => {}
            _ => text.push_str(&document.to_string()),
        }
        text.push('\n');
    }
    text
}

#[test]
fn a_json_lines_file_of_many_chunks_reads_the_same_on_one_thread_and_on_two() {
    // About 13 MB: more than three of the chunks a `.jsonl` file is read in, so that
    // lines are checked while the next chunk is read.
    let text = json_lines(36, 350_000, 20, 30, 35);
    let inputs = [Input::text("many.jsonl", text, Layout::JsonLines)];
    let one = Batch::new(Validator::new()).threads(1).check(&inputs);
    let two = Batch::new(Validator::new()).threads(2).check(&inputs);
    assert_eq!(one, two);

    let report = one.files[0].report().unwrap();
    let found: Vec<(Option<usize>, RuleCode, &str)> = report
        .diagnostics
        .iter()
        .map(|finding| (finding.line, finding.code, finding.message.as_str()))
        .collect();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!(found[0].0, Some(1));
    assert_eq!(found[0].1, RuleCode::DuplicateCaseStudyId);
    assert!(found[0].2.contains("many.jsonl:35"), "{found:#?}");
    assert_eq!((found[1].0, found[1].1), (Some(20), RuleCode::Syntax));
    assert_eq!(found[2].0, Some(35));
    assert!(found[2].2.contains("many.jsonl:1;"), "{found:#?}");
}

/// The minimal case study on one line.
fn minimal_line() -> String {
    let minimal =
        std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json")).unwrap();
    serde_json::from_str::<Value>(&minimal).unwrap().to_string()
}

#[test]
fn a_line_end_does_not_count_toward_the_size_limit() {
    let line = minimal_line();
    let batch = Batch::new(Validator::new()).max_file_size(line.len() as u64);
    for end in ["\n", "\r\n", ""] {
        let text = format!("{line}{end}");
        let report = batch.check(&[Input::text("a.jsonl", text, Layout::JsonLines)]);
        assert!(report.passes(false), "{end:?}: {report:#?}");
    }
    let smaller = Batch::new(Validator::new()).max_file_size(line.len() as u64 - 1);
    for end in ["\n", "\r\n"] {
        let text = format!("{line}{end}{line}{end}");
        let report = smaller.check(&[Input::text("a.jsonl", text, Layout::JsonLines)]);
        let findings = &report.files[0].report().unwrap().diagnostics;
        assert_eq!(findings.len(), 2, "{end:?}: {findings:#?}");
        assert!(
            findings[1].message.contains("larger than the limit"),
            "{findings:#?}"
        );
        assert_eq!(findings[1].line, Some(2));
    }
}

#[test]
fn a_line_that_is_not_utf8_is_a_finding_at_its_line_and_column() {
    let mut bytes = format!("{}\n", minimal_line()).into_bytes();
    bytes.extend_from_slice(b"{\"id\":\"\xff\"}\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    std::fs::write(&path, bytes).unwrap();
    let report = Batch::new(Validator::new()).check(&[Input::file(&path, Layout::JsonLines)]);
    let findings = &report.files[0].report().unwrap().diagnostics;
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!((findings[0].line, findings[0].column), (Some(2), Some(8)));
    assert!(
        findings[0].message.contains("byte 7 of the line"),
        "{findings:#?}"
    );
}

#[test]
fn a_json_lines_file_is_a_case_study_file_when_any_of_its_lines_declares_one() {
    // Case studies but for `schema_version`.
    let mut undeclared: Value = serde_json::from_str(&minimal_line()).unwrap();
    undeclared.as_object_mut().unwrap().remove("schema_version");
    let stray = format!("{undeclared}\n").repeat(50);
    let mut input = Input::text("log.jsonl", stray.clone(), Layout::JsonLines);
    input.case_studies_only = true;
    let report = Batch::new(Validator::new()).check(&[input]);
    assert_eq!(report.skipped, ["log.jsonl"]);
    assert!(report.files.is_empty());

    // A declaration on the last line makes every line a case study's, checked.
    let declared = format!("{stray}{}\n", minimal_line());
    let mut input = Input::text("mixed.jsonl", declared, Layout::JsonLines);
    input.case_studies_only = true;
    let report = Batch::new(Validator::new()).check(&[input]);
    assert!(report.skipped.is_empty());
    let lines: Vec<Option<usize>> = report.files[0]
        .report()
        .unwrap()
        .diagnostics
        .iter()
        .filter(|finding| finding.code == RuleCode::MissingKey)
        .map(|finding| finding.line)
        .collect();
    assert_eq!(lines, (1..=50).map(Some).collect::<Vec<_>>());
}

#[test]
fn findings_across_lines_are_placed_past_a_line_over_the_limit() {
    let line = minimal_line();
    let long = format!("{{\"padding\": \"{}\"}}", "x".repeat(line.len() * 10));
    let text = format!("{long}\r\n{line}\r\n{long}\n{line}\n");
    let batch = Batch::new(Validator::new()).max_file_size(line.len() as u64 + 10);
    let report = batch.check(&[Input::text("a.jsonl", text, Layout::JsonLines)]);
    let found: Vec<(RuleCode, Option<usize>, Option<usize>)> = report.files[0]
        .report()
        .unwrap()
        .diagnostics
        .iter()
        .map(|finding| (finding.code, finding.line, finding.column))
        .collect();
    let id_column = line.find("\"id\"").unwrap() + 6;
    assert_eq!(
        found,
        [
            (RuleCode::Syntax, Some(1), None),
            (RuleCode::DuplicateCaseStudyId, Some(2), Some(id_column)),
            (RuleCode::Syntax, Some(3), None),
            (RuleCode::DuplicateCaseStudyId, Some(4), Some(id_column)),
        ]
    );
}
