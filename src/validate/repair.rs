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

use crate::format::tree::Tree;

use super::report::Diagnostic;
use super::rule::RuleCode;
use crate::model::CaseStudy;

/// How many times a value that serde still refuses is set aside before giving up.
const MAX_ATTEMPTS: usize = 64;

/// Up to how many places of the shape's findings are looked at one by one for missing
/// keys; past it, the whole document is walked once.
const PLACES_LOOKED_UP: usize = 256;

/// The letter that sets placeholder texts apart: `casebook-set-aside-q-1`, with one more
/// `q` than the longest run of them in the document (see [`Placeholders`]). A rare letter,
/// since the text is searched for it.
const PLACEHOLDER_LETTER: u8 = b'q';

/// The rules that read a value, by the value's pointer (`*` stands for any index): when
/// such a value is set aside, their findings anywhere are dropped, since they would be
/// about the placeholder rather than the document. A pattern also matches the values
/// above and below it: a broken `/pairing` silences what `/pairing/started` silences.
const DEPENDENTS: &[(&str, &[RuleCode])] = &[
    (
        "/published",
        &[
            RuleCode::PublishedBeforeStart,
            RuleCode::EventAfterPublished,
            RuleCode::HistoricCurrency,
        ],
    ),
    (
        "/pairing/started",
        &[
            RuleCode::DateOrder,
            RuleCode::PublishedBeforeStart,
            RuleCode::EventBeforeStart,
            RuleCode::IucPartners,
            RuleCode::OutcomeStatusMismatch,
        ],
    ),
    (
        "/pairing/ended",
        &[
            RuleCode::DateOrder,
            RuleCode::StatusDateMismatch,
            RuleCode::EventAfterEnd,
        ],
    ),
    (
        "/pairing/status",
        &[
            RuleCode::StatusDateMismatch,
            RuleCode::OutcomeStatusMismatch,
        ],
    ),
    (
        "/pairing/kind",
        &[RuleCode::CityPairingKind, RuleCode::RegionPairingKind],
    ),
    (
        "/pairing/regions",
        &[
            RuleCode::IucPartners,
            RuleCode::CityPairingKind,
            RuleCode::RegionPairingKind,
            RuleCode::UnpairedRegion,
            RuleCode::ObserverIsPartner,
            RuleCode::SubPairingOutsidePairing,
        ],
    ),
    (
        "/pairing/observers",
        &[
            RuleCode::UnpairedRegion,
            RuleCode::ObserverIsPartner,
            RuleCode::SubPairingOutsidePairing,
        ],
    ),
    (
        "/pairing/sub_pairings/*/regions",
        &[RuleCode::SubPairingOutsidePairing],
    ),
    (
        "/regions/*/id",
        &[
            RuleCode::UnpairedRegion,
            RuleCode::SubPairingOutsidePairing,
            RuleCode::RegionParentCycle,
            RuleCode::OrganisationCountryMismatch,
            RuleCode::PersonRegionMismatch,
        ],
    ),
    (
        "/regions/*/kind",
        &[RuleCode::CityPairingKind, RuleCode::RegionPairingKind],
    ),
    (
        "/regions/*/country",
        &[
            RuleCode::SubdivisionCountryMismatch,
            RuleCode::NutsCountryMismatch,
            RuleCode::NutsOutsideArea,
            RuleCode::IucPartners,
            RuleCode::OrganisationCountryMismatch,
            RuleCode::CoordinatesOutsideCountry,
            RuleCode::UnlocodeCountryMismatch,
        ],
    ),
    (
        "/regions/*/parent",
        &[RuleCode::UnpairedRegion, RuleCode::RegionParentCycle],
    ),
    ("/outcomes/*/status", &[RuleCode::OutcomeStatusMismatch]),
    ("/outcomes/*/date", &[RuleCode::OutcomeStatusMismatch]),
    (
        "/regions/*/identifiers",
        &[RuleCode::UnlocodeCountryMismatch],
    ),
    (
        "/regions/*/coordinates",
        &[RuleCode::CoordinatesOutsideCountry],
    ),
    ("/events/*/country", &[RuleCode::CoordinatesOutsideCountry]),
    (
        "/events/*/coordinates",
        &[RuleCode::CoordinatesOutsideCountry],
    ),
    (
        "/quotes/*/language",
        &[RuleCode::TranslationWithoutLanguage],
    ),
    ("/language", &[RuleCode::TranslationInOwnLanguage]),
    ("/organisations/*/id", &[RuleCode::PersonRegionMismatch]),
    (
        "/organisations/*/country",
        &[RuleCode::OrganisationCountryMismatch],
    ),
    (
        "/organisations/*/region",
        &[
            RuleCode::OrganisationCountryMismatch,
            RuleCode::PersonRegionMismatch,
        ],
    ),
    ("/funding_sources/*/period", &[RuleCode::HistoricCurrency]),
    (
        "/funding_sources/*/amount",
        &[
            RuleCode::ShareCurrencyMismatch,
            RuleCode::SharesExceedAmount,
        ],
    ),
    (
        "/funding_sources/*/shares",
        &[
            RuleCode::ShareParty,
            RuleCode::ShareCurrencyMismatch,
            RuleCode::SharesExceedAmount,
        ],
    ),
    (
        "/indicators/*/measure",
        &[
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::IndicatorUnitCurrency,
        ],
    ),
    ("/indicators/*/unit", &[RuleCode::IndicatorUnitCurrency]),
    (
        "/indicators/*/baseline",
        &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::TargetBeforeBaseline,
        ],
    ),
    (
        "/indicators/*/target",
        &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
            RuleCode::TargetBeforeBaseline,
        ],
    ),
    (
        "/indicators/*/values",
        &[
            RuleCode::IndicatorWithoutValues,
            RuleCode::PercentageOutOfRange,
            RuleCode::CountNotWhole,
        ],
    ),
    ("/people/*/region", &[RuleCode::PersonRegionMismatch]),
    ("/people/*/organisation", &[RuleCode::PersonRegionMismatch]),
];

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
        mut value: Tree<'_>,
        shape: impl Iterator<Item = &'s Diagnostic> + Clone,
    ) -> Option<Self> {
        let mut repair = Repair::new(text);
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
        let silenced = self
            .set_aside
            .iter()
            .flat_map(|(pointer, _)| codes_reading(pointer))
            .collect();
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
    /// The rules that read any of them.
    silenced: HashSet<RuleCode>,
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
            || (at_or_under_any(&finding.pointer) && !about_a_kept_key)
            || self.ids.could_be_meant(finding)
            || translated_pointer(finding).is_some_and(|translated| {
                at_or_under_any(&translated)
                    || self
                        .pointers
                        .iter()
                        .any(|pointer| is_at_or_under(pointer, &translated))
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
    /// The document's text, read for a prefix only when the first placeholder is made.
    text: &'t str,
    prefix: Option<String>,
    made: usize,
}

impl Placeholders<'_> {
    /// A text no other placeholder has.
    fn next(&mut self) -> String {
        let text = self.text;
        let prefix = self
            .prefix
            .get_or_insert_with(|| format!("casebook-set-aside-{}-", unwritten_word(text)));
        self.made += 1;
        format!("{prefix}{}", self.made)
    }
}

/// One more [`PLACEHOLDER_LETTER`] than the longest run of it (in either case) in `text`:
/// a word that `text` does not have, found in one pass.
fn unwritten_word(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    let mut last = None;
    let letter = PLACEHOLDER_LETTER;
    for at in memchr::memchr2_iter(letter, letter.to_ascii_uppercase(), text.as_bytes()) {
        run = if last.is_some_and(|last| last + 1 == at) {
            run + 1
        } else {
            1
        };
        longest = longest.max(run);
        last = Some(at);
    }
    char::from(letter).to_string().repeat(longest + 1)
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
    /// A repair of the document written as `text`.
    fn new(text: &'t str) -> Self {
        Self {
            set_aside: Vec::new(),
            tried: HashSet::new(),
            map_entries: HashSet::new(),
            placeholders: Placeholders {
                text,
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

fn is_at_or_under(pointer: &str, base: &str) -> bool {
    pointer
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// `pointer` and every pointer above it, up to the root's `""`.
fn ancestors(pointer: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(pointer), |at| {
        at.rsplit_once('/').map(|(parent, _)| parent)
    })
}

/// The rules that read the value at `pointer` (or one above or below it).
fn codes_reading(pointer: &str) -> impl Iterator<Item = RuleCode> + '_ {
    let first = tokens(pointer).next().unwrap_or_default();
    DEPENDENTS
        .iter()
        .filter(move |(pattern, _)| {
            // Most values set aside are under a key that no pattern starts with (a list of
            // a million in `extensions`, say): a comparison of bytes rules a pattern out
            // before its tokens are split.
            if !pattern
                .as_bytes()
                .get(1..)
                .is_some_and(|rest| rest.starts_with(first))
            {
                return false;
            }
            let mut pattern_tokens = tokens(pattern);
            let mut tokens = tokens(pointer);
            loop {
                match (pattern_tokens.next(), tokens.next()) {
                    (Some(expected), Some(token)) if expected == b"*" || expected == token => {}
                    (None, _) | (_, None) => break true,
                    _ => break false,
                }
            }
        })
        .flat_map(|(_, codes)| codes.iter().copied())
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
    use super::unwritten_word;

    #[test]
    fn the_placeholders_word_is_one_the_text_does_not_have() {
        assert_eq!(unwritten_word(""), "q");
        assert_eq!(unwritten_word("casebook-set-aside-1"), "q");
        assert_eq!(unwritten_word("Iqaluit"), "qq");
        assert_eq!(unwritten_word("qQq and qq"), "qqqq");
        // Runs at the very start and end of the text, and runs apart.
        assert_eq!(unwritten_word("qq-a-qqq"), "qqqq");
        assert_eq!(unwritten_word("qqq-a-qq"), "qqqq");
    }
}
