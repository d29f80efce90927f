//! Checking many documents: reading with limits, `.jsonl` streaming, checks across files
//! and a stable order. Every front end (the `casebook` command, the WebAssembly and Python
//! bindings) runs this pipeline; none reads or checks documents another way.
//!
//! 1. **Inputs.** An [`Input`] is a file, standard input or a text in memory, with its
//!    [`Layout`]: one document in JSON, YAML or TOML, or JSON Lines (one JSON document a
//!    line). With the `fs` feature, [`walk_inputs`] turns files, folders (walked,
//!    `.gitignore` respected), glob patterns and `-` into inputs as they are checked, and
//!    [`find_inputs`] gathers them first.
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
//! The result is a [`BatchReport`], which keeps a file with no finding in about a dozen
//! bytes, and a file with findings in about forty once a few MiB of findings are held
//! (the next go to a temporary file, a `.jsonl` file's a chunk of lines at a time); the
//! [`output`](crate::output) module writes it for people and CI systems, a finding at a
//! time. Given
//! a walk ([`walk_inputs`]) rather than a list, a batch finds its inputs as it checks them,
//! so what it holds stays small however many files a folder has.
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
//! let first = report.file(0).unwrap();
//! assert!(first.report().unwrap().diagnostics[0].message.contains("b.json"));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::stats::Stats;
use crate::validate::{CorpusChecker, CorpusKeys, Diagnostic, Report, Validator};
use crate::{CaseStudy, Format};

pub(crate) mod kept;
mod names;
mod read;
#[cfg(feature = "fs")]
mod walk;

#[cfg(feature = "fs")]
pub use self::walk::{FoundInputs, InputWalk, WalkError, WalkOptions, find_inputs, walk_inputs};

pub use self::kept::{DEFAULT_FINDINGS_IN_MEMORY, Findings, OpenedOutcome};

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

