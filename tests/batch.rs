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
    // Its findings written to the temporary file as its chunks are checked.
    let on_disk = Batch::new(Validator::new())
        .findings_in_memory(0)
        .check(&inputs);
    assert_eq!(one, on_disk);

    let file = one.file(0).unwrap();
    let report = file.report().unwrap();
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
        let file = report.file(0).unwrap();
        let findings = &file.report().unwrap().diagnostics;
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
    let file = report.file(0).unwrap();
    let findings = &file.report().unwrap().diagnostics;
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
    assert_eq!(report.skipped().collect::<Vec<_>>(), ["log.jsonl"]);
    assert!(report.is_empty());

    // A declaration on the last line makes every line a case study's, checked.
    let declared = format!("{stray}{}\n", minimal_line());
    let mut input = Input::text("mixed.jsonl", declared, Layout::JsonLines);
    input.case_studies_only = true;
    let report = Batch::new(Validator::new()).check(&[input]);
    assert_eq!(report.skipped().len(), 0);
    let lines: Vec<Option<usize>> = report
        .file(0)
        .unwrap()
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
    let found: Vec<(RuleCode, Option<usize>, Option<usize>)> = report
        .file(0)
        .unwrap()
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

#[test]
fn a_batch_report_gives_back_every_file_as_it_was_pushed_wherever_it_keeps_them() {
    use casebook::batch::{BatchReport, FileOutcome, FileReport, InputProblem};

    // A real report with findings, so that what is kept is what was checked.
    let checked = Batch::new(Validator::new()).check(&[Input::text(
        "x.json",
        "{}",
        Layout::Single(casebook::Format::Json),
    )]);
    let invalid = checked.file(0).unwrap().outcome;
    let files: Vec<FileReport> = (0..100)
        .map(|n| FileReport {
            file: format!("data/{:02}/case-{n:03}.json", n / 10),
            outcome: match n % 7 {
                3 => invalid.clone(),
                5 => FileOutcome::Unreadable(format!("cannot be read: {n}")),
                _ => FileOutcome::Checked(casebook::Report::default()),
            },
        })
        .collect();
    let in_memory: BatchReport = files.iter().cloned().collect();
    // Everything in memory, nothing (with `fs`, in a temporary file), and half of it.
    for budget in [usize::MAX, 0, 8_000] {
        let mut report = BatchReport::with_findings_in_memory(budget);
        files.iter().cloned().for_each(|file| report.push(file));
        assert_eq!(report, in_memory, "budget {budget}");
        assert_eq!(report.len(), 100);
        assert_eq!(report.files().collect::<Vec<_>>(), files);
        assert_eq!(report.file(45).as_ref(), files.get(45));
        assert_eq!(report.file(73).as_ref(), files.get(73));
        assert_eq!(report.file(100), None);
        let summary = report.summary(false);
        assert_eq!(
            (
                summary.valid,
                summary.invalid,
                summary.unreadable,
                summary.errors
            ),
            (72, 14, 14, 14 * 5),
            "budget {budget}"
        );
        assert!(!report.passes(false));

        // Problems go in their places: a folder's files before a file whose name extends
        // the folder's, as a walk gives them.
        let mut with_problems = report.clone();
        let problem = |path: &str| InputProblem {
            path: path.to_owned(),
            why: "no such file or folder".to_owned(),
        };
        with_problems.add_problems(&[problem("zzz.json"), problem("data/04.json"), problem("a")]);
        let names: Vec<String> = with_problems.files().map(|file| file.file).collect();
        assert_eq!(names.len(), 103);
        assert_eq!(names[0], "a");
        assert_eq!(names[50], "data/04/case-049.json");
        assert_eq!(names[51], "data/04.json");
        assert_eq!(names[102], "zzz.json");
        assert_eq!(with_problems.summary(false).unreadable, 17);
        assert_eq!(with_problems.file(4).unwrap().outcome, files[3].outcome);
        assert_eq!(with_problems.file(52).unwrap().outcome, files[50].outcome);
        // The clone it was made from still reads as it did.
        assert_eq!(report.files().collect::<Vec<_>>(), files);
    }
}

