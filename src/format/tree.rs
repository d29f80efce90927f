//! A document as written, for the checks of a document that does not read into the
//! model: its shape against the schema, the values whose Rust type is stricter than the
//! schema, and the repaired read that lets the checks beyond the shape still run.
//!
//! A [`Tree`] holds what a `serde_json::Value` holds, read by the same strict reader
//! (see [`StrictTree`]), but its texts are lent by the input wherever the parser can lend
//! them (JSON text without escapes), and an object is its members in order, found by
//! comparing keys: no key is hashed and no text is copied, which made the `Value` of a
//! document cost more than the whole check of a document that reads.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;
use std::hash::BuildHasher;

use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde_json::{Number, Value};

use crate::model::{StrictKey, StrictTree};

/// One value of a document as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tree<'t> {
    /// `null`.
    Null,
    /// `true` or `false`, held in a whole word: with a one-byte flag just after the
    /// variant's tag, every move of a tree copied its bytes at odd offsets, which the
    /// processor could not take from the stores that had just written them, and the read
    /// of each value waited for those stores to land.
    Bool(Flag),
    /// A number, as `serde_json` holds it.
    Number(Number),
    /// A text.
    String(Cow<'t, str>),
    /// A list.
    Array(Vec<Tree<'t>>),
    /// An object's members, in the order written; no key is there twice.
    Object(Vec<(Cow<'t, str>, Tree<'t>)>),
}

/// The value of a [`Tree::Bool`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Flag(u64);

impl From<bool> for Flag {
    fn from(value: bool) -> Self {
        Self(value.into())
    }
}

impl Flag {
    /// True for `true`.
    pub(crate) fn is_set(self) -> bool {
        self.0 != 0
    }
}

/// An object's members while they are read, with the hashes of their keys once there are
/// enough of them that comparing each new key with every earlier one would cost more.
#[derive(Default)]
pub(crate) struct MembersRead<'t> {
    members: Vec<(Cow<'t, str>, Tree<'t>)>,
    hashes: Option<(std::collections::hash_map::RandomState, HashSet<u64>)>,
}

/// The room an object's members get at first.
const FEW_MEMBERS: usize = 8;

/// Where the member `key` is among `members`, an object's at `depth` tokens below the
/// root: an object of many members is searched from just after the member found last at
/// that depth, and then from its start.
pub(crate) fn member_index(
    members: &[(Cow<'_, str>, Tree<'_>)],
    key: &str,
    depth: usize,
) -> Option<usize> {
    if members.len() <= SEARCHED_FROM_START {
        return members.iter().position(|(name, _)| name == key);
    }
    let next = NEXT_MEMBER.with(|next| next.get(depth).map(Cell::get));
    let start = next.unwrap_or_default().min(members.len());
    let (before, after) = members.split_at(start);
    let at = after
        .iter()
        .position(|(name, _)| name == key)
        .map(|at| at + start)
        .or_else(|| before.iter().position(|(name, _)| name == key))?;
    NEXT_MEMBER.with(|next| next.get(depth).map(|next| next.set(at + 1)));
    Some(at)
}

/// Objects of more members than this are searched for a key from just after the member
/// found last at the same depth: the checks look up the members they find in the order
/// written, and a search from the start of 100,000 members for each was quadratic.
const SEARCHED_FROM_START: usize = 16;

thread_local! {
    /// For each depth of a pointer, the index after the member found last there.
    static NEXT_MEMBER: [Cell<usize>; 32] = const { [const { Cell::new(0) }; 32] };
}

/// Texts longer than this are read into a tree whose objects take only the room their
/// members need: room for eight costs 448 bytes an object, and a text of one-member
/// objects (`{"a":1}`, eight bytes each) needed more than a hundred times its size.
const ROOMY_TEXT: usize = 1 << 20;

thread_local! {
    /// Whether the objects of the tree being read get room for a few members at first.
    static ROOMY: Cell<bool> = const { Cell::new(true) };
}

/// Runs `read`, a read of `text` into a [`Tree`], with its objects given room for a few
/// members at first only when the text is of an ordinary size: one allocation an object
/// then, where the room left over does not matter.
pub(crate) fn sized_for<T>(text: &str, read: impl FnOnce() -> T) -> T {
    let roomy = text.len() <= ROOMY_TEXT;
    let before = ROOMY.replace(roomy);
    let read = read();
    ROOMY.set(before);
    read
}

/// Objects up to this many members find a repeated key by comparing it with each.
const COMPARED_KEYS: usize = 32;

