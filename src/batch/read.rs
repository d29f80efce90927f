//! Reading inputs safely and checking their documents.

use std::io::{BufRead, BufReader, Read};

use super::{Batch, DocumentKeys, FileOutcome, FileReport, Input, Layout, Partial, Source, Visit};
use crate::Format;
use crate::validate::{CorpusKeys, Diagnostic, Report, RuleCode, locate_findings};

/// How much of a `.jsonl` file is read at once: its documents are checked a chunk at a
/// time, in parallel, while the next chunk is read, so two chunks are held and memory stays
/// flat however long the file is.
const CHUNK_BYTES: usize = 4 << 20;

/// Opens a file for reading if it is a regular file (a FIFO would block a read, and a
/// device such as `/dev/zero` never ends), with its size. On Unix the file is opened
/// without waiting (so a FIFO's open returns at once) and the open file is examined: one
/// open and one `fstat` a file, and no window between the check and the read.
fn open_regular(path: &std::path::Path) -> Result<(std::fs::File, u64), String> {
    let cannot = |error: std::io::Error| format!("cannot be read: {error}");
    let not_regular =
        || "not a regular file (a folder, FIFO, socket or device); it was not read".to_owned();
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(cannot)?
    };
    #[cfg(not(unix))]
    let file = {
        if !std::fs::metadata(path).map_err(cannot)?.is_file() {
            return Err(not_regular());
        }
        std::fs::File::open(path).map_err(cannot)?
    };
    let metadata = file.metadata().map_err(cannot)?;
    if !metadata.is_file() {
        return Err(not_regular());
    }
    Ok((file, metadata.len()))
}

/// Reads at most `limit` bytes, and says so when there is more. `expected` is the size
/// the file had when opened: room for it is made at once (it may still grow or shrink).
fn read_limited(mut reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, String> {
    let room = usize::try_from(expected.min(limit).saturating_add(1)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    reader
        .by_ref()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot be read: {error}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "larger than the limit of {limit} bytes (--max-file-size); it was not read"
        ));
    }
    Ok(bytes)
}

/// Reads the bytes of a one-document input.
fn read_whole(input: &Input, limit: u64) -> Result<Vec<u8>, String> {
    match &input.source {
        Source::File(path) => {
            let (file, size) = open_regular(path)?;
            read_limited(file, limit, size)
        }
        Source::Stdin => read_limited(std::io::stdin().lock(), limit, 0),
        Source::Text(text) => in_memory(text.as_bytes(), limit),
        Source::Bytes(bytes) => in_memory(bytes, limit),
    }
}

/// The bytes of an input held in memory, within the limit.
fn in_memory(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    if bytes.len() as u64 > limit {
        Err(format!(
            "larger than the limit of {limit} bytes; it was not read"
        ))
    } else {
        Ok(bytes.to_vec())
    }
}

/// Opens the byte stream of a `.jsonl` input, as a reader that can move to another thread,
/// so that the next chunk is read while the last one is checked.
fn open_stream<'a>(input: &'a Input) -> Result<Box<dyn BufRead + Send + 'a>, String> {
    Ok(match &input.source {
        Source::File(path) => Box::new(BufReader::new(open_regular(path)?.0)),
        Source::Stdin => Box::new(BufReader::new(std::io::stdin())),
        Source::Text(text) => Box::new(text.as_bytes()),
        Source::Bytes(bytes) => Box::new(bytes.as_slice()),
    })
}

fn unreadable(input: &Input, why: String) -> Partial {
    Partial {
        report: FileReport {
            file: input.name.clone(),
            outcome: FileOutcome::Unreadable(why),
        },
        keys: Vec::new(),
        skipped: false,
        grown: None,
    }
}

fn checked(input: &Input, report: Report, keys: Vec<DocumentKeys>) -> Partial {
    Partial {
        report: FileReport {
            file: input.name.clone(),
            outcome: FileOutcome::Checked(report),
        },
        keys,
        skipped: false,
        grown: None,
    }
}

/// Checks one document's text; returns its findings and, when it reads into the model,
/// its keys for the checks across files.
fn check_text(
    batch: &Batch,
    text: &str,
    format: Format,
    visit: &dyn Visit,
) -> (Vec<Diagnostic>, Option<CorpusKeys>) {
    let (case, report) = batch.validator.read_and_validate(text, format);
    let keys = case.as_ref().and_then(|case| {
        visit.document(case, &report.diagnostics);
        // A document of another major version gets one finding, and none across files.
        case.schema_version
            .is_supported()
            .then(|| CorpusKeys::of(case))
    });
    (report.diagnostics, keys)
}

