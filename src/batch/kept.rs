//! The outcomes a batch keeps, in bounded memory: in memory up to a budget, and past it in
//! an anonymous temporary file, so that a repository where every file has findings does
//! not hold them all (about a kilobyte a file) until the report is written.
//!
//! A file checked a part at a time (a `.jsonl` file) is written there as its parts are
//! checked ([`Growing`]), the checks across files merge their findings into it as it is
//! read ([`KeptOutcomes::add_findings`]), and the report writers read it one finding at a
//! time ([`KeptOutcomes::open`]): however many findings one file has, they are never all
//! in memory at once.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::FileOutcome;
use super::names::{read_number, write_number};
use crate::validate::{Diagnostic, Report, RuleCode, Severity};

/// How many bytes of findings a batch keeps in memory by default before it moves the
/// next ones to a temporary file: 4 MiB, some three thousand files with a few findings
/// each.
pub const DEFAULT_FINDINGS_IN_MEMORY: usize = 4 << 20;

/// The outcomes of the files that are not a report with no finding, each with the index
/// of its file, in order.
#[derive(Clone)]
pub(crate) struct KeptOutcomes {
    entries: Vec<(usize, Kept)>,
    /// The estimated bytes of the outcomes held in memory.
    in_memory: usize,
    budget: usize,
    spill: Spill,
}

/// One outcome kept: 32 bytes, as many as a file whose findings moved costs.
#[derive(Clone, Debug)]
enum Kept {
    Here(Box<FileOutcome>),
    Moved(Moved),
}

/// Where an outcome moved to the temporary file is, and its counts, so that totals need
/// not read it back.
#[derive(Clone, Copy, Debug)]
struct Moved {
    at: u64,
    len: u64,
    tally: Tally,
}

/// What the totals need of an outcome.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tally {
    errors: u32,
    warnings: u32,
    unreadable: bool,
}

impl Tally {
    fn of(outcome: &FileOutcome) -> Self {
        let mut tally = Self::default();
        match outcome {
            FileOutcome::Checked(report) => tally.count(&report.diagnostics),
            FileOutcome::Unreadable(_) => tally.unreadable = true,
        }
        tally
    }

    /// Counts `findings` in.
    fn count(&mut self, findings: &[Diagnostic]) {
        for finding in findings {
            let count = match finding.severity {
                Severity::Error => &mut self.errors,
                Severity::Warning => &mut self.warnings,
            };
            *count = count.saturating_add(1);
        }
    }

    pub(crate) fn errors(self) -> usize {
        self.errors as usize
    }

    pub(crate) fn warnings(self) -> usize {
        self.warnings as usize
    }

    pub(crate) fn unreadable(self) -> bool {
        self.unreadable
    }

    /// As [`Report::passes`](crate::Report::passes), for an outcome that was read.
    pub(crate) fn passes(self, deny_warnings: bool) -> bool {
        !self.unreadable && self.errors == 0 && (!deny_warnings || self.warnings == 0)
    }
}

/// The temporary file, made when the budget is first passed and shared by the clones of
/// a report: what is written to it is never changed, only added to.
#[derive(Clone)]
enum Spill {
    NotYet,
    Open(Arc<SpillFile>),
    /// The file could not be made: everything stays in memory.
    Unavailable,
}

/// The temporary file is read and written at given places, never through a shared
/// position, so reading needs no lock; writing takes [`SpillFile::state`].
struct SpillFile {
    file: File,
    state: Mutex<SpillState>,
}

struct SpillState {
    /// Where the next record goes.
    end: u64,
    /// A write failed (a full disk, say), or would pass `limit`: what is in the file is
    /// still read back, and what comes after stays in memory.
    full: bool,
    /// The largest file this process may write (`ulimit -f`).
    limit: Option<u64>,
    /// The rule codes written, by their number in the file: a code defined outside this
    /// crate cannot be read back by name.
    codes: Vec<RuleCode>,
}

impl SpillFile {
    fn state(&self) -> MutexGuard<'_, SpillState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn reader(&self, at: u64, len: u64) -> BufReader<SpillReader<'_>> {
        // No larger than the record: the buffer is zeroed before its first read, and most
        // records are a few hundred bytes.
        let capacity = usize::try_from(len).map_or(BUFFER, |len| len.min(BUFFER));
        BufReader::with_capacity(
            capacity,
            SpillReader {
                file: &self.file,
                at,
                end: at.saturating_add(len),
            },
        )
    }

    /// Writes after the last record with `write`, given the file's codes. Gives where
    /// what it wrote starts and ends, and what `write` gave; or `None`: when the file is
    /// full, when the file does not end at `after` (when given), when a write fails (and
    /// the file is full from then on), or when `write` gives up (`Ok(None)`).
    fn append<T>(
        &self,
        after: Option<u64>,
        write: impl FnOnce(&mut dyn Write, &mut Vec<RuleCode>) -> io::Result<Option<T>>,
    ) -> Option<(u64, u64, T)> {
        let mut state = self.state();
        if state.full || after.is_some_and(|after| after != state.end) {
            return None;
        }
        let at = state.end;
        let mut out = BufWriter::new(SpillWriter {
            file: &self.file,
            at,
            limit: state.limit,
        });
        let written = write(&mut out, &mut state.codes).and_then(|done| {
            let writer = out.into_inner().map_err(io::IntoInnerError::into_error)?;
            Ok(done.map(|done| (writer.at, done)))
        });
        match written {
            Ok(Some((end, done))) => {
                state.end = end;
                Some((at, end, done))
            }
            Ok(None) => None,
            Err(_) => {
                state.full = true;
                None
            }
        }
    }

    /// The finding of the block `input` is at.
    fn read_finding(&self, input: &mut impl Read) -> io::Result<Diagnostic> {
        // The block is read before the lock is taken: reading needs none.
        let bytes = read_block(input)?;
        decode_finding(&bytes, &self.state().codes).ok_or_else(broken)
    }
}

/// The buffer of a reader of the temporary file, at most.
const BUFFER: usize = 8 << 10;

/// Reads a stretch of the temporary file from its own place.
struct SpillReader<'f> {
    file: &'f File,
    at: u64,
    end: u64,
}

