//! The outcomes a batch keeps, in bounded memory: in memory up to a budget, and past it in
//! an anonymous temporary file, so that a repository where every file has findings does
//! not hold them all (about a kilobyte a file) until the report is written.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex, PoisonError};

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
        let count = |findings: usize| u32::try_from(findings).unwrap_or(u32::MAX);
        match outcome {
            FileOutcome::Checked(report) => Self {
                errors: count(report.errors().count()),
                warnings: count(report.warnings().count()),
                unreadable: false,
            },
            FileOutcome::Unreadable(_) => Self {
                unreadable: true,
                ..Self::default()
            },
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
    Open(Arc<Mutex<SpillFile>>),
    /// The file could not be made: everything stays in memory.
    Unavailable,
}

struct SpillFile {
    file: File,
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
            Kept::Moved(moved) => self.read_back(*moved).unwrap_or_else(|error| {
                FileOutcome::Unreadable(format!(
                    "its findings were kept in a temporary file, which could not be read back: {error}"
                ))
            }),
        }
    }

    fn read_back(&self, moved: Moved) -> io::Result<FileOutcome> {
        let Spill::Open(spill) = &self.spill else {
            return Err(io::Error::other("the temporary file is gone"));
        };
        let spill = spill.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file = &spill.file;
        file.seek(SeekFrom::Start(moved.at))?;
        // Read as it is decoded: a `.jsonl` file's outcome can be as large as its findings.
        decode(&mut BufReader::new(file.take(moved.len)), &spill.codes)
    }

    /// Writes `outcome` to the temporary file, made if need be; `None` when it cannot be
    /// made or written, and then nothing more is written to it.
    fn move_out(&mut self, outcome: &FileOutcome) -> Option<Moved> {
        if matches!(self.spill, Spill::NotYet) {
            self.spill = match temporary_file() {
                Ok(file) => Spill::Open(Arc::new(Mutex::new(SpillFile {
                    file,
                    end: 0,
                    full: false,
                    limit: file_size_limit(),
                    codes: Vec::new(),
                }))),
                Err(_) => Spill::Unavailable,
            };
        }
        let Spill::Open(spill) = &self.spill else {
            return None;
        };
        let mut spill = spill.lock().unwrap_or_else(PoisonError::into_inner);
        let SpillFile {
            file,
            end,
            full,
            limit,
            codes,
        } = &mut *spill;
        let past_limit =
            limit.is_some_and(|limit| end.saturating_add(encoded_len_at_most(outcome)) > limit);
        if *full || past_limit {
            *full = true;
            return None;
        }
        let at = *end;
        let written = (|| {
            let mut file = &*file;
            file.seek(SeekFrom::Start(at))?;
            let mut out = BufWriter::new(file);
            encode(outcome, codes, &mut out)?;
            out.into_inner().map_err(io::IntoInnerError::into_error)?;
            file.stream_position()
        })();
        match written {
            Ok(after) => {
                *end = after;
                Some(Moved {
                    at,
                    len: after - at,
                    tally: Tally::of(outcome),
                })
            }
            Err(_) => {
                *full = true;
                None
            }
        }
    }
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

/// About what an outcome takes in memory.
fn weight(outcome: &FileOutcome) -> usize {
    let texts = match outcome {
        FileOutcome::Checked(report) => report
            .diagnostics
            .iter()
            .map(|finding| {
                size_of::<Diagnostic>()
                    + finding.pointer.capacity()
                    + finding.message.capacity()
                    + finding.key_of.as_ref().map_or(0, String::capacity)
            })
            .sum(),
        FileOutcome::Unreadable(why) => why.capacity(),
    };
    size_of::<(usize, Kept)>() + size_of::<FileOutcome>() + texts
}

/// The most bytes [`encode`] writes for `outcome`: every number at its longest.
fn encoded_len_at_most(outcome: &FileOutcome) -> u64 {
    const NUMBER: usize = 10;
    let len = match outcome {
        FileOutcome::Unreadable(why) => 1 + 8 + why.len(),
        FileOutcome::Checked(report) => {
            let findings: usize = report
                .diagnostics
                .iter()
                .map(|finding| {
                    8 + 6 * NUMBER
                        + 2
                        + finding.pointer.len()
                        + finding.message.len()
                        + finding.key_of.as_ref().map_or(0, String::len)
                })
                .sum();
            1 + 8 + report.code_tables.len() + 8 + findings
        }
    };
    len as u64
}

const CHECKED: u8 = 0;
const UNREADABLE: u8 = 1;

