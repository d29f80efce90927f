//! The crate's schema checks a document's [`Tree`] in place: `jsonschema` validates any
//! representation that implements its `Json` traits, and a tree read for the schema alone
//! need not be turned into a `serde_json::Value` first.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, Node, NodeIdentity, Object};
use jsonschema_value::LazyInstance;
use serde_json::{Number, Value};

use crate::format::tree::Tree;

/// How many characters of an error's value a message may show: the shape's findings show
/// at most 200 of `jsonschema`'s own message, and 60 of a value.
pub(crate) const SHOWN_CHARS: usize = 256;

/// The [`Tree`] representation, for `jsonschema::options_for`.
pub(crate) struct TreeJson;

impl Json for TreeJson {
    type Node<'a> = &'a Tree<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    // A key is found by comparing it with each member, so a pass over the members never
    // costs more than the lookups it replaces.
    const KEYS_PER_LOOKUP: usize = 64;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>(
        (): &mut (),
        string: &str,
        f: impl for<'x> FnOnce(&'x Tree<'x>) -> T,
    ) -> T {
        f(&Tree::String(Cow::Borrowed(string)))
    }
}

/// An object's members.
#[derive(Clone, Copy)]
pub(crate) struct Members<'a>(&'a [(Cow<'a, str>, Tree<'a>)]);

/// A list's items.
#[derive(Clone, Copy)]
pub(crate) struct Items<'a>(&'a [Tree<'a>]);

impl<'a> Node<'a, TreeJson> for &'a Tree<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = &'a Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match self {
            Tree::Object(members) => Some(Members(members)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match self {
            Tree::Array(items) => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Tree::String(text) => Some(Cow::Borrowed(text.as_ref())),
            _ => None,
        }
    }

    fn as_number(&self) -> Option<&'a Number> {
        match self {
            Tree::Number(number) => Some(number),
            _ => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Tree::Bool(value) => Some(value.is_set()),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Tree::Null)
    }

    fn json_type(&self) -> JsonType {
        match self {
            Tree::Null => JsonType::Null,
            Tree::Bool(_) => JsonType::Boolean,
            Tree::Number(_) => JsonType::Number,
            Tree::String(_) => JsonType::String,
            Tree::Array(_) => JsonType::Array,
            Tree::Object(_) => JsonType::Object,
        }
    }

    fn string_length_within(&self, min: u64, max: u64) -> Option<bool> {
        let Tree::String(text) = self else {
            return None;
        };
        // A character takes one to four bytes: the byte length often settles it uncounted.
        let bytes = text.len() as u64;
        if bytes < min || bytes.div_ceil(4) > max {
            return Some(false);
        }
        if min <= bytes.div_ceil(4) && bytes <= max {
            return Some(true);
        }
        Some((min..=max).contains(&(text.chars().count() as u64)))
    }

    fn equals_value(&self, expected: &Value) -> bool {
        match (self, expected) {
            // A text equals only the same text: no copy to compare it.
            (Tree::String(text), _) => expected.as_str() == Some(text.as_ref()),
            (Tree::Number(number), _) => {
                jsonschema::json::cmp::equal(&Value::Number(number.clone()), expected)
            }
            _ => jsonschema::json::cmp::equal(&self.to_value(), expected),
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(Tree::to_value(self))
    }

    /// The value an error carries, for its message: `jsonschema` makes it for every error,
    /// and a missing key's error carries the object that misses it (for `title`, the
    /// whole document). Cut short past [`SHOWN_CHARS`], which no message shows more of.
    fn lazy_value(&self) -> LazyInstance<'a> {
        LazyInstance::Ready(Cow::Owned(self.to_value_within(SHOWN_CHARS)))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::new(
            std::ptr::from_ref::<Tree<'_>>(self) as usize
        ))
    }
}

/// The members of an object, with their keys as written.
pub(crate) struct MembersIter<'a>(std::slice::Iter<'a, (Cow<'a, str>, Tree<'a>)>);

