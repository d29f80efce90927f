//! Dates are in order, with partial dates compared as the intervals they cover.

use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, PairingStatus};

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    let pairing = &case.pairing;
    let started = pairing.started;
    if let Some(ended) = pairing.ended
        && ended.precedes(&started)
    {
        findings.push(
            RuleCode::DateOrder,
            "/pairing/ended".to_owned(),
            format!("the pairing ended ({ended}) before it started ({started})"),
        );
    }
    match (pairing.status, pairing.ended) {
        (PairingStatus::Concluded, None) => findings.push(
            RuleCode::StatusDateMismatch,
            "/pairing/status".to_owned(),
            "a `concluded` pairing needs `ended`; add the end date or change the status".to_owned(),
        ),
        (status @ (PairingStatus::Active | PairingStatus::Planned), Some(ended)) => findings.push(
            RuleCode::StatusDateMismatch,
            "/pairing/ended".to_owned(),
            format!("an `{status}` pairing has no end date, but `ended` is {ended}; remove it or set the status to `concluded`"),
        ),
        _ => {}
    }
    if let Some(published) = case.published
        && published.precedes(&started)
    {
        findings.push(
            RuleCode::PublishedBeforeStart,
            "/published".to_owned(),
            format!("the case study is dated {published}, before the pairing started ({started})"),
        );
    }
    // An end before the start is `date-order`: events are not compared with it.
    let ended = pairing.ended.filter(|ended| !ended.precedes(&started));
    for (i, event) in case.events.iter().enumerate() {
        if event.date.precedes(&started) {
            findings.push(
                RuleCode::EventBeforeStart,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, before the pairing started ({started})",
                    event.date
                ),
            );
        }
        if let Some(ended) = ended
            && event.date.follows(&ended)
        {
            findings.push(
                RuleCode::EventAfterEnd,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, after the pairing ended ({ended})",
                    event.date
                ),
            );
        }
        if let Some(published) = case.published
            && event.date.follows(&published)
        {
            findings.push(
                RuleCode::EventAfterPublished,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, after the case study was published ({published})",
                    event.date
                ),
            );
        }
    }
}
