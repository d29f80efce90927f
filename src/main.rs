//! The `casebook` command: checks, renders, converts and counts case-study files.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
