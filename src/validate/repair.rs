//! Every finding at once, even when the shape is broken: a document that the typed read
//! refuses is read again with each broken value set aside, so that the checks beyond the
//! shape (references, duplicate ids, codes, dates elsewhere) still run on the rest.
//!
//! A broken value is set aside in place: an optional value is removed; a required value,
//! an item of a list or an entry of a map is replaced by a placeholder, so that no index
//! moves, no key is lost and every pointer still names its place in the file. Missing
//! required keys get a placeholder too.
//! What serde still refuses after that is set aside the same way, going up to the parent
//! value when needed, a bounded number of times.
//!
//! The placeholders are chosen so that no rule fires on them alone (unique ids that are
//! never shown, the earliest date, kinds that no pairing-kind rule flags), and the
//! findings of the checks beyond the shape are then filtered: a finding at or under a
//! set-aside value, one of a rule that reads a set-aside value (the table
//! [`DEPENDENTS`]), an `unknown-reference` that could have been meant for an entry whose
//! id was broken, and one the shape already reported, are dropped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Deserialize as _;
use serde_json::Value;

use crate::Format;
use crate::format::tree::Tree;

use super::report::Diagnostic;
use super::rule::RuleCode;
use crate::model::CaseStudy;

/// How many times a value that serde still refuses is set aside before giving up.
const MAX_ATTEMPTS: usize = 64;

/// Up to how many places of the shape's findings are looked at one by one for missing
/// keys; past it, the whole document is walked once.
const PLACES_LOOKED_UP: usize = 256;

/// How placeholder texts start (`set-aside-q-1`), unless the document has this in one of
/// its texts; then a generation that no text of it has is added (`set-aside-q1-1`; see
/// [`Placeholders`]). Its `q`, the rarest letter, is what the text is searched for; it
/// has no `k`, which a Kelvin sign becomes in lower case.
const PLACEHOLDER_PREFIX: &str = "set-aside-q-";

/// What comes before the `q` of [`PLACEHOLDER_PREFIX`].
const BEFORE_THE_Q: &str = "set-aside-";

/// The longest generation compared: candidates are a few digits.
const LONGEST_GENERATION: usize = 24;

