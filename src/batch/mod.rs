//! Checking many documents: reading with limits, `.jsonl` streaming, checks across files
//! and a stable order. Every front end (the `casebook` command, the WebAssembly and Python
//! bindings) runs this pipeline; none reads or checks documents another way.
//!
//! 1. **Inputs.** An [`Input`] is a file, standard input or a text in memory, with its
//!    [`Layout`]: one document in JSON, YAML or TOML, or JSON Lines (one JSON document a
//!    line). With the `fs` feature, [`find_inputs`] turns files, folders (walked,
//!    `.gitignore` respected), glob patterns and `-` into inputs.
//! 2. **Reading.** Only regular files are read (a FIFO or a device is reported, never
//!    opened), and never more than [`Batch::max_file_size`] bytes of them, however the
//!    file grows while it is read. A `.jsonl` file is streamed in chunks, so memory stays
//!    flat however long it is; the limit applies to each of its lines.
//! 3. **Checking.** Each document is checked by a [`Validator`], in parallel with the
//!    `parallel` feature. Reports come back in the order of the inputs, whatever the timing.
//! 4. **Across files.** The [`CorpusChecker`] checks run
//!    over every document that could be read; their findings are placed at their line and
//!    column and added to the reports.
//!
//! The result is a [`BatchReport`]; the [`output`](crate::output) module writes it for
//! people and CI systems.
//!
//! ```
//! use casebook::batch::{Batch, Input, Layout};
//! use casebook::{Format, Validator};
//!
//! let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.json")?;
//! let inputs = [
//!     Input::text("a.json", text.clone(), Layout::Single(Format::Json)),
//!     Input::text("b.json", text, Layout::Single(Format::Json)),
//! ];
//! let report = Batch::new(Validator::new()).check(&inputs);
//! // The same case study twice: each copy names the other.
//! assert_eq!(report.summary(false).errors, 2);
//! assert!(report.files[0].report().unwrap().diagnostics[0].message.contains("b.json"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::stats::Stats;
use crate::validate::{CorpusChecker, CorpusKeys, Diagnostic, Report, Validator};
use crate::{CaseStudy, Format};

mod read;
#[cfg(feature = "fs")]
mod walk;

#[cfg(feature = "fs")]
pub use self::walk::{FoundInputs, InputProblem, WalkError, WalkOptions, find_inputs};

/// The largest document read by default: 16 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// How a file's documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// One document in the file.
    Single(Format),
    /// JSON Lines: one JSON document a line.
    JsonLines,
}

impl Layout {
    /// The layout of a file, from its extension: `.jsonl` for JSON Lines, else the
    /// extensions of [`Format::from_path`].
    pub fn of(path: &Path) -> Option<Self> {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("jsonl") => Some(Self::JsonLines),
            _ => Format::from_path(path).map(Self::Single),
        }
    }
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// A text in memory.
    Text(String),
}

/// One input of a batch: where its bytes come from, how its documents are laid out, and
/// the name its findings are reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where the bytes come from.
    pub source: Source,
    /// How the documents are written.
    pub layout: Layout,
    /// The name findings are reported under: the path as given, `-` for standard input.
    pub name: String,
    /// Check the input only if it declares itself a case study (it mentions
    /// `schema_version` or casebook's schema); otherwise it is skipped, not reported.
    /// For runs that look through a whole repository, where `package.json` and CI files
    /// sit next to the case studies.
    pub case_studies_only: bool,
}

/// True when a text declares itself a case study: it has a `schema_version` key or names
/// casebook's schema. A cheap test on the text, before any parsing.
pub fn declares_case_study(text: &str) -> bool {
    text.contains("schema_version") || text.contains("casebook.dev/schema/")
}

impl Input {
    /// A file, reported under its path as given (without a leading `./`).
    pub fn file(path: impl Into<PathBuf>, layout: Layout) -> Self {
        let path = path.into();
        let shown = path.display().to_string();
        let name = shown
            .strip_prefix("./")
            .map_or(shown.clone(), str::to_owned);
        Self {
            source: Source::File(path),
            layout,
            name,
            case_studies_only: false,
        }
    }

    /// Standard input, reported as `-`.
    pub fn stdin(layout: Layout) -> Self {
        Self {
            source: Source::Stdin,
            layout,
            name: "-".to_owned(),
            case_studies_only: false,
        }
    }

