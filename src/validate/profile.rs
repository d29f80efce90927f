//! Profiles: rule sets that a programme or publisher adds to the format's checks.
//!
//! A [`Profile`] is a value: a name, checks of its own, and severity overrides. Several can
//! be active at once ([`Validator::with_profile`](super::Validator::with_profile) adds one
//! more each time). `iuc` is built in; a crate that depends on casebook defines its own
//! with [`Profile::new`], [`CustomRule`](super::CustomRule) and
//! [`Profile::with_check`], without forking this one.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use super::rule::RuleCode;
use super::{Findings, Level, LevelError};
use crate::CaseStudy;

/// A check of a profile: reads a case study and records findings.
type CheckFn = dyn Fn(&CaseStudy, &mut Findings) + Send + Sync;

/// A set of rules and severity overrides that a programme adds to the format's checks.
///
/// ```
/// use casebook::validate::{CustomRule, Explanation, Findings, Level, Profile, RuleCode, Severity};
/// use casebook::{CaseStudy, Format, Validator};
///
/// static HAS_LESSONS: CustomRule = CustomRule {
///     code: "acme-has-lessons",
///     severity: Severity::Warning,
///     summary: "profile `acme`: a case study records at least one lesson",
///     explanation: Explanation { why: "ACME publishes lessons.", problem: "", fix: "" },
/// };
///
/// let acme = Profile::new("acme", "what the ACME foundation asks of its case studies")
///     .with_check(RuleCode::Custom(&HAS_LESSONS), |case: &CaseStudy, findings: &mut Findings| {
///         if case.lessons.is_empty() {
///             findings.push(RuleCode::Custom(&HAS_LESSONS), "", "record at least one lesson");
///         }
///     })
///     .with_level(RuleCode::EventBeforeStart, Level::Error)?;
///
/// let validator = Validator::new().with_profile(Profile::iuc()).with_profile(acme);
/// let text = std::fs::read_to_string("examples/data/cantabria-chihuahua.json")?;
/// let report = validator.validate_str(&text, Format::Json);
/// assert!(report.is_valid(), "the example has lessons and an EU partner");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Profile {
    name: Cow<'static, str>,
    summary: Cow<'static, str>,
    checks: Vec<(RuleCode, Arc<CheckFn>)>,
    levels: Vec<(RuleCode, Level)>,
}

impl fmt::Debug for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profile")
            .field("name", &self.name)
            .field("rules", &self.rules().collect::<Vec<_>>())
            .field("levels", &self.levels)
            .finish()
    }
}

impl Profile {
    /// The names of the profiles built into this crate.
    pub const BUILT_IN: &'static [&'static str] = &["iuc"];

    /// An empty profile named `name` (kebab case, such as `acme`), described by `summary`.
    pub fn new(name: impl Into<Cow<'static, str>>, summary: impl Into<Cow<'static, str>>) -> Self {
        Self {
            name: name.into(),
            summary: summary.into(),
            checks: Vec::new(),
            levels: Vec::new(),
        }
    }

    /// Adds a check that reports findings of `rule`.
    pub fn with_check(
        mut self,
        rule: RuleCode,
        check: impl Fn(&CaseStudy, &mut Findings) + Send + Sync + 'static,
    ) -> Self {
        self.checks.push((rule, Arc::new(check)));
        self
    }

    /// Reports the findings of `code` at `level` while the profile is active. Overrides
    /// given to the [`Validator`](super::Validator) itself win over a profile's.
    ///
    /// # Errors
    ///
    /// [`LevelError`] when `code` is a structural rule, whose severity is fixed.
    pub fn with_level(mut self, code: RuleCode, level: Level) -> Result<Self, LevelError> {
        LevelError::check(code)?;
        self.levels.push((code, level));
        Ok(self)
    }

    /// The EU's International Urban Cooperation programme: a partner in an EU member state
    /// and one outside the EU, as of the pairing's start (`iuc-partners`).
    pub fn iuc() -> Self {
        Self::new(
            "iuc",
            "the EU's International Urban Cooperation programme: an EU partner and a partner outside the EU",
        )
        .with_check(RuleCode::IucPartners, super::rules::profile::iuc)
    }

    /// The built-in profile named `name`, if there is one.
    pub fn built_in(name: &str) -> Option<Self> {
        match name {
            "iuc" => Some(Self::iuc()),
            _ => None,
        }
    }

    /// The profile's name: `iuc`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the profile is for, in one line.
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// The rules the profile adds, in the order they were added.
    pub fn rules(&self) -> impl Iterator<Item = RuleCode> + '_ {
        self.checks.iter().map(|(code, _)| *code)
    }

    /// The profile's severity overrides.
    pub fn levels(&self) -> &[(RuleCode, Level)] {
        &self.levels
    }

    pub(super) fn check(&self, case: &CaseStudy, findings: &mut Findings) {
        for (_, check) in &self.checks {
            check(case, findings);
        }
    }
}

impl PartialEq for Profile {
    /// Profiles are told apart by name.
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

impl FromStr for Profile {
    type Err = crate::CodeError;

    /// The built-in profile of that name.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::built_in(value).ok_or_else(|| {
            crate::CodeError::new(
                "profile",
                value,
                format!(
                    "one of {}",
                    super::rules::quoted_list(Self::BUILT_IN.iter().copied())
                ),
            )
        })
    }
}
