//! Reads every document that `python3 tools/fixtures.py DIR` wrote into the types that
//! cargo-typify generated from casebook's schema: each valid document must be read, each
//! structurally invalid fixture refused, except those in `CANNOT_EXPRESS`.

#![allow(missing_docs, unreachable_pub, dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

// Written by cargo-typify before the build (see Cargo.toml); never committed.
mod generated;

/// Problems that typify's types do not check, by fixture, and why.
const CANNOT_EXPRESS: &[(&str, &str)] = &[
    (
        "duplicate-item.yaml",
        "lists without repeats (uniqueItems) become plain Vecs",
    ),
    (
        "out-of-range.toml",
        "number ranges (minimum, maximum) are not checked",
    ),
    (
        "too-few-items.yaml",
        "list lengths (minItems) are not checked",
    ),
];

#[derive(serde::Deserialize)]
struct Entry {
    source: String,
    valid: bool,
    fixture: Option<String>,
}

fn main() -> ExitCode {
    let folder = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/generated-types/documents".into()),
    );
    let read = |name: &str| {
        std::fs::read_to_string(folder.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let manifest: BTreeMap<String, Entry> =
        serde_json::from_str(&read("manifest.json")).expect("manifest.json");
    let mut failures = Vec::new();
    for (name, entry) in &manifest {
        let verdict = serde_json::from_str::<generated::CaseStudy>(&read(name));
        let beyond = entry
            .fixture
            .as_deref()
            .and_then(|fixture| CANNOT_EXPRESS.iter().find(|(listed, _)| *listed == fixture));
        match (entry.valid, verdict, beyond) {
            (true, Err(error), _) => failures.push(format!(
                "{}: valid, but typify's types say: {error}",
                entry.source
            )),
            (false, Ok(_), None) => failures.push(format!(
                "{}: has a structural error, but typify's types accept it",
                entry.source
            )),
            (false, Err(_), Some((_, why))) => failures.push(format!(
                "{}: listed as beyond typify ({why}), but it is refused now; drop it from the list",
                entry.source
            )),
            _ => {}
        }
    }
    for (fixture, _) in CANNOT_EXPRESS {
        if !manifest
            .values()
            .any(|entry| entry.fixture.as_deref() == Some(fixture))
        {
            failures.push(format!(
                "{fixture}: listed in CANNOT_EXPRESS but not a structurally invalid fixture"
            ));
        }
    }
    for failure in &failures {
        println!("{failure}");
    }
    println!(
        "typify: {} passed, {} failed",
        manifest.len() - failures.len(),
        failures.len()
    );
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