impl Read for SpillReader<'_> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let left = usize::try_from(self.end.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let Some(buffer) = buffer.get_mut(..buffer.len().min(left)) else {
            return Ok(0);
        };
        if buffer.is_empty() {
            return Ok(0);
        }
        let read = read_at(self.file, buffer, self.at)?;
        self.at += read as u64;
        Ok(read)
    }
}

/// Writes to the temporary file from its own place. A write that would pass the file-size
/// limit is refused rather than made: made, it would end the process (`SIGXFSZ`).
struct SpillWriter<'f> {
    file: &'f File,
    at: u64,
    limit: Option<u64>,
}

impl Write for SpillWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let end = self.at.saturating_add(bytes.len() as u64);
        if self.limit.is_some_and(|limit| end > limit) {
            return Err(io::Error::other("the file-size limit would be passed"));
        }
        let written = write_at(self.file, bytes, self.at)?;
        self.at += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buffer, at)
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::write_at(file, bytes, at)
}

#[cfg(windows)]
fn read_at(file: &File, buffer: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buffer, at)
}

#[cfg(windows)]
fn write_at(file: &File, bytes: &[u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_write(file, bytes, at)
}

/// Where no file is ever made (WebAssembly): nothing to read or write.
#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> io::Result<usize> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(not(any(unix, windows)))]
fn write_at(_: &File, _: &[u8], _: u64) -> io::Result<usize> {
    Err(io::ErrorKind::Unsupported.into())
}

/// The findings of one file checked a part at a time (a `.jsonl` file, a chunk of lines
/// at a time), to be kept as one outcome: in memory while they and the outcomes kept fit
/// in the budget, and past it written to the temporary file as they come.
#[derive(Debug, Default)]
pub(crate) struct Growing {
    /// The findings not written, and about what they take in memory.
    findings: Vec<Diagnostic>,
    weight: usize,
    written: Option<Written>,
}

/// The part of a [`Growing`] outcome in the temporary file: a record whose count of
/// findings is set when the last is written.
#[derive(Debug, Clone, Copy)]
struct Written {
    at: u64,
    end: u64,
    count_at: u64,
    count: u64,
    tally: Tally,
}

impl Growing {
    /// True when no finding was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.written.is_none() && self.findings.is_empty()
    }
}

/// The message of an outcome whose findings cannot be read back.
fn not_read_back(error: &io::Error) -> String {
    format!("its findings were kept in a temporary file, which could not be read back: {error}")
}

/// An input's outcome, opened by [`BatchReport::open_files`](super::BatchReport::open_files)
/// to be read one finding at a time.
#[derive(Debug)]
#[non_exhaustive]
pub enum OpenedOutcome<'r> {
    /// It was read and checked.
    Checked {
        /// Its errors.
        errors: usize,
        /// Its warnings.
        warnings: usize,
        /// Its findings, in order, read as they are asked for.
        findings: Findings<'r>,
    },
    /// It could not be read, or was not read: why.
    Unreadable(Cow<'r, str>),
}

impl OpenedOutcome<'_> {
    /// True when the input was read and passes: no error, and no warning either when
    /// `deny_warnings` is set.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        match self {
            Self::Checked {
                errors, warnings, ..
            } => *errors == 0 && (!deny_warnings || *warnings == 0),
            Self::Unreadable(_) => false,
        }
    }
}

/// The findings of an [`OpenedOutcome`], read one at a time from where the report keeps
/// them: memory, or its temporary file.
///
/// # Errors
///
/// An item is an error when findings kept in the temporary file cannot be read back, which
/// happens only when something outside the process changes or truncates that file; no
/// finding comes after it.
pub struct Findings<'r>(FindingsFrom<'r>);

impl std::fmt::Debug for Findings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Findings")
    }
}

enum FindingsFrom<'r> {
    Here(std::slice::Iter<'r, Diagnostic>),
    Owned(std::vec::IntoIter<Diagnostic>),
    Moved {
        spill: &'r SpillFile,
        input: BufReader<SpillReader<'r>>,
        left: u64,
    },
}

impl<'r> Iterator for Findings<'r> {
    type Item = io::Result<Cow<'r, Diagnostic>>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.0 {
            FindingsFrom::Here(findings) => {
                findings.next().map(|finding| Ok(Cow::Borrowed(finding)))
            }
            FindingsFrom::Owned(findings) => findings.next().map(|finding| Ok(Cow::Owned(finding))),
            FindingsFrom::Moved { spill, input, left } => {
                *left = left.checked_sub(1)?;
                let finding = spill.read_finding(input).map_err(|error| {
                    *left = 0;
                    io::Error::other(not_read_back(&error))
                });
                Some(finding.map(Cow::Owned))
            }
        }
    }
}

/// The order of a file's findings: by line, then column, those without a line last.
fn by_place(finding: &Diagnostic) -> (bool, Option<usize>, Option<usize>) {
    (finding.line.is_none(), finding.line, finding.column)
}

/// The line part of [`by_place`].
fn by_line(finding: &Diagnostic) -> (bool, Option<usize>) {
    (finding.line.is_none(), finding.line)
}

