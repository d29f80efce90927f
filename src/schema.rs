//! The JSON Schema (draft 2020-12) of the format, generated from the Rust types.
//!
//! Field descriptions come from the rustdoc of the model. The schema says everything
//! JSON Schema can say about a document's shape; what it cannot say (that references
//! resolve, that dates are in order, that a subdivision or language code is assigned) is
//! checked by [`Validator`](crate::Validator) and listed in the schema's `description`.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::format::tree::Tree;
use crate::{CaseStudy, CountryCode};

/// The `$id` of the schema of format version 1: a stable URL that names the major
/// version, which changes only with a new major version of the format.
pub const SCHEMA_ID: &str = "https://casebook.dev/schema/v1/case-study.schema.json";

/// The schema's description: what it is, and what the crate's validator checks beyond
/// it, from the rule table, so that the two cannot drift apart.
fn description() -> String {
    let beyond: Vec<&str> = crate::RuleCode::ALL
        .iter()
        .filter(|code| code.kind() == crate::validate::RuleKind::Content)
        .map(|code| code.summary())
        .collect();
    format!(
        "A case study of an innovation cooperation between cities or regions (format 1.x of the \
         casebook crate). This schema checks the shape of a document. The casebook validator also \
         checks what JSON Schema cannot say: {}.",
        beyond.join("; ")
    )
}

/// The JSON Schema of a case-study document, as a JSON value.
///
/// ```
/// let schema = casebook::schema();
/// assert_eq!(schema["$id"], casebook::SCHEMA_ID);
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["properties"]["regions"]["minItems"], 2);
/// ```
pub fn schema() -> Value {
    cached().clone()
}

/// The JSON Schema as pretty-printed JSON, keys in a stable order, ending with a newline.
pub fn schema_json() -> String {
    let mut text = serde_json::to_string_pretty(cached()).unwrap_or_default();
    text.push('\n');
    text
}

pub(crate) fn cached() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(generate)
}

fn generate() -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<CaseStudy>().to_value();
    finish(&mut schema);
    schema
}

/// Adds what the derive cannot: the root's identity, country codes as a list, and a
/// non-blank pattern on every free-text string.
fn finish(schema: &mut Value) {
    walk(schema);
    let Some(root) = schema.as_object_mut() else {
        return;
    };
    let mut ordered = serde_json::Map::new();
    ordered.insert(
        "$schema".into(),
        root.remove("$schema").unwrap_or(Value::Null),
    );
    ordered.insert("$id".into(), json!(SCHEMA_ID));
    ordered.insert("title".into(), json!("Case study"));
    ordered.insert("description".into(), json!(description()));
    root.remove("title");
    root.remove("description");
    ordered.append(root);
    *root = ordered;
    if let Some(country) = root
        .get_mut("$defs")
        .and_then(|defs| defs.get_mut("CountryCode"))
        .and_then(Value::as_object_mut)
    {
        country.insert("enum".into(), CountryCode::assigned().collect());
    }
}

/// A description in plain words: rustdoc's links (``[`CaseStudy::language`]``, with or
/// without a target) become the code they name (`` `language` ``), so that tools that
/// turn the schema into code or documentation in other languages show no Rust.
fn plain_description(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        let (before, link) = rest.split_at(start);
        plain.push_str(before);
        let Some(end) = link.find("`]") else {
            plain.push_str(link);
            rest = "";
            break;
        };
        let name = link.get(2..end).unwrap_or_default();
        let short = name
            .rsplit("::")
            .next()
            .unwrap_or(name)
            .trim_end_matches("()");
        plain.push('`');
        plain.push_str(short);
        plain.push('`');
        rest = link.get(end + 2..).unwrap_or_default();
        // A link target in parentheses goes with the link.
        if rest.starts_with('(')
            && let Some(close) = rest.find(')')
        {
            rest = rest.get(close + 1..).unwrap_or_default();
        }
    }
    plain.push_str(rest);
    plain
}

