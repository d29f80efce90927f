//! Reading `extensions` without losing anything.
//!
//! `serde_json::Value`'s own `Deserialize` keeps the last of two equal keys and turns a
//! non-finite float into `null`; both lose what the author wrote. This reader builds the
//! same `Value`s but refuses a repeated key at any depth and a number JSON cannot hold.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use super::Extensions;

/// Deserialises the `extensions` object.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Extensions, D::Error> {
    deserializer
        .deserialize_map(StrictValue)?
        .as_object_mut()
        .map(std::mem::take)
        .ok_or_else(|| de::Error::custom("extensions must be an object"))
}

/// Any JSON value, read strictly: a whole document read for its shape.
pub(crate) struct AnyValue(pub(crate) Value);

impl<'de> de::Deserialize<'de> for AnyValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictValue).map(AnyValue)
    }
}

/// The key under which the `toml` crate hands over a native TOML date-time as a map.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

thread_local! {
    /// True while this thread reads TOML: only then is a map with [`TOML_DATETIME_KEY`] a
    /// date-time; in JSON or YAML it is an ordinary key, kept as written.
    static READING_TOML: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
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

/// A `Value` read strictly.
struct Strict(Value);

impl<'de> de::Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictValue).map(Strict)
    }
}

struct StrictValue;

impl<'de> Visitor<'de> for StrictValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        crate::format::numbers::saw_integer(value.unsigned_abs());
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        crate::format::numbers::saw_integer(value);
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Value, E> {
        crate::format::numbers::saw_float();
        i64::try_from(value)
            .map(|small| Value::Number(small.into()))
            .map_err(|_| {
                E::custom(format!(
                    "the integer {value} is outside the 64-bit range that can be kept exactly; write it as text"
                ))
            })
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Value, E> {
        crate::format::numbers::saw_float();
        u64::try_from(value)
            .map(|small| Value::Number(small.into()))
            .map_err(|_| {
                E::custom(format!(
                    "the integer {value} is outside the 64-bit range that can be kept exactly; write it as text"
                ))
            })
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        crate::format::numbers::saw_float();
        Number::from_f64(value).map(Value::Number).ok_or_else(|| {
            E::custom(format!(
                "the number {value} is not finite, which JSON cannot hold"
            ))
        })
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // A native TOML date-time: JSON has no date type, so it is kept as its text.
            if object.is_empty()
                && key == TOML_DATETIME_KEY
                && READING_TOML.with(std::cell::Cell::get)
            {
                let text: String = map.next_value()?;
                return Ok(Value::String(text));
            }
            // One lookup a key: the entry is found before its value is read.
            match object.entry(key) {
                serde_json::map::Entry::Occupied(repeated) => {
                    return Err(de::Error::custom(format!(
                        "duplicate key `{}`: a repeated key would lose one of its values",
                        repeated.key().escape_debug()
                    )));
                }
                serde_json::map::Entry::Vacant(vacant) => {
                    let Strict(value) = map.next_value()?;
                    vacant.insert(value);
                }
            }
        }
        Ok(Value::Object(object))
    }
}
