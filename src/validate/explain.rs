//! What each rule is for, with an example of the problem and its fix, for
//! `casebook explain` and for the help text of code-scanning tools.

use super::report::RuleCode;

/// An example of a rule's problem and of its fix, in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explanation {
    /// Why the rule exists.
    pub why: &'static str,
    /// A document fragment that the rule reports.
    pub problem: &'static str,
    /// The same fragment, mended.
    pub fix: &'static str,
}

impl RuleCode {
    /// Why the rule exists, with an example of the problem and the fix.
    ///
    /// ```
    /// let explanation = casebook::RuleCode::UnknownCountry.explanation();
    /// assert!(explanation.problem.contains("UK"));
    /// assert!(explanation.fix.contains("GB"));
    /// ```
    pub const fn explanation(self) -> Explanation {
        let (why, problem, fix) = match self {
            Self::Syntax => (
                "A file that is not well-formed cannot be read at all; repeated keys would silently lose one of their values.",
                "{\"id\": \"lyon\", \"id\": \"lyon-2\",}",
                "{\"id\": \"lyon\"}",
            ),
            Self::UnsupportedVersion => (
                "A document of another major version may mean something else by the same keys, so it is not checked against this format.",
                "schema_version: \"2.0\"",
                "schema_version: \"1.0\"   # or check it with a casebook that reads format 2",
            ),
            Self::UnknownKey => (
                "A typo in a key would otherwise drop the value without a word; anything the format has no key for belongs in `extensions`.",
                "regions:\n  - {id: lyon, name: Lyon, kind: city, contry: FR}",
                "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}",
            ),
            Self::MissingKey => (
                "Required keys are what every reader of the data relies on.",
                "regions:\n  - {id: lyon, name: Lyon, country: FR}",
                "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}",
            ),
            Self::WrongType => (
                "Tools in any language read the data by its JSON types.",
                "population: many",
                "population: 1400000",
            ),
            Self::InvalidValue => (
                "Ids, dates, codes, e-mail addresses and URLs have a grammar, and enumerated keys a list of values, so that programs can rely on them.",
                "kind: town\nstarted: 2019-02-29",
                "kind: city\nstarted: 2019-02-28",
            ),
            Self::BlankText => (
                "An empty text says nothing; leave the key out instead.",
                "summary: \"  \"",
                "summary: Two cities exchange on urban mobility.",
            ),
            Self::TooFewItems => (
                "A cooperation joins at least two partners.",
                "pairing:\n  regions: [lyon]",
                "pairing:\n  regions: [lyon, montreal]",
            ),
            Self::DuplicateItem => (
                "A repeated partner or goal is a mistake, and would be counted twice.",
                "sdgs: [11, 11]",
                "sdgs: [11]",
            ),
            Self::OutOfRange => (
                "There are 17 Sustainable Development Goals; populations are positive; amounts are not negative.",
                "sdgs: [18]",
                "sdgs: [11]",
            ),
            Self::DuplicateId => (
                "A reference must name exactly one entry.",
                "topics:\n  - {id: tourism, label: Smart tourism}\n  - {id: tourism, label: Digital tourism}",
                "topics:\n  - {id: smart-tourism, label: Smart tourism}\n  - {id: digital-tourism, label: Digital tourism}",
            ),
            Self::UnknownReference => (
                "A reference that names no entry links to nothing.",
                "pairing:\n  focus: [turism]\ntopics:\n  - {id: tourism, label: Tourism}",
                "pairing:\n  focus: [tourism]\ntopics:\n  - {id: tourism, label: Tourism}",
            ),
            Self::UnknownCountry => (
                "Countries are counted and compared by their ISO 3166-1 code; `UK` and `EL` are NUTS prefixes, not country codes.",
                "country: UK",
                "country: GB",
            ),
            Self::UnknownSubdivision => (
                "Subdivision codes identify a region unambiguously only when they exist in ISO 3166-2.",
                "subdivision: ES-CAN",
                "subdivision: ES-CB",
            ),
            Self::SubdivisionCountryMismatch => (
                "A subdivision belongs to one country; a mismatch means one of the two codes is wrong.",
                "country: MX\nsubdivision: ES-CB",
                "country: MX\nsubdivision: MX-CHH",
            ),
            Self::NutsCountryMismatch => (
                "NUTS codes begin with the country's NUTS prefix, which is `EL` for Greece and `UK` for the United Kingdom.",
                "country: GR\nnuts: GR30",
                "country: GR\nnuts: EL30",
            ),
            Self::NutsOutsideArea => (
                "Only the EU, EFTA and candidate countries have NUTS codes.",
                "country: MX\nnuts: MX1",
                "country: MX\nsubdivision: MX-CHH",
            ),
            Self::UnknownLanguage => (
                "Languages are given as ISO 639-1 codes.",
                "language: spa",
                "language: es",
            ),
            Self::UnknownCurrency => (
                "Amounts are compared by their ISO 4217 currency.",
                "amount: {value: 1000, currency: EURO}",
                "amount: {value: 1000, currency: EUR}",
            ),
            Self::DateOrder => (
                "A pairing cannot end before it starts; partial dates are compared as the days they cover.",
                "started: 2019\nended: 2018-12",
                "started: 2018\nended: 2019-12",
            ),
            Self::StatusDateMismatch => (
                "The status and the end date must tell the same story.",
                "status: active\nended: 2020",
                "status: concluded\nended: 2020",
            ),
            Self::PublishedBeforeStart => (
                "A case study is usually written about a cooperation that has started; an earlier date is often a typo.",
                "published: 2016\npairing:\n  started: 2017-11",
                "published: 2019-07\npairing:\n  started: 2017-11",
            ),
            Self::EventBeforeStart => (
                "Events usually belong to the cooperation; one before its start is often a typo (or the start date is).",
                "pairing:\n  started: 2017-11\nevents:\n  - {id: kickoff, kind: kickoff, title: Kick-off, date: 2016-11}",
                "pairing:\n  started: 2017-11\nevents:\n  - {id: kickoff, kind: kickoff, title: Kick-off, date: 2017-11}",
            ),
            Self::EventAfterPublished => (
                "A case study cannot report an event after it was published, unless the event was planned.",
                "published: 2019-07\nevents:\n  - {id: visit, kind: study_visit, title: Visit, date: 2020-03}",
                "published: 2020-06\nevents:\n  - {id: visit, kind: study_visit, title: Visit, date: 2020-03}",
            ),
            Self::CityPairingKind => (
                "A `city_to_city` pairing between regions is probably a `region_to_region` one.",
                "pairing:\n  kind: city_to_city\nregions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}",
                "pairing:\n  kind: region_to_region\nregions:\n  - {id: cantabria, name: Cantabria, kind: region, country: ES}",
            ),
            Self::IucPartners => (
                "The IUC programme pairs EU cities and regions with partners outside the EU.",
                "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: turin, name: Turin, kind: city, country: IT}",
                "regions:\n  - {id: lyon, name: Lyon, kind: city, country: FR}\n  - {id: montreal, name: Montreal, kind: city, country: CA}",
            ),
            Self::DuplicateCaseStudyId => (
                "Case-study ids identify a case study across a collection; two files with one id is one too many.",
                "# a.yaml\nid: lyon-montreal\n# b.yaml\nid: lyon-montreal",
                "# a.yaml\nid: lyon-montreal\n# b.yaml\nid: lyon-montreal-2021",
            ),
            Self::RegionConflict => (
                "The same region id should mean the same region in every case study of a collection.",
                "# a.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}\n# b.yaml\n- {id: cantabria, name: Cantabria, kind: province, country: ES}",
                "# a.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}\n# b.yaml\n- {id: cantabria, name: Cantabria, kind: region, country: ES}",
            ),
        };
        Explanation { why, problem, fix }
    }
}
