//! The command is a thin layer over the library's pipeline: the same inputs give the same
//! JSON report through `casebook::batch` and through `casebook validate`, and the rule
//! table is what `rules`, `explain` and the SARIF report say.

use std::path::Path;

use assert_cmd::Command;
use casebook::batch::{Batch, Input, Layout, WalkOptions, find_inputs};
use casebook::output::{OutputFormat, OutputOptions};
use casebook::{Format, RuleCode, Validator};
use casebook_test_support as common;
use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures").join(name)).unwrap()
}

/// A folder with a valid file, a broken one, a `.jsonl` file whose second document repeats
/// the first file's id, and the same case study again under another name.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let minimal = fixture("valid/minimal.json");
    std::fs::write(data.join("a.json"), &minimal).unwrap();
    std::fs::write(
        data.join("broken.json"),
        fixture("invalid/unknown-reference.json"),
    )
    .unwrap();
    let compact: Value = serde_json::from_str(&minimal).unwrap();
    let mut other = compact.clone();
    other["id"] = "other".into();
    std::fs::write(
        data.join("more.jsonl"),
        format!("{other}\n{compact}\n\nnot json\n"),
    )
    .unwrap();
    dir
}

fn library_json(inputs: &[Input]) -> Value {
    let report = Batch::new(Validator::new()).check(inputs);
    let mut out = Vec::new();
    casebook::output::write(
        OutputFormat::Json,
        &report,
        &OutputOptions::default(),
        &mut out,
    )
    .unwrap();
    serde_json::from_slice(&out).unwrap()
}

fn command_json(dir: &Path, args: &[&str], stdin: Option<&str>) -> (Option<i32>, Value) {
    let mut command = Command::cargo_bin("casebook").unwrap();
    command.current_dir(dir).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    (
        output.status.code(),
        serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}")),
    )
}

#[test]
fn a_folder_with_json_lines_and_a_duplicate_gives_the_same_report_both_ways() {
    let dir = corpus();
    let found = find_inputs(
        &[dir.path().join("data").display().to_string()],
        &WalkOptions::default(),
    )
    .unwrap();
    // Reported under their paths relative to the folder the command runs in.
    let prefix = format!("{}/", dir.path().display());
    let inputs: Vec<Input> = found
        .inputs
        .into_iter()
        .map(|mut input| {
            input.name = input.name.trim_start_matches(&prefix).to_owned();
            input
        })
        .collect();
    let names: Vec<&str> = inputs.iter().map(|input| input.name.as_str()).collect();
    assert_eq!(
        names,
        ["data/a.json", "data/broken.json", "data/more.jsonl"]
    );
    let library = library_json(&inputs);
    let (code, command) = command_json(dir.path(), &["validate", "--format", "json", "data"], None);
    assert_eq!(code, Some(1));
    assert_eq!(library, command);

    // The duplicate id is reported in both places, each naming the other.
    let text = library.to_string();
    assert!(text.contains("also used by data/more.jsonl:2"), "{text}");
    assert!(text.contains("also used by data/a.json"), "{text}");
    // The line that is not JSON is a finding on its line.
    let jsonl = &library["files"][2]["diagnostics"];
    assert!(
        jsonl
            .as_array()
            .unwrap()
            .iter()
            .any(|finding| finding["code"] == "syntax" && finding["line"] == 4),
        "{jsonl}"
    );
}

/// The JSON report of `text` through the library, as a text in memory named `-`, and
/// through the command, on standard input read as `input_format`.
fn both_ways_from_stdin(
    text: &str,
    input_format: &str,
    layout: Layout,
) -> (Option<i32>, Value, Value) {
    let library = library_json(&[Input::text("-", text, layout)]);
    let args = [
        "validate",
        "--format",
        "json",
        "--input-format",
        input_format,
        "-",
    ];
    let (code, command) = command_json(&common::root(), &args, Some(text));
    (code, library, command)
}

#[test]
fn standard_input_gives_the_same_report_as_a_text_in_memory() {
    let text = fixture("invalid/unknown-reference.json");
    let (code, library, command) =
        both_ways_from_stdin(&text, "json", Layout::Single(Format::Json));
    assert_eq!(code, Some(1));
    assert_eq!(library, command);
    assert_eq!(library["files"][0]["diagnostics"][0]["line"], 32);
}

