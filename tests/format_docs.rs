//! The field tables of `docs/format.md` agree with the JSON Schema.
//!
//! Every object of `schema/case-study.schema.json` (the root, called `CaseStudy`, and
//! each object in `$defs`) has one table in `docs/format.md`, between a line
//! `<!-- fields: Name -->` and a line `<!-- /fields -->`, under a heading `## Name`. The
//! table is generated from the schema: one row per key, in schema order, with its type,
//! whether it is required, and the first paragraph of its description. These tests
//! regenerate every table and fail when the committed file differs, when a schema object
//! has no table, or when a table names an object the schema lacks. The prose around the
//! tables is written by hand and never touched.
//!
//! After a change to the Rust types, regenerate the schema first (see `tests/schema.rs`),
//! then the tables:
//!
//! ```text
//! UPDATE_DOCS=1 cargo test --test format_docs
//! ```
//!
//! and commit `docs/format.md`. A new object needs its section written by hand: a heading
//! `## Name`, a few words, and an empty block for the test to fill.
//!
//! `CASEBOOK_ROOT` points the tests at another checkout of the crate; by default they read
//! the files of this one.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{Map, Value};

const SCHEMA_FILE: &str = "schema/case-study.schema.json";
const DOC_FILE: &str = "docs/format.md";
/// The name the document root goes by in the doc; the schema's root has no `$defs` name.
const ROOT_OBJECT: &str = "CaseStudy";
const OPEN_PREFIX: &str = "<!-- fields: ";
const OPEN_SUFFIX: &str = " -->";
const CLOSE: &str = "<!-- /fields -->";
const UPDATE_HINT: &str = "regenerate the tables with `UPDATE_DOCS=1 cargo test --test \
     format_docs` and commit docs/format.md";

fn root() -> PathBuf {
    std::env::var_os("CASEBOOK_ROOT")
        .filter(|value| !value.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn schema() -> Value {
    serde_json::from_str(&read(SCHEMA_FILE))
        .unwrap_or_else(|error| panic!("{SCHEMA_FILE} is not JSON: {error}"))
}

fn update_requested() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some_and(|value| !value.is_empty() && value != "0")
}

/// The schema's `$defs`, or an empty map.
fn defs(schema: &Value) -> Map<String, Value> {
    schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn is_object(schema: &Value) -> bool {
    schema.get("properties").is_some_and(Value::is_object)
}

/// The objects that get a table: the root first, then every object of `$defs`, in schema
/// order.
fn objects(schema: &Value) -> Vec<(String, Value)> {
    let mut objects = vec![(ROOT_OBJECT.to_owned(), schema.clone())];
    objects.extend(defs(schema).into_iter().filter(|(_, def)| is_object(def)));
    objects
}

/// A marked block of the doc.
struct Block {
    name: String,
    /// 1-based line of the opening marker.
    line: usize,
    /// Byte range of the text between the markers.
    body: std::ops::Range<usize>,
}

/// The marked blocks of `doc`, or what is wrong with the markers.
fn blocks(doc: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize, usize)> = None;
    let mut offset = 0;
    for (index, line) in doc.split_inclusive('\n').enumerate() {
        let number = index + 1;
        let content = line.trim_end();
        if let Some(name) = content
            .strip_prefix(OPEN_PREFIX)
            .and_then(|rest| rest.strip_suffix(OPEN_SUFFIX))
        {
            if let Some((outer, outer_line, _)) = &open {
                return Err(format!(
                    "{DOC_FILE}:{number}: a block for `{name}` opens inside the block for \
                     `{outer}` opened at line {outer_line}"
                ));
            }
            open = Some((name.trim().to_owned(), number, offset + line.len()));
        } else if content == CLOSE {
            let Some((name, line_number, start)) = open.take() else {
                return Err(format!("{DOC_FILE}:{number}: `{CLOSE}` closes no block"));
            };
            blocks.push(Block {
                name,
                line: line_number,
                body: start..offset,
            });
        }
        offset += line.len();
    }
    match open {
        Some((name, line, _)) => Err(format!(
            "{DOC_FILE}:{line}: the block for `{name}` is never closed with `{CLOSE}`"
        )),
        None => Ok(blocks),
    }
}

/// The generated table of one object, with a blank line before and after it.
fn table(object: &Value, defs: &Map<String, Value>) -> Result<String, String> {
    let required: BTreeSet<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    // Blank lines around the table keep every Markdown renderer from reading a marker as
    // part of it.
    let mut table = String::from("\n| key | type | required | description |\n|---|---|---|---|\n");
    let properties = object.get("properties").and_then(Value::as_object);
    for (key, property) in properties.into_iter().flatten() {
        let kind = type_of(property, defs).map_err(|error| format!("`{key}`: {error}"))?;
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .map(first_paragraph)
            .unwrap_or_default();
        let required = if required.contains(key.as_str()) {
            "yes"
        } else {
            "no"
        };
        let _ = writeln!(
            table,
            "| `{key}` | {} | {required} | {} |",
            escape(&kind),
            escape(&description)
        );
    }
    table.push('\n');
    Ok(table)
}

/// The type column: an object links to its section, a list of allowed values is spelt out,
/// any other named value type goes by its `$defs` name.
fn type_of(schema: &Value, defs: &Map<String, Value>) -> Result<String, String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference
            .strip_prefix("#/$defs/")
            .ok_or_else(|| format!("the reference {reference} is not to `$defs`"))?;
        let def = defs
            .get(name)
            .ok_or_else(|| format!("the reference {reference} names no definition"))?;
        if is_object(def) {
            return Ok(format!("[{name}](#{})", name.to_lowercase()));
        }
        // A code list with a grammar of its own (the assigned country codes) goes by name.
        if def.get("pattern").is_none()
            && def.get("format").is_none()
            && let Some(values) = def.get("enum").and_then(Value::as_array)
        {
            return Ok(values_of(values));
        }
        return Ok(format!("`{name}`"));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return Ok(values_of(values));
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("array") => {
            let items = schema.get("items").ok_or("an array without `items`")?;
            let mut kind = format!("array of {}", type_of(items, defs)?);
            if let Some(min) = schema.get("minItems") {
                let _ = write!(kind, ", at least {min}");
            }
            if let Some(max) = schema.get("maxItems") {
                let _ = write!(kind, ", at most {max}");
            }
            if schema.get("uniqueItems") == Some(&Value::Bool(true)) {
                kind.push_str(", no repeats");
            }
            Ok(kind)
        }
        Some(kind @ ("integer" | "number")) => Ok(format!("{kind}{}", range(schema))),
        Some("string") => Ok(match schema.get("pattern").and_then(Value::as_str) {
            // The non-blank pattern of free text: the doc says once that text is never blank.
            None | Some("\\S") => "string".to_owned(),
            Some(pattern) => format!("string matching `{pattern}`"),
        }),
        Some("object") if is_object(schema) => {
            Err("an object without a `$defs` name, which would have no section".to_owned())
        }
        Some("object") => Ok(
            if schema.get("additionalProperties") == Some(&Value::Bool(true)) {
                "object (any keys)".to_owned()
            } else {
                "object".to_owned()
            },
        ),
        Some("boolean") => Ok("boolean".to_owned()),
        _ => Err(format!("no rule to describe the type {schema}")),
    }
}