    /// A text in memory, reported under `name`.
    pub fn text(name: impl Into<String>, text: impl Into<String>, layout: Layout) -> Self {
        Self {
            source: Source::Text(text.into()),
            layout,
            name: name.into(),
            case_studies_only: false,
        }
    }
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileOutcome {
    /// It was read and checked. The findings of a `.jsonl` file's documents are all in
    /// its report, each on its document's line.
    Checked(Report),
    /// It could not be read, or was not read: why.
    Unreadable(String),
}

/// The result for one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The name of the input.
    pub file: String,
    /// What became of it.
    pub outcome: FileOutcome,
}

impl FileReport {
    /// The report, when the input was read.
    pub fn report(&self) -> Option<&Report> {
        match &self.outcome {
            FileOutcome::Checked(report) => Some(report),
            FileOutcome::Unreadable(_) => None,
        }
    }

    /// True when the input was read and passes: no error, and no warning either when
    /// `deny_warnings` is set.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.report()
            .is_some_and(|report| report.passes(deny_warnings))
    }
}

/// Totals over a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Inputs in the batch.
    pub files: usize,
    /// Inputs that pass.
    pub valid: usize,
    /// Inputs that were read and do not pass.
    pub invalid: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Inputs left out because they are not case studies.
    pub skipped: usize,
    /// Errors over every input.
    pub errors: usize,
    /// Warnings over every input.
    pub warnings: usize,
}

/// Every input's result, in the order of the inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchReport {
    /// One entry per input that was checked or could not be read.
    pub files: Vec<FileReport>,
    /// The inputs left out because they do not declare themselves case studies (see
    /// [`Input::case_studies_only`]).
    pub skipped: Vec<String>,
}

impl BatchReport {
    /// The totals, with warnings counted as failures when `deny_warnings` is set.
    pub fn summary(&self, deny_warnings: bool) -> Summary {
        let mut summary = Summary {
            files: self.files.len(),
            skipped: self.skipped.len(),
            ..Summary::default()
        };
        for file in &self.files {
            match file.report() {
                Some(report) => {
                    summary.errors += report.errors().count();
                    summary.warnings += report.warnings().count();
                    if report.passes(deny_warnings) {
                        summary.valid += 1;
                    } else {
                        summary.invalid += 1;
                    }
                }
                None => summary.unreadable += 1,
            }
        }
        summary
    }

    /// Adds paths that could not be used (not found, broken links, unknown formats) as
    /// files that could not be read, so that every report format shows them; the files
    /// stay in the order of their names.
    #[cfg(feature = "fs")]
    pub fn add_problems(&mut self, problems: &[InputProblem]) {
        self.files.extend(problems.iter().map(|problem| FileReport {
            file: problem.path.clone(),
            outcome: FileOutcome::Unreadable(problem.why.clone()),
        }));
        self.files.sort_by(|a, b| a.file.cmp(&b.file));
    }

    /// True when every input was read and passes.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.files.iter().all(|file| file.passes(deny_warnings))
    }
}

/// What the checks across files need of a document, and its line in a `.jsonl` file.
type DocumentKeys = (Option<usize>, CorpusKeys);

/// A checked input, with what the checks across files need of its documents.
struct Partial {
    report: FileReport,
    keys: Vec<DocumentKeys>,
    /// Not a case study, and only case studies were asked for.
    skipped: bool,
}

/// What to do with each document that reads into the model, besides checking it.
trait Visit: Sync {
    /// A document that reads into the model, with its own findings (not yet those of the
    /// checks across files).
    fn document(&self, case: &CaseStudy, findings: &[Diagnostic]);
}

struct Ignore;

impl Visit for Ignore {
    fn document(&self, _: &CaseStudy, _: &[Diagnostic]) {}
}

impl Visit for Mutex<Stats> {
    fn document(&self, case: &CaseStudy, _: &[Diagnostic]) {
        if let Ok(mut stats) = self.lock() {
            stats.add(case);
        }
    }
}

/// Writes each document's tables; keeps the first error and writes nothing after it.
#[cfg(feature = "export")]
struct Exporting<'a> {
    exporter: Mutex<(
        &'a mut crate::export::Exporter,
        Option<crate::export::ExportError>,
    )>,
    valid_only: bool,
}

