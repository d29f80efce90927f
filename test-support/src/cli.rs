//! Running the `casebook` command as a user would, for the command's tests.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

/// The `casebook` binary of this build, run in `dir`, with no colour forced from the
/// environment and a time limit, so that a hang fails the test instead of stalling it.
pub fn casebook(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("casebook").expect("the casebook binary is built");
    command
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .timeout(Duration::from_secs(120));
    command
}

/// Runs `casebook ARGS` in `dir`: the exit status, standard output and standard error.
pub fn run_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    run_with_input(dir, args, None)
}

/// [`run_in`], with `stdin` as standard input.
pub fn run_with_input(
    dir: &Path,
    args: &[&str],
    stdin: Option<&str>,
) -> (Option<i32>, String, String) {
    let mut command = casebook(dir);
    command.args(args);
    if let Some(text) = stdin {
        command.write_stdin(text);
    }
    let output = command.output().expect("the command runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
