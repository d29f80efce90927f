//! Reading `extensions` without losing anything.
//!
//! `serde_json::Value`'s own `Deserialize` keeps the last of two equal keys and turns a
//! non-finite float into `null`; both lose what the author wrote. This reader builds the
//! same `Value`s but refuses a repeated key at any depth and a number JSON cannot hold. The
//! same reader builds the [document tree](crate::format::tree) of a document that does not
//! read into the model.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::Extensions;

/// Deserialises the `extensions` object.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Extensions, D::Error> {
    deserializer
        .deserialize_map(StrictValue::<Value>(std::marker::PhantomData))?
        .as_object_mut()
        .map(std::mem::take)
        .ok_or_else(|| de::Error::custom("extensions must be an object"))
}

/// The key under which the `toml` crate hands over a native TOML date-time as a map.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

thread_local! {
    /// True while this thread reads TOML: only then is a map with [`TOML_DATETIME_KEY`] a
    /// date-time; in JSON or YAML it is an ordinary key, kept as written.
    static READING_TOML: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

thread_local! {
    /// How many native TOML date-times this thread has read as their text, for the check
    /// of a document as written (see [`toml_dates_read`]).
    static TOML_DATES_READ: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many native TOML date-times this thread has read as their text so far: a read that
/// raised the count met a date, which the model takes only where it wants a date.
pub(crate) fn toml_dates_read() -> usize {
    TOML_DATES_READ.get()
}

/// Marks the current thread as reading TOML until dropped.
pub(crate) struct ReadingToml(bool);

impl ReadingToml {
    pub(crate) fn enter() -> Self {
        Self(READING_TOML.with(|flag| flag.replace(true)))
    }
}

impl Drop for ReadingToml {
    fn drop(&mut self) {
        let before = self.0;
        READING_TOML.with(|flag| flag.set(before));
    }
}

/// A tree of JSON values that a document can be read into strictly: a repeated key at
/// any depth and a number JSON cannot hold are refused, as they would lose what the author
/// wrote. `serde_json::Value` is one (for `extensions`); the document tree that a document
/// which does not read into the model is checked on is another.
pub(crate) trait StrictTree<'de>: Sized {
    /// An object's members while they are read.
    type Members: Default;

    /// `null`.
    fn null() -> Self;
    /// `true` or `false`.
    fn boolean(value: bool) -> Self;
    /// A number.
    fn number(value: Number) -> Self;
    /// A text the deserializer lends for as long as the input lives.
    fn borrowed(value: &'de str) -> Self;
    /// A text the deserializer hands over.
    fn owned(value: String) -> Self;
    /// A list.
    fn array(items: Vec<Self>) -> Self;
    /// An object.
    fn object(members: Self::Members) -> Self;
    /// Whether no member was read yet.
    fn is_empty(members: &Self::Members) -> bool;
    /// Adds the member `key` to `members`, its value read by `value`; when `key` is already
    /// there, nothing is read and the key is handed back.
    fn add_member<E>(
        members: &mut Self::Members,
        key: StrictKey<'de>,
        value: impl FnOnce() -> Result<Self, E>,
    ) -> Result<Option<StrictKey<'de>>, E>;
}

/// A member's key as the deserializer gave it: lent by the input where it can be.
pub(crate) struct StrictKey<'de>(pub(crate) std::borrow::Cow<'de, str>);

impl<'de> de::Deserialize<'de> for StrictKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = StrictKey<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
                Ok(StrictKey(std::borrow::Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
                Ok(StrictKey(std::borrow::Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
                Ok(StrictKey(std::borrow::Cow::Owned(key)))
            }

            // As `String` reads keys: bytes that are UTF-8 are text.
            fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
                std::str::from_utf8(key)
                    .map(|key| StrictKey(std::borrow::Cow::Owned(key.to_owned())))
                    .map_err(|_| de::Error::invalid_value(de::Unexpected::Bytes(key), &self))
            }
        }
        // `String`'s own request, so that every format hands over the keys it did before.
        deserializer.deserialize_string(KeyVisitor)
    }
}