/// Removes `null` from an optional key's schema (`"type": ["string", "null"]`, or
/// `anyOf` with `{"type": "null"}`): the format has no null, and the crate rejects one.
fn remove_null(object: &mut serde_json::Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|kind| kind != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            object.insert("type".into(), single);
        }
    }
    let null = json!({"type": "null"});
    if let Some(Value::Array(choices)) = object.get("anyOf")
        && choices.len() == 2
        && choices.contains(&null)
        && let Some(Value::Object(kept)) = choices.iter().find(|choice| **choice != null).cloned()
    {
        object.remove("anyOf");
        for (key, value) in kept {
            object.entry(key).or_insert(value);
        }
    }
}

/// Adds a pattern that wants one character other than space (see
/// [`space_class!`](crate::codes::space_class)) to string schemas that have no pattern,
/// list or format: the free-text fields, which must not be blank.
fn walk(value: &mut Value) {
    match value {
        Value::Object(object) => {
            remove_null(object);
            // schemars' own formats (`uint64`, `double`) are unknown to other tools, and
            // `format` is only an annotation in draft 2020-12: the patterns carry every
            // rule, so no format is given and every validator reads the schema as it is.
            object.remove("format");
            if let Some(Value::String(description)) = object.get_mut("description") {
                *description = plain_description(description);
            }
            let is_free_text = object.get("type") == Some(&json!("string"))
                && !["pattern", "enum", "const", "format"]
                    .iter()
                    .any(|key| object.contains_key(*key));
            if is_free_text {
                object.insert("pattern".into(), json!(crate::codes::NOT_BLANK_PATTERN));
            }
            object.values_mut().for_each(walk);
        }
        Value::Array(items) => items.iter_mut().for_each(walk),
        _ => {}
    }
}

/// Visits every value of a document together with the schema that applies to it (after
/// following `$ref`), with its JSON Pointer and the name of its `$defs` entry, if any.
pub(crate) fn walk_with_schema<'t>(
    value: &mut Tree<'t>,
    visit: &mut impl FnMut(&mut Tree<'t>, &Value, Option<&str>, &str),
) {
    walk_at(value, SchemaGraph::ROOT, &mut String::new(), None, visit);
}

/// Like [`walk_with_schema`], over the value at `pointer` and what it holds only.
pub(crate) fn walk_with_schema_at<'t>(
    value: &mut Tree<'t>,
    pointer: &str,
    visit: &mut impl FnMut(&mut Tree<'t>, &Value, Option<&str>, &str),
) {
    if let (Some(target), Some(node)) = (value.pointer_mut(pointer), node_at(pointer, true)) {
        walk_at(target, node, &mut pointer.to_owned(), None, visit);
    }
}

/// The subschemas that lead to a value of some `$defs` entries: a walk looking for such
/// values leaves out the rest (free text, ids, codes), which is most of a document.
pub(crate) struct Reach {
    /// Whether each subschema is, or holds, one of the entries.
    leads: Vec<bool>,
    /// For each subschema, its properties that lead to one: a walk compares a key with
    /// these few rather than searching all of them.
    properties: Vec<Vec<(&'static str, usize)>>,
}

impl Reach {
    /// The subschemas that are, or hold, one of `definitions`.
    pub(crate) fn of(definitions: &[&str]) -> Self {
        let nodes = &graph().nodes;
        let mut reach: Vec<bool> = nodes
            .iter()
            .map(|node| {
                node.definition
                    .is_some_and(|name| definitions.contains(&name))
            })
            .collect();
        // The graph has cycles (`$defs` refer to each other): grow until nothing changes.
        let mut changed = true;
        while changed {
            changed = false;
            for (index, node) in nodes.iter().enumerate() {
                let leads = |child: usize| reach.get(child).copied().unwrap_or(false);
                let reaches = node.properties.iter().any(|&(_, child)| leads(child))
                    || node.values.is_some_and(leads)
                    || node.items.is_some_and(leads);
                if reaches && let Some(slot @ false) = reach.get_mut(index) {
                    *slot = true;
                    changed = true;
                }
            }
        }
        let properties = nodes
            .iter()
            .map(|node| {
                node.properties
                    .iter()
                    .filter(|&&(_, child)| reach.get(child).copied().unwrap_or(false))
                    .copied()
                    .collect()
            })
            .collect();
        Self {
            leads: reach,
            properties,
        }
    }