#[cfg(feature = "export")]
impl Visit for Exporting<'_> {
    fn document(&self, case: &CaseStudy, findings: &[Diagnostic]) {
        if self.valid_only
            && findings
                .iter()
                .any(|finding| finding.severity == crate::Severity::Error)
        {
            return;
        }
        if let Ok(mut guard) = self.exporter.lock() {
            let (exporter, error) = &mut *guard;
            if error.is_none() {
                *error = exporter.add(case).err();
            }
        }
    }
}

/// Called once for every input checked, from any thread: for a progress bar.
type ProgressFn = dyn Fn() + Send + Sync;

/// Checks a batch of inputs.
#[derive(Clone)]
pub struct Batch {
    validator: Validator,
    max_file_size: u64,
    threads: Option<usize>,
    progress: Option<Arc<ProgressFn>>,
    /// The bytes read from standard input, kept when its document takes part in the
    /// checks across files: standard input cannot be read again to place their findings.
    kept_stdin: Arc<Mutex<Option<Vec<u8>>>>,
}

impl std::fmt::Debug for Batch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("validator", &self.validator)
            .field("max_file_size", &self.max_file_size)
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

impl Batch {
    /// A batch checked by `validator`, with the default size limit and one thread per
    /// core.
    pub fn new(validator: Validator) -> Self {
        Self {
            validator,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            threads: None,
            progress: None,
            kept_stdin: Arc::default(),
        }
    }

