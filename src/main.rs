//! The `casebook` command: checks case-study files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Check innovation-cooperation case studies written in JSON, YAML or TOML.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read each file and report whether it is a case-study document.
    ///
    /// Exit status: 0 when every file is valid, 1 when a file is not, 2 when a file cannot
    /// be read.
    Validate {
        /// Files to check (.json, .yaml, .yml, .toml).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// How one file fared.
enum Outcome {
    Valid,
    Invalid,
    Unreadable,
}

fn check_file(path: &PathBuf) -> Outcome {
    let shown = path.display();
    match casebook::from_path(path) {
        Ok(_) => {
            println!("{shown}: ok");
            Outcome::Valid
        }
        Err(casebook::Error::Parse(error)) => {
            let position = match (error.line, error.column) {
                (Some(line), Some(column)) => format!("{line}:{column}:"),
                _ => String::new(),
            };
            let pointer = if error.pointer.is_empty() {
                "/"
            } else {
                &error.pointer
            };
            println!(
                "{shown}:{position} error[parse]: {} (at {pointer})",
                error.message.escape_debug()
            );
            Outcome::Invalid
        }
        Err(error @ casebook::Error::NotUtf8 { .. }) => {
            println!("{shown}: error[parse]: {error}");
            Outcome::Invalid
        }
        Err(error) => {
            eprintln!("casebook: {error}");
            Outcome::Unreadable
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate { files } => {
            let outcomes: Vec<Outcome> = files.iter().map(check_file).collect();
            let invalid = outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Invalid))
                .count();
            let unreadable = outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Unreadable))
                .count();
            println!(
                "{} file(s) checked: {} valid, {invalid} invalid, {unreadable} unreadable",
                outcomes.len(),
                outcomes.len() - invalid - unreadable
            );
            if unreadable > 0 {
                ExitCode::from(2)
            } else if invalid > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}
