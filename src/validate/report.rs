//! Findings and reports.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::rule::RuleCode;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look; does not make the document invalid unless warnings are denied.
    Warning,
    /// Makes the document invalid.
    Error,
}

impl Severity {
    /// `error` or `warning`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: what is wrong, how serious, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: RuleCode,
    /// How serious it is.
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) of the value it is about; empty for the document root.
    pub pointer: String,
    /// What is wrong and what would be right, in lower case.
    pub message: String,
    /// Line in the source text, from 1, when the document came from text.
    pub line: Option<usize>,
    /// Column in the line, from 1, in characters, when the document came from text.
    pub column: Option<usize>,
    /// Where to place the finding when it is about a key rather than a value: the pointer
    /// of the member whose key is meant.
    #[serde(skip)]
    pub(crate) key_of: Option<String>,
    /// True for a finding that is a warning at most, whatever the rule's level: a check
    /// of order that involves an uncertain or approximate date.
    #[serde(skip)]
    pub(crate) softened: bool,
    /// True for the last finding of a rule, which counts those of it not listed: it is
    /// placed after the last one listed.
    #[serde(skip)]
    pub(crate) counts_more: bool,
}

impl Diagnostic {
    /// A finding of `code` at `pointer`, with the code's default severity and no position.
    pub fn new(code: RuleCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.default_severity(),
            pointer: pointer.into(),
            message: message.into(),
            line: None,
            column: None,
            key_of: None,
            softened: false,
            counts_more: false,
        }
    }

    /// Makes the finding a warning, which no level override raises to an error (a check
    /// of order that involves an uncertain or approximate date); turning its rule off
    /// still drops it.
    pub(crate) fn softened(mut self) -> Self {
        self.severity = Severity::Warning;
        self.softened = true;
        self
    }

    /// Places the finding on the key of the member at `member` (used for unknown keys).
    pub(crate) fn on_key(mut self, member: String) -> Self {
        self.key_of = Some(member);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: ")?,
            // A line of a `.jsonl` file too long to be read has no column.
            (Some(line), None) => write!(f, "{line}: ")?,
            _ => {}
        }
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "{}[{}]: {} (at {pointer})",
            self.severity, self.code, self.message
        )
    }
}

/// Every finding of one document.
///
/// ```
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
/// let report = case.validate();
/// assert!(report.is_valid());
/// assert_eq!(report.warnings().count(), 0);
/// # Ok::<(), casebook::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The findings, in document order where the document came from text, else in the
    /// order of the checks.
    pub diagnostics: Vec<Diagnostic>,
    /// The versions of the code tables the checks used.
    pub code_tables: Cow<'static, str>,
}

impl Default for Report {
    /// A report with no finding, made with this crate's code tables.
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl Report {
    pub(crate) fn new(diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            diagnostics,
            code_tables: Cow::Borrowed(crate::CODE_TABLES_VERSION),
        }
    }

    /// True when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// True when there is no finding at all.
    pub fn is_clean(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// True when the document passes: no error, and no warning either when
    /// `deny_warnings` is set.
    pub fn passes(&self, deny_warnings: bool) -> bool {
        if deny_warnings {
            self.is_clean()
        } else {
            self.is_valid()
        }
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_shows_as_much_of_its_place_as_it_has() {
        let mut finding = Diagnostic::new(crate::RuleCode::Syntax, "", "too long");
        assert_eq!(finding.to_string(), "error[syntax]: too long (at /)");
        finding.line = Some(2);
        assert_eq!(finding.to_string(), "2: error[syntax]: too long (at /)");
        finding.column = Some(5);
        assert_eq!(finding.to_string(), "2:5: error[syntax]: too long (at /)");
    }
}
