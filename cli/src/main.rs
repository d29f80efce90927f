//! The `casebook` command: checks, renders, converts and counts case-study files.
//!
//! Everything it does with documents is the library's (`casebook::batch` reads and checks,
//! `casebook::output` writes reports); this crate parses arguments and the configuration,
//! and turns outcomes into exit statuses: 0 when everything passes, 1 when a document has
//! an error (or is skipped), 2 for a usage error or a file that cannot be read.

// No panics on any input: these are denied outside tests.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use casebook::batch::{
    Batch, BatchReport, InputWalk, Layout, OpenedOutcome, WalkOptions, walk_inputs,
};
use casebook::output::{OutputFormat, OutputOptions, printable};
use casebook::render::PageFormat;
use casebook::{Format, Level, Profile, RuleCode, Severity, Validator};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod config;

/// The documents' many small strings and maps make the allocator a quarter of a check's
/// time under the system's; mimalloc takes about half as long (measured in
/// `benches/README.md`). The library leaves the choice to its users.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Check, render, convert and count innovation-cooperation case studies written in JSON,
/// YAML or TOML.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The paths to work on, and how to find and read them.
#[derive(Debug, clap::Args)]
struct PathArgs {
    /// Files, folders (walked; .gitignore respected), glob patterns, or `-` for standard
    /// input. None: the `include` patterns of casebook.toml, or the current folder.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// The format of standard input (`-`): one document, or `jsonl` for one JSON
    /// document a line.
    #[arg(long, value_enum)]
    input_format: Option<InputChoice>,
    /// The configuration file (default: casebook.toml here or in a folder above).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The largest file read, in bytes (suffixes K or KB, M or MB, G or GB for powers of
    /// 1,000; KiB, MiB, GiB for powers of 1,024); larger files are reported, not read.
    /// Default 16 MiB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_file_size: Option<u64>,
    /// How many bytes of findings are held in memory (suffixes as for --max-file-size);
    /// the findings of the files after them go to an anonymous temporary file in TMPDIR,
    /// removed at the end. Default 4 MiB; a size above the findings keeps them all in
    /// memory, 0 sends them all to the file.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    findings_in_memory: Option<u64>,
    /// How many threads check files (default: one per core; at most four per core are
    /// started).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Check only files that declare themselves case studies (a `schema_version`, or
    /// casebook's `$schema`), even when named; others are skipped and counted. Always so
    /// when no path and no `include` is given.
    #[arg(long)]
    case_studies_only: bool,
    /// Add a programme profile's checks (repeatable): `iuc`.
    #[arg(long = "profile", value_name = "NAME", value_parser = parse_profile)]
    profiles: Vec<Profile>,
    /// Change a rule's severity: CODE=error|warning|off (repeatable). The structural
    /// rules' severity is fixed.
    #[arg(long = "rule", value_name = "CODE=LEVEL", value_parser = parse_rule)]
    rules: Vec<(RuleCode, Level)>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check case-study files and report every finding.
    ///
    /// Exit status: 0 when every file is valid (warnings allowed unless --deny-warnings),
    /// 1 when a file has an error, 2 for a usage error or a file that cannot be read.
    Validate {
        #[command(flatten)]
        paths: PathArgs,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = ReportChoice::Human)]
        format: ReportChoice,
        /// Treat warnings as errors for the exit status.
        #[arg(long)]
        deny_warnings: bool,
        /// Print the findings only, without the summary line.
        #[arg(long, short)]
        quiet: bool,
        /// When to colour the human format.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Render a case study as a readable page in the IUC layout.
    Render {
        /// The case study.
        file: PathBuf,
        /// The page format.
        #[arg(long, value_enum, default_value_t = PageChoice::Markdown)]
        to: PageChoice,
        /// Write the page to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Render in this language (ISO 639-1), using the document's `translations` where
        /// they give a text; the document's own language when absent.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// The largest file read, in bytes (suffixes as for `validate --max-file-size`).
        /// Default 16 MiB.
        #[arg(long, value_name = "SIZE", value_parser = parse_size)]
        max_file_size: Option<u64>,
    },
    /// Count case studies by country, world region, topic, SDG, funding and start year.
    ///
    /// Exit status: 0 when every document was counted, 1 when a document was skipped
    /// because it does not read as a case study, 2 for a usage error or a file that cannot
    /// be read.
    Stats {
        #[command(flatten)]
        paths: PathArgs,
        /// How to print the counts.
        #[arg(long, value_enum, default_value_t = StatsChoice::Human)]
        format: StatsChoice,
    },
    /// Write flat tables for analysis (CSV, Parquet or JSON Lines): one file per table in
    /// a folder, every collection of the format a table keyed by case study and entry.
    ///
    /// Every document that reads as a case study is exported, with or without findings,
    /// unless --valid-only; docs/tables.md lists the tables and their columns. Exit status:
    /// 0 when every file is valid, 1 when a file has an error (its tables are still written
    /// unless --valid-only) or does not read as a case study, 2 for a usage error, a file
    /// that cannot be read, or a table that cannot be written.
    Export {
        #[command(flatten)]
        paths: PathArgs,
        /// The table format.
        #[arg(long, value_enum)]
        to: TableChoice,
        /// The folder to write the tables into (created when missing; tables of the same
        /// name in it are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Export only documents with no error of their own.
        #[arg(long)]
        valid_only: bool,
    },
    /// Convert a case study to JSON, YAML or TOML, losing nothing.
    Convert {
        /// The case study.
        file: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        to: SyntaxChoice,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The largest file read, in bytes (suffixes as for `validate --max-file-size`).
        /// Default 16 MiB.
        #[arg(long, value_name = "SIZE", value_parser = parse_size)]
        max_file_size: Option<u64>,
    },
    /// Set `schema_version` to the newest format version this casebook knows, changing
    /// nothing else in the file (quotes, comments and order are kept).
    Upgrade {
        /// The case-study files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing; exit 1 when a file would change.
        #[arg(long)]
        check: bool,
    },
    /// Start a new case study from a commented YAML template.
    Init {
        /// Where to write it (default: standard output). An existing file is not overwritten.
        file: Option<PathBuf>,
    },
    /// List the rules with their codes, kinds and default severities.
    Rules,
    /// Explain a rule, with an example of the problem and of the fix.
    Explain {
        /// A rule code, such as `unknown-reference`.
        code: String,
    },
    /// Print the JSON Schema (draft 2020-12) of the format, or write it to a file.
    Schema {
        /// Write the schema to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a folder.
    ///
    /// The main page lists `casebook-validate(1)` and the others; `--out DIR` writes them
    /// all: casebook.1, casebook-validate.1, ...
    Man {
        /// Write casebook.1 and a page per command into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SyntaxChoice {
    Json,
    Yaml,
    Toml,
}

impl From<SyntaxChoice> for Format {
    fn from(choice: SyntaxChoice) -> Self {
        match choice {
            SyntaxChoice::Json => Self::Json,
            SyntaxChoice::Yaml => Self::Yaml,
            SyntaxChoice::Toml => Self::Toml,
        }
    }
}

/// How standard input is written: one document in a syntax, or JSON Lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputChoice {
    Json,
    Yaml,
    Toml,
    /// One JSON document a line.
    Jsonl,
}

