//! Validation: every finding of a document at once, each with a stable code, a severity,
//! a JSON Pointer and, for text, a line and column.
//!
//! # How a document is checked
//!
//! 1. **The typed read.** The text is read into [`CaseStudy`] with serde. For a document
//!    of the right shape this is the whole cost of reading, and no position is computed.
//! 2. **The shape, when the typed read fails.** Serde stops at the first problem, so the
//!    text is read again as a plain JSON value and checked against the crate's own JSON
//!    Schema ([`schema()`](crate::schema())) with the `jsonschema` crate, which reports every
//!    unknown key, missing key, wrong type and bad value. The checks below need a document
//!    of the right shape, so the value is then read again with each broken value set
//!    aside: unknown keys and broken optional values removed, broken required values, list
//!    items and missing keys replaced by placeholders (so that no index moves). The checks
//!    run on that document, and their findings that read a set-aside value are dropped, so
//!    that a bad date does not hide a broken reference, nor report the same mistake twice.
//! 3. **The checks beyond the shape** (references, code tables, dates, the pairing, the
//!    profile) run over the typed model and collect every finding.
//! 4. **Positions.** Only when there are findings is the text parsed once more, with a
//!    parser that keeps positions, to give each finding its line and column. A JSON text
//!    is read only along the way to the values the findings name, and no further than the
//!    last of them; lines are counted as the reading goes.
//!
//! A document is valid when it has no error; warnings never make it invalid unless the
//! caller asks for that ([`Report::passes`]). Severities can be changed per rule, or a
//! rule turned off, with [`Validator::with_level`], except for the structural rules, whose
//! severity is fixed. [Profiles](Profile) add rules and overrides of their own.
//!
//! Each rule is one row of the [rule table](rule): its code, kind, severity, summary and
//! explanation, from which the table below, `casebook rules`, `casebook explain` and the
//! SARIF report's rule help are derived.
//!
//! # The rules
//!
#![doc = include_str!("../../docs/rules.md")]
//!
//! The code tables are bundled ([`CODE_TABLES_VERSION`](crate::CODE_TABLES_VERSION)) and
//! every report records their version. No network access is made, ever.

use std::collections::{BTreeMap, HashSet};
use std::hash::BuildHasher as _;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::format::deserialize_as_written;
use crate::{CaseStudy, Error, Format};

mod corpus;
mod locate;
pub(crate) use self::locate::{Position, walk_json, walk_toml, walk_yaml};
mod profile;
mod repair;
mod report;
pub mod rule;
pub(crate) mod rules;
mod schema_pass;
mod structure;
mod texts;
mod tree_json;
mod yaml_types;

pub(crate) use self::corpus::CorpusKeys;
pub use self::corpus::{CorpusChecker, CorpusEntry, CorpusFinding, check_corpus};
pub use self::profile::Profile;
pub use self::report::{Diagnostic, Report, Severity};
pub use self::rule::{CustomRule, Explanation, RuleCode, RuleKind, rules_markdown};

/// How many findings of one rule a document's report holds; the rest are counted in one
/// last finding of the rule, so that a report stays proportional to what a person can
/// act on (a list of a million bad items gives 101 findings, not a million).
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// The findings of one run of the checks, as a check records them.
///
/// Pointers are formatted only for values that fail, so a valid document costs no
/// allocation here. At most [`MAX_FINDINGS_PER_RULE`] findings of a rule are kept; a check
/// that builds an expensive message asks [`accepts`](Self::accepts) first.
#[derive(Debug, Default)]
pub struct Findings {
    diagnostics: Vec<Diagnostic>,
    /// Findings of each rule beyond the limit, which were counted but not kept.
    dropped: BTreeMap<RuleCode, usize>,
    kept: BTreeMap<RuleCode, usize>,
    /// What is not to be reported at all, when the document was read with values set
    /// aside: judged before the limit counts a finding.
    hiding: Option<Box<repair::SetAside>>,
    /// Places that a later check asks about, and those of them that have a finding past
    /// the limit: a YAML value with a finding, listed or counted, gets no advice to quote
    /// it.
    watched: Option<Box<Watched>>,
}