impl KeptOutcomes {
    pub(crate) fn new(budget: usize) -> Self {
        Self {
            entries: Vec::new(),
            in_memory: 0,
            budget,
            spill: Spill::NotYet,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Adds the outcome of the file at `index`, after the others.
    pub(crate) fn push(&mut self, index: usize, outcome: FileOutcome) {
        let kept = self.store(outcome);
        self.entries.push((index, kept));
    }

    /// Adds `findings` to `growing`, and writes what it holds to the temporary file once it
    /// and the outcomes kept pass the budget. Nothing else may be pushed meanwhile: a file's
    /// outcome is one record, and the next one written is the rest of this one.
    pub(crate) fn grow(&mut self, growing: &mut Growing, findings: Vec<Diagnostic>) {
        growing.weight += findings_weight(&findings);
        growing.findings.extend(findings);
        if self.in_memory.saturating_add(growing.weight) > self.budget {
            self.write_growing(growing);
        }
    }

    /// Adds the outcome of the file at `index`, whose findings `growing` holds or wrote.
    pub(crate) fn push_grown(&mut self, index: usize, mut growing: Growing) {
        if growing.written.is_some() && !growing.findings.is_empty() {
            // The last findings go after the others whatever the budget: one record.
            self.write_growing(&mut growing);
        }
        let Growing {
            mut findings,
            written,
            ..
        } = growing;
        let Some(written) = written else {
            self.push(index, FileOutcome::Checked(Report::new(findings)));
            return;
        };
        let finished = match &self.spill {
            Spill::Open(spill) if findings.is_empty() => set_count(spill, written),
            _ => Err(io::Error::other("the temporary file is full")),
        };
        let kept = match finished {
            Ok(()) => Kept::Moved(Moved {
                at: written.at,
                len: written.end - written.at,
                tally: written.tally,
            }),
            // The file filled up before the last findings: the outcome is kept in memory.
            Err(_) => {
                let outcome = match self.read_written(written) {
                    Ok(mut first) => {
                        first.append(&mut findings);
                        FileOutcome::Checked(Report::new(first))
                    }
                    Err(error) => FileOutcome::Unreadable(not_read_back(&error)),
                };
                self.store(outcome)
            }
        };
        self.entries.push((index, kept));
    }

    /// Writes the findings `growing` holds after those it wrote; they stay in it when they
    /// cannot be written.
    fn write_growing(&mut self, growing: &mut Growing) {
        let Some(spill) = self.open_spill() else {
            return;
        };
        let findings = &growing.findings;
        let appended = match growing.written {
            // Only the next record written can continue this one.
            Some(written) => spill.append(Some(written.end), |out, codes| {
                encode_findings(findings.iter(), codes, out)?;
                Ok(Some(()))
            }),
            None => spill.append(None, |out, codes| {
                write_header(out, crate::CODE_TABLES_VERSION, 0)?;
                encode_findings(findings.iter(), codes, out)?;
                Ok(Some(()))
            }),
        };
        let Some((at, end, ())) = appended else {
            return;
        };
        let written = growing.written.get_or_insert(Written {
            at,
            end,
            count_at: count_at(at, crate::CODE_TABLES_VERSION),
            count: 0,
            tally: Tally::default(),
        });
        written.end = end;
        written.count += findings.len() as u64;
        written.tally.count(findings);
        growing.findings.clear();
        growing.weight = 0;
    }

    /// The findings of a [`Written`] record whose count was not set.
    fn read_written(&self, written: Written) -> io::Result<Vec<Diagnostic>> {
        let Spill::Open(spill) = &self.spill else {
            return Err(io::Error::other("the temporary file is gone"));
        };
        let mut input = spill.reader(written.at, written.end - written.at);
        if read_header(&mut input)?.is_none() {
            return Err(broken());
        }
        (0..written.count)
            .map(|_| spill.read_finding(&mut input))
            .collect()
    }

    /// Keeps `outcome` in memory, or in the temporary file once the budget is spent.
    fn store(&mut self, outcome: FileOutcome) -> Kept {
        let weight = weight(&outcome);
        if self.in_memory.saturating_add(weight) > self.budget
            && let Some(moved) = self.move_out(&outcome)
        {
            return Kept::Moved(moved);
        }
        self.in_memory += weight;
        Kept::Here(Box::new(outcome))
    }

    /// The outcome at the `position`th entry, with its file's index.
    pub(crate) fn entry(&self, position: usize) -> Option<(usize, FileOutcome)> {
        let (index, kept) = self.entries.get(position)?;
        Some((*index, self.read(kept)))
    }

    /// The outcome at the `position`th entry, opened to be read one finding at a time; a
    /// clean one for a file with no entry (`None`).
    pub(crate) fn open(&self, position: Option<usize>) -> OpenedOutcome<'_> {
        let checked = |tally: Tally, findings| OpenedOutcome::Checked {
            errors: tally.errors(),
            warnings: tally.warnings(),
            findings: Findings(findings),
        };
        let owned = |outcome: FileOutcome| {
            let tally = Tally::of(&outcome);
            match outcome {
                FileOutcome::Unreadable(why) => OpenedOutcome::Unreadable(Cow::Owned(why)),
                FileOutcome::Checked(report) => {
                    checked(tally, FindingsFrom::Owned(report.diagnostics.into_iter()))
                }
            }
        };
        match position
            .and_then(|position| self.entries.get(position))
            .map(|(_, kept)| kept)
        {
            None => checked(Tally::default(), FindingsFrom::Here([].iter())),
            Some(Kept::Here(outcome)) => match &**outcome {
                FileOutcome::Unreadable(why) => OpenedOutcome::Unreadable(Cow::Borrowed(why)),
                FileOutcome::Checked(report) => checked(
                    Tally::of(outcome),
                    FindingsFrom::Here(report.diagnostics.iter()),
                ),
            },
            Some(kept @ Kept::Moved(moved)) if moved.tally.unreadable => owned(self.read(kept)),
            Some(Kept::Moved(moved)) => {
                let Spill::Open(spill) = &self.spill else {
                    return owned(self.read(&Kept::Moved(*moved)));
                };
                let mut input = spill.reader(moved.at, moved.len);
                match read_header(&mut input) {
                    Ok(Some(count)) => checked(
                        moved.tally,
                        FindingsFrom::Moved {
                            spill,
                            input,
                            left: count,
                        },
                    ),
                    Ok(None) => OpenedOutcome::Unreadable(Cow::Owned(not_read_back(&broken()))),
                    Err(error) => OpenedOutcome::Unreadable(Cow::Owned(not_read_back(&error))),
                }
            }
        }
    }

    /// The position of the entry of the file at `index`.
    pub(crate) fn position_of(&self, index: usize) -> Option<usize> {
        self.entries
            .binary_search_by_key(&index, |(file, _)| *file)
            .ok()
    }

    /// The index of the file of the `position`th entry.
    pub(crate) fn index_at(&self, position: usize) -> Option<usize> {
        self.entries.get(position).map(|(index, _)| *index)
    }

    pub(crate) fn tallies(&self) -> impl Iterator<Item = Tally> + '_ {
        self.entries.iter().map(|(_, kept)| match kept {
            Kept::Here(outcome) => Tally::of(outcome),
            Kept::Moved(moved) => moved.tally,
        })
    }

