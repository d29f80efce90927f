//! `casebook` on a repository of case studies: walking, configuration, checks across
//! files, every output format, and the other commands.

use casebook_test_support as common;
use casebook_test_support::cli::{casebook, run_in};
use casebook_test_support::generate;

use serde_json::Value;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::root().join("tests/fixtures").join(name)).unwrap()
}

/// A repository: the valid minimal fixture twice (with other ids), a broken one, a
/// file that .gitignore hides, and a file that is not a case study format.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("data/2019")).unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    let minimal = fixture("valid/minimal.json");
    std::fs::write(root.join("data/2019/lyon.json"), &minimal).unwrap();
    std::fs::write(
        root.join("data/montreal.json"),
        minimal.replace(r#""id": "minimal""#, r#""id": "other""#),
    )
    .unwrap();
    std::fs::write(
        root.join("data/broken.yaml"),
        fixture("invalid/unknown-reference.json"),
    )
    .unwrap();
    std::fs::write(root.join("drafts/ignored.json"), "{not json").unwrap();
    std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
    std::fs::write(root.join("notes.txt"), "not a case study").unwrap();
    dir
}

#[test]
fn a_folder_is_walked_respecting_gitignore_in_path_order() {
    let dir = repository();
    let (code, stdout, stderr) = run_in(dir.path(), &["validate", "data"]);
    assert_eq!(code, Some(1), "{stderr}");
    insta::assert_snapshot!("walk_human", stdout);
    // No path: the current folder; .gitignore'd drafts and notes.txt are not read.
    let (_, stdout, _) = run_in(dir.path(), &["validate"]);
    assert!(
        !stdout.contains("drafts") && !stdout.contains("notes"),
        "{stdout}"
    );
    assert!(stdout.contains("3 file(s) checked"), "{stdout}");
}

#[test]
fn globs_and_standard_input() {
    let dir = repository();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "data/**/*.json"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.starts_with("2 file(s) checked: 2 valid"), "{stdout}");

    let (code, stdout, _) = run_in(dir.path(), &["validate", "data/*.toml"]);
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains("data/*.toml: error: no file matches this pattern"),
        "{stdout}"
    );

    let output = casebook(dir.path())
        .args(["validate", "-", "--input-format", "yaml"])
        .write_stdin(fixture("invalid/unknown-language.yaml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("-:4:11: error[unknown-language]"),
        "{stdout}"
    );

    let (code, _, stderr) = run_in(dir.path(), &["validate", "-"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--input-format"), "{stderr}");

    // A finding across files on standard input has its line and column too, although
    // standard input cannot be read twice.
    let minimal = fixture("valid/minimal.json");
    std::fs::write(dir.path().join("copy.json"), &minimal).unwrap();
    let output = casebook(dir.path())
        .args(["validate", "-", "copy.json", "--input-format", "json"])
        .write_stdin(minimal.clone())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let id_line = minimal
        .lines()
        .position(|line| line.contains("\"id\""))
        .unwrap()
        + 1;
    assert!(
        stdout.contains(&format!("-:{id_line}:9: error[duplicate-case-study-id]")),
        "{stdout}"
    );
}

#[test]
fn json_lines_give_each_document_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let good: Value = serde_json::from_str(&fixture("valid/minimal.json")).unwrap();
    let mut bad = good.clone();
    bad["id"] = "second".into();
    bad["pairing"]["regions"][1] = "montrea".into();
    let mut third = good.clone();
    third["id"] = "third".into();
    let text = format!("{}\n\n{}\n{}\n", good, bad, third);
    std::fs::write(dir.path().join("all.jsonl"), text).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "all.jsonl", "--format", "json"]);
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "one report for the file");
    let findings = files[0]["diagnostics"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["line"], 3);
    assert_eq!(findings[0]["pointer"], "/pairing/regions/1");

    // Across documents: the first and a fourth share an id; each is named by its line.
    std::fs::write(
        dir.path().join("all.jsonl"),
        format!("{good}\n{third}\n{good}\n"),
    )
    .unwrap();
    let (_, stdout, _) = run_in(dir.path(), &["validate", "all.jsonl"]);
    assert!(stdout.contains("all.jsonl:1:30: error[duplicate-case-study-id]: case study id `minimal` is also used by all.jsonl:3;"), "{stdout}");

    // The size limit applies to each document, not to the file.
    let limit = (good.to_string().len() + 10).to_string();
    std::fs::write(
        dir.path().join("all.jsonl"),
        format!("{good}\n{}\n", "x".repeat(2000)),
    )
    .unwrap();
    let (code, stdout, _) = run_in(
        dir.path(),
        &["validate", "all.jsonl", "--max-file-size", &limit],
    );
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("all.jsonl:2: error[syntax]: the document is larger than the limit"),
        "{stdout}"
    );
}

