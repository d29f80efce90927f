//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every document file (.json, .yaml, .yml, .toml) directly under `dir`, sorted.
pub(crate) fn documents_in(dir: impl AsRef<Path>) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| casebook::Format::from_path(path).is_some())
        .collect();
    files.sort();
    files
}

/// The valid documents: the reference example in its three formats and every valid
/// fixture.
pub(crate) fn valid_documents() -> Vec<PathBuf> {
    let mut files = documents_in("examples/data");
    files.extend(documents_in("tests/fixtures/valid"));
    files
}

/// Reads a document, failing the test with the error when it does not read.
pub(crate) fn load(path: &Path) -> casebook::CaseStudy {
    casebook::from_path(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Each finding of `report` as its rule and pointer, in the report's order.
pub(crate) fn found(report: &casebook::Report) -> Vec<(casebook::RuleCode, &str)> {
    report
        .diagnostics
        .iter()
        .map(|finding| (finding.code, finding.pointer.as_str()))
        .collect()
}
