//! From a JSON Pointer to a line and column in the source text.
//!
//! Only documents with findings pay for this: the text is parsed a second time with a
//! parser that keeps positions (jsonc-parser in strict mode for JSON, granit-parser's
//! events for YAML, toml's spanned tables for TOML) and every value's position is indexed
//! by its pointer.

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
        let mut index = Indexer {
            text,
            kept,
            nodes: HashMap::new(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
            cursor: (0, 1),
        };
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
    /// A collection being read, with its pointer.
    enum Frame {
        Mapping {
            pointer: String,
            /// The key just read and its position; `None` while a key is awaited.
            key: Option<(String, Position)>,
        },
        Sequence {
            pointer: String,
            next: usize,
        },
    }

    let mut frames: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return;
        };
        let starts = matches!(
            event,
            Event::Scalar(..)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
                | Event::Alias(..)
        );
        if matches!(event, Event::MappingEnd | Event::SequenceEnd) {
            frames.pop();
            continue;
        }
        if !starts {
            continue;
        }
        // The parser counts lines and columns itself; its offsets count characters,
        // not bytes, so they cannot index the text.
        let at = Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        // Where this node stands: the pointer, and the key position for a member.
        let (pointer, key) = match frames.last_mut() {
            None => (String::new(), None),
            Some(Frame::Sequence { pointer, next }) => {
                let item = format!("{pointer}/{next}");
                *next += 1;
                (item, None)
            }
            Some(Frame::Mapping { pointer, key }) => match key.take() {
                Some((name, key_at)) => {
                    let mut member = pointer.clone();
                    push_token(&mut member, &name);
                    (member, Some(key_at))
                }
                None => {
                    let name = match &event {
                        Event::Scalar(value, ..) => value.to_string(),
                        // A collection as a key has no pointer; its members are skipped.
                        _ => String::from("?"),
                    };
                    *key = Some((name, at));
                    if let Event::MappingStart(..) | Event::SequenceStart(..) = event {
                        frames.push(Frame::Sequence {
                            pointer: String::from("?"),
                            next: 0,
                        });
                    }
                    continue;
                }
            },
        };
        match event {
            Event::MappingStart(..) => frames.push(Frame::Mapping {
                pointer: pointer.clone(),
                key: None,
            }),
            Event::SequenceStart(..) => frames.push(Frame::Sequence {
                pointer: pointer.clone(),
                next: 0,
            }),
            _ => {}
        }
        visit(&pointer, key, at, &event);
    }
}

struct Indexer<'t> {
    text: &'t str,
    /// The pointers worth recording.
    kept: HashSet<String>,
    nodes: HashMap<String, Node>,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The last offset placed and its column: parsers report nodes mostly in text order,
    /// so counting on from there keeps indexing linear even on one very long line.
    cursor: (usize, usize),
}

impl Indexer<'_> {
    fn position(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let (from, column) = match self.cursor {
            (at, column) if line_start <= at && at <= offset => (at, column),
            _ => (line_start, 1),
        };
        let column = column
            + self
                .text
                .get(from..offset)
                .map_or(0, |part| part.chars().count());
        self.cursor = (offset, column);
        Position { line, column }
    }

    fn record(&mut self, pointer: &str, key: Option<Position>, value: Position) {
        if self.kept.contains(pointer) && !self.nodes.contains_key(pointer) {
            self.nodes.insert(pointer.to_owned(), Node { key, value });
        }
    }

    fn json(&mut self) {
        let text = self.text;
        walk_json(text, |pointer, key, value, _| {
            if self.kept.contains(pointer) {
                let key = key.map(|offset| self.position(offset));
                let value = self.position(value);
                self.record(pointer, key, value);
            }
        });
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