/// The rules that read a value, by the value's pointer: when such a value is set aside,
/// their findings are dropped, since they would be about the placeholder rather than the
/// document. A pattern also matches the values above and below it: a broken `/pairing`
/// silences what `/pairing/started` silences.
const DEPENDENTS: &[Readers] = &[
    Readers {
        at: "/published",
        anywhere: &[
            RuleCode::PublishedBeforeStart,
            RuleCode::EventAfterPublished,
            RuleCode::HistoricCurrency,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/started",
        anywhere: &[
            RuleCode::DateOrder,
            RuleCode::PublishedBeforeStart,
            RuleCode::EventBeforeStart,
            RuleCode::IucPartners,
            RuleCode::OutcomeStatusMismatch,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/ended",
        anywhere: &[
            RuleCode::DateOrder,
            RuleCode::StatusDateMismatch,
            RuleCode::EventAfterEnd,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/status",
        anywhere: &[
            RuleCode::StatusDateMismatch,
            RuleCode::OutcomeStatusMismatch,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/kind",
        anywhere: &[RuleCode::CityPairingKind, RuleCode::RegionPairingKind],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/regions",
        // Not `observer-is-partner`: a placeholder is no observer, so what it finds is
        // about the partners written.
        anywhere: &[
            RuleCode::IucPartners,
            RuleCode::CityPairingKind,
            RuleCode::RegionPairingKind,
            RuleCode::UnpairedRegion,
            RuleCode::SubPairingOutsidePairing,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/observers",
        anywhere: &[
            RuleCode::UnpairedRegion,
            RuleCode::ObserverIsPartner,
            RuleCode::SubPairingOutsidePairing,
        ],
        in_its_entry: &[],
    },
    Readers {
        at: "/pairing/sub_pairings/*/regions",
        anywhere: &[],
        in_its_entry: &[RuleCode::SubPairingOutsidePairing],
    },
    Readers {
        at: "/regions/*/id",
        // An id set aside is a placeholder that no reference names, so the rules that
        // follow a reference find nothing there to report: a partner, an observer, a
        // parent or a member of a sub-pairing written with the broken id is set aside
        // too, and names another placeholder.
        anywhere: &[],
        in_its_entry: &[
            RuleCode::UnpairedRegion,
            RuleCode::SubPairingOutsidePairing,
            RuleCode::RegionParentCycle,
            RuleCode::OrganisationCountryMismatch,
            RuleCode::PersonRegionMismatch,
        ],
    },
    Readers {
        at: "/regions/*/kind",
        anywhere: &[RuleCode::CityPairingKind, RuleCode::RegionPairingKind],
        in_its_entry: &[],
    },
    Readers {
        at: "/regions/*/country",
        // `organisation-country-mismatch` reads it too, but compares only assigned codes,
        // which the placeholder (`ZZ`) is not: it is left to report other regions' staff.
        anywhere: &[RuleCode::IucPartners],
        in_its_entry: &[
            RuleCode::SubdivisionCountryMismatch,
            RuleCode::NutsCountryMismatch,
            RuleCode::NutsOutsideArea,
            RuleCode::CoordinatesOutsideCountry,
            RuleCode::UnlocodeCountryMismatch,
        ],
    },
    Readers {
        at: "/regions/*/parent",
        anywhere: &[RuleCode::UnpairedRegion, RuleCode::RegionParentCycle],
        in_its_entry: &[],
    },
    Readers {
        at: "/outcomes/*/status",
        anywhere: &[],
        in_its_entry: &[RuleCode::OutcomeStatusMismatch],
    },
    Readers {
        at: "/outcomes/*/date",
        anywhere: &[],
        in_its_entry: &[RuleCode::OutcomeStatusMismatch],
    },
    Readers {
        at: "/regions/*/identifiers",
        anywhere: &[],
        in_its_entry: &[RuleCode::UnlocodeCountryMismatch],
    },
    Readers {
        at: "/regions/*/coordinates",
        anywhere: &[],
        in_its_entry: &[RuleCode::CoordinatesOutsideCountry],
    },
    Readers {
        at: "/events/*/country",
        anywhere: &[],
        in_its_entry: &[RuleCode::CoordinatesOutsideCountry],
    },
    Readers {
        at: "/events/*/coordinates",
        anywhere: &[],
        in_its_entry: &[RuleCode::CoordinatesOutsideCountry],
    },
    Readers {
        at: "/quotes/*/language",
        anywhere: &[],
        in_its_entry: &[RuleCode::TranslationWithoutLanguage],
    },
    Readers {
        at: "/language",
        anywhere: &[RuleCode::TranslationInOwnLanguage],
        in_its_entry: &[],
    },
    Readers {
        at: "/organisations/*/id",
        // As for a region's id: a person's organisation set aside names no organisation.
        anywhere: &[],
        in_its_entry: &[RuleCode::PersonRegionMismatch],
    },
    Readers {
        at: "/organisations/*/country",
        anywhere: &[],
        in_its_entry: &[RuleCode::OrganisationCountryMismatch],
    },
    Readers {
        at: "/organisations/*/region",
        // A region set aside is a reference to nothing: a person of the organisation is
        // not compared with it.
        anywhere: &[],
        in_its_entry: &[
            RuleCode::OrganisationCountryMismatch,
            RuleCode::PersonRegionMismatch,
        ],
    },
    Readers {
        at: "/funding_sources/*/period",
        anywhere: &[],
        in_its_entry: &[RuleCode::HistoricCurrency],
    },
    Readers {
        at: "/funding_sources/*/amount",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::ShareCurrencyMismatch,
            RuleCode::SharesExceedAmount,
        ],
    },
    Readers {
        at: "/funding_sources/*/shares",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::ShareParty,
            RuleCode::ShareCurrencyMismatch,
            RuleCode::SharesExceedAmount,
        ],
    },
    Readers {
        at: "/indicators/*/measure",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::IndicatorUnitCurrency,
        ],
    },
    Readers {
        at: "/indicators/*/unit",
        anywhere: &[],
        in_its_entry: &[RuleCode::IndicatorUnitCurrency],
    },
    Readers {
        at: "/indicators/*/baseline",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::TargetBeforeBaseline,
        ],
    },
    Readers {
        at: "/indicators/*/target",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::TargetBeforeBaseline,
        ],
    },
    Readers {
        at: "/indicators/*/values",
        anywhere: &[],
        in_its_entry: &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
        ],
    },
    Readers {
        at: "/people/*/region",
        anywhere: &[],
        in_its_entry: &[RuleCode::PersonRegionMismatch],
    },
    Readers {
        at: "/people/*/organisation",
        anywhere: &[],
        in_its_entry: &[RuleCode::PersonRegionMismatch],
    },
];

/// The rules that read the value at one place of the document.
struct Readers {
    /// The value's pointer; `*` stands for any index of a list.
    at: &'static str,
    /// Rules whose findings that read the value can lie anywhere in the document.
    anywhere: &'static [RuleCode],
    /// Rules whose findings that read the value lie in the same entry of the list as the
    /// value (under the pointer up to the index that `*` stands for): a value set aside
    /// silences them in its entry only, so that a broken country of one region takes no
    /// finding from the others. Where the value set aside is the whole list, or above it,
    /// they are silenced everywhere.
    in_its_entry: &'static [RuleCode],
}

/// The rules that read a map's keys, not its values: their findings at an entry of a map
/// set aside are about the key, which is the document's, and are kept.
const KEY_RULES: &[RuleCode] = &[
    RuleCode::UnknownLanguage,
    RuleCode::TranslationInOwnLanguage,
];

/// A document read with its broken values set aside.
pub(crate) struct Repaired {
    /// The document, with placeholders where values were set aside.
    pub(crate) case: CaseStudy,
    /// The pointers of the values set aside, with the value as written (none for a
    /// missing key).
    set_aside: Vec<(String, Option<Value>)>,
    /// Which of them are entries of a map, whose keys stay.
    map_entries: HashSet<String>,
    /// How the placeholders' texts start, when there are any.
    placeholder_prefix: Option<String>,
}