/// See [`Findings::watch`]. The places are kept as their hashes: a YAML document may have
/// hundreds of thousands of values to advise, and a copy of each pointer took 20 MB for
/// 200,000. A hash shared by chance only adds a pointer to `found` that no advice is
/// about, which holds nothing back.
#[derive(Debug)]
struct Watched {
    state: foldhash::fast::RandomState,
    places: HashSet<u64>,
    found: HashSet<(String, RuleCode)>,
}

impl Findings {
    /// Records a finding of `code` at `pointer` (a JSON Pointer; empty for the root),
    /// with the code's default severity.
    pub fn push(&mut self, code: RuleCode, pointer: impl Into<String>, message: impl Into<String>) {
        self.record(Diagnostic::new(code, pointer, message));
    }

    /// True while findings of `code` are still kept.
    pub fn accepts(&self, code: RuleCode) -> bool {
        self.kept.get(&code).copied().unwrap_or(0) < MAX_FINDINGS_PER_RULE
    }

    pub(crate) fn record(&mut self, diagnostic: Diagnostic) {
        self.record_within_limit(diagnostic);
    }

    /// Findings of the checks of a document read with values set aside, which leave out
    /// those that `set_aside` hides.
    pub(crate) fn hiding(set_aside: repair::SetAside) -> Self {
        Self {
            hiding: Some(Box::new(set_aside)),
            ..Self::default()
        }
    }

    /// True when a finding past the limit is read for its place and message before it is
    /// counted (judged, or watched), so that a check that counts one without describing
    /// it must give both (a short message will do: it is not shown).
    pub(crate) fn reads_each_place(&self) -> bool {
        self.hiding.is_some() || self.watched.is_some()
    }

    /// Notes which of `places` get a finding past the limit (see
    /// [`found_past_the_limit`](Self::found_past_the_limit)).
    pub(crate) fn watch<'p>(&mut self, places: impl Iterator<Item = &'p str>) {
        let state = foldhash::fast::RandomState::default();
        let places = places.map(|place| state.hash_one(place)).collect();
        self.watched = Some(Box::new(Watched {
            state,
            places,
            found: HashSet::new(),
        }));
    }

    /// The watched places that got a finding past the limit, with its rule.
    pub(crate) fn found_past_the_limit(&mut self) -> HashSet<(String, RuleCode)> {
        self.watched
            .take()
            .map(|watched| watched.found)
            .unwrap_or_default()
    }

    /// True when `id` stands for a value set aside, and is not the document's.
    pub(crate) fn is_placeholder(&self, id: &str) -> bool {
        self.hiding
            .as_ref()
            .is_some_and(|set_aside| set_aside.is_placeholder(id))
    }

    /// Records `diagnostic` while its rule's findings are kept; past the limit it is
    /// counted, and handed back for a caller that still needs its place.
    pub(crate) fn record_within_limit(&mut self, diagnostic: Diagnostic) -> Option<Diagnostic> {
        if self
            .hiding
            .as_mut()
            .is_some_and(|set_aside| set_aside.hides(&diagnostic))
        {
            return None;
        }
        if self.accepts(diagnostic.code) {
            *self.kept.entry(diagnostic.code).or_default() += 1;
            self.diagnostics.push(diagnostic);
            None
        } else {
            *self.dropped.entry(diagnostic.code).or_default() += 1;
            if let Some(watched) = self.watched.as_mut()
                && watched
                    .places
                    .contains(&watched.state.hash_one(diagnostic.pointer.as_str()))
            {
                watched
                    .found
                    .insert((diagnostic.pointer.clone(), diagnostic.code));
            }
            Some(diagnostic)
        }
    }

    /// The findings recorded so far.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The findings recorded so far, to amend what they say.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [Diagnostic] {
        &mut self.diagnostics
    }

    /// True when nothing was recorded, not even beyond the limit.
    pub(crate) fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.dropped.is_empty()
    }

    /// Keeps the findings that `keep` accepts; those beyond the limit stay counted.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        let kept = &mut self.kept;
        self.diagnostics.retain(|finding| {
            let keeps = keep(finding);
            if !keeps && let Some(count) = kept.get_mut(&finding.code) {
                *count -= 1;
            }
            keeps
        });
    }

    /// Adds the findings of `other`, and what it counted beyond the limit: one report has
    /// one limit a rule, whichever check found them.
    pub(crate) fn merge(&mut self, other: Findings) {
        for finding in other.diagnostics {
            self.record(finding);
        }
        for (code, more) in other.dropped {
            *self.dropped.entry(code).or_default() += more;
        }
    }

    /// The findings, with one last finding per rule that had more than the limit.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        for (code, more) in self.dropped {
            // Placed on the last finding listed, so that it follows it in the report.
            let last = self
                .diagnostics
                .iter()
                .rev()
                .find(|finding| finding.code == code);
            let mut summary = Diagnostic::new(
                code,
                last.map(|finding| finding.pointer.clone())
                    .unwrap_or_default(),
                format!(
                    "and {more} more `{code}` finding(s) in this document, not listed; mend the ones above and check again"
                ),
            );
            // Placed after the last one listed in the text (see `follow_the_last_listed`).
            summary.counts_more = true;
            self.diagnostics.push(summary);
        }
        self.diagnostics
    }
}

