//! Numbers read as numbers.
//!
//! Serde's own readers for integers and floats take what the parser hands them: the YAML
//! reader parses a quoted `"  5 "` into a number, and JSON's `1.0` is refused where an
//! integer is wanted although JSON (and JSON Schema) call it one. These readers follow the
//! data model instead: a number written as text is text (a `wrong-type` finding, as JSON
//! Schema says), and a whole number is whole however it is written.

use std::fmt;
use std::marker::PhantomData;

use serde::Serializer;
use serde::de::{self, Deserializer, Unexpected, Visitor};

use crate::format::numbers;

/// The largest whole number every JSON reader holds exactly (2^53 - 1), the upper bound of
/// the format's whole numbers.
pub(crate) const MAX_WHOLE: u64 = (1 << 53) - 1;

/// Reads a whole number from 0 to `T`'s maximum: an integer, or a float with no fraction.
struct Whole<T>(PhantomData<T>);

impl<T: TryFrom<u64>> Whole<T> {
    fn fit<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }
}

impl<T: TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match std::mem::size_of::<T>() {
            1 => f.write_str("a whole number from 0 to 255"),
            _ => f.write_str("a whole number, not negative"),
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        numbers::saw_integer(value);
        self.fit(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        numbers::saw_integer(value.unsigned_abs());
        match u64::try_from(value) {
            Ok(value) => self.fit(value),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<T, E> {
        numbers::saw_float();
        match u64::try_from(value) {
            Ok(value) => self.fit(value),
            Err(_) => Err(E::custom(format!(
                "invalid value: {value}, expected a whole number that fits in 64 bits"
            ))),
        }
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<T, E> {
        numbers::saw_float();
        match u64::try_from(value) {
            Ok(value) => self.fit(value),
            Err(_) => Err(E::custom(format!(
                "invalid value: {value}, expected a whole number that fits in 64 bits"
            ))),
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        numbers::saw_float();
        // 2^64 is the first float above u64::MAX.
        if value.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&value) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            self.fit(value as u64)
        } else {
            Err(E::invalid_value(Unexpected::Float(value), &self))
        }
    }
}

/// Reads any number as an `f64`.
struct Real;

impl Visitor<'_> for Real {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        // TOML's `nan` and `inf` reach here; JSON cannot hold them, nor write them back.
        if value.is_finite() {
            Ok(value)
        } else {
            Err(E::custom(format!(
                "the number {value} is not finite, which JSON cannot hold"
            )))
        }
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }
}

/// `deserialize_with` for an optional whole number.
pub(crate) fn optional_whole<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    deserializer.deserialize_any(Whole(PhantomData)).map(Some)
}

/// `deserialize_with` for a list of small whole numbers.
pub(crate) fn small_wholes<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<u8>, D::Error> {
    struct Item(u8);
    impl<'de> de::Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_any(Whole(PhantomData)).map(Item)
        }
    }
    let items: Vec<Item> = de::Deserialize::deserialize(deserializer)?;
    Ok(items.into_iter().map(|Item(value)| value).collect())
}

/// `deserialize_with` for an amount.
///
/// While the literals of a JSON text are watched ([`numbers::watching_literals`]), the
/// amount is taken as written and read from that, so that its literal is seen.
pub(crate) fn real<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    if !numbers::watching() {
        return deserializer.deserialize_any(Real);
    }
    let literal = <&serde_json::value::RawValue as de::Deserialize>::deserialize(deserializer)?;
    numbers::saw_literal(literal.get());
    // Any error here is the typed read's: it is read again, unwatched, for its message.
    serde_json::Deserializer::from_str(literal.get())
        .deserialize_any(Real)
        .map_err(de::Error::custom)
}

/// `serialize_with` for an amount: a whole value is written as an integer (`4200`, not
/// `4200.0`), as people write amounts and as a reader in any language takes them back to
/// the same number; any other value as a float.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde hands the field by reference
pub(crate) fn write_real<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    #[allow(clippy::cast_precision_loss)]
    let whole_range = -(MAX_WHOLE as f64)..=MAX_WHOLE as f64;
    // -0.0 stays a float: an integer has no negative zero.
    if value.fract() == 0.0
        && whole_range.contains(value)
        && !(*value == 0.0 && value.is_sign_negative())
    {
        // Exact: a whole float no larger than 2^53 - 1 in magnitude is an i64 unchanged.
        #[allow(clippy::cast_possible_truncation)]
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}