impl MembersRead<'_> {
    fn holds(&mut self, key: &str) -> bool {
        if self.members.len() < COMPARED_KEYS {
            return self.members.iter().any(|(name, _)| name == key);
        }
        let (state, hashes) = self.hashes.get_or_insert_with(|| {
            let state = std::collections::hash_map::RandomState::new();
            let hashes = self
                .members
                .iter()
                .map(|(name, _)| state.hash_one(name.as_ref()))
                .collect();
            (state, hashes)
        });
        // A hash seen before is a repeated key, or (rarely) two keys with one hash.
        !hashes.insert(state.hash_one(key)) && self.members.iter().any(|(name, _)| name == key)
    }
}

impl<'t> StrictTree<'t> for Tree<'t> {
    type Members = MembersRead<'t>;

    fn null() -> Self {
        Tree::Null
    }

    fn boolean(value: bool) -> Self {
        Tree::Bool(value.into())
    }

    fn number(value: Number) -> Self {
        Tree::Number(value)
    }

    fn borrowed(value: &'t str) -> Self {
        Tree::String(Cow::Borrowed(value))
    }

    fn owned(value: String) -> Self {
        Tree::String(Cow::Owned(value))
    }

    fn array(items: Vec<Self>) -> Self {
        Tree::Array(items)
    }

    fn object(members: Self::Members) -> Self {
        let mut members = members.members;
        if !ROOMY.get() {
            members.shrink_to_fit();
        }
        Tree::Object(members)
    }

    fn is_empty(members: &Self::Members) -> bool {
        members.members.is_empty()
    }

    // Called for every member of every object read: kept inline in the reader's loop,
    // where the compiler had put it until unrelated code moved its choice.
    #[inline]
    fn add_member<E>(
        members: &mut Self::Members,
        key: StrictKey<'t>,
        value: impl FnOnce() -> Result<Self, E>,
    ) -> Result<Option<StrictKey<'t>>, E> {
        if members.holds(&key.0) {
            return Ok(Some(key));
        }
        if members.members.is_empty() && ROOMY.get() {
            // Most objects of a case study have a few members: one allocation, not three.
            members.members.reserve_exact(FEW_MEMBERS);
        }
        members.members.push((key.0, value()?));
        Ok(None)
    }
}

impl<'t> Tree<'t> {
    /// The member `key` of an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Tree<'t>> {
        match self {
            Tree::Object(members) => members
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    /// The text, when this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Tree::String(text) => Some(text),
            _ => None,
        }
    }

    /// True for a text.
    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Tree::String(_))
    }

    /// The value at a JSON Pointer, as `serde_json::Value::pointer` finds it.
    pub(crate) fn pointer(&self, pointer: &str) -> Option<&Tree<'t>> {
        self.indices(pointer)?
            .into_iter()
            .try_fold(self, Tree::child)
    }

    /// The value at a JSON Pointer, to change, as `serde_json::Value::pointer_mut` finds it.
    pub(crate) fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Tree<'t>> {
        let indices = self.indices(pointer)?;
        indices.into_iter().try_fold(self, Tree::child_mut)
    }

    /// The index of each member or item on the way to the value at a JSON Pointer.
    fn indices(&self, pointer: &str) -> Option<Vec<usize>> {
        let mut indices = Vec::new();
        let mut here = self;
        for (depth, token) in tokens(pointer)?.enumerate() {
            let at = here.child_index(&token, depth)?;
            here = here.child(at)?;
            indices.push(at);
        }
        Some(indices)
    }

    fn child(&self, at: usize) -> Option<&Tree<'t>> {
        match self {
            Tree::Object(members) => members.get(at).map(|(_, value)| value),
            Tree::Array(items) => items.get(at),
            _ => None,
        }
    }

    fn child_mut(&mut self, at: usize) -> Option<&mut Tree<'t>> {
        match self {
            Tree::Object(members) => members.get_mut(at).map(|(_, value)| value),
            Tree::Array(items) => items.get_mut(at),
            _ => None,
        }
    }

    /// Where the member or item that an unescaped pointer token names is.
    fn child_index(&self, token: &str, depth: usize) -> Option<usize> {
        match self {
            Tree::Object(members) => member_index(members, token, depth),
            Tree::Array(items) => array_index(token).filter(|&at| at < items.len()),
            _ => None,
        }
    }

    /// The value as a `serde_json::Value`, for what reports a value or keeps it.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Tree::Null => Value::Null,
            Tree::Bool(value) => Value::Bool(value.is_set()),
            Tree::Number(value) => Value::Number(value.clone()),
            Tree::String(text) => Value::String(text.as_ref().to_owned()),
            Tree::Array(items) => Value::Array(items.iter().map(Tree::to_value).collect()),
            Tree::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(key, value)| (key.as_ref().to_owned(), value.to_value()))
                    .collect(),
            ),
        }
    }

    /// The value as a `serde_json::Value`, cut short once its compact JSON text is sure to
    /// be longer than `chars` characters: up to there, the text is the whole value's. For
    /// what shows the beginning of a value, without copying a whole document to show it.
    pub(crate) fn to_value_within(&self, chars: usize) -> Value {
        let mut left = chars.saturating_add(1);
        self.cut(&mut left)
    }

    /// Converts while `left` (a count of characters still to write) lasts, taking off a
    /// lower bound of each written part's length.
    fn cut(&self, left: &mut usize) -> Value {
        let written = |left: &mut usize, length: usize| *left = left.saturating_sub(length);
        match self {
            Tree::Array(items) => {
                written(left, 1);
                let mut kept = Vec::new();
                for (index, item) in items.iter().enumerate() {
                    if *left == 0 {
                        break;
                    }
                    // The comma before an item is in both texts only when the item follows.
                    written(left, usize::from(index > 0));
                    kept.push(item.cut(left));
                }
                Value::Array(kept)
            }
            Tree::Object(members) => {
                written(left, 1);
                let mut kept = serde_json::Map::new();
                for (index, (key, member)) in members.iter().enumerate() {
                    if *left == 0 {
                        break;
                    }
                    written(left, usize::from(index > 0) + key.chars().count() + 3);
                    kept.insert(key.as_ref().to_owned(), member.cut(left));
                }
                Value::Object(kept)
            }
            Tree::String(text) => {
                written(left, text.chars().count() + 2);
                self.to_value()
            }
            scalar => {
                let value = scalar.to_value();
                written(left, value.to_string().len());
                value
            }
        }
    }

    /// A tree holding `value`, such as a placeholder made from the schema.
    pub(crate) fn from_value(value: Value) -> Self {
        match value {
            Value::Null => Tree::Null,
            Value::Bool(value) => Tree::Bool(value.into()),
            Value::Number(value) => Tree::Number(value),
            Value::String(text) => Tree::String(Cow::Owned(text)),
            Value::Array(items) => Tree::Array(items.into_iter().map(Tree::from_value).collect()),
            Value::Object(members) => Tree::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (Cow::Owned(key), Tree::from_value(value)))
                    .collect(),
            ),
        }
    }
}

