//! Ids are unique in their collection, and every reference names an entry.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use super::{closest, quoted_list};
use crate::CaseStudy;
use crate::validate::Findings;
use crate::validate::RuleCode;

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
                    format!("/{name}/{index}/id"),
                    format!(
                        "id `{id}` is already used by /{name}/{first}; ids are unique in `{name}`"
                    ),
                ),
                None => {
                    collection.ids.insert(id, index);
                    collection.ordered.push(id);
                }
            }
        }
        collection
    }

    /// Reports `id` at `pointer` when no entry has it.
    fn check(&self, id: &str, pointer: impl FnOnce() -> String, findings: &mut Findings) {
        if self.ids.contains_key(id) {
            return;
        }
        if !findings.accepts(RuleCode::UnknownReference) {
            // Counted, not described: the suggestion is the costly part.
            findings.push(RuleCode::UnknownReference, String::new(), String::new());
            return;
        }
        let name = self.name;
        let hint = if self.ordered.is_empty() {
            format!("`{name}` is empty")
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
            format!("`{id}` is not the id of an entry in `{name}`; {hint}"),
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
    collection!(outcomes);
    collection!(proposals);
    let funding = collection!(funding_sources);
    collection!(lessons);
    let people = collection!(people);
    let organisations = collection!(organisations);

    for (i, region) in case.regions.iter().enumerate() {
        if let Some(id) = &region.government {
            organisations.check(id.as_str(), || format!("/regions/{i}/government"), findings);
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
}