impl<'a> Iterator for MembersIter<'a> {
    type Item = (&'a str, &'a Tree<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(key, value)| (key.as_ref(), value))
    }
}

impl<'a> Object<'a, TreeJson> for Members<'a> {
    type Node = &'a Tree<'a>;
    type MemberName = &'a str;
    type MembersIter = MembersIter<'a>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, key: &String) -> Option<&'a Tree<'a>> {
        self.0
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    fn members(&self) -> MembersIter<'a> {
        MembersIter(self.0.iter())
    }
}

impl<'a> Array<'a, TreeJson> for Items<'a> {
    type Node = &'a Tree<'a>;
    type ElementsIter = std::slice::Iter<'a, Tree<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> std::slice::Iter<'a, Tree<'a>> {
        self.0.iter()
    }

    fn is_unique(&self) -> bool {
        // The lists the schema wants unique are lists of texts: no copy to compare them.
        let texts: Option<Vec<&str>> = self.0.iter().map(Tree::as_str).collect();
        match texts {
            Some(texts) => {
                let mut seen = std::collections::HashSet::with_capacity(texts.len());
                texts.into_iter().all(|text| seen.insert(text))
            }
            None => {
                let values: Vec<Cow<'_, Value>> = self
                    .0
                    .iter()
                    .map(|item| Cow::Owned(item.to_value()))
                    .collect();
                jsonschema::json::unique::is_unique(&values)
            }
        }
    }
}

/// Builds the validator of `schema` for trees, its references resolved in `registry` when
/// one is given.
pub(crate) fn validator(
    schema: &Value,
    registry: Option<&jsonschema::Registry<'_>>,
) -> Result<jsonschema::Validator<TreeJson>, jsonschema::ValidationError<'static>> {
    let options = jsonschema::options_for::<TreeJson>()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_keyword("pattern", PatternKeyword::compile);
    match registry {
        Some(registry) => options.with_registry(registry).build(schema),
        None => options.build(schema),
    }
}

/// The schema's patterns that the crate matches with its own functions, each the same
/// language as its regular expression: the text and id patterns are most of the strings a
/// document has, and a regular-expression search costs several times more than a pass over
/// a short text.
const PATTERNS_MATCHED_NATIVELY: [(&str, TextTest); 2] = [
    (crate::codes::NOT_BLANK_PATTERN, crate::codes::is_not_blank),
    (
        crate::codes::SLUG_PATTERN,
        crate::codes::matches_slug_pattern,
    ),
];

/// A test of a text: true when it matches.
type TextTest = fn(&str) -> bool;

/// The `pattern` keyword: `jsonschema`'s own, but for the patterns of
/// [`PATTERNS_MATCHED_NATIVELY`], where a text that matches is let through by the crate's
/// function. The errors are always made by `jsonschema`'s own keyword, so they are the
/// same, kind and message, with or without the crate's function.
struct PatternKeyword {
    native: Option<TextTest>,
    pattern: Value,
    /// `jsonschema`'s keyword for this pattern alone: built when first wanted, since a
    /// document whose texts all match never wants it. `None` if it does not compile.
    builtin: std::sync::OnceLock<Option<Arc<jsonschema::Validator<TreeJson>>>>,
}

/// The validators of patterns alone, built once for each pattern: the not-blank pattern
/// stands in 40 places of the schema, the URL pattern in several, and the schema's lists
/// are each checked by a validator of their own (see `schema_pass`).
type BuiltPatterns = BTreeMap<String, Result<Arc<jsonschema::Validator<TreeJson>>, String>>;