impl From<InputChoice> for Layout {
    fn from(choice: InputChoice) -> Self {
        match choice {
            InputChoice::Json => Self::Single(Format::Json),
            InputChoice::Yaml => Self::Single(Format::Yaml),
            InputChoice::Toml => Self::Single(Format::Toml),
            InputChoice::Jsonl => Self::JsonLines,
        }
    }
}

/// The report formats; each is the library's format of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportChoice {
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

impl From<ReportChoice> for OutputFormat {
    fn from(choice: ReportChoice) -> Self {
        match choice {
            ReportChoice::Human => Self::Human,
            ReportChoice::Json => Self::Json,
            ReportChoice::Github => Self::Github,
            ReportChoice::Sarif => Self::Sarif,
            ReportChoice::Junit => Self::Junit,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PageChoice {
    Markdown,
    Html,
}

/// The table formats of `export`; each is the library's format of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableChoice {
    Csv,
    Parquet,
    Jsonl,
}

impl From<TableChoice> for casebook::export::ExportFormat {
    fn from(choice: TableChoice) -> Self {
        match choice {
            TableChoice::Csv => Self::Csv,
            TableChoice::Parquet => Self::Parquet,
            TableChoice::Jsonl => Self::JsonLines,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsChoice {
    Human,
    Json,
    Csv,
}

fn parse_profile(value: &str) -> Result<Profile, casebook::CodeError> {
    value.parse()
}

fn parse_rule(value: &str) -> anyhow::Result<(RuleCode, Level)> {
    let (code, level) = value
        .split_once('=')
        .context("expected CODE=LEVEL, such as event-before-start=error")?;
    let code: RuleCode = code.parse()?;
    if !code.is_adjustable() {
        return Err(casebook::validate::LevelError { code }.into());
    }
    Ok((code, level.parse()?))
}

fn parse_size(given: &str) -> anyhow::Result<u64> {
    let value = given.trim();
    let split = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: u64 = match number.parse() {
        Ok(number) => number,
        Err(_) if !number.is_empty() => bail!("size {given:?} is too large"),
        Err(_) => {
            bail!("invalid size {given:?}: expected a number of bytes, such as 16MiB")
        }
    };
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "KB" => 1_000,
        "KiB" => 1 << 10,
        "M" | "MB" => 1_000_000,
        "MiB" => 1 << 20,
        "G" | "GB" => 1_000_000_000,
        "GiB" => 1 << 30,
        _ => bail!("invalid size unit {unit:?}: use B, K, KB, M, MB, G, GB, KiB, MiB or GiB"),
    };
    number
        .checked_mul(factor)
        .with_context(|| format!("size {given:?} is too large"))
}

/// Writes to standard error; a closed or full standard error is not worth a panic. The
/// operating system's error numbers (" (os error 2)") are left out.
fn say(message: impl std::fmt::Display) {
    let mut text = message.to_string();
    while let Some(start) = text.find(" (os error ") {
        match text.get(start..).and_then(|rest| rest.find(')')) {
            Some(end) => text.replace_range(start..start + end + 1, ""),
            None => break,
        }
    }
    let _ = writeln!(std::io::stderr(), "casebook: {}", printable(&text));
}

/// An error and its causes, each cause left out when the message before it already says
/// it (this crate's errors name their source in their own message).
fn chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    text
}

/// What a command's output could not do: a broken pipe ends the output quietly (the
/// reader has what it wanted), anything else is an error.
fn written(result: std::io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the output"),
    }
}

/// Writes `write` to standard output, buffered, or to a file.
fn emit(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            let mut buffer = Vec::new();
            write(&mut buffer)?;
            std::fs::write(path, buffer).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
            written(write(&mut stdout).and_then(|()| stdout.flush()))
        }
    }
}

