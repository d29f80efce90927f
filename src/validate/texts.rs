//! The texts of a value as its JSON would hold them, visited without writing the JSON: a
//! `serde::Serializer` that looks only at strings, so that a check of a model's texts
//! costs a walk, not the escaping and copying of the whole document.

use serde::ser::{self, Serialize};

/// True when `test` is true of one of the texts of `value`: its strings, chars and unit
/// variants wherever they sit, but not its keys or field names, in the order its JSON
/// would write them. The walk stops at the first text `test` is true of. A value that
/// cannot be serialised counts as true, since its texts could not all be seen.
pub(crate) fn any_text(value: &impl Serialize, test: impl FnMut(&str) -> bool) -> bool {
    let mut walk = TextWalk { test };
    value.serialize(&mut walk).is_err()
}

struct TextWalk<F> {
    test: F,
}

impl<F: FnMut(&str) -> bool> TextWalk<F> {
    fn text(&mut self, text: &str) -> Result<(), Stop> {
        if (self.test)(text) { Err(Stop) } else { Ok(()) }
    }
}

/// Ends the walk: a text was found, or the value could not be serialised.
#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the walk of the texts stopped")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

/// Values with no text in them.
macro_rules! textless {
    ($($method:ident($type:ty)),+ $(,)?) => {
        $(
            fn $method(self, _: $type) -> Result<(), Stop> {
                Ok(())
            }
        )+
    };
}

/// The compound values, walked by the same walk.
macro_rules! compound {
    ($($method:ident($($argument:ty),*)),+ $(,)?) => {
        $(
            fn $method(self, $(_: $argument),*) -> Result<Self, Stop> {
                Ok(self)
            }
        )+
    };
}

impl<F: FnMut(&str) -> bool> ser::Serializer for &mut TextWalk<F> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    textless! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_i128(i128), serialize_u8(u8), serialize_u16(u16),
        serialize_u32(u32), serialize_u64(u64), serialize_u128(u128), serialize_f32(f32),
        serialize_f64(f64), serialize_bytes(&[u8]), serialize_unit_struct(&'static str),
    }

    fn serialize_char(self, value: char) -> Result<(), Stop> {
        self.text(value.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, value: &str) -> Result<(), Stop> {
        self.text(value)
    }

    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Stop> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }

    // JSON writes a unit variant as a string: a text.
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stop> {
        self.text(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    // JSON writes the variant as a key: not a text.
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stop> {
        value.serialize(self)
    }

    compound! {
        serialize_seq(Option<usize>),
        serialize_tuple(usize),
        serialize_tuple_struct(&'static str, usize),
        serialize_tuple_variant(&'static str, u32, &'static str, usize),
        serialize_map(Option<usize>),
        serialize_struct(&'static str, usize),
        serialize_struct_variant(&'static str, u32, &'static str, usize),
    }
}

/// The compound values: each of their items or values is walked in turn.
macro_rules! items {
    ($($trait:ident :: $method:ident),+ $(,)?) => {
        $(
            impl<F: FnMut(&str) -> bool> ser::$trait for &mut TextWalk<F> {
                type Ok = ();
                type Error = Stop;

                fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Stop> {
                    value.serialize(&mut **self)
                }

                fn end(self) -> Result<(), Stop> {
                    Ok(())
                }
            }
        )+
    };
}

items! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

/// The values with keys: a key is not a text, its value is walked.
macro_rules! members {
    ($($trait:ident),+ $(,)?) => {
        $(
            impl<F: FnMut(&str) -> bool> ser::$trait for &mut TextWalk<F> {
                type Ok = ();
                type Error = Stop;

                fn serialize_field<T: ?Sized + Serialize>(
                    &mut self,
                    _: &'static str,
                    value: &T,
                ) -> Result<(), Stop> {
                    value.serialize(&mut **self)
                }

                fn end(self) -> Result<(), Stop> {
                    Ok(())
                }
            }
        )+
    };
}

members!(SerializeStruct, SerializeStructVariant);

impl<F: FnMut(&str) -> bool> ser::SerializeMap for &mut TextWalk<F> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, _: &T) -> Result<(), Stop> {
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Stop> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts are those of the value's JSON, in its order, keys left out; the walk
    /// stops at the first text the test is true of.
    #[test]
    fn the_texts_are_the_string_values_of_the_json() {
        #[derive(serde::Serialize)]
        enum Kind {
            Plain,
            Wrapped(String),
            Pair(char, u8),
            Named { inner: Option<&'static str> },
        }
        #[derive(serde::Serialize)]
        struct Sample {
            title: &'static str,
            count: u32,
            kinds: Vec<Kind>,
            map: std::collections::BTreeMap<&'static str, serde_json::Value>,
            missing: Option<&'static str>,
            bytes: &'static [u8],
        }
        let sample = Sample {
            title: "tab\there",
            count: 3,
            kinds: vec![
                Kind::Plain,
                Kind::Wrapped("x\"y".into()),
                Kind::Pair('é', 1),
                Kind::Named { inner: Some("") },
                Kind::Named { inner: None },
            ],
            map: [("key", serde_json::json!({"k": ["v", 1, null, "w"]}))]
                .into_iter()
                .collect(),
            missing: None,
            bytes: b"no",
        };
        let mut texts = Vec::new();
        assert!(!any_text(&sample, |text| {
            texts.push(text.to_owned());
            false
        }));
        assert_eq!(texts, ["tab\there", "Plain", "x\"y", "é", "", "v", "w"]);
        let json = serde_json::to_value(&sample).unwrap();
        let mut json_texts = Vec::new();
        collect_strings(&json, &mut json_texts);
        assert_eq!(texts, json_texts);

        let mut seen = 0;
        assert!(any_text(&sample, |text| {
            seen += 1;
            text == "é"
        }));
        assert_eq!(seen, 4);
    }

    /// The string values of a JSON value, in order, keys left out.
    fn collect_strings(value: &serde_json::Value, found: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => found.push(text.clone()),
            serde_json::Value::Array(items) => {
                items.iter().for_each(|item| collect_strings(item, found));
            }
            serde_json::Value::Object(members) => {
                members
                    .values()
                    .for_each(|item| collect_strings(item, found));
            }
            _ => {}
        }
    }
}
