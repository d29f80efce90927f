//! The crate's schema checks a document's [`Tree`] in place: `jsonschema` validates any
//! representation that implements its `Json` traits, and a tree read for the schema alone
//! need not be turned into a `serde_json::Value` first.

use std::borrow::Cow;

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
            Tree::Bool(value) => Some(*value),
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

/// Builds the validator of `schema` for trees.
pub(crate) fn validator(
    schema: &Value,
) -> Result<jsonschema::Validator<TreeJson>, jsonschema::ValidationError<'static>> {
    jsonschema::options_for::<TreeJson>()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(schema)
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
        let for_trees = validator(schema).unwrap();
        let texts = crate::format::tree::tests::fixture_texts();
        let mut documents: Vec<Value> = texts
            .iter()
            .filter_map(|(_, text, format)| crate::format::tree_as_written(text, *format).ok())
            .map(|tree| tree.to_value())
            .collect();
        let example = documents
            .iter()
            .find(|value| {
                value["topics"][0].is_object()
                    && value["pairing"].is_object()
                    && value["regions"][1].is_object()
            })
            .unwrap()
            .clone();
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
        documents.push(broken);
        let mut errors = 0;
        let mut repeats = 0;
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
            errors += found.len();
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
    }
}
