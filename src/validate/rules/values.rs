//! Text is not blank; numbers are in range; lists that forbid repeats have none.

use std::collections::HashSet;

use crate::CaseStudy;
use crate::validate::Findings;
use crate::validate::RuleCode;

fn is_blank(text: &str) -> bool {
    !crate::codes::is_not_blank(text)
}

/// Reports `text` at `pointer` when it is empty or only whitespace.
fn text(findings: &mut Findings, text: &str, pointer: impl FnOnce() -> String) {
    if is_blank(text) {
        findings.push(
            RuleCode::BlankText,
            pointer(),
            "text is empty or only whitespace; write something or leave the key out".to_owned(),
        );
    }
}

/// [`text`] for an optional field.
fn optional(findings: &mut Findings, value: Option<&String>, pointer: impl FnOnce() -> String) {
    if let Some(value) = value {
        text(findings, value, pointer);
    }
}

/// An amount is a finite number of 0 or more.
fn money(findings: &mut Findings, amount: &crate::Money, pointer: impl FnOnce() -> String) {
    if !(amount.value.is_finite() && amount.value >= 0.0) {
        findings.push(
            RuleCode::OutOfRange,
            pointer(),
            format!(
                "an amount is a finite number of 0 or more, not {}",
                amount.value
            ),
        );
    }
}

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    extensions_depth(case, findings);
    let f = findings;
    optional(f, case.schema.as_ref(), || "/$schema".to_owned());
    text(f, &case.title, || "/title".to_owned());
    optional(f, case.summary.as_ref(), || "/summary".to_owned());
    optional(f, case.disclaimer.as_ref(), || "/disclaimer".to_owned());
    if let Some(programme) = &case.programme {
        text(f, &programme.name, || "/programme/name".to_owned());
        optional(f, programme.acronym.as_ref(), || {
            "/programme/acronym".to_owned()
        });
        optional(f, programme.funded_by.as_ref(), || {
            "/programme/funded_by".to_owned()
        });
        optional(f, programme.description.as_ref(), || {
            "/programme/description".to_owned()
        });
    }
    for (i, region) in case.regions.iter().enumerate() {
        text(f, &region.name, || format!("/regions/{i}/name"));
        coordinates(f, region.coordinates.as_ref(), || {
            format!("/regions/{i}/coordinates")
        });
        for (j, identifier) in region.identifiers.iter().enumerate() {
            text(f, &identifier.id, || {
                format!("/regions/{i}/identifiers/{j}/id")
            });
            if !identifier.scheme.accepts(&identifier.id) && !is_blank(&identifier.id) {
                f.push(
                    RuleCode::InvalidValue,
                    format!("/regions/{i}/identifiers/{j}/id"),
                    format!(
                        "`{}` is not in the form of {} ids; expected {}",
                        identifier.id,
                        identifier.scheme.register(),
                        identifier.scheme.grammar()
                    ),
                );
            }
        }
        match region.population {
            Some(0) => f.push(
                RuleCode::OutOfRange,
                format!("/regions/{i}/population"),
                "a population is greater than 0; leave the key out when it is not known",
            ),
            Some(people) if people > crate::model::number::MAX_WHOLE => f.push(
                RuleCode::OutOfRange,
                format!("/regions/{i}/population"),
                format!(
                    "a population is at most {} (the largest whole number every JSON reader holds exactly); {people} is more",
                    crate::model::number::MAX_WHOLE
                ),
            ),
            _ => {}
        }
    }
    for (i, channel) in case.pairing.channels.iter().enumerate() {
        optional(f, channel.tool.as_ref(), || {
            format!("/pairing/channels/{i}/tool")
        });
        optional(f, channel.note.as_ref(), || {
            format!("/pairing/channels/{i}/note")
        });
    }
    for (i, topic) in case.topics.iter().enumerate() {
        text(f, &topic.label, || format!("/topics/{i}/label"));
        optional(f, topic.description.as_ref(), || {
            format!("/topics/{i}/description")
        });
        let mut seen = HashSet::new();
        for (j, &goal) in topic.sdgs.iter().enumerate() {
            if !(1..=17).contains(&goal) {
                f.push(
                    RuleCode::OutOfRange,
                    format!("/topics/{i}/sdgs/{j}"),
                    format!("{goal} is not a Sustainable Development Goal; the goals are numbered 1 to 17"),
                );
            } else if !seen.insert(goal) {
                f.push(
                    RuleCode::DuplicateItem,
                    format!("/topics/{i}/sdgs/{j}"),
                    format!("SDG {goal} is listed twice"),
                );
            }
        }
    }
    for (i, event) in case.events.iter().enumerate() {
        text(f, &event.title, || format!("/events/{i}/title"));
        optional(f, event.place.as_ref(), || format!("/events/{i}/place"));
        optional(f, event.note.as_ref(), || format!("/events/{i}/note"));
        coordinates(f, event.coordinates.as_ref(), || {
            format!("/events/{i}/coordinates")
        });
    }
    for (i, challenge) in case.challenges.iter().enumerate() {
        text(f, &challenge.text, || format!("/challenges/{i}/text"));
        optional(f, challenge.response.as_ref(), || {
            format!("/challenges/{i}/response")
        });
    }
    for (i, outcome) in case.outcomes.iter().enumerate() {
        text(f, &outcome.text, || format!("/outcomes/{i}/text"));
    }
    for (i, proposal) in case.proposals.iter().enumerate() {
        text(f, &proposal.title, || format!("/proposals/{i}/title"));
        optional(f, proposal.note.as_ref(), || format!("/proposals/{i}/note"));
    }
    for (i, source) in case.funding_sources.iter().enumerate() {
        text(f, &source.name, || format!("/funding_sources/{i}/name"));
        optional(f, source.note.as_ref(), || {
            format!("/funding_sources/{i}/note")
        });
        if let Some(amount) = &source.amount {
            money(f, amount, || format!("/funding_sources/{i}/amount/value"));
        }
        for (j, share) in source.shares.iter().enumerate() {
            money(f, &share.amount, || {
                format!("/funding_sources/{i}/shares/{j}/amount/value")
            });
            optional(f, share.note.as_ref(), || {
                format!("/funding_sources/{i}/shares/{j}/note")
            });
        }
    }
    for (i, indicator) in case.indicators.iter().enumerate() {
        text(f, &indicator.name, || format!("/indicators/{i}/name"));
        text(f, &indicator.unit, || format!("/indicators/{i}/unit"));
        for (place, measurement) in indicator.measurements() {
            optional(f, measurement.note.as_ref(), || {
                format!("/indicators/{i}{place}/note")
            });
        }
    }
    for (i, lesson) in case.lessons.iter().enumerate() {
        text(f, &lesson.text, || format!("/lessons/{i}/text"));
        optional(f, lesson.title.as_ref(), || format!("/lessons/{i}/title"));
    }
    for (i, person) in case.people.iter().enumerate() {
        text(f, &person.name, || format!("/people/{i}/name"));
        optional(f, person.role.as_ref(), || format!("/people/{i}/role"));
    }
    for (i, organisation) in case.organisations.iter().enumerate() {
        text(f, &organisation.name, || format!("/organisations/{i}/name"));
        let roles: Vec<&str> = organisation
            .roles
            .iter()
            .map(|role| role.as_str())
            .collect();
        super::repeats(
            &roles,
            || format!("/organisations/{i}/roles"),
            "a role",
            "each role is listed once",
            f,
        );
    }
    for (i, sub_pairing) in case.pairing.sub_pairings.iter().enumerate() {
        optional(f, sub_pairing.note.as_ref(), || {
            format!("/pairing/sub_pairings/{i}/note")
        });
    }
    for (i, quote) in case.quotes.iter().enumerate() {
        text(f, &quote.text, || format!("/quotes/{i}/text"));
        optional(f, quote.context.as_ref(), || format!("/quotes/{i}/context"));
        optional(f, quote.translation.as_ref(), || {
            format!("/quotes/{i}/translation")
        });
    }
    for (i, source) in case.sources.iter().enumerate() {
        optional(f, source.title.as_ref(), || format!("/sources/{i}/title"));
        optional(f, source.publisher.as_ref(), || {
            format!("/sources/{i}/publisher")
        });
    }
    for (language, texts) in &case.translations {
        for (pointer, translation) in texts {
            text(f, translation, || {
                let mut at = format!("/translations/{language}");
                crate::pointer::push_token(&mut at, pointer);
                at
            });
        }
    }
}

/// Reports a latitude outside -90..90 or a longitude outside -180..180.
fn coordinates(
    findings: &mut Findings,
    point: Option<&crate::Coordinates>,
    pointer: impl Fn() -> String,
) {
    let Some(point) = point else {
        return;
    };
    for (key, value, limit) in [("lat", point.lat, 90.0), ("lon", point.lon, 180.0)] {
        if !(-limit..=limit).contains(&value) {
            findings.push(
                RuleCode::OutOfRange,
                format!("{}/{key}", pointer()),
                format!("{value} is out of range; the value is from -{limit} to {limit}"),
            );
        }
    }
}

/// `extensions` nested deeper than every syntax reads back: what the writers refuse, so that
/// a document without errors is always written back (converted, or loaded by a binding).
fn extensions_depth(case: &CaseStudy, findings: &mut Findings) {
    if let Some(too_deep) = crate::format::writable::too_deep(&case.extensions) {
        findings.push(
            RuleCode::ExtensionsTooDeep,
            too_deep.pointer,
            format!(
                "values inside `extensions` nest at most {} levels deep, so that every syntax reads them back, and this one is deeper; flatten it, or keep it as text",
                crate::format::MAX_EXTENSION_DEPTH
            ),
        );
    }
}