    /// Adds findings to the files at their indexes (in order), each file's findings then
    /// sorted by their place, stably. A file with no outcome kept is given one.
    ///
    /// An outcome in the temporary file is merged as it is read, a line at a time, into a
    /// new record: a `.jsonl` file with a million lines is never read whole into memory.
    pub(crate) fn add_findings(&mut self, found: Vec<(usize, Vec<Diagnostic>)>) {
        let mut in_memory = Vec::new();
        for (index, findings) in found {
            let position = self.position_of(index);
            let merged = match position.and_then(|position| self.entries.get(position)) {
                Some((_, Kept::Moved(moved))) if !moved.tally.unreadable => {
                    self.merge(*moved, &findings)
                }
                _ => None,
            };
            let entry = position.and_then(|position| self.entries.get_mut(position));
            match (merged, entry) {
                (Some(merged), Some(entry)) => entry.1 = Kept::Moved(merged),
                _ => in_memory.push((index, findings)),
            }
        }
        self.change(
            in_memory,
            |outcome, findings| {
                if let FileOutcome::Checked(report) = outcome {
                    report.diagnostics.extend(findings);
                    report.diagnostics.sort_by_key(by_place);
                }
            },
            |outcome| !super::is_clean(outcome),
        );
    }

    /// Writes a new record of the outcome at `moved` with `added` among its findings, as
    /// [`add_findings`](Self::add_findings) orders them. The record's findings are read a
    /// line at a time, which gives that order when their lines never go down, as in a
    /// `.jsonl` file's record; `None` when they do, or the record cannot be read or written.
    fn merge(&self, moved: Moved, added: &[Diagnostic]) -> Option<Moved> {
        let Spill::Open(spill) = &self.spill else {
            return None;
        };
        let mut added: Vec<&Diagnostic> = added.iter().collect();
        added.sort_by_key(|finding| by_line(finding));
        let mut added = added.into_iter().peekable();
        let mut input = spill.reader(moved.at, moved.len);
        let (code_tables, count) = match read_tag(&mut input).ok()? {
            CHECKED => read_checked_header(&mut input).ok()?,
            _ => return None,
        };
        let (at, end, (count, tally)) = spill.append(None, |out, codes| {
            write_header(out, &code_tables, 0)?;
            let mut tally = Tally::default();
            let mut written = 0_u64;
            let mut write_line = |line: &mut Vec<Diagnostic>, codes: &mut Vec<RuleCode>| {
                line.sort_by_key(by_place);
                tally.count(line);
                written += line.len() as u64;
                encode_findings(line.iter(), codes, out)?;
                line.clear();
                io::Result::Ok(())
            };
            let mut left = count;
            let mut read_old = |codes: &[RuleCode]| {
                if left == 0 {
                    return Ok(None);
                }
                left -= 1;
                read_finding_with(&mut input, codes).map(Some)
            };
            let mut line = Vec::new();
            let mut next = read_old(codes)?;
            let mut previous = None;
            while let Some(first) = next.take() {
                let key = by_line(&first);
                if previous.is_some_and(|previous| key < previous) {
                    // The record's lines go down: merged a line at a time, it would not
                    // be in order.
                    return Ok(None);
                }
                previous = Some(key);
                while let Some(earlier) = added.peek().map(|f| by_line(f)).filter(|k| *k < key) {
                    take_line(&mut added, earlier, &mut line);
                    write_line(&mut line, codes)?;
                }
                line.push(first);
                next = loop {
                    match read_old(codes)? {
                        Some(finding) if by_line(&finding) == key => line.push(finding),
                        other => break other,
                    }
                };
                take_line(&mut added, key, &mut line);
                write_line(&mut line, codes)?;
            }
            while let Some(key) = added.peek().map(|f| by_line(f)) {
                take_line(&mut added, key, &mut line);
                write_line(&mut line, codes)?;
            }
            Ok(Some((written, tally)))
        })?;
        let merged = Written {
            at,
            end,
            count_at: count_at(at, &code_tables),
            count,
            tally,
        };
        set_count(spill, merged).ok()?;
        Some(Moved {
            at,
            len: end - at,
            tally,
        })
    }

    /// Replaces the outcome of each file of `changes` by what `change` makes of it; a
    /// file with no outcome kept is given a clean one, kept if `keep` accepts it. The
    /// outcomes not changed stay where they are, in memory or in the temporary file, and
    /// the entries are changed in place: a copy of them is what a batch of a million files
    /// would hold at its end.
    pub(crate) fn change<T>(
        &mut self,
        changes: impl IntoIterator<Item = (usize, T)>,
        mut change: impl FnMut(&mut FileOutcome, T),
        keep: impl Fn(&FileOutcome) -> bool,
    ) {
        let mut added = Vec::new();
        for (index, what) in changes {
            let position = self.position_of(index);
            let mut outcome = match position {
                Some(position) => self.take(position),
                None => FileOutcome::Checked(Report::default()),
            };
            change(&mut outcome, what);
            match position {
                Some(position) => {
                    let kept = self.store(outcome);
                    if let Some(entry) = self.entries.get_mut(position) {
                        entry.1 = kept;
                    }
                }
                None if keep(&outcome) => {
                    let kept = self.store(outcome);
                    added.push((index, kept));
                }
                None => {}
            }
        }
        if !added.is_empty() {
            self.entries.extend(added);
            // In place: the indexes are distinct, so order is all there is to keep.
            self.entries.sort_unstable_by_key(|(index, _)| *index);
        }
    }

    /// Moves each outcome to the index `renumber` gives, which keeps their order.
    pub(crate) fn renumber(&mut self, mut renumber: impl FnMut(usize) -> usize) {
        for (index, _) in &mut self.entries {
            *index = renumber(*index);
        }
    }

    /// The outcome at `position`, taken out of memory rather than copied (its entry is to
    /// be given another).
    fn take(&mut self, position: usize) -> FileOutcome {
        let moved = match self.entries.get_mut(position) {
            Some((_, Kept::Here(outcome))) => {
                let outcome =
                    std::mem::replace(&mut **outcome, FileOutcome::Unreadable(String::new()));
                self.in_memory = self.in_memory.saturating_sub(weight(&outcome));
                return outcome;
            }
            Some((_, Kept::Moved(moved))) => *moved,
            None => return FileOutcome::Checked(Report::default()),
        };
        self.read(&Kept::Moved(moved))
    }

    fn read(&self, kept: &Kept) -> FileOutcome {
        match kept {
            Kept::Here(outcome) => FileOutcome::clone(outcome),
            Kept::Moved(moved) => self
                .read_back(*moved)
                .unwrap_or_else(|error| FileOutcome::Unreadable(not_read_back(&error))),
        }
    }

