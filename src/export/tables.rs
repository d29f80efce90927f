//! The tables: every column's name, type and meaning next to the value it takes from the
//! model. [`TABLES`] and the row functions are both made by one macro from this list, so
//! that the writers and the data dictionary (`docs/tables.md`) cannot disagree.

use chrono::NaiveDate;

use super::{Column, ColumnType, ExportError, Table, Value};
use crate::model::{Indicator, Measurement};
use crate::{CaseStudy, PartialDate};

/// What a table's row function gives each row to.
pub(super) type RowSink<'s> = dyn FnMut(&[Value<'_>]) -> Result<(), ExportError> + 's;

/// A value that fills one cell.
pub(super) trait Cell<'a> {
    fn cell(self) -> Value<'a>;
}

impl<'a> Cell<'a> for &'a str {
    fn cell(self) -> Value<'a> {
        Value::Text(self)
    }
}

impl<'a> Cell<'a> for &'a String {
    fn cell(self) -> Value<'a> {
        Value::Text(self)
    }
}

impl<'a> Cell<'a> for Value<'a> {
    fn cell(self) -> Value<'a> {
        self
    }
}

impl<'a> Cell<'a> for String {
    fn cell(self) -> Value<'a> {
        Value::Owned(self)
    }
}

impl<'a> Cell<'a> for u64 {
    fn cell(self) -> Value<'a> {
        i64::try_from(self).map_or(Value::Null, Value::Integer)
    }
}

impl<'a> Cell<'a> for u8 {
    fn cell(self) -> Value<'a> {
        Value::Integer(i64::from(self))
    }
}

impl<'a> Cell<'a> for usize {
    fn cell(self) -> Value<'a> {
        i64::try_from(self).map_or(Value::Null, Value::Integer)
    }
}

impl<'a> Cell<'a> for f64 {
    fn cell(self) -> Value<'a> {
        Value::Float(self)
    }
}

impl<'a> Cell<'a> for bool {
    fn cell(self) -> Value<'a> {
        Value::Boolean(self)
    }
}

/// A day; the open ends of an interval ([`NaiveDate::MIN`], [`NaiveDate::MAX`]) are empty.
impl<'a> Cell<'a> for NaiveDate {
    fn cell(self) -> Value<'a> {
        if self == NaiveDate::MIN || self == NaiveDate::MAX {
            Value::Null
        } else {
            Value::Date(self)
        }
    }
}

impl<'a, T: Cell<'a>> Cell<'a> for Option<T> {
    fn cell(self) -> Value<'a> {
        self.map_or(Value::Null, Cell::cell)
    }
}

/// The codes and ids of the format, written as text.
macro_rules! text_cells {
    ($($code:ty),+ $(,)?) => {
        $(impl<'a> Cell<'a> for &'a $code {
            fn cell(self) -> Value<'a> {
                Value::Text(self.as_ref())
            }
        })+
    };
}

text_cells!(
    crate::CaseStudyId,
    crate::ChallengeId,
    crate::CountryCode,
    crate::CurrencyCode,
    crate::Email,
    crate::EventId,
    crate::FundingSourceId,
    crate::IndicatorId,
    crate::LanguageCode,
    crate::LessonId,
    crate::NutsCode,
    crate::OrganisationId,
    crate::OutcomeId,
    crate::PersonId,
    crate::ProposalId,
    crate::RegionId,
    crate::SubPairingId,
    crate::SubdivisionCode,
    crate::TopicId,
    crate::Url,
);

/// The code values of the format's enums, written as text.
macro_rules! enum_cells {
    ($($code:ty),+ $(,)?) => {
        $(impl<'a> Cell<'a> for $code {
            fn cell(self) -> Value<'a> {
                Value::Text(self.as_str())
            }
        })+
    };
}

enum_cells!(
    crate::ChallengeStatus,
    crate::ChannelKind,
    crate::EventKind,
    crate::Frequency,
    crate::FundingKind,
    crate::FundingScope,
    crate::FundingStatus,
    crate::IdentifierScheme,
    crate::LessonTheme,
    crate::Measure,
    crate::OrganisationKind,
    crate::OrganisationRole,
    crate::OutcomeStatus,
    crate::PairingKind,
    crate::PairingStatus,
    crate::ProposalStatus,
    crate::Qualifier,
    crate::RegionKind,
);

