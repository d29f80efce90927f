//! The checks beyond the shape, grouped by concern. Each module adds its findings to a
//! [`Findings`](crate::validate::Findings).

pub(crate) mod codes;
pub(crate) mod dates;
pub(crate) mod identity;
pub(crate) mod pairing;
pub(crate) mod profile;
pub(crate) mod values;

/// The closest of `candidates` to `wanted`, when one is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(wanted, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
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
