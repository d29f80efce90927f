//! The shape of a document that does not read into the model: every structural problem
//! at once.
//!
//! The typed read (serde) stops at the first problem. When it fails, the text is read
//! again into a [`Tree`] (the document as written) and checked against the crate's own
//! JSON Schema with the `jsonschema` crate, which reports every unknown key, missing key,
//! wrong type and bad value (the entries of the root's lists each on their own, see
//! `schema_pass`, which is cheaper and gives the same errors). Each schema error becomes a
//! [`Diagnostic`] with the crate's rule code and a message in the crate's words; a value
//! whose grammar the schema cannot express fully (a date that does not exist, say) is
//! reported from serde's error.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use super::repair::Repaired;
use super::rules::{closest, quoted_list};
use super::schema_pass::PlacedError;
use super::{Diagnostic, Findings, RuleCode};
use crate::error::ParseError;
use crate::format::tree::Tree;
use crate::{Format, SchemaVersion};

/// The result of reading a document that the typed read rejected.
pub(crate) enum Shape {
    /// The text is not well-formed: one `syntax` finding.
    Syntax(Diagnostic),
    /// The document declares a major version this crate does not read.
    Unsupported(Diagnostic),
    /// Structural findings, at least one.
    Findings {
        /// The findings, not yet finished: those of later checks share their limit a rule.
        findings: Findings,
        /// The document read with its broken values set aside, so that the checks beyond
        /// the shape can still run.
        repaired: Option<Box<Repaired>>,
        /// The version the document declares, when it declares one that reads.
        declared: Option<SchemaVersion>,
        /// True when the JSON text's number literals were all seen clean as it was read
        /// (see [`watching_literals`](crate::format::numbers::watching_literals)).
        literals_clean: bool,
        /// A YAML text's `yaml-implicit-type` warnings, when its walk was needed here.
        implicit_types: Option<Vec<Diagnostic>>,
        /// The places of `implicit_types` whose finding is past the report's limit, with
        /// its rule.
        counted: Vec<(String, RuleCode)>,
        /// The newer keys written empty, when the document declares an earlier version.
        empty_uses: Option<crate::version::EmptyUses>,
    },
}

