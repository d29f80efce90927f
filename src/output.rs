//! Report writers: a [`BatchReport`] in the formats people and CI systems read.
//!
//! Every writer takes the report and any [`std::io::Write`]; none touches the file system,
//! so the WebAssembly build uses them as the command does. Each writes a file's findings
//! as it comes to them, so that what a writer holds is one file's findings, whatever the
//! number of files; the `junit` writer is the exception, since its library builds the
//! whole document before writing it.
//!
//! | format | for |
//! |---|---|
//! | `human` | people: `file:line:col: severity[code]: message (at /pointer)`, coloured on request |
//! | `json` | programs: every file with its findings, and a summary ([`JsonReport`]) |
//! | `github` | GitHub Actions workflow commands, shown on the pull request |
//! | `sarif` | code scanning (SARIF 2.1.0), one rule per code with its help text ([`SarifLog`]) |
//! | `junit` | CI systems that read JUnit XML (with the `junit` feature) |
//!
//! ```
//! use casebook::batch::{Batch, Input, Layout};
//! use casebook::output::{OutputFormat, OutputOptions, write};
//! use casebook::{Format, Validator};
//!
//! let inputs = [Input::text("empty.json", "{}", Layout::Single(Format::Json))];
//! let report = Batch::new(Validator::new()).check(&inputs);
//! let mut out = Vec::new();
//! write(OutputFormat::Github, &report, &OutputOptions::default(), &mut out)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("::error file=empty.json,line=1,col=1,title=missing-key::"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fmt::Write as _;
use std::io::{self, Write};
use std::str::FromStr;

use anstyle::{AnsiColor, Style};
use serde::Serialize;
use serde_json::{Value, json};

use crate::batch::{BatchReport, FileOutcome, FileReport, Findings, OpenedOutcome, Summary};
use crate::validate::{Diagnostic, RuleCode, Severity};

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputFormat {
    /// `file:line:col: severity[code]: message (at /pointer)`, then a summary line.
    Human,
    /// One JSON document: every file with its findings, and a summary.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML, one test case per file.
    #[cfg(feature = "junit")]
    Junit,
}

impl OutputFormat {
    /// Every format of this build.
    pub const ALL: &'static [Self] = &[
        Self::Human,
        Self::Json,
        Self::Github,
        Self::Sarif,
        #[cfg(feature = "junit")]
        Self::Junit,
    ];

    /// The format's name: `human`, `json`, `github`, `sarif`, `junit`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Json => "json",
            Self::Github => "github",
            Self::Sarif => "sarif",
            #[cfg(feature = "junit")]
            Self::Junit => "junit",
        }
    }
}

impl FromStr for OutputFormat {
    type Err = crate::CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|format| format.as_str() == value)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|format| format.as_str()).collect();
                crate::CodeError::new(
                    "output format",
                    value,
                    format!("one of {}", names.join(", ")),
                )
            })
    }
}

/// How to write a report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OutputOptions {
    /// Count warnings as failures.
    pub deny_warnings: bool,
    /// Colour the human format with ANSI escape codes.
    pub color: bool,
    /// Leave out the human format's summary line and valid files' output: findings only.
    pub quiet: bool,
}

/// Writes `report` in `format` to `out`.
///
/// # Errors
///
/// The writer's error.
pub fn write(
    format: OutputFormat,
    report: &BatchReport,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human(report, options, out),
        OutputFormat::Json => write_json(&JsonReport::new(report, options.deny_warnings), out),
        OutputFormat::Github => github(report, options, out),
        OutputFormat::Sarif => write_json(&SarifLog::new(report), out),
        #[cfg(feature = "junit")]
        OutputFormat::Junit => junit(report, options, out),
    }
}