/// The batch the path arguments and the configuration describe, and the walk that finds
/// its inputs as they are checked (with the paths that could not be used, which go into
/// the report as files that could not be read).
fn prepare(args: &PathArgs, progress: bool) -> anyhow::Result<(Batch, InputWalk, config::Config)> {
    let config = config::load(args.config.as_deref())?;
    let mut validator = Validator::new();
    for profile in config
        .profiles()?
        .into_iter()
        .chain(args.profiles.iter().cloned())
    {
        validator = validator.with_profile(profile);
    }
    for (code, level) in config
        .rules()?
        .into_iter()
        .chain(args.rules.iter().copied())
    {
        validator = validator.with_level(code, level)?;
    }
    let mut walk = WalkOptions::default();
    walk.include = config.include.clone();
    walk.exclude = config.exclude.clone();
    walk.base = config.directory.clone();
    walk.stdin_layout = args.input_format.map(Layout::from);
    walk.case_studies_only = args.case_studies_only;
    let found = walk_inputs(&args.paths, &walk)?;
    let mut batch = Batch::new(validator).max_file_size(
        args.max_file_size
            .or(config.max_file_size)
            .unwrap_or(casebook::batch::DEFAULT_MAX_FILE_SIZE),
    );
    if let Some(threads) = args.threads {
        batch = batch.threads(usize::from(threads));
    }
    if let Some(bytes) = args.findings_in_memory {
        batch = batch.findings_in_memory(usize::try_from(bytes).unwrap_or(usize::MAX));
    }
    if progress && std::io::stderr().is_terminal() {
        // The walk is not done before the checks start, so the count has no total; it
        // shows only once a run is long enough to wait for.
        let bar = indicatif::ProgressBar::hidden().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} files checked")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        batch = batch.on_progress(move || {
            bar.inc(1);
            if bar.position() >= 300 && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        });
    }
    Ok((batch, found, config))
}

