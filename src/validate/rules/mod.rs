//! The checks beyond the shape, grouped by concern. Each module adds its findings to a
//! [`Findings`](crate::validate::Findings).

pub(crate) mod codes;
pub(crate) mod dates;
pub(crate) mod funding;
pub(crate) mod identity;
pub(crate) mod indicators;
pub(crate) mod languages;
pub(crate) mod pairing;
pub(crate) mod profile;
pub(crate) mod values;

/// A map keyed by the ids or texts of one document. foldhash, seeded for each map: a
/// fraction of SipHash's cost on short keys, and a hostile document still cannot choose
/// keys that collide.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A set of the ids or texts of one document; see [`FastMap`].
pub(crate) type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// How many candidates a "did you mean" suggestion looks at, so that a document with
/// thousands of broken references and thousands of ids stays linear in its size.
const MAX_SUGGESTION_CANDIDATES: usize = 200;

/// The closest of `candidates` to `wanted`, when one is close enough to be a likely typo.
///
/// Only candidates whose length could reach the threshold are compared, and at most
/// [`MAX_SUGGESTION_CANDIDATES`] of them: the cost of one suggestion is bounded.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    const THRESHOLD: f64 = 0.6;
    // The cost of a comparison is the product of the two lengths: a suggestion for a
    // text of thousands of characters is not worth minutes.
    const LONGEST: usize = 100;
    if wanted.len() > LONGEST {
        return None;
    }
    let length = wanted.chars().count();
    let letters = Letters::of(wanted);
    candidates
        .into_iter()
        .filter(|candidate| {
            // The normalised distance is at least the length difference over the longer
            // length, so a candidate of very different length cannot be close.
            let other = candidate.len();
            let longer = length.max(other).max(1) as f64;
            other <= LONGEST && 1.0 - (length.abs_diff(other) as f64) / longer >= THRESHOLD
        })
        .take(MAX_SUGGESTION_CANDIDATES)
        .filter(|candidate| {
            // What the distance cannot be below, from the letters alone, put to the
            // score's own test: a candidate left out here would have scored too low.
            let longer = length.max(candidate.chars().count()).max(1) as f64;
            let scores = |edits: usize| 1.0 - (edits as f64) / longer >= THRESHOLD;
            if !scores(1) {
                // Not one edit is allowed (two-letter codes): only the text itself would do.
                return *candidate == wanted;
            }
            scores(letters.fewest_edits_to(candidate))
        })
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(wanted, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= THRESHOLD)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// The letters of an ASCII text, counted: what the fewest edits from it to another text
/// are found from (see [`Letters::fewest_edits_to`]). Counted once for the many candidates
/// a text is compared with.
struct Letters<'t> {
    text: &'t str,
    /// How many of each letter; `None` when the text is not ASCII.
    counts: Option<[i16; 128]>,
}

impl<'t> Letters<'t> {
    fn of(text: &'t str) -> Self {
        let counts = text.is_ascii().then(|| {
            let mut counts = [0_i16; 128];
            for byte in text.bytes() {
                if let Some(count) = counts.get_mut(usize::from(byte)) {
                    *count = count.saturating_add(1);
                }
            }
            counts
        });
        Letters { text, counts }
    }

    /// The fewest edits that could turn this text into `other`, counted from their
    /// letters: an insertion or a deletion changes one letter's count by one, a
    /// substitution two counts by one each, a transposition none. So the
    /// Damerau-Levenshtein distance is at least half the counts' difference, and no string
    /// distance need be computed (each costs a map and a matrix) for a candidate whose
    /// letters differ too much. Zero, which bounds nothing, when either text is not ASCII.
    fn fewest_edits_to(&self, other: &str) -> usize {
        let Some(mut counts) = self.counts.filter(|_| other.is_ascii()) else {
            return 0;
        };
        for byte in other.bytes() {
            if let Some(count) = counts.get_mut(usize::from(byte)) {
                *count = count.saturating_sub(1);
            }
        }
        // Each letter's count is taken once, where it first occurs: a sum over the 128
        // counts cost more than the short texts compared.
        let mut differing = 0;
        for byte in self.text.bytes().chain(other.bytes()) {
            if let Some(count) = counts.get_mut(usize::from(byte)) {
                differing += usize::from(count.unsigned_abs());
                *count = 0;
            }
        }
        differing.div_ceil(2)
    }
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reports each item of `items` (at `base`) that repeats an earlier one as
/// `duplicate-item`: "`x` is already {what} at {base}/0; {rule}". Returns how many
/// distinct items there are.
pub(crate) fn repeats<T: AsRef<str>>(
    items: &[T],
    base: impl Fn() -> String,
    what: &str,
    rule: &str,
    findings: &mut crate::validate::Findings,
) -> usize {
    let mut seen: FastMap<&str, usize> =
        FastMap::with_capacity_and_hasher(items.len(), Default::default());
    for (j, item) in items.iter().enumerate() {
        let item = item.as_ref();
        if let Some(&first) = seen.get(item) {
            let base = base();
            findings.push(
                crate::validate::RuleCode::DuplicateItem,
                format!("{base}/{j}"),
                format!("`{item}` is already {what} at {base}/{first}; {rule}"),
            );
        } else {
            seen.insert(item, j);
        }
    }
    seen.len()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `closest` as it was before candidates were left out by their letters.
    fn closest_by_distance_alone<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
        candidates
            .iter()
            .map(|candidate| {
                (
                    strsim::normalized_damerau_levenshtein(wanted, candidate),
                    *candidate,
                )
            })
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, candidate)| candidate)
    }

    proptest! {
        #[test]
        fn the_letters_never_bound_the_distance_above_it(
            one in "[a-e_]{0,12}",
            other in "[a-e_]{0,12}",
        ) {
            let bound = Letters::of(&one).fewest_edits_to(&other);
            prop_assert!(bound <= strsim::damerau_levenshtein(&one, &other));
        }

        #[test]
        fn leaving_out_by_letters_suggests_what_the_distance_alone_suggests(
            wanted in "[a-f]{1,9}",
            candidates in proptest::collection::vec("[a-f]{1,9}", 1..12),
        ) {
            let candidates: Vec<&str> = candidates.iter().map(String::as_str).collect();
            let expected = closest_by_distance_alone(&wanted, &candidates);
            let found = closest(&wanted, candidates.iter().copied());
            // Both keep the first of the best scores, so they agree on ties as well.
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn texts_beyond_ascii_are_never_left_out_by_their_letters() {
        assert_eq!(Letters::of("päiring").fewest_edits_to("pairing"), 0);
        assert_eq!(Letters::of("pairing").fewest_edits_to("päiring"), 0);
        assert_eq!(closest("päiring", ["pairing", "regions"]), Some("pairing"));
    }
}
