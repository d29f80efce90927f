//! Slug ids, one type per collection so that a `RegionId` cannot stand where a `TopicId`
//! is wanted.

use super::string_code;

/// Longest id the format allows.
pub const MAX_ID_LEN: usize = 64;

/// The grammar of a slug, as the schema writes it.
pub(crate) const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// True when `value` is a slug: `^[a-z0-9]+(-[a-z0-9]+)*$`, 1 to 64 characters.
///
/// ```
/// assert!(casebook::is_slug("cantabria"));
/// assert!(casebook::is_slug("smart-tourism-2"));
/// assert!(!casebook::is_slug("Cantabria Region"));
/// assert!(!casebook::is_slug("double--dash"));
/// ```
pub fn is_slug(value: &str) -> bool {
    value.len() <= MAX_ID_LEN && matches_slug_pattern(value)
}

/// True when `value` matches [`SLUG_PATTERN`], whatever its length.
pub(crate) fn matches_slug_pattern(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.first().is_none_or(|&byte| byte == b'-') || bytes.last() == Some(&b'-') {
        return false;
    }
    // One pass: lower-case letters and digits, and no two hyphens in a row.
    let mut previous_hyphen = false;
    bytes.iter().all(|&byte| {
        let hyphen = byte == b'-';
        let fine =
            (hyphen && !previous_hyphen) || byte.is_ascii_lowercase() || byte.is_ascii_digit();
        previous_hyphen = hyphen;
        fine
    })
}

macro_rules! slug_ids {
    ($($(#[$meta:meta])* $name:ident;)+) => {
        $(
            string_code! {
                $(#[$meta])*
                ///
                /// A slug: lower-case letters and digits in groups joined by single hyphens,
                /// 1 to 64 characters, such as `cantabria` or `smart-tourism`.
                $name,
                kind: "id",
                expected: "a slug of lower-case letters and digits joined by single hyphens, 1 to 64 characters, such as \"smart-tourism\"",
                pattern: SLUG_PATTERN,
                max_length: 64,
                examples: ["cantabria", "smart-tourism"],
                check: |value| is_slug(value),
            }
        )+
    };
}

slug_ids! {
    /// The stable id of a case study.
    CaseStudyId;
    /// The id of an entry in `regions`.
    RegionId;
    /// The id of an entry in `topics`.
    TopicId;
    /// The id of an entry in `events`.
    EventId;
    /// The id of an entry in `challenges`.
    ChallengeId;
    /// The id of an entry in `outcomes`.
    OutcomeId;
    /// The id of an entry in `proposals`.
    ProposalId;
    /// The id of an entry in `funding_sources`.
    FundingSourceId;
    /// The id of an entry in `lessons`.
    LessonId;
    /// The id of an entry in `people`.
    PersonId;
    /// The id of an entry in `organisations`.
    OrganisationId;
    /// The id of an entry in `pairing.sub_pairings` (format 1.1).
    SubPairingId;
    /// The id of an entry in `indicators` (format 1.1).
    IndicatorId;
}