/// A severity override that cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule `{code}` checks the shape of a document; its severity cannot be changed")]
pub struct LevelError {
    /// The rule.
    pub code: RuleCode,
}

impl LevelError {
    fn check(code: RuleCode) -> Result<(), Self> {
        if code.is_adjustable() {
            Ok(())
        } else {
            Err(Self { code })
        }
    }
}

/// What a rule's findings become: errors, warnings, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Do not report.
    Off,
}

impl FromStr for Level {
    type Err = crate::CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "error" => Ok(Self::Error),
            "warning" => Ok(Self::Warning),
            "off" => Ok(Self::Off),
            _ => Err(crate::CodeError::new(
                "level",
                value,
                "one of `error`, `warning`, `off`",
            )),
        }
    }
}

/// Checks documents, with profiles and severity overrides.
///
/// ```
/// use casebook::{Format, Level, Profile, RuleCode, Validator};
///
/// let validator = Validator::new()
///     .with_profile(Profile::iuc())
///     .with_level(RuleCode::EventBeforeStart, Level::Error)?;
/// let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.yaml")?;
/// let report = validator.validate_str(&text, Format::Yaml);
/// assert!(report.is_valid(), "{:?}", report.diagnostics);
///
/// // The shape of a document is not negotiable.
/// assert!(Validator::new().with_level(RuleCode::Syntax, Level::Off).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Validator {
    profiles: Vec<Profile>,
    levels: BTreeMap<RuleCode, Level>,
}

impl Validator {
    /// A validator with the format's checks and the default severities.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a profile's checks and severity overrides. Several profiles can be active;
    /// adding one with the name of an active profile replaces it.
    pub fn with_profile(mut self, profile: Profile) -> Self {
        self.profiles
            .retain(|active| active.name() != profile.name());
        self.profiles.push(profile);
        self
    }

    /// The active profiles, in the order they were added.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// Reports the findings of `code` at `level` (or not at all, with [`Level::Off`]).
    /// This wins over the overrides of profiles.
    ///
    /// # Errors
    ///
    /// [`LevelError`] when `code` is a structural rule ([`RuleCode::is_adjustable`]):
    /// a document of the wrong shape cannot be read, whatever its severity says.
    pub fn with_level(mut self, code: RuleCode, level: Level) -> Result<Self, LevelError> {
        LevelError::check(code)?;
        self.levels.insert(code, level);
        Ok(self)
    }