    fn read_back(&self, moved: Moved) -> io::Result<FileOutcome> {
        let Spill::Open(spill) = &self.spill else {
            return Err(io::Error::other("the temporary file is gone"));
        };
        // Read as it is decoded: a `.jsonl` file's outcome can be as large as its findings.
        decode(&mut spill.reader(moved.at, moved.len), |input| {
            spill.read_finding(input)
        })
    }

    /// The temporary file, made if need be; `None` when it cannot be made.
    fn open_spill(&mut self) -> Option<Arc<SpillFile>> {
        if matches!(self.spill, Spill::NotYet) {
            self.spill = match temporary_file() {
                Ok(file) => Spill::Open(Arc::new(SpillFile {
                    file,
                    state: Mutex::new(SpillState {
                        end: 0,
                        full: false,
                        limit: file_size_limit(),
                        codes: Vec::new(),
                    }),
                })),
                Err(_) => Spill::Unavailable,
            };
        }
        match &self.spill {
            Spill::Open(spill) => Some(Arc::clone(spill)),
            _ => None,
        }
    }

    /// Writes `outcome` to the temporary file, made if need be; `None` when it cannot be
    /// made or written, and then nothing more is written to it.
    fn move_out(&mut self, outcome: &FileOutcome) -> Option<Moved> {
        let spill = self.open_spill()?;
        let (at, end, ()) = spill.append(None, |out, codes| {
            encode(outcome, codes, out)?;
            Ok(Some(()))
        })?;
        Some(Moved {
            at,
            len: end - at,
            tally: Tally::of(outcome),
        })
    }
}

/// The lines of `added` at `line`, put after those of `group`.
fn take_line<'d>(
    added: &mut std::iter::Peekable<impl Iterator<Item = &'d Diagnostic>>,
    line: (bool, Option<usize>),
    group: &mut Vec<Diagnostic>,
) {
    while let Some(finding) = added.next_if(|finding| by_line(finding) == line) {
        group.push(finding.clone());
    }
}

/// Sets the count of findings of a record written a part at a time.
fn set_count(spill: &SpillFile, written: Written) -> io::Result<()> {
    // Writes are made under the lock, whatever their place.
    let state = spill.state();
    SpillWriter {
        file: &spill.file,
        at: written.count_at,
        limit: state.limit,
    }
    .write_all(&written.count.to_le_bytes())
}

/// Where the count of findings of a report's record at `at` is.
fn count_at(at: u64, code_tables: &str) -> u64 {
    at + 1 + 8 + code_tables.len() as u64
}

impl Default for KeptOutcomes {
    fn default() -> Self {
        Self::new(DEFAULT_FINDINGS_IN_MEMORY)
    }
}

impl PartialEq for KeptOutcomes {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && (0..self.len()).all(|position| self.entry(position) == other.entry(position))
    }
}

impl Eq for KeptOutcomes {}

impl std::fmt::Debug for KeptOutcomes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries((0..self.len()).filter_map(|position| self.entry(position)))
            .finish()
    }
}

#[cfg(feature = "fs")]
fn temporary_file() -> io::Result<File> {
    tempfile::tempfile()
}

#[cfg(all(feature = "fs", unix))]
fn file_size_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Fsize).current
}

#[cfg(not(all(feature = "fs", unix)))]
fn file_size_limit() -> Option<u64> {
    None
}

/// Without the `fs` feature (in WebAssembly, say) nothing is written to disk.
#[cfg(not(feature = "fs"))]
fn temporary_file() -> io::Result<File> {
    Err(io::ErrorKind::Unsupported.into())
}

/// About what findings take in memory.
fn findings_weight(findings: &[Diagnostic]) -> usize {
    findings
        .iter()
        .map(|finding| {
            size_of::<Diagnostic>()
                + finding.pointer.capacity()
                + finding.message.capacity()
                + finding.key_of.as_ref().map_or(0, String::capacity)
        })
        .sum()
}

/// About what an outcome takes in memory.
fn weight(outcome: &FileOutcome) -> usize {
    let texts = match outcome {
        FileOutcome::Checked(report) => findings_weight(&report.diagnostics),
        FileOutcome::Unreadable(why) => why.capacity(),
    };
    size_of::<(usize, Kept)>() + size_of::<FileOutcome>() + texts
}

const CHECKED: u8 = 0;
const UNREADABLE: u8 = 1;

fn broken() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "its bytes do not decode")
}

/// Writes an outcome: a tag; for a report, its code tables and its count of findings, then
/// each finding as a block of its own (see [`encode_finding`]), so that no more than one
/// finding is ever held as bytes.
fn encode(outcome: &FileOutcome, codes: &mut Vec<RuleCode>, out: &mut dyn Write) -> io::Result<()> {
    match outcome {
        FileOutcome::Unreadable(why) => {
            out.write_all(&[UNREADABLE])?;
            write_block(out, why.as_bytes())
        }
        FileOutcome::Checked(report) => {
            write_header(out, &report.code_tables, report.diagnostics.len() as u64)?;
            encode_findings(report.diagnostics.iter(), codes, out)
        }
    }
}

/// Writes the start of a report's record: its tag, code tables and count of findings.
fn write_header(out: &mut dyn Write, code_tables: &str, count: u64) -> io::Result<()> {
    out.write_all(&[CHECKED])?;
    write_block(out, code_tables.as_bytes())?;
    out.write_all(&count.to_le_bytes())
}

fn encode_findings<'d>(
    findings: impl Iterator<Item = &'d Diagnostic>,
    codes: &mut Vec<RuleCode>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut bytes = Vec::new();
    for finding in findings {
        bytes.clear();
        encode_finding(finding, codes, &mut bytes);
        write_block(out, &bytes)?;
    }
    Ok(())
}

/// Reads back what [`encode`] wrote, to its last byte, each finding with `read_finding`.
fn decode<R: Read>(
    input: &mut R,
    mut read_finding: impl FnMut(&mut R) -> io::Result<Diagnostic>,
) -> io::Result<FileOutcome> {
    let outcome = match read_tag(input)? {
        UNREADABLE => FileOutcome::Unreadable(text_of(read_block(input)?)?),
        CHECKED => {
            let (code_tables, count) = read_checked_header(input)?;
            let diagnostics = (0..count)
                .map(|_| read_finding(input))
                .collect::<io::Result<_>>()?;
            FileOutcome::Checked(Report {
                diagnostics,
                code_tables,
            })
        }
        _ => return Err(broken()),
    };
    match input.read(&mut [0])? {
        0 => Ok(outcome),
        _ => Err(broken()),
    }
}

