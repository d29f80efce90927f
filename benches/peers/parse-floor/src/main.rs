//! The parse floor: the least any JSON validator does with the same files.
//!
//! ```text
//! parse-floor PATH...
//! ```
//!
//! Walks each folder (recursively, sorted, hidden entries skipped, `.json` files only), or
//! reads each JSON Lines file line by line, and parses every document with
//! `serde_json::from_slice::<IgnoredAny>` on one thread. Prints the number of documents and
//! bytes; exits with 1 if a document is not JSON, 2 on a bad argument or unreadable path.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::de::IgnoredAny;

/// What was parsed so far.
#[derive(Default)]
struct Tally {
    documents: usize,
    bytes: usize,
    broken: usize,
}

impl Tally {
    fn parse(&mut self, bytes: &[u8], origin: &dyn std::fmt::Display) {
        self.documents += 1;
        self.bytes += bytes.len();
        if let Err(error) = serde_json::from_slice::<IgnoredAny>(bytes) {
            self.broken += 1;
            eprintln!("{origin}: {error}");
        }
    }
}

fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<Vec<_>, _>>()?;
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, files)?;
        } else if path
            .extension()
            .is_some_and(|extension| extension == "json")
        {
            files.push(path);
        }
    }
    Ok(())
}

fn run(paths: &[String]) -> std::io::Result<Tally> {
    let mut tally = Tally::default();
    for path in paths.iter().map(Path::new) {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            for file in files {
                let bytes = std::fs::read(&file)?;
                tally.parse(&bytes, &file.display());
            }
        } else if path
            .extension()
            .is_some_and(|extension| extension == "jsonl")
        {
            let bytes = std::fs::read(path)?;
            for (index, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
                if !line.iter().all(u8::is_ascii_whitespace) {
                    tally.parse(line, &format_args!("{}:{}", path.display(), index + 1));
                }
            }
        } else {
            let bytes = std::fs::read(path)?;
            tally.parse(&bytes, &path.display());
        }
    }
    Ok(tally)
}

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: parse-floor PATH...");
        return ExitCode::from(2);
    }
    match run(&paths) {
        Ok(tally) => {
            println!(
                "{} documents, {} bytes, {} not JSON",
                tally.documents, tally.bytes, tally.broken
            );
            if tally.broken == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("parse-floor: {error}");
            ExitCode::from(2)
        }
    }
}
