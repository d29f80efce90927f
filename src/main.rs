//! The `casebook` command: checks, renders, converts and counts case-study files.
// No panics on any input: these are denied outside tests, and each remaining allowance
// says why it cannot fail.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
