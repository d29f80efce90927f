//! Ids are unique in their collection, every reference names an entry, the entries that
//! references join agree (an organisation's country, a person's region), and no person is
//! listed twice under two ids.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::{closest, quoted_list};
use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, Organisation, Person, Region};

/// The ids of one collection, with the index of the first entry that has each.
struct Collection<'a> {
    name: &'static str,
    ids: HashMap<&'a str, usize, RandomState>,
    /// Ids in document order, for suggestions and listings.
    ordered: Vec<&'a str>,
}

impl<'a> Collection<'a> {
    /// Indexes the ids of a collection, reporting repeats.
    fn new(
        name: &'static str,
        ids: impl Iterator<Item = &'a str>,
        findings: &mut Findings,
    ) -> Self {
        Self::at(name, "", ids, findings)
    }

    /// [`Collection::new`] for a collection that lives under `parent` (a JSON Pointer):
    /// `sub_pairings` under `/pairing`.
    fn at(
        name: &'static str,
        parent: &str,
        ids: impl Iterator<Item = &'a str>,
        findings: &mut Findings,
    ) -> Self {
        let capacity = ids.size_hint().0;
        let mut collection = Self {
            name,
            ids: HashMap::with_capacity_and_hasher(capacity, RandomState::default()),
            ordered: Vec::with_capacity(capacity),
        };
        for (index, id) in ids.enumerate() {
            match collection.ids.get(id) {
                Some(first) => findings.push(
                    RuleCode::DuplicateId,
                    format!("{parent}/{name}/{index}/id"),
                    format!(
                        "id `{id}` is already used by {parent}/{name}/{first}; ids are unique in `{name}`"
                    ),
                ),
                None => {
                    collection.ids.insert(id, index);
                    // An entry whose id was set aside has a placeholder, which no
                    // suggestion may name: a finding that showed it would be dropped.
                    if !findings.is_placeholder(id) {
                        collection.ordered.push(id);
                    }
                }
            }
        }
        collection
    }

    /// The index of the first entry with `id`: a repeated id (reported as
    /// `duplicate-id`) names its first entry.
    fn first(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Reports `id` at `pointer` when no entry has it.
    fn check(&self, id: &str, pointer: impl FnOnce() -> String, findings: &mut Findings) {
        if self.ids.contains_key(id) {
            return;
        }
        let name = self.name;
        let what = || format!("`{id}` is not the id of an entry in `{name}`");
        if !findings.accepts(RuleCode::UnknownReference) {
            // Counted, not described: the suggestion is the costly part. Where findings are
            // read before they are counted, its place and the id are still needed.
            if findings.reads_each_place() {
                findings.push(RuleCode::UnknownReference, pointer(), what());
            } else {
                findings.push(RuleCode::UnknownReference, String::new(), String::new());
            }
            return;
        }
        let hint = if self.ids.is_empty() {
            format!("`{name}` is empty")
        } else if self.ordered.is_empty() {
            format!("no entry of `{name}` has an id that reads")
        } else if let Some(near) = closest(id, self.ordered.iter().copied()) {
            format!("did you mean `{near}`?")
        } else if self.ordered.len() <= 8 {
            format!(
                "the ids in `{name}` are {}",
                quoted_list(self.ordered.iter().copied())
            )
        } else {
            format!(
                "`{name}` has {} entries, none close to it",
                self.ordered.len()
            )
        };
        findings.push(
            RuleCode::UnknownReference,
            pointer(),
            format!("{}; {hint}", what()),
        );
    }

    /// Checks every id of a list of references.
    fn check_all<T: AsRef<str>>(
        &self,
        ids: &[T],
        base: impl Fn() -> String,
        findings: &mut Findings,
    ) {
        for (index, id) in ids.iter().enumerate() {
            self.check(id.as_ref(), || format!("{}/{index}", base()), findings);
        }
    }
}

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    // The collection's name in messages and pointers is its field's name.
    macro_rules! collection {
        ($field:ident) => {
            Collection::new(
                stringify!($field),
                case.$field.iter().map(|item| item.id.as_str()),
                findings,
            )
        };
    }
    let regions = collection!(regions);
    let topics = collection!(topics);
    collection!(events);
    collection!(challenges);
    let outcomes = collection!(outcomes);
    collection!(indicators);
    collection!(proposals);
    let funding = collection!(funding_sources);
    collection!(lessons);
    let people = collection!(people);
    let organisations = collection!(organisations);
    // Nothing refers to a sub-pairing; their ids are unique all the same.
    Collection::at(
        "sub_pairings",
        "/pairing",
        case.pairing
            .sub_pairings
            .iter()
            .map(|item| item.id.as_str()),
        findings,
    );

