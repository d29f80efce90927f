//! The command against what a hostile tester tried: special files, the same file named
//! twice, a configuration file in the walk, absurd thread counts, and outputs that fail.
#![cfg(unix)]

use std::io::Read as _;
use std::path::Path;
use std::process::{Command as Process, Stdio};

use casebook_test_support as common;
use casebook_test_support::cli::run_in;

fn with_minimal(dir: &Path, name: &str) {
    std::fs::copy(
        common::root().join("tests/fixtures/valid/minimal.json"),
        dir.join(name),
    )
    .unwrap();
}

#[test]
fn fifos_and_devices_are_reported_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let status = Process::new("mkfifo")
        .arg(dir.path().join("pipe.json"))
        .status()
        .unwrap();
    assert!(status.success());
    Process::new("mkfifo")
        .arg(dir.path().join("pipe.jsonl"))
        .status()
        .unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.jsonl")).unwrap();
    for file in ["pipe.json", "pipe.jsonl", "zero.json", "zero.jsonl"] {
        for args in [
            vec!["validate", file],
            vec!["stats", file],
            vec!["convert", file, "--to", "yaml"],
            vec!["render", file],
        ] {
            if file.ends_with(".jsonl") && (args[0] == "convert" || args[0] == "render") {
                continue;
            }
            let (code, stdout, stderr) = run_in(dir.path(), &args);
            assert_eq!(code, Some(2), "{args:?}: {stdout}{stderr}");
            assert!(
                format!("{stdout}{stderr}").contains("not a regular file"),
                "{args:?}: {stdout}{stderr}"
            );
        }
    }
}

#[test]
fn one_file_named_several_ways_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    with_minimal(&dir.path().join("data"), "one.json");
    let absolute = dir.path().join("data/one.json").display().to_string();
    for args in [
        vec!["validate", "data/one.json", "./data/one.json"],
        vec!["validate", "data", "data/one.json"],
        vec!["validate", "data/one.json", absolute.as_str()],
        vec!["validate", "data/../data/one.json", "data/one.json"],
    ] {
        let (code, stdout, _) = run_in(dir.path(), &args);
        assert_eq!(code, Some(0), "{args:?}: {stdout}");
        assert!(
            stdout.starts_with("1 file(s) checked: 1 valid"),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn the_configuration_file_is_not_checked_as_a_case_study() {
    let dir = tempfile::tempdir().unwrap();
    with_minimal(dir.path(), "one.json");
    std::fs::write(dir.path().join("casebook.toml"), "deny-warnings = true\n").unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("1 file(s) checked"), "{stdout}");
}

#[test]
fn thread_counts_are_bounded() {
    let root = common::root();
    let (code, _, stderr) = run_in(&root, &["validate", "--threads", "100000", "examples/data"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--threads"), "{stderr}");
    let (code, _, stderr) = run_in(&root, &["validate", "--threads", "0", "examples/data"]);
    assert_eq!(code, Some(2), "{stderr}");
    // Many threads asked for, at most four per core started: it finishes at once.
    let (code, stdout, _) = run_in(
        &root,
        &["validate", "--threads", "60000", "tests/fixtures/valid"],
    );
    assert_eq!(code, Some(0), "{stdout}");
}

#[test]
fn a_closed_or_full_output_is_not_a_panic() {
    let binary = assert_cmd::cargo::cargo_bin("casebook");
    // A reader that stops after ten bytes, like `| head -c 10`.
    let mut child = Process::new(&binary)
        .args(["completions", "fish"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0_u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_ne!(output.status.code(), Some(101), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));

    if Path::new("/dev/full").exists() {
        let full = || {
            std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap()
        };
        let output = Process::new(&binary)
            .args(["completions", "bash"])
            .stdout(full())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write"));
        let output = Process::new(&binary)
            .args(["validate", "nosuch.json"])
            .stderr(full())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
    }
}

#[test]
fn a_looping_link_given_by_name_is_called_one() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("loop.json", dir.path().join("loop.json")).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "loop.json"]);
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains("loop.json: error: a broken or looping link"),
        "{stdout}"
    );
}

#[test]
fn what_a_second_stranger_found_in_the_command() {
    let dir = tempfile::tempdir().unwrap();
    with_minimal(dir.path(), "base.json");
    // A link and its target are one file.
    std::os::unix::fs::symlink(dir.path().join("base.json"), dir.path().join("link.json")).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "base.json", "link.json"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("1 file(s) checked"), "{stdout}");
    // casebook.toml named on the command line is left out, not checked.
    std::fs::write(dir.path().join("casebook.toml"), "include = [\"*.json\"]\n").unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "casebook.toml", "base.json"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("1 other file(s) skipped"), "{stdout}");
    // An `include` that matches nothing is an error, as a pattern on the command line is.
    std::fs::write(
        dir.path().join("casebook.toml"),
        "include = [\"case-studis/*.yaml\"]\n",
    )
    .unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate"]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(
        stdout.contains("no file matches the `include` patterns"),
        "{stdout}"
    );
    // A conversion's error is said once, without the system's error numbers.
    let mut document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("base.json")).unwrap())
            .unwrap();
    document["extensions"] = serde_json::json!({"n": null});
    std::fs::write(dir.path().join("null.json"), document.to_string()).unwrap();
    let (code, _, stderr) = run_in(dir.path(), &["convert", "null.json", "--to", "toml"]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr.matches("TOML has no null").count(), 1, "{stderr}");
    let (_, _, stderr) = run_in(dir.path(), &["render", "nosuch.json"]);
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn a_repository_with_other_json_yaml_and_toml_files_checks_only_its_case_studies() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("case-studies")).unwrap();
    std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
    with_minimal(&root.join("case-studies"), "lyon-montreal.json");
    std::fs::write(
        root.join("package.json"),
        r#"{"name": "site", "version": "1.0.0"}"#,
    )
    .unwrap();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(
        root.join(".github/workflows/ci.yml"),
        "on: [push]\njobs: {}\n",
    )
    .unwrap();
    let (code, stdout, _) = run_in(root, &["validate"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        // Hidden folders such as .github are not walked at all; package.json and
        // Cargo.toml are read, and left out.
        stdout.starts_with("1 file(s) checked: 1 valid")
            && stdout.contains("2 other file(s) skipped"),
        "{stdout}"
    );
    // The pre-commit hook names every changed file; with --case-studies-only it checks
    // the case studies alone.
    let (code, stdout, _) = run_in(
        root,
        &[
            "validate",
            "--case-studies-only",
            "package.json",
            "Cargo.toml",
            "case-studies/lyon-montreal.json",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}");
    // Named without the flag, a file is always checked.
    assert_eq!(run_in(root, &["validate", "package.json"]).0, Some(1));
}

#[test]
fn convert_refuses_a_file_name_of_another_format_and_rules_are_in_columns() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.yaml").display().to_string();
    let (code, _, stderr) = run_in(
        &root,
        &[
            "convert",
            "examples/data/cantabria-chihuahua.json",
            "--to",
            "toml",
            "--out",
            &out,
        ],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--out names a yaml file"), "{stderr}");
    assert!(!dir.path().join("x.yaml").exists());
    let (_, rules, _) = run_in(&root, &["rules"]);
    let columns: Vec<usize> = rules
        .lines()
        .map(|line| {
            line.find("  error ")
                .or_else(|| line.find("  warning "))
                .map_or(0, |at| at)
        })
        .collect();
    assert!(
        columns.iter().all(|column| *column == columns[0]),
        "{rules}"
    );
}