    /// The level a rule's findings are reported at, after every override.
    pub fn level(&self, code: RuleCode) -> Level {
        if let Some(level) = self.levels.get(&code) {
            return *level;
        }
        let from_profile = self.profiles.iter().rev().find_map(|profile| {
            profile
                .levels()
                .iter()
                .rev()
                .find(|(overridden, _)| *overridden == code)
                .map(|(_, level)| *level)
        });
        from_profile.unwrap_or(match code.default_severity() {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        })
    }

    /// Checks a document already in the model. Findings have pointers but no positions.
    pub fn validate(&self, case: &CaseStudy) -> Report {
        Report::new(self.adjust(self.check_model(case).finish()))
    }

    /// Checks the text of a document: its syntax, its shape and everything beyond, with
    /// the line and column of every finding.
    pub fn validate_str(&self, text: &str, format: Format) -> Report {
        self.read_and_validate(text, format).1
    }

    /// Checks the text of a document like [`validate_str`](Self::validate_str), and also
    /// returns the document when it could be read into the model (its report may still
    /// hold errors beyond the shape). For tools that go on to use the document, such as
    /// checks across files or statistics, without reading it twice.
    pub(crate) fn read_and_validate(
        &self,
        text: &str,
        format: Format,
    ) -> (Option<CaseStudy>, Report) {
        // The version the document declares, when it reads: from the model, or from the
        // text when only the shape has findings.
        let mut declared = None;
        // `yaml-implicit-type`'s warnings, when the shape's check walked the text for them.
        let mut implicit_types = None;
        // The newer keys written empty, when the shape's check found them in its tree.
        let mut empty_uses = None;
        // The places of `implicit_types` that have a finding past the report's limit.
        let mut counted = HashSet::new();
        // Whether the shape's check read the whole text, and reported each number that is
        // not finite (see `numbers::keeping_non_finite`).
        let mut shape_read = false;
        let ((typed, literals_clean), empty_newer_collections) =
            crate::version::noting_empty_newer_collections(|| {
                crate::format::numbers::watching_literals(format, || {
                    crate::format::read_quietly::<CaseStudy>(text, format)
                })
            });
        // `numbers_settled`: every number literal was seen as it was read and none is one
        // the scan below would report.
        let (case, mut findings, numbers_settled) = match typed {
            Some(case) => {
                // YAML's advice to quote, when there may be any, is found first: a value
                // with a finding past the limit gets none either.
                if format == Format::Yaml && yaml_types::may_have_findings(&case, text) {
                    implicit_types = Some(yaml_types::check(text));
                }
                let mut findings = Findings::default();
                watch_advised(&mut findings, implicit_types.as_deref());
                self.check_model_into(&case, &mut findings);
                counted = findings.found_past_the_limit();
                declared = Some(case.schema_version);
                (Some(case), findings, literals_clean)
            }
            // The read's error, with the path that a second read tracks, is only needed
            // when the shape finds nothing.
            None => match structure::check(text, format, || {
                deserialize_as_written::<CaseStudy>(text, format)
                    .err()
                    .unwrap_or_else(|| crate::ParseError {
                        format,
                        pointer: String::new(),
                        line: None,
                        column: None,
                        message: "the document reads on a second try but not on the first"
                            .to_owned(),
                    })
            }) {
                structure::Shape::Syntax(finding) | structure::Shape::Unsupported(finding) => {
                    let mut findings = Findings::default();
                    findings.record(finding);
                    (None, findings, false)
                }
                structure::Shape::Findings {
                    mut findings,
                    repaired,
                    declared: written,
                    literals_clean,
                    implicit_types: walked,
                    counted: counted_by_shape,
                    empty_uses: found,
                } => {
                    implicit_types = walked;
                    counted.extend(counted_by_shape);
                    empty_uses = found;
                    shape_read = true;
                    if let Some(repaired) = repaired {
                        let (case, set_aside) = repaired.into_parts(findings.as_slice());
                        let mut beyond = Findings::hiding(set_aside);
                        if format == Format::Yaml && implicit_types.is_none() {
                            implicit_types = Some(yaml_types::check(text));
                        }
                        watch_advised(&mut beyond, implicit_types.as_deref());
                        self.check_model_into(&case, &mut beyond);
                        counted.extend(beyond.found_past_the_limit());
                        // Merged, the two checks share one limit: what `beyond` listed
                        // may be past it now.
                        watch_advised(&mut findings, implicit_types.as_deref());
                        findings.merge(beyond);
                        counted.extend(findings.found_past_the_limit());
                    }
                    declared = written;
                    (None, findings, literals_clean)
                }
            },
        };
        // A version this build does not know is not read further; a text that does not
        // parse cannot be.
        let unsupported = findings
            .as_slice()
            .iter()
            .any(|finding| finding.code == RuleCode::UnsupportedVersion);
        let readable = !unsupported
            && (case.is_some()
                || findings
                    .as_slice()
                    .iter()
                    .all(|finding| finding.code != RuleCode::Syntax));
        // Findings from the text itself, capped per rule like every other.
        let mut from_text = Findings::default();
        // A document that reads shows each later key written empty as it is read.
        if let Some(declared) = declared
            && declared < crate::SchemaVersion::LATEST
            && declared.is_supported()
            && (case.is_none() || empty_newer_collections)
        {
            // A value with a finding of its shape (`{}` where a list is wanted) gets no
            // second one.
            let placed = |pointer: &str| {
                findings
                    .as_slice()
                    .iter()
                    .any(|found| found.pointer == pointer)
            };
            match empty_uses.take() {
                Some(found) => found.report(&placed, &mut from_text),
                None => crate::version::check_empty_uses(
                    text,
                    format,
                    declared,
                    &placed,
                    &mut from_text,
                ),
            }
        }
        // A document read whole was given its advice above, when it may have any.
        if format == Format::Yaml && readable && (case.is_none() || implicit_types.is_some()) {
            // A value that already has a finding (`null` where a date is wanted is
            // `wrong-type`), listed or counted past the limit, gets no advice to quote it
            // as well, unless that finding's rule is turned off.
            let placed: HashSet<&str> = findings
                .as_slice()
                .iter()
                .map(|finding| (&finding.pointer, finding.code))
                .chain(counted.iter().map(|(pointer, code)| (pointer, *code)))
                .filter(|(_, code)| self.level(*code) != Level::Off)
                .map(|(pointer, _)| pointer.as_str())
                .collect();
            for finding in implicit_types.unwrap_or_else(|| yaml_types::check(text)) {
                if !placed.contains(finding.pointer.as_str()) {
                    from_text.record(finding);
                }
            }
        }
        if !numbers_settled && !unsupported {
            // Numbers the parser did not read as written (see `format::numbers`), unless
            // the shape already has a finding there. A finding of another kind is of the
            // value as it was read, rounded: it does not say that the number is lost. A
            // parser that stopped at such a number (serde_json's first `1e400`) keeps its
            // `syntax` finding there: it read no further, and what follows may be broken
            // too. A number that is not finite is read past (see
            // `numbers::keeping_non_finite`): it is found here, or by the shape's check
            // when the typed read failed.
            let placed: std::collections::HashSet<&str> = findings
                .as_slice()
                .iter()
                .filter(|finding| finding.code.is_structural())
                .map(|finding| finding.pointer.as_str())
                .collect();
            // A number that is not finite is refused by the typed read, and was reported
            // by the shape's check when it read the text.
            let kept = crate::format::numbers::KeptNonFinite::None;
            for number in crate::format::numbers::unrepresentable(text, format, kept) {
                let reported = number.not_finite && shape_read;
                if !reported && !placed.contains(number.pointer.as_str()) {
                    if !from_text.accepts(RuleCode::OutOfRange) {
                        // Counted only: finding the line of each would be quadratic.
                        from_text.push(RuleCode::OutOfRange, String::new(), String::new());
                        continue;
                    }
                    from_text.record(number_finding(number, text));
                }
            }
        }
        findings.merge(from_text);
        let mut findings = self.adjust(findings.finish());
        if !findings.is_empty() {
            place(text, format, &mut findings);
        }
        (case, Report::new(findings))
    }