impl Repaired {
    /// Reads `value` (the document as written, whose structural findings are `shape`)
    /// with its broken values set aside; `None` when it cannot be read even then. Only the
    /// findings' rules and places are read: those beyond the report's limit come without
    /// their messages.
    pub(crate) fn read<'s>(
        text: &str,
        format: Format,
        mut value: Tree<'_>,
        shape: impl Iterator<Item = &'s Diagnostic> + Clone,
    ) -> Option<Self> {
        let mut repair = Repair::new(text, format);
        remove_unknown_keys(&mut value, shape.clone());
        for finding in shape.clone() {
            match finding.code {
                RuleCode::UnknownKey | RuleCode::MissingKey => {}
                // A repeat or a short list still reads; what reads it is silenced below.
                RuleCode::DuplicateItem | RuleCode::TooFewItems => {
                    repair.record(finding.pointer.clone(), None);
                }
                _ => repair.set_aside_at(&mut value, &finding.pointer),
            }
        }
        repair.remove_set_aside(&mut value);
        repair.fill_missing_near(&mut value, shape);
        // Whether the whole document has been looked through for missing keys: the first
        // look is only where the shape's findings are, which is all a document usually
        // needs; if it does not read then, the whole is looked through before anything
        // more is set aside, so the result is what a whole look would have given.
        let mut looked_through = false;
        for _ in 0..=MAX_ATTEMPTS {
            // Tracking the path costs an allocation a key: a read that fails is read
            // again, tracked, for the path of its error.
            let read = CaseStudy::deserialize(&value)
                .or_else(|_| serde_path_to_error::deserialize::<_, CaseStudy>(&value));
            let error = match read {
                Ok(case) => {
                    return Some(Self {
                        case,
                        set_aside: repair.set_aside,
                        map_entries: repair.map_entries,
                        placeholder_prefix: repair.placeholders.prefix,
                    });
                }
                Err(error) => error,
            };
            if !looked_through {
                looked_through = true;
                repair.fill_missing(&mut value);
                continue;
            }
            let mut pointer = crate::pointer::from_serde_path(error.path());
            if error.inner().to_string().starts_with("unknown field") {
                // serde's path ends at the unknown key; it is the object that holds it.
                crate::pointer::pop_token(&mut pointer);
            }
            // A value set aside once and still refused: its parent goes.
            while repair.tried(&pointer) && !pointer.is_empty() {
                crate::pointer::pop_token(&mut pointer);
            }
            if pointer.is_empty() {
                return None;
            }
            repair.set_aside_at(&mut value, &pointer);
            repair.remove_set_aside(&mut value);
            repair.fill_missing(&mut value);
        }
        None
    }

    /// The document read, and what a check of it must not report: findings about the
    /// values set aside (see the module's documentation), and those the shape's check
    /// (`shape`) already made.
    pub(crate) fn into_parts(self, shape: &[Diagnostic]) -> (CaseStudy, SetAside) {
        let mut silenced = HashSet::new();
        let mut silenced_in_entries: HashMap<String, Vec<RuleCode>> = HashMap::new();
        for (code, entry) in self
            .set_aside
            .iter()
            .flat_map(|(pointer, _)| codes_reading(pointer))
        {
            match entry {
                // One copy of an entry's pointer for all its rules: a list of 100,000
                // entries with a value set aside each has five rules an entry.
                Some(entry) => match silenced_in_entries.get_mut(entry) {
                    Some(codes) if codes.contains(&code) => {}
                    Some(codes) => codes.push(code),
                    None => {
                        silenced_in_entries.insert(entry.to_owned(), vec![code]);
                    }
                },
                None => {
                    silenced.insert(code);
                }
            }
        }
        let ids = BrokenIds::of(&self.set_aside);
        let mut known: HashMap<String, Vec<RuleCode>> = HashMap::new();
        for finding in shape {
            known
                .entry(finding.pointer.clone())
                .or_default()
                .push(finding.code);
        }
        let set_aside = SetAside {
            pointers: self
                .set_aside
                .into_iter()
                .map(|(pointer, _)| pointer)
                .collect(),
            silenced,
            silenced_somewhere: silenced_in_entries.values().flatten().copied().collect(),
            silenced_in_entries,
            ids,
            known,
            map_entries: self.map_entries,
            placeholder_prefix: self.placeholder_prefix,
        };
        (self.case, set_aside)
    }
}

/// What the checks beyond the shape must not report of a document read with values set
/// aside, indexed once: a document may have many thousands of values set aside (a long
/// list of broken items), and each finding is judged as it is made, before the report's
/// limit counts it, so that findings about placeholders neither take the place of real
/// ones nor are counted with them.
#[derive(Debug)]
pub(crate) struct SetAside {
    /// The pointers of the values set aside: a finding is looked up by each of its
    /// ancestors.
    pointers: HashSet<String>,
    /// The rules that read any of them, silenced everywhere.
    silenced: HashSet<RuleCode>,
    /// The rules that read one of them, silenced in the entries of lists they are in, by
    /// entry.
    silenced_in_entries: HashMap<String, Vec<RuleCode>>,
    /// Every rule of `silenced_in_entries`: a finding of another rule is not looked up.
    silenced_somewhere: HashSet<RuleCode>,
    /// The broken ids, by collection.
    ids: BrokenIds,
    /// The rules of the shape's findings, by pointer: each finding is made once.
    known: HashMap<String, Vec<RuleCode>>,
    /// Which of the values set aside are entries of a map, whose keys stay.
    map_entries: HashSet<String>,
    /// How the placeholders' texts start, when there are any.
    placeholder_prefix: Option<String>,
}