/// An input left out: it does not declare itself a case study.
fn skipped(input: &Input) -> Partial {
    let mut partial = checked(input, Report::default(), Vec::new());
    partial.skipped = true;
    partial
}

/// Reads and checks a one-document input.
pub(super) fn check_single(
    batch: &Batch,
    input: &Input,
    format: Format,
    visit: &dyn Visit,
) -> Partial {
    let bytes = match read_whole(input, batch.max_file_size) {
        Ok(bytes) => bytes,
        Err(why) => return unreadable(input, why),
    };
    if input.case_studies_only && !super::declares_case_study(&String::from_utf8_lossy(&bytes)) {
        return skipped(input);
    }
    match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let (findings, keys) = check_text(batch, text, format, visit);
            if keys.is_some() && matches!(input.source, Source::Stdin) {
                batch.keep_stdin(bytes.clone());
            }
            checked(
                input,
                Report::new(findings),
                keys.map(|keys| (None, keys)).into_iter().collect(),
            )
        }
        Err(_) => checked(
            input,
            batch.validator.validate_slice(&bytes, format),
            Vec::new(),
        ),
    }
}

/// A line of a `.jsonl` file: its number, and its text or why it was not read (with the
/// column where that starts, when it is within the line).
type Line = (usize, Result<String, (String, Option<usize>)>);

/// Reads the next line, at most `limit` bytes of it besides its line end (`\n` or
/// `\r\n`, so that a file's line ends do not change what fits); a longer line is skipped
/// to its end without being held.
fn next_line(reader: &mut dyn BufRead, limit: u64, number: usize) -> std::io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let read = reader
        .take(limit.saturating_add(2))
        .read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    let complete = bytes.last() == Some(&b'\n');
    let line_end = if bytes.ends_with(b"\r\n") {
        2
    } else {
        usize::from(complete)
    };
    if (bytes.len() - line_end) as u64 > limit {
        let mut rest = Vec::new();
        if !complete {
            while reader.take(1 << 16).read_until(b'\n', &mut rest)? > 0
                && rest.last() != Some(&b'\n')
            {
                rest.clear();
            }
        }
        let why = format!(
            "the document is larger than the limit of {limit} bytes (--max-file-size); it was not read"
        );
        return Ok(Some((number, Err((why, None)))));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(error.as_bytes().get(..valid).unwrap_or_default());
        let (_, column) = crate::format::line_column(&before, valid);
        let why = format!(
            "the line is not utf-8 text (byte {valid} of the line starts an invalid sequence)"
        );
        (why, Some(column))
    });
    Ok(Some((number, text)))
}

