//! Checks across case studies: what no single document can show.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

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

/// A 128-bit fingerprint of an id: what the checker keeps instead of the id's text, so
/// that its memory grows by a few bytes a case study. Two SipHash-1-3 digests under
/// different prefixes; two different ids share a fingerprint with a chance near 2^-128
/// per pair, far below that of a memory error.
fn fingerprint(text: &str) -> u128 {
    let half = |salt: u8| {
        let mut hasher = std::hash::DefaultHasher::new();
        salt.hash(&mut hasher);
        text.hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(1)) << 64) | u128::from(half(2))
}

/// An entry's index as the checker keeps it.
type Entry = u32;

/// The checks across case studies, fed one case study at a time. It keeps only what the
/// checks need, compactly: a fingerprint of each case-study id and region id (the text
/// only of an id met twice), each distinct region description once, and the names of
/// the sources. A corpus of any size can stream through it.
#[derive(Debug, Default)]
pub struct CorpusChecker {
    sources: Vec<String>,
    /// The first entry that uses each case-study id.
    case_ids: HashMap<u128, Entry>,
    /// The ids used more than once: the text, and every entry that uses it.
    repeated_ids: HashMap<u128, (String, Vec<Entry>)>,
    /// The first description of each region id (an index into `descriptions`), and the
    /// entry it was met in.
    regions: HashMap<u128, (u32, Entry)>,
    /// Each distinct region description, once: there are far fewer than regions.
    descriptions: Vec<String>,
    description_index: HashMap<String, u32>,
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

    fn describe(&mut self, described: String) -> u32 {
        if let Some(&index) = self.description_index.get(&described) {
            return index;
        }
        let index = u32::try_from(self.descriptions.len()).unwrap_or(u32::MAX);
        self.descriptions.push(described.clone());
        self.description_index.insert(described, index);
        index
    }

    /// Adds the keys of a case study from `source`; returns its entry index.
    pub fn add_keys(&mut self, source: impl Into<String>, keys: CorpusKeys) -> usize {
        let index = self.sources.len();
        let entry = Entry::try_from(index).unwrap_or(Entry::MAX);
        let source = source.into();
        let id = fingerprint(&keys.id);
        match self.case_ids.get(&id) {
            None => {
                self.case_ids.insert(id, entry);
            }
            Some(&first) => {
                self.repeated_ids
                    .entry(id)
                    .or_insert_with(|| (keys.id, vec![first]))
                    .1
                    .push(entry);
            }
        }
        for (position, (region, described)) in keys.regions.into_iter().enumerate() {
            let region_id = fingerprint(&region);
            let Some(&(earlier, first)) = self.regions.get(&region_id) else {
                let description = self.describe(described);
                self.regions.insert(region_id, (description, entry));
                continue;
            };
            let earlier = self
                .descriptions
                .get(earlier as usize)
                .map_or("", String::as_str);
            let first_source = self.sources.get(first as usize).map_or("", String::as_str);
            if *earlier != described && first_source != source {
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
        for (id, users) in self.repeated_ids.values() {
            for &index in users {
                let others: Vec<&str> = users
                    .iter()
                    .filter(|&&other| other != index)
                    .filter_map(|&other| self.sources.get(other as usize).map(String::as_str))
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
                    entry: index as usize,
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
