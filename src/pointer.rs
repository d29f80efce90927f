//! JSON Pointers (RFC 6901), built from the path serde was at.

use std::fmt::Write as _;

/// Appends `/token` to `pointer`, escaping `~` and `/` as RFC 6901 asks.
pub(crate) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Keys rarely need escaping; copying them whole is several times faster.
    if !token.bytes().any(|byte| byte == b'~' || byte == b'/') {
        pointer.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            _ => pointer.push(c),
        }
    }
}

/// A token of a pointer as the key or index it names: `~1` is `/` and `~0` is `~`.
pub(crate) fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

/// True when `pointer` is `base` or a pointer below it (`/a/b` is below `/a`, `/ab` is not).
pub(crate) fn is_at_or_under(pointer: &str, base: &str) -> bool {
    pointer
        .strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Removes the last token of `pointer`, if any.
pub(crate) fn pop_token(pointer: &mut String) {
    let cut = pointer.rfind('/').unwrap_or(0);
    pointer.truncate(cut);
}

/// The JSON Pointer of a path tracked by `serde_path_to_error`.
pub(crate) fn from_serde_path(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                let _ = write!(pointer, "/{index}");
            }
            serde_path_to_error::Segment::Map { key } => push_token(&mut pointer, key),
            serde_path_to_error::Segment::Enum { variant } => push_token(&mut pointer, variant),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

/// Every value of a JSON value with its pointer, the root's included, in document order.
#[cfg(test)]
pub(crate) fn every_pointer(value: &serde_json::Value) -> Vec<(String, &serde_json::Value)> {
    fn walk<'v>(
        value: &'v serde_json::Value,
        pointer: &mut String,
        found: &mut Vec<(String, &'v serde_json::Value)>,
    ) {
        found.push((pointer.clone(), value));
        let length = pointer.len();
        match value {
            serde_json::Value::Object(members) => {
                for (name, member) in members {
                    push_token(pointer, name);
                    walk(member, pointer, found);
                    pointer.truncate(length);
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let _ = write!(pointer, "/{index}");
                    walk(item, pointer, found);
                    pointer.truncate(length);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        let mut pointer = String::new();
        push_token(&mut pointer, "a/b~c");
        assert_eq!(pointer, "/a~1b~0c");
    }

    #[test]
    fn a_pointer_is_under_its_ancestors_only() {
        assert!(is_at_or_under("/regions", "/regions"));
        assert!(is_at_or_under("/regions/0/id", "/regions"));
        assert!(is_at_or_under("/regions", ""));
        assert!(!is_at_or_under("/regions2/0", "/regions"));
        assert!(!is_at_or_under("/a~1b", "/a"));
        assert!(!is_at_or_under("/regions", "/regions/0"));
    }
}