    /// Checks the bytes of a document; text that is not UTF-8 is a `syntax` finding.
    pub fn validate_slice(&self, bytes: &[u8], format: Format) -> Report {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.validate_str(text, format),
            Err(error) => {
                let (line, column) = crate::format::line_column(
                    &String::from_utf8_lossy(bytes.get(..error.valid_up_to()).unwrap_or_default()),
                    error.valid_up_to(),
                );
                let mut finding = Diagnostic::new(
                    RuleCode::Syntax,
                    "",
                    format!(
                        "the file is not utf-8 text (byte {} starts an invalid sequence)",
                        error.valid_up_to()
                    ),
                );
                finding.line = Some(line);
                finding.column = Some(column);
                Report::new(self.adjust(vec![finding]))
            }
        }
    }

    /// Reads and checks a file, in the format its extension names.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownFormat`] for another extension and [`Error::ReadFile`] when the file
    /// cannot be read. Everything about the content is a finding in the report.
    pub fn validate_path(&self, path: impl AsRef<Path>) -> Result<Report, Error> {
        let (bytes, format) = crate::format::read_file(path.as_ref(), u64::MAX)?;
        Ok(self.validate_slice(&bytes, format))
    }

    fn check_model(&self, case: &CaseStudy) -> Findings {
        let mut findings = Findings::default();
        self.check_model_into(case, &mut findings);
        findings
    }

    /// Runs the checks of the model, recording into `findings`.
    fn check_model_into(&self, case: &CaseStudy, findings: &mut Findings) {
        if !case.schema_version.is_supported() {
            findings.record(structure::version_finding(case.schema_version));
            return;
        }
        rules::values::check(case, findings);
        rules::pairing::check(case, findings);
        rules::identity::check(case, findings);
        rules::codes::check(case, findings);
        rules::dates::check(case, findings);
        rules::indicators::check(case, findings);
        rules::funding::check(case, findings);
        rules::languages::check(case, findings);
        crate::version::check(case, findings);
        for profile in &self.profiles {
            profile.check(case, findings);
        }
    }

    /// Applies the severity overrides: changes findings' severity, or drops those turned
    /// off.
    pub(crate) fn adjust(&self, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.levels.is_empty() && self.profiles.iter().all(|p| p.levels().is_empty()) {
            return findings;
        }
        findings.retain_mut(|finding| match self.level(finding.code) {
            Level::Off => false,
            Level::Error => {
                if !finding.softened {
                    finding.severity = Severity::Error;
                }
                true
            }
            Level::Warning => {
                finding.severity = Severity::Warning;
                true
            }
        });
        findings
    }
}