/// A date's text, as written (EDTF).
fn text(date: Option<&PartialDate>) -> Value<'static> {
    date.map_or(Value::Null, |date| Value::Owned(date.to_string()))
}

/// The first day a date covers; empty for an open or unknown start.
fn earliest(date: Option<&PartialDate>) -> Value<'static> {
    date.map(PartialDate::earliest).cell()
}

/// The last day a date covers; empty for an open or unknown end.
fn latest(date: Option<&PartialDate>) -> Value<'static> {
    date.map(PartialDate::latest).cell()
}

/// Makes [`TABLES`] and one row function per table from one list. Each table gives the
/// rows of one case study: `for PATTERN in (ITERATOR)`, then its columns as
/// `name: Type = value, "meaning";`.
macro_rules! tables {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident ($case:ident) for $item:pat in ($items:expr) {
            $($column:ident: $kind:ident = $value:expr, $meaning:literal;)+
        }
    )+) => {
        /// Every table, in the order of the data dictionary.
        pub static TABLES: &[Table] = &[$(
            Table {
                name: stringify!($name),
                meaning: concat!($($doc),+),
                columns: &[$(Column {
                    name: stringify!($column),
                    kind: ColumnType::$kind,
                    meaning: $meaning,
                }),+],
                rows: $name,
            },
        )+];

        $(
            #[allow(clippy::redundant_closure_for_method_calls, unused_variables)]
            fn $name($case: &CaseStudy, sink: &mut RowSink<'_>) -> Result<(), ExportError> {
                for $item in $items {
                    sink(&[$(Cell::cell($value)),+])?;
                }
                Ok(())
            }
        )+
    };
}

/// The key columns of an entry of a list without ids: its case study and its position.
fn positions<T>(items: &[T]) -> impl Iterator<Item = (usize, &T)> {
    items.iter().enumerate()
}

/// Each entry of a list paired with each value of one of its own lists.
fn links<'a, T, U: 'a>(
    items: &'a [T],
    list: impl Fn(&'a T) -> &'a [U] + 'a,
) -> impl Iterator<Item = (&'a T, usize, &'a U)> + 'a {
    items.iter().flat_map(move |item| {
        list(item)
            .iter()
            .enumerate()
            .map(move |(i, u)| (item, i, u))
    })
}

/// A measurement with its role and its position among the values.
fn all_measurements(
    indicators: &[Indicator],
) -> impl Iterator<Item = (&Indicator, &'static str, usize, &Measurement)> {
    indicators.iter().flat_map(|indicator| {
        let baseline = indicator
            .baseline
            .iter()
            .map(move |m| (indicator, "baseline", 0, m));
        let target = indicator
            .target
            .iter()
            .map(move |m| (indicator, "target", 0, m));
        let values = indicator
            .values
            .iter()
            .enumerate()
            .map(move |(i, m)| (indicator, "value", i, m));
        baseline.chain(target).chain(values)
    })
}

/// The people named as authors, then as contacts, with their positions.
fn credits(case: &CaseStudy) -> impl Iterator<Item = (&'static str, usize, &crate::PersonId)> {
    let authors = positions(&case.authors).map(|(i, person)| ("author", i, person));
    let contacts = positions(&case.contacts).map(|(i, person)| ("contact", i, person));
    authors.chain(contacts)
}

/// The pairing's regions, partners then observers, with their positions.
fn pairing_partners(
    case: &CaseStudy,
) -> impl Iterator<Item = (&'static str, usize, &crate::RegionId)> {
    let partners = positions(&case.pairing.regions).map(|(i, region)| ("partner", i, region));
    let observers = positions(&case.pairing.observers).map(|(i, region)| ("observer", i, region));
    partners.chain(observers)
}

/// Every translation: language, JSON Pointer and text.
fn all_translations(
    case: &CaseStudy,
) -> impl Iterator<Item = (&crate::LanguageCode, &String, &String)> {
    case.translations.iter().flat_map(|(language, texts)| {
        texts
            .iter()
            .map(move |(pointer, text)| (language, pointer, text))
    })
}

