//! The pairing joins at least two distinct regions of the right kind, every region takes
//! part in it (as a partner, an observer, or linked by `parent` to one), observers are not
//! partners, sub-pairings join partners, `parent` links form no loop, and the pairing's
//! status agrees with its outcomes.

use super::{FastMap as HashMap, FastSet as HashSet};

use super::{quoted_list, repeats};
use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, OutcomeStatus, PairingKind, PairingStatus, Region, RegionId, RegionKind};

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
    let distinct = repeats(
        partners,
        || "/pairing/regions".to_owned(),
        "a partner",
        "each region is listed once",
        findings,
    );
    if distinct < 2 {
        findings.push(
            RuleCode::TooFewItems,
            "/pairing/regions".to_owned(),
            format!("a pairing joins at least two distinct regions, this one has {distinct}"),
        );
    }
    // The first entry of a repeated region id (reported as `duplicate-id`) counts.
    let mut by_id: HashMap<&str, &Region> =
        HashMap::with_capacity_and_hasher(case.regions.len(), Default::default());
    for region in &case.regions {
        by_id.entry(region.id.as_str()).or_insert(region);
    }
    // The partners, each once, in order; `None` when a partner names no region (reported
    // as `unknown-reference`).
    let resolved: Option<Vec<&Region>> = {
        let mut listed = HashSet::default();
        partners
            .iter()
            .filter(|id| listed.insert(id.as_str()))
            .map(|id| by_id.get(id.as_str()).copied())
            .collect()
    };
    if case.pairing.kind == PairingKind::CityToCity {
        let mut listed = HashSet::default();
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
    check_observers(case, findings);
    // Quiet while the partners are in doubt: a partner that names no region is often a
    // typo of the region that would be reported here, and `unknown-reference` already
    // points at it with a suggestion.
    check_sub_pairings(case, &by_id, resolved.is_some(), findings);
    // Likewise for observers and parents: each may be the unpaired region misspelt.
    let observers_resolve = case
        .pairing
        .observers
        .iter()
        .all(|id| by_id.contains_key(id.as_str()));
    let parents_resolve = case
        .regions
        .iter()
        .filter_map(|region| region.parent.as_ref())
        .all(|id| by_id.contains_key(id.as_str()));
    if let Some(resolved) = &resolved
        && resolved.len() >= 2
        && observers_resolve
        && parents_resolve
    {
        check_unpaired(case, resolved, &by_id, findings);
    }
    check_parent_cycles(case, &by_id, findings);
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
        // An `achieved` outcome dated before `pairing.started` is reported in `dates`.
    }
}

/// Observers are listed once, and none is also a partner.
fn check_observers(case: &CaseStudy, findings: &mut Findings) {
    let observers = &case.pairing.observers;
    repeats(
        observers,
        || "/pairing/observers".to_owned(),
        "an observer",
        "each region is listed once",
        findings,
    );
    let partners: HashSet<&str> = case.pairing.regions.iter().map(RegionId::as_str).collect();
    let mut reported = HashSet::default();
    for (j, id) in observers.iter().enumerate() {
        if partners.contains(id.as_str()) && reported.insert(id.as_str()) {
            findings.push(
                RuleCode::ObserverIsPartner,
                format!("/pairing/observers/{j}"),
                format!(
                    "`{id}` is a partner in `pairing.regions` and an observer; an observer \
                     follows the cooperation without being a partner, so remove it from one of the two lists"
                ),
            );
        }
    }
}

/// Each sub-pairing joins at least two distinct regions, each a partner of the pairing.
/// A region that names no entry is left to `unknown-reference`; and while a partner of
/// the pairing names no entry (`partners_resolve` is false), no region is called an
/// outsider, since the partner may be that region misspelt.
fn check_sub_pairings(
    case: &CaseStudy,
    by_id: &HashMap<&str, &Region>,
    partners_resolve: bool,
    findings: &mut Findings,
) {
    let partners: HashSet<&str> = case.pairing.regions.iter().map(RegionId::as_str).collect();
    for (i, sub_pairing) in case.pairing.sub_pairings.iter().enumerate() {
        let base = || format!("/pairing/sub_pairings/{i}/regions");
        repeats(
            &sub_pairing.regions,
            base,
            "in this sub-pairing",
            "each region is listed once",
            findings,
        );
        // As the schema's `minItems` says it: a repeat is `duplicate-item`.
        if sub_pairing.regions.len() < 2 {
            findings.push(
                RuleCode::TooFewItems,
                base(),
                format!(
                    "a sub-pairing joins at least two regions, this one has {}",
                    sub_pairing.regions.len()
                ),
            );
        }
        if !partners_resolve {
            continue;
        }
        let mut listed = HashSet::default();
        for (j, id) in sub_pairing.regions.iter().enumerate() {
            let id = id.as_str();
            if listed.insert(id) && by_id.contains_key(id) && !partners.contains(id) {
                let observer = case.pairing.observers.iter().any(|o| o.as_str() == id);
                findings.push(
                    RuleCode::SubPairingOutsidePairing,
                    format!("{}/{j}", base()),
                    format!(
                        "region `{id}` is {} of the pairing; a sub-pairing joins partners \
                         in `pairing.regions`: add it there, or remove it from the sub-pairing",
                        if observer {
                            "an observer, not a partner,"
                        } else {
                            "not a partner"
                        }
                    ),
                );
            }
        }
    }
}

