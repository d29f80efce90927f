//! The schema's errors for a [`Tree`], found at a lower cost than one pass of the whole
//! schema.
//!
//! A document that fails the typed read is usually broken in a few places, and most of it
//! is in the lists of entries at its root (`regions`, `topics`, `lessons` and the rest).
//! Collecting errors costs about twice a yes-or-no check of the same values, so each
//! entry of those lists is first checked for a yes or no against its definition, and its
//! errors are collected only when it fails. The rest of the document is checked against
//! the schema with those lists' entries left out.
//!
//! The errors are the same, in the same order, as one pass of the whole schema gives: a
//! test compares the two on every fixture and on documents broken on purpose. The order
//! matters, since the first findings of a rule are the ones a report lists.

use std::sync::OnceLock;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::tree_json::TreeJson;
use crate::format::tree::Tree;

/// The schema, split: the document without its lists' entries, and each list's entry.
pub(crate) struct SchemaPass {
    /// The schema with each list of entries (`items` a `$ref`) taking any entry.
    document: jsonschema::Validator<TreeJson>,
    /// For each root key whose entries `document` leaves out, the entries' validator.
    entries: Vec<(String, jsonschema::Validator<TreeJson>)>,
}

/// A schema error with the pointer of the value it was found in, which its own instance
/// path is relative to (empty for an error found by the document's validator).
pub(crate) struct PlacedError<'t> {
    /// The pointer of the entry checked on its own, or empty.
    pub(crate) within: String,
    /// The error, its instance path relative to `within`.
    pub(crate) error: ValidationError<'t>,
}

impl PlacedError<'_> {
    /// The pointer of the value the error is about, from the document's root.
    pub(crate) fn pointer(&self) -> String {
        let relative = self.error.instance_path().as_str();
        if self.within.is_empty() {
            relative.to_owned()
        } else {
            format!("{}{relative}", self.within)
        }
    }
}

impl SchemaPass {
    /// The crate's schema, split; `None` if it does not compile, which a test rules out.
    pub(crate) fn cached() -> Option<&'static Self> {
        static PASS: OnceLock<Option<SchemaPass>> = OnceLock::new();
        PASS.get_or_init(|| Self::split(crate::schema::cached()))
            .as_ref()
    }

    /// Splits `schema`: a root property that is a list whose `items` is a `$ref` alone gets
    /// its own validator for that definition, and takes any entry in the document's.
    fn split(schema: &Value) -> Option<Self> {
        // Each entry's schema is a reference into the whole schema, found in a registry:
        // a copy of the definitions for each would be checked against the meta-schema
        // again, once for each list.
        let id = schema.get("$id")?.as_str()?;
        let registry = jsonschema::Registry::new()
            .add(id, schema)
            .ok()?
            .prepare()
            .ok()?;
        let mut document = schema.clone();
        let mut entries = Vec::new();
        let properties = document.get_mut("properties")?.as_object_mut()?;
        for (name, property) in properties.iter_mut() {
            let Some(reference) = entry_reference(property) else {
                continue;
            };
            let entry = serde_json::json!({ "$ref": format!("{id}{reference}") });
            let validator = super::tree_json::validator(&entry, Some(&registry)).ok()?;
            entries.push((name.clone(), validator));
            property["items"] = Value::Bool(true);
        }
        let document = super::tree_json::validator(&document, None).ok()?;
        Some(Self { document, entries })
    }

    /// Every schema error of `tree`, in the order one pass of the whole schema gives.
    pub(crate) fn errors<'t>(&'t self, tree: &'t Tree<'t>) -> Vec<PlacedError<'t>> {
        let placed = |error| PlacedError {
            within: String::new(),
            error,
        };
        let mut document = self.document.iter_errors(tree).peekable();
        let Tree::Object(members) = tree else {
            return document.map(placed).collect();
        };
        let mut found = Vec::new();
        // The whole schema checks the root's missing keys first, then its members in the
        // order written, each member whole, and then its unknown keys.
        while let Some(error) = document.next_if(|error| {
            error.instance_path().as_str().is_empty()
                && !matches!(
                    error.kind(),
                    ValidationErrorKind::AdditionalProperties { .. }
                )
        }) {
            found.push(placed(error));
        }
        let mut pointer = String::new();
        for (name, value) in members {
            pointer.clear();
            crate::pointer::push_token(&mut pointer, name);
            while let Some(error) = document.next_if(|error| {
                crate::pointer::is_at_or_under(error.instance_path().as_str(), &pointer)
            }) {
                found.push(placed(error));
            }
            let (Some(validator), Tree::Array(items)) = (self.entries_of(name), value) else {
                continue;
            };
            for (index, item) in items.iter().enumerate() {
                if validator.is_valid(item) {
                    continue;
                }
                let within = format!("{pointer}/{index}");
                found.extend(validator.iter_errors(item).map(|error| PlacedError {
                    within: within.clone(),
                    error,
                }));
            }
        }
        found.extend(document.map(placed));
        found
    }

    /// The validator of the entries of the root's list `name`, when it is one split off.
    fn entries_of(&self, name: &str) -> Option<&jsonschema::Validator<TreeJson>> {
        self.entries
            .iter()
            .find(|(split, _)| split == name)
            .map(|(_, validator)| validator)
    }
}

