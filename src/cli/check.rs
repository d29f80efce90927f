//! Checking many files in parallel, then across files, with a stable order.

use std::io::{BufRead, IsTerminal, Read};
use std::path::Path;

use casebook::{CorpusChecker, CorpusKeys, Diagnostic, Format, Report, RuleCode, Validator};
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

/// One file. The findings of a `.jsonl` file's documents are all in its report, each on
/// its document's line.
pub struct Checked {
    /// The file, as given or found.
    pub file: String,
    pub outcome: Outcome,
}

impl Checked {
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

/// A checked file with what the checks across files need of its documents: the keys,
/// and the document's line in a `.jsonl` file.
struct Partial {
    checked: Checked,
    keys: Vec<DocumentKeys>,
}

fn unreadable(target: &Target, why: String) -> Partial {
    Partial {
        checked: Checked {
            file: target.name(),
            outcome: Outcome::Unreadable(why),
        },
        keys: Vec::new(),
    }
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

fn check_single(
    target: &Target,
    format: Format,
    validator: &Validator,
    options: &Options,
) -> Partial {
    let bytes = match read(target, options.max_file_size) {
        Ok(bytes) => bytes,
        Err(why) => return unreadable(target, why),
    };
    let (report, keys) = match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let (case, report) = validator.read_and_validate(text, format);
            (report, case.as_ref().map(CorpusKeys::of))
        }
        Err(_) => (validator.validate_slice(&bytes, format), None),
    };
    Partial {
        checked: Checked {
            file: target.name(),
            outcome: Outcome::Checked(report),
        },
        keys: keys.map(|keys| (None, keys)).into_iter().collect(),
    }
}

/// How much of a `.jsonl` file is held at once: its documents are checked a chunk at a
/// time, in parallel, so memory stays flat however long the file is.
const CHUNK_BYTES: usize = 8 << 20;

/// What the checks across files need of a document, and its line in a `.jsonl` file.
type DocumentKeys = (Option<usize>, CorpusKeys);

/// One line of a `.jsonl` file: its number and text, or why it was not read.
type Line = (usize, Result<String, String>);

/// Reads the next line, at most `limit` bytes of it; a longer line is skipped to its end.
fn next_line(
    reader: &mut impl BufRead,
    limit: u64,
    number: usize,
) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let read = reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    if bytes.last() != Some(&b'\n') && bytes.len() as u64 > limit {
        // Skip the rest of the line without holding it.
        let mut rest = Vec::new();
        while reader.by_ref().take(1 << 16).read_until(b'\n', &mut rest)? > 0
            && rest.last() != Some(&b'\n')
        {
            rest.clear();
        }
        let why = format!(
            "the document is larger than the limit of {limit} bytes (--max-file-size); it was not read"
        );
        return Ok(Some((number, Err(why))));
    }
    let text = String::from_utf8(bytes).map_err(|_| "the line is not utf-8 text".to_owned());
    Ok(Some((number, text)))
}

