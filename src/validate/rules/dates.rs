//! Dates are in order, with partial dates compared as the intervals they cover.
//!
//! A check of order that fails on an uncertain or approximate date (EDTF `?`, `~`, `%` on
//! either date) is a warning, never an error (format 1.1).

use crate::validate::RuleCode;
use crate::validate::{Diagnostic, Findings};
use crate::{CaseStudy, OutcomeStatus, PairingStatus, PartialDate};

/// Records a failed check of order between `dates`: with the rule's severity, or as a
/// warning that no override raises when one of them is uncertain or approximate.
fn out_of_order(
    findings: &mut Findings,
    code: RuleCode,
    pointer: String,
    message: String,
    dates: [&PartialDate; 2],
) {
    let finding = Diagnostic::new(code, pointer, message);
    if dates.iter().any(|date| date.is_uncertain_or_approximate()) {
        findings.record(finding.softened());
    } else {
        findings.record(finding);
    }
}

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    case.each_date(|date, pointer| {
        if let (Some(start), Some(end)) = (date.start(), date.end())
            && end.precedes(&start)
        {
            out_of_order(
                findings,
                RuleCode::DateOrder,
                pointer(),
                format!("the interval ends ({end}) before it starts ({start})"),
                [&start, &end],
            );
        }
    });
    let pairing = &case.pairing;
    let started = pairing.started;
    if let Some(ended) = pairing.ended
        && ended.precedes(&started)
    {
        out_of_order(
            findings,
            RuleCode::DateOrder,
            "/pairing/ended".to_owned(),
            format!("the pairing ended ({ended}) before it started ({started})"),
            [&ended, &started],
        );
    }
    for (i, sub_pairing) in pairing.sub_pairings.iter().enumerate() {
        if let (Some(started), Some(ended)) = (sub_pairing.started, sub_pairing.ended)
            && ended.precedes(&started)
        {
            out_of_order(
                findings,
                RuleCode::DateOrder,
                format!("/pairing/sub_pairings/{i}/ended"),
                format!("the sub-pairing ended ({ended}) before it started ({started})"),
                [&ended, &started],
            );
        }
    }
    for (i, outcome) in case.outcomes.iter().enumerate() {
        if outcome.status == Some(OutcomeStatus::Achieved)
            && let Some(date) = outcome.date
            && date.precedes(&started)
        {
            out_of_order(
                findings,
                RuleCode::OutcomeStatusMismatch,
                format!("/outcomes/{i}/date"),
                format!(
                    "the outcome is `achieved` and dated {date}, before the pairing started ({started}); \
                     correct the outcome's date or the pairing's `started`"
                ),
                [&date, &started],
            );
        }
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
        out_of_order(
            findings,
            RuleCode::PublishedBeforeStart,
            "/published".to_owned(),
            format!("the case study is dated {published}, before the pairing started ({started})"),
            [&published, &started],
        );
    }
    // An end before the start is `date-order`: events are not compared with it.
    let ended = pairing.ended.filter(|ended| !ended.precedes(&started));
    for (i, event) in case.events.iter().enumerate() {
        if event.date.precedes(&started) {
            out_of_order(
                findings,
                RuleCode::EventBeforeStart,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, before the pairing started ({started})",
                    event.date
                ),
                [&event.date, &started],
            );
        }
        if let Some(ended) = ended
            && event.date.follows(&ended)
        {
            out_of_order(
                findings,
                RuleCode::EventAfterEnd,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, after the pairing ended ({ended})",
                    event.date
                ),
                [&event.date, &ended],
            );
        }
        if let Some(published) = case.published
            && event.date.follows(&published)
        {
            out_of_order(
                findings,
                RuleCode::EventAfterPublished,
                format!("/events/{i}/date"),
                format!(
                    "the event is dated {}, after the case study was published ({published})",
                    event.date
                ),
                [&event.date, &published],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    #[test]
    fn every_date_key_of_the_schema_is_walked() {
        let schema = crate::schema::cached();
        let mut objects = vec![("CaseStudy", schema)];
        if let Some(defs) = schema["$defs"].as_object() {
            objects.extend(defs.iter().map(|(name, def)| (name.as_str(), def)));
        }
        let mut keys: Vec<String> = objects
            .into_iter()
            .filter_map(|(name, object)| {
                let properties = object.get("properties").and_then(Value::as_object)?;
                Some(
                    properties
                        .iter()
                        .filter(|(_, property)| {
                            property.to_string().contains("\"#/$defs/PartialDate\"")
                        })
                        .map(move |(key, _)| format!("{name}.{key}")),
                )
            })
            .flatten()
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "CaseStudy.published",
                "Event.date",
                "FundingSource.period",
                "Measurement.date",
                "Outcome.date",
                "Pairing.ended",
                "Pairing.started",
                "Source.accessed",
                "Source.published",
                "SubPairing.ended",
                "SubPairing.started"
            ],
            "a date key was added or removed: walk it in `CaseStudy::each_date`"
        );
    }
}
