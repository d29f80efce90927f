//! Counts across a corpus of case studies: who cooperates, on what, with which money.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::Datelike as _;
use serde::Serialize;

use crate::CaseStudy;

/// Counts across case studies. Every map is sorted by key, so output is stable.
///
/// ```
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
/// let stats = casebook::stats::Stats::of([&case]);
/// assert_eq!(stats.case_studies, 1);
/// assert_eq!(stats.by_country["ES"], 1);
/// assert_eq!(stats.by_world_region["Americas"], 1);
/// assert_eq!(stats.started_per_year["2017"], 1);
///
/// // Indicators (format 1.1) are counted by measure.
/// let case = casebook::from_path("tests/fixtures/valid/indicators.yaml")?;
/// let stats = casebook::stats::Stats::of([&case]);
/// assert_eq!(stats.indicators_by_measure["count"], 1);
/// assert_eq!(stats.indicators_by_measure.len(), 4);
/// # Ok::<(), casebook::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// How many case studies.
    pub case_studies: usize,
    /// Case studies with a region in each country (ISO 3166-1 code).
    pub by_country: BTreeMap<String, usize>,
    /// Case studies with a region in each world region (UN M49).
    pub by_world_region: BTreeMap<String, usize>,
    /// Case studies with each topic id.
    pub by_topic: BTreeMap<String, usize>,
    /// Case studies whose topics serve each Sustainable Development Goal.
    pub by_sdg: BTreeMap<u8, usize>,
    /// Funding sources of each kind.
    pub funding_by_kind: BTreeMap<String, usize>,
    /// Funding sources of each status.
    pub funding_by_status: BTreeMap<String, usize>,
    /// Indicators of each measure (`count`, `percentage`, `money`, `quantity`; format
    /// 1.1); not written when there is none, so that the counts of 1.0 documents stay as
    /// they were.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub indicators_by_measure: BTreeMap<String, usize>,
    /// Pairings started in each year; a start that lies in no one year (format 1.1's
    /// `201X`, or an interval over several years) is counted under its own text.
    pub started_per_year: BTreeMap<String, usize>,
    /// Organisations with each role (format 1.1), counted once per organisation and role;
    /// absent from the JSON output when no organisation has a role.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub organisations_by_role: BTreeMap<String, usize>,
    /// Share of case studies with at least one lesson, from 0 to 1.
    pub share_with_lessons: f64,
    /// Share of case studies with at least one funding source.
    pub share_with_funding: f64,
    /// Share of case studies with at least one quote.
    pub share_with_quotes: f64,
    #[serde(skip)]
    with_lessons: usize,
    #[serde(skip)]
    with_funding: usize,
    #[serde(skip)]
    with_quotes: usize,
}

fn count<K: Ord>(map: &mut BTreeMap<K, usize>, key: K) {
    *map.entry(key).or_default() += 1;
}