tables! {
    /// One row per case study: the document's own fields and its programme.
    case_studies(case) for case in (std::iter::once(case)) {
        case_study_id: Text = &case.id, "The case study's id (`id`).";
        schema_version: Text = case.schema_version.to_string(), "The format version it follows (`schema_version`).";
        title: Text = &case.title, "Headline (`title`).";
        summary: Text = case.summary.as_ref(), "Standfirst or abstract (`summary`).";
        published: Text = text(case.published.as_ref()), "Publication date as written, EDTF (`published`).";
        published_earliest: Date = earliest(case.published.as_ref()), "First day `published` covers.";
        published_latest: Date = latest(case.published.as_ref()), "Last day `published` covers.";
        language: Text = case.language.as_ref(), "Language of the texts (`language`); empty means English.";
        programme_name: Text = case.programme.as_ref().map(|p| &p.name), "Name of the programme (`programme.name`).";
        programme_acronym: Text = case.programme.as_ref().and_then(|p| p.acronym.as_ref()), "Short name of the programme (`programme.acronym`).";
        programme_url: Text = case.programme.as_ref().and_then(|p| p.url.as_ref()), "Web site of the programme (`programme.url`).";
        programme_funded_by: Text = case.programme.as_ref().and_then(|p| p.funded_by.as_ref()), "Who funds the programme (`programme.funded_by`).";
        disclaimer: Text = case.disclaimer.as_ref(), "Disclaimer (`disclaimer`).";
    }

    /// One row per case study: its pairing (`pairing`); the partners and observers are in
    /// `pairing_regions`.
    pairings(case) for pairing in (std::iter::once(&case.pairing)) {
        case_study_id: Text = &case.id, "The case study's id.";
        kind: Text = pairing.kind, "What the pairing joins (`pairing.kind`).";
        status: Text = pairing.status, "Where it stands (`pairing.status`).";
        started: Text = text(Some(&pairing.started)), "When it started, as written (`pairing.started`).";
        started_earliest: Date = earliest(Some(&pairing.started)), "First day `started` covers.";
        started_latest: Date = latest(Some(&pairing.started)), "Last day `started` covers.";
        ended: Text = text(pairing.ended.as_ref()), "When it ended, as written (`pairing.ended`).";
        ended_earliest: Date = earliest(pairing.ended.as_ref()), "First day `ended` covers.";
        ended_latest: Date = latest(pairing.ended.as_ref()), "Last day `ended` covers.";
    }

    /// Link table: the pairing's partners (`pairing.regions`) and observers
    /// (`pairing.observers`).
    pairing_regions(case) for (role, position, region) in (pairing_partners(case)) {
        case_study_id: Text = &case.id, "The case study's id.";
        region_id: Text = region, "A region's id (an entry of `regions`).";
        role: Text = role, "`partner` or `observer`.";
        position: Integer = position, "Its position in its list, from 0.";
    }

    /// Link table: the pairing's working languages (`pairing.languages`).
    pairing_languages(case) for (position, language) in (positions(&case.pairing.languages)) {
        case_study_id: Text = &case.id, "The case study's id.";
        language: Text = language, "A language (ISO 639-1).";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Link table: the topics the pairing focuses on (`pairing.focus`).
    pairing_focus(case) for (position, topic) in (positions(&case.pairing.focus)) {
        case_study_id: Text = &case.id, "The case study's id.";
        topic_id: Text = topic, "A topic's id (an entry of `topics`).";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// How the partners keep in touch (`pairing.channels`), keyed by position.
    pairing_channels(case) for (position, channel) in (positions(&case.pairing.channels)) {
        case_study_id: Text = &case.id, "The case study's id.";
        position: Integer = position, "Its position in the list, from 0.";
        kind: Text = channel.kind, "The means (`kind`).";
        tool: Text = channel.tool.as_ref(), "The tool (`tool`).";
        frequency: Text = channel.frequency, "How often (`frequency`).";
        note: Text = channel.note.as_ref(), "Note (`note`).";
    }

    /// Partners of a network that work together (`pairing.sub_pairings`, format 1.1).
    sub_pairings(case) for sub in (case.pairing.sub_pairings.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        sub_pairing_id: Text = &sub.id, "The sub-pairing's id.";
        started: Text = text(sub.started.as_ref()), "When it started, as written.";
        started_earliest: Date = earliest(sub.started.as_ref()), "First day `started` covers.";
        started_latest: Date = latest(sub.started.as_ref()), "Last day `started` covers.";
        ended: Text = text(sub.ended.as_ref()), "When it ended, as written.";
        ended_earliest: Date = earliest(sub.ended.as_ref()), "First day `ended` covers.";
        ended_latest: Date = latest(sub.ended.as_ref()), "Last day `ended` covers.";
        note: Text = sub.note.as_ref(), "Note (`note`).";
    }

    /// Link table: the partners of each sub-pairing (`regions`).
    sub_pairing_regions(case) for (sub, position, region) in (links(&case.pairing.sub_pairings, |s| s.regions.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        sub_pairing_id: Text = &sub.id, "The sub-pairing's id.";
        region_id: Text = region, "A region's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Link table: the topics of each sub-pairing (`topics`).
    sub_pairing_topics(case) for (sub, position, topic) in (links(&case.pairing.sub_pairings, |s| s.topics.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        sub_pairing_id: Text = &sub.id, "The sub-pairing's id.";
        topic_id: Text = topic, "A topic's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// The local and regional governments that take part (`regions`).
    regions(case) for region in (case.regions.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        region_id: Text = &region.id, "The region's id.";
        name: Text = &region.name, "Name (`name`).";
        kind: Text = region.kind, "What kind of government (`kind`).";
        country: Text = &region.country, "Country, ISO 3166-1 alpha-2 (`country`).";
        subdivision: Text = region.subdivision.as_ref(), "Subdivision, ISO 3166-2 (`subdivision`).";
        nuts: Text = region.nuts.as_ref(), "NUTS code (`nuts`).";
        population: Integer = region.population, "Population (`population`).";
        government: Text = region.government.as_ref(), "The government body: an organisation's id (`government`).";
        url: Text = region.url.as_ref(), "Web site (`url`).";
        parent_region_id: Text = region.parent.as_ref(), "The region it lies in: a region's id (`parent`).";
        lat: Float = region.coordinates.map(|c| c.lat), "Latitude, WGS 84 degrees (`coordinates.lat`).";
        lon: Float = region.coordinates.map(|c| c.lon), "Longitude, WGS 84 degrees (`coordinates.lon`).";
    }

    /// Link table: the subdivisions a region is made of (`members`).
    region_members(case) for (region, position, member) in (links(&case.regions, |r| r.members.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        region_id: Text = &region.id, "The region's id.";
        subdivision: Text = member, "A subdivision, ISO 3166-2.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// The region's ids in other registers of places (`identifiers`, format 1.1).
    region_identifiers(case) for (region, position, identifier) in (links(&case.regions, |r| r.identifiers.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        region_id: Text = &region.id, "The region's id.";
        scheme: Text = identifier.scheme, "The register (`scheme`).";
        identifier: Text = &identifier.id, "The id in that register (`id`).";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Fields of cooperation (`topics`).
    topics(case) for topic in (case.topics.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        topic_id: Text = &topic.id, "The topic's id.";
        label: Text = &topic.label, "Short name (`label`).";
        description: Text = topic.description.as_ref(), "Description (`description`).";
    }

    /// Link table: the Sustainable Development Goals each topic serves (`sdgs`).
    topic_sdgs(case) for (topic, position, sdg) in (links(&case.topics, |t| t.sdgs.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        topic_id: Text = &topic.id, "The topic's id.";
        sdg: Integer = *sdg, "A goal, 1 to 17.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Meetings, visits and calls (`events`).
    events(case) for event in (case.events.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        event_id: Text = &event.id, "The event's id.";
        kind: Text = event.kind, "What kind of event (`kind`).";
        title: Text = &event.title, "Title (`title`).";
        date: Text = text(Some(&event.date)), "When, as written (`date`).";
        date_earliest: Date = earliest(Some(&event.date)), "First day `date` covers.";
        date_latest: Date = latest(Some(&event.date)), "Last day `date` covers.";
        place: Text = event.place.as_ref(), "Where, in words (`place`).";
        country: Text = event.country.as_ref(), "Country, ISO 3166-1 alpha-2 (`country`).";
        lat: Float = event.coordinates.map(|c| c.lat), "Latitude (`coordinates.lat`).";
        lon: Float = event.coordinates.map(|c| c.lon), "Longitude (`coordinates.lon`).";
        note: Text = event.note.as_ref(), "Note (`note`).";
    }

    /// Link table: who took part in each event (`regions`).
    event_regions(case) for (event, position, region) in (links(&case.events, |e| e.regions.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        event_id: Text = &event.id, "The event's id.";
        region_id: Text = region, "A region's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Challenges met and how they were answered (`challenges`).
    challenges(case) for challenge in (case.challenges.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        challenge_id: Text = &challenge.id, "The challenge's id.";
        text: Text = &challenge.text, "The challenge (`text`).";
        response: Text = challenge.response.as_ref(), "How it was answered (`response`).";
        status: Text = challenge.status, "`open` or `addressed` (`status`).";
    }

    /// Results and impact (`outcomes`).
    outcomes(case) for outcome in (case.outcomes.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        outcome_id: Text = &outcome.id, "The outcome's id.";
        text: Text = &outcome.text, "The outcome (`text`).";
        status: Text = outcome.status, "How far it has come (`status`).";
        date: Text = text(outcome.date.as_ref()), "When it was reached or is expected, as written (`date`).";
        date_earliest: Date = earliest(outcome.date.as_ref()), "First day `date` covers.";
        date_latest: Date = latest(outcome.date.as_ref()), "Last day `date` covers.";
    }

    /// Link table: the topics of each outcome (`topics`).
    outcome_topics(case) for (outcome, position, topic) in (links(&case.outcomes, |o| o.topics.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        outcome_id: Text = &outcome.id, "The outcome's id.";
        topic_id: Text = topic, "A topic's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Results in numbers (`indicators`, format 1.1); their figures are in `measurements`.
    indicators(case) for indicator in (case.indicators.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        indicator_id: Text = &indicator.id, "The indicator's id.";
        name: Text = &indicator.name, "What is measured (`name`).";
        measure: Text = indicator.measure, "What kind of figure (`measure`).";
        unit: Text = &indicator.unit, "The unit; a currency code for `money` (`unit`).";
        outcome_id: Text = indicator.outcome.as_ref(), "The result it measures: an outcome's id (`outcome`).";
        source: Text = indicator.source.as_ref(), "Where the figures come from (`source`).";
    }

    /// The figures of each indicator: its baseline, its target and its values.
    measurements(case) for (indicator, role, position, measurement) in (all_measurements(&case.indicators)) {
        case_study_id: Text = &case.id, "The case study's id.";
        indicator_id: Text = &indicator.id, "The indicator's id.";
        role: Text = role, "`baseline`, `target` or `value`.";
        position: Integer = position, "Position among the values, from 0; 0 for the baseline and the target.";
        value: Float = measurement.value, "The figure, in the indicator's unit (`value`).";
        qualifier: Text = measurement.qualifier, "How it relates to the true value; empty means exact (`qualifier`).";
        date: Text = text(measurement.date.as_ref()), "When it was measured, as written (`date`).";
        date_earliest: Date = earliest(measurement.date.as_ref()), "First day `date` covers.";
        date_latest: Date = latest(measurement.date.as_ref()), "Last day `date` covers.";
        note: Text = measurement.note.as_ref(), "Note (`note`).";
    }

    /// Link table: the topics of each indicator (`topics`).
    indicator_topics(case) for (indicator, position, topic) in (links(&case.indicators, |i| i.topics.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        indicator_id: Text = &indicator.id, "The indicator's id.";
        topic_id: Text = topic, "A topic's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Link table: where each indicator was measured (`regions`).
    indicator_regions(case) for (indicator, position, region) in (links(&case.indicators, |i| i.regions.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        indicator_id: Text = &indicator.id, "The indicator's id.";
        region_id: Text = region, "A region's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Joint proposals and projects (`proposals`).
    proposals(case) for proposal in (case.proposals.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        proposal_id: Text = &proposal.id, "The proposal's id.";
        title: Text = &proposal.title, "Title (`title`).";
        status: Text = proposal.status, "Where it stands (`status`).";
        note: Text = proposal.note.as_ref(), "Note (`note`).";
    }

    /// Link table: the topics of each proposal (`topics`).
    proposal_topics(case) for (proposal, position, topic) in (links(&case.proposals, |p| p.topics.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        proposal_id: Text = &proposal.id, "The proposal's id.";
        topic_id: Text = topic, "A topic's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Link table: the funders each proposal was sent to (`funding_sources`).
    proposal_funding_sources(case) for (proposal, position, source) in (links(&case.proposals, |p| p.funding_sources.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        proposal_id: Text = &proposal.id, "The proposal's id.";
        funding_source_id: Text = source, "A funding source's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Money that was used, sought or considered (`funding_sources`).
    funding_sources(case) for source in (case.funding_sources.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        funding_source_id: Text = &source.id, "The funding source's id.";
        name: Text = &source.name, "Name of the funder or scheme (`name`).";
        kind: Text = source.kind, "Who gives the money (`kind`).";
        status: Text = source.status, "Where the money stands (`status`).";
        amount_value: Float = source.amount.as_ref().map(|m| m.value), "How much (`amount.value`).";
        amount_currency: Text = source.amount.as_ref().map(|m| &m.currency), "Its currency, ISO 4217 (`amount.currency`).";
        amount_qualifier: Text = source.amount.as_ref().and_then(|m| m.qualifier), "How the amount relates to the true one; empty means exact (`amount.qualifier`).";
        url: Text = source.url.as_ref(), "Web site (`url`).";
        note: Text = source.note.as_ref(), "Note (`note`).";
        funder: Text = source.funder.as_ref(), "Who gives the money: an organisation's id (`funder`).";
        period: Text = text(source.period.as_ref()), "The term of the grant, as written (`period`).";
        period_earliest: Date = earliest(source.period.as_ref()), "First day `period` covers.";
        period_latest: Date = latest(source.period.as_ref()), "Last day `period` covers.";
        scope: Text = source.scope(), "What the money is for; `pairing` when absent (`scope`).";
    }

    /// Link table: the partners each funding source concerns (`regions`).
    funding_source_regions(case) for (source, position, region) in (links(&case.funding_sources, |s| s.regions.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        funding_source_id: Text = &source.id, "The funding source's id.";
        region_id: Text = region, "A region's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Who got or gave how much of a funding source (`shares`, format 1.1).
    funding_shares(case) for (source, position, share) in (links(&case.funding_sources, |s| s.shares.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        funding_source_id: Text = &source.id, "The funding source's id.";
        position: Integer = position, "Its position in the list, from 0.";
        region_id: Text = share.region.as_ref(), "The partner: a region's id (`region`).";
        organisation_id: Text = share.organisation.as_ref(), "The body: an organisation's id (`organisation`).";
        amount_value: Float = share.amount.value, "How much (`amount.value`).";
        amount_currency: Text = &share.amount.currency, "Its currency, ISO 4217 (`amount.currency`).";
        amount_qualifier: Text = share.amount.qualifier, "How the amount relates to the true one; empty means exact.";
        note: Text = share.note.as_ref(), "Note (`note`).";
    }

    /// Lessons learned (`lessons`).
    lessons(case) for lesson in (case.lessons.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        lesson_id: Text = &lesson.id, "The lesson's id.";
        title: Text = lesson.title.as_ref(), "Headline (`title`).";
        text: Text = &lesson.text, "The lesson (`text`).";
    }

    /// Link table: what each lesson is about (`themes`).
    lesson_themes(case) for (lesson, position, theme) in (links(&case.lessons, |l| l.themes.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        lesson_id: Text = &lesson.id, "The lesson's id.";
        theme: Text = *theme, "A theme.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Link table: the topics of each lesson (`topics`).
    lesson_topics(case) for (lesson, position, topic) in (links(&case.lessons, |l| l.topics.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        lesson_id: Text = &lesson.id, "The lesson's id.";
        topic_id: Text = topic, "A topic's id.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// People named in the case study (`people`); authors and contacts are in
    /// `case_study_people`.
    people(case) for person in (case.people.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        person_id: Text = &person.id, "The person's id.";
        name: Text = &person.name, "Full name (`name`).";
        role: Text = person.role.as_ref(), "Position or function (`role`).";
        organisation_id: Text = person.organisation.as_ref(), "Where the person works: an organisation's id (`organisation`).";
        region_id: Text = person.region.as_ref(), "The partner the person belongs to: a region's id (`region`).";
        email: Text = person.email.as_ref(), "E-mail address (`email`).";
        url: Text = person.url.as_ref(), "Web page (`url`).";
    }

    /// Link table: the case study's authors (`authors`) and contacts (`contacts`).
    case_study_people(case) for (relation, position, person) in (credits(case)) {
        case_study_id: Text = &case.id, "The case study's id.";
        person_id: Text = person, "A person's id.";
        relation: Text = relation, "`author` or `contact`.";
        position: Integer = position, "Its position in its list, from 0.";
    }

    /// Bodies named in the case study (`organisations`).
    organisations(case) for organisation in (case.organisations.iter()) {
        case_study_id: Text = &case.id, "The case study's id.";
        organisation_id: Text = &organisation.id, "The organisation's id.";
        name: Text = &organisation.name, "Name (`name`).";
        kind: Text = organisation.kind, "What kind of body (`kind`).";
        region_id: Text = organisation.region.as_ref(), "The partner it belongs to: a region's id (`region`).";
        country: Text = organisation.country.as_ref(), "Country, ISO 3166-1 alpha-2 (`country`).";
        url: Text = organisation.url.as_ref(), "Web site (`url`).";
    }

    /// Link table: what each organisation does in the cooperation (`roles`, format 1.1).
    organisation_roles(case) for (organisation, position, role) in (links(&case.organisations, |o| o.roles.as_slice())) {
        case_study_id: Text = &case.id, "The case study's id.";
        organisation_id: Text = &organisation.id, "The organisation's id.";
        role: Text = *role, "A role.";
        position: Integer = position, "Its position in the list, from 0.";
    }

    /// Quoted statements (`quotes`), keyed by position: quotes have no id.
    quotes(case) for (position, quote) in (positions(&case.quotes)) {
        case_study_id: Text = &case.id, "The case study's id.";
        position: Integer = position, "Its position in `quotes`, from 0.";
        speaker: Text = &quote.speaker, "Who said it: a person's id (`speaker`).";
        text: Text = &quote.text, "The words, as quoted (`text`).";
        context: Text = quote.context.as_ref(), "When or about what (`context`).";
        language: Text = quote.language.as_ref(), "Language of `text` when not the document's (`language`).";
        translation: Text = quote.translation.as_ref(), "The quote in the document's language (`translation`).";
    }

    /// Where the facts come from (`sources`), keyed by position: sources have no id.
    sources(case) for (position, source) in (positions(&case.sources)) {
        case_study_id: Text = &case.id, "The case study's id.";
        position: Integer = position, "Its position in `sources`, from 0.";
        url: Text = &source.url, "Address (`url`).";
        title: Text = source.title.as_ref(), "Title (`title`).";
        accessed: Text = text(source.accessed.as_ref()), "When it was read, as written (`accessed`).";
        accessed_earliest: Date = earliest(source.accessed.as_ref()), "First day `accessed` covers.";
        accessed_latest: Date = latest(source.accessed.as_ref()), "Last day `accessed` covers.";
        language: Text = source.language.as_ref(), "Its language (`language`).";
        published: Text = text(source.published.as_ref()), "When it was published, as written (`published`).";
        published_earliest: Date = earliest(source.published.as_ref()), "First day `published` covers.";
        published_latest: Date = latest(source.published.as_ref()), "Last day `published` covers.";
        publisher: Text = source.publisher.as_ref(), "Who published it (`publisher`).";
    }

    /// Translations of the document's texts (`translations`, format 1.1).
    translations(case) for (language, pointer, text) in (all_translations(case)) {
        case_study_id: Text = &case.id, "The case study's id.";
        language: Text = language, "The language of the translation (ISO 639-1).";
        pointer: Text = pointer, "The JSON Pointer of the translated text.";
        text: Text = text, "The translation.";
    }
}