/// The name a path is reported under: as given, without a leading `./`.
pub(crate) fn shown_name(path: &Path) -> String {
    let shown = path.display().to_string();
    match shown.strip_prefix("./") {
        Some(rest) => rest.to_owned(),
        None => shown,
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
    /// Bytes in memory, read as a file's are: bytes that are not UTF-8 are a `syntax`
    /// finding with its place, not an error of the caller's.
    Bytes(Vec<u8>),
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
        let name = shown_name(&path);
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

    /// Bytes in memory, reported under `name` and read as a file's bytes are.
    ///
    /// ```
    /// use casebook::batch::{Batch, Input, Layout};
    /// use casebook::{Format, RuleCode, Validator};
    ///
    /// let bytes = b"{\"title\": \"Caf\xe9\"}".to_vec();
    /// let input = Input::bytes("upload.json", bytes, Layout::Single(Format::Json));
    /// let report = Batch::new(Validator::new()).check(&[input]);
    /// let file = report.file(0).unwrap();
    /// let finding = &file.report().unwrap().diagnostics[0];
    /// assert_eq!(finding.code, RuleCode::Syntax);
    /// assert_eq!((finding.line, finding.column), (Some(1), Some(15)));
    /// ```
    pub fn bytes(name: impl Into<String>, bytes: Vec<u8>, layout: Layout) -> Self {
        Self {
            source: Source::Bytes(bytes),
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
///
/// Kept small, since a batch may hold a million files: the names are stored one after the
/// other, each as what it adds to the one before (see [`Batch::check`]), and only the
/// outcomes that are not a report with no finding are stored at all. A valid file costs
/// about a dozen bytes.
///
/// The findings are kept in memory up to a budget ([`DEFAULT_FINDINGS_IN_MEMORY`], or
/// [`with_findings_in_memory`](Self::with_findings_in_memory)); past it, with the `fs`
/// feature, each further file's findings go to an anonymous temporary file (removed when
/// the last clone of the report is dropped) and are read back as they are asked for, so
/// that a file with findings costs about 40 bytes of memory however many findings it has.
/// A `.jsonl` file's findings go there a chunk of lines at a time as [`Batch::check`]
/// checks them, and [`open_files`](Self::open_files) reads them back one at a time. Should
/// the file not be made or written (a full disk), they stay in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    names: names::NameList,
    /// The outcome of every file whose outcome is not a report with no finding, with the
    /// index of the file, in order.
    outcomes: kept::KeptOutcomes,
    skipped: names::NameList,
}

impl BatchReport {
    /// An empty report that keeps up to `bytes` of findings in memory; past them, with the
    /// `fs` feature, findings go to a temporary file. Zero moves every finding there.
    ///
    /// ```
    /// use casebook::batch::{BatchReport, FileOutcome, FileReport};
    /// use casebook::Validator;
    ///
    /// let report = Validator::new().validate_str("{}", casebook::Format::Json);
    /// let mut batch = BatchReport::with_findings_in_memory(0);
    /// batch.push(FileReport { file: "empty.json".into(), outcome: FileOutcome::Checked(report.clone()) });
    /// assert_eq!(batch.file(0).unwrap().report(), Some(&report));
    /// ```
    pub fn with_findings_in_memory(bytes: usize) -> Self {
        Self {
            outcomes: kept::KeptOutcomes::new(bytes),
            ..Self::default()
        }
    }

    /// Adds the result of one more input, after the others.
    pub fn push(&mut self, file: FileReport) {
        if !is_clean(&file.outcome) {
            self.outcomes.push(self.names.len(), file.outcome);
        }
        self.names.push(&file.file);
    }

    /// Adds the name of an input left out because it is not a case study.
    pub fn push_skipped(&mut self, name: &str) {
        self.skipped.push(name);
    }

    /// How many inputs were checked or could not be read.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when no input was checked or reported unreadable.
    pub fn is_empty(&self) -> bool {
        self.names.len() == 0
    }

    /// Every input's result, in order (each made anew from what is kept), with its
    /// findings whole; [`open_files`](Self::open_files) reads them one at a time.
    pub fn files(&self) -> FileReports<'_> {
        FileReports(self.places())
    }

    /// The result of the input at `index`.
    pub fn file(&self, index: usize) -> Option<FileReport> {
        let name = self.names.get(index)?;
        let outcome = self
            .outcomes
            .position_of(index)
            .and_then(|position| self.outcomes.entry(position))
            .map_or_else(clean, |(_, outcome)| outcome);
        Some(FileReport {
            file: name,
            outcome,
        })
    }

    /// The names of the inputs left out because they do not declare themselves case
    /// studies (see [`Input::case_studies_only`]), in order.
    pub fn skipped(&self) -> impl ExactSizeIterator<Item = String> + '_ {
        self.skipped.iter_from(0)
    }

    /// The totals, with warnings counted as failures when `deny_warnings` is set.
    pub fn summary(&self, deny_warnings: bool) -> Summary {
        // A file with no outcome kept passes.
        let mut summary = Summary {
            files: self.len(),
            valid: self.len() - self.outcomes.len(),
            skipped: self.skipped.len(),
            ..Summary::default()
        };
        for tally in self.outcomes.tallies() {
            if tally.unreadable() {
                summary.unreadable += 1;
                continue;
            }
            summary.errors += tally.errors();
            summary.warnings += tally.warnings();
            if tally.passes(deny_warnings) {
                summary.valid += 1;
            } else {
                summary.invalid += 1;
            }
        }
        summary
    }

    /// Adds paths that could not be used (not found, broken links, unknown formats) as
    /// files that could not be read, so that every report format shows them, each in its
    /// place in the order of the paths (as [`walk_inputs`] gives them).
    pub fn add_problems(&mut self, problems: &[InputProblem]) {
        let mut problems: Vec<&InputProblem> = problems.iter().collect();
        problems.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
        let mut problems = problems.into_iter().peekable();
        // The files keep their outcomes where they are, at their new places.
        let mut names = names::NameList::default();
        let mut places = Vec::with_capacity(self.len());
        let mut added = Vec::new();
        let mut add = |names: &mut names::NameList, problem: &InputProblem| {
            added.push((names.len(), FileOutcome::Unreadable(problem.why.clone())));
            names.push(&problem.path);
        };
        for name in self.names.iter_from(0) {
            while let Some(problem) =
                problems.next_if(|problem| Path::new(&problem.path) < Path::new(&name))
            {
                add(&mut names, problem);
            }
            places.push(names.len());
            names.push(&name);
        }
        problems.for_each(|problem| add(&mut names, problem));
        self.outcomes
            .renumber(|index| places.get(index).copied().unwrap_or(index));
        self.outcomes
            .change(added, |outcome, problem| *outcome = problem, |_| true);
        self.names = names;
    }

    /// Adds the result of one more input, checked a part at a time, after the others.
    fn push_grown(&mut self, name: &str, growing: kept::Growing) {
        if !growing.is_empty() {
            self.outcomes.push_grown(self.names.len(), growing);
        }
        self.names.push(name);
    }

    /// Every input's name and outcome, in order, opened to be read one finding at a time:
    /// where [`files`](Self::files) gives each file's findings whole, these are read as
    /// they are asked for, so that a `.jsonl` file with a million findings is never held
    /// in memory. The report writers read them this way.
    ///
    /// ```
    /// use casebook::batch::{BatchReport, FileOutcome, FileReport, OpenedOutcome};
    /// use casebook::Validator;
    ///
    /// let report = Validator::new().validate_str("{}", casebook::Format::Json);
    /// // Every finding goes to the temporary file.
    /// let mut batch = BatchReport::with_findings_in_memory(0);
    /// batch.push(FileReport { file: "empty.json".into(), outcome: FileOutcome::Checked(report.clone()) });
    /// for (file, outcome) in batch.open_files() {
    ///     let OpenedOutcome::Checked { errors, findings, .. } = outcome else { unreachable!() };
    ///     assert_eq!((file.as_str(), errors), ("empty.json", report.errors().count()));
    ///     for (finding, expected) in findings.zip(&report.diagnostics) {
    ///         assert_eq!(&*finding?, expected);
    ///     }
    /// }
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn open_files(&self) -> impl Iterator<Item = (String, OpenedOutcome<'_>)> + '_ {
        self.places()
            .map(|(name, position)| (name, self.outcomes.open(position)))
    }

    /// Each input's name, with the position of its kept outcome if it has one.
    fn places(&self) -> Places<'_> {
        Places {
            names: self.names.iter_from(0),
            outcomes: &self.outcomes,
            position: 0,
            index: 0,
        }
    }

    /// True when every input was read and passes.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        self.outcomes
            .tallies()
            .all(|tally| tally.passes(deny_warnings))
    }
}