impl SetAside {
    /// True when `finding` is about a value set aside, or was made by the shape's check.
    pub(crate) fn hides(&mut self, finding: &Diagnostic) -> bool {
        let at_or_under_any =
            |pointer: &str| ancestors(pointer).any(|at| self.pointers.contains(at));
        let about_a_kept_key =
            KEY_RULES.contains(&finding.code) && self.map_entries.contains(&finding.pointer);
        self.placeholder_prefix
            .as_deref()
            .is_some_and(|prefix| finding.message.contains(prefix))
            || self.silenced.contains(&finding.code)
            || (self.silenced_somewhere.contains(&finding.code)
                && ancestors(&finding.pointer).any(|at| {
                    self.silenced_in_entries
                        .get(at)
                        .is_some_and(|codes| codes.contains(&finding.code))
                }))
            || (at_or_under_any(&finding.pointer) && !about_a_kept_key)
            || self.ids.could_be_meant(finding)
            || translated_pointer(finding).is_some_and(|translated| {
                at_or_under_any(&translated)
                    || self
                        .pointers
                        .iter()
                        .any(|pointer| crate::pointer::is_at_or_under(pointer, &translated))
            })
            || self
                .known
                .get(&finding.pointer)
                .is_some_and(|codes| codes.contains(&finding.code))
    }

    /// True when `id` is a placeholder's, which no message may show.
    pub(crate) fn is_placeholder(&self, id: &str) -> bool {
        self.placeholder_prefix
            .as_deref()
            .is_some_and(|prefix| id.starts_with(prefix))
    }
}

/// The texts that stand for values set aside: unique, and unlike anything the document
/// has, so that a finding that shows one is known to be about a placeholder, and a
/// reference or an id written in the document never names one.
struct Placeholders<'t> {
    /// The document's text, searched for the prefix when the first placeholder is made.
    text: &'t str,
    format: Format,
    prefix: Option<String>,
    made: usize,
}

impl Placeholders<'_> {
    /// Chooses the prefix, once, from the text and from `value`'s texts before the first
    /// placeholder is put in it.
    fn prepare(&mut self, value: &Tree<'_>) {
        if self.prefix.is_none() {
            self.prefix = Some(unwritten_prefix(self.text, self.format, value));
        }
    }

    /// A text no other placeholder has.
    fn next(&mut self) -> String {
        // Prepared before any placeholder is made; the plain prefix would only do for a
        // document that does not write it.
        let prefix = self
            .prefix
            .get_or_insert_with(|| PLACEHOLDER_PREFIX.to_owned());
        self.made += 1;
        format!("{prefix}{}", self.made)
    }
}

/// [`PLACEHOLDER_PREFIX`], or when the document (`text`, read as `value`) has it in any
/// case, the first generation (`set-aside-q1-`, `set-aside-q2-`, ...) that it does not
/// have: a prefix that no text of the document has, and never more than a few
/// characters longer.
///
/// The text is searched as written, as it is what the texts read are made of; only
/// escapes that can stand for a letter (`\u0071`) or join lines, and YAML's `!!binary`,
/// make the texts read differ, and then they are searched one by one.
fn unwritten_prefix(text: &str, format: Format, value: &Tree<'_>) -> String {
    let mut taken = HashSet::new();
    // Any `binary`, however it is tagged.
    let has_binary =
        format == Format::Yaml && memchr::memmem::find(text.as_bytes(), b"binary").is_some();
    if has_binary || !generations_as_written(text, &mut taken) {
        taken.clear();
        each_text(value, &mut |text| {
            let bytes = text.as_bytes();
            for at in memchr::memchr2_iter(b'q', b'Q', bytes) {
                note_generation(bytes, at, &mut taken);
            }
        });
    }
    if !taken.contains(&Vec::new()) {
        return PLACEHOLDER_PREFIX.to_owned();
    }
    let free = (1..=taken.len())
        .find(|generation| !taken.contains(generation.to_string().as_bytes()))
        .unwrap_or(taken.len() + 1);
    format!("{BEFORE_THE_Q}q{free}-")
}

/// Notes into `taken` the generations of `text` as written, in one pass; false, with
/// `taken` unfinished, when the texts read from it are not all in it as written: a
/// backslash starts an escape that reads as a letter or a digit (`\u0071`, `\x71`,
/// `\U00000071`), or one that joins two lines (YAML and TOML). Escapes such as `\n` or
/// `\"` give no letter of the prefix, and are passed over.
fn generations_as_written(text: &str, taken: &mut HashSet<Vec<u8>>) -> bool {
    let bytes = text.as_bytes();
    // Where the second backslash of a `\\` is, which escapes nothing.
    let mut escaped_backslash = None;
    for at in memchr::memchr3_iter(b'q', b'Q', b'\\', bytes) {
        match bytes.get(at) {
            Some(b'\\') if escaped_backslash != Some(at) => match bytes.get(at + 1) {
                Some(b'\\') => escaped_backslash = Some(at + 1),
                Some(b'u' | b'U' | b'x' | b'\n' | b'\r' | b' ' | b'\t') => return false,
                _ => {}
            },
            Some(b'q' | b'Q') => note_generation(bytes, at, taken),
            _ => {}
        }
    }
    true
}

/// Calls `visit` with every text and key of `value`.
fn each_text(value: &Tree<'_>, visit: &mut impl FnMut(&str)) {
    match value {
        Tree::String(text) => visit(text),
        Tree::Array(items) => items.iter().for_each(|item| each_text(item, visit)),
        Tree::Object(members) => {
            for (key, member) in members {
                visit(key);
                each_text(member, visit);
            }
        }
        Tree::Null | Tree::Bool(_) | Tree::Number(_) => {}
    }
}