/// Finds every structural problem of `text`, which the typed read rejected; `typed` gives
/// that read's error, with its path, which is read again only when nothing else is found.
pub(crate) fn check(text: &str, format: Format, typed: impl FnOnce() -> ParseError) -> Shape {
    let empty = || {
        let mut empty = Diagnostic::new(
            RuleCode::Syntax,
            "",
            format!(
                "the {format} document is empty; a case study is an object with `schema_version`, `id`, `title`, `regions` and `pairing`"
            ),
        );
        empty.line = Some(1);
        empty.column = Some(1);
        Shape::Syntax(empty)
    };
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return empty();
    }
    // Every number of the text is read here, so their literals are watched as for the
    // typed read.
    let dates_before = crate::model::toml_dates_read();
    let (read, literals_clean) = crate::format::numbers::watching_literals(format, || {
        crate::format::tree_keeping_non_finite(text, format)
    });
    let read_toml_dates = crate::model::toml_dates_read() != dates_before;
    let (mut value, kept_non_finite) = match read {
        Ok(read) => read,
        Err(error) => return Shape::Syntax(syntax(error)),
    };
    // YAML's texts as written (see `schema::yaml_scalars_as_text`). The walk of the text
    // that finds them, when one is needed, gives `yaml-implicit-type`'s warnings too.
    let mut implicit_types = None;
    if format == Format::Yaml {
        let places = crate::schema::yaml_texts_read_as_other(&mut value, kept_non_finite);
        if !places.is_empty() {
            let (warnings, mut written) = super::yaml_types::check_noting(text, &places);
            crate::schema::set_yaml_texts(&mut value, &places, &mut written);
            implicit_types = Some(warnings);
        }
    }
    // Only comments: YAML reads null, TOML an empty table.
    let only_comments = match (&value, format) {
        (Tree::Null, Format::Yaml) => true,
        (Tree::Object(members), Format::Toml) => members.is_empty(),
        _ => false,
    };
    if only_comments {
        return empty();
    }
    if let Some(unsupported) = unsupported_version(&value) {
        return Shape::Unsupported(unsupported);
    }
    let declared = value
        .get("schema_version")
        .and_then(Tree::as_str)
        .and_then(|version| version.parse::<SchemaVersion>().ok());
    // The newer keys written empty, looked for in this tree while it is as written, rather
    // than in a second read of the text.
    let empty_uses = declared
        .filter(|declared| *declared < SchemaVersion::LATEST && declared.is_supported())
        .map(|declared| crate::version::EmptyUses::of(&value, declared));
    let leaves = check_leaves(&mut value);
    let mut findings = Findings::default();
    // Values that already have a finding: one finding per value, since a bad country code
    // fails both its pattern and its list.
    let mut placed: HashSet<String> = HashSet::new();
    let errors = super::schema_pass::SchemaPass::cached().map(|pass| pass.errors(&value));
    let declares_1_0 = value.get("schema_version").and_then(Tree::as_str) == Some("1.0");
    let schema_findings = errors
        .into_iter()
        .flatten()
        .flat_map(|error| translate(&error, &value, declares_1_0));
    // A number that is not finite stands in the tree as text: its own finding comes first,
    // so that its place gets no other (`expected a number, found a string`).
    let not_finite = if kept_non_finite == crate::format::numbers::KeptNonFinite::Some {
        crate::format::numbers::unrepresentable(text, format, kept_non_finite)
    } else {
        Vec::new()
    };
    // Placed with the other findings, once the report's limit has left them: a line
    // found for each of 100,000 would be quadratic.
    let not_finite = not_finite
        .into_iter()
        .filter(|number| number.not_finite)
        .map(|number| Diagnostic::new(RuleCode::OutOfRange, number.pointer, number.message));
    // The findings beyond the report's limit per rule: every broken value is set aside at
    // once for the checks beyond the shape, rather than one a time (a list of 50,000
    // broken items would otherwise be read again up to the attempts' limit and given up).
    let mut beyond_limit = Vec::new();
    // A native TOML date stands in the tree as its text: where the format wants text that
    // is no date, its own finding comes first, as the typed read's would.
    let dates_for_text = if read_toml_dates {
        toml_dates_for_text(text)
    } else {
        Vec::new()
    };
    for diagnostic in not_finite
        .chain(dates_for_text)
        .chain(schema_findings)
        .chain(leaves)
    {
        let about_a_key = matches!(diagnostic.code, RuleCode::UnknownKey | RuleCode::MissingKey);
        if (about_a_key || placed.insert(diagnostic.pointer.clone()))
            && let Some(mut not_listed) = findings.record_within_limit(diagnostic)
        {
            // Only its place is read from now on: a list of a million broken items
            // would otherwise hold a million messages.
            not_listed.message = String::new();
            beyond_limit.push(not_listed);
        }
    }
    if format == Format::Toml {
        hint_root_keys_under_tables(text, &value, &mut findings);
    }
    if let Some(newer) = declared.filter(|declared| *declared > SchemaVersion::LATEST) {
        hint_newer_version(newer, &mut findings);
    }
    if findings.is_empty() {
        let mut typed = typed();
        // The `toml` crate hands a native date to serde as a map; say what it is.
        let is_date =
            format == Format::Toml && value.pointer(&typed.pointer).is_some_and(Tree::is_string);
        if is_date && typed.message.starts_with("invalid type: an object") {
            TOML_DATE_FOR_TEXT.clone_into(&mut typed.message);
        }
        findings.record(from_typed(typed));
    }
    let repaired = Repaired::read(
        text,
        format,
        value,
        findings.as_slice().iter().chain(&beyond_limit),
    )
    .map(Box::new);
    // A value whose finding is counted past the limit has a finding, as a listed one
    // does: it gets no advice to quote it either.
    let mut counted = Vec::new();
    if format == Format::Yaml && !beyond_limit.is_empty() {
        let warnings = implicit_types.get_or_insert_with(|| super::yaml_types::check(text));
        let advised: HashSet<&str> = warnings
            .iter()
            .map(|warning| warning.pointer.as_str())
            .collect();
        counted = beyond_limit
            .iter()
            .filter(|finding| advised.contains(finding.pointer.as_str()))
            .map(|finding| (finding.pointer.clone(), finding.code))
            .collect();
    }
    Shape::Findings {
        findings,
        repaired,
        declared,
        literals_clean,
        implicit_types,
        counted,
        empty_uses,
    }
}

