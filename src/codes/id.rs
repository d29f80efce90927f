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
///
/// Ids are read by the thousand, so the bytes are checked eight at a time, as the lanes of
/// a `u64` (a text shorter than a multiple of eight is padded with `a`, which is allowed
/// and no hyphen).
pub(crate) fn matches_slug_pattern(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.first().is_none_or(|&byte| byte == b'-') || bytes.last() == Some(&b'-') {
        return false;
    }
    let chunks = bytes.chunks_exact(8);
    // The last bytes are put into a word of `a`s in a register: written into an array of
    // `a`s and read back as a word, they made the processor wait for the stores to land,
    // a third of the time spent on an id.
    let rest = chunks.remainder().iter().enumerate().fold(
        u64::from_le_bytes([b'a'; 8]),
        |word, (lane, &byte)| {
            let shift = 8 * lane;
            word & !(0xff << shift) | u64::from(byte) << shift
        },
    );
    // The high bit of the last lane of the previous word, moved to the first lane's: set
    // when that word ended in a hyphen.
    let mut hyphen_before = 0;
    for word in chunks
        .map(|chunk| u64::from_le_bytes(chunk.try_into().unwrap_or([b'a'; 8])))
        .chain((!bytes.len().is_multiple_of(8)).then_some(rest))
    {
        if word & HIGH_BITS != 0 {
            return false;
        }
        let hyphens = lanes_in(word, b'-', b'-');
        let allowed = lanes_in(word, b'a', b'z') | lanes_in(word, b'0', b'9') | hyphens;
        // A lane and the next both hyphens, within the word or across two.
        let double_hyphen = hyphens & (hyphens >> 8) != 0 || hyphen_before & hyphens != 0;
        if allowed != HIGH_BITS || double_hyphen {
            return false;
        }
        hyphen_before = hyphens >> 56;
    }
    true
}

/// The high bit of each of a word's eight lanes.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each lane of `word` (whose lanes are all ASCII) that is in
/// `low..=high`. Adding `0x80 - low` to a lane sets its high bit when the lane is at least
/// `low`, adding `0x7f - high` when it is above `high`; neither carries into the next
/// lane, since an ASCII lane is below `0x80`.
fn lanes_in(word: u64, low: u8, high: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let at_least_low = word.wrapping_add(ONES * u64::from(0x80 - low));
    let above_high = word.wrapping_add(ONES * u64::from(0x7f - high));
    at_least_low & !above_high & HIGH_BITS
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
