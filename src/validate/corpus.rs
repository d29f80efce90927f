//! Checks across case studies: what no single document can show.

use std::collections::BTreeMap;

use super::{Diagnostic, RuleCode};
use crate::{CaseStudy, Region};

/// How many other sources a `duplicate-case-study-id` finding names.
const MAX_NAMED: usize = 5;

/// One case study of a corpus, with the name it is reported under (a file name, or a
/// file name and line for a `.jsonl` file).
#[derive(Debug, Clone, Copy)]
pub struct CorpusEntry<'a> {
    /// Where the case study comes from.
    pub source: &'a str,
    /// The case study.
    pub case: &'a CaseStudy,
}

/// A finding of the checks across case studies, for the entry at `entry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusFinding {
    /// The index of the entry the finding is about, in the slice given to
    /// [`check_corpus`].
    pub entry: usize,
    /// The finding, with its pointer in that entry (no position: the caller places it).
    pub diagnostic: Diagnostic,
}

/// What makes two descriptions of a region the same region.
fn identity(region: &Region) -> String {
    let optional = |value: Option<&str>| value.unwrap_or("none").to_owned();
    format!(
        "kind {}, country {}, subdivision {}, nuts {}",
        region.kind,
        region.country,
        optional(region.subdivision.as_ref().map(|code| code.as_str())),
        optional(region.nuts.as_ref().map(|code| code.as_str())),
    )
}

/// What the checks across case studies need of one case study: its id and how it
/// describes each region. Small, so that it can be taken in parallel and the case study
/// dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusKeys {
    id: String,
    /// `(region id, description)` in document order.
    regions: Vec<(String, String)>,
}

impl CorpusKeys {
    /// The keys of a case study.
    pub fn of(case: &CaseStudy) -> Self {
        Self {
            id: case.id.to_string(),
            regions: case
                .regions
                .iter()
                .map(|region| (region.id.to_string(), identity(region)))
                .collect(),
        }
    }
}

/// The checks across case studies, fed one case study at a time. It keeps only what the
/// checks need (ids and region descriptions), not the case studies, so a corpus of any
/// size can stream through it.
#[derive(Debug, Default)]
pub struct CorpusChecker {
    sources: Vec<String>,
    /// The entries that use each case-study id.
    case_ids: BTreeMap<String, Vec<usize>>,
    /// The first description of each region id, and the entry it was met in.
    regions: BTreeMap<String, (String, usize)>,
    conflicts: Vec<CorpusFinding>,
}

impl CorpusChecker {
    /// An empty corpus.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a case study from `source`; returns its entry index.
    pub fn add(&mut self, source: impl Into<String>, case: &CaseStudy) -> usize {
        self.add_keys(source, CorpusKeys::of(case))
    }

    /// Adds the keys of a case study from `source`; returns its entry index.
    pub fn add_keys(&mut self, source: impl Into<String>, keys: CorpusKeys) -> usize {
        let index = self.sources.len();
        let source = source.into();
        self.case_ids.entry(keys.id).or_default().push(index);
        for (position, (region, described)) in keys.regions.into_iter().enumerate() {
            match self.regions.get(&region) {
                None => {
                    self.regions.insert(region, (described, index));
                }
                Some((earlier, first))
                    if *earlier != described && self.sources.get(*first) != Some(&source) =>
                {
                    let first_source = self.sources.get(*first).map_or("", String::as_str);
                    self.conflicts.push(CorpusFinding {
                        entry: index,
                        diagnostic: Diagnostic::new(
                            RuleCode::RegionConflict,
                            format!("/regions/{position}"),
                            format!(
                                "region `{region}` is {described} here, but {earlier} in {first_source}; \
                                 use one description, or another id for another region"
                            ),
                        ),
                    });
                }
                Some(_) => {}
            }
        }
        self.sources.push(source);
        index
    }

    /// The name an entry was added under.
    pub fn source(&self, entry: usize) -> Option<&str> {
        self.sources.get(entry).map(String::as_str)
    }

    /// Every finding, in the order of the entries.
    pub fn finish(self) -> Vec<CorpusFinding> {
        let mut findings = self.conflicts;
        for (id, users) in self.case_ids.iter().filter(|(_, users)| users.len() > 1) {
            for &index in users {
                let others: Vec<&str> = users
                    .iter()
                    .filter(|&&other| other != index)
                    .filter_map(|&other| self.sources.get(other).map(String::as_str))
                    .collect();
                let mut named = others
                    .iter()
                    .take(MAX_NAMED)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ");
                if others.len() > MAX_NAMED {
                    named.push_str(&format!(" and {} more", others.len() - MAX_NAMED));
                }
                findings.push(CorpusFinding {
                    entry: index,
                    diagnostic: Diagnostic::new(
                        RuleCode::DuplicateCaseStudyId,
                        "/id",
                        format!(
                            "case study id `{id}` is also used by {named}; give each case study its own id"
                        ),
                    ),
                });
            }
        }
        findings.sort_by_key(|finding| finding.entry);
        findings
    }
}

/// Runs the checks across case studies: a case-study id used twice
/// (`duplicate-case-study-id`, reported in every entry that has it, naming the others)
/// and a region id described differently (`region-conflict`, reported where the
/// description differs from the first one met). Entries are compared in the order given,
/// so sort them (by path, say) for a stable result.
///
/// ```
/// use casebook::validate::{CorpusEntry, RuleCode, check_corpus};
///
/// let case = casebook::from_path("examples/data/cantabria-chihuahua.json")?;
/// let copy = case.clone();
/// let entries = [
///     CorpusEntry { source: "a.json", case: &case },
///     CorpusEntry { source: "b.json", case: &copy },
/// ];
/// let findings = check_corpus(&entries);
/// assert_eq!(findings.len(), 2);
/// assert_eq!(findings[0].diagnostic.code, RuleCode::DuplicateCaseStudyId);
/// assert!(findings[0].diagnostic.message.contains("b.json"));
/// # Ok::<(), casebook::Error>(())
/// ```
pub fn check_corpus(entries: &[CorpusEntry<'_>]) -> Vec<CorpusFinding> {
    let mut checker = CorpusChecker::new();
    for entry in entries {
        checker.add(entry.source, entry.case);
    }
    checker.finish()
}