/// What a native TOML date where the format wants text is.
const TOML_DATE_FOR_TEXT: &str = "a TOML date where text is expected; write it in quotes";

/// A finding for each native TOML date of `text` where the format wants text that is not a
/// date (a date where it wants one is read as the date, or checked as one).
fn toml_dates_for_text(text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    crate::validate::walk_toml(text, |pointer, value| {
        if let toml::de::DeValue::Datetime(_) = value.get_ref()
            && crate::schema::schema_at(pointer, true).is_some_and(|(schema, definition)| {
                definition != Some("PartialDate")
                    && schema.get("type").and_then(Value::as_str) == Some("string")
            })
        {
            found.push(Diagnostic::new(
                RuleCode::InvalidValue,
                pointer,
                TOML_DATE_FOR_TEXT,
            ));
        }
    });
    found
}

/// Checks the values whose Rust type is stricter than the schema's pattern: a date that
/// does not exist, a URL the `url` crate refuses, an e-mail address.
fn check_leaves(value: &mut Tree<'_>) -> Vec<Diagnostic> {
    static LEAVES: OnceLock<crate::schema::Reach> = OnceLock::new();
    let leaves = LEAVES.get_or_init(|| crate::schema::Reach::of(&["PartialDate", "Url", "Email"]));
    let mut found = Vec::new();
    crate::schema::walk_with_schema_reaching(
        value,
        leaves,
        &mut |value, _, definition, pointer| {
            let Tree::String(text) = value else {
                return;
            };
            let checked = match definition {
                Some("PartialDate") => text.parse::<crate::PartialDate>().err(),
                Some("Url") => text.parse::<crate::Url>().err(),
                Some("Email") => text.parse::<crate::Email>().err(),
                _ => None,
            };
            if let Some(error) = checked {
                found.push(Diagnostic::new(
                    RuleCode::InvalidValue,
                    pointer,
                    error.to_string(),
                ));
            }
        },
    );
    found
}

/// A finding from the typed read's own error, for what the schema cannot see.
pub(crate) fn from_typed(error: ParseError) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(RuleCode::InvalidValue, error.pointer, error.message);
    diagnostic.line = error.line;
    diagnostic.column = error.column;
    diagnostic
}

fn syntax(error: ParseError) -> Diagnostic {
    let mut diagnostic = Diagnostic::new(
        RuleCode::Syntax,
        error.pointer,
        format!(
            "not a well-formed {} document: {}",
            error.format, error.message
        ),
    );
    diagnostic.line = error.line;
    diagnostic.column = error.column;
    diagnostic
}

/// The `unsupported-version` finding, when `schema_version` names another major version.
pub(crate) fn unsupported_version(value: &Tree<'_>) -> Option<Diagnostic> {
    let version: SchemaVersion = value.get("schema_version")?.as_str()?.parse().ok()?;
    (!version.is_supported()).then(|| version_finding(version))
}

pub(crate) fn version_finding(version: SchemaVersion) -> Diagnostic {
    Diagnostic::new(
        RuleCode::UnsupportedVersion,
        "/schema_version",
        format!(
            "this document is format version {version}, and this version of casebook reads format {}.x; \
             no further checks were made",
            SchemaVersion::CURRENT.major
        ),
    )
}

/// The schema at `pointer` of the crate's schema.
fn schema_at(pointer: &str) -> Option<&'static Value> {
    crate::schema::cached().pointer(pointer)
}