/// Gives findings made without the text, such as those of [`check_corpus`], their line
/// and column in `text`, and sorts them in document order.
pub(crate) fn locate_findings(text: &str, format: Format, findings: &mut [Diagnostic]) {
    place(text, format, findings);
}

/// Has `findings` note which values that YAML's advice is about get a finding past the
/// report's limit.
fn watch_advised(findings: &mut Findings, advice: Option<&[Diagnostic]>) {
    if let Some(advice) = advice.filter(|advice| !advice.is_empty()) {
        findings.watch(advice.iter().map(|finding| finding.pointer.as_str()));
    }
}

/// The `out-of-range` finding of a number literal of `text` that would not read as
/// written, at its place.
fn number_finding(number: crate::format::numbers::Unrepresentable, text: &str) -> Diagnostic {
    let (line, column) = number.line_column(text);
    let mut finding = Diagnostic::new(RuleCode::OutOfRange, number.pointer, number.message);
    finding.line = Some(line);
    finding.column = Some(column);
    finding
}

/// Gives every finding its line and column, and sorts them in document order.
fn place(text: &str, format: Format, findings: &mut [Diagnostic]) {
    if findings.iter().any(|finding| finding.line.is_none()) {
        let wanted = findings
            .iter()
            .filter(|finding| finding.line.is_none())
            .flat_map(|finding| [Some(finding.pointer.as_str()), finding.key_of.as_deref()])
            .flatten()
            .collect::<Vec<_>>();
        let locations = locate::Locations::of(text, format, wanted);
        for finding in findings.iter_mut().filter(|finding| finding.line.is_none()) {
            let position = match &finding.key_of {
                Some(member) => locations.key(member),
                None => locations.value(&finding.pointer),
            };
            if let Some(position) = position {
                finding.line = Some(position.line);
                finding.column = Some(position.column);
            }
        }
    }
    follow_the_last_listed(findings);
    findings.sort_by_key(|finding| {
        (
            finding.line.is_none(),
            finding.line,
            finding.column,
            finding.counts_more,
        )
    });
}

