//! From a JSON Pointer to a line and column in the source text.
//!
//! Only documents with findings pay for this. JSON is walked again only along the way to
//! the pointers asked for, every other value skipped by serde_json, and the walk stops
//! once each pointer has its place; YAML is read again
//! into granit-parser's events and TOML into toml's spanned tables, and the values at the
//! pointers asked for (and their ancestors) are indexed.

use std::collections::{HashMap, HashSet};

use jsonc_parser::tokens::Token;
use jsonc_parser::{Scanner, ScannerOptions};
use serde_saphyr::granit_parser::{Event, Parser};

use crate::Format;
use crate::pointer::push_token;

/// A line and column, both from 1; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

/// Where a member of an object or an item of an array stands.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The key, for a member of an object.
    key: Option<Position>,
    /// The value.
    value: Position,
}

/// The positions of every value of a document, by JSON Pointer.
#[derive(Debug, Default)]
pub(crate) struct Locations {
    nodes: HashMap<String, Node>,
}

impl Locations {
    /// Indexes the values of `text` at the `wanted` pointers and their ancestors (a
    /// document of a million values keeps a few dozen); an empty index when the text
    /// cannot be parsed.
    pub(crate) fn of<'w>(
        text: &str,
        format: Format,
        wanted: impl IntoIterator<Item = &'w str>,
    ) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut kept = HashSet::new();
        for pointer in wanted {
            let mut prefix = pointer;
            loop {
                if !kept.insert(prefix.to_owned()) {
                    break;
                }
                match prefix.rfind('/').and_then(|cut| prefix.get(..cut)) {
                    Some(parent) => prefix = parent,
                    None => break,
                }
            }
        }
        let mut index = Indexer::new(text, kept);
        match format {
            Format::Json => index.json(),
            Format::Yaml => index.yaml(),
            Format::Toml => index.toml(),
        }
        Self { nodes: index.nodes }
    }

    /// The position of the value at `pointer`, or of its nearest ancestor that is known.
    pub(crate) fn value(&self, pointer: &str) -> Option<Position> {
        let mut pointer = pointer;
        loop {
            if let Some(node) = self.nodes.get(pointer) {
                return Some(node.value);
            }
            let cut = pointer.rfind('/')?;
            pointer = pointer.get(..cut)?;
        }
    }

    /// The position of the key of the member at `pointer` (falling back to its value or its
    /// nearest known ancestor).
    pub(crate) fn key(&self, pointer: &str) -> Option<Position> {
        match self.nodes.get(pointer) {
            Some(node) => Some(node.key.unwrap_or(node.value)),
            None => self.value(pointer),
        }
    }
}

