use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    Challenge, Event, FundingSource, Indicator, Lesson, Organisation, Outcome, Pairing, Person,
    Programme, Proposal, Quote, Region, Source, Topic, is_empty, newer_collection, present,
};
use crate::{CaseStudyId, LanguageCode, PartialDate, PersonId, SchemaVersion};

/// Anything a publisher wants to keep that the format has no key for: any JSON object,
/// kept in the order it was written and written back unchanged.
pub type Extensions = serde_json::Map<String, serde_json::Value>;

/// Translations of the document's texts, by language (ISO 639-1), then by the JSON
/// Pointer (RFC 6901) of the text: `{"es": {"/title": "Cantabria y Chihuahua"}}`. Both
/// levels keep the order in which they were written, so a document reads and writes back
/// unchanged. New in format 1.1.
pub type Translations = indexmap::IndexMap<LanguageCode, indexmap::IndexMap<String, String>>;

/// A case study of an innovation cooperation: the root of a document.
///
/// ```
/// use casebook::{CaseStudy, Pairing, PairingKind, PairingStatus, Region, RegionKind};
///
/// let regions = vec![
///     Region::new("cantabria".parse()?, "Cantabria", RegionKind::Region, "ES".parse()?),
///     Region::new("chihuahua".parse()?, "Chihuahua", RegionKind::State, "MX".parse()?),
/// ];
/// let pairing = Pairing::new(
///     PairingKind::RegionToRegion,
///     regions.iter().map(|region| region.id.clone()).collect(),
///     "2017-11".parse()?,
///     PairingStatus::Active,
/// );
/// let case = CaseStudy::new("cantabria-chihuahua".parse()?, "Cantabria and Chihuahua", regions, pairing);
/// assert_eq!(case.language().as_str(), "en");
/// # Ok::<(), casebook::CodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CaseStudy {
    /// URI of the JSON Schema, for editors; validation ignores it.
    #[serde(
        rename = "$schema",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub schema: Option<String>,
    /// Version of the format the document follows, `MAJOR.MINOR`; `1.0` for this one.
    pub schema_version: SchemaVersion,
    /// Stable id of this case study.
    pub id: CaseStudyId,
    /// Headline.
    pub title: String,
    /// Standfirst or abstract.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub summary: Option<String>,
    /// Publication date of the case study.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub published: Option<PartialDate>,
    /// Language of the texts (ISO 639-1); English when absent, see [`CaseStudy::language`].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub language: Option<LanguageCode>,
    /// The cooperation programme.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub programme: Option<Programme>,
    /// Every local or regional government that takes part; at least two.
    #[schemars(length(min = 2))]
    pub regions: Vec<Region>,
    /// The cooperation itself.
    pub pairing: Pairing,
    /// Fields of cooperation.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub topics: Vec<Topic>,
    /// Meetings, visits and calls, in any order.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub events: Vec<Event>,
    /// Challenges met and how they were answered.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub challenges: Vec<Challenge>,
    /// Results and impact.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub outcomes: Vec<Outcome>,
    /// Results in numbers (format 1.1).
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    pub indicators: Vec<Indicator>,
    /// Joint proposals and projects.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub proposals: Vec<Proposal>,
    /// Money that was used, sought or considered.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub funding_sources: Vec<FundingSource>,
    /// Lessons learned.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub lessons: Vec<Lesson>,
    /// People named in the case study.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub people: Vec<Person>,
    /// Bodies named in the case study.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub organisations: Vec<Organisation>,
    /// Quoted statements.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub quotes: Vec<Quote>,
    /// Authors: ids of entries in `people`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub authors: Vec<PersonId>,
    /// Contacts for more information: ids of entries in `people`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub contacts: Vec<PersonId>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub sources: Vec<Source>,
    /// Disclaimer printed with the case study.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub disclaimer: Option<String>,
    /// Translations of texts of this document into other languages: by language code
    /// (never the document's own `language`), the JSON Pointer of a free-text value and
    /// its translation. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Translations::is_empty",
        deserialize_with = "newer_collection"
    )]
    pub translations: Translations,
    /// Anything else, kept as is: any JSON object.
    #[serde(
        default,
        skip_serializing_if = "Extensions::is_empty",
        deserialize_with = "super::extensions::deserialize"
    )]
    pub extensions: Extensions,
}

