//! Generates realistic, varied case studies, deterministic for a seed: countries and
//! subdivisions drawn from the crate's code tables, 2 to 6 regions, 3 to 20 topics,
//! events, funding, lessons, people and quotes, from about 2 KB to 200 KB as JSON.
//! A document can carry planted errors, whose rule codes and pointers are returned.
//!
//! Used by the `gen-corpus` binary, the tests and the benchmarks.

use casebook::{
    CaseStudy, Challenge, ChallengeStatus, Channel, ChannelKind, Event, EventKind, Frequency,
    FundingKind, FundingSource, FundingStatus, Lesson, LessonTheme, Money, Organisation,
    OrganisationKind, Outcome, OutcomeStatus, Pairing, PairingKind, PairingStatus, PartialDate,
    Person, Programme, Quote, Region, RegionKind, RuleCode, SubdivisionCode, Topic,
};
use serde_json::Value;

/// A planted error: the finding a validator must report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    /// The rule that must report it.
    pub code: RuleCode,
    /// Where.
    pub pointer: String,
}

/// Generates case studies.
pub struct Generator {
    rng: fastrand::Rng,
    /// Countries with at least two subdivisions, and those subdivisions.
    countries: Vec<(String, Vec<(&'static str, &'static str)>)>,
}

const WORDS: &[&str] = &[
    "cooperation",
    "region",
    "city",
    "innovation",
    "strategy",
    "partners",
    "exchange",
    "cluster",
    "tourism",
    "agriculture",
    "mobility",
    "energy",
    "water",
    "housing",
    "digital",
    "platform",
    "knowledge",
    "visit",
    "delegation",
    "funding",
    "programme",
    "local",
    "government",
    "citizens",
    "research",
    "universities",
    "companies",
    "climate",
    "resilience",
    "circular",
    "economy",
    "learning",
    "practice",
    "pilot",
    "project",
    "network",
    "culture",
    "working",
    "methods",
    "data",
    "services",
    "public",
    "policy",
    "sustainable",
    "development",
    "urban",
    "rural",
    "health",
    "biomedicine",
    "smart",
    "growth",
    "jobs",
    "skills",
    "youth",
];

const TOPICS: &[(&str, &str, u8)] = &[
    ("biomedicine", "Biomedicine", 3),
    ("agriculture", "Agriculture", 2),
    ("smart-tourism", "Smart tourism", 8),
    ("urban-mobility", "Urban mobility", 11),
    ("clean-energy", "Clean energy", 7),
    ("water-management", "Water management", 6),
    ("circular-economy", "Circular economy", 12),
    ("climate-adaptation", "Climate adaptation", 13),
    ("digital-services", "Digital public services", 9),
    ("innovation-strategy", "Regional innovation strategy", 9),
    ("social-inclusion", "Social inclusion", 10),
    ("affordable-housing", "Affordable housing", 11),
    ("education", "Education and skills", 4),
    ("gender-equality", "Gender equality", 5),
    ("ocean-economy", "Blue economy", 14),
    ("biodiversity", "Biodiversity", 15),
    ("public-governance", "Public governance", 16),
    ("partnerships", "International partnerships", 17),
    ("food-systems", "Food systems", 2),
    ("health-services", "Health services", 3),
    ("cultural-heritage", "Cultural heritage", 11),
    ("startups", "Start-ups and entrepreneurs", 8),
];

fn slug(code: &str) -> String {
    code.to_ascii_lowercase()
}

/// A stable number from a code, so that a region is described the same way in every
/// document that has it.
fn stable(code: &str) -> usize {
    code.bytes().fold(7usize, |hash, byte| {
        hash.wrapping_mul(31).wrapping_add(usize::from(byte))
    })
}