    for (i, region) in case.regions.iter().enumerate() {
        if let Some(id) = &region.government {
            organisations.check(id.as_str(), || format!("/regions/{i}/government"), findings);
        }
        if let Some(id) = &region.parent {
            regions.check(id.as_str(), || format!("/regions/{i}/parent"), findings);
        }
    }
    regions.check_all(
        &case.pairing.regions,
        || "/pairing/regions".to_owned(),
        findings,
    );
    topics.check_all(
        &case.pairing.focus,
        || "/pairing/focus".to_owned(),
        findings,
    );
    regions.check_all(
        &case.pairing.observers,
        || "/pairing/observers".to_owned(),
        findings,
    );
    for (i, sub_pairing) in case.pairing.sub_pairings.iter().enumerate() {
        regions.check_all(
            &sub_pairing.regions,
            || format!("/pairing/sub_pairings/{i}/regions"),
            findings,
        );
        topics.check_all(
            &sub_pairing.topics,
            || format!("/pairing/sub_pairings/{i}/topics"),
            findings,
        );
    }
    for (i, event) in case.events.iter().enumerate() {
        regions.check_all(&event.regions, || format!("/events/{i}/regions"), findings);
    }
    for (i, outcome) in case.outcomes.iter().enumerate() {
        topics.check_all(
            &outcome.topics,
            || format!("/outcomes/{i}/topics"),
            findings,
        );
    }
    for (i, proposal) in case.proposals.iter().enumerate() {
        topics.check_all(
            &proposal.topics,
            || format!("/proposals/{i}/topics"),
            findings,
        );
        funding.check_all(
            &proposal.funding_sources,
            || format!("/proposals/{i}/funding_sources"),
            findings,
        );
    }
    for (i, source) in case.funding_sources.iter().enumerate() {
        regions.check_all(
            &source.regions,
            || format!("/funding_sources/{i}/regions"),
            findings,
        );
        if let Some(id) = &source.funder {
            organisations.check(
                id.as_str(),
                || format!("/funding_sources/{i}/funder"),
                findings,
            );
        }
    }
    for (i, indicator) in case.indicators.iter().enumerate() {
        if let Some(id) = &indicator.outcome {
            outcomes.check(id.as_str(), || format!("/indicators/{i}/outcome"), findings);
        }
        topics.check_all(
            &indicator.topics,
            || format!("/indicators/{i}/topics"),
            findings,
        );
        regions.check_all(
            &indicator.regions,
            || format!("/indicators/{i}/regions"),
            findings,
        );
    }
    for (i, source) in case.funding_sources.iter().enumerate() {
        for (j, share) in source.shares.iter().enumerate() {
            if let Some(id) = &share.region {
                regions.check(
                    id.as_str(),
                    || format!("/funding_sources/{i}/shares/{j}/region"),
                    findings,
                );
            }
            if let Some(id) = &share.organisation {
                organisations.check(
                    id.as_str(),
                    || format!("/funding_sources/{i}/shares/{j}/organisation"),
                    findings,
                );
            }
        }
    }
    for (i, lesson) in case.lessons.iter().enumerate() {
        topics.check_all(&lesson.topics, || format!("/lessons/{i}/topics"), findings);
    }
    for (i, person) in case.people.iter().enumerate() {
        if let Some(id) = &person.organisation {
            organisations.check(
                id.as_str(),
                || format!("/people/{i}/organisation"),
                findings,
            );
        }
        if let Some(id) = &person.region {
            regions.check(id.as_str(), || format!("/people/{i}/region"), findings);
        }
    }
    for (i, organisation) in case.organisations.iter().enumerate() {
        if let Some(id) = &organisation.region {
            regions.check(
                id.as_str(),
                || format!("/organisations/{i}/region"),
                findings,
            );
        }
    }
    for (i, quote) in case.quotes.iter().enumerate() {
        people.check(
            quote.speaker.as_str(),
            || format!("/quotes/{i}/speaker"),
            findings,
        );
    }
    people.check_all(&case.authors, || "/authors".to_owned(), findings);
    people.check_all(&case.contacts, || "/contacts".to_owned(), findings);