fn write_json(value: &impl Serialize, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Text from a document, made safe for a terminal or a log: control characters are
/// escaped, so a hostile file cannot move the cursor or rewrite the screen.
///
/// ```
/// assert_eq!(casebook::output::printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
/// ```
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

/// The summary line of the human and GitHub formats.
pub fn summary_line(summary: &Summary) -> String {
    let mut line = format!(
        "{} file(s) checked: {} valid, {} invalid; {} error(s), {} warning(s)",
        summary.files, summary.valid, summary.invalid, summary.errors, summary.warnings
    );
    if summary.unreadable > 0 {
        let _ = write!(line, "; {} file(s) could not be read", summary.unreadable);
    }
    if summary.skipped > 0 {
        let _ = write!(
            line,
            "; {} other file(s) skipped: not case studies (no `schema_version`)",
            summary.skipped
        );
    }
    line
}

/// The summary line, unless the output is to be quiet.
fn write_summary(
    report: &BatchReport,
    options: &OutputOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    if options.quiet {
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        summary_line(&report.summary(options.deny_warnings))
    )
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

/// One finding in the human format, without colour: `file:line:col: severity[code]:
/// message (at /pointer)`.
fn human_line(file: &str, finding: &Diagnostic, styles: [Style; 2]) -> String {
    let [bold, colour] = styles;
    format!(
        "{bold}{file}:{}{bold:#} {colour}{}[{}]{colour:#}: {} (at {})",
        position(finding.line, finding.column),
        finding.severity,
        finding.code,
        printable(&finding.message),
        printable(shown_pointer(&finding.pointer)),
    )
}

fn human(report: &BatchReport, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    let style = |style: Style| if options.color { style } else { Style::new() };
    let bold = style(Style::new().bold());
    let red = style(AnsiColor::Red.on_default().bold());
    let yellow = style(AnsiColor::Yellow.on_default().bold());
    for (file, opened) in report.open_files() {
        let name = printable(&file);
        match opened {
            OpenedOutcome::Checked { findings, .. } => {
                for finding in findings {
                    let finding = finding?;
                    let colour = match finding.severity {
                        Severity::Error => red,
                        Severity::Warning => yellow,
                    };
                    writeln!(out, "{}", human_line(&name, &finding, [bold, colour]))?;
                }
            }
            OpenedOutcome::Unreadable(why) => {
                writeln!(
                    out,
                    "{bold}{name}:{bold:#} {red}error{red:#}: {}",
                    printable(&why)
                )?;
            }
        }
    }
    write_summary(report, options, out)
}

/// The report of one file in the JSON format.
#[derive(Debug, Clone, Serialize)]
pub struct JsonFile<'a> {
    /// The file's name.
    pub file: &'a str,
    /// True when the file was read and passes.
    pub valid: bool,
    /// Why the file could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'a str>,
    /// The findings.
    pub diagnostics: &'a [Diagnostic],
}

impl<'a> JsonFile<'a> {
    /// The JSON form of one file's result.
    pub fn new(file: &'a FileReport, deny_warnings: bool) -> Self {
        match &file.outcome {
            FileOutcome::Checked(report) => Self {
                file: &file.file,
                valid: report.passes(deny_warnings),
                error: None,
                diagnostics: &report.diagnostics,
            },
            FileOutcome::Unreadable(why) => Self {
                file: &file.file,
                valid: false,
                error: Some(why),
                diagnostics: &[],
            },
        }
    }
}

/// The JSON format: `files`, each with `file`, `valid` and `diagnostics` (and `error`
/// when it could not be read), a `summary`, and the `code_tables` the checks used.
///
/// The files are written one at a time as they are serialized, never gathered: a report
/// of a million files is written in the memory of one.
#[derive(Debug, Clone, Copy)]
pub struct JsonReport<'a> {
    report: &'a BatchReport,
    deny_warnings: bool,
}

impl<'a> JsonReport<'a> {
    /// The JSON form of a batch's report.
    pub fn new(report: &'a BatchReport, deny_warnings: bool) -> Self {
        Self {
            report,
            deny_warnings,
        }
    }

    /// The `files` of the JSON form, to serialize on their own.
    pub fn files(self) -> JsonFiles<'a> {
        JsonFiles(self)
    }
}

impl Serialize for JsonReport<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut json = serializer.serialize_struct("JsonReport", 3)?;
        json.serialize_field("files", &self.files())?;
        json.serialize_field("summary", &self.report.summary(self.deny_warnings))?;
        json.serialize_field("code_tables", crate::CODE_TABLES_VERSION)?;
        json.end()
    }
}

/// The `files` array of a [`JsonReport`]: each file's [`JsonFile`], serialized in turn.
#[derive(Debug, Clone, Copy)]
pub struct JsonFiles<'a>(JsonReport<'a>);