    fn leads(&self, node: usize) -> bool {
        self.leads.get(node).copied().unwrap_or(false)
    }

    /// Where the member `key` of a value of subschema `node` (`here`) leads, when it leads
    /// to one of the entries.
    fn member(&self, node: usize, here: &SchemaNode, key: &str) -> Option<usize> {
        let leading = self
            .properties
            .get(node)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(&(_, child)) = leading.iter().find(|(name, _)| *name == key) {
            return Some(child);
        }
        // Any other key leads on only as a value of a map, and only if it is not one of the
        // properties (which lead elsewhere).
        here.values
            .filter(|&values| self.leads(values) && here.property(key).is_none())
    }
}

/// Like [`walk_with_schema`], leaving out the values that cannot hold what `reach` leads
/// to.
pub(crate) fn walk_with_schema_reaching<'t>(
    value: &mut Tree<'t>,
    reach: &Reach,
    visit: &mut impl FnMut(&mut Tree<'t>, &Value, Option<&str>, &str),
) {
    walk_at(
        value,
        SchemaGraph::ROOT,
        &mut String::new(),
        Some(reach),
        visit,
    );
}

fn walk_at<'t>(
    value: &mut Tree<'t>,
    node: usize,
    pointer: &mut String,
    reach: Option<&Reach>,
    visit: &mut impl FnMut(&mut Tree<'t>, &Value, Option<&str>, &str),
) {
    let Some(here) = graph().nodes.get(node) else {
        return;
    };
    visit(value, here.schema, here.definition, pointer);
    let wanted = |child: usize| reach.is_none_or(|reach| reach.leads(child));
    match value {
        Tree::Object(members) => {
            for (key, member) in members.iter_mut() {
                let child = match reach {
                    Some(reach) => reach.member(node, here, key),
                    None => here.property(key).or(here.values),
                };
                if let Some(child) = child {
                    let length = pointer.len();
                    crate::pointer::push_token(pointer, key);
                    walk_at(member, child, pointer, reach, visit);
                    pointer.truncate(length);
                }
            }
        }
        Tree::Array(items) => {
            let Some(child) = here.items.filter(|&c| wanted(c)) else {
                return;
            };
            for (index, item) in items.iter_mut().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(itoa::Buffer::new().format(index));
                walk_at(item, child, pointer, reach, visit);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// The schema as a graph of its subschemas, each with its `$ref` followed, built once: a
/// walk of a document (for the findings of a document that does not read, and for its
/// repair) then takes one binary search a key, where reading the schema as JSON took
/// several map lookups, each hashing its key, a value.
struct SchemaGraph {
    nodes: Vec<SchemaNode>,
}

/// One subschema, after `$ref`, and where each of its keys, items or map values leads.
struct SchemaNode {
    schema: &'static Value,
    /// The `$defs` entry that `$ref` led to.
    definition: Option<&'static str>,
    /// `(key, node)` for each of `properties`, sorted by key.
    properties: Vec<(&'static str, usize)>,
    /// The schema of any other key (see [`map_values`]).
    values: Option<usize>,
    items: Option<usize>,
}

impl SchemaNode {
    fn property(&self, key: &str) -> Option<usize> {
        let found = self
            .properties
            .binary_search_by(|(name, _)| (*name).cmp(key))
            .ok()?;
        self.properties.get(found).map(|&(_, node)| node)
    }
}

impl SchemaGraph {
    const ROOT: usize = 0;

    fn build() -> Self {
        let mut graph = Self { nodes: Vec::new() };
        graph.add(cached(), &mut HashMap::new());
        graph
    }

    /// Adds `schema` and what it leads to, each subschema once (`$defs` refer to each other
    /// in cycles); returns its node.
    fn add(&mut self, schema: &'static Value, added: &mut HashMap<*const Value, usize>) -> usize {
        if let Some(&node) = added.get(&std::ptr::from_ref(schema)) {
            return node;
        }
        let (resolved, definition) = resolve(schema);
        let node = self.nodes.len();
        added.insert(std::ptr::from_ref(schema), node);
        self.nodes.push(SchemaNode {
            schema: resolved,
            definition,
            properties: Vec::new(),
            values: None,
            items: None,
        });
        let mut properties = Vec::new();
        for (key, member) in resolved
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            properties.push((key.as_str(), self.add(member, added)));
        }
        properties.sort_unstable_by_key(|&(key, _)| key);
        let values = map_values(resolved).map(|values| self.add(values, added));
        let items = resolved.get("items").map(|items| self.add(items, added));
        if let Some(here) = self.nodes.get_mut(node) {
            here.properties = properties;
            here.values = values;
            here.items = items;
        }
        node
    }
}

fn graph() -> &'static SchemaGraph {
    static GRAPH: OnceLock<SchemaGraph> = OnceLock::new();
    GRAPH.get_or_init(SchemaGraph::build)
}

/// The schema of the values of a map (`translations` and each of its languages): its
/// `additionalProperties` when that is a schema, or the one schema of its
/// `patternProperties`. `None` for `extensions`, whose values are anything.
fn map_values(schema: &Value) -> Option<&Value> {
    if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
        return Some(values);
    }
    match schema.get("patternProperties").and_then(Value::as_object) {
        Some(patterns) if patterns.len() == 1 => patterns.values().next(),
        _ => None,
    }
}

/// Reads a YAML plain scalar as text where the format expects text: `started: 2018` and
/// `title: 2019` are the strings `"2018"` and `"2019"`, as the typed read has them.
/// True when the schema wants a string at `pointer` (a key of the format, not inside
/// `extensions`, where anything goes).
pub(crate) fn expects_string(pointer: &str) -> bool {
    schema_at(pointer, true).is_some_and(|(schema, _)| schema.get("type") == Some(&json!("string")))
}

/// True when the schema has free text at `pointer`: a string of its own, with the
/// non-blank pattern and nothing else that narrows it, not a `$ref` to an id, code, date,
/// URL or e-mail type. Used by `untranslatable-pointer`.
pub(crate) fn is_free_text(pointer: &str) -> bool {
    schema_at(pointer, false).is_some_and(|(schema, definition)| {
        definition.is_none()
            && schema.get("type") == Some(&json!("string"))
            && schema.get("pattern").and_then(Value::as_str)
                == Some(crate::codes::NOT_BLANK_PATTERN)
            && !["enum", "const", "format"]
                .iter()
                .any(|key| schema.get(*key).is_some())
    })
}

/// Follows a `$ref` into the schema's `$defs`: the definition with its name, or the
/// schema itself and `None` when it has no `$ref`.
pub(crate) fn resolve(schema: &'static Value) -> (&'static Value, Option<&'static str>) {
    let definitions = cached().get("$defs").and_then(Value::as_object);
    match schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|target| target.strip_prefix("#/$defs/"))
        .and_then(|name| definitions?.get_key_value(name))
    {
        Some((name, definition)) => (definition, Some(name.as_str())),
        None => (schema, None),
    }
}

/// The schema of the value at `pointer` (after `$ref`), with the name of its `$defs` entry
/// when the last step went through a `$ref`. With `through_maps`, objects whose keys are
/// free (`additionalProperties`, one `patternProperties`) are descended into too.
pub(crate) fn schema_at(
    pointer: &str,
    through_maps: bool,
) -> Option<(&'static Value, Option<&'static str>)> {
    let node = graph().nodes.get(node_at(pointer, through_maps)?)?;
    Some((node.schema, node.definition))
}

/// The node of the schema graph for the value at `pointer` (see [`schema_at`]).
fn node_at(pointer: &str, through_maps: bool) -> Option<usize> {
    let nodes = &graph().nodes;
    let mut node = SchemaGraph::ROOT;
    for token in pointer.split('/').skip(1) {
        let token = crate::pointer::unescape_token(token);
        let here = nodes.get(node)?;
        node = match here.property(&token) {
            Some(member) => member,
            None => match here.items {
                Some(items) if token.parse::<usize>().is_ok() => items,
                _ if through_maps => here.values?,
                _ => return None,
            },
        };
    }
    Some(node)
}

/// Makes each scalar of a YAML document that the parser read as a number or a boolean,
/// where the format wants text, the text written, as the typed read does: `started: 2018`
/// is `"2018"`, `id: 0x1F` is `"0x1F"` (not `"31"`), `summary: 1e3` is `"1e3"` (not
/// `"1000.0"`), and `summary: .nan` is `".nan"`. `kept` says whether the read kept a
/// number that is not finite as a stand-in text (see
/// [`keeping_non_finite`](crate::format::numbers::keeping_non_finite)), which is then
/// replaced in the same way.
pub(crate) fn yaml_scalars_as_text(
    value: &mut Tree<'_>,
    text: &str,
    kept: crate::format::numbers::KeptNonFinite,
) {
    let places = yaml_texts_read_as_other(value, kept);
    if !places.is_empty() {
        let mut written = yaml_scalars_written_at(text, &places, |_, _, _| {});
        set_yaml_texts(value, &places, &mut written);
    }
}

/// The places of a YAML document's tree where the format wants text but the parser read
/// a number or a boolean, or kept a stand-in for a number that is not finite: what
/// [`yaml_scalars_as_text`] replaces. Found in the tree, without parsing the text again.
pub(crate) fn yaml_texts_read_as_other(
    value: &mut Tree<'_>,
    kept: crate::format::numbers::KeptNonFinite,
) -> HashSet<String> {
    let read_as_other = |value: &Tree<'_>| match value {
        Tree::Number(_) | Tree::Bool(_) => true,
        Tree::String(stand_in) => {
            kept == crate::format::numbers::KeptNonFinite::Some
                && matches!(stand_in.as_ref(), ".nan" | ".inf" | "-.inf")
        }
        _ => false,
    };
    let mut places = HashSet::new();
    walk_with_schema(value, &mut |value, schema, _, pointer| {
        if schema.get("type") == Some(&json!("string")) && read_as_other(value) {
            places.insert(pointer.to_owned());
        }
    });
    places
}