/// Places each finding that counts a rule's findings not listed at the last one listed in
/// the document's order: the checks find them in their own order (by object, or one check
/// after another), so the last one found may come early in the text.
fn follow_the_last_listed(findings: &mut [Diagnostic]) {
    for at in 0..findings.len() {
        let Some(count) = findings.get(at).filter(|finding| finding.counts_more) else {
            continue;
        };
        let last = findings
            .iter()
            .filter(|finding| {
                finding.code == count.code && !finding.counts_more && finding.line.is_some()
            })
            .max_by_key(|finding| (finding.line, finding.column))
            .map(|finding| {
                (
                    finding.pointer.clone(),
                    finding.key_of.clone(),
                    finding.line,
                    finding.column,
                )
            });
        if let (Some((pointer, key_of, line, column)), Some(count)) = (last, findings.get_mut(at)) {
            count.pointer = pointer;
            count.key_of = key_of;
            count.line = line;
            count.column = column;
        }
    }
}

impl CaseStudy {
    /// Runs every check of the format on the document (no profile, default severities).
    /// Findings have pointers; to get lines and columns too, validate the text with
    /// [`validate_str`](crate::validate_str).
    pub fn validate(&self) -> Report {
        Validator::new().validate(self)
    }
}

/// Checks the text of a document with the default [`Validator`].
///
/// ```
/// let text = r#"{"schema_version": "1.0", "id": "x", "title": "T",
///   "regions": [{"id": "a", "name": "A", "kind": "city", "country": "ES"},
///               {"id": "b", "name": "B", "kind": "city", "contry": "MX"}],
///   "pairing": {"kind": "city_to_city", "regions": ["a", "c"], "started": "2019", "status": "active"}}"#;
/// let report = casebook::validate_str(text, casebook::Format::Json);
/// let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
/// // Every finding at once, in the order of their positions: the object that misses
/// // `country` and the unknown key inside it (line 3), and the pairing's broken
/// // reference (line 4), which the broken shape does not hide.
/// assert_eq!(codes, ["missing-key", "unknown-key", "unknown-reference"]);
/// assert_eq!(report.diagnostics[1].pointer, "/regions/1");
/// assert_eq!(report.diagnostics[1].line, Some(3));
/// assert!(report.diagnostics[1].message.contains("did you mean `country`?"));
/// assert_eq!(report.diagnostics[2].pointer, "/pairing/regions/1");
/// ```
pub fn validate_str(text: &str, format: Format) -> Report {
    Validator::new().validate_str(text, format)
}