/// The unescaped tokens of a JSON Pointer, none for the root; `None` when it is not one.
fn tokens(pointer: &str) -> Option<impl Iterator<Item = Cow<'_, str>>> {
    let rest = match pointer {
        "" => None,
        _ => Some(pointer.strip_prefix('/')?),
    };
    Some(
        rest.into_iter()
            .flat_map(|rest| rest.split('/'))
            .map(crate::pointer::unescape_token),
    )
}

/// An array index as `serde_json`'s pointers read one: digits, without a leading zero.
fn array_index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

/// Reads a [`Tree`] as `serde_json::Value`'s own deserializer reads a `Value`: the model
/// reads the repaired document from it.
impl<'de, 't: 'de> Deserializer<'de> for &'de Tree<'t> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Tree::Null => visitor.visit_unit(),
            Tree::Bool(value) => visitor.visit_bool(value.is_set()),
            Tree::Number(value) => value.deserialize_any(visitor),
            Tree::String(text) => visitor.visit_borrowed_str(text),
            Tree::Array(items) => {
                let mut sequence =
                    de::value::SeqDeserializer::<_, serde_json::Error>::new(items.iter());
                let read = visitor.visit_seq(&mut sequence)?;
                sequence.end().map(|()| read)
            }
            Tree::Object(members) => {
                let mut map = de::value::MapDeserializer::<_, serde_json::Error>::new(
                    members
                        .iter()
                        .map(|(key, value)| (Key(key.as_ref()), value)),
                );
                let read = visitor.visit_map(&mut map)?;
                map.end().map(|()| read)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Tree::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            Tree::String(variant) => visitor.visit_enum(Variant {
                name: variant,
                value: VariantValue(None),
            }),
            Tree::Object(members) => match members.as_slice() {
                [(variant, value)] => visitor.visit_enum(Variant {
                    name: variant,
                    value: VariantValue(Some(value)),
                }),
                _ => Err(de::Error::invalid_value(
                    de::Unexpected::Map,
                    &"map with a single key",
                )),
            },
            other => Err(de::Error::invalid_type(
                other.unexpected(),
                &"string or map",
            )),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl<'de, 't: 'de> IntoDeserializer<'de, serde_json::Error> for &'de Tree<'t> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl Tree<'_> {
    fn unexpected(&self) -> de::Unexpected<'_> {
        match self {
            Tree::Null => de::Unexpected::Unit,
            Tree::Bool(value) => de::Unexpected::Bool(value.is_set()),
            Tree::Number(value) => match (value.as_u64(), value.as_i64(), value.as_f64()) {
                (Some(unsigned), _, _) => de::Unexpected::Unsigned(unsigned),
                (None, Some(signed), _) => de::Unexpected::Signed(signed),
                (None, None, float) => de::Unexpected::Float(float.unwrap_or_default()),
            },
            Tree::String(text) => de::Unexpected::Str(text),
            Tree::Array(_) => de::Unexpected::Seq,
            Tree::Object(_) => de::Unexpected::Map,
        }
    }
}