    /// Calls `tick` once for every input checked (from any thread), to show progress.
    pub fn on_progress(mut self, tick: impl Fn() + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(tick));
        self
    }

    /// The largest document read, in bytes: a larger file (or line of a `.jsonl` file) is
    /// reported, not read.
    pub fn max_file_size(mut self, bytes: u64) -> Self {
        self.max_file_size = bytes;
        self
    }

    /// How many threads check documents (with the `parallel` feature). More threads than
    /// four per core are never started: they would only compete for the same cores.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads.max(1));
        self
    }

    /// The validator.
    pub fn validator(&self) -> &Validator {
        &self.validator
    }

    /// Reads and checks every input, then checks them across files.
    pub fn check(&self, inputs: &[Input]) -> BatchReport {
        self.run(inputs, &Ignore)
    }

    /// Like [`check`](Self::check), and also counts every document that reads into the
    /// model (whatever its findings) for [`Stats`].
    pub fn stats(&self, inputs: &[Input]) -> (BatchReport, Stats) {
        let stats = Mutex::new(Stats::default());
        let report = self.run(inputs, &stats);
        let stats = stats
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (report, stats)
    }

    /// Like [`check`](Self::check), and also writes the tables of every document that
    /// reads into the model to `exporter` (see [`export`](crate::export)); with
    /// `valid_only`, only those with no error of their own (the checks across files, such
    /// as duplicate ids, come after the rows are written and do not hold a document back).
    /// The documents are read, checked and written on one thread, in the inputs' order and
    /// then line by line, so that the same inputs give the same tables at every run
    /// (tables that change order from run to run cannot be compared or reproduced).
    ///
    /// ```
    /// use casebook::batch::{Batch, Input, Layout};
    /// use casebook::export::{ExportFormat, Exporter};
    /// use casebook::Validator;
    ///
    /// let out = tempfile::tempdir()?;
    /// let mut exporter = Exporter::create(out.path(), ExportFormat::JsonLines)?;
    /// let inputs = [Input::file("examples/data/cantabria-chihuahua.yaml", Layout::Single(casebook::Format::Yaml))];
    /// let report = Batch::new(Validator::new()).export(&inputs, &mut exporter, false)?;
    /// assert!(report.passes(false));
    /// assert_eq!(exporter.finish()?.documents, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error of the writer; the documents after it are still checked, not
    /// written.
    #[cfg(feature = "export")]
    pub fn export(
        &self,
        inputs: &[Input],
        exporter: &mut crate::export::Exporter,
        valid_only: bool,
    ) -> Result<BatchReport, crate::export::ExportError> {
        let exporting = Exporting {
            exporter: Mutex::new((exporter, None)),
            valid_only,
        };
        let in_order = Self {
            threads: Some(1),
            ..self.clone()
        };
        let report = in_order.run(inputs, &exporting);
        let (_, error) = exporting
            .exporter
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match error {
            Some(error) => Err(error),
            None => Ok(report),
        }
    }

    fn run(&self, inputs: &[Input], visit: &dyn Visit) -> BatchReport {
        let mut across = Across::default();
        self.in_pool(|| {
            // A slice of inputs at a time: their documents' keys go to the checks across
            // files as soon as the slice is done, so what is held grows by a few bytes a
            // file, not by everything a file's documents name.
            for (start, chunk) in (0..)
                .step_by(INPUTS_AT_ONCE)
                .zip(inputs.chunks(INPUTS_AT_ONCE))
            {
                // A `.jsonl` file is checked alone, its lines in parallel, and its keys go
                // to the checks across files as it is read, so that what is held does not
                // grow with its length either.
                let partials = map_in_order(chunk, |input| match input.layout {
                    Layout::Single(format) => Some(self.check_one(input, format, visit)),
                    Layout::JsonLines => None,
                });
                for ((offset, input), partial) in chunk.iter().enumerate().zip(partials) {
                    let partial = partial.unwrap_or_else(|| {
                        let file = across.files.len();
                        let partial = read::check_lines(self, input, visit, &mut |line, keys| {
                            across.add_keys(file, Some(line), keys);
                        });
                        self.tick();
                        partial
                    });
                    across.add(start + offset, partial);
                }
            }
        });
        self.place_across(inputs, across)
    }

    fn check_one(&self, input: &Input, format: Format, visit: &dyn Visit) -> Partial {
        let partial = read::check_single(self, input, format, visit);
        self.tick();
        partial
    }

    fn keep_stdin(&self, bytes: Vec<u8>) {
        *self
            .kept_stdin
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(bytes);
    }

    fn tick(&self) {
        if let Some(tick) = &self.progress {
            tick();
        }
    }

    #[cfg(feature = "parallel")]
    fn in_pool<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let threads = self.threads.unwrap_or(cores).min(cores * 4);
        // The parsers recurse; a stack as large as a main thread's keeps the deepest
        // document they accept from overflowing a worker's smaller default stack.
        match rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .stack_size(8 << 20)
            .build()
        {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        }
    }

    #[cfg(not(feature = "parallel"))]
    fn in_pool<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        work()
    }

    /// Runs the checks across files and adds their findings, placed, to the reports.
    fn place_across(&self, inputs: &[Input], across: Across) -> BatchReport {
        let Across {
            corpus,
            entries,
            mut files,
            checked_inputs,
            skipped,
        } = across;
        // Each entry is named again from its file's report, rather than kept named.
        let name = |entry: usize| {
            let Some((file, line)) = entries.get(entry) else {
                return String::new();
            };
            let file = files.get(file).map_or("", |file| file.file.as_str());
            match line {
                Some(line) => format!("{file}:{line}"),
                None => file.to_owned(),
            }
        };
        let mut found: Vec<(usize, Option<usize>, Diagnostic)> = corpus
            .finish_naming(name)
            .into_iter()
            .filter_map(|finding| {
                let (index, line) = entries.get(finding.entry)?;
                Some((index, line, finding.diagnostic))
            })
            .collect();
        found.sort_by_key(|(index, line, _)| (*index, *line));
        let mut rest = found.as_slice();
        while let Some((index, _, _)) = rest.first() {
            let count = rest
                .iter()
                .take_while(|(other, _, _)| other == index)
                .count();
            let (group, tail) = rest.split_at(count);
            rest = tail;
            let input = checked_inputs
                .get(*index)
                .and_then(|&input| inputs.get(input as usize));
            let (Some(input), Some(file)) = (input, files.get_mut(*index)) else {
                continue;
            };
            let mut placed: Vec<Diagnostic> = Vec::with_capacity(group.len());
            let kept_stdin = match input.source {
                Source::Stdin => self
                    .kept_stdin
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .take(),
                _ => None,
            };
            let placed_documents =
                read::place_across(input, self.max_file_size, group, kept_stdin.as_deref());
            for (line, findings) in placed_documents {
                let mut findings = self.validator.adjust(findings);
                if let Some(line) = line {
                    findings
                        .iter_mut()
                        .for_each(|finding| finding.line = Some(line));
                }
                placed.extend(findings);
            }
            if let FileOutcome::Checked(report) = &mut file.outcome {
                report.diagnostics.extend(placed);
                report
                    .diagnostics
                    .sort_by_key(|d| (d.line.is_none(), d.line, d.column));
            }
        }
        BatchReport { files, skipped }
    }
}

