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
//!    of the right shape: they run when the shape is right, and also when unknown keys are
//!    its only problem (they run on the document without those keys), so that a typo in a
//!    key does not hide a broken reference.
//! 3. **The checks beyond the shape** (references, code tables, dates, the pairing, the
//!    profile) run over the typed model and collect every finding.
//! 4. **Positions.** Only when there are findings is the text parsed once more, with a
//!    parser that keeps positions, to give each finding its line and column.
//!
//! A document is valid when it has no error; warnings never make it invalid unless the
//! caller asks for that ([`Report::passes`]). Severities can be changed per rule, or a
//! rule turned off, with [`Validator::with_level`].
//!
//! # The rules
//!
#![doc = include_str!("rules.md")]
//!
//! The code tables are bundled ([`CODE_TABLES_VERSION`](crate::CODE_TABLES_VERSION)) and
//! every report records their version. No network access is made, ever.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::format::deserialize_text;
use crate::{CaseStudy, Error, Format};

mod corpus;
mod explain;
mod locate;
mod report;
pub(crate) mod rules;
mod structure;

pub use self::corpus::{CorpusChecker, CorpusEntry, CorpusFinding, CorpusKeys, check_corpus};
pub use self::explain::Explanation;

pub use self::report::{Diagnostic, Report, RuleCode, Severity};
use self::rules::Findings;

/// A programme profile: checks a programme adds to the format's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Profile {
    /// The EU's International Urban Cooperation programme: a partner in an EU member state
    /// and one outside the EU, as of the pairing's start.
    Iuc,
}

impl Profile {
    /// Every profile.
    pub const ALL: &'static [Self] = &[Self::Iuc];

    /// The profile's name: `iuc`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Iuc => "iuc",
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Profile {
    type Err = crate::CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "iuc" => Ok(Self::Iuc),
            _ => Err(crate::CodeError::new("profile", value, "one of `iuc`")),
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

/// Checks documents with a profile and severity overrides.
///
/// ```
/// use casebook::{Format, Level, Profile, RuleCode, Validator};
///
/// let validator = Validator::new()
///     .with_profile(Profile::Iuc)
///     .with_level(RuleCode::EventBeforeStart, Level::Error);
/// let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.yaml")?;
/// let report = validator.validate_str(&text, Format::Yaml);
/// assert!(report.is_valid(), "{:?}", report.diagnostics);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Validator {
    profile: Option<Profile>,
    levels: BTreeMap<RuleCode, Level>,
}

impl Validator {
    /// A validator with the format's checks and the default severities.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a programme profile's checks.
    pub fn with_profile(mut self, profile: Profile) -> Self {
        self.profile = Some(profile);
        self
    }

    /// Reports the findings of `code` at `level` (or not at all, with [`Level::Off`]).
    pub fn with_level(mut self, code: RuleCode, level: Level) -> Self {
        self.levels.insert(code, level);
        self
    }

    /// Checks a document already in the model. Findings have pointers but no positions.
    pub fn validate(&self, case: &CaseStudy) -> Report {
        Report::new(self.adjust(self.check_model(case)))
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
    pub fn read_and_validate(&self, text: &str, format: Format) -> (Option<CaseStudy>, Report) {
        let (case, findings) = match deserialize_text::<CaseStudy>(text, format) {
            Ok(case) => {
                let findings = self.check_model(&case);
                (Some(case), findings)
            }
            Err(typed) => match structure::check(text, format, typed) {
                structure::Shape::Syntax(finding) | structure::Shape::Unsupported(finding) => {
                    (None, vec![finding])
                }
                structure::Shape::Findings(mut findings, repaired) => {
                    if let Some(case) = &repaired {
                        findings.extend(self.check_model(case));
                    }
                    (None, findings)
                }
            },
        };
        let mut findings = self.adjust(findings);
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
        let (bytes, format) = crate::format::read_file(path.as_ref())?;
        Ok(self.validate_slice(&bytes, format))
    }

    fn check_model(&self, case: &CaseStudy) -> Vec<Diagnostic> {
        if !case.schema_version.is_supported() {
            return vec![structure::version_finding(case.schema_version)];
        }
        let mut findings = Findings::default();
        rules::values::check(case, &mut findings);
        rules::pairing::check(case, &mut findings);
        rules::identity::check(case, &mut findings);
        rules::codes::check(case, &mut findings);
        rules::dates::check(case, &mut findings);
        if self.profile == Some(Profile::Iuc) {
            rules::profile::iuc(case, &mut findings);
        }
        findings.diagnostics
    }

    /// Applies the severity overrides to findings made elsewhere, such as those of
    /// [`check_corpus`]: changes their severity, or drops those turned off.
    pub fn adjust(&self, mut findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.levels.is_empty() {
            return findings;
        }
        findings.retain_mut(|finding| match self.levels.get(&finding.code) {
            Some(Level::Off) => false,
            Some(Level::Error) => {
                finding.severity = Severity::Error;
                true
            }
            Some(Level::Warning) => {
                finding.severity = Severity::Warning;
                true
            }
            None => true,
        });
        findings
    }
}

/// Gives findings made without the text, such as those of [`check_corpus`], their line
/// and column in `text`, and sorts them in document order.
pub fn locate_findings(text: &str, format: Format, findings: &mut [Diagnostic]) {
    place(text, format, findings);
}

/// Gives every finding its line and column, and sorts them in document order.
fn place(text: &str, format: Format, findings: &mut [Diagnostic]) {
    if findings.iter().any(|finding| finding.line.is_none()) {
        let locations = locate::Locations::of(text, format);
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
    findings.sort_by_key(|finding| (finding.line.is_none(), finding.line, finding.column));
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
/// // Both on line 3, in the order of their columns: the object that misses `country`,
/// // then the unknown key inside it.
/// assert_eq!(codes, ["missing-key", "unknown-key"]);
/// assert_eq!(report.diagnostics[1].pointer, "/regions/1");
/// assert_eq!(report.diagnostics[1].line, Some(3));
/// assert!(report.diagnostics[1].message.contains("did you mean `country`?"));
/// ```
pub fn validate_str(text: &str, format: Format) -> Report {
    Validator::new().validate_str(text, format)
}