impl<'de> StrictTree<'de> for Value {
    type Members = Map<String, Value>;

    fn null() -> Self {
        Value::Null
    }

    fn boolean(value: bool) -> Self {
        Value::Bool(value)
    }

    fn number(value: Number) -> Self {
        Value::Number(value)
    }

    fn borrowed(value: &'de str) -> Self {
        Value::String(value.to_owned())
    }

    fn owned(value: String) -> Self {
        Value::String(value)
    }

    fn array(items: Vec<Self>) -> Self {
        Value::Array(items)
    }

    fn object(members: Self::Members) -> Self {
        Value::Object(members)
    }

    fn is_empty(members: &Self::Members) -> bool {
        members.is_empty()
    }

    fn add_member<E>(
        members: &mut Self::Members,
        key: StrictKey<'de>,
        value: impl FnOnce() -> Result<Self, E>,
    ) -> Result<Option<StrictKey<'de>>, E> {
        // One lookup a key: the entry is found before its value is read.
        match members.entry(key.0.into_owned()) {
            serde_json::map::Entry::Occupied(repeated) => Ok(Some(StrictKey(
                std::borrow::Cow::Owned(repeated.key().clone()),
            ))),
            serde_json::map::Entry::Vacant(vacant) => {
                vacant.insert(value()?);
                Ok(None)
            }
        }
    }
}

/// A tree read strictly.
pub(crate) struct Strict<T>(pub(crate) T);

impl<'de, T: StrictTree<'de>> de::Deserialize<'de> for Strict<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(StrictValue(std::marker::PhantomData))
            .map(Strict)
    }
}

struct StrictValue<T>(std::marker::PhantomData<T>);

impl<'de, T: StrictTree<'de>> Visitor<'de> for StrictValue<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        Ok(T::boolean(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        crate::format::numbers::saw_integer(value.unsigned_abs());
        Ok(T::number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        crate::format::numbers::saw_integer(value);
        Ok(T::number(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<T, E> {
        crate::format::numbers::saw_float();
        i64::try_from(value)
            .map(|small| T::number(small.into()))
            .map_err(|_| {
                E::custom(format!(
                    "the integer {value} is outside the 64-bit range that can be kept exactly; write it as text"
                ))
            })
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<T, E> {
        crate::format::numbers::saw_float();
        u64::try_from(value)
            .map(|small| T::number(small.into()))
            .map_err(|_| {
                E::custom(format!(
                    "the integer {value} is outside the 64-bit range that can be kept exactly; write it as text"
                ))
            })
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        crate::format::numbers::saw_float();
        if !value.is_finite()
            && let Some(text) = crate::format::numbers::kept_non_finite(value)
        {
            return Ok(T::borrowed(text));
        }
        Number::from_f64(value).map(T::number).ok_or_else(|| {
            E::custom(format!(
                "the number {value} is not finite, which JSON cannot hold"
            ))
        })
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<T, E> {
        Ok(T::borrowed(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::owned(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::owned(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::null())
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::null())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(T::array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut members = T::Members::default();
        while let Some(key) = map.next_key::<StrictKey<'de>>()? {
            // A native TOML date-time: JSON has no date type, so it is kept as its text.
            if T::is_empty(&members)
                && key.0 == TOML_DATETIME_KEY
                && READING_TOML.with(std::cell::Cell::get)
            {
                let text: String = map.next_value()?;
                TOML_DATES_READ.set(TOML_DATES_READ.get().wrapping_add(1));
                return Ok(T::owned(text));
            }
            let repeated = T::add_member(&mut members, key, || {
                map.next_value::<Strict<T>>().map(|Strict(value)| value)
            })?;
            if let Some(repeated) = repeated {
                return Err(de::Error::custom(format!(
                    "duplicate key `{}`: a repeated key would lose one of its values",
                    repeated.0.escape_debug()
                )));
            }
        }
        Ok(T::object(members))
    }
}