/// How many inputs are read and checked before their keys go to the checks across files.
const INPUTS_AT_ONCE: usize = 1024;

/// What the checks across files gather while the inputs are checked.
#[derive(Default)]
struct Across {
    corpus: CorpusChecker,
    /// Where each corpus entry comes from.
    entries: EntryPlaces,
    files: Vec<FileReport>,
    /// The index in the inputs of each of `files`.
    checked_inputs: Vec<u32>,
    skipped: Vec<String>,
}

impl Across {
    fn add(&mut self, input: usize, partial: Partial) {
        if partial.skipped {
            self.skipped.push(partial.report.file);
            return;
        }
        self.checked_inputs
            .push(u32::try_from(input).unwrap_or(u32::MAX));
        let file = self.files.len();
        for (line, keys) in partial.keys {
            self.add_keys(file, line, keys);
        }
        self.files.push(partial.report);
    }

    /// Adds the keys of a document of the file that will be at `file` in `files`.
    fn add_keys(&mut self, file: usize, line: Option<usize>, keys: CorpusKeys) {
        self.corpus.add_unnamed(keys);
        self.entries.push(file, line);
    }
}

/// For each corpus entry, the index of its file in `files` and its line in a `.jsonl`
/// file: four bytes an entry, as the entries of one file follow each other.
#[derive(Default)]
struct EntryPlaces {
    /// Each entry's line, 0 for a file of one document.
    lines: Vec<u32>,
    /// `(first entry, file)` for every run of entries from one file.
    files: Vec<(u32, u32)>,
}

impl EntryPlaces {
    fn push(&mut self, file: usize, line: Option<usize>) {
        let entry = u32::try_from(self.lines.len()).unwrap_or(u32::MAX);
        let file = u32::try_from(file).unwrap_or(u32::MAX);
        if self.files.last().is_none_or(|&(_, last)| last != file) {
            self.files.push((entry, file));
        }
        self.lines
            .push(line.map_or(0, |line| u32::try_from(line).unwrap_or(u32::MAX)));
    }

    /// The index of the entry's file, and its line.
    fn get(&self, entry: usize) -> Option<(usize, Option<usize>)> {
        let line = *self.lines.get(entry)?;
        let run = self
            .files
            .partition_point(|&(first, _)| first as usize <= entry);
        let &(_, file) = self.files.get(run.checked_sub(1)?)?;
        Some((
            file as usize,
            NonZeroU32::new(line).map(|line| line.get() as usize),
        ))
    }
}

/// Maps `items` in parallel (with the `parallel` feature), keeping their order.
#[cfg(feature = "parallel")]
fn map_in_order<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(work).collect()
}

/// Runs `first` on this thread and `second` beside it (with the `parallel` feature).
#[cfg(feature = "parallel")]
fn both<A: Send, B: Send>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    rayon::join(first, second)
}

#[cfg(not(feature = "parallel"))]
fn both<A: Send, B: Send>(
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B + Send,
) -> (A, B) {
    (first(), second())
}

#[cfg(not(feature = "parallel"))]
fn map_in_order<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    items.iter().map(work).collect()
}

#[cfg(test)]
mod tests {
    use super::EntryPlaces;

    #[test]
    fn entry_places_give_back_each_entry_file_and_line() {
        let pushed = [
            (0, None),
            (1, Some(2)),
            (1, Some(5)),
            (1, Some(9)),
            (3, None),
            (4, Some(1)),
            (5, None),
        ];
        let mut places = EntryPlaces::default();
        for &(file, line) in &pushed {
            places.push(file, line);
        }
        for (entry, &expected) in pushed.iter().enumerate() {
            assert_eq!(places.get(entry), Some(expected), "entry {entry}");
        }
        assert_eq!(places.get(pushed.len()), None);
        assert_eq!(places.files.len(), 5, "one run a file");
    }
}