impl Serialize for JsonFiles<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let JsonReport {
            report,
            deny_warnings,
        } = self.0;
        let mut files = serializer.serialize_seq(Some(report.len()))?;
        for (file, opened) in report.open_files() {
            files.serialize_element(&OpenedJsonFile {
                file: &file,
                deny_warnings,
                opened: std::cell::RefCell::new(Some(opened)),
            })?;
        }
        files.end()
    }
}

/// A file's [`JsonFile`], written as its findings are read: one finding in memory at a
/// time, however many the file has.
struct OpenedJsonFile<'a> {
    file: &'a str,
    deny_warnings: bool,
    /// Taken when written: its findings are read once.
    opened: std::cell::RefCell<Option<OpenedOutcome<'a>>>,
}

impl Serialize for OpenedJsonFile<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // The fields of `JsonFile`, in its order.
        let mut json = serializer.serialize_struct("JsonFile", 4)?;
        json.serialize_field("file", self.file)?;
        let Some(outcome) = self.opened.borrow_mut().take() else {
            return Err(serde::ser::Error::custom("a file's report is written once"));
        };
        json.serialize_field("valid", &outcome.passes(self.deny_warnings))?;
        match outcome {
            OpenedOutcome::Checked { findings, .. } => {
                json.skip_field("error")?;
                let findings = FindingsSeq(std::cell::RefCell::new(findings));
                json.serialize_field("diagnostics", &findings)?;
            }
            OpenedOutcome::Unreadable(why) => {
                json.serialize_field("error", &why)?;
                json.serialize_field("diagnostics", &[] as &[Diagnostic])?;
            }
        }
        json.end()
    }
}

/// Findings serialized as a sequence, one read at a time.
struct FindingsSeq<'a>(std::cell::RefCell<Findings<'a>>);

impl Serialize for FindingsSeq<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        for finding in &mut *self.0.borrow_mut() {
            seq.serialize_element(&*finding.map_err(serde::ser::Error::custom)?)?;
        }
        seq.end()
    }
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

fn github(report: &BatchReport, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    for (file, opened) in report.open_files() {
        let name = github_property(&file);
        match opened {
            OpenedOutcome::Checked { findings, .. } => {
                for finding in findings {
                    let finding = finding?;
                    // Workflow commands are named as the severities are: `error`, `warning`.
                    let mut properties = format!("file={name}");
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
                    writeln!(
                        out,
                        "::{} {properties}::{}",
                        finding.severity.as_str(),
                        github_data(&message)
                    )?;
                }
            }
            OpenedOutcome::Unreadable(why) => writeln!(
                out,
                "::error file={name},title=unreadable::{}",
                github_data(&why)
            )?,
        }
    }
    write_summary(report, options, out)
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

/// A SARIF rule descriptor, from the rule table.
fn sarif_rule(code: RuleCode) -> Value {
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
}

fn sarif_location(file: &str, finding: Option<&Diagnostic>) -> Value {
    let artifact = json!({"uri": uri(file)});
    let Some(finding) = finding else {
        return json!({"physicalLocation": {"artifactLocation": artifact}});
    };
    let physical = match (finding.line, finding.column) {
        (Some(line), Some(column)) => json!({
            "artifactLocation": artifact,
            "region": {"startLine": line, "startColumn": column},
        }),
        (Some(line), None) => json!({"artifactLocation": artifact, "region": {"startLine": line}}),
        _ => json!({"artifactLocation": artifact}),
    };
    json!({
        "physicalLocation": physical,
        "logicalLocations": [{"fullyQualifiedName": shown_pointer(&finding.pointer), "kind": "object"}],
    })
}

/// The SARIF 2.1.0 log of a report: one rule per code of the rule table (and per custom
/// rule that has findings), one result per finding or unreadable file.
pub fn sarif(report: &BatchReport) -> Value {
    // Every key is text and the log has no error of its own: the conversion cannot fail.
    serde_json::to_value(SarifLog::new(report)).unwrap_or_default()
}

/// The SARIF 2.1.0 log of a report, as [`sarif`] makes it, serialized one result at a
/// time: what the `sarif` format writes, in the memory of one file's findings.
#[derive(Debug, Clone, Copy)]
pub struct SarifLog<'a> {
    report: &'a BatchReport,
}