/// Reads and checks a `.jsonl` input a chunk at a time, handing each document's keys for
/// the checks across files to `keys_out` as soon as its chunk is done (once the file is
/// known to hold case studies), so that nothing grows with the number of lines but the
/// findings. The partial returned has no keys.
pub(super) fn check_lines(
    batch: &Batch,
    input: &Input,
    visit: &dyn Visit,
    out: &mut super::LinesInto<'_, '_>,
) -> Partial {
    let mut reader = match open_stream(input) {
        Ok(reader) => reader,
        Err(why) => return unreadable(input, why),
    };
    // Keys wait here only until a line declares the file a case-study file.
    let mut keys = Vec::new();
    let mut number = 0;
    let mut declared = !input.case_studies_only;
    let limit = batch.max_file_size;
    // A file that may not be a case-study file is looked through for a declaration first,
    // so that a stray `.jsonl` log costs a read, not a check of every line. Standard input
    // cannot be read twice: its lines are checked as they come and dropped if none declares.
    if !declared && !matches!(input.source, Source::Stdin) {
        match declares_in_lines(input, limit) {
            Ok(true) => declared = true,
            Ok(false) => return skipped(input),
            Err(why) => return unreadable(input, why),
        }
    }
    let mut read_chunk = || -> Result<Vec<Line>, String> {
        let mut chunk: Vec<Line> = Vec::new();
        let mut bytes = 0;
        while bytes < CHUNK_BYTES {
            number += 1;
            match next_line(&mut reader, limit, number) {
                Ok(Some(line)) => {
                    bytes += line.1.as_ref().map_or(0, String::len);
                    chunk.push(line);
                }
                Ok(None) => break,
                Err(error) => return Err(format!("cannot be read: {error}")),
            }
        }
        Ok(chunk)
    };
    let mut next = read_chunk();
    loop {
        let chunk = match next {
            Ok(chunk) if chunk.is_empty() => break,
            Ok(chunk) => chunk,
            Err(why) => return unreadable(input, why),
        };
        declared = declared
            || chunk
                .iter()
                .any(|(_, text)| text.as_deref().is_ok_and(super::declares_case_study));
        // The next chunk is read on this thread while the others check this one.
        let (read, checked_lines) = super::both(&mut read_chunk, || {
            super::map_in_order(&chunk, |(line, text)| {
                let (document_findings, document_keys) = match text {
                    Ok(text) if text.trim().is_empty() => (Vec::new(), None),
                    Ok(text) => check_text(
                        batch,
                        text.trim_end_matches(['\n', '\r']),
                        Format::Json,
                        visit,
                    ),
                    Err((why, column)) => {
                        let mut finding = Diagnostic::new(RuleCode::Syntax, "", why.clone());
                        finding.column = *column;
                        (vec![finding], None)
                    }
                };
                // A document is one line: its findings are on that line of the file.
                let document_findings: Vec<Diagnostic> = document_findings
                    .into_iter()
                    .map(|mut finding| {
                        finding.line = Some(*line);
                        finding
                    })
                    .collect();
                (
                    document_findings,
                    document_keys.map(|keys| (Some(*line), keys)),
                )
            })
        });
        next = read;
        let mut findings = Vec::new();
        for (document_findings, document_keys) in checked_lines {
            findings.extend(document_findings);
            keys.extend(document_keys);
        }
        // The findings go to the file's outcome a chunk at a time, so that they are not
        // all held whatever their number (see `KeptOutcomes::grow`).
        out.findings(findings);
        if declared {
            for (line, document_keys) in keys.drain(..) {
                out.keys(line.unwrap_or(0), document_keys);
            }
        }
    }
    if !declared {
        return skipped(input);
    }
    checked(input, Report::default(), Vec::new())
}

/// True when a line of a `.jsonl` input declares a case study (see
/// [`declares_case_study`](super::declares_case_study)).
fn declares_in_lines(input: &Input, limit: u64) -> Result<bool, String> {
    let mut reader = open_stream(input)?;
    for number in 1.. {
        match next_line(&mut reader, limit, number) {
            Ok(Some((_, Ok(text)))) if super::declares_case_study(&text) => return Ok(true),
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(error) => return Err(format!("cannot be read: {error}")),
        }
    }
    Ok(false)
}

/// Gives the findings across files of one input their positions, reading it once more:
/// they are rare, so texts are not kept for them. `group` is sorted by line; the result
/// has one entry per document, with its line in a `.jsonl` file.
pub(super) fn place_across(
    input: &Input,
    limit: u64,
    group: Vec<(usize, Option<usize>, Diagnostic)>,
    kept_stdin: Option<&[u8]>,
) -> Vec<(Option<usize>, Vec<Diagnostic>)> {
    let mut documents: Vec<(Option<usize>, Vec<Diagnostic>)> = Vec::new();
    for (_, line, finding) in group {
        match documents.last_mut() {
            Some((last, findings)) if *last == line => findings.push(finding),
            _ => documents.push((line, vec![finding])),
        }
    }
    match input.layout {
        Layout::Single(format) => {
            let bytes = match kept_stdin {
                Some(kept) => Ok(kept.to_vec()),
                None => read_whole(input, limit),
            };
            if let Some((_, findings)) = documents.first_mut()
                && let Ok(bytes) = bytes
                && let Ok(text) = std::str::from_utf8(&bytes)
            {
                locate_findings(text, format, findings);
            }
        }
        Layout::JsonLines => {
            // One pass over the file for all its documents, in line order, each line read
            // within the limit as when it was checked (a line over it is never held).
            let Ok(mut reader) = open_stream(input) else {
                return documents;
            };
            let mut number = 0;
            for (line, findings) in &mut documents {
                let Some(wanted) = *line else { continue };
                let text = loop {
                    number += 1;
                    match next_line(&mut reader, limit, number) {
                        Ok(Some((_, text))) if number == wanted => break text.ok(),
                        Ok(Some(_)) => {}
                        Ok(None) | Err(_) => break None,
                    }
                };
                if let Some(text) = text {
                    locate_findings(text.trim_end_matches(['\n', '\r']), Format::Json, findings);
                }
            }
        }
    }
    documents
}