/// Makes each of `places` the text `written` there, taken out of `written`. A scalar
/// tagged as a number or a boolean (`!!int 12`) stays what it is, which the typed read
/// refuses as text too; a place not found as a scalar of its own (a merge key brought it
/// through an alias) gets its value as JSON writes it.
pub(crate) fn set_yaml_texts(
    value: &mut Tree<'_>,
    places: &HashSet<String>,
    written: &mut HashMap<String, Option<String>>,
) {
    for pointer in places {
        let Some(place) = value.pointer_mut(pointer) else {
            continue;
        };
        match written.remove(pointer) {
            Some(Some(scalar)) => *place = Tree::String(scalar.into()),
            Some(None) => {}
            None if matches!(place, Tree::Number(_) | Tree::Bool(_)) => {
                *place = Tree::String(place.to_value().to_string().into());
            }
            None => {}
        }
    }
}

/// The text of the scalar written at each of `places` of a YAML text, an alias standing
/// for the scalar it names; `None` for a scalar with a tag of YAML's core schema, which
/// says what it is (`!!int 12`). Every node of the walk is also handed to `visit`, so that
/// one walk of the text serves another check too.
pub(crate) fn yaml_scalars_written_at(
    text: &str,
    places: &HashSet<String>,
    mut visit: impl FnMut(&str, crate::validate::Position, &serde_saphyr::granit_parser::Event<'_>),
) -> HashMap<String, Option<String>> {
    use serde_saphyr::granit_parser::Event;
    let mut anchored: HashMap<usize, Option<String>> = HashMap::new();
    let mut written = HashMap::new();
    crate::validate::walk_yaml(text, |pointer, _, at, event| {
        visit(pointer, at, event);
        let scalar = match event {
            Event::Scalar(scalar, _, anchor, tag) => {
                let untagged = tag.as_ref().is_none_or(|tag| tag.core_suffix().is_none());
                let scalar = untagged.then(|| scalar.to_string());
                if *anchor != 0 {
                    anchored.insert(*anchor, scalar.clone());
                }
                scalar
            }
            Event::Alias(anchor) => match anchored.get(anchor) {
                Some(scalar) => scalar.clone(),
                None => return,
            },
            _ => return,
        };
        if places.contains(pointer) {
            written.insert(pointer.to_owned(), scalar);
        }
    });
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema at `pointer` read from the schema as JSON, step by step, as every walk
    /// did before the graph: what the graph must agree with.
    fn read_from_json(pointer: &str) -> Option<(&'static Value, Option<&'static str>)> {
        let mut here = resolve(cached());
        for token in pointer.split('/').skip(1) {
            let token = crate::pointer::unescape_token(token);
            let schema = here.0;
            let next = match schema
                .get("properties")
                .and_then(|properties| properties.get(token.as_ref()))
            {
                Some(member) => member,
                None => match schema.get("items") {
                    Some(items) if token.parse::<usize>().is_ok() => items,
                    _ => map_values(schema)?,
                },
            };
            here = resolve(next);
        }
        Some(here)
    }

    /// Every JSON document of the examples and fixtures that reads as JSON.
    fn fixture_values() -> Vec<(std::path::PathBuf, Tree<'static>)> {
        let mut documents = Vec::new();
        for folder in [
            "examples/data",
            "tests/fixtures/valid",
            "tests/fixtures/invalid",
        ] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().and_then(|e| e.to_str()) != Some("json") {
                    continue;
                }
                if let Ok(value) =
                    serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
                {
                    documents.push((path, Tree::from_value(value)));
                }
            }
        }
        documents
    }

    #[test]
    fn the_graph_gives_every_value_of_every_fixture_the_schema_read_from_json() {
        let documents = fixture_values().len();
        let mut visited = 0;
        for (path, mut value) in fixture_values() {
            walk_with_schema(&mut value, &mut |_, schema, definition, pointer| {
                visited += 1;
                let (expected, expected_definition) = read_from_json(pointer)
                    .unwrap_or_else(|| panic!("{}: {pointer}", path.display()));
                assert!(
                    std::ptr::eq(schema, expected),
                    "{}: {pointer}",
                    path.display()
                );
                assert_eq!(definition, expected_definition, "{pointer}");
                let at = schema_at(pointer, true).unwrap();
                assert!(std::ptr::eq(at.0, expected) && at.1 == expected_definition);
            });
        }
        assert!(documents > 10 && visited > 1_000, "{documents} {visited}");
        // A key the schema does not know, outside a map, has no schema.
        assert!(schema_at("/pairing/colour", true).is_none());
        assert!(schema_at("/regions/x", false).is_none());
        assert!(schema_at("/regions/0/name", false).is_some());
    }
    #[test]
    fn a_walk_that_leaves_out_what_cannot_lead_to_a_definition_misses_none_of_it() {
        let wanted = ["PartialDate", "Url", "Email"];
        let reach = Reach::of(&wanted);
        let mut found = 0;
        let mut left_out = 0;
        for (path, mut value) in fixture_values() {
            let mut every = Vec::new();
            let mut all = 0;
            walk_with_schema(&mut value, &mut |_, _, definition, pointer| {
                all += 1;
                if definition.is_some_and(|name| wanted.contains(&name)) {
                    every.push(pointer.to_owned());
                }
            });
            let mut reached = Vec::new();
            let mut visited = 0;
            walk_with_schema_reaching(&mut value, &reach, &mut |_, _, definition, pointer| {
                visited += 1;
                if definition.is_some_and(|name| wanted.contains(&name)) {
                    reached.push(pointer.to_owned());
                }
            });
            assert_eq!(reached, every, "{}", path.display());
            found += every.len();
            left_out += all - visited;
        }
        // Dates, addresses and links are found, and most of the rest is not visited.
        assert!(found > 50 && left_out > found, "{found} {left_out}");
    }
}