/// The `$ref` of a list's `items`, when the property is a list whose entries are a
/// reference and nothing else.
fn entry_reference(property: &Value) -> Option<String> {
    if property.get("type").and_then(Value::as_str) != Some("array") {
        return None;
    }
    let items = property.get("items")?.as_object()?;
    match (items.len(), items.get("$ref")) {
        (1, Some(Value::String(reference))) => Some(reference.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error as the whole schema's pass describes it: its place from the root, its
    /// keyword, its message and its value.
    fn described(pointer: String, error: &ValidationError<'_>) -> String {
        format!(
            "{pointer} {} {} {}",
            error.schema_path(),
            error,
            error.instance()
        )
    }

    /// Documents broken in many places at once: entries of several lists, more entries
    /// than a report lists a rule, lists that are no lists, keys that a pointer escapes.
    fn broken_documents(example: &Value) -> Vec<Value> {
        let mut documents = Vec::new();
        let mut broken = example.clone();
        broken["regions"][0]["country"] = "XQ".into();
        broken["regions"][1]["colour"] = "blue".into();
        broken["title"] = 5.into();
        broken["pairing"]["colour"] = "blue".into();
        broken["topics"][0]["id"] = "Not An Id".into();
        broken["lessons"] = serde_json::json!([{"id": "-lesson", "text": "\t\n"}, 7, null]);
        broken["unknown/with~slash"] = serde_json::json!([{"id": 1}]);
        documents.push(broken);
        // One region only: the list's own error and its entry's.
        let mut one_region = example.clone();
        one_region["regions"] = serde_json::json!([{"id": "x", "country": "XQ"}]);
        documents.push(one_region);
        // Missing keys at the root, with broken entries (the root's missing keys come
        // first), and an unknown key at the root with broken entries (it comes last).
        let mut missing = example.clone();
        let root = missing.as_object_mut().unwrap();
        root.remove("title");
        root.remove("id");
        missing["regions"][0]["country"] = "XQ".into();
        missing["regions"][1] = serde_json::json!({"id": "y"});
        documents.push(missing.clone());
        missing["colour"] = "blue".into();
        missing["translations"] = "none".into();
        documents.push(missing);
        let mut unknown_last = example.clone();
        unknown_last["colour"] = "blue".into();
        unknown_last["sources"] = serde_json::json!([{"title": 5}]);
        documents.push(unknown_last);
        // Lists that are not lists, and a missing key at the root.
        let mut not_lists = example.clone();
        not_lists["topics"] = serde_json::json!({"id": "x"});
        not_lists["events"] = "none".into();
        not_lists.as_object_mut().unwrap().remove("id");
        documents.push(not_lists);
        // More broken entries than the report lists for one rule, in two lists.
        let mut many = example.clone();
        let broken_region = serde_json::json!({"id": "r", "name": "R", "country": "XQ"});
        many["regions"] = Value::Array(vec![broken_region; 250]);
        many["people"] = Value::Array(vec![serde_json::json!({"id": "Bad Id"}); 150]);
        documents.push(many);
        // Not an object at all.
        documents.push(serde_json::json!(["a", "list"]));
        documents.push(serde_json::json!({}));
        documents
    }

    /// The split pass gives the errors of one pass of the whole schema, in the same order.
    #[test]
    fn the_split_pass_finds_what_the_whole_schema_finds_in_its_order() {
        let schema = crate::schema::cached();
        let whole = super::super::tree_json::validator(schema, None).unwrap();
        let split = SchemaPass::split(schema).unwrap();
        assert!(
            split.entries.iter().any(|(name, _)| name == "regions") && split.entries.len() >= 10,
            "the lists of entries are split off: {:?}",
            split
                .entries
                .iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>()
        );
        let (mut documents, example) = crate::format::tree::tests::fixture_values();
        documents.extend(broken_documents(&example));
        let mut errors = 0;
        let mut within_entries = 0;
        for value in &documents {
            let tree = Tree::from_value(value.clone());
            let expected: Vec<String> = whole
                .iter_errors(&tree)
                .map(|error| described(error.instance_path().as_str().to_owned(), &error))
                .collect();
            let placed = split.errors(&tree);
            let found: Vec<String> = placed
                .iter()
                .map(|placed| described(placed.pointer(), &placed.error))
                .collect();
            assert_eq!(found, expected, "{value}");
            errors += found.len();
            within_entries += placed
                .iter()
                .filter(|placed| !placed.within.is_empty())
                .count();
        }
        assert!(
            errors > 600 && within_entries > 500,
            "{errors} {within_entries}"
        );
    }
}