#[test]
fn json_lines_on_standard_input_give_the_same_report_as_a_text_in_memory() {
    let line: Value = serde_json::from_str(&fixture("valid/minimal.json")).unwrap();
    let text = format!("{line}\n{line}\nnot json\n");
    let (code, library, command) = both_ways_from_stdin(&text, "jsonl", Layout::JsonLines);
    assert_eq!(code, Some(1));
    // Standard input is not held to place the findings across files within their lines
    // (that would hold all of it): they have their line and no column. All else is alike.
    let mut placed = library.clone();
    for index in 0..2 {
        assert!(library["files"][0]["diagnostics"][index]["column"].is_number());
        placed["files"][0]["diagnostics"][index]["column"] = Value::Null;
    }
    assert_eq!(placed, command);
    let lines: Vec<(&str, i64)> = command["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["code"].as_str().unwrap(),
                finding["line"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("duplicate-case-study-id", 1),
            ("duplicate-case-study-id", 2),
            ("syntax", 3)
        ]
    );
}

fn run(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, String) {
    common::cli::run_with_input(&common::root(), args, stdin)
}

#[test]
fn stats_reads_through_the_same_pipeline_as_validate() {
    let example =
        std::fs::read_to_string(common::root().join("examples/data/cantabria-chihuahua.json"))
            .unwrap();
    // Standard input is counted.
    let (code, stdout, stderr) = run(
        &["stats", "--format", "json", "--input-format", "json", "-"],
        Some(&example),
    );
    assert_eq!(code, Some(0), "{stderr}");
    let stats: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(stats["case_studies"], 1);
    assert_eq!(stats["by_country"]["ES"], 1);

    // A file over the size limit is refused, as `validate` refuses it: exit status 2.
    let file = "examples/data/cantabria-chihuahua.json";
    let (code, stdout, stderr) = run(
        &["stats", "--format", "json", "--max-file-size", "10", file],
        None,
    );
    assert_eq!(code, Some(2), "{stdout}");
    assert!(
        stderr.contains("larger than the limit of 10 bytes"),
        "{stderr}"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap()["case_studies"],
        0
    );
    assert_eq!(
        run(&["validate", "--max-file-size", "10", file], None).0,
        Some(2)
    );

    // A document that does not read as a case study is skipped, with exit status 1.
    let (code, stdout, stderr) = run(
        &[
            "stats",
            "--format",
            "json",
            "tests/fixtures/invalid/missing-key.json",
            file,
        ],
        None,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("missing-key.json: skipped"), "{stderr}");
    assert_eq!(
        serde_json::from_str::<Value>(&stdout).unwrap()["case_studies"],
        1
    );
}

#[test]
fn rules_explain_and_sarif_say_what_the_rule_table_says() {
    let (code, rules, _) = run(&["rules"], None);
    assert_eq!(code, Some(0));
    let (_, sarif, _) = run(
        &[
            "validate",
            "--format",
            "sarif",
            "tests/fixtures/invalid/unknown-reference.json",
        ],
        None,
    );
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let descriptors = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(descriptors.len(), RuleCode::ALL.len());
    for (code, descriptor) in RuleCode::ALL.iter().zip(descriptors) {
        let explanation = code.explanation();
        let line = rules
            .lines()
            .find(|line| line.split_whitespace().next() == Some(code.as_str()))
            .unwrap_or_else(|| panic!("`casebook rules` does not list {code}"));
        assert!(line.ends_with(code.summary()), "{line}");
        assert!(line.contains(code.default_severity().as_str()), "{line}");

        let (status, explained, _) = run(&["explain", code.as_str()], None);
        assert_eq!(status, Some(0));
        for part in [code.summary(), explanation.why] {
            assert!(explained.contains(part), "{code}: {explained}");
        }
        for line in explanation.problem.lines().chain(explanation.fix.lines()) {
            assert!(explained.contains(line), "{code}: {explained}");
        }

        assert_eq!(descriptor["id"], code.as_str());
        assert_eq!(descriptor["shortDescription"]["text"], code.summary());
        assert_eq!(descriptor["fullDescription"]["text"], explanation.why);
        let help = descriptor["help"]["text"].as_str().unwrap();
        assert!(
            help.contains(explanation.problem) && help.contains(explanation.fix),
            "{help}"
        );
        assert_eq!(
            descriptor["defaultConfiguration"]["level"],
            code.default_severity().as_str()
        );
    }
    // The structural rules cannot be switched off, so garbage cannot pass.
    let (code, _, stderr) = run(
        &[
            "validate",
            "--rule",
            "syntax=off",
            "tests/fixtures/invalid/syntax.json",
        ],
        None,
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("severity cannot be changed"), "{stderr}");
}