/// Writes an outcome: a tag; for a report, its code tables and its count of findings, then
/// each finding as a block of its own (see [`encode_finding`]), so that no more than one
/// finding is ever held as bytes.
fn encode(
    outcome: &FileOutcome,
    codes: &mut Vec<RuleCode>,
    out: &mut impl Write,
) -> io::Result<()> {
    match outcome {
        FileOutcome::Unreadable(why) => {
            out.write_all(&[UNREADABLE])?;
            write_block(out, why.as_bytes())
        }
        FileOutcome::Checked(report) => {
            out.write_all(&[CHECKED])?;
            write_block(out, report.code_tables.as_bytes())?;
            out.write_all(&(report.diagnostics.len() as u64).to_le_bytes())?;
            let mut bytes = Vec::new();
            for finding in &report.diagnostics {
                bytes.clear();
                encode_finding(finding, codes, &mut bytes);
                write_block(out, &bytes)?;
            }
            Ok(())
        }
    }
}

/// Reads back what [`encode`] wrote, to its last byte.
fn decode(input: &mut impl Read, codes: &[RuleCode]) -> io::Result<FileOutcome> {
    let broken = || io::Error::new(io::ErrorKind::InvalidData, "its bytes do not decode");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| broken());
    let mut tag = [0];
    input.read_exact(&mut tag)?;
    let outcome = match tag {
        [UNREADABLE] => FileOutcome::Unreadable(text(read_block(input)?)?),
        [CHECKED] => {
            let code_tables = match text(read_block(input)?)? {
                same if same == crate::CODE_TABLES_VERSION => {
                    Cow::Borrowed(crate::CODE_TABLES_VERSION)
                }
                other => Cow::Owned(other),
            };
            let count = read_u64(input)?;
            let mut diagnostics = Vec::new();
            for _ in 0..count {
                let finding = decode_finding(&read_block(input)?, codes).ok_or_else(broken)?;
                diagnostics.push(finding);
            }
            FileOutcome::Checked(Report {
                diagnostics,
                code_tables,
            })
        }
        _ => return Err(broken()),
    };
    match input.read(&mut tag)? {
        0 => Ok(outcome),
        _ => Err(broken()),
    }
}

fn write_block(out: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
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
    bytes.push(u8::from(finding.severity == Severity::Error) | (u8::from(finding.softened) << 1));
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
            assert!(bytes.len() as u64 <= encoded_len_at_most(outcome));
            assert_eq!(&decode(&mut bytes.as_slice(), &codes).unwrap(), outcome);
            // Every shorter prefix, and a byte more, are refused, not misread.
            for end in 0..bytes.len() {
                assert!(decode(&mut &bytes[..end], &codes).is_err(), "{end} bytes");
            }
            bytes.push(0);
            assert!(decode(&mut bytes.as_slice(), &codes).is_err());
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
            Spill::Open(spill) => spill.lock().unwrap().end,
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
            spill.lock().unwrap().file.set_len(0).unwrap();
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
        kept.spill = Spill::Open(Arc::new(Mutex::new(SpillFile {
            file: named.reopen().unwrap(),
            end: 0,
            full: false,
            limit: None,
            codes: Vec::new(),
        })));
        kept.push(0, finding(0));
        kept.push(1, finding(1));
        assert_eq!(moved(&kept), 2);
        // From now on every write fails, as on a full disk; what was written still reads.
        if let Spill::Open(spill) = &kept.spill {
            spill.lock().unwrap().file = File::open(named.path()).unwrap();
        }
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
        assert!(matches!(&kept.spill, Spill::Open(spill) if spill.lock().unwrap().full));
    }

    #[cfg(feature = "fs")]
    #[test]
    fn the_temporary_file_stays_under_the_file_size_limit() {
        let mut kept = KeptOutcomes::new(0);
        kept.push(0, finding(0));
        let Spill::Open(spill) = kept.spill.clone() else {
            panic!("no temporary file");
        };
        // Room for one more record at its longest, not two.
        let one = spill.lock().unwrap().end;
        spill.lock().unwrap().limit = Some(one + encoded_len_at_most(&finding(1)));
        for n in 1..4 {
            kept.push(n, finding(n));
        }
        assert_eq!(moved(&kept), 2);
        let spill = spill.lock().unwrap();
        assert!(spill.full);
        assert_eq!(spill.end, 2 * one);
        drop(spill);
        for n in 0..4 {
            assert_eq!(kept.entry(n), Some((n, finding(n))));
        }
    }
}