#[test]
fn checks_across_files_name_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = fixture("valid/minimal.json");
    std::fs::write(dir.path().join("a.json"), &minimal).unwrap();
    std::fs::write(dir.path().join("b.json"), &minimal).unwrap();
    let changed = minimal
        .replace(r#""id": "minimal""#, r#""id": "changed""#)
        .replace(r#""country": "CA""#, r#""country": "US""#)
        .replace(r#""subdivision": "CA-QC""#, r#""subdivision": "US-NY""#);
    std::fs::write(dir.path().join("c.json"), changed).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "."]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("across_files", stdout);
    // Turned off from the command line.
    let (code, _, _) = run_in(
        dir.path(),
        &[
            "validate",
            ".",
            "--rule",
            "duplicate-case-study-id=off",
            "--rule",
            "region-conflict=off",
        ],
    );
    assert_eq!(code, Some(0));
}

#[test]
fn configuration_file_sets_paths_profile_rules_and_can_be_overridden() {
    let dir = repository();
    let root = dir.path();
    std::fs::write(
        root.join("casebook.toml"),
        "include = [\"data/**/*.json\"]\nprofile = \"iuc\"\ndeny-warnings = true\n\n[rules]\nunknown-reference = \"warning\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("data/sub")).unwrap();
    let (code, stdout, stderr) = run_in(&root.join("data/sub"), &["validate"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.starts_with("2 file(s) checked"), "{stdout}");

    // The rule override makes the broken file a warning, and deny-warnings fails it.
    let (code, stdout, _) = run_in(root, &["validate", "data/broken.yaml"]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("warning[unknown-reference]"), "{stdout}");
    // The command line overrides the configuration.
    let (code, stdout, _) = run_in(
        root,
        &[
            "validate",
            "data/broken.yaml",
            "--rule",
            "unknown-reference=off",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}");

    // --config names another file; an unknown key in it is an error.
    std::fs::write(root.join("other.toml"), "profiles = \"iuc\"\n").unwrap();
    let (code, _, stderr) = run_in(root, &["validate", "--config", "other.toml", "data"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("unknown field `profiles`"), "{stderr}");
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let dir = repository();
    let (code, stdout, stderr) =
        run_in(dir.path(), &["validate", "data", "--max-file-size", "100"]);
    assert_eq!(code, Some(2));
    // Unreadable files are results: reported with the others, on standard output.
    assert!(
        stdout.contains("larger than the limit of 100 bytes"),
        "{stdout}{stderr}"
    );
    assert!(stdout.contains("3 file(s) could not be read"), "{stdout}");
    assert_eq!(
        run_in(dir.path(), &["validate", "data", "--max-file-size", "1x"]).0,
        Some(2)
    );
}

#[test]
fn github_format_is_workflow_commands_with_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        fixture("valid/minimal.json").replace(r#""title""#, "\"odd,key:100%\": 1,\n  \"title\"");
    std::fs::write(dir.path().join("a,b.json"), text).unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["validate", ".", "--format", "github"]);
    assert_eq!(code, Some(1));
    let first = stdout.lines().next().unwrap();
    // Properties escape `,` and `:`; the message escapes `%` (and line breaks).
    assert!(
        first.starts_with(
            "::error file=a%2Cb.json,line=4,col=3,title=unknown-key::unknown key `odd,key:100%25`;"
        ),
        "{first}"
    );
}

#[test]
fn sarif_is_2_1_0_with_one_rule_per_code() {
    let dir = repository();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "data", "--format", "sarif"]);
    assert_eq!(code, Some(1));
    let sarif: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "casebook");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), casebook::RuleCode::ALL.len());
    for (rule, code) in rules.iter().zip(casebook::RuleCode::ALL) {
        assert_eq!(rule["id"], code.as_str());
        assert!(rule["shortDescription"]["text"].is_string() && rule["help"]["text"].is_string());
        assert!(
            ["error", "warning"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap())
        );
    }
    let results = run["results"].as_array().unwrap();
    // The broken file's error, and a warning across files (its `lyon` differs).
    assert_eq!(results.len(), 2);
    let result = results
        .iter()
        .find(|result| result["ruleId"] == "unknown-reference")
        .unwrap();
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], result["ruleId"]);
    assert_eq!(result["level"], "error");
    assert!(result["message"]["text"].is_string());
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "data/broken.yaml");
    assert_eq!(location["region"]["startLine"], 32);
    assert_eq!(location["region"]["startColumn"], 7);
    assert_eq!(
        result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/pairing/focus/0"
    );
}

