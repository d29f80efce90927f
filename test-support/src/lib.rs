//! Test support for the casebook workspace, shared by the library's and the command's
//! tests, the benchmarks and the `gen-corpus` binary: a generator of realistic case
//! studies and single-value mutations of the valid documents. Not published.

// Test code: a broken fixture should stop the test with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod cli;
pub mod differential;
pub mod generate;
pub mod mutations;

use std::path::{Path, PathBuf};

/// The workspace root, where `examples/`, `tests/fixtures/` and `schema/` are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default()
}
