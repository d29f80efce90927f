//! The rule table: every rule's code, kind, default severity, summary, an example of a
//! finding, and an explanation with an example of the problem and of the fix.
//!
//! This table is the one place a rule is described. [`RuleCode`], `casebook rules`,
//! `casebook explain`, the help of the SARIF report and the rules page
//! ([`rules_markdown`], committed as `docs/rules.md` and shown in the [`validate`](crate::validate)
//! module's documentation) are all derived from it, and a test fails when the committed page
//! drifts. Adding a rule means adding a row here and writing its check.

use std::cmp::Ordering;
use std::fmt;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use super::report::Severity;

/// What part of the checking a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RuleKind {
    /// The shape of a document: syntax, keys, types and grammars. The JSON Schema states
    /// these rules too, so a document with such a finding fails the schema at the same
    /// pointer. They cannot be turned off or lowered: a document of the wrong shape cannot
    /// be read at all.
    Structure,
    /// Checks beyond the shape: references, code tables, dates, consistency.
    Content,
    /// A check added by a profile; it runs only when the profile is active.
    Profile,
    /// A check across case studies, run when several are checked together.
    CrossFile,
}

impl RuleKind {
    /// How the kind is named in the rules page and in `casebook rules`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Structure => "structure",
            Self::Content => "content",
            Self::Profile => "profile",
            Self::CrossFile => "across files",
        }
    }
}

/// Why a rule exists, with an example of its problem and of the fix, in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// Why the rule exists.
    pub why: &'static str,
    /// A document fragment that the rule reports.
    pub problem: &'static str,
    /// The same fragment, mended.
    pub fix: &'static str,
}

/// A rule defined outside this crate, for a [`Profile`](crate::validate::Profile) of its own.
///
/// Define it as a `static`, so that findings can refer to it:
///
/// ```
/// use casebook::validate::{CustomRule, Explanation, RuleCode, RuleKind, Severity};
///
/// static HAS_LESSONS: CustomRule = CustomRule {
///     code: "acme-has-lessons",
///     severity: Severity::Warning,
///     summary: "profile `acme`: a case study records at least one lesson",
///     explanation: Explanation {
///         why: "ACME publishes lessons learned.",
///         problem: "lessons: []",
///         fix: "lessons:\n  - {id: trust, theme: governance, text: Trust takes time.}",
///     },
/// };
/// let code = RuleCode::Custom(&HAS_LESSONS);
/// assert_eq!(code.as_str(), "acme-has-lessons");
/// assert_eq!(code.kind(), RuleKind::Profile);
/// ```
#[derive(Debug)]
pub struct CustomRule {
    /// The code, in kebab case. Choose a prefix of your own, such as `acme-`, so that it
    /// cannot clash with a code of this crate.
    pub code: &'static str,
    /// The severity of its findings unless an override changes it.
    pub severity: Severity,
    /// What it checks, in one line.
    pub summary: &'static str,
    /// Why it exists, with an example of the problem and of the fix.
    pub explanation: Explanation,
}

impl PartialEq for CustomRule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for CustomRule {}

impl PartialOrd for CustomRule {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CustomRule {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code.cmp(other.code)
    }
}

impl Hash for CustomRule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

/// One row of the table.
struct Row {
    code: &'static str,
    kind: RuleKind,
    severity: Severity,
    summary: &'static str,
    example: &'static str,
    explanation: Explanation,
}

/// Defines [`RuleCode`] and the table's rows from one list.
macro_rules! rule_table {
    ($($variant:ident {
        code: $code:literal,
        kind: $kind:ident,
        severity: $severity:ident,
        summary: $summary:literal,
        example: $example:literal,
        why: $why:literal,
        problem: $problem:literal,
        fix: $fix:literal $(,)?
    })+) => {
        /// The stable code of a check. Codes are part of the public contract: they are
        /// never renamed or reused, so CI configurations and severity overrides keep
        /// working from one release to the next. The [rule table](crate::validate) says
        /// what each one checks.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleCode {
            $(#[doc = $summary] $variant,)+
            /// A rule defined outside this crate, by a profile of its own.
            Custom(&'static CustomRule),
        }

        impl RuleCode {
            /// Every rule of this crate, in the order of the rule table.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            const fn row(self) -> Row {
                match self {
                    $(Self::$variant => Row {
                        code: $code,
                        kind: RuleKind::$kind,
                        severity: Severity::$severity,
                        summary: $summary,
                        example: $example,
                        explanation: Explanation { why: $why, problem: $problem, fix: $fix },
                    },)+
                    Self::Custom(rule) => Row {
                        code: rule.code,
                        kind: RuleKind::Profile,
                        severity: rule.severity,
                        summary: rule.summary,
                        example: "",
                        explanation: rule.explanation,
                    },
                }
            }
        }
    };
}

