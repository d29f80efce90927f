//! The report of a run, in the formats people and CI systems read.

use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use casebook::{RuleCode, Severity};
use clap::ValueEnum;
use serde_json::{Value, json};

use super::check::{Checked, Outcome};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `file:line:col: severity[code]: message (at /pointer)`, coloured on a terminal.
    Human,
    /// One JSON document: every file with its findings, and a summary.
    Json,
    /// GitHub Actions workflow commands, so findings show on the pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML, one test case per file.
    Junit,
}

/// Totals over a run.
pub struct Summary {
    pub documents: usize,
    pub valid: usize,
    pub errors: usize,
    pub warnings: usize,
    pub unreadable: usize,
}

impl Summary {
    pub fn of(checked: &[Checked], deny_warnings: bool) -> Self {
        let reports = checked.iter().filter_map(Checked::report);
        let (errors, warnings) = reports.fold((0, 0), |(e, w), report| {
            (e + report.errors().count(), w + report.warnings().count())
        });
        Self {
            documents: checked.len(),
            valid: checked.iter().filter(|c| c.passes(deny_warnings)).count(),
            errors,
            warnings,
            unreadable: checked.iter().filter(|c| c.report().is_none()).count(),
        }
    }

    fn line(&self) -> String {
        let mut line = format!(
            "{} file(s) checked: {} valid, {} invalid; {} error(s), {} warning(s)",
            self.documents,
            self.valid,
            self.documents - self.valid - self.unreadable,
            self.errors,
            self.warnings
        );
        if self.unreadable > 0 {
            let _ = write!(line, "; {} file(s) could not be read", self.unreadable);
        }
        line
    }
}

/// Text from a document, made safe for a terminal or a log: control characters are
/// escaped, so a hostile file cannot move the cursor or rewrite the screen.
pub fn printable(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            safe.extend(c.escape_default());
        } else {
            safe.push(c);
        }
    }
    safe
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("{line}:{column}:"),
        (Some(line), None) => format!("{line}:"),
        _ => String::new(),
    }
}

fn shown_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// Writes the report in `format`.
pub fn write(
    format: OutputFormat,
    checked: &[Checked],
    deny_warnings: bool,
) -> std::io::Result<()> {
    let summary = Summary::of(checked, deny_warnings);
    match format {
        OutputFormat::Human => human(checked, &summary),
        OutputFormat::Json => print(&json_report(checked, &summary, deny_warnings)),
        OutputFormat::Github => github(checked, &summary),
        OutputFormat::Sarif => print(&sarif(checked)),
        OutputFormat::Junit => junit(checked, deny_warnings),
    }
}

fn print(value: &Value) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

fn human(checked: &[Checked], summary: &Summary) -> std::io::Result<()> {
    // anstream drops the colours when stdout is not a terminal or NO_COLOR is set.
    let mut out = anstream::stdout().lock();
    let bold = Style::new().bold();
    for document in checked {
        let file = printable(&document.file);
        match &document.outcome {
            Outcome::Checked(report) => {
                for finding in &report.diagnostics {
                    let colour = match finding.severity {
                        Severity::Error => AnsiColor::Red.on_default().bold(),
                        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
                    };
                    writeln!(
                        out,
                        "{bold}{file}:{}{bold:#} {colour}{}[{}]{colour:#}: {} (at {})",
                        position(finding.line, finding.column),
                        finding.severity,
                        finding.code,
                        printable(&finding.message),
                        printable(shown_pointer(&finding.pointer)),
                    )?;
                }
            }
            Outcome::Unreadable(why) => {
                let red = AnsiColor::Red.on_default().bold();
                writeln!(
                    anstream::stderr(),
                    "{red}casebook:{red:#} {}",
                    printable(why)
                )?;
            }
        }
    }
    writeln!(out, "{}", summary.line())
}

fn json_report(checked: &[Checked], summary: &Summary, deny_warnings: bool) -> Value {
    let files: Vec<Value> = checked
        .iter()
        .map(|document| match &document.outcome {
            Outcome::Checked(report) => json!({
                "file": document.file,
                "valid": document.passes(deny_warnings),
                "diagnostics": report.diagnostics,
            }),
            Outcome::Unreadable(why) => json!({
                "file": document.file,
                "valid": false,
                "error": why,
                "diagnostics": [],
            }),
        })
        .collect();
    json!({
        "files": files,
        "summary": {
            "files": summary.documents,
            "valid": summary.valid,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
        "code_tables": casebook::CODE_TABLES_VERSION,
    })
}

/// Escapes the message of a workflow command.
fn github_data(text: &str) -> String {
    // Line breaks are the format's own escapes; other control characters are escaped too,
    // since the log that shows them renders terminal sequences.
    printable(
        &text
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A"),
    )
}

/// Escapes a property of a workflow command.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(checked: &[Checked], summary: &Summary) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for document in checked {
        let file = github_property(&document.file);
        match &document.outcome {
            Outcome::Checked(report) => {
                for finding in &report.diagnostics {
                    // Workflow commands are named as the severities are: `error`, `warning`.
                    let command = finding.severity.as_str();
                    let mut properties = format!("file={file}");
                    if let Some(line) = finding.line {
                        let _ = write!(properties, ",line={line}");
                    }
                    if let Some(column) = finding.column {
                        let _ = write!(properties, ",col={column}");
                    }
                    let _ = write!(
                        properties,
                        ",title={}",
                        github_property(finding.code.as_str())
                    );
                    let message = format!(
                        "{} (at {})",
                        finding.message,
                        shown_pointer(&finding.pointer)
                    );
                    writeln!(out, "::{command} {properties}::{}", github_data(&message))?;
                }
            }
            Outcome::Unreadable(why) => writeln!(
                out,
                "::error file={file},title=unreadable::{}",
                github_data(why)
            )?,
        }
    }
    writeln!(out, "{}", summary.line())
}