/// The parent of each region id that has one naming an entry (the first entry of a
/// repeated id counts).
fn parents<'a>(
    case: &'a CaseStudy,
    by_id: &HashMap<&str, &'a Region>,
) -> HashMap<&'a str, &'a str> {
    let mut parents = HashMap::default();
    for region in &case.regions {
        let id = region.id.as_str();
        let first = by_id
            .get(id)
            .is_some_and(|first| std::ptr::eq(*first, region));
        if let Some(parent) = &region.parent
            && first
            && by_id.contains_key(parent.as_str())
        {
            parents.insert(id, parent.as_str());
        }
    }
    parents
}

/// Following `parent` never comes back to where it started: one finding per loop, on the
/// `parent` of its region listed first.
fn check_parent_cycles(case: &CaseStudy, by_id: &HashMap<&str, &Region>, findings: &mut Findings) {
    let parents = parents(case, by_id);
    if parents.is_empty() {
        return;
    }
    let mut index: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(case.regions.len(), Default::default());
    for (i, region) in case.regions.iter().enumerate() {
        index.entry(region.id.as_str()).or_insert(i);
    }
    // Each id is walked once: `done` holds the ids of finished walks, `path` the current one.
    let mut done: HashSet<&str> =
        HashSet::with_capacity_and_hasher(parents.len(), Default::default());
    for region in &case.regions {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::default();
        let mut here = Some(region.id.as_str());
        while let Some(id) = here {
            if done.contains(id) {
                break;
            }
            if let Some(&start) = on_path.get(id) {
                let Some(cycle) = path.get(start..) else {
                    break;
                };
                report_cycle(cycle, &index, findings);
                break;
            }
            on_path.insert(id, path.len());
            path.push(id);
            here = parents.get(id).copied();
        }
        done.extend(path);
    }
}

fn report_cycle(cycle: &[&str], index: &HashMap<&str, usize>, findings: &mut Findings) {
    // Told from the region listed first.
    let Some(first) = (0..cycle.len()).min_by_key(|&k| {
        cycle
            .get(k)
            .and_then(|id| index.get(id))
            .copied()
            .unwrap_or(usize::MAX)
    }) else {
        return;
    };
    let ordered: Vec<&str> = cycle
        .iter()
        .cycle()
        .skip(first)
        .take(cycle.len())
        .copied()
        .collect();
    let Some((&start, Some(&at))) = ordered.first().map(|id| (id, index.get(id))) else {
        return;
    };
    let message = if ordered.len() == 1 {
        format!(
            "region `{start}` is its own parent; a region lies in another one, or has no `parent`"
        )
    } else {
        let mut walk: Vec<String> = ordered.iter().map(|id| format!("`{id}`")).collect();
        walk.push(format!("`{start}`"));
        format!(
            "following `parent` from `{start}` comes back to it: {}; one of these links is wrong",
            walk.join(" → ")
        )
    };
    findings.push(
        RuleCode::RegionParentCycle,
        format!("/regions/{at}/parent"),
        message,
    );
}

/// Every region in `regions` is one of the `partners`, an observer, or linked by `parent`
/// (in either direction, through any number of links) to one of them.
fn check_unpaired(
    case: &CaseStudy,
    partners: &[&Region],
    by_id: &HashMap<&str, &Region>,
    findings: &mut Findings,
) {
    // The parent links, both ways.
    let mut linked: HashMap<&str, Vec<&str>> = HashMap::default();
    for (child, parent) in parents(case, by_id) {
        linked.entry(child).or_default().push(parent);
        linked.entry(parent).or_default().push(child);
    }
    let mut accounted: HashSet<&str> =
        HashSet::with_capacity_and_hasher(case.regions.len(), Default::default());
    let mut queue: Vec<&str> = partners
        .iter()
        .map(|region| region.id.as_str())
        .chain(case.pairing.observers.iter().map(RegionId::as_str))
        .collect();
    while let Some(id) = queue.pop() {
        if accounted.insert(id) {
            queue.extend(linked.get(id).into_iter().flatten().copied());
        }
    }
    let listing = if partners.len() <= 8 {
        format!(
            "the partners are {}",
            quoted_list(partners.iter().map(|region| region.id.as_str()))
        )
    } else {
        format!("the pairing has {} partners", partners.len())
    };
    // A repeated id is reported once, on its first entry (the repeat is `duplicate-id`).
    let mut seen = HashSet::default();
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