/// Notes the generation after the [`PLACEHOLDER_PREFIX`] whose `q` is at `at` in
/// `bytes`, if that is one (in any case): the letters and digits that follow the `q`
/// (none for the prefix itself). A generation longer than any candidate is passed over.
fn note_generation(bytes: &[u8], at: usize, taken: &mut HashSet<Vec<u8>>) {
    let before = at
        .checked_sub(BEFORE_THE_Q.len())
        .and_then(|start| bytes.get(start..at));
    if !before.is_some_and(|before| before.eq_ignore_ascii_case(BEFORE_THE_Q.as_bytes())) {
        return;
    }
    let after = bytes.get(at + 1..).unwrap_or_default();
    let length = after
        .iter()
        .take(LONGEST_GENERATION + 1)
        .take_while(|byte| byte.is_ascii_alphanumeric())
        .count();
    if let Some(generation) = after
        .get(..length)
        .filter(|g| g.len() <= LONGEST_GENERATION)
    {
        taken.insert(generation.to_ascii_lowercase());
    }
}

struct Repair<'t> {
    set_aside: Vec<(String, Option<Value>)>,
    /// The pointers of `set_aside`, to tell in constant time whether one was tried.
    tried: HashSet<String>,
    /// The pointers of `set_aside` that are entries of a map, replaced in place.
    map_entries: HashSet<String>,
    placeholders: Placeholders<'t>,
    /// The members set aside and not yet removed, by the pointer of their object, in the
    /// order set aside: the objects are then found in the order written, which finding a
    /// member of a large object counts on (see `Tree::pointer_mut`).
    removed: indexmap::IndexMap<String, HashSet<usize>>,
}

impl<'t> Repair<'t> {
    /// A repair of the document written as `text`, in `format`.
    fn new(text: &'t str, format: Format) -> Self {
        Self {
            set_aside: Vec::new(),
            tried: HashSet::new(),
            map_entries: HashSet::new(),
            placeholders: Placeholders {
                text,
                format,
                prefix: None,
                made: 0,
            },
            removed: indexmap::IndexMap::new(),
        }
    }

    /// Removes the members that `set_aside_at` set aside, all of an object's at once.
    fn remove_set_aside(&mut self, value: &mut Tree<'_>) {
        for (pointer, removed) in self.removed.drain(..) {
            if let Some(Tree::Object(members)) = value.pointer_mut(&pointer) {
                let mut index = 0;
                members.retain(|_| {
                    index += 1;
                    !removed.contains(&(index - 1))
                });
            }
        }
    }

    fn tried(&self, pointer: &str) -> bool {
        self.tried.contains(pointer)
    }

    fn record(&mut self, pointer: String, original: Option<Value>) {
        self.tried.insert(pointer.clone());
        self.set_aside.push((pointer, original));
    }

    /// Removes the value at `pointer` when it is optional, and puts a placeholder in its
    /// place otherwise.
    fn set_aside_at(&mut self, value: &mut Tree<'_>, pointer: &str) {
        if pointer.is_empty() || self.tried(pointer) {
            return;
        }
        let Some((parent_pointer, token)) = pointer.rsplit_once('/') else {
            return;
        };
        let token = crate::pointer::unescape_token(token).into_owned();
        self.placeholders.prepare(value);
        // The findings come in the order of the document, so in an object of many broken
        // members the next is looked for after the last (see `member_index`).
        let depth = parent_pointer.matches('/').count();
        let parent = crate::schema::schema_at(parent_pointer, false).map(|(parent, _)| parent);
        let required = parent
            .and_then(|parent| parent.get("required"))
            .and_then(Value::as_array)
            .is_some_and(|required| required.iter().any(|key| key.as_str() == Some(&token)));
        // An entry of a map (a language of `translations`) keeps its place like an item
        // of a list: its key is the document's, and a map left empty would read as absent.
        let in_map = parent.is_some_and(|parent| {
            parent
                .get("properties")
                .and_then(|properties| properties.get(&token))
                .is_none()
        });
        let placeholder = crate::schema::schema_at(pointer, in_map)
            .map(|(schema, name)| self.placeholder(schema, name));
        let placeholder = placeholder.map(Tree::from_value);
        let original = match value.pointer_mut(parent_pointer) {
            Some(Tree::Array(items)) => match (
                items.get_mut(token.parse::<usize>().unwrap_or(usize::MAX)),
                placeholder,
            ) {
                (Some(item), Some(placeholder)) => Some(std::mem::replace(item, placeholder)),
                _ => None,
            },
            Some(Tree::Object(members)) if required || (in_map && placeholder.is_some()) => {
                let at = crate::format::tree::member_index(members, &token, depth);
                match (at.and_then(|at| members.get_mut(at)), placeholder) {
                    (Some((_, member)), Some(placeholder)) => {
                        if in_map {
                            self.map_entries.insert(pointer.to_owned());
                        }
                        Some(std::mem::replace(member, placeholder))
                    }
                    _ => None,
                }
            }
            Some(Tree::Object(members)) => {
                // Left as `null` until `remove_set_aside` takes it out with the others:
                // one removal at a time would move the members after it each time.
                let at = crate::format::tree::member_index(members, &token, depth);
                match at.and_then(|at| Some((at, members.get_mut(at)?))) {
                    Some((at, (_, member))) => {
                        self.removed
                            .entry(parent_pointer.to_owned())
                            .or_default()
                            .insert(at);
                        Some(std::mem::replace(member, Tree::Null))
                    }
                    None => None,
                }
            }
            _ => None,
        };
        self.record(pointer.to_owned(), original.as_ref().map(Tree::to_value));
    }

    /// Puts a placeholder wherever a required key is missing.
    fn fill_missing(&mut self, value: &mut Tree<'_>) {
        let mut missing = Vec::new();
        crate::schema::walk_with_schema(value, &mut |value, schema, _, pointer| {
            missing_keys(value, schema, pointer, &mut missing);
        });
        self.fill(value, missing);
    }