impl RuleCode {
    /// The code as written in reports: `unknown-reference`.
    pub const fn as_str(self) -> &'static str {
        self.row().code
    }

    /// What part of the checking the rule belongs to.
    pub const fn kind(self) -> RuleKind {
        self.row().kind
    }

    /// The severity of a finding unless an override changes it.
    pub const fn default_severity(self) -> Severity {
        self.row().severity
    }

    /// What the rule checks, in one line.
    pub const fn summary(self) -> &'static str {
        self.row().summary
    }

    /// A short example of what the rule reports, for the rules page.
    pub const fn example(self) -> &'static str {
        self.row().example
    }

    /// Why the rule exists, with an example of the problem and the fix.
    ///
    /// ```
    /// let explanation = casebook::RuleCode::UnknownCountry.explanation();
    /// assert!(explanation.problem.contains("UK"));
    /// assert!(explanation.fix.contains("GB"));
    /// ```
    pub const fn explanation(self) -> Explanation {
        self.row().explanation
    }

    /// True for the rules that compare case studies with each other, which run only when
    /// several documents are checked together.
    pub const fn is_cross_file(self) -> bool {
        matches!(self.kind(), RuleKind::CrossFile)
    }

    /// True for rules about the shape of a document, which the JSON Schema states too: a
    /// document with such a finding fails the schema, at the same pointer. The other
    /// rules (references, code tables beyond countries, dates, profiles) need the crate.
    pub const fn is_structural(self) -> bool {
        matches!(self.kind(), RuleKind::Structure)
    }

    /// True when the rule's severity can be changed or the rule turned off: every rule
    /// but the structural ones.
    pub const fn is_adjustable(self) -> bool {
        !self.is_structural()
    }
}

