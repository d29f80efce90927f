//! The command line: arguments, and one function per command.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use casebook::render::PageFormat;
use casebook::{Format, Level, Profile, RuleCode, Validator};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

mod check;
mod config;
mod inputs;
mod output;

use self::output::{OutputFormat, printable};

/// Check, render, convert and count innovation-cooperation case studies written in JSON,
/// YAML or TOML.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The paths to work on, and how to find them.
#[derive(Debug, clap::Args)]
struct PathArgs {
    /// Files, folders (walked; .gitignore respected), glob patterns, or `-` for standard
    /// input. None: the `include` patterns of casebook.toml, or the current folder.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// The format of standard input (`-`).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// The configuration file (default: casebook.toml here or in a folder above).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The largest file read, in bytes (suffixes K, M, G, KiB, MiB, GiB); larger files are
    /// reported, not read. Default 16 MiB.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_file_size: Option<u64>,
    /// How many threads check files (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
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
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Add a programme profile's checks.
        #[arg(long, value_parser = parse_profile)]
        profile: Option<Profile>,
        /// Treat warnings as errors for the exit status.
        #[arg(long)]
        deny_warnings: bool,
        /// Change a rule's severity: CODE=error|warning|off (repeatable).
        #[arg(long = "rule", value_name = "CODE=LEVEL", value_parser = parse_rule)]
        rules: Vec<(RuleCode, Level)>,
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
    },
    /// Count case studies by country, world region, topic, SDG, funding and start year.
    Stats {
        #[command(flatten)]
        paths: PathArgs,
        /// How to print the counts.
        #[arg(long, value_enum, default_value_t = StatsFormat::Human)]
        format: StatsFormat,
    },
    /// Convert a case study to JSON, YAML or TOML, losing nothing.
    Convert {
        /// The case study.
        file: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        to: InputFormat,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Start a new case study from a commented YAML template.
    Init {
        /// Where to write it (default: standard output). An existing file is not overwritten.
        file: Option<PathBuf>,
    },
    /// List the rules with their codes and default severities.
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
    /// Print the manual page (roff).
    Man,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InputFormat {
    Json,
    Yaml,
    Toml,
}

impl From<InputFormat> for Format {
    fn from(format: InputFormat) -> Self {
        match format {
            InputFormat::Json => Format::Json,
            InputFormat::Yaml => Format::Yaml,
            InputFormat::Toml => Format::Toml,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum PageChoice {
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    Human,
    Json,
    Csv,
}

fn parse_profile(value: &str) -> Result<Profile, String> {
    value
        .parse()
        .map_err(|error: casebook::CodeError| error.to_string())
}

fn parse_rule(value: &str) -> Result<(RuleCode, Level), String> {
    let (code, level) = value
        .split_once('=')
        .ok_or("expected CODE=LEVEL, such as event-before-start=error")?;
    let code = code
        .parse()
        .map_err(|error: casebook::CodeError| error.to_string())?;
    let level = level
        .parse()
        .map_err(|error: casebook::CodeError| error.to_string())?;
    Ok((code, level))
}

fn parse_size(value: &str) -> Result<u64, String> {
    let split = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: u64 = number.parse().map_err(|_| {
        format!("invalid size {value:?}: expected a number of bytes, such as 16MiB")
    })?;
    let factor: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "KB" => 1_000,
        "KiB" => 1 << 10,
        "M" | "MB" => 1_000_000,
        "MiB" => 1 << 20,
        "G" | "GB" => 1_000_000_000,
        "GiB" => 1 << 30,
        _ => {
            return Err(format!(
                "invalid size unit {unit:?}: use K, M, G, KiB, MiB or GiB"
            ));
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("size {value:?} is too large"))
}

const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// A usage or set-up problem: printed on standard error, exit status 2.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("casebook: {}", printable(&message.to_string()));
    ExitCode::from(2)
}

fn write_or_print(out: Option<&Path>, text: &str) -> ExitCode {
    let written = match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|error| format!("cannot write: {error}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

/// Loads the configuration and finds the targets, or says why not.
fn prepare(args: &PathArgs) -> Result<(config::Config, inputs::Inputs), ExitCode> {
    let config = config::load(args.config.as_deref()).map_err(fail)?;
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build_global()
            .map_err(|error| fail(format!("cannot start {threads} threads: {error}")))?;
    }
    let found =
        inputs::collect(&args.paths, &config, args.input_format.map(Format::from)).map_err(fail)?;
    Ok((config, found))
}

fn validate(
    args: &PathArgs,
    format: OutputFormat,
    profile: Option<Profile>,
    deny_warnings: bool,
    rules: &[(RuleCode, Level)],
) -> ExitCode {
    let (config, found) = match prepare(args) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let mut validator = Validator::new();
    if let Some(profile) = profile.or(config.profile) {
        validator = validator.with_profile(profile);
    }
    for (code, level) in config
        .rules
        .iter()
        .map(|(c, l)| (*c, *l))
        .chain(rules.iter().copied())
    {
        validator = validator.with_level(code, level);
    }
    let deny_warnings = deny_warnings || config.deny_warnings;
    for (path, why) in &found.problems {
        eprintln!("casebook: {}: {}", printable(path), printable(why));
    }
    let options = check::Options {
        max_file_size: args
            .max_file_size
            .or(config.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE),
        progress: format == OutputFormat::Human,
    };
    let checked = check::run(&found.targets, &validator, &options);
    if let Err(error) = output::write(format, &checked, deny_warnings) {
        return if error.kind() == std::io::ErrorKind::BrokenPipe {
            ExitCode::from(2)
        } else {
            fail(format!("cannot write the report: {error}"))
        };
    }
    let unreadable = checked.iter().any(|document| document.report().is_none());
    if !found.problems.is_empty() || unreadable {
        ExitCode::from(2)
    } else if checked
        .iter()
        .all(|document| document.passes(deny_warnings))
    {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads one case study for a command that needs it whole.
fn read_one(file: &Path) -> Result<casebook::CaseStudy, ExitCode> {
    casebook::from_path(file).map_err(|error| match error {
        casebook::Error::Parse(_) | casebook::Error::NotUtf8 { .. } => {
            eprintln!(
                "casebook: {}: {}; run `casebook validate` for every finding",
                printable(&file.display().to_string()),
                printable(&error.to_string())
            );
            ExitCode::from(1)
        }
        other => fail(other),
    })
}

fn stats(args: &PathArgs, format: StatsFormat) -> ExitCode {
    let (_, found) = match prepare(args) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    for (path, why) in &found.problems {
        eprintln!("casebook: {}: {}", printable(path), printable(why));
    }
    let mut cases = Vec::new();
    for target in &found.targets {
        let read = std::fs::read_to_string(&target.path).map_err(|error| error.to_string());
        let documents: Vec<(String, Format)> = match (read, target.layout) {
            (Ok(text), inputs::Layout::Single(format)) => vec![(text, format)],
            (Ok(text), inputs::Layout::JsonLines) => text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| (line.to_owned(), Format::Json))
                .collect(),
            (Err(why), _) => {
                eprintln!(
                    "casebook: {}: {}",
                    printable(&target.name()),
                    printable(&why)
                );
                continue;
            }
        };
        for (text, format) in documents {
            match casebook::from_str_as(&text, format) {
                Ok(case) => cases.push(case),
                Err(error) => eprintln!(
                    "casebook: {}: skipped, not a readable case study: {}",
                    printable(&target.name()),
                    printable(&error.to_string())
                ),
            }
        }
    }
    let stats = casebook::stats::Stats::of(&cases);
    let text = match format {
        StatsFormat::Csv => stats.to_csv(),
        StatsFormat::Json => serde_json::to_string_pretty(&stats)
            .map(|json| json + "\n")
            .unwrap_or_default(),
        StatsFormat::Human => {
            let mut text = String::new();
            let mut section = "";
            for (name, key, value) in stats.rows() {
                if name != section {
                    text.push_str(&format!("{name}:\n"));
                    section = name;
                }
                text.push_str(&format!("  {key:<40} {value}\n"));
            }
            text
        }
    };
    write_or_print(None, &text)
}

fn init(file: Option<&Path>) -> ExitCode {
    let template = include_str!("template.yaml");
    match file {
        None => write_or_print(None, template),
        Some(path) if path.exists() => {
            fail(format!("{} exists; it was left as it is", path.display()))
        }
        Some(path) if !matches!(Format::from_path(path), Some(Format::Yaml)) => {
            fail("the template is YAML, with comments: give a file name ending in .yaml or .yml")
        }
        Some(path) => write_or_print(Some(path), template),
    }
}

fn rules() -> ExitCode {
    let mut text = String::new();
    for code in RuleCode::ALL {
        text.push_str(&format!(
            "{:<30} {:<8} {}\n",
            code.as_str(),
            code.default_severity(),
            code.summary()
        ));
    }
    write_or_print(None, &text)
}

fn explain(code: &str) -> ExitCode {
    let code: RuleCode = match code.parse() {
        Ok(code) => code,
        Err(error) => return fail(error),
    };
    let explanation = code.explanation();
    let indent = |text: &str| {
        text.lines()
            .map(|line| format!("    {line}\n"))
            .collect::<String>()
    };
    let text = format!(
        "{code} ({})\n\n{}.\n\n{}\n\nProblem:\n\n{}\nFix:\n\n{}",
        code.default_severity(),
        code.summary(),
        explanation.why,
        indent(explanation.problem),
        indent(explanation.fix)
    );
    write_or_print(None, &text)
}

pub fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate {
            paths,
            format,
            profile,
            deny_warnings,
            rules,
        } => validate(&paths, format, profile, deny_warnings, &rules),
        Command::Render { file, to, out } => match read_one(&file) {
            Ok(case) => {
                let format = match to {
                    PageChoice::Markdown => PageFormat::Markdown,
                    PageChoice::Html => PageFormat::Html,
                };
                write_or_print(out.as_deref(), &casebook::render::render(&case, format))
            }
            Err(code) => code,
        },
        Command::Stats { paths, format } => stats(&paths, format),
        Command::Convert { file, to, out } => match read_one(&file) {
            Ok(case) => match casebook::to_string_as(&case, to.into()) {
                Ok(text) => write_or_print(out.as_deref(), &text),
                Err(error) => fail(error),
            },
            Err(code) => code,
        },
        Command::Init { file } => init(file.as_deref()),
        Command::Rules => rules(),
        Command::Explain { code } => explain(&code),
        Command::Schema { out } => write_or_print(out.as_deref(), &casebook::schema_json()),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "casebook",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Man => {
            let mut page = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut page) {
                Ok(()) => write_or_print(None, &String::from_utf8_lossy(&page)),
                Err(error) => fail(format!("cannot write the manual page: {error}")),
            }
        }
    }
}
