//! The `casebook` command, run as a user would.

#![cfg(feature = "cli")]

mod common;

use assert_cmd::Command;

fn casebook() -> Command {
    let mut command =
        Command::cargo_bin("casebook").expect("the binary is built with --features cli");
    command.current_dir(common::root());
    command
}

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_reference_example_validates_in_every_format() {
    let output = casebook()
        .args(["validate", "examples/data/cantabria-chihuahua.json"])
        .args([
            "examples/data/cantabria-chihuahua.yaml",
            "examples/data/cantabria-chihuahua.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout_of(&output));
    let stdout = stdout_of(&output);
    assert!(
        stdout.contains("examples/data/cantabria-chihuahua.json: ok"),
        "{stdout}"
    );
    assert!(stdout.contains("3 file(s) checked: 3 valid"), "{stdout}");
}

#[test]
fn an_invalid_file_exits_1_with_its_line_column_and_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("typo.json");
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/valid/minimal.json"))
        .unwrap()
        .replace(r#""country": "FR""#, r#""contry": "FR""#);
    std::fs::write(&path, text).unwrap();
    let output = casebook().arg("validate").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = stdout_of(&output);
    let expected = format!("{}:6:", path.display());
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(
        stdout.contains("error[parse]: unknown field `contry`"),
        "{stdout}"
    );
    assert!(stdout.contains("(at /regions/0)"), "{stdout}");
}

#[test]
fn a_missing_file_exits_2_with_a_message_on_stderr() {
    let output = casebook()
        .args([
            "validate",
            "examples/data/cantabria-chihuahua.json",
            "no/such/file.json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cannot read no/such/file.json"), "{stderr}");
}

#[test]
fn no_file_is_a_usage_error() {
    let output = casebook().arg("validate").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