/// Walks the tokens of a JSON text and calls `visit` for every value with its pointer, the
/// byte offset of its key (for a member of an object), its own byte offset and its token.
/// No tree is built, so memory does not grow with the document. Stops at the first token
/// that does not scan.
pub(crate) fn walk_json(text: &str, mut visit: impl FnMut(&str, Option<usize>, usize, &Token<'_>)) {
    /// A container being read: the length of its own pointer, and where it stands.
    enum Frame {
        Object { length: usize, key: Option<usize> },
        Array { length: usize, next: usize },
    }

    let options = ScannerOptions {
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let mut scanner = Scanner::new(text, &options);
    let mut frames: Vec<Frame> = Vec::new();
    let mut pointer = String::new();
    // In an object: true while a key is awaited (after `{` or `,`).
    let mut awaiting_key = false;
    while let Ok(Some(token)) = scanner.scan() {
        let start = scanner.token_start();
        match &token {
            Token::Colon | Token::CommentLine(_) | Token::CommentBlock(_) => continue,
            Token::Comma => {
                awaiting_key = matches!(frames.last(), Some(Frame::Object { .. }));
                continue;
            }
            Token::CloseBrace | Token::CloseBracket => {
                if let Some(Frame::Object { length, .. } | Frame::Array { length, .. }) =
                    frames.pop()
                {
                    pointer.truncate(length);
                }
                awaiting_key = false;
                continue;
            }
            Token::String(name) if awaiting_key => {
                if let Some(Frame::Object { length, key }) = frames.last_mut() {
                    pointer.truncate(*length);
                    push_token(&mut pointer, name);
                    *key = Some(start);
                }
                awaiting_key = false;
                continue;
            }
            _ => {}
        }
        // A value: where it stands.
        let key = match frames.last_mut() {
            None => None,
            Some(Frame::Object { key, .. }) => key.take(),
            Some(Frame::Array { length, next }) => {
                pointer.truncate(*length);
                pointer.push('/');
                pointer.push_str(&next.to_string());
                *next += 1;
                None
            }
        };
        visit(&pointer, key, start, &token);
        match token {
            Token::OpenBrace => {
                frames.push(Frame::Object {
                    length: pointer.len(),
                    key: None,
                });
                awaiting_key = true;
            }
            Token::OpenBracket => frames.push(Frame::Array {
                length: pointer.len(),
                next: 0,
            }),
            _ => {}
        }
    }
}

/// Walks the events of a YAML text and calls `visit` for every node with its pointer, the
/// position of its key (for a member of a mapping), its own position and its event. Stops
/// at the first syntax error.
pub(crate) fn walk_yaml(
    text: &str,
    mut visit: impl FnMut(&str, Option<Position>, Position, &Event<'_>),
) {
    /// A collection being read: the length of its own pointer, and where it stands.
    enum Frame {
        Mapping {
            length: usize,
            /// The position of the key just read, whose token ends the pointer; `None`
            /// while a key is awaited.
            key: Option<Position>,
        },
        Sequence {
            length: usize,
            next: usize,
        },
    }

    // One pointer, grown and cut as the walk goes: no allocation a node.
    let mut pointer = String::new();
    let mut frames: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return;
        };
        if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            if let Some(Frame::Mapping { length, .. } | Frame::Sequence { length, .. }) =
                frames.pop()
            {
                pointer.truncate(length);
            }
            continue;
        }
        let starts = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(..)
        );
        if !starts {
            continue;
        }
        // The parser counts lines and columns itself; its offsets count characters,
        // not bytes, so they cannot index the text.
        let at = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        // Where this node stands: its pointer, and the key position for a member.
        let key = match frames.last_mut() {
            None => {
                pointer.clear();
                None
            }
            Some(Frame::Sequence { length, next }) => {
                pointer.truncate(*length);
                pointer.push('/');
                pointer.push_str(&next.to_string());
                *next += 1;
                None
            }
            Some(Frame::Mapping { length, key }) => match key.take() {
                // A value: the pointer already ends with its key.
                Some(key_at) => Some(key_at),
                None => {
                    pointer.truncate(*length);
                    match &event {
                        Event::Scalar(name, ..) => push_token(&mut pointer, name),
                        // A collection as a key has no pointer; its members are skipped.
                        _ => push_token(&mut pointer, "?"),
                    }
                    *key = Some(at);
                    if let Event::MappingStart(..) | Event::SequenceStart(..) = event {
                        frames.push(Frame::Sequence {
                            length: pointer.len(),
                            next: 0,
                        });
                    }
                    continue;
                }
            },
        };
        match event {
            Event::MappingStart(..) => frames.push(Frame::Mapping {
                length: pointer.len(),
                key: None,
            }),
            Event::SequenceStart(..) => frames.push(Frame::Sequence {
                length: pointer.len(),
                next: 0,
            }),
            _ => {}
        }
        visit(&pointer, key, at, &event);
    }
}