impl Stats {
    /// Counts over the given case studies.
    pub fn of<'a>(cases: impl IntoIterator<Item = &'a CaseStudy>) -> Self {
        let mut stats = Self::default();
        for case in cases {
            stats.add(case);
        }
        stats
    }

    /// Counts one more case study.
    pub fn add(&mut self, case: &CaseStudy) {
        self.case_studies += 1;
        self.with_lessons += usize::from(!case.lessons.is_empty());
        self.with_funding += usize::from(!case.funding_sources.is_empty());
        self.with_quotes += usize::from(!case.quotes.is_empty());
        let total = self.case_studies as f64;
        let share = |part: usize| part as f64 / total;
        self.share_with_lessons = share(self.with_lessons);
        self.share_with_funding = share(self.with_funding);
        self.share_with_quotes = share(self.with_quotes);
        let countries: BTreeSet<&str> = case.regions.iter().map(|r| r.country.as_str()).collect();
        let world: BTreeSet<&str> = case
            .regions
            .iter()
            .map(|r| {
                r.country
                    .world_region()
                    .map_or("unknown", |region| region.name())
            })
            .collect();
        let topics: BTreeSet<&str> = case.topics.iter().map(|t| t.id.as_str()).collect();
        let sdgs: BTreeSet<u8> = case
            .topics
            .iter()
            .flat_map(|t| t.sdgs.iter().copied())
            .collect();
        countries
            .into_iter()
            .for_each(|c| count(&mut self.by_country, c.to_owned()));
        world
            .into_iter()
            .for_each(|w| count(&mut self.by_world_region, w.to_owned()));
        topics
            .into_iter()
            .for_each(|t| count(&mut self.by_topic, t.to_owned()));
        sdgs.into_iter()
            .for_each(|goal| count(&mut self.by_sdg, goal));
        for source in &case.funding_sources {
            count(&mut self.funding_by_kind, source.kind.as_str().to_owned());
            count(
                &mut self.funding_by_status,
                source.status.as_str().to_owned(),
            );
        }
        for organisation in &case.organisations {
            let roles: BTreeSet<&str> = organisation.roles.iter().map(|r| r.as_str()).collect();
            roles
                .into_iter()
                .for_each(|role| count(&mut self.organisations_by_role, role.to_owned()));
        }
        for indicator in &case.indicators {
            count(
                &mut self.indicators_by_measure,
                indicator.measure.as_str().to_owned(),
            );
        }
        let started = &case.pairing.started;
        let year = if started.earliest().year() == started.latest().year() {
            started.year().to_string()
        } else {
            // `201X` or `2017-11/2019-07` lies in no one year: counted under its own text,
            // never under a year it may not be in.
            started.to_string()
        };
        count(&mut self.started_per_year, year);
    }

    /// Every count as `(section, key, value)` rows, in a stable order.
    pub fn rows(&self) -> Vec<(&'static str, String, String)> {
        let mut rows = vec![(
            "total",
            "case_studies".to_owned(),
            self.case_studies.to_string(),
        )];
        let sections: [(&str, Vec<(String, usize)>); 9] = [
            (
                "country",
                self.by_country
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "world_region",
                self.by_world_region
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "topic",
                self.by_topic.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            ),
            (
                "sdg",
                self.by_sdg
                    .iter()
                    .map(|(k, v)| (k.to_string(), *v))
                    .collect(),
            ),
            (
                "funding_kind",
                self.funding_by_kind
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "funding_status",
                self.funding_by_status
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "indicator_measure",
                self.indicators_by_measure
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "started",
                self.started_per_year
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
            (
                "organisation_role",
                self.organisations_by_role
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            ),
        ];
        for (section, entries) in sections {
            rows.extend(
                entries
                    .into_iter()
                    .map(|(key, value)| (section, key, value.to_string())),
            );
        }
        for (key, share) in [
            ("with_lessons", self.share_with_lessons),
            ("with_funding", self.share_with_funding),
            ("with_quotes", self.share_with_quotes),
        ] {
            rows.push(("share", key.to_owned(), format!("{share:.3}")));
        }
        rows
    }

    /// The counts as text for people: each section's name, then its keys and values.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        let mut section = "";
        for (name, key, value) in self.rows() {
            if name != section {
                let _ = writeln!(text, "{name}:");
                section = name;
            }
            let _ = writeln!(text, "  {key:<40} {value}");
        }
        text
    }

    /// The counts as CSV with a header: `section,key,value`.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("section,key,value\n");
        for (section, key, value) in self.rows() {
            let key = if key.contains([',', '"', '\n']) {
                format!("\"{}\"", key.replace('"', "\"\""))
            } else {
                key
            };
            let _ = writeln!(csv, "{section},{key},{value}");
        }
        csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_are_counted_by_role_and_the_section_is_absent_without_roles() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let roles =
            crate::from_path(root.join("tests/fixtures/valid/roles-and-funders.toml")).unwrap();
        let plain = crate::from_path(root.join("tests/fixtures/valid/minimal.json")).unwrap();
        let stats = Stats::of([&roles, &roles, &plain]);
        let by_role: Vec<(&str, usize)> = stats
            .organisations_by_role
            .iter()
            .map(|(role, count)| (role.as_str(), *count))
            .collect();
        assert_eq!(
            by_role,
            [
                ("beneficiary", 2),
                ("coordinator", 2),
                ("funder", 2),
                ("host", 2),
                ("implementer", 2),
                ("knowledge_partner", 2),
                ("observer", 2),
                ("other", 2),
                ("partner", 2),
            ]
        );
        assert!(
            stats
                .to_text()
                .contains("organisation_role:\n  beneficiary")
        );
        assert!(stats.to_csv().contains("organisation_role,funder,2\n"));
        let json = serde_json::to_value(&stats).unwrap();
        assert_eq!(json["organisations_by_role"]["funder"], 2);

        let without = Stats::of([&plain]);
        assert!(!without.to_text().contains("organisation_role"));
        let json = serde_json::to_value(&without).unwrap();
        assert!(json.get("organisations_by_role").is_none());
    }

    #[test]
    fn a_start_in_no_one_year_is_counted_under_its_text() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let plain = crate::from_path(root.join("tests/fixtures/valid/minimal.json")).unwrap();
        let starts = [
            "2017-11",
            "2017-11/2017-12",
            "201X",
            "2017-11/2019-07",
            "2018?",
        ];
        let cases: Vec<CaseStudy> = starts
            .iter()
            .map(|start| {
                let mut case = plain.clone();
                case.pairing.started = start.parse().unwrap();
                case
            })
            .collect();
        let stats = Stats::of(&cases);
        let per_year: Vec<(&str, usize)> = stats
            .started_per_year
            .iter()
            .map(|(year, count)| (year.as_str(), *count))
            .collect();
        assert_eq!(
            per_year,
            [
                ("2017", 2),
                ("2017-11/2019-07", 1),
                ("2018", 1),
                ("201X", 1)
            ]
        );
    }
}