impl PatternKeyword {
    fn compile<'a>(
        _: &'a serde_json::Map<String, Value>,
        pattern: &'a Value,
        _: jsonschema::paths::Location,
    ) -> Result<Box<dyn for<'i> jsonschema::Keyword<'i, TreeJson>>, jsonschema::ValidationError<'a>>
    {
        let keyword = Self {
            native: PATTERNS_MATCHED_NATIVELY
                .iter()
                .find(|(known, _)| pattern.as_str() == Some(known))
                .map(|(_, matches)| *matches),
            pattern: pattern.clone(),
            builtin: std::sync::OnceLock::new(),
        };
        if keyword.native.is_none() {
            // Built now, so that a pattern that does not compile fails the schema's build.
            let builtin = keyword
                .build_builtin()
                .map_err(jsonschema::ValidationError::schema)?;
            let _ = keyword.builtin.set(Some(builtin));
        }
        Ok(Box::new(keyword))
    }

    /// This pattern's validator, built or found among those built for the same pattern.
    fn build_builtin(&self) -> Result<Arc<jsonschema::Validator<TreeJson>>, String> {
        static BUILT: Mutex<BuiltPatterns> = Mutex::new(BTreeMap::new());
        // A pattern whose build panicked left no entry: the lock's poison hides nothing.
        let mut built = BUILT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let key = self.pattern.to_string();
        if let Some(found) = built.get(&key) {
            return found.clone();
        }
        let validator = jsonschema::options_for::<TreeJson>()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&serde_json::json!({ "pattern": self.pattern }))
            .map(Arc::new)
            .map_err(|error| error.to_string());
        built.insert(key, validator.clone());
        validator
    }

    fn builtin(&self) -> Option<&jsonschema::Validator<TreeJson>> {
        self.builtin
            .get_or_init(|| self.build_builtin().ok())
            .as_deref()
    }

    /// True when the crate's own function says `instance` matches; false when there is
    /// none, or the instance does not match and wants `jsonschema`'s error.
    fn native_match(&self, instance: &Tree<'_>) -> bool {
        match (self.native, instance) {
            (Some(matches), Tree::String(text)) => matches(text),
            _ => false,
        }
    }

    /// `jsonschema`'s error for a text that does not match.
    fn error<'i>(&self, instance: &'i Tree<'i>) -> Result<(), jsonschema::ValidationError<'i>> {
        match self.builtin() {
            Some(builtin) => builtin.validate(instance),
            // Never so for the crate's own patterns, which the tests compile.
            None => Err(jsonschema::ValidationError::custom(format!(
                "the pattern {} does not compile",
                self.pattern
            ))),
        }
    }
}

