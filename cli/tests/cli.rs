//! The `casebook` command, run as a user would.

use casebook_test_support as common;

use assert_cmd::Command;
use serde_json::Value;

fn casebook() -> Command {
    common::cli::casebook(&common::root())
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    common::cli::run_in(&common::root(), args)
}

#[test]
fn the_reference_example_validates_in_every_format_and_profile() {
    for file in [
        "examples/data/cantabria-chihuahua.json",
        "examples/data/cantabria-chihuahua.yaml",
        "examples/data/cantabria-chihuahua.toml",
    ] {
        let (code, stdout, _) = run(&["validate", "--profile", "iuc", "--deny-warnings", file]);
        assert_eq!(code, Some(0), "{stdout}");
        assert_eq!(
            stdout,
            "1 file(s) checked: 1 valid, 0 invalid; 0 error(s), 0 warning(s)\n"
        );
    }
}

#[test]
fn human_output_gives_file_line_column_severity_code_message_and_pointer() {
    let (code, stdout, _) = run(&["validate", "tests/fixtures/invalid/unknown-reference.json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "tests/fixtures/invalid/unknown-reference.json:32:7: error[unknown-reference]: `mobilty` is not the id of \
         an entry in `topics`; did you mean `mobility`? (at /pairing/focus/0)\n\
         1 file(s) checked: 0 valid, 1 invalid; 1 error(s), 0 warning(s)\n"
    );
}

#[test]
fn warnings_pass_unless_denied() {
    let file = "tests/fixtures/invalid/event-before-start.toml";
    let (code, stdout, _) = run(&["validate", file]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("warning[event-before-start]"), "{stdout}");
    let (code, _, _) = run(&["validate", "--deny-warnings", file]);
    assert_eq!(code, Some(1));
}

#[test]
fn the_iuc_profile_is_opt_in() {
    let file = "tests/fixtures/invalid/iuc-partners.yaml";
    assert_eq!(run(&["validate", file]).0, Some(0));
    let (code, stdout, _) = run(&["validate", "--profile", "iuc", file]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("error[iuc-partners]"), "{stdout}");
}

#[test]
fn json_output_is_one_document_with_files_and_a_summary() {
    let (code, stdout, _) = run(&[
        "validate",
        "--format",
        "json",
        "examples/data/cantabria-chihuahua.json",
        "tests/fixtures/invalid/missing-key.json",
        "tests/fixtures/invalid/published-before-start.yaml",
    ]);
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&stdout).expect("stdout is one JSON document");
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["file"], "examples/data/cantabria-chihuahua.json");
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[0]["diagnostics"], serde_json::json!([]));
    assert_eq!(files[1]["valid"], false);
    let finding = &files[1]["diagnostics"][0];
    let keys: Vec<&str> = finding
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["code", "severity", "pointer", "message", "line", "column"]
    );
    assert_eq!(finding["code"], "missing-key");
    assert_eq!(finding["pointer"], "/regions/1");
    assert_eq!(finding["line"], 15);
    assert_eq!(files[2]["valid"], true);
    assert_eq!(files[2]["diagnostics"][0]["severity"], "warning");
    assert_eq!(
        report["summary"],
        serde_json::json!({"files": 3, "valid": 2, "invalid": 1, "unreadable": 0, "skipped": 0, "errors": 1, "warnings": 1})
    );
}

#[test]
fn an_unreadable_file_exits_2_is_in_every_report_and_the_rest_are_still_checked() {
    let args = [
        "validate",
        "no/such/file.json",
        "tests/fixtures/invalid/unknown-reference.json",
    ];
    let (code, stdout, _) = run(&args);
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains("no/such/file.json: error: no such file or folder"),
        "{stdout}"
    );
    assert!(stdout.contains("error[unknown-reference]"), "{stdout}");
    assert!(stdout.contains("1 file(s) could not be read"), "{stdout}");
    // The machine-readable reports name it too.
    let with_format = |format: &str| {
        let mut all = args.to_vec();
        all.extend(["--format", format]);
        run(&all)
    };
    let (code, json, _) = with_format("json");
    assert_eq!(code, Some(2));
    let report: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["summary"]["unreadable"], 1);
    assert_eq!(report["files"][0]["file"], "no/such/file.json");
    assert_eq!(report["files"][0]["error"], "no such file or folder");
    let (_, junit, _) = with_format("junit");
    assert!(junit.contains(r#"errors="1""#), "{junit}");
    let (_, github, _) = with_format("github");
    assert!(
        github.contains("::error file=no/such/file.json,title=unreadable::"),
        "{github}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["validate", "--profile", "nope", "x.json"]).0, Some(2));
    assert_eq!(run(&["validate", "--format", "xml", "x.json"]).0, Some(2));
    let (code, stdout, _) = run(&["validate", "README.md"]);
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains("README.md: error: cannot tell the format"),
        "{stdout}"
    );
}

#[test]
fn control_characters_from_a_document_are_escaped_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.yaml");
    std::fs::write(&path, "schema_version: \"1.0\"\n\"evil\\e[2Jkey\": 1\n").unwrap();
    let output = casebook().arg("validate").arg(&path).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("evil\\u{1b}[2Jkey"), "{stdout}");
}