fn check_lines(target: &Target, validator: &Validator, options: &Options) -> Partial {
    let file = match std::fs::File::open(&target.path) {
        Ok(file) => file,
        Err(error) => return unreadable(target, format!("cannot read {}: {error}", target.name())),
    };
    let mut reader = std::io::BufReader::new(file);
    let mut report = Report::default();
    let mut keys = Vec::new();
    let mut number = 0;
    loop {
        let mut chunk: Vec<Line> = Vec::new();
        let mut bytes = 0;
        while bytes < CHUNK_BYTES {
            number += 1;
            match next_line(&mut reader, options.max_file_size, number) {
                Ok(Some(line)) => {
                    bytes += line.1.as_ref().map_or(0, String::len);
                    chunk.push(line);
                }
                Ok(None) => break,
                Err(error) => {
                    return unreadable(target, format!("cannot read {}: {error}", target.name()));
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        let checked: Vec<(Vec<Diagnostic>, Option<DocumentKeys>)> = chunk
            .par_iter()
            .filter(|(_, text)| text.as_ref().map_or(true, |text| !text.trim().is_empty()))
            .map(|(line, text)| {
                let (findings, keys) = match text {
                    Ok(text) => {
                        let (case, report) = validator
                            .read_and_validate(text.trim_end_matches(['\n', '\r']), Format::Json);
                        (
                            report.diagnostics,
                            case.as_ref()
                                .map(|case| (Some(*line), CorpusKeys::of(case))),
                        )
                    }
                    Err(why) => (
                        vec![Diagnostic::new(RuleCode::Syntax, "", why.clone())],
                        None,
                    ),
                };
                // A document is one line: its findings are on that line of the file.
                let findings = findings
                    .into_iter()
                    .map(|mut finding| {
                        finding.line = Some(*line);
                        finding
                    })
                    .collect();
                (findings, keys)
            })
            .collect();
        for (findings, document_keys) in checked {
            report.diagnostics.extend(findings);
            keys.extend(document_keys);
        }
    }
    Partial {
        checked: Checked {
            file: target.name(),
            outcome: Outcome::Checked(report),
        },
        keys,
    }
}

/// Checks every target in parallel, then across files; the result is in the order of the
/// targets (sorted by path).
pub fn run(targets: &[Target], validator: &Validator, options: &Options) -> Vec<Checked> {
    let progress = (options.progress && targets.len() > 300 && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(targets.len() as u64));
    let partials: Vec<Partial> = targets
        .par_iter()
        .map(|target| {
            let checked = match target.layout {
                Layout::Single(format) => check_single(target, format, validator, options),
                Layout::JsonLines => check_lines(target, validator, options),
            };
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
    // For each corpus entry: the file it is in and its line in a `.jsonl` file.
    let mut entries: Vec<(usize, Option<usize>)> = Vec::new();
    let mut checked = Vec::new();
    for partial in partials {
        for (line, keys) in partial.keys {
            let source = match line {
                Some(line) => format!("{}:{line}", partial.checked.file),
                None => partial.checked.file.clone(),
            };
            corpus.add_keys(source, keys);
            entries.push((checked.len(), line));
        }
        checked.push(partial.checked);
    }
    let mut across: Vec<((usize, Option<usize>), Diagnostic)> = corpus
        .finish()
        .into_iter()
        .filter_map(|finding| Some((*entries.get(finding.entry)?, finding.diagnostic)))
        .collect();
    across.sort_by_key(|(entry, _)| *entry);
    for ((index, line), diagnostics) in group(across) {
        let Some(document) = checked.get_mut(index) else {
            continue;
        };
        let mut diagnostics = validator.adjust(diagnostics);
        if let Some(target) = targets.get(index) {
            place(target, line, &mut diagnostics);
        }
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
fn group<K: PartialEq>(pairs: Vec<(K, Diagnostic)>) -> Vec<(K, Vec<Diagnostic>)> {
    let mut groups: Vec<(K, Vec<Diagnostic>)> = Vec::new();
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
fn place(target: &Target, line: Option<usize>, diagnostics: &mut [Diagnostic]) {
    match (target.layout, line) {
        (Layout::Single(format), _) => {
            if let Ok(text) = std::fs::read_to_string(&target.path) {
                casebook::locate_findings(&text, format, diagnostics);
            }
        }
        (Layout::JsonLines, Some(line)) => {
            // Only the document's own line is read back, not the whole file.
            let document = std::fs::File::open(&target.path)
                .ok()
                .and_then(|file| {
                    std::io::BufReader::new(file)
                        .lines()
                        .nth(line.saturating_sub(1))
                })
                .and_then(Result::ok);
            if let Some(document) = document {
                casebook::locate_findings(&document, Format::Json, diagnostics);
                diagnostics
                    .iter_mut()
                    .for_each(|finding| finding.line = Some(line));
            }
        }
        (Layout::JsonLines, None) => {}
    }
}