/// Walks the values of a TOML text (without its byte-order mark) depth first, and calls
/// `visit` with each one's pointer; spans are offsets in that text. Nothing for a text
/// that does not parse.
pub(crate) fn walk_toml(
    text: &str,
    mut visit: impl FnMut(&str, &toml::Spanned<toml::de::DeValue<'_>>),
) {
    fn table(
        table: &toml::de::DeTable<'_>,
        pointer: &mut String,
        visit: &mut impl FnMut(&str, &toml::Spanned<toml::de::DeValue<'_>>),
    ) {
        for (key, value) in table {
            let length = pointer.len();
            push_token(pointer, key.get_ref());
            walk(value, pointer, visit);
            pointer.truncate(length);
        }
    }
    fn walk(
        value: &toml::Spanned<toml::de::DeValue<'_>>,
        pointer: &mut String,
        visit: &mut impl FnMut(&str, &toml::Spanned<toml::de::DeValue<'_>>),
    ) {
        match value.get_ref() {
            toml::de::DeValue::Table(members) => table(members, pointer, visit),
            toml::de::DeValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let length = pointer.len();
                    let _ = std::fmt::Write::write_fmt(pointer, format_args!("/{index}"));
                    walk(item, pointer, visit);
                    pointer.truncate(length);
                }
            }
            _ => {}
        }
        visit(pointer, value);
    }
    if let Ok(root) = toml::de::DeTable::parse(text) {
        table(root.get_ref(), &mut String::new(), &mut visit);
    }
}

/// How deep the guided walk of a JSON text goes: deeper than any text serde_json reads.
const MAX_GUIDED_DEPTH: usize = 256;

/// The first offset from `at` that is not JSON white space.
fn json_space(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| {
            rest.iter()
                .position(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
        })
        .map_or(bytes.len(), |skipped| at + skipped)
}

/// The offset just past the JSON value that starts at `at`, read by serde_json.
fn json_skip(text: &str, at: usize) -> Option<usize> {
    let mut values =
        serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<serde::de::IgnoredAny>();
    values.next()?.ok()?;
    Some(at + values.byte_offset())
}

/// The JSON string that starts at `at`, unescaped, and the offset just past it.
fn json_string(text: &str, at: usize) -> Option<(String, usize)> {
    if text.as_bytes().get(at) != Some(&b'"') {
        return None;
    }
    let mut values = serde_json::Deserializer::from_str(text.get(at..)?).into_iter::<String>();
    let name = values.next()?.ok()?;
    Some((name, at + values.byte_offset()))
}

/// Lines and columns of byte offsets, counted on from the last offset asked for: the
/// indexers ask mostly in text order, so a document is scanned once, and only as far as
/// its last finding, with no table of every line. An offset before the last one starts
/// a table of line starts, once, so that a text asked out of order (TOML tables written
/// apart) stays linear.
struct LineCounter<'t> {
    text: &'t str,
    /// The last offset placed, its line, and the offset where that line starts.
    offset: usize,
    line: usize,
    line_start: usize,
    /// The column of `offset`, counted in characters from 1.
    column: usize,
    /// Where each line starts, built at the first offset asked out of order.
    line_starts: Option<Vec<usize>>,
}

impl<'t> LineCounter<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
            column: 1,
            line_starts: None,
        }
    }

    fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            let starts = self.line_starts.get_or_insert_with(|| {
                std::iter::once(0)
                    .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|at| at + 1))
                    .collect()
            });
            let line = starts.partition_point(|&start| start <= offset).max(1);
            self.line = line;
            self.line_start = starts.get(line - 1).copied().unwrap_or(0);
            self.offset = self.line_start;
            self.column = 1;
        }
        let skipped = self
            .text
            .as_bytes()
            .get(self.offset..offset)
            .unwrap_or_default();
        if let Some(last) = memchr::memrchr(b'\n', skipped) {
            self.line += memchr::memchr_iter(b'\n', skipped).count();
            self.line_start = self.offset + last + 1;
            self.offset = self.line_start;
            self.column = 1;
        }
        self.column += self
            .text
            .get(self.offset..offset)
            .map_or(0, |part| part.chars().count());
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

struct Indexer<'t> {
    text: &'t str,
    /// The pointers worth recording.
    kept: HashSet<String>,
    nodes: HashMap<String, Node>,
    lines: LineCounter<'t>,
}

impl<'t> Indexer<'t> {
    fn new(text: &'t str, kept: HashSet<String>) -> Self {
        Self {
            text,
            kept,
            nodes: HashMap::new(),
            lines: LineCounter::new(text),
        }
    }

    fn position(&mut self, offset: usize) -> Position {
        self.lines.position(offset)
    }

    /// True once every kept pointer has its position: the rest of the text cannot add
    /// one, since the first of repeated keys wins.
    fn is_complete(&self) -> bool {
        self.nodes.len() == self.kept.len()
    }

    fn record(&mut self, pointer: &str, key: Option<Position>, value: Position) {
        if self.kept.contains(pointer) && !self.nodes.contains_key(pointer) {
            self.nodes.insert(pointer.to_owned(), Node { key, value });
        }
    }

    /// Reads only the objects and arrays on the way to the kept pointers; every other
    /// value is skipped by serde_json at its own speed, so a few findings in a large
    /// document cost little more than one parse of it. Stops where the text does not
    /// read.
    fn json(&mut self) {
        let bytes = self.text.as_bytes();
        let start = json_space(bytes, 0);
        if start < bytes.len() {
            let root = self.position(start);
            self.record("", None, root);
            self.json_container(start, &mut String::new(), 0);
        }
    }