#[test]
fn the_readme_shows_the_real_output_of_validate() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let command = "$ casebook validate tests/fixtures/readme/lyon-montreal.yaml\n";
    let start = readme.find(command).expect("the README shows the command") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let (code, stdout, _) = run(&["validate", "tests/fixtures/readme/lyon-montreal.yaml"]);
    assert_eq!(code, Some(1));
    assert_eq!(shown, stdout, "update the README's example output");
}

#[test]
fn schema_prints_or_writes_the_committed_schema() {
    let committed =
        std::fs::read_to_string(common::root().join("schema/case-study.schema.json")).unwrap();
    let (code, stdout, _) = run(&["schema"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, committed);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schema.json");
    let output = casebook()
        .args(["schema", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), committed);

    let (code, _, stderr) = run(&["schema", "--out", "no/such/dir/schema.json"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("cannot write no/such/dir/schema.json"),
        "{stderr}"
    );
}

#[test]
fn export_writes_every_table_and_exits_as_validate_does() {
    let out = tempfile::tempdir().unwrap();
    let folder = out.path().to_str().unwrap();
    let valid = "examples/data/cantabria-chihuahua.json";
    let (code, _, stderr) = run(&["export", valid, "--to", "csv", "--out", folder]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("exported 1 document into"), "{stderr}");
    let case = casebook::from_path(common::root().join(valid)).unwrap();
    for table in casebook::export::TABLES {
        assert!(
            out.path().join(format!("{}.csv", table.name)).exists(),
            "{}",
            table.name
        );
    }
    let regions = std::fs::read_to_string(out.path().join("regions.csv")).unwrap();
    assert_eq!(regions.lines().count(), 1 + case.regions.len());

    // An invalid document is exported, and named, unless --valid-only; exit 1 either way.
    let invalid = "tests/fixtures/invalid/date-order.yaml";
    for (flag, documents) in [(None, "2 documents"), (Some("--valid-only"), "1 document ")] {
        let mut args = vec!["export", valid, invalid, "--to", "parquet", "--out", folder];
        args.extend(flag);
        let (code, _, stderr) = run(&args);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(invalid), "{stderr}");
        assert!(
            stderr.contains(&format!("exported {documents}")),
            "{stderr}"
        );
    }

    // The same inputs give the same tables, rows in the inputs' order, on any number of
    // threads; a duplicate id found across files is said to be exported, as it is.
    let copy = out.path().join("copy.yaml");
    std::fs::copy(
        common::root().join("examples/data/cantabria-chihuahua.yaml"),
        &copy,
    )
    .unwrap();
    let second = "examples/data/boulder-kisumu.yaml";
    let copy = copy.to_str().unwrap();
    let mut tables = Vec::new();
    for _ in 0..3 {
        let into = tempfile::tempdir().unwrap();
        let args = [
            "export",
            "--threads",
            "2",
            valid,
            second,
            copy,
            "--to",
            "csv",
            "--valid-only",
            "--out",
            into.path().to_str().unwrap(),
        ];
        let (code, _, stderr) = run(&args);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(
            stderr.contains("1 error across files (exported)") && !stderr.contains("not exported"),
            "{stderr}"
        );
        tables.push(std::fs::read_to_string(into.path().join("case_studies.csv")).unwrap());
    }
    assert!(
        tables.windows(2).all(|pair| pair[0] == pair[1]),
        "{tables:?}"
    );

    // A folder that cannot be made: exit 2, and the path named.
    let file = out.path().join("regions.csv");
    let inside = file.join("tables");
    let (code, _, stderr) = run(&[
        "export",
        valid,
        "--to",
        "jsonl",
        "--out",
        inside.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("regions.csv"), "{stderr}");
}

#[test]
fn convert_and_render_take_the_file_size_limit_of_validate() {
    // What a tester found: `validate --max-file-size` read a large file that `convert` and
    // `render` could not be told to read.
    let file = "examples/data/cantabria-chihuahua.yaml";
    for command in [&["convert", "--to", "json"][..], &["render"][..]] {
        let with_limit = |size: &'static str| {
            let args: Vec<&str> = command
                .iter()
                .copied()
                .chain(["--max-file-size", size, file])
                .collect();
            run(&args)
        };
        let (code, _, stderr) = with_limit("1K");
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains("larger than the limit of 1000 bytes")
                && stderr.contains("--max-file-size"),
            "{stderr}"
        );
        let (code, stdout, stderr) = with_limit("1MB");
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stdout.contains("Cantabria"), "{command:?}");
    }
}