impl FromIterator<FileReport> for BatchReport {
    fn from_iter<T: IntoIterator<Item = FileReport>>(files: T) -> Self {
        let mut report = Self::default();
        files.into_iter().for_each(|file| report.push(file));
        report
    }
}

impl From<InputProblem> for FileReport {
    fn from(problem: InputProblem) -> Self {
        Self {
            file: problem.path,
            outcome: FileOutcome::Unreadable(problem.why),
        }
    }
}

/// The outcome most files have: read, checked, no finding.
fn clean() -> FileOutcome {
    FileOutcome::Checked(Report::default())
}

fn is_clean(outcome: &FileOutcome) -> bool {
    matches!(outcome, FileOutcome::Checked(report)
        if report.diagnostics.is_empty() && report.code_tables == crate::CODE_TABLES_VERSION)
}

/// The results of a [`BatchReport`], in order.
#[derive(Debug)]
pub struct FileReports<'a>(Places<'a>);

impl Iterator for FileReports<'_> {
    type Item = FileReport;

    fn next(&mut self) -> Option<FileReport> {
        let (file, position) = self.0.next()?;
        let outcome = position
            .and_then(|position| self.0.outcomes.entry(position))
            .map_or_else(clean, |(_, outcome)| outcome);
        Some(FileReport { file, outcome })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// The inputs of a [`BatchReport`] in order, each with the position of its kept outcome
/// if it has one.
#[derive(Debug)]
struct Places<'a> {
    names: names::Names<'a>,
    outcomes: &'a kept::KeptOutcomes,
    /// The position of the first outcome kept that is not yet passed.
    position: usize,
    index: usize,
}

impl Iterator for Places<'_> {
    type Item = (String, Option<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        let file = self.names.next()?;
        let position = match self.outcomes.index_at(self.position) {
            Some(index) if index == self.index => {
                self.position += 1;
                Some(self.position - 1)
            }
            _ => None,
        };
        self.index += 1;
        Some((file, position))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.names.size_hint()
    }
}

impl ExactSizeIterator for FileReports<'_> {}

/// A path that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The path as given or found.
    pub path: String,
    /// Why it could not be used.
    pub why: String,
}

/// One item of a batch: an input to read and check, or a path that could not be used,
/// reported in its place as a file that could not be read.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum BatchItem<'a> {
    /// An input, borrowed or owned.
    Input(Cow<'a, Input>),
    /// A path that could not be used.
    Problem(InputProblem),
}

impl<'a> From<&'a Input> for BatchItem<'a> {
    fn from(input: &'a Input) -> Self {
        Self::Input(Cow::Borrowed(input))
    }
}