rule_table! {
    Syntax {
        code: "syntax", kind: Structure, severity: Error,
        summary: "the text is well-formed JSON, YAML or TOML, with no repeated key and one YAML document",
        example: "`{\"id\": \"a\",}`",
        why: "A file that is not well-formed cannot be read at all; repeated keys would silently lose one of their values.",
        problem: "{\"id\": \"lyon\", \"id\": \"lyon-2\",}",
        fix: "{\"id\": \"lyon\"}",
    }
    UnsupportedVersion {
        code: "unsupported-version", kind: Structure, severity: Error,
        summary: "`schema_version` is 1.x; for another major version this is the only finding",
        example: "`schema_version: \"2.0\"`",
        why: "A document of another major version may mean something else by the same keys, so it is not checked against this format.",
        problem: "schema_version: \"2.0\"",
        fix: "schema_version: \"1.0\"   # or check it with a casebook that reads format 2",
    }
    NeedsNewerVersion {
        code: "needs-newer-version", kind: Content, severity: Error,
        summary: "a key, value or date form added in a later minor version is used only when the document declares that version",
        example: "`pairing.started: 2017-11/2019-07` in a document of `schema_version: \"1.0\"`",
        why: "A reader of the declared version cannot read an addition of a later one; declaring the version it needs tells it to refuse the document rather than misread it. `casebook upgrade FILE` sets the latest version and changes nothing else.",
        problem: "schema_version: \"1.0\"\nevents:\n  - {id: visit, kind: study_visit, title: Study visit, date: 2017-11/2019-07}",
        fix: "schema_version: \"1.1\"\nevents:\n  - {id: visit, kind: study_visit, title: Study visit, date: 2017-11/2019-07}",
    }
    UnknownKey {
        code: "unknown-key", kind: Structure, severity: Error,
        summary: "every key is defined by the format (anything goes inside `extensions`)",
        example: "`contry: ES` in a region",
        why: "A typo in a key would otherwise drop the value without a word; anything the format has no key for belongs in `extensions`.",
        problem: "regions:\n  - {id: lyon, name: Lyon, kind: city, contry: FR}",
        fix: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}",
    }
    MissingKey {
        code: "missing-key", kind: Structure, severity: Error,
        summary: "every required key is present",
        example: "a region without `kind`",
        why: "Required keys are what every reader of the data relies on.",
        problem: "regions:\n  - {id: lyon, name: Lyon, country: FR}",
        fix: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}",
    }
    WrongType {
        code: "wrong-type", kind: Structure, severity: Error,
        summary: "every value has the JSON type the format gives it",
        example: "`population: \"many\"`",
        why: "Tools in any language read the data by its JSON types.",
        problem: "population: many",
        fix: "population: 1400000",
    }
    InvalidValue {
        code: "invalid-value", kind: Structure, severity: Error,
        summary: "ids, dates, codes, e-mails and URLs follow their grammar; enumerated values are allowed ones",
        example: "`kind: town`, `started: 2019-02-29`, `id: Cantabria Region`",
        why: "Ids, dates, codes, e-mail addresses and URLs have a grammar, and enumerated keys a list of values, so that programs can rely on them.",
        problem: "kind: town\nstarted: 2019-02-29",
        fix: "kind: city\nstarted: 2019-02-28",
    }
    BlankText {
        code: "blank-text", kind: Structure, severity: Error,
        summary: "text that is present is not empty or only whitespace",
        example: "`title: \"  \"`",
        why: "An empty text says nothing; leave the key out instead.",
        problem: "summary: \"  \"",
        fix: "summary: Two cities exchange on urban mobility.",
    }
    TooFewItems {
        code: "too-few-items", kind: Structure, severity: Error,
        summary: "`regions`, `pairing.regions` and the `regions` of each sub-pairing have at least two entries",
        example: "a pairing of one region",
        why: "A cooperation joins at least two partners.",
        problem: "pairing:\n  regions: [lyon]",
        fix: "pairing:\n  regions: [lyon, montreal]",
    }
    DuplicateItem {
        code: "duplicate-item", kind: Structure, severity: Error,
        summary: "`pairing.regions`, `pairing.observers`, the `regions` of each sub-pairing, an organisation's `roles` and `sdgs` have no repeats",
        example: "`sdgs: [3, 3]`",
        why: "A repeated partner or goal is a mistake, and would be counted twice.",
        problem: "sdgs: [11, 11]",
        fix: "sdgs: [11]",
    }
    OutOfRange {
        code: "out-of-range", kind: Structure, severity: Error,
        summary: "SDG numbers are 1 to 17, populations above 0, amounts not negative",
        example: "`sdgs: [18]`",
        why: "There are 17 Sustainable Development Goals; populations are positive; amounts are not negative.",
        problem: "sdgs: [18]",
        fix: "sdgs: [11]",
    }
    DuplicateId {
        code: "duplicate-id", kind: Content, severity: Error,
        summary: "every id is unique in its collection (sub-pairings among the sub-pairings)",
        example: "two topics with id `tourism`",
        why: "A reference must name exactly one entry.",
        problem: "topics:\n  - {id: tourism, label: Smart tourism}\n  - {id: tourism, label: Digital tourism}",
        fix: "topics:\n  - {id: smart-tourism, label: Smart tourism}\n  - {id: digital-tourism, label: Digital tourism}",
    }
    UnknownReference {
        code: "unknown-reference", kind: Content, severity: Error,
        summary: "every reference names an entry of its collection (regions, topics, outcomes, funding sources, people, organisations)",
        example: "`focus: [turism]` when the topic is `tourism`",
        why: "A reference that names no entry links to nothing.",
        problem: "pairing:\n  focus: [turism]\ntopics:\n  - {id: tourism, label: Tourism}",
        fix: "pairing:\n  focus: [tourism]\ntopics:\n  - {id: tourism, label: Tourism}",
    }
    UnknownCountry {
        code: "unknown-country", kind: Structure, severity: Error,
        summary: "country codes are assigned ISO 3166-1 alpha-2 codes",
        example: "`country: UK` (the code is `GB`)",
        why: "Countries are counted and compared by their ISO 3166-1 code; `UK` and `EL` are NUTS prefixes, not country codes.",
        problem: "country: UK",
        fix: "country: GB",
    }
    UnknownSubdivision {
        code: "unknown-subdivision", kind: Content, severity: Error,
        summary: "subdivision and member codes are ISO 3166-2 codes, in force or withdrawn since 2010",
        example: "`subdivision: ES-ZZ`",
        why: "Subdivision codes identify a region unambiguously only when they exist in ISO 3166-2.",
        problem: "subdivision: ES-CAN",
        fix: "subdivision: ES-CB",
    }
    WithdrawnSubdivision {
        code: "withdrawn-subdivision", kind: Content, severity: Warning,
        summary: "subdivision and member codes are in force, not withdrawn from ISO 3166-2",
        example: "`subdivision: ZA-NL` (KwaZulu-Natal is `ZA-KZN` since 2020)",
        why: "ISO 3166-2 codes change when a country reorganises or recodes its subdivisions. A withdrawn code still says where the region was, but other data uses the code in force; the finding names it where a single code replaced the old one.",
        problem: "regions:\n  - {id: durban, name: Durban, kind: city, country: ZA, subdivision: ZA-NL}",
        fix: "regions:\n  - {id: durban, name: Durban, kind: city, country: ZA, subdivision: ZA-KZN}",
    }
    SubdivisionCountryMismatch {
        code: "subdivision-country-mismatch", kind: Content, severity: Error,
        summary: "subdivision and member codes begin with the region's country",
        example: "`country: ES` with `subdivision: MX-CHH`",
        why: "A subdivision belongs to one country; a mismatch means one of the two codes is wrong.",
        problem: "country: MX\nsubdivision: ES-CB",
        fix: "country: MX\nsubdivision: MX-CHH",
    }
    NutsCountryMismatch {
        code: "nuts-country-mismatch", kind: Content, severity: Error,
        summary: "a NUTS code begins with the country's NUTS prefix (`EL` for Greece, `UK` for the United Kingdom)",
        example: "`country: GR` with `nuts: GR30`",
        why: "NUTS codes begin with the country's NUTS prefix, which is `EL` for Greece and `UK` for the United Kingdom.",
        problem: "country: GR\nnuts: GR30",
        fix: "country: GR\nnuts: EL30",
    }
    NutsOutsideArea {
        code: "nuts-outside-area", kind: Content, severity: Error,
        summary: "only regions of countries in the NUTS classification have a NUTS code",
        example: "`country: MX` with `nuts: MX1`",
        why: "Only the EU, EFTA and candidate countries have NUTS codes.",
        problem: "country: MX\nnuts: MX1",
        fix: "country: MX\nsubdivision: MX-CHH",
    }
    UnknownLanguage {
        code: "unknown-language", kind: Content, severity: Error,
        summary: "language codes are ISO 639-1 codes",
        example: "`language: xx`",
        why: "Languages are given as ISO 639-1 codes.",
        problem: "language: spa",
        fix: "language: es",
    }
    UnknownCurrency {
        code: "unknown-currency", kind: Content, severity: Error,
        summary: "currency codes are ISO 4217 codes, current or historic",
        example: "`currency: EUX`",
        why: "Amounts are compared by their ISO 4217 currency.",
        problem: "amount: {value: 1000, currency: EURO}",
        fix: "amount: {value: 1000, currency: EUR}",
    }
    HistoricCurrency {
        code: "historic-currency", kind: Content, severity: Warning,
        summary: "a withdrawn ISO 4217 currency is not used for money dated after its withdrawal (by the funding source's `period` when it has one, format 1.1, else by `published`)",
        example: "`currency: HRK` in a case study published in 2024 (the kuna was withdrawn in 2023-01)",
        why: "ISO 4217 keeps the codes of withdrawn currencies, so that an amount can be recorded in the currency it was in: `MZM` for a grant of 2005 in Mozambique is right. An amount in a currency that was gone before the case study was published is probably meant in its successor.",
        problem: "published: 2024-05\nfunding_sources:\n  - {id: city, name: City grant, kind: local, status: received, amount: {value: 50000, currency: HRK}}",
        fix: "published: 2024-05\nfunding_sources:\n  - {id: city, name: City grant, kind: local, status: received, amount: {value: 6636, currency: EUR}}",
    }
    DateOrder {
        code: "date-order", kind: Content, severity: Error,
        summary: "`pairing.ended` is not before `pairing.started`, nor a sub-pairing's `ended` before its `started`, and no interval ends before it starts; with an uncertain or approximate date, a warning",
        example: "started `2019`, ended `2018-12`",
        why: "A pairing cannot end before it starts; partial dates are compared as the days they cover.",
        problem: "started: 2019\nended: 2018-12",
        fix: "started: 2018\nended: 2019-12",
    }
    StatusDateMismatch {
        code: "status-date-mismatch", kind: Content, severity: Error,
        summary: "a `concluded` pairing has `ended`; an `active` or `planned` one has not",
        example: "`status: active` with `ended: 2020`",
        why: "The status and the end date must tell the same story.",
        problem: "status: active\nended: 2020",
        fix: "status: concluded\nended: 2020",
    }
    PublishedBeforeStart {
        code: "published-before-start", kind: Content, severity: Warning,
        summary: "`published` is not before `pairing.started`",
        example: "published `2016`, started `2017-11`",
        why: "A case study is usually written about a cooperation that has started; an earlier date is often a typo.",
        problem: "published: 2016\npairing:\n  started: 2017-11",
        fix: "published: 2019-07\npairing:\n  started: 2017-11",
    }
    EventBeforeStart {
        code: "event-before-start", kind: Content, severity: Warning,
        summary: "no event is dated before `pairing.started`",
        example: "an event in `2017-10`, started `2017-11`",
        why: "Events usually belong to the cooperation; one before its start is often a typo (or the start date is).",
        problem: "pairing:\n  started: 2017-11\nevents:\n  - {id: kickoff, kind: kickoff, title: Kick-off, date: 2016-11}",
        fix: "pairing:\n  started: 2017-11\nevents:\n  - {id: kickoff, kind: kickoff, title: Kick-off, date: 2017-11}",
    }
    EventAfterPublished {
        code: "event-after-published", kind: Content, severity: Warning,
        summary: "no event is dated after `published`",
        example: "an event in `2020`, published `2019-07`",
        why: "A case study cannot report an event after it was published, unless the event was planned.",
        problem: "published: 2019-07\nevents:\n  - {id: visit, kind: study_visit, title: Visit, date: 2020-03}",
        fix: "published: 2020-06\nevents:\n  - {id: visit, kind: study_visit, title: Visit, date: 2020-03}",
    }
    EventAfterEnd {
        code: "event-after-end", kind: Content, severity: Warning,
        summary: "no event is dated after `pairing.ended`",
        example: "an event in `2021-03`, ended `2020-12`",
        why: "Events usually belong to the cooperation; one after its end is often a typo, or the pairing went on longer than `ended` says. Partial dates are compared as the days they cover, so `2020` is not after `2020-12`.",
        problem: "pairing:\n  status: concluded\n  ended: 2020-12\nevents:\n  - {id: closing, kind: conference, title: Closing conference, date: 2021-03}",
        fix: "pairing:\n  status: concluded\n  ended: 2021-03\nevents:\n  - {id: closing, kind: conference, title: Closing conference, date: 2021-03}",
    }
    CityPairingKind {
        code: "city-pairing-kind", kind: Content, severity: Warning,
        summary: "a `city_to_city` pairing joins cities, municipalities or metropolitan areas",
        example: "`city_to_city` between two `region`s",
        why: "A `city_to_city` pairing between regions is probably a `region_to_region` one.",
        problem: "pairing:\n  kind: city_to_city\nregions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}",
        fix: "pairing:\n  kind: region_to_region\nregions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}",
    }
    RegionPairingKind {
        code: "region-pairing-kind", kind: Content, severity: Warning,
        summary: "a `region_to_region` pairing does not join only cities and municipalities (a metropolitan area counts as a region)",
        example: "`region_to_region` between two `city`s",
        why: "A `region_to_region` pairing whose partners are all cities or municipalities is probably a `city_to_city` one. A metropolitan area spans several municipalities, so it fits either kind.",
        problem: "pairing:\n  kind: region_to_region\nregions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}",
        fix: "pairing:\n  kind: city_to_city\nregions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}",
    }
    UnpairedRegion {
        code: "unpaired-region", kind: Content, severity: Warning,
        summary: "every region in `regions` is a partner in `pairing.regions`, an observer in `pairing.observers`, or linked by `parent` (in either direction, through any number of links) to one",
        example: "`regions` has `turin`, which `pairing.regions` does not name",
        why: "`regions` lists the governments that take part in the pairing, so one that is no partner is usually a partner left out of `pairing.regions`, or a leftover of an earlier draft. An observer takes part too, and so does a city inside a partner region (or the region around a partner city) when `parent` says so.",
        problem: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}\n  - {id: turin, name: Turin, kind: city, country: IT}\npairing:\n  regions: [lyon, montreal]",
        fix: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}\n  - {id: turin, name: Turin, kind: city, country: IT}\npairing:\n  regions: [lyon, montreal, turin]",
    }
    ObserverIsPartner {
        code: "observer-is-partner", kind: Content, severity: Error,
        summary: "no region in `pairing.observers` is also a partner in `pairing.regions`",
        example: "`observers: [turin]` with `regions: [lyon, montreal, turin]`",
        why: "An observer follows the cooperation without being a partner; a region listed as both is counted twice, and readers cannot tell which it is.",
        problem: "pairing:\n  kind: network\n  regions: [lyon, montreal, turin]\n  observers: [turin]",
        fix: "pairing:\n  kind: network\n  regions: [lyon, montreal]\n  observers: [turin]",
    }
    SubPairingOutsidePairing {
        code: "sub-pairing-outside-pairing", kind: Content, severity: Error,
        summary: "every region of a sub-pairing is a partner in `pairing.regions`",
        example: "a sub-pairing of `lyon` and `turin` when `turin` is only an observer",
        why: "A sub-pairing is a pair or group of partners of the network that work together on some topics; a region that is not a partner of the pairing cannot be in one. Make it a partner, or leave it out of the sub-pairing.",
        problem: "pairing:\n  regions: [lyon, montreal, porto]\n  observers: [turin]\n  sub_pairings:\n    - {id: mobility, regions: [lyon, turin]}",
        fix: "pairing:\n  regions: [lyon, montreal, porto]\n  observers: [turin]\n  sub_pairings:\n    - {id: mobility, regions: [lyon, porto]}",
    }
    RegionParentCycle {
        code: "region-parent-cycle", kind: Content, severity: Error,
        summary: "following `parent` from region to region never comes back to where it started (one finding per loop)",
        example: "`parent: lyon` on `rhone` and `parent: rhone` on `lyon`",
        why: "`parent` names the region a region lies in; a region cannot lie in itself, nor in a region that lies in it. One of the links of the loop is the wrong way round, or names the wrong region.",
        problem: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR, parent: auvergne}\n  - {id: auvergne, name: Auvergne-Rhone-Alpes, kind: region, country: FR, parent: lyon}",
        fix: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR, parent: auvergne}\n  - {id: auvergne, name: Auvergne-Rhone-Alpes, kind: region, country: FR}",
    }
    OutcomeStatusMismatch {
        code: "outcome-status-mismatch", kind: Content, severity: Warning,
        summary: "a `planned` pairing has no `achieved` outcome, and no `achieved` outcome is dated before `pairing.started`",
        example: "`status: planned` with an outcome `status: achieved`",
        why: "A pairing that is still planned has not achieved anything yet: either the pairing is under way (`active`, or `concluded`), or the outcome is `planned` or `in_progress`. Likewise an outcome of the cooperation is not reached before it started: the outcome's `date`, or the pairing's `started`, is probably wrong.",
        problem: "pairing:\n  status: planned\noutcomes:\n  - {id: agreement, text: The partners signed an agreement., status: achieved}",
        fix: "pairing:\n  status: active\noutcomes:\n  - {id: agreement, text: The partners signed an agreement., status: achieved}",
    }
    OrganisationCountryMismatch {
        code: "organisation-country-mismatch", kind: Content, severity: Warning,
        summary: "an organisation's `country` is the country of its `region`",
        example: "`country: MX` on an organisation of the region `cantabria` (`ES`)",
        why: "An organisation of a region is in that region's country, so a different `country` usually means that the country, the region or the region's country is wrong. For an office abroad, leave out `region`.",
        problem: "regions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}\norganisations:\n  - {id: sodercan, name: SODERCAN, kind: agency, region: cantabria, country: MX}",
        fix: "regions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}\norganisations:\n  - {id: sodercan, name: SODERCAN, kind: agency, region: cantabria, country: ES}",
    }
    PersonRegionMismatch {
        code: "person-region-mismatch", kind: Content, severity: Warning,
        summary: "a person's `region` is the `region` of their `organisation`, when both have one",
        example: "a person of `chihuahua` who works for an organisation of `cantabria`",
        why: "A person who works for an organisation of one region is counted in that region, so a different `region` usually means that one of the two references names the wrong entry.",
        problem: "people:\n  - {id: paz, name: Paz Díaz, organisation: government-of-cantabria, region: chihuahua}\norganisations:\n  - {id: government-of-cantabria, name: Government of Cantabria, region: cantabria}",
        fix: "people:\n  - {id: paz, name: Paz Díaz, organisation: government-of-cantabria, region: cantabria}\norganisations:\n  - {id: government-of-cantabria, name: Government of Cantabria, region: cantabria}",
    }
    DuplicatePerson {
        code: "duplicate-person", kind: Content, severity: Warning,
        summary: "no two people have the same name (ignoring case and spacing) or the same e-mail (ignoring case) under different ids",
        example: "`paz` and `paz-diaz`, both named `Paz Díaz`",
        why: "A person listed twice under two ids splits what is known about them, and quotes, authors and contacts may name either entry. Two people of the same name in one case study are rare; if they are two, tell them apart in `name`.",
        problem: "people:\n  - {id: paz, name: Paz Díaz}\n  - {id: paz-diaz, name: paz díaz, email: paz@example.org}",
        fix: "people:\n  - {id: paz, name: Paz Díaz, email: paz@example.org}",
    }
    IndicatorWithoutValues {
        code: "indicator-without-values", kind: Content, severity: Error,
        summary: "an indicator has a `baseline`, a `target` or `values` (format 1.1)",
        example: "an indicator with only `id`, `name`, `measure` and `unit`",
        why: "An indicator is a result in numbers: without a single figure it says nothing a sentence in `outcomes` would not say better.",
        problem: "indicators:\n  - {id: toilets, name: Students with access to sanitation, measure: count, unit: students}",
        fix: "indicators:\n  - id: toilets\n    name: Students with access to sanitation\n    measure: count\n    unit: students\n    target: {value: 1200, date: \"2021\"}",
    }
    PercentageOutOfRange {
        code: "percentage-out-of-range", kind: Content, severity: Warning,
        summary: "a figure of a `percentage` indicator is from 0 to 100",
        example: "`value: 120` on an indicator of `measure: percentage`",
        why: "A percentage is a share of a whole, so it lies from 0 to 100; a larger figure is usually a share written as a count, or a growth rate that is better a `quantity`. It is a warning, since some rates (growth, coverage above capacity) do go beyond 100.",
        problem: "indicators:\n  - {id: coverage, name: Households with piped water, measure: percentage, unit: percent, values: [{value: 112}]}",
        fix: "indicators:\n  - {id: coverage, name: Households with piped water, measure: percentage, unit: percent, values: [{value: 92}]}",
    }
    CountNotWhole {
        code: "count-not-whole", kind: Content, severity: Error,
        summary: "a figure of a `count` indicator is a whole number, not negative",
        example: "`value: 12.5` on an indicator of `measure: count`",
        why: "A count of people or things is a whole number of 0 or more; anything else is a typo or a figure of another measure (a `quantity`, a `percentage`).",
        problem: "indicators:\n  - {id: schools, name: Schools connected, measure: count, unit: schools, values: [{value: -3}]}",
        fix: "indicators:\n  - {id: schools, name: Schools connected, measure: count, unit: schools, values: [{value: 3}]}",
    }
    IndicatorUnitCurrency {
        code: "indicator-unit-currency", kind: Content, severity: Error,
        summary: "the `unit` of a `money` indicator is an ISO 4217 currency code, current or historic",
        example: "`unit: dollars` on an indicator of `measure: money`",
        why: "Amounts are compared and summed by their currency, so the unit of money is its ISO 4217 code, as in `amount.currency`.",
        problem: "indicators:\n  - {id: investment, name: Private investment raised, measure: money, unit: dollars, values: [{value: 250000}]}",
        fix: "indicators:\n  - {id: investment, name: Private investment raised, measure: money, unit: USD, values: [{value: 250000}]}",
    }
    TargetBeforeBaseline {
        code: "target-before-baseline", kind: Content, severity: Error,
        summary: "an indicator's `target` is not dated before its `baseline`; with an uncertain or approximate date, a warning",
        example: "baseline dated `2019`, target dated `2018`",
        why: "A baseline is the value before the cooperation and a target the value aimed at later: a target dated before the baseline has the two dates, or the two figures, swapped. Partial dates are compared as the days they cover.",
        problem: "baseline: {value: 40, date: \"2019\"}\ntarget: {value: 90, date: \"2018\"}",
        fix: "baseline: {value: 40, date: \"2018\"}\ntarget: {value: 90, date: \"2021\"}",
    }
    ShareParty {
        code: "share-party", kind: Content, severity: Error,
        summary: "a share of a funding source names exactly one of `region` and `organisation`",
        example: "a share with both `region: nakuru` and `organisation: county-government`",
        why: "A share says who got or gave a part of the money: one partner region or one organisation. With both it is unclear which, with neither it belongs to nobody.",
        problem: "shares:\n  - {region: nakuru, organisation: county-government, amount: {value: 5000, currency: USD}}",
        fix: "shares:\n  - {region: nakuru, amount: {value: 5000, currency: USD}}",
    }
    ShareCurrencyMismatch {
        code: "share-currency-mismatch", kind: Content, severity: Error,
        summary: "the shares of a funding source are in the currency of its `amount` (or, without one, of its first share)",
        example: "`amount` in `USD` with a share in `KES`",
        why: "Shares are parts of the funding source's amount, so that they can be added up and compared with it; a share in another currency is converted first, with the rate and date in its `note`.",
        problem: "amount: {value: 10000, currency: USD}\nshares:\n  - {region: nakuru, amount: {value: 650000, currency: KES}}",
        fix: "amount: {value: 10000, currency: USD}\nshares:\n  - {region: nakuru, amount: {value: 5000, currency: USD}, note: KES 650000 at the rate of 2020-03}",
    }
    SharesExceedAmount {
        code: "shares-exceed-amount", kind: Content, severity: Warning,
        summary: "the shares of a funding source add up to no more than its `amount` (checked when every figure is exact and in one currency)",
        example: "shares of USD 6,000 and USD 5,000 of an amount of USD 10,000",
        why: "Shares are parts of the amount, so together they are at most the whole; more is usually a typo, or an amount that is only one partner's part. Figures qualified `about`, `at_least` and the like are not added up.",
        problem: "amount: {value: 10000, currency: USD}\nshares:\n  - {region: nakuru, amount: {value: 6000, currency: USD}}\n  - {region: san-jose, amount: {value: 5000, currency: USD}}",
        fix: "amount: {value: 11000, currency: USD}\nshares:\n  - {region: nakuru, amount: {value: 6000, currency: USD}}\n  - {region: san-jose, amount: {value: 5000, currency: USD}}",
    }
    CoordinatesOutsideCountry {
        code: "coordinates-outside-country", kind: Content, severity: Warning,
        summary: "the `coordinates` of a region or event lie in a bounding box of its `country` (Natural Earth's, widened by 0.1 degrees)",
        example: "a region in `ES` at `{lat: 43.46, lon: 3.81}` (the sign of the longitude lost)",
        why: "A point outside its country is most often a latitude and longitude swapped or a lost minus sign. The boxes are rough (one per part of a country, from a map at 1:50m), so a point inside them may still be wrong, but one outside is almost surely so.",
        problem: "regions:\n  - {id: santander, name: Santander, kind: city, country: ES, coordinates: {lat: 43.4623, lon: 3.80998}}",
        fix: "regions:\n  - {id: santander, name: Santander, kind: city, country: ES, coordinates: {lat: 43.4623, lon: -3.80998}}",
    }
    UnlocodeCountryMismatch {
        code: "unlocode-country-mismatch", kind: Content, severity: Warning,
        summary: "a region's `unlocode` identifier begins with the region's `country`",
        example: "a region in `ES` with `{scheme: unlocode, id: MX CUU}`",
        why: "A UN/LOCODE begins with the ISO 3166-1 code of the country of the place; another country means the id of another place, or the wrong country. It is a warning, since a region may list the code of a place across a border it works with.",
        problem: "regions:\n  - {id: santander, name: Santander, kind: city, country: ES, identifiers: [{scheme: unlocode, id: MX SDR}]}",
        fix: "regions:\n  - {id: santander, name: Santander, kind: city, country: ES, identifiers: [{scheme: unlocode, id: ES SDR}]}",
    }
    TranslationWithoutLanguage {
        code: "translation-without-language", kind: Content, severity: Error,
        summary: "a quote with a `translation` names the `language` of its `text`",
        example: "a quote with `translation` and no `language`",
        why: "A translation is a quote's words in the document's language; without the language of the original, a reader cannot tell which text is the original.",
        problem: "quotes:\n  - {text: Aprendemos juntos., speaker: ana, translation: We learn together.}",
        fix: "quotes:\n  - {text: Aprendemos juntos., speaker: ana, language: pt, translation: We learn together.}",
    }
    TranslationInOwnLanguage {
        code: "translation-in-own-language", kind: Content, severity: Error,
        summary: "`translations` has no entry for the document's own `language` (English when absent)",
        example: "`translations: {en: ...}` in a document in English",
        why: "The texts of the document are already in its own language; a translation into it would be a second, conflicting text.",
        problem: "language: pt\ntranslations:\n  pt: {/title: Maputo e Niterói}",
        fix: "language: pt\ntranslations:\n  en: {/title: Maputo and Niterói}",
    }
    ExtensionsTooDeep {
        code: "extensions-too-deep", kind: Content, severity: Error,
        summary: "values inside `extensions` nest at most 48 levels deep",
        example: "a list inside a list ... 49 levels deep in `extensions`",
        why: "A document is written back in JSON, YAML and TOML, and every reader limits nesting (YAML to 64 levels for the whole document); values nested at most 48 levels deep inside `extensions` read back in every syntax, so a deeper one could not be converted or loaded without loss. Flatten it, or keep it as text.",
        problem: "extensions:\n  tree: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        fix: "extensions:\n  tree: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\"",
    }
    UntranslatablePointer {
        code: "untranslatable-pointer", kind: Content, severity: Error,
        summary: "each pointer in `translations` resolves to a free-text value of the document (not an id, code, date, URL, e-mail, number, list or object)",
        example: "`translations: {es: {/regions/0/id: ...}}`, `{es: {/lesons/0/text: ...}}`",
        why: "Only free text can be translated; a pointer that resolves to nothing, or to an id, code or date, is a typo or a translation that would change the data.",
        problem: "translations:\n  es: {/lessons/5/text: La confianza lleva tiempo.}",
        fix: "translations:\n  es: {/lessons/0/text: La confianza lleva tiempo.}",
    }
    YamlImplicitType {
        code: "yaml-implicit-type", kind: Content, severity: Warning,
        summary: "in YAML, text is quoted where other YAML tools would read a number, date, boolean or null",
        example: "`started: 2018`, `country: NO`",
        why: "casebook reads a plain YAML value as the text the format wants, but YAML 1.2 tools and schema-driven editors read `2018` as a number, YAML 1.1 tools read `NO` (Norway) as false, `2017-11-14` as a date and `10:30` as the number 630 (base 60): quoted, the document means the same to every tool.",
        problem: "pairing:\n  started: 2018\nregions:\n  - {id: oslo, name: Oslo, kind: city, country: NO}",
        fix: "pairing:\n  started: \"2018\"\nregions:\n  - {id: oslo, name: Oslo, kind: city, country: \"NO\"}",
    }
    IucPartners {
        code: "iuc-partners", kind: Profile, severity: Error,
        summary: "profile `iuc`: the pairing joins a region of an EU member state and one outside the EU, as of `pairing.started` (the United Kingdom is a member before February 2020)",
        example: "Spain with France in an IUC pairing",
        why: "The IUC programme pairs EU cities and regions with partners outside the EU.",
        problem: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: turin, name: Turin, kind: city, country: IT}",
        fix: "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}",
    }
    DuplicateCaseStudyId {
        code: "duplicate-case-study-id", kind: CrossFile, severity: Error,
        summary: "across files: every case study has its own `id`",
        example: "two files with `id: lyon-montreal`",
        why: "Case-study ids identify a case study across a collection; two files with one id is one too many.",
        problem: "# a.yaml\nid: lyon-montreal\n# b.yaml\nid: lyon-montreal",
        fix: "# a.yaml\nid: lyon-montreal\n# b.yaml\nid: lyon-montreal-2021",
    }
    RegionConflict {
        code: "region-conflict", kind: CrossFile, severity: Warning,
        summary: "across files: a region id names the same region everywhere (same kind, country, subdivision and NUTS code)",
        example: "`cantabria` with `country: ES` in one file and `country: MX` in another",
        why: "The same region id should mean the same region in every case study of a collection.",
        problem: "# a.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}\n# b.yaml\n- {id: cantabria, name: Cantabria, kind: province, country: ES}",
        fix: "# a.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}\n# b.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}",
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuleCode {
    type Err = crate::CodeError;

    /// Reads a code of this crate (custom codes are not known by name).
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

impl Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleCode {
    /// Reads a code of this crate; a custom code cannot be read back by name, since its
    /// rule lives in another crate.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The rules page: a Markdown table of every rule of this crate, from the rule table.
///
/// It is committed as `docs/rules.md` and shown in the [`validate`](crate::validate)
/// module's documentation; a test fails when the committed page differs from this.
pub fn rules_markdown() -> String {
    let mut page = String::from(
        "| code | kind | severity | what it checks | example of a finding |\n|---|---|---|---|---|\n",
    );
    for code in RuleCode::ALL {
        let _ = writeln!(
            page,
            "| `{}` | {} | {}{} | {} | {} |",
            code.as_str(),
            code.kind().as_str(),
            code.default_severity(),
            if code.is_adjustable() { "" } else { " (fixed)" },
            code.summary().replace('|', "\\|"),
            code.example().replace('|', "\\|"),
        );
    }
    page
}