    /// Puts a placeholder wherever the shape's findings say a required key is missing,
    /// and where a value set aside left one missing (in its parent, or under the
    /// placeholder put in its place), without walking the rest of the document: a
    /// document with three broken values in a thousand is not walked again for them.
    fn fill_missing_near<'s>(
        &mut self,
        value: &mut Tree<'_>,
        shape: impl Iterator<Item = &'s Diagnostic>,
    ) {
        let mut objects: Vec<&str> = Vec::new();
        let mut subtrees: Vec<&str> = Vec::new();
        for finding in shape {
            match finding.code {
                RuleCode::MissingKey => objects.push(&finding.pointer),
                RuleCode::UnknownKey | RuleCode::DuplicateItem | RuleCode::TooFewItems => {}
                _ if self.tried(&finding.pointer) => {
                    subtrees.push(&finding.pointer);
                    objects.extend(finding.pointer.rsplit_once('/').map(|(parent, _)| parent));
                }
                _ => {}
            }
        }
        if objects.len() + subtrees.len() > PLACES_LOOKED_UP {
            // Each place is found from the root, by searching each object on the way for its
            // key: for thousands of members of one object (20,000 `.nan` in `extensions`),
            // one walk of the whole document costs less.
            self.fill_missing(value);
            return;
        }
        let mut seen = HashSet::new();
        objects.retain(|pointer| seen.insert(*pointer));
        let mut missing = Vec::new();
        for pointer in objects {
            if let (Some(object), Some((schema, _))) = (
                value.pointer_mut(pointer),
                crate::schema::schema_at(pointer, true),
            ) {
                missing_keys(object, schema, pointer, &mut missing);
            }
        }
        for pointer in subtrees {
            crate::schema::walk_with_schema_at(value, pointer, &mut |value, schema, _, at| {
                missing_keys(value, schema, at, &mut missing);
            });
        }
        let mut seen = HashSet::new();
        missing.retain(|pointer| seen.insert(pointer.clone()));
        self.fill(value, missing);
    }

    /// Puts a placeholder at each of `missing`.
    fn fill(&mut self, value: &mut Tree<'_>, missing: Vec<String>) {
        if !missing.is_empty() {
            self.placeholders.prepare(value);
        }
        for pointer in missing {
            let Some((parent, key)) = pointer.rsplit_once('/') else {
                continue;
            };
            let key = crate::pointer::unescape_token(key).into_owned();
            let placeholder = crate::schema::schema_at(&pointer, false)
                .map(|(schema, name)| self.placeholder(schema, name));
            if let (Some(Tree::Object(members)), Some(placeholder)) =
                (value.pointer_mut(parent), placeholder)
            {
                let placeholder = Tree::from_value(placeholder);
                match members.iter_mut().find(|(name, _)| *name == key) {
                    Some((_, member)) => *member = placeholder,
                    None => members.push((key.into(), placeholder)),
                }
                self.record(pointer, None);
            }
        }
    }

    /// A value that fits `schema` (whose `$defs` name is `name`) and that no rule flags
    /// on its own.
    fn placeholder(&mut self, schema: &'static Value, name: Option<&str>) -> Value {
        match name {
            Some(name) if name.ends_with("Id") => return Value::String(self.placeholders.next()),
            // Earlier than every date, so that no order check fails on it.
            Some("PartialDate") => return Value::from("0001"),
            // Neither pairing-kind rule flags a metropolitan area or another kind.
            Some("RegionKind") => return Value::from("metropolitan_area"),
            Some("PairingKind") => return Value::from("other"),
            // A code for private use, which no rule that compares countries compares.
            Some("CountryCode") => return Value::from("ZZ"),
            // Unique, so that two placeholders are never the same person.
            Some("Email") => {
                return Value::String(format!("{}@example.org", self.placeholders.next()));
            }
            _ => {}
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|values| values.first())
            .or_else(|| schema.get("const"))
            .or_else(|| schema.get("examples").and_then(|e| e.as_array()?.first()))
        {
            return first.clone();
        }
        if let Some(branch) = ["anyOf", "oneOf"]
            .iter()
            .find_map(|key| schema.get(*key)?.as_array()?.first())
        {
            let (branch, name) = crate::schema::resolve(branch);
            return self.placeholder(branch, name);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("object") => {
                let mut members = serde_json::Map::new();
                let properties = schema.get("properties").and_then(Value::as_object);
                for key in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if let Some(property) = properties.and_then(|p| p.get(key)) {
                        let (property, name) = crate::schema::resolve(property);
                        members.insert(key.to_owned(), self.placeholder(property, name));
                    }
                }
                Value::Object(members)
            }
            Some("array") => {
                let count = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                let items = schema.get("items").map(crate::schema::resolve);
                (0..count)
                    .filter_map(|_| items.map(|(items, name)| self.placeholder(items, name)))
                    .collect()
            }
            Some("integer" | "number") => schema.get("minimum").cloned().unwrap_or(Value::from(0)),
            Some("boolean") => Value::Bool(false),
            _ => Value::String(self.placeholders.next()),
        }
    }
}