    /// Reads the object or array at `at` (skips any other value), recording its kept
    /// members; returns the offset just past it.
    fn json_container(&mut self, at: usize, pointer: &mut String, depth: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let (close, is_object) = match bytes.get(at) {
            Some(b'{') => (b'}', true),
            Some(b'[') => (b']', false),
            _ => return json_skip(self.text, at),
        };
        if depth > MAX_GUIDED_DEPTH {
            return None;
        }
        let mut next = json_space(bytes, at + 1);
        if bytes.get(next) == Some(&close) {
            return Some(next + 1);
        }
        for index in 0.. {
            let length = pointer.len();
            let key = if is_object {
                let (name, after) = json_string(self.text, next)?;
                push_token(pointer, &name);
                let colon = json_space(bytes, after);
                (bytes.get(colon) == Some(&b':')).then_some(())?;
                let key = next;
                next = json_space(bytes, colon + 1);
                Some(key)
            } else {
                pointer.push('/');
                pointer.push_str(&index.to_string());
                None
            };
            let end = if self.kept.contains(pointer.as_str()) {
                let key = key.map(|offset| self.position(offset));
                let value = self.position(next);
                self.record(pointer, key, value);
                self.json_container(next, pointer, depth + 1)
            } else {
                json_skip(self.text, next)
            };
            pointer.truncate(length);
            if self.is_complete() {
                // Nothing after this can be recorded: the rest is not read.
                return None;
            }
            let after = json_space(bytes, end?);
            match bytes.get(after) {
                Some(b',') => next = json_space(bytes, after + 1),
                Some(&byte) if byte == close => return Some(after + 1),
                _ => return None,
            }
        }
        None
    }

    fn yaml(&mut self) {
        walk_yaml(self.text, |pointer, key, value, _| {
            self.record(pointer, key, value);
        });
    }

    fn toml(&mut self) {
        if let Ok(root) = toml::de::DeTable::parse(self.text) {
            let at = self.position(root.span().start);
            self.toml_table(root.get_ref(), String::new());
            self.record("", None, at);
        }
    }

    fn toml_table(&mut self, table: &toml::de::DeTable<'_>, pointer: String) {
        for (name, value) in table {
            let mut member = pointer.clone();
            push_token(&mut member, name.get_ref());
            let key = self.position(name.span().start);
            self.toml_value(value, member, Some(key));
        }
    }

