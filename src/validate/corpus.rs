//! Checks across case studies: what no single document can show.

// Seeded for each map, so that ids chosen to collide in a table cannot slow it.
use super::rules::FastMap as HashMap;
use std::collections::hash_map::Entry;
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

/// Which kind of id a fingerprint is of: a case-study id and a region id written alike
/// are different ids.
#[derive(Clone, Copy)]
enum IdKind {
    CaseStudy = 1,
    Region = 2,
}

/// What the checker keeps of an id instead of its text: 80 bits of two SipHash-1-3 digests
/// of the id under different prefixes (which also name the kind of id). Two different ids
/// share a fingerprint with a chance of 2^-80 a pair: for a million documents with three
/// ids each, about one run in 10^11. Ten bytes with no alignment, so that a table slot
/// with its two 4-byte values is 18 bytes (a `u128` and two `u32` take 32).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Fingerprint([u8; 10]);

impl Fingerprint {
    fn of(kind: IdKind, text: &str) -> Self {
        let digest = |salt: u8| {
            let mut hasher = std::hash::DefaultHasher::new();
            (kind as u8, salt).hash(&mut hasher);
            text.hash(&mut hasher);
            hasher.finish().to_le_bytes()
        };
        Self(leading_bytes(&digest(1), &digest(2)))
    }

    /// Which of the [`SHARDS`] tables holds it.
    fn shard(self) -> usize {
        usize::from(self.0[9]) % SHARDS
    }
}

/// The first `N` bytes of `first` followed by `second`.
fn leading_bytes<const N: usize>(first: &[u8], second: &[u8]) -> [u8; N] {
    let mut bytes = [0; N];
    for (byte, from) in bytes.iter_mut().zip(first.iter().chain(second)) {
        *byte = *from;
    }
    bytes
}

/// How many tables the fingerprints are spread over. A table that outgrows its room is
/// copied into one twice as large, and for that moment both are held: with one table, a
/// third more than the fingerprints take at a million documents. With many, only one
/// small table is copied at a time.
const SHARDS: usize = 64;

/// What is kept of the first entry that uses an id: the entry's index and, for a region
/// id, how the region was described there (an index into `Descriptions`). Two `u32` as
/// bytes, so that the slot needs no alignment.
#[derive(Debug, Clone, Copy)]
struct FirstUse([u8; 8]);

impl FirstUse {
    fn new(entry: EntryIndex, description: u32) -> Self {
        Self(leading_bytes(
            &entry.to_le_bytes(),
            &description.to_le_bytes(),
        ))
    }

    fn entry(self) -> EntryIndex {
        let [a, b, c, d, ..] = self.0;
        u32::from_le_bytes([a, b, c, d])
    }

    fn description(self) -> u32 {
        let [.., a, b, c, d] = self.0;
        u32::from_le_bytes([a, b, c, d])
    }
}

/// The first use of every id met, case-study ids and region ids in the same tables.
#[derive(Debug)]
struct FirstUses {
    shards: Vec<HashMap<Fingerprint, FirstUse>>,
}

impl Default for FirstUses {
    fn default() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| HashMap::default()).collect(),
        }
    }
}

impl FirstUses {
    /// The first use of `id`; when it is new, `first` (called only then) becomes it.
    fn get_or_insert(
        &mut self,
        id: Fingerprint,
        first: impl FnOnce() -> FirstUse,
    ) -> Option<FirstUse> {
        let shard = self.shards.get_mut(id.shard())?;
        match shard.entry(id) {
            Entry::Occupied(found) => Some(*found.get()),
            Entry::Vacant(vacant) => {
                vacant.insert(first());
                None
            }
        }
    }
}

/// Each distinct region description, once: there are far fewer than regions.
#[derive(Debug, Default)]
struct Descriptions {
    texts: Vec<String>,
    index: HashMap<String, u32>,
}

impl Descriptions {
    fn index_of(&mut self, described: String) -> u32 {
        if let Some(&index) = self.index.get(&described) {
            return index;
        }
        let index = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(described.clone());
        self.index.insert(described, index);
        index
    }

    fn text(&self, index: u32) -> &str {
        self.texts.get(index as usize).map_or("", String::as_str)
    }
}

/// An entry's index as the checker keeps it.
type EntryIndex = u32;

/// A region described differently from the first description met, kept until the names
/// of both entries are known.
#[derive(Debug)]
struct Conflict {
    entry: EntryIndex,
    /// The region's place in the entry's `regions`.
    position: u32,
    region: String,
    /// This entry's description and the first one, as indexes into `descriptions`.
    described: u32,
    earlier: u32,
    /// The entry the first description was met in.
    first: EntryIndex,
}