fn read_tag(input: &mut impl Read) -> io::Result<u8> {
    let mut tag = [0];
    input.read_exact(&mut tag)?;
    Ok(tag[0])
}

/// Reads what follows a report's tag: its code tables and count of findings.
fn read_checked_header(input: &mut impl Read) -> io::Result<(Cow<'static, str>, u64)> {
    let code_tables = match text_of(read_block(input)?)? {
        same if same == crate::CODE_TABLES_VERSION => Cow::Borrowed(crate::CODE_TABLES_VERSION),
        other => Cow::Owned(other),
    };
    Ok((code_tables, read_u64(input)?))
}

/// Reads the start of a record: the count of findings of a report, `None` for a file that
/// could not be read.
fn read_header(input: &mut impl Read) -> io::Result<Option<u64>> {
    match read_tag(input)? {
        CHECKED => Ok(Some(read_checked_header(input)?.1)),
        UNREADABLE => Ok(None),
        _ => Err(broken()),
    }
}

fn text_of(bytes: Vec<u8>) -> io::Result<String> {
    String::from_utf8(bytes).map_err(|_| broken())
}

/// Reads the finding of the block `input` is at, its codes numbered in `codes`.
fn read_finding_with(input: &mut impl Read, codes: &[RuleCode]) -> io::Result<Diagnostic> {
    decode_finding(&read_block(input)?, codes).ok_or_else(broken)
}

