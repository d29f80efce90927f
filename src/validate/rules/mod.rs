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