impl<'a> SarifLog<'a> {
    /// The log of `report`.
    pub fn new(report: &'a BatchReport) -> Self {
        Self { report }
    }
}

impl Serialize for SarifLog<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // The rules come before the results, and a custom rule is listed once it has a
        // finding: the files are read twice.
        let mut codes: Vec<RuleCode> = RuleCode::ALL.to_vec();
        for (_, opened) in self.report.open_files() {
            if let OpenedOutcome::Checked { findings, .. } = opened {
                for finding in findings {
                    let code = finding.map_err(serde::ser::Error::custom)?.code;
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
        }
        let rules: Vec<Value> = codes.iter().copied().map(sarif_rule).collect();
        let run = SarifRun {
            tool: json!({"driver": {
                "name": "casebook",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://docs.rs/casebook",
                "rules": rules,
            }}),
            results: SarifResults {
                report: self.report,
                codes: &codes,
            },
        };
        let mut log = serializer.serialize_map(Some(3))?;
        log.serialize_entry("$schema", "https://json.schemastore.org/sarif-2.1.0.json")?;
        log.serialize_entry("version", "2.1.0")?;
        log.serialize_entry("runs", &[run])?;
        log.end()
    }
}

struct SarifRun<'a> {
    tool: Value,
    results: SarifResults<'a>,
}

impl Serialize for SarifRun<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut run = serializer.serialize_map(Some(3))?;
        run.serialize_entry("tool", &self.tool)?;
        run.serialize_entry("columnKind", "unicodeCodePoints")?;
        run.serialize_entry("results", &self.results)?;
        run.end()
    }
}

struct SarifResults<'a> {
    report: &'a BatchReport,
    codes: &'a [RuleCode],
}

impl Serialize for SarifResults<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut results = serializer.serialize_seq(None)?;
        for (file, opened) in self.report.open_files() {
            match opened {
                OpenedOutcome::Checked { findings, .. } => {
                    for finding in findings {
                        let finding = finding.map_err(serde::ser::Error::custom)?;
                        let index = self.codes.iter().position(|code| *code == finding.code);
                        results.serialize_element(&json!({
                            "ruleId": finding.code.as_str(),
                            "ruleIndex": index,
                            "level": finding.severity.as_str(),
                            "message": {"text": finding.message},
                            "locations": [sarif_location(&file, Some(&finding))],
                        }))?;
                    }
                }
                OpenedOutcome::Unreadable(why) => results.serialize_element(&json!({
                    "ruleId": RuleCode::Syntax.as_str(),
                    "level": "error",
                    "message": {"text": why},
                    "locations": [sarif_location(&file, None)],
                }))?,
            }
        }
        results.end()
    }
}

#[cfg(feature = "junit")]
fn junit(report: &BatchReport, options: &OutputOptions, out: &mut dyn Write) -> io::Result<()> {
    use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

    let mut suite = TestSuite::new("casebook validate");
    for file in report.files() {
        let status = match &file.outcome {
            FileOutcome::Checked(checked) if checked.passes(options.deny_warnings) => {
                TestCaseStatus::success()
            }
            FileOutcome::Checked(checked) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_message(format!(
                    "{} error(s), {} warning(s)",
                    checked.errors().count(),
                    checked.warnings().count()
                ));
                let plain = [Style::new(), Style::new()];
                let lines: Vec<String> = checked
                    .diagnostics
                    .iter()
                    .map(|finding| human_line(&file.file, finding, plain))
                    .collect();
                // XML 1.0 cannot hold most control characters.
                status.set_description(printable(&lines.join("\n")).replace("\\n", "\n"));
                status
            }
            FileOutcome::Unreadable(why) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(printable(why));
                status
            }
        };
        let mut case = TestCase::new(file.file.as_str(), status);
        case.set_classname("casebook");
        suite.add_test_case(case);
    }
    let mut xml = quick_junit::Report::new("casebook");
    xml.add_test_suite(suite);
    xml.serialize(&mut *out).map_err(io::Error::other)?;
    writeln!(out)
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
}
