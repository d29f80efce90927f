//! Findings and reports.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Defines [`RuleCode`] with its kebab-case code, default severity and summary, from one
/// table so that they cannot drift apart.
macro_rules! rule_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal, $severity:ident, $summary:literal;)+) => {
        /// The stable code of a check. Codes are part of the public contract: they are
        /// never renamed or reused, so CI configurations and severity overrides keep
        /// working from one release to the next. The [rule table](crate::validate) says
        /// what each one checks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum RuleCode {
            $($(#[doc = $doc])* #[serde(rename = $code)] $variant,)+
        }

        impl RuleCode {
            /// Every code, in the order of the rule table.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The code as written in reports: `unknown-reference`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The severity of a finding unless an override changes it.
            pub const fn default_severity(self) -> Severity {
                match self {
                    $(Self::$variant => Severity::$severity,)+
                }
            }

            /// What the rule checks, in one line.
            pub const fn summary(self) -> &'static str {
                match self {
                    $(Self::$variant => $summary,)+
                }
            }
        }
    };
}

rule_codes! {
    /// The text is not well-formed JSON, YAML or TOML, or repeats a key.
    Syntax = "syntax", Error, "the text is well-formed JSON, YAML or TOML, with no repeated key and one YAML document";
    /// `schema_version` has a major version other than 1.
    UnsupportedVersion = "unsupported-version", Error, "`schema_version` is 1.x";
    /// A key the format does not define.
    UnknownKey = "unknown-key", Error, "every key is defined by the format (anything goes inside `extensions`)";
    /// A required key is absent.
    MissingKey = "missing-key", Error, "every required key is present";
    /// A value of the wrong JSON type.
    WrongType = "wrong-type", Error, "every value has the JSON type the format gives it";
    /// A value outside its grammar or its list of allowed values.
    InvalidValue = "invalid-value", Error, "ids, dates, codes, e-mails and URLs follow their grammar; enumerated values are allowed ones";
    /// Present text that is empty or only whitespace.
    BlankText = "blank-text", Error, "text that is present is not empty or only whitespace";
    /// A list shorter than the format allows.
    TooFewItems = "too-few-items", Error, "`regions` and `pairing.regions` have at least two entries";
    /// A repeated entry in a list that forbids repeats.
    DuplicateItem = "duplicate-item", Error, "`pairing.regions` and `sdgs` have no repeats";
    /// A number outside its range.
    OutOfRange = "out-of-range", Error, "SDG numbers are 1 to 17, populations above 0, amounts not negative";
    /// Two entries of a collection share an id.
    DuplicateId = "duplicate-id", Error, "every id is unique in its collection";
    /// A reference names no entry of its collection.
    UnknownReference = "unknown-reference", Error, "every reference names an entry of its collection";
    /// A country code that ISO 3166-1 does not assign.
    UnknownCountry = "unknown-country", Error, "country codes are assigned ISO 3166-1 alpha-2 codes";
    /// A subdivision code that ISO 3166-2 does not list.
    UnknownSubdivision = "unknown-subdivision", Error, "subdivision and member codes are ISO 3166-2 codes";
    /// A subdivision of another country than the region's.
    SubdivisionCountryMismatch = "subdivision-country-mismatch", Error, "subdivision and member codes begin with the region's country";
    /// A NUTS code whose prefix is not the region's country's.
    NutsCountryMismatch = "nuts-country-mismatch", Error, "a NUTS code begins with the country's NUTS prefix (`EL` for Greece, `UK` for the United Kingdom)";
    /// A NUTS code on a region of a country outside the NUTS area.
    NutsOutsideArea = "nuts-outside-area", Error, "only regions of countries in the NUTS classification have a NUTS code";
    /// A language code that ISO 639-1 does not assign.
    UnknownLanguage = "unknown-language", Error, "language codes are ISO 639-1 codes";
    /// A currency code that ISO 4217 does not list.
    UnknownCurrency = "unknown-currency", Error, "currency codes are current ISO 4217 codes";
    /// The pairing ended before it started.
    DateOrder = "date-order", Error, "`pairing.ended` is not before `pairing.started`";
    /// The pairing's status disagrees with its end date.
    StatusDateMismatch = "status-date-mismatch", Error, "a `concluded` pairing has `ended`; an `active` or `planned` one has not";
    /// The case study was published before the pairing started.
    PublishedBeforeStart = "published-before-start", Warning, "`published` is not before `pairing.started`";
    /// An event before the pairing started.
    EventBeforeStart = "event-before-start", Warning, "no event is dated before `pairing.started`";
    /// An event after the case study was published.
    EventAfterPublished = "event-after-published", Warning, "no event is dated after `published`";
    /// A `city_to_city` pairing of regions that are not cities.
    CityPairingKind = "city-pairing-kind", Warning, "a `city_to_city` pairing joins cities, municipalities or metropolitan areas";
    /// The IUC profile: the pairing lacks an EU partner or a partner outside the EU.
    IucPartners = "iuc-partners", Error, "profile `iuc`: the pairing joins a region of an EU member state and one outside the EU, as of `pairing.started`";
    /// Across files: two case studies with the same id.
    DuplicateCaseStudyId = "duplicate-case-study-id", Error, "across files: every case study has its own `id`";
    /// Across files: one region id described differently in two case studies.
    RegionConflict = "region-conflict", Warning, "across files: a region id names the same region everywhere (same kind, country, subdivision and NUTS code)";
}

impl RuleCode {
    /// True for the rules that compare case studies with each other, which run only when
    /// several documents are checked together ([`check_corpus`](crate::check_corpus)).
    pub const fn is_cross_file(self) -> bool {
        matches!(self, Self::DuplicateCaseStudyId | Self::RegionConflict)
    }

    /// True for rules about the shape of a document, which the JSON Schema states too:
    /// a document with such a finding fails the schema, at the same pointer. The other
    /// rules (references, code tables beyond countries, dates, profiles) need the crate.
    pub const fn is_structural(self) -> bool {
        matches!(
            self,
            Self::Syntax
                | Self::UnsupportedVersion
                | Self::UnknownKey
                | Self::MissingKey
                | Self::WrongType
                | Self::InvalidValue
                | Self::BlankText
                | Self::TooFewItems
                | Self::DuplicateItem
                | Self::OutOfRange
                | Self::UnknownCountry
        )
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuleCode {
    type Err = crate::CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == value)
            .ok_or_else(|| {
                crate::CodeError::new(
                    "rule code",
                    value,
                    "a code of `casebook rules`, such as \"unknown-reference\"",
                )
            })
    }
}

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
        }
    }

    /// Places the finding on the key of the member at `member` (used for unknown keys).
    pub(crate) fn on_key(mut self, member: String) -> Self {
        self.key_of = Some(member);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, "{line}:{column}: ")?;
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
