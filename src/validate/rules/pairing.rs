//! The pairing joins at least two distinct regions of the right kind.

use std::collections::HashMap;

use super::quoted_list;
use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, PairingKind};

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
    if case.pairing.kind == PairingKind::CityToCity {
        let by_id: HashMap<&str, &crate::Region> = case
            .regions
            .iter()
            .map(|region| (region.id.as_str(), region))
            .collect();
        let mut listed = std::collections::HashSet::new();
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
}