/// Removes every unknown key that `shape` names, all of an object's at once: one at a time,
/// each removal would move the members after it, and an object of 100,000 unknown keys
/// took seconds.
fn remove_unknown_keys<'s>(value: &mut Tree<'_>, shape: impl Iterator<Item = &'s Diagnostic>) {
    let mut unknown: HashMap<&str, HashSet<Cow<'_, str>>> = HashMap::new();
    for finding in shape.filter(|f| f.code == RuleCode::UnknownKey) {
        if let Some(key) = finding
            .key_of
            .as_deref()
            .and_then(|key| key.rsplit('/').next())
        {
            unknown
                .entry(finding.pointer.as_str())
                .or_default()
                .insert(crate::pointer::unescape_token(key));
        }
    }
    for (pointer, keys) in unknown {
        if let Some(Tree::Object(members)) = value.pointer_mut(pointer) {
            members.retain(|(name, _)| !keys.contains(name.as_ref()));
        }
    }
}

/// `pointer` and every pointer above it, up to the root's `""`.
fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(pointer), |at| {
        at.rsplit_once('/').map(|(parent, _)| parent)
    })
}

/// The rules that read the value at `pointer` (or one above or below it), each with the
/// entry of a list it is silenced in, or `None` for everywhere.
fn codes_reading(pointer: &str) -> impl Iterator<Item = (RuleCode, Option<&str>)> + '_ {
    let first = tokens(pointer).next().unwrap_or_default();
    DEPENDENTS
        .iter()
        .filter(move |readers| {
            // Most values set aside are under a key that no pattern starts with (a list of
            // a million in `extensions`, say): a comparison of bytes rules a pattern out
            // before its tokens are split.
            readers
                .at
                .as_bytes()
                .get(1..)
                .is_some_and(|rest| rest.starts_with(first))
                && pattern_matches(readers.at, pointer)
        })
        .flat_map(move |readers| {
            let entry = entry_of(readers.at, pointer);
            let anywhere = readers.anywhere.iter().map(|code| (*code, None));
            anywhere.chain(readers.in_its_entry.iter().map(move |code| (*code, entry)))
        })
}

/// True when `pointer` is at, above or below the place `pattern` names.
fn pattern_matches(pattern: &str, pointer: &str) -> bool {
    let mut pattern_tokens = tokens(pattern);
    let mut tokens = tokens(pointer);
    loop {
        match (pattern_tokens.next(), tokens.next()) {
            (Some(expected), Some(token)) if expected == b"*" || expected == token => {}
            (None, _) | (_, None) => break true,
            _ => break false,
        }
    }
}

/// The entry of a list that `pointer`, which `pattern` matches, is in: `pointer` up to the
/// index that the pattern's first `*` stands for. `None` when the pattern has no `*`, or
/// `pointer` ends above it.
fn entry_of<'p>(pattern: &str, pointer: &'p str) -> Option<&'p str> {
    let depth = tokens(pattern).position(|token| token == b"*")? + 1;
    let mut end = 0;
    for _ in 0..depth {
        let rest = pointer.get(end..)?.strip_prefix('/')?;
        end += 1 + rest.find('/').unwrap_or(rest.len());
    }
    pointer.get(..end)
}

/// The tokens of `pointer`, escaped as written. Split as bytes: a `str` split sets up a
/// searcher, which costs more than the few short tokens of a pointer.
fn tokens(pointer: &str) -> impl Iterator<Item = &[u8]> {
    pointer.as_bytes().split(|&byte| byte == b'/').skip(1)
}

/// The pointer an `untranslatable-pointer` finding is about (the last token of its own
/// pointer, unescaped): when the value set aside is at, in or above it, the placeholder,
/// not the document, would decide whether it resolves to free text.
fn translated_pointer(finding: &Diagnostic) -> Option<String> {
    if finding.code != RuleCode::UntranslatablePointer {
        return None;
    }
    finding
        .pointer
        .rsplit('/')
        .next()
        .map(|token| crate::pointer::unescape_token(token).into_owned())
}

/// How many broken ids of a collection an `unknown-reference` is compared with by
/// likeness. A likeness costs far more than a lookup, and every one of a list of a
/// million broken ids compared with each reference took minutes; the same text, the slug
/// and the words of every broken id are still looked up.
const IDS_COMPARED_BY_LIKENESS: usize = 1_000;

/// How many comparisons by likeness of a reference with a broken id a document gets in
/// all: each reference is compared with up to [`IDS_COMPARED_BY_LIKENESS`], and 40,000
/// unknown references took 18 s. Past it, references are still looked up by text, slug
/// and word.
const LIKENESS_COMPARISONS: usize = 200_000;

/// Ids and references longer than this are not compared by likeness, whose cost is the
/// product of the two lengths: a thousand broken ids of 5,000 characters took half a
/// minute. Ids are short words; a longer one is broken anyway.
const LONGEST_COMPARED_BY_LIKENESS: usize = 100;

/// The ids set aside, by the collection whose entries they name, to tell whether an
/// `unknown-reference` into that collection could have been meant for one of them.
#[derive(Debug)]
struct BrokenIds {
    /// By collection (`topics`, `pairing/sub_pairings`): how a reference into it names
    /// it in its message, and its broken ids.
    collections: HashMap<String, (String, BrokenIdsOf)>,
    /// How many more broken ids references may be compared with by likeness.
    comparisons_left: usize,
}

impl Default for BrokenIds {
    fn default() -> Self {
        Self {
            collections: HashMap::new(),
            comparisons_left: LIKENESS_COMPARISONS,
        }
    }
}

#[derive(Debug, Default)]
struct BrokenIdsOf {
    /// True when an entry lost its id, or has one that is no text: any reference could
    /// be meant for it.
    missing: bool,
    /// Each id as written (trimmed, in lower case), its slug, and each of its words.
    written: HashSet<String>,
    /// The first ids as written and their slugs, to compare by likeness.
    compared: Vec<(String, String)>,
}