/// `` `a`, `b`, `c` ``
fn values_of(values: &[Value]) -> String {
    values
        .iter()
        .map(|value| match value {
            Value::String(text) => format!("`{text}`"),
            other => format!("`{other}`"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The bounds of a number, such as ` (1 to 17)` or ` (at least 0)`.
fn range(schema: &Value) -> String {
    if let (Some(min), Some(max)) = (schema.get("minimum"), schema.get("maximum")) {
        return format!(" ({min} to {max})");
    }
    let bounds: Vec<String> = [
        ("minimum", "at least"),
        ("exclusiveMinimum", "more than"),
        ("maximum", "at most"),
        ("exclusiveMaximum", "less than"),
    ]
    .iter()
    .filter_map(|(key, words)| schema.get(*key).map(|bound| format!("{words} {bound}")))
    .collect();
    if bounds.is_empty() {
        String::new()
    } else {
        format!(" ({})", bounds.join(", "))
    }
}

/// The first paragraph of a description on one line, with rustdoc links reduced to their
/// code text.
fn first_paragraph(description: &str) -> String {
    let lines: Vec<&str> = description
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .collect();
    strip_doc_links(&lines.join(" "))
}

/// ``[`Foo`](…)``, ``[`Foo`][…]`` and ``[`Foo::bar`]`` become `` `Foo` `` and
/// `` `Foo::bar` ``: rustdoc's links lead nowhere outside rustdoc.
fn strip_doc_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("`]") {
            Some(end) if !after[..end].contains('`') => {
                out.push('`');
                out.push_str(&after[..end]);
                out.push('`');
                rest = skip_link_target(&after[end + 2..]);
            }
            _ => {
                out.push_str("[`");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` without a leading `(target)` or `[target]`.
fn skip_link_target(text: &str) -> &str {
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(end) = text
            .strip_prefix(open)
            .and_then(|inner| inner.find(close).map(|end| &inner[end + 1..]))
        {
            return end;
        }
    }
    text
}

/// A table cell on one line: `|` escaped, line breaks as spaces.
fn escape(cell: &str) -> String {
    cell.replace(['\r', '\n'], " ").replace('|', "\\|")
}

/// The 1-based line, counted from the opening marker, where `committed` and `generated`
/// first differ, with both versions of that line.
fn first_difference(block: &Block, committed: &str, generated: &str) -> String {
    let mut committed_lines = committed.lines();
    let mut generated_lines = generated.lines();
    let mut line = block.line + 1;
    loop {
        match (committed_lines.next(), generated_lines.next()) {
            (Some(old), Some(new)) if old == new => line += 1,
            (None, None) => return format!("{line}: only line endings differ"),
            (old, new) => {
                return format!(
                    "{line}:\n      committed: {}\n      generated: {}",
                    old.unwrap_or("(nothing)"),
                    new.unwrap_or("(nothing)")
                );
            }
        }
    }
}

#[test]
fn every_schema_object_has_one_table_and_a_section() {
    let schema = schema();
    let doc = read(DOC_FILE);
    let blocks = blocks(&doc).unwrap_or_else(|error| panic!("{error}"));
    let headings: BTreeSet<&str> = doc
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .map(str::trim)
        .collect();
    let mut problems = Vec::new();
    for (name, _) in objects(&schema) {
        match blocks.iter().filter(|block| block.name == name).count() {
            0 => problems.push(format!(
                "the schema object `{name}` has no table: add `{OPEN_PREFIX}{name}{OPEN_SUFFIX}` \
                 and `{CLOSE}` to its section"
            )),
            1 => {}
            count => problems.push(format!("`{name}` has {count} tables; keep one")),
        }
        if !headings.contains(name.as_str()) {
            problems.push(format!(
                "no heading `## {name}`, which the type column links to as #{}",
                name.to_lowercase()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{DOC_FILE} does not cover {SCHEMA_FILE}:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_table_names_a_schema_object() {
    let schema = schema();
    let doc = read(DOC_FILE);
    let blocks = blocks(&doc).unwrap_or_else(|error| panic!("{error}"));
    let known: BTreeSet<String> = objects(&schema).into_iter().map(|(name, _)| name).collect();
    let unknown: Vec<String> = blocks
        .iter()
        .filter(|block| !known.contains(&block.name))
        .map(|block| format!("{DOC_FILE}:{}: `{}`", block.line, block.name))
        .collect();
    assert!(
        unknown.is_empty(),
        "{DOC_FILE} has tables for objects that {SCHEMA_FILE} lacks (rename or remove them):\n  {}",
        unknown.join("\n  ")
    );
}

#[test]
fn the_tables_match_the_schema() {
    let schema = schema();
    let defs = defs(&schema);
    let objects: Vec<(String, Value)> = objects(&schema);
    let doc = read(DOC_FILE);
    let blocks = blocks(&doc).unwrap_or_else(|error| panic!("{error}"));

    let mut regenerated = String::with_capacity(doc.len());
    let mut copied = 0;
    let mut drifted = Vec::new();
    let mut broken = Vec::new();
    for block in &blocks {
        let Some((_, object)) = objects.iter().find(|(name, _)| *name == block.name) else {
            // Reported by `every_table_names_a_schema_object`; left as it is.
            continue;
        };
        let generated = match table(object, &defs) {
            Ok(generated) => generated,
            Err(error) => {
                broken.push(format!("`{}`: {error}", block.name));
                continue;
            }
        };
        let committed = &doc[block.body.clone()];
        if committed != generated {
            drifted.push(format!(
                "`{}`, {DOC_FILE}:{}",
                block.name,
                first_difference(block, committed, &generated)
            ));
        }
        regenerated.push_str(&doc[copied..block.body.start]);
        regenerated.push_str(&generated);
        copied = block.body.end;
    }
    regenerated.push_str(&doc[copied..]);

    assert!(
        broken.is_empty(),
        "cannot generate the tables of {DOC_FILE} from {SCHEMA_FILE}; teach tests/format_docs.rs \
         the new kind of type:\n  {}",
        broken.join("\n  ")
    );
    if update_requested() {
        if regenerated != doc {
            let path = root().join(DOC_FILE);
            std::fs::write(&path, &regenerated)
                .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
            eprintln!("updated {} table(s) in {}", drifted.len(), path.display());
        }
        return;
    }
    assert!(
        drifted.is_empty(),
        "the field tables in {DOC_FILE} differ from {SCHEMA_FILE} for {} object(s); \
         {UPDATE_HINT}.\n  {}",
        drifted.len(),
        drifted.join("\n  ")
    );
}