impl<'i> jsonschema::Keyword<'i, TreeJson> for PatternKeyword {
    fn validate(&self, instance: &'i Tree<'i>) -> Result<(), jsonschema::ValidationError<'i>> {
        if self.native_match(instance) {
            return Ok(());
        }
        self.error(instance)
    }

    fn is_valid(&self, instance: &'i Tree<'i>) -> bool {
        self.native_match(instance)
            || self
                .builtin()
                .is_some_and(|builtin| builtin.is_valid(instance))
    }

    fn iter_errors(
        &self,
        instance: &'i Tree<'i>,
    ) -> Box<dyn Iterator<Item = jsonschema::ValidationError<'i>> + 'i> {
        // An empty iterator has no size, so a match costs no allocation.
        if self.native_match(instance) {
            return Box::new(std::iter::empty());
        }
        Box::new(self.error(instance).err().into_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree gets the errors its `Value` gets, in the same order, for every fixture and a
    /// few documents broken on purpose.
    #[test]
    fn the_schema_finds_in_a_tree_what_it_finds_in_a_value() {
        let schema = crate::schema::cached();
        let for_values = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(schema)
            .unwrap();
        let for_trees = validator(schema, None).unwrap();
        let (mut documents, example) = crate::format::tree::tests::fixture_values();
        let mut broken = example.clone();
        broken["regions"][0]["country"] = "XQ".into();
        broken["title"] = 5.into();
        broken["pairing"]["colour"] = "blue".into();
        broken["regions"][1] = serde_json::json!({"id": "", "name": "  "});
        broken["schema_version"] = serde_json::json!(["1.0"]);
        // A long list where a text is wanted, and a list that repeats an entry.
        broken["summary"] = Value::Array(vec![Value::from("a long entry to show"); 200]);
        broken["pairing"]["observers"] = serde_json::json!(["x", "y", "x"]);
        broken["topics"][0]["sdgs"] = serde_json::json!([3, 4, 3]);
        // Texts and ids that the patterns matched natively refuse, and one each lets in.
        broken["topics"][0]["id"] = "smart--tourism".into();
        broken["topics"][0]["name"] = "\u{3000}\u{feff}\u{85}".into();
        broken["regions"][0]["name"] = "\u{a0}x".into();
        broken["lessons"] = serde_json::json!([{"id": "-lesson", "text": "\t\n"}]);
        documents.push(broken);
        let mut errors = 0;
        let mut repeats = 0;
        let mut patterns = 0;
        for value in &documents {
            // An error's value is cut short past what a message shows: so are the texts
            // compared.
            let described = |error: jsonschema::ValidationError<'_>| {
                let head = |text: String| text.chars().take(SHOWN_CHARS).collect::<String>();
                format!(
                    "{} {} {} {}",
                    error.instance_path(),
                    error.schema_path(),
                    head(error.to_string()),
                    head(error.instance().to_string())
                )
            };
            let expected: Vec<String> = for_values.iter_errors(value).map(described).collect();
            let tree = Tree::from_value(value.clone());
            let found: Vec<String> = for_trees.iter_errors(&tree).map(described).collect();
            assert_eq!(found, expected);
            assert_eq!(for_trees.is_valid(&tree), for_values.is_valid(value));
            errors += found.len();
            patterns += found
                .iter()
                .filter(|found| found.contains("/pattern "))
                .count();
            repeats += found
                .iter()
                .filter(|found| found.contains("uniqueItems"))
                .count();
        }
        assert!(
            documents.len() > 50 && errors > 20,
            "{} {errors}",
            documents.len()
        );
        assert!(repeats >= 2, "{repeats}");
        assert!(patterns >= 4, "{patterns}");
    }

    /// Each pattern matched by a function of the crate matches what its regular
    /// expression matches: every text of up to four characters from an alphabet of the
    /// characters each pattern treats apart (letters of both cases, digits, hyphens, each
    /// kind of space, and characters beyond ASCII), and 50,000 longer ones.
    #[test]
    fn the_patterns_matched_natively_match_what_their_expressions_match() {
        let alphabet = [
            'a', 'z', 'm', '0', '9', '-', 'A', '_', ' ', '\t', '\n', '\u{1c}', '\u{85}', '\u{a0}',
            '\u{200b}', '\u{2028}', '\u{3000}', '\u{feff}', 'é', '😀',
        ];
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|text| alphabet.iter().map(move |c| format!("{text}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        // Longer texts, across the eight-byte words the id check reads: mostly letters,
        // digits and hyphens, now and then another character of the alphabet.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % below).unwrap_or(0)
        };
        for _ in 0..50_000 {
            let length = 5 + next(40);
            let text: String = (0..length)
                .map(|_| match next(40) {
                    0 => alphabet[next(alphabet.len() as u64)],
                    1..=8 => '-',
                    pick => "abcdefghijklmnopqrstuvwxyz0123456789".as_bytes()[pick % 36].into(),
                })
                .collect();
            texts.push(text);
        }
        for (pattern, matches) in PATTERNS_MATCHED_NATIVELY {
            let expression = jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&serde_json::json!({ "pattern": pattern }))
                .unwrap();
            let mut matched = 0;
            for text in &texts {
                let expected = expression.is_valid(&Value::from(text.as_str()));
                assert_eq!(matches(text), expected, "{pattern} on {text:?}");
                matched += usize::from(expected);
            }
            // Both answers are common, so neither side could pass by always saying one.
            assert!(
                matched > 1000 && texts.len() - matched > 1000,
                "{pattern}: {matched}"
            );
        }
    }
}
