//! What a syntax cannot hold: checked before writing, so that a conversion either keeps
//! every value of `extensions` as it is or says which one it cannot keep, and where.
//!
//! - TOML has no `null`, and its integers are 64-bit signed: an integer above
//!   `i64::MAX` cannot be written.
//! - TOML writes a table's plain values before its sub-tables, so an object in
//!   `extensions` whose plain value follows a nested object would come back in another
//!   key order.
//! - Every syntax is read with a nesting limit; `extensions` may nest at most
//!   [`MAX_EXTENSION_DEPTH`] levels, which every reader reads back.

use serde_json::Value;

use super::Format;
use crate::pointer::push_token;

/// How deep values inside `extensions` may nest (an object or list inside `extensions`
/// is level 1), in every syntax.
///
/// The readers' own limits are deeper (JSON 128 levels, YAML 64 for the whole document),
/// so everything written within this limit reads back in every syntax.
pub const MAX_EXTENSION_DEPTH: usize = 48;

/// A value of `extensions` that a syntax cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {reason}")]
pub struct UnwritableValue {
    /// JSON Pointer of the value.
    pub pointer: String,
    /// Why it cannot be written.
    pub reason: String,
}

/// The first value of `extensions` that `format` cannot hold as it is.
pub(crate) fn check(
    extensions: &serde_json::Map<String, Value>,
    format: Format,
) -> Result<(), UnwritableValue> {
    let mut pointer = String::from("/extensions");
    object(extensions, format, true, 0, &mut pointer)
}

/// The first value of `extensions` nested deeper than [`MAX_EXTENSION_DEPTH`], which no
/// syntax writes. The values are walked without a pointer: one is made only for a value
/// too deep, since a document's check walks every `extensions` this way.
pub(crate) fn too_deep(extensions: &serde_json::Map<String, Value>) -> Option<UnwritableValue> {
    fn deeper(value: &Value, depth: usize) -> bool {
        match value {
            Value::Object(_) | Value::Array(_) if depth >= MAX_EXTENSION_DEPTH => true,
            Value::Object(members) => members.values().any(|member| deeper(member, depth + 1)),
            Value::Array(items) => items.iter().any(|item| deeper(item, depth + 1)),
            _ => false,
        }
    }
    // In JSON the depth is the only limit, so its first refusal is the value too deep.
    extensions
        .values()
        .any(|value| deeper(value, 0))
        .then(|| check(extensions, Format::Json).err())
        .flatten()
}

fn unwritable(pointer: &str, reason: impl Into<String>) -> UnwritableValue {
    UnwritableValue {
        pointer: pointer.to_owned(),
        reason: reason.into(),
    }
}

/// True for what TOML writes as a table of its own: an object, or a list of objects.
fn is_toml_table(value: &Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Array(items) => !items.is_empty() && items.iter().all(Value::is_object),
        _ => false,
    }
}

fn object(
    members: &serde_json::Map<String, Value>,
    format: Format,
    as_toml_table: bool,
    depth: usize,
    pointer: &mut String,
) -> Result<(), UnwritableValue> {
    let mut first_table: Option<String> = None;
    for (key, member) in members {
        let length = pointer.len();
        push_token(pointer, key);
        if format == Format::Toml && as_toml_table {
            if is_toml_table(member) {
                first_table.get_or_insert_with(|| pointer.clone());
            } else if let Some(table) = &first_table {
                return Err(unwritable(
                    pointer,
                    format!(
                        "TOML writes a table's plain values before its tables, so this value would move before {table}; write the tables last, or keep this document in JSON or YAML"
                    ),
                ));
            }
        }
        value(
            member,
            format,
            as_toml_table && is_toml_table(member),
            depth,
            pointer,
        )?;
        pointer.truncate(length);
    }
    Ok(())
}

fn value(
    value: &Value,
    format: Format,
    as_toml_table: bool,
    depth: usize,
    pointer: &mut String,
) -> Result<(), UnwritableValue> {
    match value {
        Value::Null if format == Format::Toml => Err(unwritable(pointer, "TOML has no null")),
        Value::Number(number)
            if format == Format::Toml
                && number.as_u64().is_some_and(|n| i64::try_from(n).is_err()) =>
        {
            Err(unwritable(
                pointer,
                format!("TOML integers are at most {}; {number} is more", i64::MAX),
            ))
        }
        Value::Object(_) | Value::Array(_) if depth >= MAX_EXTENSION_DEPTH => Err(unwritable(
            pointer,
            format!("values inside extensions nest at most {MAX_EXTENSION_DEPTH} levels deep"),
        )),
        Value::Object(members) => object(members, format, as_toml_table, depth + 1, pointer),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                self::value(item, format, as_toml_table, depth + 1, pointer)?;
                pointer.truncate(length);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn verdict(extensions: Value, format: Format) -> Result<(), String> {
        check(extensions.as_object().unwrap(), format).map_err(|error| error.pointer)
    }

    #[test]
    fn toml_refuses_null_large_integers_and_reordering() {
        assert_eq!(
            verdict(json!({"a": [1, null]}), Format::Toml),
            Err("/extensions/a/1".into())
        );
        assert_eq!(verdict(json!({"a": [1, null]}), Format::Yaml), Ok(()));
        assert_eq!(
            verdict(json!({"n": 18_446_744_073_709_551_615_u64}), Format::Toml),
            Err("/extensions/n".into())
        );
        assert_eq!(
            verdict(json!({"t": {"x": 1}, "plain": 2}), Format::Toml),
            Err("/extensions/plain".into())
        );
        // Inside a list of plain values, objects are written inline, in order.
        assert_eq!(
            verdict(
                json!({"l": [1, {"b": {"c": 1}, "a": 2}], "z": 1}),
                Format::Toml
            ),
            Ok(())
        );
        assert_eq!(
            verdict(json!({"l": [{"b": {"c": 1}, "a": 2}]}), Format::Toml),
            Err("/extensions/l/0/a".into())
        );
        assert_eq!(
            verdict(json!({"plain": 2, "t": {"x": 1}}), Format::Toml),
            Ok(())
        );
    }

    #[test]
    fn nesting_is_limited_in_every_syntax() {
        let mut deep = json!(1);
        for _ in 0..MAX_EXTENSION_DEPTH {
            deep = json!([deep]);
        }
        assert_eq!(verdict(json!({"d": deep.clone()}), Format::Json), Ok(()));
        let deeper = json!({"d": [deep]});
        assert!(verdict(deeper, Format::Json).is_err());
    }
}