fn any_unreadable(report: &BatchReport) -> bool {
    report.summary(false).unreadable > 0
}

fn validate(
    paths: &PathArgs,
    format: ReportChoice,
    deny_warnings: bool,
    quiet: bool,
    color: ColorChoice,
) -> anyhow::Result<ExitCode> {
    let (batch, inputs, config) = prepare(paths, format == ReportChoice::Human)?;
    let mut options = OutputOptions::default();
    options.deny_warnings = deny_warnings || config.deny_warnings;
    options.quiet = quiet;
    options.color = match color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !matches!(
            anstream::AutoStream::choice(&std::io::stdout()),
            anstream::ColorChoice::Never
        ),
    };
    let report = batch.check(inputs);
    emit(None, |out| {
        casebook::output::write(format.into(), &report, &options, out)
    })?;
    Ok(if any_unreadable(&report) {
        ExitCode::from(2)
    } else if report.passes(options.deny_warnings) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The documents a file's findings are about, counted as the findings come in line order:
/// in a `.jsonl` file, a new line is another document.
#[derive(Default)]
struct Documents {
    count: usize,
    last_line: Option<usize>,
}

impl Documents {
    fn add(&mut self, finding: &casebook::Diagnostic) {
        if self.count == 0 || finding.line != self.last_line {
            self.count += 1;
            self.last_line = finding.line;
        }
    }
}

/// True when the input named `file` is read as JSON Lines.
fn is_json_lines(paths: &PathArgs, file: &str) -> bool {
    match file {
        "-" => paths.input_format == Some(InputChoice::Jsonl),
        name => Layout::of(Path::new(name)) == Some(Layout::JsonLines),
    }
}

fn stats(paths: &PathArgs, format: StatsChoice) -> anyhow::Result<ExitCode> {
    let (batch, inputs, _) = prepare(paths, false)?;
    let (report, stats) = batch.stats(inputs);
    let mut skipped = false;
    // A file's findings are read one at a time: a `.jsonl` file may have millions.
    for (file, outcome) in report.open_files() {
        let findings = match outcome {
            OpenedOutcome::Checked { findings, .. } => findings,
            OpenedOutcome::Unreadable(why) => {
                say(format_args!("{file}: {why}"));
                continue;
            }
            _ => continue,
        };
        // A `.jsonl` file's documents are skipped one by one, each on its line.
        let json_lines = is_json_lines(paths, &file);
        let (mut documents, mut first) = (Documents::default(), None);
        for finding in findings {
            let finding = finding?;
            if finding.severity != Severity::Error || !finding.code.is_structural() {
                continue;
            }
            documents.add(&finding);
            first.get_or_insert(finding);
            if !json_lines {
                break;
            }
        }
        let Some(first) = first else {
            continue;
        };
        skipped = true;
        let run_validate = "run `casebook validate` for every finding";
        match (json_lines, documents.count) {
            (false, _) => say(format_args!(
                "{file}: skipped, not a readable case study: {first}; {run_validate}"
            )),
            (true, 1) => say(format_args!(
                "{file}: 1 document skipped, not a readable case study: {first}; {run_validate}"
            )),
            (true, _) => say(format_args!(
                "{file}: {} documents skipped, not readable case studies; the first: {first}; {run_validate}",
                documents.count
            )),
        }
    }
    let text = match format {
        StatsChoice::Csv => stats.to_csv(),
        StatsChoice::Json => serde_json::to_string_pretty(&stats)? + "\n",
        StatsChoice::Human => stats.to_text(),
    };
    emit(None, |out| out.write_all(text.as_bytes()))?;
    Ok(if any_unreadable(&report) {
        ExitCode::from(2)
    } else if skipped {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn export(
    paths: &PathArgs,
    to: TableChoice,
    out: &Path,
    valid_only: bool,
) -> anyhow::Result<ExitCode> {
    let (batch, inputs, _) = prepare(paths, true)?;
    let mut exporter = casebook::export::Exporter::create(out, to.into())?;
    let report = batch.export(inputs, &mut exporter, valid_only);
    let summary = exporter.finish();
    let (report, summary) = match (report, summary) {
        (Ok(report), Ok(summary)) => (report, summary),
        (Err(error), _) | (_, Err(error)) => {
            say(error);
            return Ok(ExitCode::from(2));
        }
    };
    for (file, outcome) in report.open_files() {
        match outcome {
            OpenedOutcome::Unreadable(why) => say(format_args!("{file}: {why}")),
            OpenedOutcome::Checked { findings, .. } => {
                // Errors across files are found after the rows are written: they never
                // hold a document back, and the message says which happened.
                let (mut own, mut across) = (0, 0);
                // The documents with errors of their own.
                let mut documents = Documents::default();
                for finding in findings {
                    let finding = finding?;
                    if finding.severity != Severity::Error {
                        continue;
                    }
                    match finding.code.kind() {
                        casebook::validate::RuleKind::CrossFile => across += 1,
                        _ => {
                            documents.add(&finding);
                            own += 1;
                        }
                    }
                }
                let count =
                    |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
                // Of a `.jsonl` file, only the documents with errors are held back.
                let own_errors = if is_json_lines(paths, &file) {
                    format!(
                        "{} in {}",
                        count(own, "error"),
                        count(documents.count, "document")
                    )
                } else {
                    count(own, "error")
                };
                let what = match (own, across, valid_only) {
                    (0, 0, _) => continue,
                    (0, across, _) => {
                        format!("{} across files (exported)", count(across, "error"))
                    }
                    (_, 0, true) => format!("{own_errors}, not exported"),
                    (_, 0, false) => own_errors,
                    (_, across, true) => {
                        format!(
                            "{own_errors} and {} across files, not exported",
                            count(across, "error")
                        )
                    }
                    (_, across, false) => {
                        format!("{own_errors} and {} across files", count(across, "error"))
                    }
                };
                say(format_args!(
                    "{file}: {what}; run `casebook validate` for every finding"
                ));
            }
            _ => {}
        }
    }
    let rows: u64 = summary.tables.iter().map(|(_, _, rows)| rows).sum();
    say(format_args!(
        "exported {} document{} into {}: {rows} rows in {} tables",
        summary.documents,
        if summary.documents == 1 { "" } else { "s" },
        out.display(),
        summary.tables.len()
    ));
    Ok(if any_unreadable(&report) {
        ExitCode::from(2)
    } else if report.passes(false) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Reads one case study for a command that needs it whole: exit status 1 when it does not
/// read as a case study, 2 when the file cannot be read.
fn read_one(file: &Path, max_file_size: Option<u64>) -> Result<casebook::CaseStudy, ExitCode> {
    let limit = max_file_size.unwrap_or(casebook::batch::DEFAULT_MAX_FILE_SIZE);
    casebook::format::from_path_with_limit(file, limit).map_err(|error| match error {
        casebook::Error::Parse(_) | casebook::Error::NotUtf8 { .. } => {
            say(format_args!(
                "{}: {error}; run `casebook validate` for every finding",
                file.display()
            ));
            ExitCode::from(1)
        }
        casebook::Error::TooLarge { .. } => {
            say(format_args!("{error} (--max-file-size)"));
            ExitCode::from(2)
        }
        other => {
            say(other);
            ExitCode::from(2)
        }
    })
}

/// Upgrades every file, reporting each; a refused file does not stop the others.
fn upgrade(files: &[PathBuf], check: bool) -> ExitCode {
    let latest = casebook::SchemaVersion::LATEST;
    let (mut changed, mut failed) = (false, false);
    // A report that cannot be written does not stop the upgrades; it is said at the end.
    let mut stdout = std::io::stdout().lock();
    let mut unwritten = None;
    let mut tell = |line: std::fmt::Arguments<'_>| {
        if let Err(error) = written(writeln!(stdout, "{line}")) {
            unwritten.get_or_insert(error);
        }
    };
    for file in files {
        match casebook::version::upgrade_path(file, !check) {
            Ok(casebook::version::Upgraded::From(version)) => {
                changed = true;
                let verb = if check {
                    "would be upgraded"
                } else {
                    "upgraded"
                };
                tell(format_args!(
                    "{}: {verb} from {version} to {latest}",
                    file.display()
                ));
            }
            Ok(_) => tell(format_args!("{}: already {latest}", file.display())),
            Err(
                error @ (casebook::Error::Upgrade { .. }
                | casebook::Error::ReadFile { .. }
                | casebook::Error::TooLarge { .. }),
            ) => {
                failed = true;
                say(error);
            }
            Err(error) => {
                failed = true;
                say(format_args!("{}: {error}", file.display()));
            }
        }
    }
    if let Some(error) = unwritten {
        say(chain(&error));
        failed = true;
    }
    match (failed, check && changed) {
        (true, _) => ExitCode::from(2),
        (false, true) => ExitCode::from(1),
        (false, false) => ExitCode::SUCCESS,
    }
}

fn init(file: Option<&Path>) -> anyhow::Result<()> {
    let template = include_str!("template.yaml");
    match file {
        None => emit(None, |out| out.write_all(template.as_bytes())),
        Some(path) if path.exists() => bail!("{} exists; it was left as it is", path.display()),
        Some(path) if !matches!(Format::from_path(path), Some(Format::Yaml)) => {
            bail!("the template is YAML, with comments: give a file name ending in .yaml or .yml")
        }
        Some(path) => emit(Some(path), |out| out.write_all(template.as_bytes())),
    }
}

fn rules() -> String {
    RuleCode::ALL
        .iter()
        .map(|code| {
            format!(
                "{:<30} {:<8} {:<13} {}\n",
                code.as_str(),
                code.default_severity().as_str(),
                if code.is_adjustable() {
                    code.kind().as_str()
                } else {
                    "fixed"
                },
                code.summary()
            )
        })
        .collect()
}

fn explain(code: &str) -> anyhow::Result<String> {
    let code: RuleCode = code.parse()?;
    let explanation = code.explanation();
    let indent = |text: &str| {
        text.lines()
            .map(|line| format!("    {line}\n"))
            .collect::<String>()
    };
    Ok(format!(
        "{code} ({}, {})\n\n{}.\n\n{}\n\nProblem:\n\n{}\nFix:\n\n{}",
        code.default_severity(),
        code.kind().as_str(),
        code.summary(),
        explanation.why,
        indent(explanation.problem),
        indent(explanation.fix)
    ))
}

fn print(text: &str) -> anyhow::Result<ExitCode> {
    emit(None, |out| out.write_all(text.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Validate {
            paths,
            format,
            deny_warnings,
            quiet,
            color,
        } => validate(&paths, format, deny_warnings, quiet, color),
        Command::Stats { paths, format } => stats(&paths, format),
        Command::Export {
            paths,
            to,
            out,
            valid_only,
        } => export(&paths, to, &out, valid_only),
        Command::Render {
            file,
            to,
            out,
            lang,
            max_file_size,
        } => {
            let mut options = casebook::render::RenderOptions::default();
            if let Some(lang) = lang {
                let code: casebook::LanguageCode =
                    lang.parse().with_context(|| format!("--lang {lang:?}"))?;
                options = options.with_lang(code);
            }
            let case = match read_one(&file, max_file_size) {
                Ok(case) => case,
                Err(code) => return Ok(code),
            };
            let format = match to {
                PageChoice::Markdown => PageFormat::Markdown,
                PageChoice::Html => PageFormat::Html,
            };
            let page = casebook::render::render_with(&case, format, &options)
                .with_context(|| format!("cannot render {}", file.display()))?;
            emit(out.as_deref(), |sink| sink.write_all(page.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Convert {
            file,
            to,
            out,
            max_file_size,
        } => {
            let named = out.as_deref().and_then(Format::from_path);
            if let Some(named) = named.filter(|named| *named != Format::from(to)) {
                bail!(
                    "--out names a {named} file, but --to asks for {}; give the file the extension of its format",
                    Format::from(to)
                );
            }
            let case = match read_one(&file, max_file_size) {
                Ok(case) => case,
                Err(code) => return Ok(code),
            };
            let text = casebook::to_string_as(&case, to.into())?;
            emit(out.as_deref(), |sink| sink.write_all(text.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Upgrade { files, check } => Ok(upgrade(&files, check)),
        Command::Init { file } => init(file.as_deref()).map(|()| ExitCode::SUCCESS),
        Command::Rules => print(&rules()),
        Command::Explain { code } => print(&explain(&code)?),
        Command::Schema { out } => {
            let schema = casebook::schema_json();
            emit(out.as_deref(), |sink| sink.write_all(schema.as_bytes()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "casebook", &mut script);
            emit(None, |out| out.write_all(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { out } => {
            // `help` gets no page of its own, so the main page must not list it.
            let command = Cli::command().disable_help_subcommand(true);
            let render = |command: clap::Command| {
                let mut page = Vec::new();
                clap_mangen::Man::new(command)
                    .render(&mut page)
                    .context("cannot write the manual page")
                    .map(|()| page)
            };
            match out {
                None => {
                    let page = render(command)?;
                    emit(None, |sink| sink.write_all(&page))?;
                }
                Some(folder) => {
                    std::fs::create_dir_all(&folder)
                        .with_context(|| format!("cannot create {}", folder.display()))?;
                    let mut pages = vec![("casebook".to_owned(), command.clone())];
                    for sub in command.get_subcommands() {
                        let name = format!("casebook-{}", sub.get_name());
                        pages.push((name.clone(), sub.clone().name(name)));
                    }
                    for (name, page) in pages {
                        let path = folder.join(format!("{name}.1"));
                        emit(Some(&path), |sink| {
                            sink.write_all(&render(page.clone()).map_err(std::io::Error::other)?)
                        })?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    // A write past the file-size limit (`ulimit -f`) would end the process with SIGXFSZ,
    // saying nothing; caught, the signal lets the write fail with "File too large", and the
    // command says which file it was writing.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help, the version, or a mistake in the arguments: said by clap, and an exit code 2
        // rather than 0 should the saying fail (past `ulimit -f`, say).
        Err(error) => {
            let code = u8::try_from(error.exit_code()).unwrap_or(2);
            return match error.print() {
                Err(failed) if failed.kind() != std::io::ErrorKind::BrokenPipe => {
                    say(format_args!("cannot write the output: {failed}"));
                    ExitCode::from(2)
                }
                _ => ExitCode::from(code),
            };
        }
    };
    run(cli.command).unwrap_or_else(|error| {
        say(chain(&error));
        ExitCode::from(2)
    })
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_with_every_unit_and_say_what_is_wrong() {
        let read = |text: &str| parse_size(text).map_err(|error| error.to_string());
        assert_eq!(read("4MiB"), Ok(4 << 20));
        assert_eq!(read(" 4 M "), Ok(4_000_000));
        assert_eq!(read("1GB"), Ok(1_000_000_000));
        assert_eq!(read("0"), Ok(0));
        assert!(
            read("99999999999999999999G")
                .unwrap_err()
                .contains("too large")
        );
        assert!(read("17179869184GiB").unwrap_err().contains("too large"));
        assert!(read("1.5M").unwrap_err().contains("invalid size unit"));
        assert!(
            read("-1")
                .unwrap_err()
                .contains("expected a number of bytes")
        );
        assert!(read("4mb").unwrap_err().contains("KiB, MiB or GiB"));
    }
}
