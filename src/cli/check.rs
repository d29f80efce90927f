//! Checking many files in parallel, then across files, with a stable order.

use std::io::{IsTerminal, Read};
use std::path::Path;

use casebook::{CorpusChecker, CorpusKeys, Diagnostic, Format, Report, Validator};
use rayon::prelude::*;

use super::inputs::{Layout, Target};

/// How to check.
pub struct Options {
    /// The largest file that is read, in bytes.
    pub max_file_size: u64,
    /// Show a progress bar on standard error (when it is a terminal and the run is long).
    pub progress: bool,
}

/// What became of one document.
pub enum Outcome {
    /// It was read and checked.
    Checked(Report),
    /// It could not be read: why.
    Unreadable(String),
}

/// One document: a file, or a line of a `.jsonl` file.
pub struct Checked {
    /// The file, as given or found.
    pub file: String,
    /// The line of the document in a `.jsonl` file.
    pub document_line: Option<usize>,
    pub outcome: Outcome,
}

impl Checked {
    /// The name of the document in messages: the file, with the line for `.jsonl`.
    pub fn source(&self) -> String {
        match self.document_line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }

    /// True when the document passes.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        matches!(&self.outcome, Outcome::Checked(report) if report.passes(deny_warnings))
    }

    pub fn report(&self) -> Option<&Report> {
        match &self.outcome {
            Outcome::Checked(report) => Some(report),
            Outcome::Unreadable(_) => None,
        }
    }
}

/// A checked document with what the checks across files need of it.
struct Partial {
    checked: Checked,
    keys: Option<CorpusKeys>,
}

fn unreadable(target: &Target, why: String) -> Vec<Partial> {
    vec![Partial {
        checked: Checked {
            file: target.name(),
            document_line: None,
            outcome: Outcome::Unreadable(why),
        },
        keys: None,
    }]
}

/// Reads a target's bytes, refusing files over the size limit before reading them.
fn read(target: &Target, max_file_size: u64) -> Result<Vec<u8>, String> {
    if target.path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_file_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|error| format!("cannot read standard input: {error}"))?;
        return if bytes.len() as u64 > max_file_size {
            Err(format!(
                "standard input is larger than the limit of {max_file_size} bytes (--max-file-size)"
            ))
        } else {
            Ok(bytes)
        };
    }
    let size = std::fs::metadata(&target.path)
        .map_err(|error| format!("cannot read {}: {error}", target.name()))?
        .len();
    if size > max_file_size {
        return Err(format!(
            "{} is {size} bytes, larger than the limit of {max_file_size} bytes (--max-file-size); it was not read",
            target.name()
        ));
    }
    std::fs::read(&target.path).map_err(|error| format!("cannot read {}: {error}", target.name()))
}

fn check_document(
    validator: &Validator,
    text: &str,
    format: Format,
) -> (Report, Option<CorpusKeys>) {
    let (case, report) = validator.read_and_validate(text, format);
    (report, case.as_ref().map(CorpusKeys::of))
}

fn check_target(target: &Target, validator: &Validator, options: &Options) -> Vec<Partial> {
    let bytes = match read(target, options.max_file_size) {
        Ok(bytes) => bytes,
        Err(why) => return unreadable(target, why),
    };
    match target.layout {
        Layout::Single(format) => {
            let (report, keys) = match std::str::from_utf8(&bytes) {
                Ok(text) => check_document(validator, text, format),
                Err(_) => (validator.validate_slice(&bytes, format), None),
            };
            vec![Partial {
                checked: Checked {
                    file: target.name(),
                    document_line: None,
                    outcome: Outcome::Checked(report),
                },
                keys,
            }]
        }
        Layout::JsonLines => {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                let report = validator.validate_slice(&bytes, Format::Json);
                return vec![Partial {
                    checked: Checked {
                        file: target.name(),
                        document_line: None,
                        outcome: Outcome::Checked(report),
                    },
                    keys: None,
                }];
            };
            let lines: Vec<(usize, &str)> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| !line.trim().is_empty())
                .map(|(index, line)| (index + 1, line))
                .collect();
            lines
                .par_iter()
                .map(|&(line, document)| {
                    let (mut report, keys) = check_document(validator, document, Format::Json);
                    for finding in &mut report.diagnostics {
                        // A document is one line: its findings are on that line of the file.
                        finding.line = Some(line);
                    }
                    Partial {
                        checked: Checked {
                            file: target.name(),
                            document_line: Some(line),
                            outcome: Outcome::Checked(report),
                        },
                        keys,
                    }
                })
                .collect()
        }
    }
}

/// Checks every target in parallel, then across files; the result is in the order of the
/// targets (sorted by path) and, in a `.jsonl` file, of its lines.
pub fn run(targets: &[Target], validator: &Validator, options: &Options) -> Vec<Checked> {
    let progress = (options.progress && targets.len() > 300 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(targets.len() as u64));
    let partials: Vec<Vec<Partial>> = targets
        .par_iter()
        .map(|target| {
            let checked = check_target(target, validator, options);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            checked
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut corpus = CorpusChecker::new();
    let mut entries = Vec::new();
    let mut checked = Vec::new();
    for partial in partials.into_iter().flatten() {
        if let Some(keys) = partial.keys {
            corpus.add_keys(partial.checked.source(), keys);
            entries.push(checked.len());
        }
        checked.push(partial.checked);
    }
    let mut across: Vec<(usize, Diagnostic)> = corpus
        .finish()
        .into_iter()
        .filter_map(|finding| Some((*entries.get(finding.entry)?, finding.diagnostic)))
        .collect();
    across.sort_by_key(|(index, _)| *index);
    for (index, diagnostics) in group(across) {
        let Some(document) = checked.get_mut(index) else {
            continue;
        };
        let mut diagnostics = validator.adjust(diagnostics);
        place(targets, document, &mut diagnostics);
        if let Outcome::Checked(report) = &mut document.outcome {
            report.diagnostics.extend(diagnostics);
            report
                .diagnostics
                .sort_by_key(|d| (d.line.is_none(), d.line, d.column));
        }
    }
    checked
}

/// Groups sorted `(index, finding)` pairs by index.
fn group(pairs: Vec<(usize, Diagnostic)>) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut groups: Vec<(usize, Vec<Diagnostic>)> = Vec::new();
    for (index, diagnostic) in pairs {
        match groups.last_mut() {
            Some((last, items)) if *last == index => items.push(diagnostic),
            _ => groups.push((index, vec![diagnostic])),
        }
    }
    groups
}

/// Gives findings across files their positions, reading the document again: they are
/// rare, so the texts are not kept for them.
fn place(targets: &[Target], document: &Checked, diagnostics: &mut [Diagnostic]) {
    let Some(target) = targets.iter().find(|target| target.name() == document.file) else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(&target.path) else {
        return;
    };
    match (target.layout, document.document_line) {
        (Layout::Single(format), _) => casebook::locate_findings(&text, format, diagnostics),
        (Layout::JsonLines, Some(line)) => {
            if let Some(document) = text.lines().nth(line.saturating_sub(1)) {
                casebook::locate_findings(document, Format::Json, diagnostics);
                diagnostics
                    .iter_mut()
                    .for_each(|finding| finding.line = Some(line));
            }
        }
        (Layout::JsonLines, None) => {}
    }
}
