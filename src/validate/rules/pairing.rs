//! The pairing joins at least two distinct regions of the right kind, every region takes
//! part in it, and its status agrees with its outcomes.

use std::collections::{HashMap, HashSet};

use super::quoted_list;
use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, OutcomeStatus, PairingKind, PairingStatus, Region, RegionKind};

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    if case.regions.len() < 2 {
        findings.push(
            RuleCode::TooFewItems,
            "/regions".to_owned(),
            format!(
                "a case study has at least two regions, this one has {}",
                case.regions.len()
            ),
        );
    }
    let partners = &case.pairing.regions;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (j, id) in partners.iter().enumerate() {
        if let Some(first) = seen.insert(id.as_str(), j) {
            findings.push(
                RuleCode::DuplicateItem,
                format!("/pairing/regions/{j}"),
                format!("`{id}` is already a partner at /pairing/regions/{first}; each region is listed once"),
            );
        }
    }
    if seen.len() < 2 {
        findings.push(
            RuleCode::TooFewItems,
            "/pairing/regions".to_owned(),
            format!(
                "a pairing joins at least two distinct regions, this one has {}",
                seen.len()
            ),
        );
    }
    // The first entry of a repeated region id (reported as `duplicate-id`) counts.
    let mut by_id: HashMap<&str, &Region> = HashMap::with_capacity(case.regions.len());
    for region in &case.regions {
        by_id.entry(region.id.as_str()).or_insert(region);
    }
    // The partners, each once, in order; `None` when a partner names no region (reported
    // as `unknown-reference`).
    let resolved: Option<Vec<&Region>> = {
        let mut listed = HashSet::new();
        partners
            .iter()
            .filter(|id| listed.insert(id.as_str()))
            .map(|id| by_id.get(id.as_str()).copied())
            .collect()
    };
    if case.pairing.kind == PairingKind::CityToCity {
        let mut listed = HashSet::new();
        let not_urban: Vec<String> = partners
            .iter()
            .filter(|id| listed.insert(id.as_str()))
            .filter_map(|id| by_id.get(id.as_str()))
            .filter(|region| !region.kind.is_urban())
            .map(|region| format!("{} ({})", region.id, region.kind))
            .collect();
        if !not_urban.is_empty() {
            findings.push(
                RuleCode::CityPairingKind,
                "/pairing/kind".to_owned(),
                format!(
                    "a `city_to_city` pairing joins cities, municipalities or metropolitan areas, but it joins {}; \
                     use `region_to_region` or `other`",
                    quoted_list(not_urban.iter().map(String::as_str))
                ),
            );
        }
    }
    if case.pairing.kind == PairingKind::RegionToRegion
        && let Some(resolved) = &resolved
        && resolved.len() >= 2
        && resolved
            .iter()
            .all(|region| matches!(region.kind, RegionKind::City | RegionKind::Municipality))
    {
        let cities: Vec<String> = resolved
            .iter()
            .map(|region| format!("{} ({})", region.id, region.kind))
            .collect();
        findings.push(
            RuleCode::RegionPairingKind,
            "/pairing/kind".to_owned(),
            format!(
                "every partner of this `region_to_region` pairing is a city or municipality: {}; \
                 use `city_to_city`",
                quoted_list(cities.iter().map(String::as_str))
            ),
        );
    }
    // Quiet while the partners are in doubt: a partner that names no region is often a
    // typo of the region that would be reported here, and `unknown-reference` already
    // points at it with a suggestion.
    if let Some(resolved) = &resolved
        && resolved.len() >= 2
    {
        check_unpaired(case, resolved, findings);
    }
    if case.pairing.status == PairingStatus::Planned {
        for (i, outcome) in case.outcomes.iter().enumerate() {
            if outcome.status == Some(OutcomeStatus::Achieved) {
                findings.push(
                    RuleCode::OutcomeStatusMismatch,
                    format!("/outcomes/{i}/status"),
                    "the outcome is `achieved`, but the pairing is still `planned`; \
                     set the pairing's status to `active` or `concluded`, or the outcome's to `planned`"
                        .to_owned(),
                );
            }
        }
        // Format 1.1 adds `Outcome.date`: an `achieved` outcome dated before
        // `pairing.started` is reported too (in `dates`), once the model has the key.
    }
}

/// Every region in `regions` is one of the `partners`. Format 1.1 also accounts for
/// observers (`pairing.observers`) and for regions linked by `parent` (in either
/// direction) to a partner or an observer: when the model has those keys, add them to
/// `accounted` here.
fn check_unpaired(case: &CaseStudy, partners: &[&Region], findings: &mut Findings) {
    let accounted: HashSet<&str> = partners.iter().map(|region| region.id.as_str()).collect();
    let listing = if partners.len() <= 8 {
        format!(
            "the partners are {}",
            quoted_list(partners.iter().map(|region| region.id.as_str()))
        )
    } else {
        format!("the pairing has {} partners", partners.len())
    };
    // A repeated id is reported once, on its first entry (the repeat is `duplicate-id`).
    let mut seen = HashSet::new();
    for (i, region) in case.regions.iter().enumerate() {
        let id = region.id.as_str();
        if seen.insert(id) && !accounted.contains(id) {
            findings.push(
                RuleCode::UnpairedRegion,
                format!("/regions/{i}/id"),
                format!(
                    "region `{id}` is not a partner in `pairing.regions` ({listing}); \
                     add it there, or remove it from `regions`"
                ),
            );
        }
    }
}