impl CaseStudy {
    /// Every date of the document with its JSON Pointer, in document order. Every key
    /// whose value is a [`PartialDate`] is here (a test compares this with the schema).
    ///
    /// ```
    /// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
    /// let dates = case.dates();
    /// assert_eq!(dates[0].0, "/published");
    /// assert!(dates.iter().any(|(pointer, _)| pointer == "/pairing/started"));
    /// # Ok::<(), casebook::Error>(())
    /// ```
    pub fn dates(&self) -> Vec<(String, PartialDate)> {
        let mut dates = Vec::new();
        self.each_date(|date, pointer| dates.push((pointer(), *date)));
        dates
    }

    /// Visits every date with a function that makes its pointer, so that a check that
    /// reports few dates builds few pointers.
    pub(crate) fn each_date<'a>(
        &'a self,
        mut visit: impl FnMut(&'a PartialDate, &dyn Fn() -> String),
    ) {
        if let Some(published) = &self.published {
            visit(published, &|| "/published".to_owned());
        }
        visit(&self.pairing.started, &|| "/pairing/started".to_owned());
        if let Some(ended) = &self.pairing.ended {
            visit(ended, &|| "/pairing/ended".to_owned());
        }
        for (i, sub_pairing) in self.pairing.sub_pairings.iter().enumerate() {
            if let Some(started) = &sub_pairing.started {
                visit(started, &|| format!("/pairing/sub_pairings/{i}/started"));
            }
            if let Some(ended) = &sub_pairing.ended {
                visit(ended, &|| format!("/pairing/sub_pairings/{i}/ended"));
            }
        }
        for (i, event) in self.events.iter().enumerate() {
            visit(&event.date, &|| format!("/events/{i}/date"));
        }
        for (i, outcome) in self.outcomes.iter().enumerate() {
            if let Some(date) = &outcome.date {
                visit(date, &|| format!("/outcomes/{i}/date"));
            }
        }
        for (i, indicator) in self.indicators.iter().enumerate() {
            for (place, measurement) in indicator.measurements() {
                if let Some(date) = &measurement.date {
                    visit(date, &|| format!("/indicators/{i}{place}/date"));
                }
            }
        }
        for (i, source) in self.funding_sources.iter().enumerate() {
            if let Some(period) = &source.period {
                visit(period, &|| format!("/funding_sources/{i}/period"));
            }
        }
        for (i, source) in self.sources.iter().enumerate() {
            if let Some(accessed) = &source.accessed {
                visit(accessed, &|| format!("/sources/{i}/accessed"));
            }
            if let Some(published) = &source.published {
                visit(published, &|| format!("/sources/{i}/published"));
            }
        }
    }
}

impl CaseStudy {
    /// A case study of the current format version with the required fields and nothing else.
    pub fn new(
        id: CaseStudyId,
        title: impl Into<String>,
        regions: Vec<Region>,
        pairing: Pairing,
    ) -> Self {
        Self {
            schema: None,
            schema_version: SchemaVersion::CURRENT,
            id,
            title: title.into(),
            summary: None,
            published: None,
            language: None,
            programme: None,
            regions,
            pairing,
            topics: Vec::new(),
            events: Vec::new(),
            challenges: Vec::new(),
            outcomes: Vec::new(),
            indicators: Vec::new(),
            proposals: Vec::new(),
            funding_sources: Vec::new(),
            lessons: Vec::new(),
            people: Vec::new(),
            organisations: Vec::new(),
            quotes: Vec::new(),
            authors: Vec::new(),
            contacts: Vec::new(),
            sources: Vec::new(),
            disclaimer: None,
            translations: Translations::new(),
            extensions: Extensions::new(),
        }
    }

    /// The language of the texts: `language`, or English when it is absent.
    pub fn language(&self) -> LanguageCode {
        self.language.clone().unwrap_or_else(LanguageCode::english)
    }
}