fn write_block(out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

fn read_u64(input: &mut impl Read) -> io::Result<u64> {
    let mut number = [0; 8];
    input.read_exact(&mut number)?;
    Ok(u64::from_le_bytes(number))
}

fn read_block(input: &mut impl Read) -> io::Result<Vec<u8>> {
    let len = read_u64(input)?;
    let mut bytes = Vec::new();
    // Grown as it is read, so that a broken length cannot ask for more than there is.
    input.take(len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 == len {
        Ok(bytes)
    } else {
        Err(io::ErrorKind::UnexpectedEof.into())
    }
}

/// Writes a finding as bytes: its rule as its number in `codes`, its severity, line and
/// column as LEB128 numbers, then its texts as their length and bytes.
fn encode_finding(finding: &Diagnostic, codes: &mut Vec<RuleCode>, bytes: &mut Vec<u8>) {
    let text = |bytes: &mut Vec<u8>, text: &str| {
        write_number(bytes, text.len());
        bytes.extend_from_slice(text.as_bytes());
    };
    let code = codes
        .iter()
        .position(|code| *code == finding.code)
        .unwrap_or_else(|| {
            codes.push(finding.code);
            codes.len() - 1
        });
    write_number(bytes, code);
    bytes.push(
        u8::from(finding.severity == Severity::Error)
            | (u8::from(finding.softened) << 1)
            | (u8::from(finding.counts_more) << 2),
    );
    for place in [finding.line, finding.column] {
        // 0 for none, else the number and one.
        write_number(bytes, place.map_or(0, |place| place.saturating_add(1)));
    }
    text(bytes, &finding.pointer);
    text(bytes, &finding.message);
    match &finding.key_of {
        Some(member) => {
            bytes.push(1);
            text(bytes, member);
        }
        None => bytes.push(0),
    }
}

/// Reads back what [`encode_finding`] wrote; `None` if the bytes are not such.
fn decode_finding(mut bytes: &[u8], codes: &[RuleCode]) -> Option<Diagnostic> {
    let bytes = &mut bytes;
    let code = *codes.get(read_number(bytes)?)?;
    let flags = byte(bytes)?;
    let mut place = || read_number(bytes).map(|place| place.checked_sub(1));
    let (line, column) = (place()?, place()?);
    let pointer = text(bytes)?.to_owned();
    let message = text(bytes)?.to_owned();
    let key_of = match byte(bytes)? {
        0 => None,
        _ => Some(text(bytes)?.to_owned()),
    };
    let finding = Diagnostic {
        code,
        severity: if flags & 1 == 1 {
            Severity::Error
        } else {
            Severity::Warning
        },
        pointer,
        message,
        line,
        column,
        key_of,
        softened: flags & 2 == 2,
        counts_more: flags & 4 == 4,
    };
    bytes.is_empty().then_some(finding)
}

fn byte(bytes: &mut &[u8]) -> Option<u8> {
    let (&first, rest) = bytes.split_first()?;
    *bytes = rest;
    Some(first)
}

fn text<'a>(bytes: &mut &'a [u8]) -> Option<&'a str> {
    let len = read_number(bytes)?;
    let (text, rest) = bytes.split_at_checked(len)?;
    *bytes = rest;
    std::str::from_utf8(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{CustomRule, Explanation};

    #[test]
    fn an_outcome_kept_takes_what_its_documentation_says() {
        assert_eq!(size_of::<Kept>(), 32);
    }

    #[test]
    fn every_field_of_an_outcome_comes_back_from_its_bytes() {
        static OWN: CustomRule = CustomRule {
            code: "own-rule",
            severity: Severity::Warning,
            summary: "a rule of a profile",
            explanation: Explanation {
                why: "",
                problem: "",
                fix: "",
            },
        };
        let mut finding = Diagnostic::new(
            RuleCode::UnknownKey,
            "/pairing/colour",
            "unknown key `colour` \u{1f600}",
        )
        .on_key("/pairing".to_owned());
        finding.line = Some(66);
        finding.column = Some(0);
        let mut other = Diagnostic::new(RuleCode::Custom(&OWN), "", "").softened();
        other.line = Some(usize::MAX - 1);
        let outcomes = [
            FileOutcome::Checked(Report::new(vec![finding, other])),
            FileOutcome::Checked(Report {
                diagnostics: Vec::new(),
                code_tables: Cow::Owned("ISO 3166-1 (older)".to_owned()),
            }),
            FileOutcome::Unreadable("not found".to_owned()),
        ];
        let mut codes = Vec::new();
        for outcome in &outcomes {
            let mut bytes = Vec::new();
            encode(outcome, &mut codes, &mut bytes).unwrap();
            let decoded =
                |mut bytes: &[u8]| decode(&mut bytes, |input| read_finding_with(input, &codes));
            assert_eq!(&decoded(&bytes).unwrap(), outcome);
            // Every shorter prefix, and a byte more, are refused, not misread.
            for end in 0..bytes.len() {
                assert!(decoded(&bytes[..end]).is_err(), "{end} bytes");
            }
            bytes.push(0);
            assert!(decoded(&bytes).is_err());
        }
        assert_eq!(codes, [RuleCode::UnknownKey, RuleCode::Custom(&OWN)]);
    }

    #[cfg(feature = "fs")]
    fn finding(n: usize) -> FileOutcome {
        FileOutcome::Checked(Report::new(vec![Diagnostic::new(
            RuleCode::UnknownCountry,
            format!("/regions/{n}/country"),
            "\"XQ\" is not an assigned country code",
        )]))
    }

    #[cfg(feature = "fs")]
    fn moved(kept: &KeptOutcomes) -> usize {
        kept.entries
            .iter()
            .filter(|(_, kept)| matches!(kept, Kept::Moved(_)))
            .count()
    }

    #[cfg(feature = "fs")]
    #[test]
    fn outcomes_past_the_budget_move_to_the_temporary_file_and_stay_there() {
        let mut kept = KeptOutcomes::new(weight(&finding(0)));
        for n in 0..4 {
            kept.push(n * 2, finding(n));
        }
        let written = |kept: &KeptOutcomes| match &kept.spill {
            Spill::Open(spill) => spill.state().end,
            _ => 0,
        };
        assert_eq!(moved(&kept), 3);
        let before = written(&kept);
        for n in 0..4 {
            assert_eq!(kept.entry(n), Some((n * 2, finding(n))));
        }
        // A change rewrites only the outcomes it changes.
        let mut changed = kept.clone();
        changed.change(
            [(3, ()), (4, ())],
            |outcome, ()| *outcome = finding(9),
            |_| true,
        );
        assert_eq!(changed.len(), 5);
        assert_eq!(changed.entry(2), Some((3, finding(9))));
        assert_eq!(changed.entry(3), Some((4, finding(9))));
        assert_eq!(changed.entry(4), Some((6, finding(3))));
        assert_eq!(moved(&changed), 4);
        assert_eq!(written(&changed), before * 5 / 3);
        // A temporary file that cannot be read back gives a message, not a panic.
        if let Spill::Open(spill) = &kept.spill {
            spill.file.set_len(0).unwrap();
        }
        let Some((6, FileOutcome::Unreadable(why))) = kept.entry(3) else {
            panic!("{:?}", kept.entry(3));
        };
        assert!(why.contains("could not be read back"), "{why}");
        assert_eq!(kept.entry(0), Some((0, finding(0))));
    }

    #[cfg(feature = "fs")]
    #[test]
    fn a_temporary_file_that_fills_up_keeps_what_it_holds_and_the_rest_stays_in_memory() {
        let named = tempfile::NamedTempFile::new().unwrap();
        let mut kept = KeptOutcomes::new(0);
        kept.spill = spill_at(&named);
        kept.push(0, finding(0));
        kept.push(1, finding(1));
        assert_eq!(moved(&kept), 2);
        // From now on every write fails, as on a full disk; what was written still reads.
        make_read_only(&mut kept, &named);
        kept.push(2, finding(2));
        kept.change(
            [(0, ()), (3, ())],
            |outcome, ()| *outcome = finding(9),
            |_| true,
        );
        let expected = [
            (0, finding(9)),
            (1, finding(1)),
            (2, finding(2)),
            (3, finding(9)),
        ];
        for (position, expected) in expected.into_iter().enumerate() {
            assert_eq!(kept.entry(position), Some(expected), "entry {position}");
        }
        assert_eq!(moved(&kept), 1);
        assert!(matches!(&kept.spill, Spill::Open(spill) if spill.state().full));
    }

    /// A temporary file at `named`, to be made read-only by [`make_read_only`].
    #[cfg(feature = "fs")]
    fn spill_at(named: &tempfile::NamedTempFile) -> Spill {
        Spill::Open(Arc::new(SpillFile {
            file: named.reopen().unwrap(),
            state: Mutex::new(SpillState {
                end: 0,
                full: false,
                limit: None,
                codes: Vec::new(),
            }),
        }))
    }

    #[cfg(feature = "fs")]
    fn make_read_only(kept: &mut KeptOutcomes, named: &tempfile::NamedTempFile) {
        if let Spill::Open(spill) = &mut kept.spill {
            Arc::get_mut(spill).unwrap().file = File::open(named.path()).unwrap();
        }
    }

    #[cfg(feature = "fs")]
    #[test]
    fn the_temporary_file_stays_under_the_file_size_limit() {
        let mut kept = KeptOutcomes::new(0);
        kept.push(0, finding(0));
        let Spill::Open(spill) = kept.spill.clone() else {
            panic!("no temporary file");
        };
        // Room for one more record, not two.
        let one = spill.state().end;
        spill.state().limit = Some(3 * one - 1);
        for n in 1..4 {
            kept.push(n, finding(n));
        }
        assert_eq!(moved(&kept), 2);
        let state = spill.state();
        assert!(state.full);
        assert_eq!(state.end, 2 * one);
        drop(state);
        for n in 0..4 {
            assert_eq!(kept.entry(n), Some((n, finding(n))));
        }
    }
    #[cfg(feature = "fs")]
    fn at(line: Option<usize>, column: Option<usize>, n: usize) -> Diagnostic {
        let mut finding = Diagnostic::new(
            RuleCode::UnknownCountry,
            format!("/regions/{n}/country"),
            format!("finding {n}"),
        );
        finding.line = line;
        finding.column = column;
        finding
    }

    /// The findings of the outcome at `position`, read one at a time.
    #[cfg(feature = "fs")]
    fn read_one_at_a_time(kept: &KeptOutcomes, position: usize) -> Vec<Diagnostic> {
        let OpenedOutcome::Checked { findings, .. } = kept.open(Some(position)) else {
            panic!("not checked");
        };
        findings
            .map(|finding| finding.unwrap().into_owned())
            .collect()
    }

    #[cfg(feature = "fs")]
    #[test]
    fn a_file_checked_a_part_at_a_time_is_one_outcome_wherever_it_is_kept() {
        let parts: Vec<Vec<Diagnostic>> = (0..5)
            .map(|part| {
                (0..3)
                    .map(|n| at(Some(part * 2 + 1), Some(10 - n), part * 3 + n))
                    .collect()
            })
            .collect();
        let all = parts.concat();
        let budgets = [0, findings_weight(&parts[0]) * 2 + 1, usize::MAX];
        for (budget, moved_outcomes) in budgets.into_iter().zip([3, 1, 0]) {
            let mut kept = KeptOutcomes::new(budget);
            kept.push(0, finding(0));
            let mut growing = Growing::default();
            for part in &parts {
                kept.grow(&mut growing, part.clone());
            }
            kept.push_grown(1, growing);
            kept.push(2, finding(2));
            assert_eq!(moved(&kept), moved_outcomes, "budget {budget}");
            let expected = FileOutcome::Checked(Report::new(all.clone()));
            assert_eq!(kept.entry(1), Some((1, expected)), "budget {budget}");
            assert_eq!(read_one_at_a_time(&kept, 1), all, "budget {budget}");
            let OpenedOutcome::Checked {
                errors, warnings, ..
            } = kept.open(Some(1))
            else {
                panic!("not checked");
            };
            assert_eq!((errors, warnings), (15, 0));
            assert_eq!(kept.entry(2), Some((2, finding(2))));
        }
    }

    #[cfg(feature = "fs")]
    #[test]
    fn a_growing_outcome_that_cannot_go_on_in_the_file_is_kept_whole_in_memory() {
        let parts: Vec<Vec<Diagnostic>> = (0..3)
            .map(|part| vec![at(Some(part + 1), Some(1), part)])
            .collect();
        let expected = FileOutcome::Checked(Report::new(parts.concat()));
        // Something else written after its first part: the rest cannot follow it.
        let mut kept = KeptOutcomes::new(0);
        let mut growing = Growing::default();
        kept.grow(&mut growing, parts[0].clone());
        kept.clone().push(0, finding(0));
        kept.grow(&mut growing, parts[1].clone());
        kept.grow(&mut growing, parts[2].clone());
        kept.push_grown(0, growing);
        // Whole, it is written again as one record.
        assert_eq!(moved(&kept), 1);
        assert_eq!(kept.entry(0), Some((0, expected.clone())));
        // The disk fills up after its first part.
        let named = tempfile::NamedTempFile::new().unwrap();
        let mut kept = KeptOutcomes::new(0);
        kept.spill = spill_at(&named);
        let mut growing = Growing::default();
        kept.grow(&mut growing, parts[0].clone());
        make_read_only(&mut kept, &named);
        kept.grow(&mut growing, parts[1].clone());
        kept.grow(&mut growing, parts[2].clone());
        kept.push_grown(0, growing);
        assert_eq!(moved(&kept), 0);
        assert_eq!(kept.entry(0), Some((0, expected)));
    }

    #[cfg(feature = "fs")]
    #[test]
    fn findings_added_to_an_outcome_in_the_file_are_merged_as_in_memory() {
        let old = vec![
            at(Some(2), Some(9), 0),
            at(Some(2), None, 1),
            at(Some(2), Some(3), 2),
            at(Some(4), Some(1), 3),
            at(Some(6), Some(5), 4),
            at(Some(6), Some(5), 5),
        ];
        let added = vec![
            at(Some(4), Some(1), 100),
            at(Some(1), Some(2), 101),
            at(None, None, 102),
            at(Some(3), None, 103),
            at(Some(6), Some(2), 104),
            at(Some(9), Some(1), 105),
            at(Some(2), Some(3), 106),
            at(Some(1), Some(1), 107),
        ];
        let mut expected = [old.clone(), added.clone()].concat();
        expected.sort_by_key(by_place);
        // Lines that go down cannot be merged a line at a time: the whole is sorted.
        let mut unordered = old.clone();
        unordered.reverse();
        let mut expected_unordered = [unordered.clone(), added.clone()].concat();
        expected_unordered.sort_by_key(by_place);
        let cases = [(old, expected), (unordered, expected_unordered)];
        for (old, expected) in cases {
            for budget in [0, usize::MAX] {
                let mut kept = KeptOutcomes::new(budget);
                kept.push(0, FileOutcome::Checked(Report::new(old.clone())));
                kept.push(2, FileOutcome::Unreadable("not found".to_owned()));
                if let Some((_, Kept::Moved(moved))) = kept.entries.first() {
                    // Merged as it is read when its lines never go down.
                    let ordered = old
                        .windows(2)
                        .all(|pair| by_line(&pair[0]) <= by_line(&pair[1]));
                    assert_eq!(kept.merge(*moved, &added).is_some(), ordered);
                }
                kept.add_findings(vec![
                    (0, added.clone()),
                    (1, vec![at(Some(1), None, 200)]),
                    (2, vec![at(Some(1), None, 201)]),
                ]);
                let checked =
                    |findings: Vec<Diagnostic>| FileOutcome::Checked(Report::new(findings));
                assert_eq!(kept.entry(0), Some((0, checked(expected.clone()))));
                assert_eq!(read_one_at_a_time(&kept, 0), expected);
                assert_eq!(
                    kept.entry(1),
                    Some((1, checked(vec![at(Some(1), None, 200)])))
                );
                let not_found = FileOutcome::Unreadable("not found".to_owned());
                assert_eq!(kept.entry(2), Some((2, not_found)));
                assert_eq!(moved(&kept), if budget == 0 { 3 } else { 0 });
            }
        }
    }

    #[cfg(feature = "fs")]
    #[test]
    fn an_outcome_that_cannot_be_read_back_opens_as_unreadable() {
        let mut kept = KeptOutcomes::new(0);
        kept.push(0, finding(0));
        kept.push(1, FileOutcome::Unreadable("not found".to_owned()));
        assert!(matches!(kept.open(Some(1)), OpenedOutcome::Unreadable(why) if why == "not found"));
        assert!(read_one_at_a_time(&kept, 7).is_empty());
        if let Spill::Open(spill) = &kept.spill {
            spill.file.set_len(3).unwrap();
        }
        let OpenedOutcome::Unreadable(why) = kept.open(Some(0)) else {
            panic!("read back");
        };
        assert!(why.contains("could not be read back"), "{why}");
    }
}
