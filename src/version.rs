//! The versions of the format, and the one table of what each minor version added.
//!
//! Format 1.x grows by minor versions: each adds optional keys, enum values or wider
//! grammars, and every document of an earlier minor version stays valid. A document that
//! uses an addition declares the version that brought it (`schema_version: "1.1"`); one
//! that declares an earlier version gets `needs-newer-version` at each use, so that a
//! reader of that version is never handed a document it cannot read.
//!
//! [`FEATURES`] is the one place where an addition is recorded: its version, where it
//! lives, and how its uses are found in a document. The rule `needs-newer-version`,
//! [`needed_version`], [`upgrade`] and the page `docs/versions.md` ([`versions_markdown`])
//! are derived from it.
//!
//! ```
//! use casebook::version::{self, FEATURES};
//! use casebook::SchemaVersion;
//!
//! assert_eq!(SchemaVersion::LATEST, "1.1".parse()?);
//! assert!(FEATURES.iter().all(|feature| feature.version <= SchemaVersion::LATEST));
//! let upgraded = version::upgrade("{\"schema_version\": \"1.0\", \"id\": \"x\"}", casebook::Format::Json)?;
//! assert_eq!(upgraded.as_deref(), Some("{\"schema_version\": \"1.1\", \"id\": \"x\"}"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use crate::format::tree::Tree;
use crate::format::{Format, value_from_str};
use crate::validate::{Diagnostic, RuleCode};
use crate::{CaseStudy, OrganisationKind, PairingKind, SchemaVersion};

/// A version of the format that this crate reads, with what it brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormatVersion {
    /// The version: `1.1`.
    pub version: SchemaVersion,
    /// What it brought, in a sentence.
    pub summary: &'static str,
}

/// Every version of the format this crate reads, oldest first.
pub const FORMAT_VERSIONS: &[FormatVersion] = &[
    FormatVersion {
        version: SchemaVersion { major: 1, minor: 0 },
        summary: "the format as first published: regions, pairing, topics, events, challenges, outcomes, proposals, funding, lessons, people, organisations, quotes and sources",
    },
    FormatVersion {
        version: SchemaVersion { major: 1, minor: 1 },
        summary: "what real case studies of other shapes need: uncertain dates and ranges, results in numbers, roles, networks, money of more than one figure, more than one language, places",
    },
];

/// An addition to the format after 1.0.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    /// The version that brought it.
    pub version: SchemaVersion,
    /// Where it lives: a JSON Pointer with `*` for any index (`/indicators`), or words
    /// for what is everywhere (`every date`).
    pub place: &'static str,
    /// What it is, in a few words.
    pub summary: &'static str,
    /// Pushes the pointer of each use of the feature in a document.
    uses: fn(&CaseStudy, &mut Vec<String>),
}

impl Feature {
    /// The pointers of the uses of this feature in `case`, in document order.
    pub fn uses(&self, case: &CaseStudy) -> Vec<String> {
        let mut found = Vec::new();
        (self.uses)(case, &mut found);
        found
    }
}