/// The schema object that holds the failing keyword: `/$defs/Region` for
/// `/$defs/Region/additionalProperties`.
fn parent_schema(keyword_location: &str) -> Option<&'static Value> {
    let cut = keyword_location.rfind('/')?;
    schema_at(keyword_location.get(..cut)?)
}

/// The name of the `$defs` entry a keyword belongs to, when it belongs to one.
fn definition_name(keyword_location: &str) -> Option<&str> {
    let rest = keyword_location.strip_prefix("/$defs/")?;
    rest.split('/').next()
}

/// A value, shortened for a message.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

fn type_name(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(single) => format!("{single}"),
        TypeKind::Multiple(many) => many
            .iter()
            .map(|k| format!("{k}"))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The `unknown-key` finding for `key` in the object at `pointer`, which accepts `known`,
/// or, when its keys are a code rather than names (`translations`), keys of the form
/// `key_form` describes.
fn unknown_key(pointer: &str, key: &str, known: &[&str], key_form: Option<&str>) -> Diagnostic {
    let hint = match (closest(key, known.iter().copied()), key_form) {
        (Some(near), _) => format!("did you mean `{near}`?"),
        (None, Some(form)) => {
            let lower = key.to_lowercase();
            if lower != key
                && lower
                    .parse::<crate::LanguageCode>()
                    .is_ok_and(|code| code.is_assigned())
            {
                format!("the keys here are {form}; did you mean `{lower}`?")
            } else {
                format!("the keys here are {form}")
            }
        }
        (None, None) => format!(
            "the keys here are {}; anything else belongs under the root's `extensions`",
            quoted_list(known.iter().copied())
        ),
    };
    let mut finding = unlisted_unknown_key(pointer, key);
    finding.message = format!("unknown key `{}`; {hint}", shortened(key).escape_debug());
    finding
}

/// The `unknown-key` finding for `key` at `pointer` that the report only counts: its
/// message is never shown, so none is made.
fn unlisted_unknown_key(pointer: &str, key: &str) -> Diagnostic {
    let mut member = pointer.to_owned();
    crate::pointer::push_token(&mut member, key);
    Diagnostic::new(RuleCode::UnknownKey, pointer, String::new()).on_key(member)
}

/// In TOML, a key written after a `[table]` or `[[table]]` header belongs to that table:
/// a root key written below the first header is read as an unknown key of the table (and
/// the root misses it). Such a finding says to move the key above the headers, rather than
/// under `extensions`, and the root's `missing-key` for it is dropped.
fn hint_root_keys_under_tables(text: &str, value: &Tree<'_>, findings: &mut Findings) {
    let has_header = text.lines().any(|line| line.trim_start().starts_with('['));
    let root_keys = crate::schema::cached()
        .get("properties")
        .and_then(Value::as_object);
    let (true, Some(root_keys), Tree::Object(root)) = (has_header, root_keys, value) else {
        return;
    };
    let mut moved = Vec::new();
    for finding in findings.as_mut_slice() {
        let Some(key) = finding
            .key_of
            .as_deref()
            .and_then(|member| member.rsplit('/').next())
        else {
            continue;
        };
        let key = crate::pointer::unescape_token(key).into_owned();
        if finding.code != RuleCode::UnknownKey
            || finding.pointer.is_empty()
            || !root_keys.contains_key(&key)
            || root.iter().any(|(name, _)| *name == key)
        {
            continue;
        }
        let tokens: Vec<String> = finding
            .pointer
            .split('/')
            .skip(1)
            .map(|token| crate::pointer::unescape_token(token).into_owned())
            .collect();
        let in_array = tokens.last().is_some_and(|t| t.parse::<usize>().is_ok());
        let name = tokens
            .iter()
            .filter(|token| token.parse::<usize>().is_err())
            .cloned()
            .collect::<Vec<_>>()
            .join(".");
        let header = if in_array {
            format!("[[{name}]]")
        } else {
            format!("[{name}]")
        };
        let near = finding
            .message
            .split_once("did you mean ")
            .map(|(_, near)| format!(" (or did you mean {near})"))
            .unwrap_or_default();
        finding.message = format!(
            "unknown key `{key}`; `{key}` is a key of the document's root: in TOML a key written after a `{header}` header belongs to that table, so move it above the first table header{near}"
        );
        moved.push(format!("missing required key `{key}`"));
    }
    findings.retain(|finding| {
        !(finding.code == RuleCode::MissingKey
            && finding.pointer.is_empty()
            && moved.contains(&finding.message))
    });
}

/// A document of a later minor version than this build reads may use its keys and values:
/// an unknown key or value there says so, rather than only that it is unknown.
fn hint_newer_version(declared: SchemaVersion, findings: &mut Findings) {
    for finding in findings.as_mut_slice() {
        let unknown_value = finding.code == RuleCode::InvalidValue
            && finding.message.contains("is not an allowed value");
        // Counted past the limit, a finding has no message to add to.
        if (finding.code == RuleCode::UnknownKey || unknown_value) && !finding.message.is_empty() {
            write!(
                finding.message,
                " (the document declares format {declared}, and this casebook reads format {} and earlier: a later casebook may know it)",
                SchemaVersion::LATEST
            )
            .ok();
        }
    }
}

/// Text from a document, cut to 64 characters for a message.
pub(crate) fn shortened(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(64) {
        Some((cut, _)) => format!("{}...", text.get(..cut).unwrap_or_default()).into(),
        None => text.into(),
    }
}

/// The findings of one schema error: one, or one per key for unknown keys.
///
/// A document that declares format 1.0 gets 1.0's description of a date, so that its
/// report does not change with 1.1 (a promise of the minor version).
fn translate(placed: &PlacedError<'_>, tree: &Tree<'_>, declares_1_0: bool) -> Vec<Diagnostic> {
    let error = &placed.error;
    let pointer = placed.pointer();
    let keyword = error.schema_path().as_str();
    // Cut short past what a message shows (see `tree_json::SHOWN_CHARS`); what needs a
    // whole list reads it from the tree.
    let instance = error.instance();
    let list = || match tree.pointer(&placed.pointer()) {
        Some(Tree::Array(items)) => items.as_slice(),
        _ => &[],
    };
    let finding = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let parent = parent_schema(keyword);
            let known: Vec<&str> = parent
                .and_then(|schema| schema.get("properties"))
                .and_then(Value::as_object)
                .map(|properties| properties.keys().map(String::as_str).collect())
                .unwrap_or_default();
            // The one object whose keys follow a pattern: `translations`, by language.
            let key_form = parent
                .and_then(|schema| schema.get("patternProperties"))
                .and_then(Value::as_object)
                .and_then(|patterns| patterns.keys().next())
                .map(|pattern| match pattern.as_str() {
                    "^[a-z]{2}$" => "ISO 639-1 language codes in lower case, such as `es`",
                    _ => "of another form",
                });
            // Past the report's limit a rule, a finding is only counted: no need to find
            // the nearest known key for each of 100,000 unknown ones.
            return unexpected
                .iter()
                .enumerate()
                .map(|(index, key)| {
                    if index < super::MAX_FINDINGS_PER_RULE {
                        unknown_key(&pointer, key, &known, key_form)
                    } else {
                        unlisted_unknown_key(&pointer, key)
                    }
                })
                .collect();
        }
        ValidationErrorKind::Required { property } => Diagnostic::new(
            RuleCode::MissingKey,
            pointer,
            format!(
                "missing required key `{}`",
                property.as_str().unwrap_or_default()
            ),
        ),
        ValidationErrorKind::Type { kind } => Diagnostic::new(
            RuleCode::WrongType,
            pointer,
            format!(
                "expected {}, found {} ({})",
                type_name(kind),
                json_type(instance),
                shown(instance)
            ),
        ),
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|values| values.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if definition_name(keyword) == Some("CountryCode") {
                let message = match instance.as_str() {
                    Some(code) => super::rules::codes::unknown_country(code),
                    None => format!(
                        "{} is not an assigned ISO 3166-1 alpha-2 country code",
                        shown(instance)
                    ),
                };
                Diagnostic::new(RuleCode::UnknownCountry, pointer, message)
            } else {
                Diagnostic::new(
                    RuleCode::InvalidValue,
                    pointer,
                    format!(
                        "{} is not an allowed value; use one of {}",
                        shown(instance),
                        quoted_list(allowed)
                    ),
                )
            }
        }
        ValidationErrorKind::Pattern { pattern } if pattern == crate::codes::NOT_BLANK_PATTERN => {
            Diagnostic::new(
                RuleCode::BlankText,
                pointer,
                "text is empty or only whitespace; write something or leave the key out",
            )
        }
        ValidationErrorKind::Pattern { .. }
        | ValidationErrorKind::Format { .. }
        | ValidationErrorKind::MaxLength { .. } => {
            let definition = definition_name(keyword);
            let expected = if declares_1_0 && definition == Some("PartialDate") {
                crate::codes::date::DESCRIPTION_1_0
            } else {
                parent_schema(keyword)
                    .and_then(|schema| schema.get("description"))
                    .and_then(Value::as_str)
                    .unwrap_or("a value of the right form")
            };
            let kind = definition.map(describe_definition).unwrap_or("value");
            Diagnostic::new(
                RuleCode::InvalidValue,
                pointer,
                format!("invalid {kind} {}: expected {expected}", shown(instance)),
            )
        }
        ValidationErrorKind::MinItems { limit } => Diagnostic::new(
            RuleCode::TooFewItems,
            pointer,
            format!(
                "at least {limit} entries are needed, found {}",
                list().len()
            ),
        ),
        ValidationErrorKind::UniqueItems => {
            // On the first repeat, as the checks of a readable document place it, so that
            // the finding does not move when another error is present.
            let items = list();
            let mut seen = HashSet::with_capacity(items.len());
            let repeat = items
                .iter()
                .position(|item| !seen.insert(item.to_value().to_string()));
            match repeat.and_then(|index| Some((index, items.get(index)?.to_value()))) {
                Some((index, item)) => Diagnostic::new(
                    RuleCode::DuplicateItem,
                    format!("{pointer}/{index}"),
                    format!(
                        "{} is listed twice; each entry is listed once",
                        shown(&item)
                    ),
                ),
                None => Diagnostic::new(
                    RuleCode::DuplicateItem,
                    pointer,
                    "the list repeats an entry; each entry is listed once",
                ),
            }
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => {
            let range = parent_schema(keyword)
                .map(
                    |schema| match (schema.get("minimum"), schema.get("maximum")) {
                        (Some(min), Some(max)) => format!("from {min} to {max}"),
                        (Some(min), None) => format!("{min} or more"),
                        _ => format!("at most {limit}"),
                    },
                )
                .unwrap_or_default();
            Diagnostic::new(
                RuleCode::OutOfRange,
                pointer,
                format!("{} is out of range; the value is {range}", shown(instance)),
            )
        }
        _ => {
            // The schema's own words, shortened: they may quote the whole value.
            let mut message = error.to_string();
            if let Some((cut, _)) = message.char_indices().nth(200) {
                message.truncate(cut);
                message.push_str("...");
            }
            Diagnostic::new(RuleCode::InvalidValue, pointer, message)
        }
    };
    vec![finding]
}

/// What a `$defs` entry holds, in words, for messages.
fn describe_definition(name: &str) -> &'static str {
    match name {
        "CountryCode" => "country code",
        "SubdivisionCode" => "subdivision code",
        "NutsCode" => "nuts code",
        "LanguageCode" => "language code",
        "CurrencyCode" => "currency code",
        "PartialDate" => "partial date",
        "Email" => "email address",
        "Url" => "url",
        "SchemaVersion" => "schema version",
        _ if name.ends_with("Id") => "id",
        _ => "value",
    }
}
