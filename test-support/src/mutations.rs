//! Mutations of the valid documents: one thing broken in each, with the pointer of what
//! was broken. Shared by the validation tests and the schema agreement test.

use std::path::PathBuf;

use serde_json::Value;

/// A valid document with one thing broken.
pub struct Mutation {
    /// The valid document it came from.
    pub origin: PathBuf,
    /// What was broken, in words.
    pub what: &'static str,
    /// Where.
    pub pointer: String,
    /// The broken document.
    pub document: Value,
}

/// Every mutation of each of `documents`, which must be valid.
pub fn all(documents: &[PathBuf]) -> Vec<Mutation> {
    let mut mutations = Vec::new();
    for origin in documents {
        let case = casebook::from_path(origin)
            .unwrap_or_else(|error| panic!("{}: {error}", origin.display()));
        let original = serde_json::to_value(case).unwrap();
        let mut add = |what: &'static str, pointer: &str, value: Value| {
            let mut document = original.clone();
            *document.pointer_mut(pointer).unwrap() = value;
            mutations.push(Mutation {
                origin: origin.clone(),
                what,
                pointer: pointer.to_owned(),
                document,
            });
        };
        for pointer in reference_pointers(&original) {
            add("a broken reference", &pointer, "no-such-entry".into());
        }
        for (pointer, value) in code_pointers(&original) {
            add("an unassigned code", &pointer, value);
        }
        for pointer in date_pointers(&original) {
            add("an impossible date", &pointer, "2019-02-30".into());
        }
        if original["pairing"].get("ended").is_some() {
            add("an end before the start", "/pairing/ended", "1900".into());
        }
    }
    mutations
}

/// The pointers of every reference in a document, found from the format's list of
/// reference keys.
pub fn reference_pointers(document: &Value) -> Vec<String> {
    let single = |collection: &str, key: &str| -> Vec<String> {
        document[collection]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, item)| item.get(key).is_some())
            .map(|(i, _)| format!("/{collection}/{i}/{key}"))
            .collect()
    };
    let lists = |base: String, list: &Value| -> Vec<String> {
        list.as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(j, _)| format!("{base}/{j}"))
            .collect()
    };
    let nested = |collection: &str, key: &str| -> Vec<String> {
        document[collection]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .flat_map(|(i, item)| lists(format!("/{collection}/{i}/{key}"), &item[key]))
            .collect()
    };
    let mut pointers = Vec::new();
    pointers.extend(single("regions", "government"));
    pointers.extend(lists(
        "/pairing/regions".into(),
        &document["pairing"]["regions"],
    ));
    pointers.extend(lists(
        "/pairing/focus".into(),
        &document["pairing"]["focus"],
    ));
    pointers.extend(nested("events", "regions"));
    pointers.extend(nested("outcomes", "topics"));
    pointers.extend(nested("proposals", "topics"));
    pointers.extend(nested("proposals", "funding_sources"));
    pointers.extend(nested("funding_sources", "regions"));
    pointers.extend(nested("lessons", "topics"));
    pointers.extend(single("people", "organisation"));
    pointers.extend(single("people", "region"));
    pointers.extend(single("organisations", "region"));
    pointers.extend(single("quotes", "speaker"));
    pointers.extend(lists("/authors".into(), &document["authors"]));
    pointers.extend(lists("/contacts".into(), &document["contacts"]));
    pointers
}

/// Pointers of codes with a value that has their grammar but is not assigned.
pub fn code_pointers(document: &Value) -> Vec<(String, Value)> {
    let mut found = Vec::new();
    for (i, region) in document["regions"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        found.push((format!("/regions/{i}/country"), "QQ".into()));
        if region.get("subdivision").is_some() {
            found.push((
                format!("/regions/{i}/subdivision"),
                format!("{}-QQQ", region["country"].as_str().unwrap()).into(),
            ));
        }
        if region.get("nuts").is_some() {
            found.push((format!("/regions/{i}/nuts"), "QQ1".into()));
        }
    }
    if document.get("language").is_some() {
        found.push(("/language".into(), "qq".into()));
    }
    for (i, _) in document["pairing"]["languages"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        found.push((format!("/pairing/languages/{i}"), "qq".into()));
    }
    for (i, source) in document["funding_sources"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        if source.get("amount").is_some() {
            found.push((
                format!("/funding_sources/{i}/amount/currency"),
                "QQQ".into(),
            ));
        }
    }
    found
}

/// Pointers of every date.
pub fn date_pointers(document: &Value) -> Vec<String> {
    let mut found = vec!["/pairing/started".to_owned()];
    for key in ["published"] {
        if document.get(key).is_some() {
            found.push(format!("/{key}"));
        }
    }
    if document["pairing"].get("ended").is_some() {
        found.push("/pairing/ended".into());
    }
    for (i, _) in document["events"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        found.push(format!("/events/{i}/date"));
    }
    found
}
