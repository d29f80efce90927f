//! Programme profiles: checks a programme adds to the format's.

use std::collections::HashMap;

use crate::CaseStudy;
use crate::validate::Findings;
use crate::validate::RuleCode;

/// The `iuc` profile: an EU partner and a partner outside the EU.
///
/// Membership is taken as of `pairing.started`. A partial date covers several days, and a
/// country can join or leave in between (the United Kingdom left on 1 February 2020), so a
/// partner counts as inside the EU when its country was a member on the first or the last
/// day the date covers, and as outside when it was not a member on one of them: the rule
/// fails only when it certainly fails.
pub(crate) fn iuc(case: &CaseStudy, findings: &mut Findings) {
    let started = case.pairing.started;
    let days = [started.earliest(), started.latest()];
    let by_id: HashMap<&str, &crate::Region> =
        case.regions.iter().map(|r| (r.id.as_str(), r)).collect();
    let countries: Vec<&crate::CountryCode> = case
        .pairing
        .regions
        .iter()
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|region| &region.country)
        .collect();
    let inside = countries
        .iter()
        .any(|country| days.iter().any(|&day| country.is_eu_member_on(day)));
    let outside = countries
        .iter()
        .any(|country| days.iter().any(|&day| !country.is_eu_member_on(day)));
    let missing = match (inside, outside) {
        (true, true) => return,
        (false, _) => "in an EU member state",
        (true, false) => "outside the EU",
    };
    findings.push(
        RuleCode::IucPartners,
        "/pairing/regions".to_owned(),
        format!("an IUC pairing joins EU and non-EU regions, but this one has no partner {missing} as of {started}"),
    );
}
