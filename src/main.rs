//! The `casebook` command: checks case-study files.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook::{Profile, Report, Validator};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;

/// Check innovation-cooperation case studies written in JSON, YAML or TOML.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check case-study files and report every finding.
    ///
    /// Exit status: 0 when every file is valid (warnings allowed unless --deny-warnings),
    /// 1 when a file has an error, 2 for a usage error or a file that cannot be read.
    Validate {
        /// Files to check (.json, .yaml, .yml, .toml).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Add a programme profile's checks.
        #[arg(long, value_parser = parse_profile)]
        profile: Option<Profile>,
        /// Treat warnings as errors for the exit status.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Print the JSON Schema (draft 2020-12) of the format, or write it to a file.
    Schema {
        /// Write the schema to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// `file:line:col: severity[code]: message (at /pointer)`, then a summary.
    Human,
    /// One JSON document with every file's findings and a summary.
    Json,
}

fn parse_profile(value: &str) -> Result<Profile, String> {
    value
        .parse()
        .map_err(|error: casebook::CodeError| error.to_string())
}

/// What became of one file.
struct Checked {
    file: PathBuf,
    /// The report, or why the file could not be read.
    outcome: Result<Report, casebook::Error>,
}

impl Checked {
    fn passes(&self, deny_warnings: bool) -> bool {
        self.outcome
            .as_ref()
            .is_ok_and(|report| report.passes(deny_warnings))
    }
}

/// Text from a document, made safe for a terminal: control characters are escaped so a
/// hostile file cannot rewrite the screen.
fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

fn print_human(checked: &[Checked], deny_warnings: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let (mut errors, mut warnings, mut valid) = (0, 0, 0);
    for file in checked {
        let name = printable(&file.file.display().to_string());
        match &file.outcome {
            Ok(report) => {
                for finding in &report.diagnostics {
                    let position = match (finding.line, finding.column) {
                        (Some(line), Some(column)) => format!("{line}:{column}:"),
                        _ => String::new(),
                    };
                    let pointer = if finding.pointer.is_empty() {
                        "/"
                    } else {
                        &finding.pointer
                    };
                    writeln!(
                        out,
                        "{name}:{position} {}[{}]: {} (at {})",
                        finding.severity,
                        finding.code,
                        printable(&finding.message),
                        printable(pointer)
                    )?;
                }
                errors += report.errors().count();
                warnings += report.warnings().count();
            }
            Err(error) => eprintln!("casebook: {}", printable(&error.to_string())),
        }
        valid += usize::from(file.passes(deny_warnings));
    }
    let unreadable = checked.iter().filter(|file| file.outcome.is_err()).count();
    let mut summary = format!(
        "{} file(s) checked: {valid} valid, {} invalid; {errors} error(s), {warnings} warning(s)",
        checked.len(),
        checked.len() - valid - unreadable
    );
    if unreadable > 0 {
        summary.push_str(&format!("; {unreadable} file(s) could not be read"));
    }
    writeln!(out, "{summary}")
}

fn print_json(checked: &[Checked], deny_warnings: bool) -> std::io::Result<()> {
    let files: Vec<serde_json::Value> = checked
        .iter()
        .map(|file| {
            let name = file.file.display().to_string();
            match &file.outcome {
                Ok(report) => json!({
                    "file": name,
                    "valid": report.passes(deny_warnings),
                    "diagnostics": report.diagnostics,
                }),
                Err(error) => json!({
                    "file": name,
                    "valid": false,
                    "error": error.to_string(),
                    "diagnostics": [],
                }),
            }
        })
        .collect();
    let reports = checked.iter().filter_map(|file| file.outcome.as_ref().ok());
    let (errors, warnings) = reports.fold((0, 0), |(e, w), report| {
        (e + report.errors().count(), w + report.warnings().count())
    });
    let document = json!({
        "files": files,
        "summary": {
            "files": checked.len(),
            "valid": checked.iter().filter(|file| file.passes(deny_warnings)).count(),
            "errors": errors,
            "warnings": warnings,
        },
        "code_tables": casebook::CODE_TABLES_VERSION,
    });
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &document)?;
    writeln!(out)
}

fn validate(
    files: Vec<PathBuf>,
    format: OutputFormat,
    profile: Option<Profile>,
    deny_warnings: bool,
) -> ExitCode {
    let mut validator = Validator::new();
    if let Some(profile) = profile {
        validator = validator.with_profile(profile);
    }
    let checked: Vec<Checked> = files
        .into_iter()
        .map(|file| Checked {
            outcome: validator.validate_path(&file),
            file,
        })
        .collect();
    let printed = match format {
        OutputFormat::Human => print_human(&checked, deny_warnings),
        OutputFormat::Json => print_json(&checked, deny_warnings),
    };
    if let Err(error) = printed {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("casebook: cannot write the report: {error}");
        }
        return ExitCode::from(2);
    }
    if checked.iter().any(|file| file.outcome.is_err()) {
        ExitCode::from(2)
    } else if checked.iter().all(|file| file.passes(deny_warnings)) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn schema(out: Option<PathBuf>) -> ExitCode {
    let text = casebook::schema_json();
    let written = match &out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|error| format!("cannot write the schema: {error}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("casebook: {message}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Schema { out } => schema(out),
        Command::Validate {
            files,
            format,
            profile,
            deny_warnings,
        } => validate(files, format, profile, deny_warnings),
    }
}