/// The checks across case studies, fed one case study at a time. It keeps only what the
/// checks need, compactly: a fingerprint of each case-study id and region id (the text
/// only of an id met twice), each distinct region description once, and the names of
/// the sources when they are given with the keys. A corpus of any size can stream
/// through it.
#[derive(Debug, Default)]
pub struct CorpusChecker {
    /// The name of each entry added with one.
    sources: Vec<Option<String>>,
    entries: usize,
    /// The first entry that uses each id.
    first_uses: FirstUses,
    /// The case-study ids used more than once: the text, and every entry that uses it.
    repeated_ids: HashMap<Fingerprint, (String, Vec<EntryIndex>)>,
    descriptions: Descriptions,
    conflicts: Vec<Conflict>,
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
        let source = source.into();
        let entry = self.add_unnamed(keys);
        self.sources.resize(entry, None);
        self.sources.push(Some(source));
        entry
    }

    /// Adds the keys of a case study without keeping a name for it (a few bytes less an
    /// entry, for a caller that can name each entry again at the end); returns its entry
    /// index. Name the entries with [`finish_naming`](Self::finish_naming); such an entry
    /// has no [`source`](Self::source).
    pub fn add_unnamed(&mut self, keys: CorpusKeys) -> usize {
        let index = self.entries;
        self.entries += 1;
        let entry = EntryIndex::try_from(index).unwrap_or(EntryIndex::MAX);
        let id = Fingerprint::of(IdKind::CaseStudy, &keys.id);
        let used = FirstUse::new(entry, u32::MAX);
        if let Some(first) = self.first_uses.get_or_insert(id, || used) {
            self.repeated_ids
                .entry(id)
                .or_insert_with(|| (keys.id, vec![first.entry()]))
                .1
                .push(entry);
        }
        for (position, (region, described)) in keys.regions.into_iter().enumerate() {
            let region_id = Fingerprint::of(IdKind::Region, &region);
            let descriptions = &mut self.descriptions;
            let mut described = Some(described);
            let Some(first) = self.first_uses.get_or_insert(region_id, || {
                FirstUse::new(
                    entry,
                    descriptions.index_of(described.take().unwrap_or_default()),
                )
            }) else {
                continue;
            };
            let described = described.unwrap_or_default();
            if descriptions.text(first.description()) != described && first.entry() != entry {
                self.conflicts.push(Conflict {
                    entry,
                    position: u32::try_from(position).unwrap_or(u32::MAX),
                    region,
                    described: descriptions.index_of(described),
                    earlier: first.description(),
                    first: first.entry(),
                });
            }
        }
        index
    }

    /// The name an entry was added under.
    pub fn source(&self, entry: usize) -> Option<&str> {
        self.sources.get(entry)?.as_deref()
    }

    /// Every finding, in the order of the entries, with the entries named as they were
    /// added (an entry added without a name, by its index).
    pub fn finish(self) -> Vec<CorpusFinding> {
        self.findings(&|entry| {
            self.source(entry)
                .map_or_else(|| entry.to_string(), str::to_owned)
        })
    }

    /// Every finding, in the order of the entries, with each entry that a message names
    /// named by `name`.
    pub fn finish_naming(self, name: impl Fn(usize) -> String) -> Vec<CorpusFinding> {
        self.findings(&name)
    }

    fn findings(&self, name: &dyn Fn(usize) -> String) -> Vec<CorpusFinding> {
        let description = |index: u32| self.descriptions.text(index);
        let mut findings = Vec::new();
        for conflict in &self.conflicts {
            let (entry, first) = (conflict.entry as usize, conflict.first as usize);
            // Two entries added under one name are one source: no conflict with itself.
            if self.source(entry).is_some() && self.source(entry) == self.source(first) {
                continue;
            }
            findings.push(CorpusFinding {
                entry,
                diagnostic: Diagnostic::new(
                    RuleCode::RegionConflict,
                    format!("/regions/{}", conflict.position),
                    format!(
                        "region `{}` is {} here, but {} in {}; \
                         use one description, or another id for another region",
                        conflict.region,
                        description(conflict.described),
                        description(conflict.earlier),
                        name(first),
                    ),
                ),
            });
        }
        for (id, users) in self.repeated_ids.values() {
            for &index in users {
                let others: Vec<String> = users
                    .iter()
                    .filter(|&&other| other != index)
                    .take(MAX_NAMED)
                    .map(|&other| name(other as usize))
                    .collect();
                let mut named = others.join(", ");
                let more = users.len().saturating_sub(others.len() + 1);
                if more > 0 {
                    named.push_str(&format!(" and {more} more"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(id: &str, regions: &[(&str, &str)]) -> CorpusKeys {
        CorpusKeys {
            id: id.to_owned(),
            regions: regions
                .iter()
                .map(|(region, described)| ((*region).to_owned(), (*described).to_owned()))
                .collect(),
        }
    }

    fn corpus() -> Vec<(&'static str, CorpusKeys)> {
        let mut corpus = vec![
            (
                "a.json",
                keys("x", &[("lyon", "city FR"), ("quito", "city EC")]),
            ),
            ("b.json", keys("y", &[("lyon", "region FR")])),
            ("c.jsonl:1", keys("x", &[("quito", "city EC")])),
            ("c.jsonl:2", keys("z", &[("lyon", "city FR")])),
        ];
        for source in ["m0", "m1", "m2", "m3", "m4", "m5", "m6"] {
            corpus.push((source, keys("many", &[])));
        }
        corpus
    }

    #[test]
    fn entries_named_at_the_end_read_as_entries_named_when_added() {
        let mut named = CorpusChecker::new();
        let mut unnamed = CorpusChecker::new();
        for (source, keys) in corpus() {
            named.add_keys(source, keys.clone());
            unnamed.add_unnamed(keys);
        }
        let sources: Vec<&str> = corpus().iter().map(|(source, _)| *source).collect();
        let expected = named.finish();
        let found = unnamed.finish_naming(|entry| sources[entry].to_owned());
        assert_eq!(found, expected);
        let messages: Vec<(usize, &str)> = found
            .iter()
            .map(|finding| (finding.entry, finding.diagnostic.message.as_str()))
            .collect();
        assert_eq!(messages.len(), 2 + 1 + 7, "{messages:#?}");
        assert!(messages.contains(&(
            1,
            "region `lyon` is region FR here, but city FR in a.json; \
             use one description, or another id for another region"
        )));
        assert!(messages.contains(&(
            0,
            "case study id `x` is also used by c.jsonl:1; give each case study its own id"
        )));
        assert!(messages.contains(&(
            4,
            "case study id `many` is also used by m1, m2, m3, m4, m5 and 1 more; \
             give each case study its own id"
        )));
    }

    #[test]
    fn an_unnamed_entry_has_no_source_and_is_named_by_its_index() {
        let mut checker = CorpusChecker::new();
        checker.add_unnamed(keys("x", &[]));
        checker.add_keys("b.json", keys("x", &[]));
        assert_eq!(checker.source(0), None);
        assert_eq!(checker.source(1), Some("b.json"));
        let messages: Vec<String> = checker
            .finish()
            .into_iter()
            .map(|finding| finding.diagnostic.message)
            .collect();
        assert!(messages[0].contains("used by b.json;"), "{messages:?}");
        assert!(messages[1].contains("used by 0;"), "{messages:?}");
    }

    #[test]
    fn a_first_use_keeps_both_values_and_ids_of_two_kinds_differ() {
        for (entry, description) in [(0, 0), (1, u32::MAX), (u32::MAX, 7), (0x0102_0304, 9)] {
            let used = FirstUse::new(entry, description);
            assert_eq!((used.entry(), used.description()), (entry, description));
        }
        // What the tables hold a slot: the reason for the byte arrays.
        assert_eq!(std::mem::size_of::<(Fingerprint, FirstUse)>(), 18);
        let case = Fingerprint::of(IdKind::CaseStudy, "lyon");
        assert_eq!(case, Fingerprint::of(IdKind::CaseStudy, "lyon"));
        assert_ne!(case, Fingerprint::of(IdKind::Region, "lyon"));
        assert_ne!(case, Fingerprint::of(IdKind::CaseStudy, "lyon "));
        // A case study and a region may share an id.
        let mut checker = CorpusChecker::new();
        checker.add_keys("a.json", keys("lyon", &[("lyon", "city FR")]));
        checker.add_keys("b.json", keys("quito", &[("lyon", "city FR")]));
        assert!(checker.finish().is_empty());
    }

    #[test]
    fn one_source_added_twice_is_not_in_conflict_with_itself() {
        let mut checker = CorpusChecker::new();
        checker.add_keys("a.json", keys("x", &[("lyon", "city FR")]));
        checker.add_keys("a.json", keys("y", &[("lyon", "region FR")]));
        assert!(checker.finish().is_empty());
    }
}