impl Generator {
    /// A generator whose documents are determined by `seed`.
    pub fn new(seed: u64) -> Self {
        let mut by_country: std::collections::BTreeMap<String, Vec<(&'static str, &'static str)>> =
            std::collections::BTreeMap::new();
        for (code, name) in SubdivisionCode::assigned() {
            // Two-level codes (GB-ENG and GB-MAN) stay; three-part ones are none in 3166-2.
            by_country
                .entry(code[..2].to_owned())
                .or_default()
                .push((code, name));
        }
        let countries = by_country
            .into_iter()
            .filter(|(_, subdivisions)| subdivisions.len() >= 2)
            .collect();
        Self {
            rng: fastrand::Rng::with_seed(seed),
            countries,
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut text = String::new();
        for index in 0..words {
            let word = WORDS[self.rng.usize(..WORDS.len())];
            if index == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push('.');
        text
    }

    fn paragraph(&mut self, scale: usize) -> String {
        let sentences = 1 + self.rng.usize(..=scale.min(12));
        (0..sentences)
            .map(|_| {
                let words = 6 + self.rng.usize(..14);
                self.sentence(words)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn region(&mut self, code: &str, name: &str) -> Region {
        let country = &code[..2];
        let kinds = [
            RegionKind::Region,
            RegionKind::State,
            RegionKind::Province,
            RegionKind::City,
            RegionKind::Department,
        ];
        let kind = kinds[stable(code) % kinds.len()];
        let mut region = Region::new(
            slug(code).parse().unwrap(),
            name,
            kind,
            country.parse().unwrap(),
        );
        region.subdivision = Some(code.parse().unwrap());
        if let Some(prefix) = region.country.nuts_prefix() {
            let level = char::from(b'1' + u8::try_from(stable(code) % 9).unwrap_or(0));
            region.nuts = Some(format!("{prefix}{level}").parse().unwrap());
        }
        region
    }

    /// A valid case study, number `index` of a corpus.
    pub fn case_study(&mut self, index: usize) -> CaseStudy {
        // Log-uniform size: most documents are small, some large.
        let scale = (2.0_f64.powf(self.rng.f64() * 7.0)) as usize;
        let region_count = 2 + self.rng.usize(..=scale.min(4));
        let mut regions = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        // At least one EU partner and one outside, as IUC pairings have.
        let eu = ["ES", "FR", "IT", "DE", "PT", "SE", "PL", "GR", "NL", "AT"];
        while regions.len() < region_count {
            let country = if regions.is_empty() {
                eu[self.rng.usize(..eu.len())].to_owned()
            } else {
                self.countries[self.rng.usize(..self.countries.len())]
                    .0
                    .clone()
            };
            let Some((_, subdivisions)) = self.countries.iter().find(|(code, _)| *code == country)
            else {
                continue;
            };
            let (code, name) = subdivisions[self.rng.usize(..subdivisions.len())];
            if used.insert(code) {
                regions.push(self.region(code, name));
            }
        }
        let started_year = 2010 + i32::try_from(self.rng.usize(..10)).unwrap_or(0);
        let started = PartialDate::from_year_month(started_year, 1 + self.rng.u32(..12)).unwrap();
        let published =
            PartialDate::from_year_month(started_year + 3, 1 + self.rng.u32(..12)).unwrap();

        let topic_count = 3 + self.rng.usize(..=(scale * 2).min(17));
        let first_topic = self.rng.usize(..TOPICS.len());
        let topics: Vec<Topic> = (0..topic_count)
            .map(|i| {
                let (id, label, goal) = TOPICS[(first_topic + i) % TOPICS.len()];
                let round = (first_topic + i) / TOPICS.len();
                let id = if round == 0 {
                    id.to_owned()
                } else {
                    format!("{id}-{round}")
                };
                Topic::new(id.parse().unwrap(), label).with(|t| {
                    t.description = (scale > 2).then(|| self.paragraph(scale / 4 + 1));
                    t.sdgs = vec![goal];
                })
            })
            .collect();

        let ids: Vec<_> = regions.iter().map(|region| region.id.clone()).collect();
        let mut pairing = Pairing::new(
            if regions.iter().all(|region| region.kind.is_urban()) {
                PairingKind::CityToCity
            } else {
                PairingKind::RegionToRegion
            },
            ids.clone(),
            started,
            PairingStatus::Active,
        );
        pairing.channels = vec![
            Channel::new(ChannelKind::Messaging).with(|c| {
                c.tool = Some("WhatsApp".into());
                c.frequency = Some(Frequency::Daily);
            }),
            Channel::new(ChannelKind::VideoCall).with(|c| {
                c.frequency = Some(Frequency::Monthly);
            }),
        ];
        pairing.languages = vec!["en".parse().unwrap()];
        pairing.focus = topics
            .iter()
            .take(3)
            .map(|topic| topic.id.clone())
            .collect();

        let mut case = CaseStudy::new(
            format!("generated-case-{index:06}").parse().unwrap(),
            self.sentence(8),
            regions,
            pairing,
        );
        case.topics = topics.clone();
        case.summary = Some(self.paragraph(scale.min(4)));
        case.published = Some(published);
        case.programme = Some(Programme::new("International Urban Cooperation").with(|p| {
            p.acronym = Some("IUC".into());
            p.url = Some("https://www.iuc.eu".parse().unwrap());
            p.funded_by = Some("European Union".into());
        }));
        let kinds = [
            EventKind::Meeting,
            EventKind::StudyVisit,
            EventKind::Workshop,
            EventKind::Conference,
        ];
        case.events = (0..1 + scale)
            .map(|i| {
                let date = PartialDate::from_year_month(
                    started_year + 1 + i32::try_from(i % 2).unwrap_or(0),
                    1 + self.rng.u32(..12),
                )
                .unwrap();
                Event::new(
                    format!("event-{i}").parse().unwrap(),
                    kinds[i % kinds.len()],
                    self.sentence(5),
                    date,
                )
                .with(|e| {
                    e.regions = ids.clone();
                    e.note = Some(self.paragraph(3));
                })
            })
            .collect();
        case.challenges = (0..scale / 2)
            .map(|i| {
                Challenge::new(format!("challenge-{i}").parse().unwrap(), self.paragraph(2)).with(
                    |c| {
                        c.response = Some(self.paragraph(3));
                        c.status = Some(ChallengeStatus::Addressed);
                    },
                )
            })
            .collect();
        case.outcomes = (0..1 + scale)
            .map(|i| {
                Outcome::new(format!("outcome-{i}").parse().unwrap(), self.paragraph(3)).with(|o| {
                    o.status = Some(OutcomeStatus::Achieved);
                    o.topics = vec![topics[i % topics.len()].id.clone()];
                })
            })
            .collect();
        let funding_kinds = [
            FundingKind::EuProgramme,
            FundingKind::DevelopmentBank,
            FundingKind::National,
            FundingKind::Regional,
        ];
        case.funding_sources = (0..self.rng.usize(..=scale.min(3)))
            .map(|i| {
                FundingSource::new(
                    format!("funding-{i}").parse().unwrap(),
                    self.sentence(3),
                    funding_kinds[i % funding_kinds.len()],
                    FundingStatus::Applied,
                )
                .with(|f| {
                    f.amount = Some(Money::new(
                        f64::from(self.rng.u32(1_000..2_000_000)),
                        "EUR".parse().unwrap(),
                    ));
                    f.regions = vec![ids[i % ids.len()].clone()];
                })
            })
            .collect();
        case.lessons = (0..scale / 2)
            .map(|i| {
                Lesson::new(format!("lesson-{i}").parse().unwrap(), self.paragraph(3)).with(|l| {
                    l.title = Some(self.sentence(4));
                    l.themes = vec![LessonTheme::Communication];
                    l.topics = vec![topics[i % topics.len()].id.clone()];
                })
            })
            .collect();
        // One government per region, and each person works for the government of their
        // region: a person's region is their organisation's (`person-region-mismatch`).
        let government = |region: &casebook::RegionId| format!("government-{region}");
        case.organisations = case
            .regions
            .iter()
            .map(|region| {
                Organisation::new(
                    government(&region.id).parse().unwrap(),
                    format!("Government of {}", region.name),
                )
                .with(|o| {
                    o.kind = Some(OrganisationKind::Government);
                    o.region = Some(region.id.clone());
                    o.country = Some(region.country.clone());
                })
            })
            .collect();
        case.people = (0..1 + scale / 4)
            .map(|i| {
                let region = &ids[i % ids.len()];
                Person::new(
                    format!("person-{i}").parse().unwrap(),
                    format!("Officer {i}"),
                )
                .with(|p| {
                    p.role = Some("International officer".into());
                    p.organisation = Some(government(region).parse().unwrap());
                    p.region = Some(region.clone());
                    p.email = Some(format!("officer{i}@example.org").parse().unwrap());
                })
            })
            .collect();
        case.quotes = (0..scale / 4)
            .map(|i| {
                Quote::new(
                    self.sentence(12),
                    format!("person-{}", i % case.people.len()).parse().unwrap(),
                )
            })
            .collect();
        case.authors = vec!["person-0".parse().unwrap()];
        case.contacts = vec!["person-0".parse().unwrap()];
        case
    }

    /// A document as JSON: valid, or with one planted error (one of the first seven
    /// kinds of [`Generator::plant`]).
    pub fn document(&mut self, index: usize, invalid: bool) -> (Value, Option<Planted>) {
        let case = self.case_study(index);
        let mut value = serde_json::to_value(&case).unwrap();
        if !invalid {
            return (value, None);
        }
        let kind = self.rng.usize(..7);
        let planted = Self::plant(kind, &case, &mut value);
        (value, Some(planted))
    }

    /// A document as JSON with `count` independent planted errors of distinct kinds,
    /// structural and beyond the shape mixed: no planted error hides or changes the
    /// finding of another.
    pub fn document_with_errors(&mut self, index: usize, count: usize) -> (Value, Vec<Planted>) {
        let case = self.case_study(index);
        let mut value = serde_json::to_value(&case).unwrap();
        let mut kinds: Vec<usize> = (0..PLANTABLE_KINDS).collect();
        self.rng.shuffle(&mut kinds);
        let planted = kinds
            .into_iter()
            .take(count)
            .map(|kind| Self::plant(kind, &case, &mut value))
            .collect();
        (value, planted)
    }

    /// Plants one error of `kind` (below [`PLANTABLE_KINDS`]) in `value`, the JSON of
    /// `case`. Kinds 0 to 3 and 10 to 12 are beyond the shape; 4 to 9 and 13 are structural.
    /// Each touches its own values, so that any of them can be planted together.
    pub fn plant(kind: usize, case: &CaseStudy, value: &mut Value) -> Planted {
        let plant = |code: RuleCode, pointer: &str| Planted {
            code,
            pointer: pointer.to_owned(),
        };
        match kind {
            0 => {
                value["pairing"]["focus"][0] = "no-such-topic".into();
                plant(RuleCode::UnknownReference, "/pairing/focus/0")
            }
            1 => {
                value["pairing"]["languages"][0] = "qq".into();
                plant(RuleCode::UnknownLanguage, "/pairing/languages/0")
            }
            2 => {
                value["pairing"]["status"] = "concluded".into();
                value["pairing"]["ended"] = "2009".into();
                plant(RuleCode::DateOrder, "/pairing/ended")
            }
            3 => {
                value["topics"][1]["id"] = value["topics"][0]["id"].clone();
                // The topics' references to the renamed one would break too: point them
                // at the first topic, which keeps the id.
                let renamed = case.topics[1].id.to_string();
                retarget(value, &renamed, case.topics[0].id.as_str());
                plant(RuleCode::DuplicateId, "/topics/1/id")
            }
            4 => {
                value["regions"][0]["colour"] = "blue".into();
                plant(RuleCode::UnknownKey, "/regions/0")
            }
            5 => {
                value["pairing"]["kind"] = "town_to_town".into();
                plant(RuleCode::InvalidValue, "/pairing/kind")
            }
            6 => {
                value["topics"][0]["sdgs"] = serde_json::json!([18]);
                plant(RuleCode::OutOfRange, "/topics/0/sdgs/0")
            }
            7 => {
                value["events"][0]["date"] = "2017-13".into();
                plant(RuleCode::InvalidValue, "/events/0/date")
            }
            8 => {
                value["title"] = serde_json::json!(["a", "list"]);
                plant(RuleCode::WrongType, "/title")
            }
            9 => {
                value["topics"][2]
                    .as_object_mut()
                    .unwrap()
                    .shift_remove("label");
                plant(RuleCode::MissingKey, "/topics/2")
            }
            10 => {
                // Grammatical, but no country has a subdivision ending in a digit, a
                // letter and a digit.
                let country = case.regions[1].country.as_str().to_owned();
                value["regions"][1]["subdivision"] = format!("{country}-9Q9").into();
                plant(RuleCode::UnknownSubdivision, "/regions/1/subdivision")
            }
            11 => {
                value["authors"][0] = "nobody-here".into();
                plant(RuleCode::UnknownReference, "/authors/0")
            }
            12 => {
                let other = if case.regions[0].country.as_str() == "MX" {
                    "ES-CB"
                } else {
                    "MX-CHH"
                };
                value["regions"][0]["subdivision"] = other.into();
                plant(
                    RuleCode::SubdivisionCountryMismatch,
                    "/regions/0/subdivision",
                )
            }
            _ => {
                value["regions"][1]["name"] = " \t ".into();
                plant(RuleCode::BlankText, "/regions/1/name")
            }
        }
    }
}

/// How many kinds of error [`Generator::plant`] knows.
pub const PLANTABLE_KINDS: usize = 14;

/// Points every topic reference to `from` at `to`.
fn retarget(value: &mut Value, from: &str, to: &str) {
    let fix = |list: &mut Value| {
        for item in list.as_array_mut().into_iter().flatten() {
            if item == from {
                *item = to.into();
            }
        }
    };
    fix(&mut value["pairing"]["focus"]);
    for key in ["outcomes", "lessons"] {
        // `get_mut`, not indexing: indexing would insert a null for a missing key.
        let entries = value
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten();
        for entry in entries {
            if let Some(topics) = entry.get_mut("topics") {
                fix(topics);
            }
        }
    }
}