    fn toml_value(
        &mut self,
        value: &toml::Spanned<toml::de::DeValue<'_>>,
        pointer: String,
        key: Option<Position>,
    ) {
        let at = self.position(value.span().start);
        match value.get_ref() {
            toml::de::DeValue::Table(table) => self.toml_table(table, pointer.clone()),
            toml::de::DeValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.toml_value(item, format!("{pointer}/{index}"), None);
                }
            }
            _ => {}
        }
        self.record(&pointer, key, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    #[test]
    fn json_positions() {
        let text = "{\n  \"a\": [1, {\"b\": \"x\"}],\n  \"c~/d\": true\n}";
        let index = Locations::of(
            text,
            Format::Json,
            ["", "/a", "/a/1/b", "/a/1/zzz", "/c~0~1d"],
        );
        assert_eq!(index.value(""), at(1, 1));
        assert_eq!(index.value("/a"), at(2, 8));
        assert_eq!(index.value("/a/1/b"), at(2, 18));
        assert_eq!(index.key("/a/1/b"), at(2, 13));
        assert_eq!(index.key("/c~0~1d"), at(3, 3));
        // Unknown pointers fall back to the nearest ancestor.
        assert_eq!(index.value("/a/1/zzz"), at(2, 12));
    }

    /// The texts of the test fixtures (valid, invalid, the README's) in one syntax.
    fn fixture_texts(extension: &str) -> Vec<String> {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut texts = Vec::new();
        for folder in ["valid", "invalid", "readme"] {
            for entry in std::fs::read_dir(fixtures.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|found| found == extension) {
                    texts.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        texts
    }

    /// Every value's position as a walk of every token finds it (the first of repeated
    /// keys wins, as in the index).
    fn every_position(text: &str) -> Vec<(String, Node)> {
        let mut seen = HashSet::new();
        let mut found = Vec::new();
        let mut index = Indexer::new(text, HashSet::new());
        walk_json(text, |pointer, key, value, _| {
            if seen.insert(pointer.to_owned()) {
                let key = key.map(|offset| index.position(offset));
                let value = index.position(value);
                found.push((pointer.to_owned(), Node { key, value }));
            }
        });
        found
    }

    #[test]
    fn lines_and_columns_are_counted_in_any_order() {
        let text = "a\nñb\r\n\n  {\"é\": 1}\n\nlast ñ";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .collect();
        let mut shuffled = offsets.clone();
        fastrand::Rng::with_seed(7).shuffle(&mut shuffled);
        let backwards = offsets.iter().rev().copied().collect();
        for order in [offsets, backwards, shuffled] {
            let mut lines = LineCounter::new(text);
            for at in order {
                let (line, column) = crate::format::line_column(text, at);
                assert_eq!(lines.position(at), Position { line, column }, "offset {at}");
            }
        }
    }

    #[test]
    fn the_guided_json_walk_finds_what_a_walk_of_every_token_finds() {
        let mut texts = vec![
            "{\"a\" :[ 1 ,{\"b\":\"x\\\"}\"},[],{}],\"c~/d\":true,\"a\":{\"e\":[null]},\r\n\"\\u00e9\\/\": -1.5e3}"
                .to_owned(),
            "[ \"only\", [\"an\", [\"array\"]] ]".to_owned(),
        ];
        texts.extend(fixture_texts("json"));
        assert!(texts.len() > 10);
        for text in &texts {
            let expected = every_position(text);
            assert!(!expected.is_empty(), "{text}");
            for (pointer, node) in &expected {
                let index = Locations::of(text, Format::Json, [pointer.as_str()]);
                assert_eq!(
                    index.value(pointer),
                    Some(node.value),
                    "{pointer} in {text}"
                );
                assert_eq!(
                    index.key(pointer),
                    Some(node.key.unwrap_or(node.value)),
                    "{pointer}"
                );
            }
            // All at once, as a report with many findings asks.
            let index = Locations::of(text, Format::Json, expected.iter().map(|(p, _)| p.as_str()));
            for (pointer, node) in &expected {
                assert_eq!(index.value(pointer), Some(node.value), "{pointer}");
            }
        }
    }

    #[test]
    fn the_yaml_walk_names_every_node_as_its_json_pointer() {
        let mut complex = Vec::new();
        let text = "a: x\n? [complex, key]\n: {value: 1}\ne: {f: []}\n";
        walk_yaml(text, |pointer, _, _, _| complex.push(pointer.to_owned()));
        for wanted in ["/a", "/?", "/?/value", "/e/f"] {
            assert!(
                complex.iter().any(|pointer| pointer == wanted),
                "{complex:?}"
            );
        }
        let mut texts = vec!["a: [1, {b~/c: x, d: [[y]]}]\ne: {f: [], g: {}}\n".to_owned()];
        texts.extend(fixture_texts("yaml"));
        assert!(texts.len() > 5);
        for text in &texts {
            let mut walked = Vec::new();
            walk_yaml(text, |pointer, _, _, _| walked.push(pointer.to_owned()));
            walked.sort();
            let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(text) else {
                continue;
            };
            let mut expected: Vec<String> = crate::pointer::every_pointer(&value)
                .into_iter()
                .map(|(pointer, _)| pointer)
                .collect();
            expected.sort();
            assert_eq!(walked, expected, "{text}");
        }
    }

    #[test]
    fn yaml_positions() {
        let text = "a:\n  - 1\n  - b: x\n    c: [y, z]\nd: {e: f}\n";
        let index = Locations::of(text, Format::Yaml, ["/a/0", "/a/1/b", "/a/1/c/1", "/d/e"]);
        assert_eq!(index.value("/a/0"), at(2, 5));
        assert_eq!(index.value("/a/1/b"), at(3, 8));
        assert_eq!(index.key("/a/1/b"), at(3, 5));
        assert_eq!(index.value("/a/1/c/1"), at(4, 12));
        assert_eq!(index.key("/d/e"), at(5, 5));
    }

    #[test]
    fn yaml_positions_count_characters_after_non_ascii_text() {
        let cjk = "合作".repeat(20);
        let text = format!(
            "title: {cjk}
regions:
  - {{id: a, name: Juárez, kind: town}}
"
        );
        let index = Locations::of(&text, Format::Yaml, ["/regions/0/kind", "/title"]);
        assert_eq!(index.value("/regions/0/kind"), at(3, 33));
        assert_eq!(index.key("/regions/0/kind"), at(3, 27));
        assert_eq!(index.value("/title"), at(1, 8));
    }

    #[test]
    fn toml_positions() {
        let text = "a = 1\n\n[[r]]\nid = \"x\"\n\n[[r]]\nid = \"y\"\nn = [1, 2]\n";
        let index = Locations::of(text, Format::Toml, ["/a", "/r/1/id", "/r/1/n/1"]);
        assert_eq!(index.key("/a"), at(1, 1));
        assert_eq!(index.key("/r/1/id"), at(7, 1));
        assert_eq!(index.value("/r/1/id"), at(7, 6));
        assert_eq!(index.value("/r/1/n/1"), at(8, 9));
    }
}