impl BrokenIds {
    /// The ids among the values set aside, whose pointers end with `/id`.
    fn of(set_aside: &[(String, Option<Value>)]) -> Self {
        let mut ids = Self::default();
        for (pointer, original) in set_aside {
            let Some(collection) = pointer
                .strip_suffix("/id")
                .and_then(|entry| entry.rsplit_once('/'))
                .map(|(collection, _)| collection.trim_start_matches('/'))
            else {
                continue;
            };
            let (_, of) = ids
                .collections
                .entry(collection.to_owned())
                .or_insert_with(|| {
                    (
                        format!("an entry in `{collection}`"),
                        BrokenIdsOf::default(),
                    )
                });
            // An id that is missing, blank, or no text (`7`, `{}`) cannot be compared with
            // a reference: any reference into its collection could be meant for it.
            let written = match original {
                Some(Value::String(written)) if !written.trim().is_empty() => {
                    written.trim().to_lowercase()
                }
                _ => {
                    of.missing = true;
                    continue;
                }
            };
            let words = || written.split(|c: char| !c.is_alphanumeric());
            let slug = words()
                .filter(|word| !word.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            of.written.extend(words().map(str::to_owned));
            if of.compared.len() < IDS_COMPARED_BY_LIKENESS
                && written.len() <= LONGEST_COMPARED_BY_LIKENESS
            {
                of.compared.push((written.clone(), slug.clone()));
            }
            of.written.insert(slug);
            of.written.insert(written);
        }
        ids
    }

    /// True when `finding` is an `unknown-reference` into the collection of a broken id
    /// that could have been meant for that id: the same text, or close to it.
    fn could_be_meant(&mut self, finding: &Diagnostic) -> bool {
        if finding.code != RuleCode::UnknownReference {
            return false;
        }
        let Some(reference) = finding.message.split('`').nth(1) else {
            return false;
        };
        let comparable = reference.len() <= LONGEST_COMPARED_BY_LIKENESS;
        let comparisons = &mut self.comparisons_left;
        self.collections.values().any(|(into, of)| {
            if !finding.message.contains(into.as_str()) {
                return false;
            }
            if of.missing || of.written.contains(reference) {
                return true;
            }
            if !comparable || *comparisons < of.compared.len() {
                return false;
            }
            *comparisons -= of.compared.len();
            of.compared.iter().any(|(written, slug)| {
                strsim::normalized_levenshtein(written, reference) >= 0.6
                    || strsim::normalized_levenshtein(slug, reference) >= 0.6
            })
        })
    }
}

/// Adds the pointer of each required key that `value` (an object of `schema`, at
/// `pointer`) lacks.
fn missing_keys(value: &Tree<'_>, schema: &Value, pointer: &str, missing: &mut Vec<String>) {
    let (Tree::Object(members), Some(required)) =
        (value, schema.get("required").and_then(Value::as_array))
    else {
        return;
    };
    for key in required.iter().filter_map(Value::as_str) {
        if !members.iter().any(|(name, _)| name == key) {
            let mut at = pointer.to_owned();
            crate::pointer::push_token(&mut at, key);
            missing.push(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{generations_as_written, unwritten_prefix};
    use crate::Format;
    use crate::format::tree::Tree;

    fn prefix_of(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        unwritten_prefix(json, Format::Json, &Tree::from_value(value))
    }

    #[test]
    fn the_placeholders_prefix_is_one_no_text_of_the_document_has() {
        assert_eq!(prefix_of(r#"{"a": "set aside"}"#), "set-aside-q-");
        assert_eq!(prefix_of(r#"{"a": "set-aside-q1-"}"#), "set-aside-q-");
        assert_eq!(
            prefix_of(r#"{"a": "casebook-set-aside-q-1"}"#),
            "set-aside-q1-"
        );
        // In any case, in a key, and written with escapes.
        assert_eq!(prefix_of(r#"{"SET-aside-Q-": 1}"#), "set-aside-q1-");
        assert_eq!(
            prefix_of(r#"["set-a\u0073ide-\u0051-", "set-aside-q1-", "set-aside-Q2"]"#),
            "set-aside-q3-"
        );
        // An escaped backslash escapes nothing.
        assert_eq!(prefix_of(r#"["\\u0071 set-aside-q-"]"#), "set-aside-q1-");
        let as_written = |text: &str| generations_as_written(text, &mut Default::default());
        assert!(as_written(r#"["\\u0071", "a\nb\"c"]"#));
        assert!(!as_written("a: \"b\\\n  c\""));
        assert!(!as_written(r#"["\u0071"]"#));
        // YAML's `!!binary` reads as the text it encodes (`set-aside-q-1`), which the tree has.
        let binary = "a: !!binary c2V0LWFzaWRlLXEtMQ==";
        let read = Tree::from_value(serde_json::json!({"a": "set-aside-q-1"}));
        assert_eq!(
            unwritten_prefix(binary, Format::Yaml, &read),
            "set-aside-q1-"
        );
        assert_eq!(
            unwritten_prefix(binary, Format::Json, &read),
            "set-aside-q-"
        );
        // A generation that only starts like a candidate takes nothing.
        assert_eq!(
            prefix_of(r#"["set-aside-q12", "set-aside-q-"]"#),
            "set-aside-q1-"
        );
        // Several in one text, at its start and end.
        assert_eq!(
            prefix_of(r#"["set-aside-q-set-aside-q1-set-aside-q2"]"#),
            "set-aside-q3-"
        );
    }
}
