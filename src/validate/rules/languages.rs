//! Texts in more than one language: quotes with their translation, and `translations`.

use serde_json::Value;

use crate::CaseStudy;
use crate::validate::{Findings, RuleCode};

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    for (i, quote) in case.quotes.iter().enumerate() {
        if quote.translation.is_some() && quote.language.is_none() {
            findings.push(
                RuleCode::TranslationWithoutLanguage,
                format!("/quotes/{i}/translation"),
                "a quote with a `translation` names the `language` of its `text`; add `language`",
            );
        }
    }
    if case.translations.is_empty() {
        return;
    }
    let own = case.language();
    if case.translations.contains_key(&own) {
        findings.push(
            RuleCode::TranslationInOwnLanguage,
            format!("/translations/{own}"),
            format!(
                "`{own}` is the document's own language{}; its texts are already in it, so translate into other languages only",
                if case.language.is_none() {
                    " (English, since `language` is absent)"
                } else {
                    ""
                }
            ),
        );
    }
    if case.translations.is_empty() {
        return;
    }
    // The document as the schema sees it, built once: pointers resolve in it.
    let Ok(document) = serde_json::to_value(case) else {
        return;
    };
    for (language, texts) in &case.translations {
        for pointer in texts.keys() {
            if let Some(problem) = untranslatable(&document, pointer) {
                let mut at = format!("/translations/{language}");
                crate::pointer::push_token(&mut at, pointer);
                findings.push(
                    RuleCode::UntranslatablePointer,
                    at,
                    format!("`{pointer}` {problem}; a translation is of a free-text value of this document, such as `/title` or `/lessons/0/text`"),
                );
            }
        }
    }
}

/// Why `pointer` cannot be translated, or `None` when it names a free-text value.
fn untranslatable(document: &Value, pointer: &str) -> Option<String> {
    if !pointer.starts_with('/') {
        return Some("is not a JSON Pointer (it begins with `/`)".to_owned());
    }
    let Some(value) = document.pointer(pointer) else {
        return Some("names no value of this document".to_owned());
    };
    let root = pointer.split('/').nth(1).unwrap_or_default();
    if matches!(root, "translations" | "extensions" | "$schema") {
        return Some(format!("is in `{root}`, which is not translated"));
    }
    match value {
        // The `id` of a place identifier is a string of its own, but an id all the same.
        Value::String(_) if !pointer.ends_with("/id") && crate::schema::is_free_text(pointer) => {
            None
        }
        Value::String(_) => Some("names an id, code, date, URL or e-mail address".to_owned()),
        Value::Array(_) => Some("names a list".to_owned()),
        Value::Object(_) => Some("names an object".to_owned()),
        Value::Number(_) => Some("names a number".to_owned()),
        Value::Bool(_) | Value::Null => Some("names a value that is not text".to_owned()),
    }
}