    // What references join agrees. A reference that names no entry was reported above and
    // is not followed; a repeated id names its first entry.
    let region_of = |id: &str| regions.first(id).and_then(|index| case.regions.get(index));
    let organisation_of = |id: &str| {
        organisations
            .first(id)
            .and_then(|index| case.organisations.get(index))
    };
    for (i, organisation) in case.organisations.iter().enumerate() {
        check_organisation_country(i, organisation, &region_of, findings);
    }
    for (i, person) in case.people.iter().enumerate() {
        check_person_region(i, person, &region_of, &organisation_of, findings);
    }
    check_duplicate_people(&case.people, findings);
}

/// An organisation's `country` is the country of its `region`. A code that is not in the
/// table (reported as `unknown-country`) is not compared.
fn check_organisation_country<'a>(
    i: usize,
    organisation: &Organisation,
    region_of: &impl Fn(&str) -> Option<&'a Region>,
    findings: &mut Findings,
) {
    let (Some(country), Some(region_id)) = (&organisation.country, &organisation.region) else {
        return;
    };
    let Some(region) = region_of(region_id.as_str()) else {
        return;
    };
    if country != &region.country && country.is_assigned() && region.country.is_assigned() {
        findings.push(
            RuleCode::OrganisationCountryMismatch,
            format!("/organisations/{i}/country"),
            format!(
                "the organisation is in `{country}`, but its region `{region_id}` is in `{}`; \
                 correct one of them, or leave out `region` for an office abroad",
                region.country
            ),
        );
    }
}

/// A person's `region` is the `region` of their `organisation`, when both have one. The
/// organisation's region is its own `region` only: `regions[].government` is not followed.
fn check_person_region<'a, 'b>(
    i: usize,
    person: &Person,
    region_of: &impl Fn(&str) -> Option<&'a Region>,
    organisation_of: &impl Fn(&str) -> Option<&'b Organisation>,
    findings: &mut Findings,
) {
    let (Some(region_id), Some(organisation_id)) = (&person.region, &person.organisation) else {
        return;
    };
    let Some(organisation) = organisation_of(organisation_id.as_str()) else {
        return;
    };
    let Some(organisation_region) = &organisation.region else {
        return;
    };
    // Both must name an entry: a broken reference is reported as `unknown-reference`.
    if region_of(region_id.as_str()).is_none() || region_of(organisation_region.as_str()).is_none()
    {
        return;
    }
    if region_id != organisation_region {
        findings.push(
            RuleCode::PersonRegionMismatch,
            format!("/people/{i}/region"),
            format!(
                "the person is in region `{region_id}`, but their organisation \
                 `{organisation_id}` is in `{organisation_region}`; correct one of them"
            ),
        );
    }
}

/// A name compared without regard to case or spacing: `Paz  DÍAZ` is `paz díaz`.
fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// No two people have the same name or e-mail under different ids. The finding is on the
/// later entry and names the earlier; a pair of people is reported once, on the name when
/// both agree.
fn check_duplicate_people(people: &[Person], findings: &mut Findings) {
    let mut names: HashMap<String, usize, RandomState> = HashMap::default();
    let mut emails: HashMap<String, usize, RandomState> = HashMap::default();
    for (j, person) in people.iter().enumerate() {
        let name = name_key(&person.name);
        let same_name = if name.is_empty() {
            None
        } else {
            match names.get(&name) {
                Some(&i) => Some(i),
                None => {
                    names.insert(name, j);
                    None
                }
            }
        };
        let same_email = person.email.as_ref().and_then(|email| {
            let key = email.as_str().to_lowercase();
            match emails.get(&key) {
                Some(&i) => Some(i),
                None => {
                    emails.insert(key, j);
                    None
                }
            }
        });
        // The same id twice is reported as `duplicate-id`.
        let earlier = |i: usize| {
            people
                .get(i)
                .filter(|other| other.id != person.id)
                .map(|other| (i, other))
        };
        let named = same_name.and_then(earlier);
        if let Some((i, other)) = named {
            findings.push(
                RuleCode::DuplicatePerson,
                format!("/people/{j}/name"),
                format!(
                    "`{}` has the same name as `{}` (/people/{i}), ignoring case and spacing; \
                     list a person once, under one id, or tell the two apart in `name`",
                    person.id, other.id
                ),
            );
        }
        if let Some((i, other)) = same_email.and_then(earlier)
            && named.is_none_or(|(named, _)| named != i)
        {
            findings.push(
                RuleCode::DuplicatePerson,
                format!("/people/{j}/email"),
                format!(
                    "`{}` has the same e-mail as `{}` (/people/{i}), ignoring case; \
                     list a person once, under one id",
                    person.id, other.id
                ),
            );
        }
    }
}