/// A path as a relative URI reference: forward slashes, unsafe characters escaped.
fn uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

fn sarif(checked: &[Checked]) -> Value {
    let rules: Vec<Value> = RuleCode::ALL
        .iter()
        .map(|code| {
            let explanation = code.explanation();
            json!({
                "id": code.as_str(),
                "shortDescription": {"text": code.summary()},
                "fullDescription": {"text": explanation.why},
                "help": {
                    "text": format!("{}\n\nProblem:\n{}\n\nFix:\n{}", explanation.why, explanation.problem, explanation.fix),
                    "markdown": format!(
                        "{}\n\nProblem:\n```yaml\n{}\n```\n\nFix:\n```yaml\n{}\n```",
                        explanation.why, explanation.problem, explanation.fix
                    ),
                },
                "defaultConfiguration": {"level": code.default_severity().as_str()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for document in checked {
        let location = |line: Option<usize>, column: Option<usize>, pointer: Option<&str>| {
            let region = match (line, column) {
                (Some(line), Some(column)) => {
                    Some(json!({"startLine": line, "startColumn": column}))
                }
                (Some(line), None) => Some(json!({"startLine": line})),
                _ => None,
            };
            let artifact = json!({"uri": uri(&document.file)});
            let physical = match region {
                Some(region) => json!({"artifactLocation": artifact, "region": region}),
                None => json!({"artifactLocation": artifact}),
            };
            match pointer {
                Some(pointer) => json!({
                    "physicalLocation": physical,
                    "logicalLocations": [{"fullyQualifiedName": shown_pointer(pointer), "kind": "object"}],
                }),
                None => json!({"physicalLocation": physical}),
            }
        };
        match &document.outcome {
            Outcome::Checked(report) => {
                for finding in &report.diagnostics {
                    let index = RuleCode::ALL.iter().position(|code| *code == finding.code);
                    results.push(json!({
                        "ruleId": finding.code.as_str(),
                        "ruleIndex": index,
                        "level": finding.severity.as_str(),
                        "message": {"text": finding.message},
                        "locations": [location(finding.line, finding.column, Some(&finding.pointer))],
                    }));
                }
            }
            Outcome::Unreadable(why) => results.push(json!({
                "ruleId": RuleCode::Syntax.as_str(),
                "level": "error",
                "message": {"text": why},
                "locations": [location(None, None, None)],
            })),
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "casebook",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/casebook",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn junit(checked: &[Checked], deny_warnings: bool) -> std::io::Result<()> {
    use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

    let mut suite = TestSuite::new("casebook validate");
    for document in checked {
        let status = match &document.outcome {
            Outcome::Checked(report) if report.passes(deny_warnings) => TestCaseStatus::success(),
            Outcome::Checked(report) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(format!(
                    "{} error(s), {} warning(s)",
                    report.errors().count(),
                    report.warnings().count()
                ));
                let lines: Vec<String> = report
                    .diagnostics
                    .iter()
                    .map(|finding| {
                        format!(
                            "{}:{} {}[{}]: {} (at {})",
                            document.file,
                            position(finding.line, finding.column).trim_end_matches(':'),
                            finding.severity,
                            finding.code,
                            finding.message,
                            shown_pointer(&finding.pointer)
                        )
                    })
                    .collect();
                // XML 1.0 cannot hold most control characters.
                status.set_description(printable(&lines.join("\n")).replace("\\n", "\n"));
                status
            }
            Outcome::Unreadable(why) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(why.clone());
                status
            }
        };
        let mut case = TestCase::new(document.file.as_str(), status);
        case.set_classname("casebook");
        suite.add_test_case(case);
    }
    let mut report = Report::new("casebook");
    report.add_test_suite(suite);
    let xml = report.to_string().map_err(std::io::Error::other)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{xml}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes_data_and_properties() {
        assert_eq!(github_data("50%\r\nnext"), "50%25%0D%0Anext");
        assert_eq!(github_data("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn uris_are_relative_references() {
        assert_eq!(uri("data/a b.yaml"), "data/a%20b.yaml");
        assert_eq!(uri("data\\x.json"), "data/x.json");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
    }
}
