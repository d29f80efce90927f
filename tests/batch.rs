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