#[cfg(feature = "fs")]
#[test]
fn findings_kept_on_disk_write_the_same_reports_as_findings_kept_in_memory() {
    use casebook::batch::{WalkOptions, walk_inputs};
    use casebook::output::{OutputFormat, OutputOptions, write};

    let dir = tempfile::tempdir().unwrap();
    let minimal = minimal_line();
    for n in 0..40 {
        let text = match n % 5 {
            // Findings of the document, of the shape and of the text.
            0 => minimal.replace("\"FR\"", "\"XQ\""),
            1 => minimal.replacen('{', "{\"colour\": 1, ", 1),
            2 => "{ not json".to_owned(),
            // The same case study as file 3: findings across files.
            3 => minimal.clone(),
            _ => minimal.replace("minimal", &format!("minimal-{n}")),
        };
        std::fs::write(dir.path().join(format!("case-{n:02}.json")), text).unwrap();
    }
    std::fs::write(dir.path().join("many.jsonl"), json_lines(30, 10, 4, 9, 12)).unwrap();
    // Findings on many lines of one file, and findings across files among them: the
    // checks across files merge theirs into its record in the temporary file.
    let lines: String = (1..=60)
        .map(|line| {
            let id = format!("line-{line}");
            let text = match line % 4 {
                0 => minimal.replace("\"FR\"", "\"XQ\""),
                1 => minimal.replacen('{', "{\"colour\": 1, ", 1),
                _ => minimal.clone(),
            };
            match line % 7 {
                // The same case study as files 3, 8, 13 and on.
                0 => text + "\n",
                _ => text.replace("\"minimal\"", &format!("\"{id}\"")) + "\n",
            }
        })
        .collect();
    std::fs::write(dir.path().join("findings.jsonl"), lines).unwrap();
    let root = [dir.path().display().to_string()];
    let check = |budget: usize| {
        let walk = walk_inputs(&root, &WalkOptions::default()).unwrap();
        Batch::new(Validator::new())
            .findings_in_memory(budget)
            .check(walk)
    };
    let in_memory = check(usize::MAX);
    let summary = in_memory.summary(false);
    assert_eq!(
        (summary.files, summary.valid, summary.invalid),
        (42, 8, 34),
        "{summary:?}"
    );
    let lines = in_memory.file(40).unwrap();
    assert_eq!(
        lines.file,
        dir.path().join("findings.jsonl").display().to_string()
    );
    let codes: Vec<RuleCode> = lines
        .report()
        .unwrap()
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    let count = |code| codes.iter().filter(|other| **other == code).count();
    assert_eq!(count(RuleCode::UnknownCountry), 15, "{codes:?}");
    assert_eq!(count(RuleCode::UnknownKey), 15, "{codes:?}");
    assert_eq!(count(RuleCode::DuplicateCaseStudyId), 6, "{codes:?}");
    assert_eq!(count(RuleCode::RegionConflict), 30, "{codes:?}");
    for budget in [0, 4_000] {
        let report = check(budget);
        assert_eq!(report, in_memory, "budget {budget}");
        let mut formats = vec![
            OutputFormat::Human,
            OutputFormat::Json,
            OutputFormat::Github,
            OutputFormat::Sarif,
        ];
        #[cfg(feature = "junit")]
        formats.push(OutputFormat::Junit);
        for format in formats {
            let written = |report| {
                let mut out = Vec::new();
                write(format, report, &OutputOptions::default(), &mut out).unwrap();
                String::from_utf8(out).unwrap()
            };
            assert_eq!(
                written(&report),
                written(&in_memory),
                "{format:?}, budget {budget}"
            );
            if format == OutputFormat::Sarif {
                // Written one result at a time, and made whole, the log is the same.
                let streamed: Value = serde_json::from_str(&written(&report)).unwrap();
                assert_eq!(streamed, casebook::output::sarif(&report));
                assert!(streamed["runs"][0]["results"].as_array().unwrap().len() > 40);
            }
        }
    }
}

#[cfg(feature = "fs")]
#[test]
fn a_walk_gives_the_files_of_a_folder_in_path_order_as_it_goes() {
    use casebook::batch::{WalkOptions, find_inputs, walk_inputs};

    let dir = tempfile::tempdir().unwrap();
    // On one line, so that it is a `.jsonl` file's document too.
    let minimal = minimal_line();
    // `-` and `.` sort before `/` as text; a folder's files still come before them.
    for name in [
        "a.json",
        "a-b.json",
        "a/x.json",
        "a/b/y.yaml",
        "b.jsonl",
        "c.txt",
    ] {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &minimal).unwrap();
    }
    let root = dir.path().display().to_string();
    let walked: Vec<String> = walk_inputs(std::slice::from_ref(&root), &WalkOptions::default())
        .unwrap()
        .map(|item| item.unwrap().name)
        .collect();
    let relative: Vec<&str> = walked.iter().map(|name| &name[root.len() + 1..]).collect();
    assert_eq!(
        relative,
        ["a/b/y.yaml", "a/x.json", "a-b.json", "a.json", "b.jsonl"]
    );
    // Several paths are gathered and sorted the same way, each file once.
    let a = format!("{root}/a");
    let twice = [a.clone(), root.clone(), format!("{root}/missing.json")];
    let found = find_inputs(&twice, &WalkOptions::default()).unwrap();
    let names: Vec<&str> = found
        .inputs
        .iter()
        .map(|input| input.name.as_str())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.is_sorted_by(|x, y| std::path::Path::new(x) <= std::path::Path::new(y)));
    assert_eq!(found.problems.len(), 1);

    // The walk goes to the batch as it is, with the problems in their places.
    let report =
        Batch::new(Validator::new()).check(walk_inputs(&twice, &WalkOptions::default()).unwrap());
    assert_eq!(report.len(), 6);
    assert_eq!(report.summary(false).unreadable, 1);
    // The copies of one case study name each other, across the folder and the file.
    assert_eq!(report.summary(false).errors, 5, "{report:#?}");
    for file in report.files().filter(|file| file.report().is_some()) {
        let findings = &file.report().unwrap().diagnostics;
        assert_eq!(findings[0].code, RuleCode::DuplicateCaseStudyId, "{file:?}");
        assert_eq!(
            findings[0].message.matches(root.as_str()).count(),
            4,
            "{file:?}"
        );
    }
}