impl From<Input> for BatchItem<'_> {
    fn from(input: Input) -> Self {
        Self::Input(Cow::Owned(input))
    }
}

impl From<InputProblem> for BatchItem<'_> {
    fn from(problem: InputProblem) -> Self {
        Self::Problem(problem)
    }
}

impl From<Result<Input, InputProblem>> for BatchItem<'_> {
    fn from(item: Result<Input, InputProblem>) -> Self {
        item.map_or_else(Self::Problem, Self::from)
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
    /// The findings of an input checked a part at a time, when it was read to its end:
    /// its outcome, rather than the report's.
    grown: Option<kept::Growing>,
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
    fn document(&self, case: &CaseStudy, findings: &[Diagnostic]) {
        // A document the schema rejects can still read into the model (a number rounded
        // as it is read, an SDG of 18): it is left out, as the command says.
        if findings.iter().any(|finding| finding.code.is_structural()) {
            return;
        }
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
    findings_in_memory: usize,
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
            .field("findings_in_memory", &self.findings_in_memory)
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
            findings_in_memory: DEFAULT_FINDINGS_IN_MEMORY,
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

    /// How many bytes of findings the report keeps in memory before it moves the next
    /// files' findings to a temporary file (see [`BatchReport`]); by default
    /// [`DEFAULT_FINDINGS_IN_MEMORY`].
    pub fn findings_in_memory(mut self, bytes: usize) -> Self {
        self.findings_in_memory = bytes;
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
    ///
    /// The inputs are taken as they come: a slice of [`Input`]s, owned inputs, or the
    /// items of [`walk_inputs`] (inputs, and paths that could not be used, reported in
    /// their place). What is held while they are checked is a slice of a thousand inputs,
    /// the report (a few bytes for a file with no finding) and what the checks across
    /// files keep of each document: a batch from a walk stays small however many files
    /// it has.
    pub fn check<'a, I>(&self, inputs: I) -> BatchReport
    where
        I: IntoIterator,
        I::IntoIter: Send,
        I::Item: Into<BatchItem<'a>>,
    {
        self.run(inputs, &Ignore)
    }

    /// Like [`check`](Self::check), and also counts for [`Stats`] every document that reads
    /// into the model with no finding of its shape (a [structural](crate::RuleCode::is_structural)
    /// one, which the JSON Schema rejects too); findings of other kinds do not hold a
    /// document back.
    pub fn stats<'a, I>(&self, inputs: I) -> (BatchReport, Stats)
    where
        I: IntoIterator,
        I::IntoIter: Send,
        I::Item: Into<BatchItem<'a>>,
    {
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
    pub fn export<'a, I>(
        &self,
        inputs: I,
        exporter: &mut crate::export::Exporter,
        valid_only: bool,
    ) -> Result<BatchReport, crate::export::ExportError>
    where
        I: IntoIterator,
        I::IntoIter: Send,
        I::Item: Into<BatchItem<'a>>,
    {
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

    fn run<'a, I>(&self, inputs: I, visit: &dyn Visit) -> BatchReport
    where
        I: IntoIterator,
        I::IntoIter: Send,
        I::Item: Into<BatchItem<'a>>,
    {
        let workers = self.workers();
        let mut across = Across {
            report: BatchReport::with_findings_in_memory(self.findings_in_memory),
            ..Across::default()
        };
        let mut items = inputs.into_iter().map(Into::into);
        // Everything on the workers' threads, the walk too: what one thread allocates and
        // another frees costs the allocator more.
        workers.run(|| {
            loop {
                // A slice of inputs at a time: what is held is the slice, and the few bytes
                // a file that the report and the checks across files keep; the inputs after
                // it are not even found yet when they come from a walk.
                let chunk: Vec<BatchItem<'a>> = items.by_ref().take(INPUTS_AT_ONCE).collect();
                if chunk.is_empty() {
                    break;
                }
                self.check_chunk(chunk, visit, &mut across);
            }
        });
        self.place_across(across)
    }

    fn check_chunk<'a>(
        &self,
        chunk: Vec<BatchItem<'a>>,
        visit: &dyn Visit,
        across: &mut Across<'a>,
    ) {
        // A `.jsonl` file is checked alone, its lines in parallel, and its keys go to the
        // checks across files as it is read, so that what is held does not grow with its
        // length either.
        let partials = map_in_order(&chunk, |item| match item {
            BatchItem::Input(input) => match input.layout {
                Layout::Single(format) => Some(self.check_one(input, format, visit)),
                Layout::JsonLines => None,
            },
            BatchItem::Problem(_) => None,
        });
        for (item, partial) in chunk.into_iter().zip(partials) {
            let input = match item {
                BatchItem::Input(input) => input,
                BatchItem::Problem(problem) => {
                    across.report.push(problem.into());
                    continue;
                }
            };
            let partial = partial.unwrap_or_else(|| {
                let mut into = LinesInto {
                    file: across.report.len(),
                    across,
                    growing: kept::Growing::default(),
                };
                let mut partial = read::check_lines(self, &input, visit, &mut into);
                if !partial.skipped && matches!(partial.report.outcome, FileOutcome::Checked(_)) {
                    partial.grown = Some(into.growing);
                }
                self.tick();
                partial
            });
            across.add(input, partial);
        }
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
    fn workers(&self) -> Workers {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let threads = self.threads.unwrap_or(cores).min(cores * 4);
        // The parsers recurse; a stack as large as a main thread's keeps the deepest
        // document they accept from overflowing a worker's smaller default stack.
        Workers(
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .stack_size(8 << 20)
                .build()
                .ok(),
        )
    }

    #[cfg(not(feature = "parallel"))]
    fn workers(&self) -> Workers {
        Workers
    }

    /// Runs the checks across files and adds their findings, placed, to the reports.
    fn place_across(&self, across: Across<'_>) -> BatchReport {
        let Across {
            corpus,
            entries,
            mut report,
            unusual,
        } = across;
        // Each entry is named again from the report, rather than kept named.
        let name = |entry: usize| {
            let Some((file, line)) = entries.get(entry) else {
                return String::new();
            };
            let file = report.names.get(file).unwrap_or_default();
            match line {
                Some(line) => format!("{file}:{line}"),
                None => file,
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
        let mut placed_files = Vec::new();
        // Each file's findings are moved out to be placed, not copied: a million findings
        // across files are held once.
        let mut found = found.into_iter().peekable();
        while let Some(first) = found.next() {
            let index = first.0;
            let mut group = vec![first];
            group.extend(std::iter::from_fn(|| {
                found.next_if(|(other, _, _)| *other == index)
            }));
            let input = match unusual.binary_search_by_key(&index, |(file, _)| *file) {
                Ok(at) => unusual
                    .get(at)
                    .map(|(_, input)| Cow::Borrowed(input.as_ref())),
                Err(_) => report.names.get(index).map(|name| {
                    let path = PathBuf::from(name);
                    let layout = Layout::of(&path).unwrap_or(Layout::Single(Format::Json));
                    Cow::Owned(Input::file(path, layout))
                }),
            };
            let Some(input) = input else {
                continue;
            };
            let kept_stdin = match input.source {
                Source::Stdin => self
                    .kept_stdin
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .take(),
                _ => None,
            };
            let mut placed: Vec<Diagnostic> = Vec::with_capacity(group.len());
            let placed_documents =
                read::place_across(&input, self.max_file_size, group, kept_stdin.as_deref());
            for (line, findings) in placed_documents {
                let mut findings = self.validator.adjust(findings);
                if let Some(line) = line {
                    findings
                        .iter_mut()
                        .for_each(|finding| finding.line = Some(line));
                }
                placed.extend(findings);
            }
            placed_files.push((index, placed));
        }
        report.outcomes.add_findings(placed_files);
        report
    }
}

/// The threads that check documents (with the `parallel` feature).
#[cfg(feature = "parallel")]
struct Workers(Option<rayon::ThreadPool>);

#[cfg(not(feature = "parallel"))]
struct Workers;

impl Workers {
    #[cfg(feature = "parallel")]
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        match &self.0 {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    #[cfg(not(feature = "parallel"))]
    fn run<T: Send>(&self, work: impl FnOnce() -> T + Send) -> T {
        work()
    }
}

/// How many inputs are read and checked before their keys go to the checks across files.
const INPUTS_AT_ONCE: usize = 1024;

/// What the checks across files gather while the inputs are checked.
#[derive(Default)]
struct Across<'a> {
    corpus: CorpusChecker,
    /// Where each corpus entry comes from.
    entries: EntryPlaces,
    report: BatchReport,
    /// The inputs of the files in `report` that cannot be opened again from their names
    /// alone (texts, standard input, a forced layout), by the index of the file.
    unusual: Vec<(usize, Cow<'a, Input>)>,
}

impl<'a> Across<'a> {
    fn add(&mut self, input: Cow<'a, Input>, partial: Partial) {
        if partial.skipped {
            self.report.push_skipped(&partial.report.file);
            return;
        }
        let file = self.report.len();
        if !opened_by_name(&input) {
            self.unusual.push((file, input));
        }
        for (line, keys) in partial.keys {
            self.add_keys(file, line, keys);
        }
        match partial.grown {
            Some(growing) => self.report.push_grown(&partial.report.file, growing),
            None => self.report.push(partial.report),
        }
    }

    /// Adds the keys of a document of the file that will be at `file` in the report.
    fn add_keys(&mut self, file: usize, line: Option<usize>, keys: CorpusKeys) {
        self.corpus.add_unnamed(keys);
        self.entries.push(file, line);
    }
}

/// Where [`read::check_lines`] sends what it finds in a `.jsonl` file as it reads it: the
/// keys of its documents to the checks across files, and its findings to the outcome
/// that grows with them.
struct LinesInto<'r, 'a> {
    across: &'r mut Across<'a>,
    /// The index the file will have in the report.
    file: usize,
    growing: kept::Growing,
}

impl LinesInto<'_, '_> {
    fn keys(&mut self, line: usize, keys: CorpusKeys) {
        self.across.add_keys(self.file, Some(line), keys);
    }

    fn findings(&mut self, findings: Vec<Diagnostic>) {
        self.across
            .report
            .outcomes
            .grow(&mut self.growing, findings);
    }
}

/// True when the input is the file its name names, in the layout its name tells, so
/// that it need not be kept to be read again.
fn opened_by_name(input: &Input) -> bool {
    let Source::File(path) = &input.source else {
        return false;
    };
    let named = Path::new(&input.name);
    Layout::of(named) == Some(input.layout)
        && (path.as_path() == named || path.strip_prefix(".").is_ok_and(|rest| rest == named))
}

/// For each corpus entry, the index of its file in the report and its line in a `.jsonl`
/// file, in runs: a run of files of one document each (entry and file both go up by one)
/// takes nothing an entry, a run of lines of one `.jsonl` file four bytes an entry.
#[derive(Default)]
struct EntryPlaces {
    runs: Vec<EntryRun>,
    /// The line of every entry of a `.jsonl` file.
    lines: Vec<u32>,
    len: u32,
}

struct EntryRun {
    first_entry: u32,
    /// The file of the run's first entry.
    file: u32,
    /// Where the run's lines start in `lines`; `None` for a run of files of one document.
    lines_at: Option<u32>,
}

impl EntryPlaces {
    fn push(&mut self, file: usize, line: Option<usize>) {
        let entry = self.len;
        self.len = self.len.saturating_add(1);
        let file = u32::try_from(file).unwrap_or(u32::MAX);
        let continues = self
            .runs
            .last()
            .is_some_and(|run| match (run.lines_at, line) {
                (None, None) => file.wrapping_sub(run.file) == entry.wrapping_sub(run.first_entry),
                (Some(_), Some(_)) => file == run.file,
                _ => false,
            });
        if !continues {
            self.runs.push(EntryRun {
                first_entry: entry,
                file,
                lines_at: line.map(|_| u32::try_from(self.lines.len()).unwrap_or(u32::MAX)),
            });
        }
        if let Some(line) = line {
            self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
    }

    /// The index of the entry's file, and its line.
    fn get(&self, entry: usize) -> Option<(usize, Option<usize>)> {
        let entry = u32::try_from(entry)
            .ok()
            .filter(|&entry| entry < self.len)?;
        let at = self.runs.partition_point(|run| run.first_entry <= entry);
        let run = self.runs.get(at.checked_sub(1)?)?;
        let offset = entry - run.first_entry;
        Some(match run.lines_at {
            None => (run.file.saturating_add(offset) as usize, None),
            Some(lines_at) => (
                run.file as usize,
                Some(*self.lines.get(lines_at.saturating_add(offset) as usize)? as usize),
            ),
        })
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
        // Runs: file 0, file 1's lines, file 3, file 4's lines, file 5.
        assert_eq!(places.runs.len(), 5);
        assert_eq!(places.lines.len(), 4);

        let mut folder = EntryPlaces::default();
        for file in 0..1000 {
            folder.push(file, None);
        }
        folder.push(1002, None);
        assert_eq!(
            folder.runs.len(),
            2,
            "a folder of single documents is one run"
        );
        assert_eq!(folder.get(999), Some((999, None)));
        assert_eq!(folder.get(1000), Some((1002, None)));
    }
}