/// Every addition to the format after 1.0, by version: the one table from which the rule
/// `needs-newer-version`, [`needed_version`] and `docs/versions.md` are derived.
pub static FEATURES: &[Feature] = &[
    Feature {
        version: V1_1,
        place: "every date",
        summary: "EDTF level 1 dates: `2018?`, `2018-03~`, seasons (`2018-21`), intervals (`2017-11/2019-07`, `2017-11/..`) and unspecified digits (`201X`)",
        uses: |case, found| {
            case.each_date(|date, pointer| {
                if !date.is_level_0() {
                    found.push(pointer());
                }
            });
        },
    },
    Feature {
        version: V1_1,
        place: "/organisations/*/kind",
        summary: "organisation kinds `foundation`, `association`, `research` and `media`",
        uses: |case, found| {
            for (i, organisation) in case.organisations.iter().enumerate() {
                if matches!(
                    organisation.kind,
                    Some(
                        OrganisationKind::Foundation
                            | OrganisationKind::Association
                            | OrganisationKind::Research
                            | OrganisationKind::Media
                    )
                ) {
                    found.push(format!("/organisations/{i}/kind"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/organisations/*/roles",
        summary: "the roles of an organisation in the cooperation (`funder`, `coordinator`, `host`...)",
        uses: |case, found| {
            for (i, organisation) in case.organisations.iter().enumerate() {
                if !organisation.roles.is_empty() {
                    found.push(format!("/organisations/{i}/roles"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/funding_sources/*/funder",
        summary: "the organisation that gives the money",
        uses: |case, found| {
            for (i, source) in case.funding_sources.iter().enumerate() {
                if source.funder.is_some() {
                    found.push(format!("/funding_sources/{i}/funder"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/pairing/kind",
        summary: "pairing kind `network`: three or more partners working as one cooperation",
        uses: |case, found| {
            if case.pairing.kind == PairingKind::Network {
                found.push("/pairing/kind".to_owned());
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/pairing/observers",
        summary: "regions that follow the cooperation without being partners",
        uses: |case, found| {
            if !case.pairing.observers.is_empty() {
                found.push("/pairing/observers".to_owned());
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/pairing/sub_pairings",
        summary: "partners of a network that pair up by topic",
        uses: |case, found| {
            if !case.pairing.sub_pairings.is_empty() {
                found.push("/pairing/sub_pairings".to_owned());
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/regions/*/parent",
        summary: "the region a region lies in",
        uses: |case, found| {
            for (i, region) in case.regions.iter().enumerate() {
                if region.parent.is_some() {
                    found.push(format!("/regions/{i}/parent"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/outcomes/*/date",
        summary: "when an outcome was reached, or is expected",
        uses: |case, found| {
            for (i, outcome) in case.outcomes.iter().enumerate() {
                if outcome.date.is_some() {
                    found.push(format!("/outcomes/{i}/date"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/indicators",
        summary: "results in numbers: indicators with a measure, a unit, and a baseline, a target and values, each a figure with a date, a qualifier and a note",
        uses: |case, found| {
            if !case.indicators.is_empty() {
                found.push("/indicators".to_owned());
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/funding_sources/*/amount/qualifier",
        summary: "an amount that is not exact: `qualifier` (`about`, `at_least`, `more_than`, `at_most`, `less_than`, or `exact`)",
        uses: |case, found| {
            for (i, source) in case.funding_sources.iter().enumerate() {
                if source
                    .amount
                    .as_ref()
                    .is_some_and(|amount| amount.qualifier.is_some())
                {
                    found.push(format!("/funding_sources/{i}/amount/qualifier"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/funding_sources/*/period",
        summary: "the term of a grant, usually an interval; it dates the money for `historic-currency`",
        uses: |case, found| {
            for (i, source) in case.funding_sources.iter().enumerate() {
                if source.period.is_some() {
                    found.push(format!("/funding_sources/{i}/period"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/funding_sources/*/scope",
        summary: "what the money is for: `pairing` (when absent), `partner` or `programme`",
        uses: |case, found| {
            for (i, source) in case.funding_sources.iter().enumerate() {
                if source.scope.is_some() {
                    found.push(format!("/funding_sources/{i}/scope"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/funding_sources/*/shares",
        summary: "who got or gave how much: shares of a funding source, each of a region or an organisation",
        uses: |case, found| {
            for (i, source) in case.funding_sources.iter().enumerate() {
                if !source.shares.is_empty() {
                    found.push(format!("/funding_sources/{i}/shares"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/quotes/*/language",
        summary: "the language of a quote (ISO 639-1)",
        uses: |case, found| {
            for (i, quote) in case.quotes.iter().enumerate() {
                if quote.language.is_some() {
                    found.push(format!("/quotes/{i}/language"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/quotes/*/translation",
        summary: "a quote's translation into the document's language",
        uses: |case, found| {
            for (i, quote) in case.quotes.iter().enumerate() {
                if quote.translation.is_some() {
                    found.push(format!("/quotes/{i}/translation"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/sources/*/language",
        summary: "the language of a source (ISO 639-1)",
        uses: |case, found| {
            for (i, source) in case.sources.iter().enumerate() {
                if source.language.is_some() {
                    found.push(format!("/sources/{i}/language"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/sources/*/published",
        summary: "when a source was published",
        uses: |case, found| {
            for (i, source) in case.sources.iter().enumerate() {
                if source.published.is_some() {
                    found.push(format!("/sources/{i}/published"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/sources/*/publisher",
        summary: "who published a source",
        uses: |case, found| {
            for (i, source) in case.sources.iter().enumerate() {
                if source.publisher.is_some() {
                    found.push(format!("/sources/{i}/publisher"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/translations",
        summary: "translations of the document's texts, by language and JSON Pointer",
        uses: |case, found| {
            if !case.translations.is_empty() {
                found.push("/translations".to_owned());
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/regions/*/coordinates",
        summary: "a point in a region (WGS 84 latitude and longitude)",
        uses: |case, found| {
            for (i, region) in case.regions.iter().enumerate() {
                if region.coordinates.is_some() {
                    found.push(format!("/regions/{i}/coordinates"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/regions/*/identifiers",
        summary: "a region's ids in registers of places (Wikidata, GeoNames, OpenStreetMap, UN/LOCODE)",
        uses: |case, found| {
            for (i, region) in case.regions.iter().enumerate() {
                if !region.identifiers.is_empty() {
                    found.push(format!("/regions/{i}/identifiers"));
                }
            }
        },
    },
    Feature {
        version: V1_1,
        place: "/events/*/coordinates",
        summary: "where an event took place, as a point (WGS 84 latitude and longitude)",
        uses: |case, found| {
            for (i, event) in case.events.iter().enumerate() {
                if event.coordinates.is_some() {
                    found.push(format!("/events/{i}/coordinates"));
                }
            }
        },
    },
];

const V1_1: SchemaVersion = SchemaVersion { major: 1, minor: 1 };

/// Each use of a feature newer than the version `case` declares, with the feature.
pub fn newer_than_declared(case: &CaseStudy) -> Vec<(&'static Feature, String)> {
    FEATURES
        .iter()
        .filter(|feature| feature.version > case.schema_version)
        .flat_map(|feature| {
            feature
                .uses(case)
                .into_iter()
                .map(move |pointer| (feature, pointer))
        })
        .collect()
}

/// The lowest version that has every feature `case` uses: `1.0` for a document that
/// uses none of the additions.
pub fn needed_version(case: &CaseStudy) -> SchemaVersion {
    FEATURES
        .iter()
        .filter(|feature| !feature.uses(case).is_empty())
        .map(|feature| feature.version)
        .fold(SchemaVersion::CURRENT, Ord::max)
}

/// The findings of `needs-newer-version`: one per use of a feature newer than the
/// declared version.
pub(crate) fn check(case: &CaseStudy, findings: &mut crate::validate::Findings) {
    // One finding a place: a new key whose value is also a new date form is one use.
    let mut placed = std::collections::HashSet::new();
    for (feature, pointer) in newer_than_declared(case) {
        if !placed.insert(pointer.clone()) {
            continue;
        }
        findings.push(
            RuleCode::NeedsNewerVersion,
            pointer,
            newer_message(feature, case.schema_version),
        );
    }
}

fn newer_message(feature: &Feature, declared: SchemaVersion) -> String {
    format!(
        "new in format {}: {}; this document declares {declared}, so declare `schema_version: \"{}\"` (`casebook upgrade FILE` does it)",
        feature.version,
        feature.summary,
        SchemaVersion::LATEST
    )
}

/// True when the text may hold an empty list or object. JSON writes one only as `[]` or
/// `{}`, YAML (in flow style) and TOML (inline) the same with comments allowed inside;
/// white space may stand between the brackets. TOML also makes an empty table with a
/// table header that no key follows. A bracket inside a string only costs a second read.
fn may_have_empty_container(text: &str, format: Format) -> bool {
    if format == Format::Toml && has_bare_table_header(text) {
        return true;
    }
    let comments = format != Format::Json;
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'[', b'{', bytes).any(|open| {
        let close = if bytes.get(open) == Some(&b'[') {
            b']'
        } else {
            b'}'
        };
        let mut at = open + 1;
        loop {
            match bytes.get(at) {
                Some(byte) if byte.is_ascii_whitespace() => at += 1,
                Some(b'#') if comments => {
                    at = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default())
                        .map_or(bytes.len(), |end| at + end);
                }
                next => return next == Some(&close),
            }
        }
    })
}

/// True when a TOML text has a line that may be a table header (`[name]`, `[[name]]`)
/// followed by no key: the next line that is neither blank nor a comment is another
/// header, or there is none. Lines inside a multi-line array or string may look like
/// headers; that only costs a second read.
fn has_bare_table_header(text: &str) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim_start)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .peekable();
    while let Some(line) = lines.next() {
        if line.starts_with('[') && lines.peek().is_none_or(|next| next.starts_with('[')) {
            return true;
        }
    }
    false
}

thread_local! {
    /// Set when a typed read took a list or map of a later minor version written empty.
    static EMPTY_NEWER_COLLECTION: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a typed read, and says whether it took a list or map of a later minor version
/// written empty. A read that succeeded without one leaves [`check_empty_uses`] nothing to
/// find, and it can be passed over.
pub(crate) fn noting_empty_newer_collections<T>(read: impl FnOnce() -> T) -> (T, bool) {
    EMPTY_NEWER_COLLECTION.set(false);
    let value = read();
    (value, EMPTY_NEWER_COLLECTION.replace(false))
}

/// Notes a list or map of a later minor version read empty (`model::newer_collection`).
pub(crate) fn note_empty_newer_collection() {
    EMPTY_NEWER_COLLECTION.set(true);
}

/// The findings of `needs-newer-version` that the model cannot see: a newer key written
/// with an empty list or object (`indicators: []` in a 1.0 document), which reads as the
/// key's absence but which a reader of the declared version refuses as an unknown key.
/// A value for which `placed` is true already has a finding, and gets no other.
///
/// The text is read a second time only when it names one of those keys at all, so a
/// document that uses nothing newer costs a substring search. A check that has read the
/// text already finds them in its tree ([`EmptyUses::of`]).
pub(crate) fn check_empty_uses(
    text: &str,
    format: Format,
    declared: SchemaVersion,
    placed: &dyn Fn(&str) -> bool,
    findings: &mut crate::validate::Findings,
) {
    if !newer_keys(declared).any(|key| text.contains(key)) {
        return;
    }
    // Keys such as `kind` and `date` are in nearly every document: without an empty
    // list or object there is nothing to find, and no second read.
    if !may_have_empty_container(text, format) {
        return;
    }
    let Ok(value) = crate::format::tree_as_written(text, format) else {
        return;
    };
    EmptyUses::of(&value, declared).report(placed, findings);
}

/// The keys at which the features newer than `declared` live.
fn newer_keys(declared: SchemaVersion) -> impl Iterator<Item = &'static str> {
    FEATURES.iter().filter_map(move |feature| {
        let key = feature.place.strip_prefix('/')?.rsplit('/').next()?;
        (feature.version > declared).then_some(key)
    })
}

/// One step of a path through a document: a key, or an index (`*` in a place).
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The places of [`FEATURES`] that are pointers, as a tree of their steps, so that a
/// document is walked once for all of them: several live under each list
/// (`/funding_sources/*/...`).
#[derive(Default)]
struct Places {
    /// The features whose place ends here, by their index in [`FEATURES`].
    features: Vec<usize>,
    /// The next steps: a key, or `*` for each item of a list.
    next: Vec<(&'static str, Places)>,
}

impl Places {
    /// Built once: the table does not change.
    fn all() -> &'static Places {
        static PLACES: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
        PLACES.get_or_init(|| {
            let mut root = Places::default();
            for (index, feature) in FEATURES.iter().enumerate() {
                let Some(place) = feature.place.strip_prefix('/') else {
                    continue;
                };
                let mut node = &mut root;
                for segment in place.split('/') {
                    let at = match node.next.iter().position(|(step, _)| *step == segment) {
                        Some(at) => at,
                        None => {
                            node.next.push((segment, Places::default()));
                            node.next.len() - 1
                        }
                    };
                    node = match node.next.get_mut(at) {
                        Some((_, next)) => next,
                        None => break,
                    };
                }
                node.features.push(index);
            }
            root
        })
    }

    /// Pushes the index of each feature newer than `declared` whose place under `value`
    /// (whose path is `path`) holds an empty list or object, with its pointer: pointers are
    /// written only for what is found, as most documents have none.
    fn find_empty<'p>(
        &'p self,
        value: &Tree<'_>,
        declared: SchemaVersion,
        path: &mut Vec<Step<'p>>,
        found: &mut Vec<(usize, String)>,
    ) {
        let empty = match value {
            Tree::Array(items) => items.is_empty(),
            Tree::Object(members) => members.is_empty(),
            _ => false,
        };
        if empty {
            for &index in &self.features {
                if FEATURES
                    .get(index)
                    .is_some_and(|feature| feature.version > declared)
                {
                    found.push((index, pointer_of(path)));
                }
            }
        }
        for (step, next) in &self.next {
            match (*step, value) {
                ("*", Tree::Array(items)) => {
                    for (index, item) in items.iter().enumerate() {
                        path.push(Step::Index(index));
                        next.find_empty(item, declared, path, found);
                        path.pop();
                    }
                }
                (key, object) => {
                    if let Some(member) = object.get(key) {
                        path.push(Step::Key(key));
                        next.find_empty(member, declared, path, found);
                        path.pop();
                    }
                }
            }
        }
    }
}

/// The JSON Pointer of `path`.
fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path {
        match step {
            Step::Key(key) => crate::pointer::push_token(&mut pointer, key),
            Step::Index(index) => {
                let _ = write!(pointer, "/{index}");
            }
        }
    }
    pointer
}

/// The newer keys of a document written with an empty list or object, found in its tree.
#[derive(Debug)]
pub(crate) struct EmptyUses {
    declared: SchemaVersion,
    /// Each one's pointer and feature, in the order of [`FEATURES`].
    found: Vec<(String, &'static Feature)>,
}

impl EmptyUses {
    /// The newer keys that `value`, a document declaring `declared`, writes empty.
    pub(crate) fn of(value: &Tree<'_>, declared: SchemaVersion) -> Self {
        let mut found = Vec::new();
        Places::all().find_empty(value, declared, &mut Vec::new(), &mut found);
        // In the order of the features, each one's in the document's order.
        found.sort_by_key(|(index, _)| *index);
        let found = found
            .into_iter()
            .filter_map(|(index, pointer)| Some((pointer, FEATURES.get(index)?)))
            .collect();
        Self { declared, found }
    }

    /// Records a `needs-newer-version` finding for each, unless `placed` says its value
    /// already has a finding.
    pub(crate) fn report(
        self,
        placed: &dyn Fn(&str) -> bool,
        findings: &mut crate::validate::Findings,
    ) {
        for (pointer, feature) in self.found {
            if !placed(&pointer) {
                findings.push(
                    RuleCode::NeedsNewerVersion,
                    pointer,
                    newer_message(feature, self.declared),
                );
            }
        }
    }
}

/// Why [`upgrade`] left a document as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UpgradeError {
    /// The text cannot be read.
    #[error("cannot read the document: {0}")]
    Unreadable(String),
    /// The document has no `schema_version`, or it is not text.
    #[error("the document has no `schema_version` text to change")]
    NoVersion,
    /// The version is of another major version, or newer than this crate knows.
    #[error("the document declares format {0}, which this casebook cannot upgrade to {latest}", latest = SchemaVersion::LATEST)]
    OtherVersion(String),
    /// The version is written in a way that cannot be changed in place (escapes, a
    /// multi-line string, a TOML date), so that changing it would change more.
    #[error(
        "`schema_version` is written in a way that cannot be changed in place; write it as \"{0}\""
    )]
    NotInPlace(String),
}

/// Sets `schema_version` to [`SchemaVersion::LATEST`] in the text of a document and
/// changes nothing else: only the characters of the version are replaced, quotes,
/// comments, order and spacing are kept. Returns `None` when the document already
/// declares the latest version.
///
/// # Errors
///
/// When the text cannot be read, has no `schema_version` text, declares another major
/// version or a newer one, or writes the version so that it cannot be replaced alone; the
/// result is checked to be the same document but for its version.
pub fn upgrade(text: &str, format: Format) -> Result<Option<String>, UpgradeError> {
    let before =
        value_from_str(text, format).map_err(|e| UpgradeError::Unreadable(e.to_string()))?;
    let written = before
        .get("schema_version")
        .and_then(serde_json::Value::as_str)
        .ok_or(UpgradeError::NoVersion)?;
    let version: SchemaVersion = written
        .parse()
        .map_err(|_| UpgradeError::OtherVersion(written.to_owned()))?;
    if !version.is_supported() || version > SchemaVersion::LATEST {
        return Err(UpgradeError::OtherVersion(written.to_owned()));
    }
    let not_in_place = || UpgradeError::NotInPlace(SchemaVersion::LATEST.to_string());
    let mut located = [Diagnostic::new(
        RuleCode::NeedsNewerVersion,
        "/schema_version",
        "",
    )];
    crate::validate::locate_findings(text, format, &mut located);
    let [place] = &located;
    let (Some(line), Some(column)) = (place.line, place.column) else {
        return Err(not_in_place());
    };
    // Positions are counted after a byte-order mark.
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let start = bom
        + text
            .get(bom..)
            .and_then(|body| byte_offset(body, line, column))
            .ok_or_else(not_in_place)?;
    let rest = text.get(start..).ok_or_else(not_in_place)?;
    // The value as written: quoted in JSON and TOML, quoted or plain in YAML.
    let inner = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => rest
            .get(1..)
            .filter(|after| after.starts_with(written) && after[written.len()..].starts_with(quote))
            .map(|_| start + 1),
        // A plain YAML scalar is the version as `validate` reads it, whatever number a
        // YAML reader makes of it: `1.10` is version 1.10, `1.00` no version at all.
        _ => {
            let token: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '#' | ',' | ']' | '}'))
                .collect();
            if token != written {
                return Err(match token.parse::<SchemaVersion>() {
                    Ok(_) => UpgradeError::OtherVersion(token),
                    Err(_) => not_in_place(),
                });
            }
            Some(start)
        }
    }
    .ok_or_else(not_in_place)?;
    // The version as the text writes it, which is what `validate` reads: a plain YAML
    // `1.10` is version 1.10, though a YAML reader makes the number 1.1 of it.
    if version == SchemaVersion::LATEST {
        return Ok(None);
    }
    let mut upgraded = String::with_capacity(text.len() + 1);
    upgraded.push_str(text.get(..inner).ok_or_else(not_in_place)?);
    let _ = write!(upgraded, "{}", SchemaVersion::LATEST);
    upgraded.push_str(text.get(inner + written.len()..).ok_or_else(not_in_place)?);
    // Nothing else may have changed.
    let mut after = value_from_str(&upgraded, format).map_err(|_| not_in_place())?;
    if let Some(version) = after.get_mut("schema_version") {
        *version = serde_json::Value::from(written);
    }
    if after != before {
        return Err(not_in_place());
    }
    Ok(Some(upgraded))
}

/// What [`upgrade_path`] found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Upgraded {
    /// The version was older: it is (or, when not writing, would be) the latest now.
    From(SchemaVersion),
    /// The file already declares the latest version.
    AlreadyLatest,
}

/// Upgrades a file in place with [`upgrade`] (or, when `write` is false, only tells
/// whether it would change). The file is read like every other input: a regular file, at
/// most [`DEFAULT_MAX_FILE_SIZE`](crate::batch::DEFAULT_MAX_FILE_SIZE) bytes, in the
/// format its extension names. Only the bytes that change are written, in place, when the
/// upgraded text is as long as the old one (as it is from `1.0` to `1.1`): a failed write
/// (a full disk) cannot cut the file short, and the file keeps its owner, links and
/// attributes.
///
/// # Errors
///
/// When the file cannot be read or written, is not UTF-8, or [`upgrade`] refuses it
/// ([`Error::Upgrade`](crate::Error::Upgrade)).
pub fn upgrade_path(path: &std::path::Path, write: bool) -> crate::Result<Upgraded> {
    let (bytes, format) = crate::format::read_file(path, crate::batch::DEFAULT_MAX_FILE_SIZE)?;
    let text = String::from_utf8(bytes).map_err(|error| crate::Error::NotUtf8 {
        format,
        valid_up_to: error.utf8_error().valid_up_to(),
    })?;
    let refused = |source| crate::Error::Upgrade {
        path: path.to_owned(),
        source,
    };
    let declared = value_from_str(&text, format)
        .ok()
        .and_then(|value| value.get("schema_version")?.as_str()?.parse().ok());
    match upgrade(&text, format).map_err(refused)? {
        None => Ok(Upgraded::AlreadyLatest),
        Some(upgraded) => {
            if write {
                crate::format::rewrite_file(path, text.as_bytes(), upgraded.as_bytes()).map_err(
                    |source| crate::Error::Write {
                        format,
                        source: Box::new(source),
                    },
                )?;
            }
            Ok(Upgraded::From(declared.unwrap_or(SchemaVersion::CURRENT)))
        }
    }
}

/// The byte offset of a line and column (both from 1, the column in characters).
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = text.get(line_start..)?;
    let within = line_text
        .char_indices()
        .nth(column - 1)
        .map(|(offset, _)| offset)?;
    Some(line_start + within)
}

/// The page of versions and features, committed as `docs/versions.md`; a test fails when
/// the committed page drifts.
pub fn versions_markdown() -> String {
    let mut page = String::from(
        "# Versions of the format\n\n\
         Generated from the crate's table of versions (`casebook::version`); do not edit.\n\n\
         A document declares the version it needs in `schema_version`. Every document of an \
         earlier minor version stays valid in a later one; a document that uses an addition \
         while declaring an earlier version gets `needs-newer-version` at each use. \
         `casebook upgrade FILE` sets the version to the latest and changes nothing else. \
         A document that declares a later minor version than this casebook reads is checked \
         as far as it knows the format: a key or value added later is reported as unknown, \
         with a note that a later casebook may know it.\n\n\
         | version | what it brought |\n|---|---|\n",
    );
    for version in FORMAT_VERSIONS {
        let _ = writeln!(page, "| {} | {} |", version.version, version.summary);
    }
    page.push_str("\n## Additions after 1.0\n\n| version | where | what |\n|---|---|---|\n");
    for feature in FEATURES {
        let place = if feature.place.starts_with('/') {
            format!("`{}`", feature.place)
        } else {
            feature.place.to_owned()
        };
        let _ = writeln!(
            page,
            "| {} | {place} | {} |",
            feature.version, feature.summary
        );
    }
    page
}

#[cfg(test)]
mod tests {
    use super::may_have_empty_container;
    use crate::Format;

    #[test]
    fn empty_containers_are_seen_through_white_space_and_yaml_comments() {
        let json = |text| may_have_empty_container(text, Format::Json);
        assert!(json(r#"{"indicators": []}"#));
        assert!(json("{\"translations\": {\n  \t}}"));
        assert!(!json(
            r#"{"kind": "city", "regions": [{"id": "a"}], "roles": ["lead"]}"#
        ));
        assert!(!json("{\"a\": [\n  1\n]}"));
        let yaml = |text| may_have_empty_container(text, Format::Yaml);
        assert!(yaml("indicators: [ # none yet\n]\n"));
        assert!(yaml("translations: {}\n"));
        assert!(!yaml("kind: city\nroles: [lead] # [\n"));
        let toml = |text| may_have_empty_container(text, Format::Toml);
        assert!(toml("[translations]\n"));
        assert!(toml(
            "[[organisations]]\nid = \"a\"\n[organisations.roles]\n# none\n\n"
        ));
        assert!(toml("[a]\n[b]\nx = 1\n"));
        assert!(toml("roles = [ # none yet\n]\n"));
        assert!(toml("scope = {  }\n"));
        assert!(!toml(
            "kind = \"city\"\nroles = [\"lead\"]\n[pairing]\n  # c\nkind = \"x\"\n"
        ));
    }
}