#[cfg(all(feature = "fs", unix))]
#[test]
fn paths_that_cannot_be_used_are_named_as_inputs_are_in_their_places_once() {
    use casebook::batch::{WalkOptions, walk_inputs};

    let dir = tempfile::tempdir().unwrap();
    let minimal = minimal_line();
    let d = dir.path().join("d");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::create_dir_all(dir.path().join("outside")).unwrap();
    std::fs::write(d.join("a.json"), &minimal).unwrap();
    std::fs::write(d.join("c.json"), &minimal).unwrap();
    std::fs::write(d.join("sub/e.json"), &minimal).unwrap();
    std::fs::write(dir.path().join("outside/o.json"), &minimal).unwrap();
    std::os::unix::fs::symlink("missing", d.join("b.json")).unwrap();
    std::os::unix::fs::symlink("../outside", d.join("out")).unwrap();
    // Paths as a user types them, relative to the current folder: the only test of this
    // file that moves it (the others name every file by an absolute path or a text).
    let names = |paths: &[&str]| -> Vec<(String, bool)> {
        let paths: Vec<String> = paths.iter().map(|path| (*path).to_owned()).collect();
        let here = std::env::current_dir().unwrap();
        std::env::set_current_dir(dir.path()).unwrap();
        let found: Vec<(String, bool)> = walk_inputs(&paths, &WalkOptions::default())
            .unwrap()
            .map(|item| match item {
                Ok(input) => (input.name, true),
                Err(problem) => (problem.path, false),
            })
            .collect();
        std::env::set_current_dir(here).unwrap();
        found
    };
    let walked = [
        ("d/a.json".to_owned(), true),
        ("d/b.json".to_owned(), false),
        ("d/c.json".to_owned(), true),
        ("d/out".to_owned(), false),
        ("d/sub/e.json".to_owned(), true),
    ];
    assert_eq!(names(&["./d"]), walked);
    // Given twice, or with a file of its own: the same places, each path once.
    assert_eq!(names(&["./d", "d"]), walked);
    assert_eq!(names(&["./d", "./d/c.json", "d/b.json"]), walked);
    let mut with_missing = walked.to_vec();
    with_missing.insert(0, ("c.json".to_owned(), false));
    assert_eq!(names(&["./d", "./c.json"]), with_missing);
    // A glob is walked from the folders it names, as a shell reads it: `*` within a folder.
    let top = [
        ("d/a.json".to_owned(), true),
        ("d/b.json".to_owned(), false),
        ("d/c.json".to_owned(), true),
    ];
    assert_eq!(names(&["d/*.json"]), top);
    let dotted = names(&["./d/*.json"]);
    assert_eq!(dotted, top);
    let absolute = format!("{}/d/**/*.json", dir.path().display());
    assert_eq!(names(&[absolute.as_str()]).len(), 4);
    assert_eq!(
        names(&["nowhere/*.json"]),
        [("nowhere/*.json".to_owned(), false)]
    );
}

#[cfg(feature = "fs")]
#[test]
fn exclude_patterns_are_read_from_the_configuration_folder() {
    use casebook::batch::{WalkOptions, walk_inputs};

    let dir = tempfile::tempdir().unwrap();
    let drafts = dir.path().join("cs/drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(dir.path().join("cs/a.json"), minimal_line()).unwrap();
    std::fs::write(drafts.join("d.json"), minimal_line()).unwrap();
    let mut options = WalkOptions::default();
    options.exclude = vec!["cs/drafts/**".to_owned()];
    options.base = dir.path().to_owned();
    // The walk starts below the configuration's folder, as from `cs/`.
    let names: Vec<String> = walk_inputs(&[dir.path().join("cs").display().to_string()], &options)
        .unwrap()
        .map(|item| item.unwrap().name)
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].ends_with("cs/a.json"));
}