/// An object's key, handed over as its text.
struct Key<'de>(&'de str);

impl<'de> IntoDeserializer<'de, serde_json::Error> for Key<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Key<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        de::value::BorrowedStrDeserializer::<serde_json::Error>::new(self.0)
            .deserialize_enum(name, variants, visitor)
    }

    // The model's keys are texts and codes read from text (no key is a newtype struct).
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// An enum's variant: its name, and its value when it was written as a one-member object.
struct Variant<'de, 't> {
    name: &'de str,
    value: VariantValue<'de, 't>,
}

/// The value of an enum's variant, when it has one.
struct VariantValue<'de, 't>(Option<&'de Tree<'t>>);

impl<'de, 't: 'de> de::EnumAccess<'de> for Variant<'de, 't> {
    type Error = serde_json::Error;
    type Variant = VariantValue<'de, 't>;

    fn variant_seed<S: de::DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Self::Error> {
        seed.deserialize(Key(self.name))
            .map(|variant| (variant, self.value))
    }
}

impl<'de, 't: 'de> de::VariantAccess<'de> for VariantValue<'de, 't> {
    type Error = serde_json::Error;

    fn unit_variant(self) -> Result<(), Self::Error> {
        match self.0 {
            Some(value) => de::Deserialize::deserialize(value),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<S: de::DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<S::Value, Self::Error> {
        match self.0 {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.holding(|value| matches!(value, Tree::Array(_)), "tuple variant")?
            .deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.holding(
            |value| matches!(value, Tree::Object(_) | Tree::Array(_)),
            "struct variant",
        )?
        .deserialize_any(visitor)
    }
}

impl<'de, 't: 'de> VariantValue<'de, 't> {
    /// The variant's value, when it has one that `fits`; `expected` names what was wanted.
    fn holding(
        self,
        fits: impl FnOnce(&Tree<'t>) -> bool,
        expected: &'static str,
    ) -> Result<&'de Tree<'t>, serde_json::Error> {
        match self.0 {
            Some(value) if fits(value) => Ok(value),
            Some(other) => Err(de::Error::invalid_type(other.unexpected(), &expected)),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &expected,
            )),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn read(text: &str) -> Tree<'_> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let crate::model::Strict(tree) =
            <crate::model::Strict<Tree<'_>> as serde::Deserialize>::deserialize(&mut deserializer)
                .unwrap();
        tree
    }

    #[test]
    fn a_tree_holds_what_a_value_holds_and_lends_unescaped_texts() {
        let text = r#"{"b": [1, -2, 2.5, true, null, "x\"y"], "a": {"k": "plain"}, "z": 18446744073709551615}"#;
        let tree = read(text);
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(tree.to_value(), value);
        assert_eq!(Tree::from_value(value.clone()), tree);
        // Keys in the order written, and texts lent where they have no escape.
        let Tree::Object(members) = &tree else {
            panic!("{tree:?}")
        };
        let keys: Vec<&str> = members.iter().map(|(key, _)| key.as_ref()).collect();
        assert_eq!(keys, ["b", "a", "z"]);
        assert!(matches!(&members[0].0, Cow::Borrowed(_)));
        assert!(matches!(
            tree.pointer("/a/k"),
            Some(Tree::String(Cow::Borrowed("plain")))
        ));
        assert!(matches!(
            tree.pointer("/b/5"),
            Some(Tree::String(Cow::Owned(_)))
        ));
        for pointer in [
            "", "/b", "/b/0", "/b/05", "/b/+1", "/b/6", "/a/k", "/a/x", "/z", "z",
        ] {
            assert_eq!(
                tree.pointer(pointer).map(Tree::to_value).as_ref(),
                value.pointer(pointer),
                "{pointer}"
            );
        }
    }

    #[test]
    fn a_value_cut_short_begins_as_the_whole_value() {
        let text = r#"{"a": "héllo \"quoted\"", "list": [1, 2.5, true, null, {"deep": ["x", "y", "z"]}], "n": -3, "last": {"k": "v"}}"#;
        let tree = read(text);
        let whole = tree.to_value().to_string();
        let length = whole.chars().count();
        for chars in 0..=length + 2 {
            let cut = tree.to_value_within(chars).to_string();
            let head = |text: &str| text.chars().take(chars).collect::<String>();
            assert_eq!(head(&cut), head(&whole), "{chars}: {cut}");
            if chars >= length {
                assert_eq!(cut, whole);
            }
        }
        // A large document is not copied whole.
        let large = Tree::Array(vec![tree.clone(); 10_000]);
        assert!(large.to_value_within(256).to_string().len() < 1_000);
    }

    #[test]
    fn objects_of_a_long_text_take_only_the_room_their_members_need() {
        let room = |text: &str| match sized_for(text, || read(text)) {
            Tree::Array(items) => items
                .iter()
                .map(|item| match item {
                    Tree::Object(members) => (members.len(), members.capacity()),
                    _ => (0, 0),
                })
                .max()
                .unwrap_or_default(),
            _ => (0, 0),
        };
        assert_eq!(room(r#"[{"a": 1}, {"b": 2}]"#), (1, FEW_MEMBERS));
        let long = format!("[{}]", vec![r#"{"a": 1}"#; ROOMY_TEXT / 8].join(","));
        assert_eq!(room(&long), (1, 1));
        // The choice is the read's own: the next read of a short text is roomy again.
        assert_eq!(room(r#"[{"a": 1}]"#), (1, FEW_MEMBERS));
    }

    #[test]
    fn a_repeated_key_is_refused_in_small_and_large_objects() {
        for count in [3, COMPARED_KEYS, COMPARED_KEYS * 3] {
            let keys: Vec<String> = (0..count).map(|n| format!("\"k{n}\": {n}")).collect();
            let unique = format!("{{{}}}", keys.join(", "));
            assert!(matches!(read(&unique), Tree::Object(members) if members.len() == count));
            for repeated in [0, count / 2, count - 1] {
                let text = format!("{{{}, \"k{repeated}\": 0}}", keys.join(", "));
                let mut deserializer = serde_json::Deserializer::from_str(&text);
                let error = <crate::model::Strict<Tree<'_>> as serde::Deserialize>::deserialize(
                    &mut deserializer,
                )
                .err()
                .unwrap()
                .to_string();
                assert!(
                    error.starts_with(&format!("duplicate key `k{repeated}`")),
                    "{error}"
                );
            }
        }
    }

    /// The text of every example and fixture, in every format, with its format.
    pub(crate) fn fixture_texts() -> Vec<(std::path::PathBuf, String, crate::Format)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for folder in [
            "examples/data",
            "tests/fixtures/valid",
            "tests/fixtures/invalid",
            "tests/fixtures/hostile",
        ] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if let (Some(format), Ok(text)) = (
                    crate::Format::from_path(&path),
                    std::fs::read_to_string(&path),
                ) {
                    texts.push((path, text, format));
                }
            }
        }
        texts
    }

    /// The documents of [`fixture_texts`] that read, as values, and one of them that has
    /// at least two regions, a topic and a pairing, to break on purpose.
    pub(crate) fn fixture_values() -> (Vec<serde_json::Value>, serde_json::Value) {
        let documents: Vec<serde_json::Value> = fixture_texts()
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
            .expect("a fixture with two regions, a topic and a pairing")
            .clone();
        (documents, example)
    }

    /// The model reads a tree as it reads the `Value` of the same text, errors included.
    #[test]
    fn the_model_reads_a_tree_as_it_reads_a_value() {
        let (mut read, mut refused) = (0, 0);
        for (path, text, format) in fixture_texts() {
            let Ok(tree) = crate::format::tree_as_written(&text, format) else {
                continue;
            };
            let value = tree.to_value();
            let from_value = serde_path_to_error::deserialize::<_, crate::CaseStudy>(&value);
            let from_tree = serde_path_to_error::deserialize::<_, crate::CaseStudy>(&tree);
            match (from_value, from_tree) {
                (Ok(expected), Ok(case)) => {
                    assert_eq!(case, expected, "{path:?}");
                    read += 1;
                }
                (Err(expected), Err(error)) => {
                    assert_eq!(error.path().to_string(), expected.path().to_string());
                    assert_eq!(error.inner().to_string(), expected.inner().to_string());
                    refused += 1;
                }
                (expected, found) => panic!("{path:?}: {expected:?} / {found:?}"),
            }
        }
        assert!(read > 50 && refused > 5, "{read} {refused}");
    }
}