#[test]
fn junit_has_one_test_case_per_file() {
    let dir = repository();
    let (code, stdout, _) = run_in(dir.path(), &["validate", "data", "--format", "junit"]);
    assert_eq!(code, Some(1));
    assert!(stdout.starts_with("<?xml"), "{stdout}");
    assert_eq!(stdout.matches("<testcase ").count(), 3, "{stdout}");
    assert_eq!(stdout.matches("<failure").count(), 1, "{stdout}");
    assert!(
        stdout.contains("data/broken.yaml:32:7: error[unknown-reference]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#"tests="3""#) && stdout.contains(r#"failures="1""#),
        "{stdout}"
    );
}

#[test]
fn colours_only_when_asked_for_or_on_a_terminal() {
    let dir = repository();
    let (_, plain, _) = run_in(dir.path(), &["validate", "data/broken.yaml"]);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    let output = casebook(dir.path())
        .args(["validate", "data/broken.yaml"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("\u{1b}["));
}

#[test]
fn a_generated_corpus_reports_exactly_its_planted_errors_on_one_thread_and_on_many_and_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut generator = generate::Generator::new(42);
    let mut choose = fastrand::Rng::with_seed(7);
    let mut expected = Vec::new();
    for index in 0..200 {
        let (mut document, planted) = generator.document(index, choose.f64() < 0.05);
        let name = format!("case-{index:03}.json");
        if let Some(planted) = planted {
            expected.push((
                name.clone(),
                planted.code.as_str().to_owned(),
                planted.pointer,
            ));
        }
        // Across files: case 150 reuses case 10's id; case 180 moves its first region.
        if index == 150 {
            document["id"] = "generated-case-000010".into();
            expected.push((name.clone(), "duplicate-case-study-id".into(), "/id".into()));
            expected.push((
                "case-010.json".into(),
                "duplicate-case-study-id".into(),
                "/id".into(),
            ));
        }
        std::fs::write(
            dir.path().join(&name),
            serde_json::to_string_pretty(&document).unwrap(),
        )
        .unwrap();
    }
    expected.sort();

    let findings = |threads: &str, in_memory: &str| {
        let (_, stdout, _) = run_in(
            dir.path(),
            &[
                "validate",
                ".",
                "--format",
                "json",
                "--threads",
                threads,
                "--findings-in-memory",
                in_memory,
            ],
        );
        let report: Value = serde_json::from_str(&stdout).unwrap();
        let mut found: Vec<(String, String, String)> = Vec::new();
        for file in report["files"].as_array().unwrap() {
            for finding in file["diagnostics"].as_array().unwrap() {
                found.push((
                    file["file"].as_str().unwrap().to_owned(),
                    finding["code"].as_str().unwrap().to_owned(),
                    finding["pointer"].as_str().unwrap().to_owned(),
                ));
            }
        }
        (stdout, found)
    };
    let (one_thread, mut found) = findings("1", "4MiB");
    let (many_threads, _) = findings("4", "4MiB");
    assert_eq!(
        one_thread, many_threads,
        "the output depends on the threads"
    );
    // Every finding kept in the temporary file, the findings across files added there.
    let (from_disk, _) = findings("2", "0");
    assert_eq!(
        one_thread, from_disk,
        "the output depends on where findings are kept"
    );
    found.sort();
    assert!(expected.len() >= 6, "too few planted errors: {expected:?}");
    assert_eq!(found, expected);
}

/// Under a file-size limit (`ulimit -f`), a write past it ends the process with SIGXFSZ: the
/// temporary file of findings stays under it, and the findings past it stay in memory.
#[cfg(unix)]
#[test]
fn findings_past_the_file_size_limit_stay_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = fixture("valid/minimal.json");
    for n in 0..300 {
        let text = minimal
            .replace(
                r#""id": "minimal""#,
                &format!(r#""id": "case-{n}", "colour": 1"#),
            )
            .replace(r#""FR""#, r#""XQ""#);
        std::fs::write(dir.path().join(format!("case-{n:03}.json")), text).unwrap();
    }
    let args = ["validate", ".", "--findings-in-memory", "0"];
    let (code, unlimited, _) = run_in(dir.path(), &args);
    assert_eq!(code, Some(1));
    assert!(
        unlimited.len() > 100_000,
        "too few findings to pass the limit"
    );
    // 64 blocks of 512 bytes (POSIX `ulimit`), or of 1,024 (bash's).
    let limited = run_under_file_size_limit(dir.path(), 64, &args);
    assert_eq!(limited.status.code(), Some(1), "{limited:?}");
    assert_eq!(String::from_utf8(limited.stdout).unwrap(), unlimited);
    // A table past the limit is an error that names it, not a silent end (SIGXFSZ).
    let valid = tempfile::tempdir().unwrap();
    for n in 0..300 {
        let text = minimal.replace(r#""id": "minimal""#, &format!(r#""id": "case-{n}""#));
        std::fs::write(valid.path().join(format!("case-{n:03}.json")), text).unwrap();
    }
    let out = valid.path().join("tables");
    let export = ["export", ".", "--to", "csv", "--out", out.to_str().unwrap()];
    let limited = run_under_file_size_limit(valid.path(), 1, &export);
    let stderr = String::from_utf8(limited.stderr).unwrap();
    assert_eq!(limited.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
}

/// The command, run in `dir` under a file-size limit of `blocks` blocks.
#[cfg(unix)]
fn run_under_file_size_limit(
    dir: &std::path::Path,
    blocks: u32,
    args: &[&str],
) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(r#"ulimit -f {blocks} && exec "$0" "$@""#))
        .arg(assert_cmd::cargo::cargo_bin("casebook"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn render_reads_like_the_seed_case_study() {
    let root = common::root();
    let (code, markdown, _) = run_in(&root, &["render", "examples/data/cantabria-chihuahua.json"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("render_markdown", markdown);
    let (code, html, _) = run_in(
        &root,
        &[
            "render",
            "examples/data/cantabria-chihuahua.yaml",
            "--to",
            "html",
        ],
    );
    assert_eq!(code, Some(0));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<html lang=\"en\">"));
    for heading in [
        "Executive summary",
        "Challenges and solutions",
        "Results and impact",
        "Lessons learned",
        "The IUC programme",
    ] {
        assert!(html.contains(&format!("<h2>{heading}</h2>")), "{heading}");
    }
    assert!(html.contains("Paz Díaz Nieto"));
    let (code, _, stderr) = run_in(
        &root,
        &["render", "tests/fixtures/invalid/missing-key.json"],
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("casebook validate"), "{stderr}");
}

#[test]
fn render_shows_translations_places_and_another_language() {
    let root = common::root();
    let fixture = "tests/fixtures/valid/languages-pt.yaml";
    let (code, markdown, _) = run_in(&root, &["render", fixture]);
    assert_eq!(code, Some(0));
    assert!(markdown.contains(
        "> \"Aprendemos mais com Maputo do que esperávamos.\"\n>\n> \"We learned more from Maputo than we expected.\"\n>\n> — Ana Souza"
    ), "{markdown}");
    let (code, portuguese, _) = run_in(&root, &["render", fixture, "--lang", "pt", "--to", "html"]);
    assert_eq!(code, Some(0));
    assert!(portuguese.contains("<html lang=\"pt\">"), "{portuguese}");
    assert!(
        portuguese.contains("<h1>Lisboa e Maputo partilham"),
        "{portuguese}"
    );
    // The quotes are in Portuguese already: no translation into English.
    assert!(!portuguese.contains("We learned more"), "{portuguese}");
    // A text with no translation is shown as written.
    assert!(portuguese.contains("Waste collection"), "{portuguese}");
    for (lang, expected) in [
        (
            "de",
            "no translations into `de`; it has translations into `pt`, `es`",
        ),
        ("xx", "`xx` is not an ISO 639-1 language code"),
        ("spa", "--lang \"spa\""),
    ] {
        let (code, out, stderr) = run_in(&root, &["render", fixture, "--lang", lang]);
        assert_eq!((code, out.as_str()), (Some(2), ""), "{lang}: {stderr}");
        assert!(stderr.contains(expected), "{lang}: {stderr}");
    }
    let (code, places, _) = run_in(&root, &["render", "tests/fixtures/valid/places.json"]);
    assert_eq!(code, Some(0));
    assert!(
        places.contains("Santander (city, Spain; ES, ES-S, 43.4623° N 3.80998° W, Wikidata Q12233, GeoNames 3109718, OpenStreetMap relation/340746, UN/LOCODE ES SDR)"),
        "{places}"
    );
}

#[test]
fn stats_count_a_corpus_in_three_formats() {
    let root = common::root();
    // Named files, not the folder, so that a new valid fixture leaves the counts alone.
    let args = [
        "stats",
        "examples/data/cantabria-chihuahua.json",
        "tests/fixtures/valid/concluded-with-extensions.yaml",
        "tests/fixtures/valid/minimal.json",
        "tests/fixtures/valid/native-toml-dates.toml",
    ];
    let (code, human, _) = run_in(&root, &args);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("stats_human", human);
    let (_, json, _) = run_in(&root, &[&args[..], &["--format", "json"]].concat());
    let stats: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stats["case_studies"], 4);
    assert_eq!(stats["by_world_region"]["Europe"], 4);
    assert_eq!(stats["by_country"]["MX"], 2);
    let (_, csv, _) = run_in(&root, &[&args[..], &["--format", "csv"]].concat());
    assert!(
        csv.starts_with("section,key,value\ntotal,case_studies,4\n"),
        "{csv}"
    );
    assert!(csv.contains("\ncountry,ES,2\n"), "{csv}");
}

/// A stranger's case: a document the schema rejects but that reads into the model (a
/// 20-digit integer reads rounded) was said to be skipped, and counted all the same.
#[test]
fn stats_count_no_document_they_say_they_skipped() {
    let root = common::root();
    let example =
        std::fs::read_to_string(root.join("examples/data/cantabria-chihuahua.json")).unwrap();
    let mut rounded: Value = serde_json::from_str(&example).unwrap();
    rounded["id"] = "rounded".into();
    rounded["extensions"] = serde_json::json!({"n": "PLACE"});
    let rounded = serde_json::to_string_pretty(&rounded)
        .unwrap()
        .replace("\"PLACE\"", "123456789012345678901");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.json"), &example).unwrap();
    std::fs::write(dir.path().join("b.json"), &rounded).unwrap();
    assert!(casebook::from_json_str(&rounded).is_err());
    let (code, json, stderr) = run_in(dir.path(), &["stats", ".", "--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("b.json: skipped"), "{stderr}");
    assert!(!stderr.contains("a.json"), "{stderr}");
    let stats: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stats["case_studies"], 1);
}

/// A `.jsonl` file whose lines are skipped is not skipped whole: its other documents are
/// counted and exported, and the messages say how many were left out.
#[test]
fn stats_and_export_name_the_documents_of_a_json_lines_file_they_leave_out() {
    let minimal: Value = serde_json::from_str(&fixture("valid/minimal.json")).unwrap();
    let line = |id: &str| {
        let mut document = minimal.clone();
        document["id"] = id.into();
        document.to_string()
    };
    let text = [
        line("first"),
        r#"{"schema_version": "1.0", "id": "no-title"}"#.to_owned(),
        line("second"),
        // Two structural errors, one document.
        line("coloured").replacen('{', r#"{"colour": 1, "shade": 2, "#, 1),
        line("third"),
    ]
    .join("\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mixed.jsonl"), text).unwrap();
    let (code, json, stderr) = run_in(dir.path(), &["stats", ".", "--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "mixed.jsonl: 2 documents skipped, not readable case studies; the first: 2:1:"
        ),
        "{stderr}"
    );
    let stats: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stats["case_studies"], 3);
    // `export --valid-only` holds back those two documents, not the file.
    let out = dir.path().join("tables");
    let export = [
        "export",
        "mixed.jsonl",
        "--to",
        "csv",
        "--valid-only",
        "--out",
        out.to_str().unwrap(),
    ];
    let (code, _, stderr) = run_in(dir.path(), &export);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("mixed.jsonl: ") && stderr.contains(" errors in 2 documents, not exported"),
        "{stderr}"
    );
    assert!(stderr.contains("exported 3 documents"), "{stderr}");
}

#[test]
fn convert_is_lossless_in_every_direction() {
    let root = common::root();
    let original =
        casebook::from_path(root.join("tests/fixtures/valid/concluded-with-extensions.yaml"))
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (to, file) in [("json", "c.json"), ("toml", "c.toml"), ("yaml", "c.yaml")] {
        let out = dir.path().join(file);
        let output = casebook(&root)
            .args([
                "convert",
                "tests/fixtures/valid/concluded-with-extensions.yaml",
                "--to",
                to,
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(casebook::from_path(&out).unwrap(), original, "{to}");
    }
    let (code, stdout, _) = run_in(
        &root,
        &[
            "convert",
            "examples/data/cantabria-chihuahua.toml",
            "--to",
            "json",
        ],
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        casebook::from_json_str(&stdout).unwrap(),
        casebook::from_path(root.join("examples/data/cantabria-chihuahua.json")).unwrap()
    );
}

#[test]
fn init_writes_a_template_that_validates_once_filled() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, _) = run_in(dir.path(), &["init", "new.yaml"]);
    assert_eq!(code, Some(0));
    let path = dir.path().join("new.yaml");
    let template = std::fs::read_to_string(&path).unwrap();
    // A new document starts at the newest format version, so its commented keys of that
    // version can be used as they are.
    let latest = format!("schema_version: \"{}\"", casebook::SchemaVersion::LATEST);
    assert!(template.contains(&latest), "{template}");
    // Unfilled, it does not pass.
    assert_eq!(run_in(dir.path(), &["validate", "new.yaml"]).0, Some(1));
    let filled = [
        ("<case-study-id>", "bilbao-medellin"),
        ("<Headline of the case study>", "Bilbao and Medellin"),
        (
            "<Two or three sentences on who cooperates, on what, and what came of it>",
            "Two cities exchange.",
        ),
        ("<YYYY-MM>", "2019-05"),
        ("<first-region-id>", "bilbao"),
        ("<second-region-id>", "medellin"),
        ("<Name>", "Somewhere"),
        ("<region>", "city"),
        ("<state>", "city"),
        ("<ES>", "ES"),
        ("<ES-CB>", "ES-BI"),
        ("<MX>", "CO"),
        ("<MX-CHH>", "CO-ANT"),
        ("<region_to_region>", "city_to_city"),
        ("<active>", "active"),
        ("<messaging>", "messaging"),
        ("<WhatsApp>", "WhatsApp"),
        ("<weekly>", "weekly"),
        ("<es>", "es"),
        ("<topic-id>", "mobility"),
        ("<Smart tourism>", "Mobility"),
        ("<8>", "11"),
        ("<lesson-id>", "listen"),
        ("<A short headline>", "Listen first"),
        ("<What you learned>", "Listening first pays."),
        ("<communication>", "communication"),
    ]
    .iter()
    .fold(template, |text, (placeholder, value)| {
        text.replace(placeholder, value)
    });
    assert!(!filled.contains('<'), "a placeholder is left: {filled}");
    std::fs::write(&path, filled).unwrap();
    let (code, stdout, _) = run_in(
        dir.path(),
        &[
            "validate",
            "--deny-warnings",
            "--profile",
            "iuc",
            "new.yaml",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}");
    // An existing file is left as it is.
    let (code, _, stderr) = run_in(dir.path(), &["init", "new.yaml"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("exists"), "{stderr}");
}

#[test]
fn rules_explain_completions_and_man() {
    let root = common::root();
    let (code, rules, _) = run_in(&root, &["rules"]);
    assert_eq!(code, Some(0));
    assert_eq!(rules.lines().count(), casebook::RuleCode::ALL.len());
    assert!(
        rules
            .lines()
            .any(|line| line.starts_with("unknown-reference") && line.contains("error"))
    );

    let (code, explanation, _) = run_in(&root, &["explain", "unknown-country"]);
    assert_eq!(code, Some(0));
    insta::assert_snapshot!("explain_unknown_country", explanation);
    let (code, _, stderr) = run_in(&root, &["explain", "no-such-rule"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("invalid rule code"), "{stderr}");

    for shell in ["bash", "zsh", "fish"] {
        let (code, script, _) = run_in(&root, &["completions", shell]);
        assert_eq!(code, Some(0));
        assert!(
            script.contains("validate") && script.contains("casebook"),
            "{shell}"
        );
    }
    let (code, page, _) = run_in(&root, &["man"]);
    assert_eq!(code, Some(0));
    assert!(
        page.contains(".TH casebook") && page.contains("validate"),
        "{page}"
    );
}

#[test]
fn every_page_the_manual_refers_to_is_written_and_quiet_and_color_do_what_they_say() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().display().to_string();
    assert_eq!(run_in(&root, &["man", "--out", &out]).0, Some(0));
    let main_page = std::fs::read_to_string(dir.path().join("casebook.1")).unwrap();
    let referred: std::collections::BTreeSet<String> = main_page
        .split("casebook\\-")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect()
        })
        .collect();
    assert!(referred.contains("validate"), "{main_page}");
    for name in &referred {
        let page = dir.path().join(format!("casebook-{name}.1"));
        assert!(
            page.is_file(),
            "casebook.1 refers to casebook-{name}(1), which is not written"
        );
    }

    let valid = "examples/data/cantabria-chihuahua.json";
    let (code, stdout, _) = run_in(&root, &["validate", "--quiet", valid]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
    let (_, loud, _) = run_in(&root, &["validate", valid]);
    assert!(loud.contains("1 file(s) checked"), "{loud}");

    let broken = "tests/fixtures/readme/lyon-montreal.yaml";
    let (code, coloured, _) = run_in(&root, &["validate", "--color", "always", broken]);
    assert_eq!(code, Some(1));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let (_, plain, _) = run_in(&root, &["validate", "--color", "never", broken]);
    assert!(
        !plain.contains('\u{1b}') && plain.contains("error[unknown-key]"),
        "{plain}"
    );
    // Output to a pipe is plain unless asked.
    let (_, auto, _) = run_in(&root, &["validate", broken]);
    assert_eq!(auto, plain);
}

/// An upgrade writes only the bytes that change, in place: the file keeps its inode (its
/// hard links see the upgrade), its mode and its links, and a write that fails leaves it as
/// it was.
#[cfg(unix)]
#[test]
fn upgrade_writes_only_what_changes_in_place() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};

    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(root.join("examples/data/cantabria-chihuahua.yaml"))
        .unwrap()
        .replacen("schema_version: \"1.1\"", "schema_version: \"1.0\"", 1);
    assert!(example.len() > 8 * 1024 && example.contains("\"1.0\""));
    let upgraded = example.replacen("\"1.0\"", "\"1.1\"", 1);
    let file = dir.path().join("case.yaml");
    std::fs::write(&file, &example).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::hard_link(&file, dir.path().join("alias.yaml")).unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    // The file is larger than 8 blocks (4 or 8 KiB), its version is not past them.
    let limited = run_under_file_size_limit(dir.path(), 8, &["upgrade", "case.yaml"]);
    assert_eq!(limited.status.code(), Some(0), "{limited:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), upgraded);
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!((after.ino(), after.mode() & 0o777), (inode, 0o640));
    let alias = std::fs::read_to_string(dir.path().join("alias.yaml")).unwrap();
    assert!(alias == upgraded, "the hard link was not upgraded");
    // A version past the limit cannot be written: the file stays as it was.
    let late = dir.path().join("late.yaml");
    let padded = format!("# {}\n{example}", "padding ".repeat(1200));
    std::fs::write(&late, &padded).unwrap();
    let limited = run_under_file_size_limit(dir.path(), 8, &["upgrade", "late.yaml"]);
    let stderr = String::from_utf8(limited.stderr).unwrap();
    assert_eq!(limited.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    let kept = std::fs::read_to_string(&late).unwrap();
    assert!(kept == padded, "the file was changed: {} bytes", kept.len());
    // Through a symbolic link, the file it points at is upgraded.
    std::os::unix::fs::symlink("late.yaml", dir.path().join("link.yaml")).unwrap();
    let (code, stdout, stderr) = run_in(dir.path(), &["upgrade", "link.yaml"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let link = std::fs::symlink_metadata(dir.path().join("link.yaml")).unwrap();
    assert!(link.file_type().is_symlink());
    let late_upgraded = std::fs::read_to_string(&late).unwrap();
    assert!(late_upgraded == padded.replacen("\"1.0\"", "\"1.1\"", 1));
    let names = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(names, 4, "a file was left behind");
}

/// Standard output that cannot be written is an error (exit code 2), not a panic, and the
/// upgrade is still made.
#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = fixture("valid/minimal.json");
    std::fs::write(dir.path().join("case.json"), &minimal).unwrap();
    let to_full_disk = |args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("casebook"))
            .args(args)
            .current_dir(dir.path())
            .stdout(std::fs::File::create("/dev/full").unwrap())
            .output()
            .unwrap()
    };
    let upgraded = to_full_disk(&["upgrade", "case.json"]);
    let stderr = String::from_utf8(upgraded.stderr).unwrap();
    assert_eq!(upgraded.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("case.json")).unwrap();
    assert_eq!(text, minimal.replacen("\"1.0\"", "\"1.1\"", 1));
    let version = to_full_disk(&["--version"]);
    assert_eq!(version.status.code(), Some(2), "{version:?}");
    let stderr = String::from_utf8(version.stderr).unwrap();
    assert!(stderr.contains("cannot write the output"), "{stderr}");
}

#[test]
fn upgrade_changes_only_the_version_and_goes_on_past_a_refused_file() {
    let root = common::root();
    let dir = tempfile::tempdir().unwrap();
    let mut names = Vec::new();
    // 1.0 documents in the three syntaxes.
    let fixtures = root.join("tests/fixtures/valid");
    for name in [
        "minimal.json",
        "concluded-with-extensions.yaml",
        "native-toml-dates.toml",
    ] {
        std::fs::copy(fixtures.join(name), dir.path().join(name)).unwrap();
        names.push(name.to_owned());
    }
    std::fs::write(
        dir.path().join("other.json"),
        r#"{"schema_version": "2.0"}"#,
    )
    .unwrap();
    let (code, stdout, _) = run_in(dir.path(), &["upgrade", "--check", &names[0]]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("would be upgraded from 1.0 to 1.1"),
        "{stdout}"
    );

    let mut arguments = vec!["upgrade", "other.json"];
    arguments.extend(names.iter().map(String::as_str));
    let (code, stdout, stderr) = run_in(dir.path(), &arguments);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    assert!(
        stderr.contains("other.json") && stderr.contains("2.0"),
        "{stderr}"
    );
    for name in &names {
        let before = std::fs::read_to_string(fixtures.join(name)).unwrap();
        let after = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let differing: Vec<_> = before
            .chars()
            .zip(after.chars())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(differing, [('0', '1')], "{name}");
        assert_eq!(before.len(), after.len(), "{name}");
        assert!(
            stdout.contains(&format!("{name}: upgraded from 1.0 to 1.1")),
            "{stdout}"
        );
    }
    for name in &names {
        let (code, stdout, _) = run_in(dir.path(), &["validate", name]);
        assert_eq!(code, Some(0), "{stdout}");
    }
    let (code, stdout, _) = run_in(dir.path(), &["upgrade", "--check", &names[1]]);
    assert_eq!(
        (code, stdout.trim()),
        (Some(0), "concluded-with-extensions.yaml: already 1.1")
    );
}
