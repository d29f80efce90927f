//! The documents of the differential test: valid documents with one value broken at a
//! time, for every kind of value the format has (ids, codes, dates, URLs, e-mail
//! addresses, versions, free text, enumerated values, whole numbers), each taken to the
//! edges of its grammar, plus wrong types, unknown keys and missing keys.

use std::path::Path;

use serde_json::{Map, Value, json};

/// One broken document.
#[derive(Debug, Clone)]
pub struct Case {
    /// What was done, in words.
    pub what: String,
    /// Where.
    pub pointer: String,
    /// The document.
    pub document: Value,
}

/// The kind of value at a pointer, from the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Id,
    Country,
    Subdivision,
    Nuts,
    Language,
    Currency,
    Date,
    Url,
    Email,
    Version,
    Text,
    Choice,
    Population,
    Goal,
    Amount,
}

/// Values at the edges of each kind's grammar, valid and invalid.
fn edges(kind: Kind) -> Vec<Value> {
    let strings = |items: &[&str]| items.iter().map(|item| json!(item)).collect::<Vec<_>>();
    match kind {
        Kind::Id => {
            let mut values = strings(&[
                "",
                "a",
                "A",
                "a-",
                "-a",
                "a--b",
                "a_b",
                "é",
                "1",
                "a-1",
                "a b",
                " a",
                "a\u{2028}",
            ]);
            values.push(json!("a".repeat(64)));
            values.push(json!("a".repeat(65)));
            values.push(json!(format!("{}-b", "a".repeat(62))));
            values
        }
        Kind::Country => strings(&[
            "ES", "UK", "XK", "es", "E", "ESP", "ZZ", "EL", "GB", "", " ES",
        ]),
        Kind::Subdivision => strings(&[
            "ES-CB", "ES-", "es-cb", "ES-CBCB", "XX-1", "ES-C", "ESCB", "MX-CHH", "GB-ENG",
        ]),
        Kind::Nuts => strings(&[
            "ES13", "ES1", "ES", "ES1234", "es13", "EL30", "UK", "E", "ES13 ",
        ]),
        Kind::Language => strings(&["es", "en", "spa", "ES", "e", "xx", "zz", ""]),
        Kind::Currency => strings(&[
            "EUR", "USD", "eur", "EU", "EURO", "XXX", "ZZZ", "ZWG", "HRK",
        ]),
        Kind::Date => strings(&[
            "2019",
            "2019-02-29",
            "2020-02-29",
            "1900-02-29",
            "2000-02-29",
            "2019-13",
            "2019-00",
            "0000",
            "9999-12-31",
            "2019-1",
            "19",
            "2019-12-32",
            "2019-04-31",
            " 2019",
            "2019-11-14T00:00",
            "20190101",
            "2019/01",
            "-2019",
            // Format 1.1 (EDTF level 1), and its edges.
            "2019?",
            "2019-02-29~",
            "2020-02-29%",
            "2019-21",
            "2019-25",
            "2019-21?",
            "201X",
            "2XXX",
            "2019-XX-XX",
            "2019-XX-01",
            "2017-11/2019-07",
            "2019/2017",
            "../2019",
            "2019/",
            "../..",
            "/",
            "Y170000002",
        ]),
        Kind::Url => strings(&[
            "https://www.iuc.eu",
            "https:x.org",
            "http://:80",
            "http://a:65536",
            "http://a:65535",
            "HTTP://A.ORG",
            "http://1.2.3.4",
            "http://999.1.1.1",
            "http://a.b-c",
            "http://a-.b",
            "http://a.1",
            "http://localhost",
            "http://münchen.de",
            "http://a.org:080",
            "ftp://a.org",
            "http://a b",
            "http://a.org/ x",
            "http://a.org/\u{a0}",
            "http://a.org/\u{feff}",
            "http://a.org/\u{85}",
            "http://a.org/\u{200b}",
            "http://user@a.org",
            "http://[::1]/",
            "//a.org",
            "http://a..b",
            "http://a.org?q=1#f",
            "https://a.org/%zz",
            "http:///a",
        ]),
        Kind::Email => strings(&[
            "a@b.cd",
            "a..b@c.d",
            ".a@b.c",
            "a.@b.c",
            "a@b",
            "a@-b.c",
            "a@b-.c",
            "a b@c.d",
            "a@b..c",
            "Á@b.c",
            "a+b@c.de",
            "a@b.c-d",
            "\"a\"@b.c",
            "a@[1.2.3.4]",
            "Paz <a@b.c>",
            "a@b.c ",
            "a@1.2",
            "x@y.z",
            "a_b@c.d",
        ]),
        Kind::Version => vec![
            json!("1.0"),
            json!("1.1"),
            json!("1.00"),
            json!("1.4294967296"),
            json!("1.999999999"),
            json!("1.1000000000"),
            json!("2.0"),
            json!("1"),
            json!("01.0"),
            json!(1.0),
            json!("1.0 "),
        ],
        Kind::Text => strings(&[
            "",
            " ",
            "\u{a0}",
            "\u{feff}",
            "\u{85}",
            "\u{2028}",
            "\u{200b}",
            "\u{3000}x",
            "a",
            "\u{1c}",
            "\t\n",
            "\u{1680}",
            "\u{180e}",
            "\u{2007}",
        ]),
        Kind::Choice => strings(&["x", "", "City", "city ", "other"]),
        Kind::Population => vec![
            json!(0),
            json!(1),
            json!(-1),
            json!(1.0),
            json!(1.5),
            json!(1e29),
            json!(9_007_199_254_740_991_u64),
            json!(9_007_199_254_740_992_u64),
            json!("5"),
            json!(true),
        ],
        Kind::Goal => vec![
            json!(0),
            json!(1),
            json!(17),
            json!(18),
            json!(3.0),
            json!(-1),
            json!(2.5),
            json!("3"),
        ],
        Kind::Amount => vec![
            json!(0),
            json!(-1),
            json!(0.5),
            json!(1e300),
            json!("5"),
            json!(-0.0),
        ],
    }
}

fn kind_of(definition: &str, schema: &Value, property: Option<&str>) -> Option<Kind> {
    Some(match definition {
        name if name.ends_with("Id") => Kind::Id,
        "CountryCode" => Kind::Country,
        "SubdivisionCode" => Kind::Subdivision,
        "NutsCode" => Kind::Nuts,
        "LanguageCode" => Kind::Language,
        "CurrencyCode" => Kind::Currency,
        "PartialDate" => Kind::Date,
        "Url" => Kind::Url,
        "Email" => Kind::Email,
        "SchemaVersion" => Kind::Version,
        _ if schema.get("enum").is_some() => Kind::Choice,
        _ if property == Some("population") => Kind::Population,
        _ if property == Some("sdgs")
            || (property.is_none() && schema.get("maximum") == Some(&json!(17))) =>
        {
            Kind::Goal
        }
        _ if property == Some("value") && schema.get("type") == Some(&json!("number")) => {
            Kind::Amount
        }
        _ if schema.get("type") == Some(&json!("string")) && schema.get("pattern").is_some() => {
            Kind::Text
        }
        _ => return None,
    })
}

/// Every value of `document` with its kind, and every object with its schema.
struct Walk<'s> {
    definitions: &'s Map<String, Value>,
    values: Vec<(String, Kind)>,
    objects: Vec<(String, &'s Value)>,
    all: Vec<String>,
}

impl<'s> Walk<'s> {
    fn resolve(&self, mut schema: &'s Value) -> (&'s Value, Option<&'s str>) {
        let mut name = None;
        while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let definition = reference.trim_start_matches("#/$defs/");
            name = Some(definition);
            match self.definitions.get(definition) {
                Some(found) => schema = found,
                None => break,
            }
        }
        (schema, name)
    }

    fn visit(&mut self, value: &Value, schema: &'s Value, pointer: &str, property: Option<&str>) {
        let (schema, name) = self.resolve(schema);
        self.all.push(pointer.to_owned());
        if let Some(kind) = kind_of(name.unwrap_or(""), schema, property) {
            self.values.push((pointer.to_owned(), kind));
        }
        match value {
            Value::Object(members) if schema.get("properties").is_some() => {
                self.objects.push((pointer.to_owned(), schema));
                for (key, member) in members {
                    if let Some(inner) = schema["properties"].get(key) {
                        let escaped = key.replace('~', "~0").replace('/', "~1");
                        self.visit(member, inner, &format!("{pointer}/{escaped}"), Some(key));
                    }
                }
            }
            Value::Array(items) => {
                if let Some(inner) = schema.get("items") {
                    for (index, item) in items.iter().enumerate() {
                        self.visit(item, inner, &format!("{pointer}/{index}"), property);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A few of `items`, spread over the list: the first, the middle and the last.
fn spread<T: Clone>(items: &[T], most: usize) -> Vec<T> {
    if items.len() <= most {
        return items.to_vec();
    }
    (0..most)
        .filter_map(|step| items.get(step * (items.len() - 1) / (most - 1)).cloned())
        .collect()
}

fn with(document: &Value, pointer: &str, value: Value) -> Option<Value> {
    let mut changed = document.clone();
    *changed.pointer_mut(pointer)? = value;
    Some(changed)
}

fn broken(document: &Value, schema: &Value, cases: &mut Vec<Case>) {
    let Some(definitions) = schema.get("$defs").and_then(Value::as_object) else {
        return;
    };
    let mut walk = Walk {
        definitions,
        values: Vec::new(),
        objects: Vec::new(),
        all: Vec::new(),
    };
    walk.visit(document, schema, "", None);

    let mut kinds: Vec<Kind> = walk.values.iter().map(|(_, kind)| *kind).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let pointers: Vec<String> = walk
            .values
            .iter()
            .filter(|(_, found)| *found == kind)
            .map(|(pointer, _)| pointer.clone())
            .collect();
        for pointer in spread(&pointers, 5) {
            for value in edges(kind) {
                if let Some(document) = with(document, &pointer, value.clone()) {
                    cases.push(Case {
                        what: format!("{kind:?} {value}"),
                        pointer: pointer.clone(),
                        document,
                    });
                }
            }
        }
    }
    for pointer in spread(&walk.all, 50)
        .into_iter()
        .filter(|pointer| !pointer.is_empty())
    {
        for value in [
            json!(null),
            json!(true),
            json!(7),
            json!("x"),
            json!([]),
            json!({}),
        ] {
            if let Some(document) = with(document, &pointer, value.clone()) {
                cases.push(Case {
                    what: format!("type {value}"),
                    pointer: pointer.clone(),
                    document,
                });
            }
        }
    }
    for (pointer, object_schema) in spread(&walk.objects, 20) {
        let mut added = document.clone();
        if let Some(Value::Object(members)) = added.pointer_mut(&pointer) {
            members.insert("zz_unknown".to_owned(), json!(1));
            cases.push(Case {
                what: "an unknown key".into(),
                pointer: pointer.clone(),
                document: added,
            });
        }
        let required = object_schema
            .get("required")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for key in required.iter().filter_map(Value::as_str) {
            let mut removed = document.clone();
            if let Some(Value::Object(members)) = removed.pointer_mut(&pointer)
                && members.remove(key).is_some()
            {
                cases.push(Case {
                    what: format!("no `{key}`"),
                    pointer: pointer.clone(),
                    document: removed,
                });
            }
        }
    }
}

/// Every broken document: from the bundled examples, the valid fixtures and generated
/// case studies.
pub fn cases(root: &Path) -> Vec<Case> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("schema/case-study.schema.json")).unwrap_or_default(),
    )
    .unwrap_or_default();
    let mut documents = Vec::new();
    for folder in ["examples/data", "tests/fixtures/valid"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(folder))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| casebook::Format::from_path(path).is_some())
            .collect();
        files.sort();
        for file in files {
            if let Ok(case) = casebook::from_path(&file) {
                documents.push(serde_json::to_value(case).unwrap_or_default());
            }
        }
    }
    // Generated case studies of other shapes, the smaller ones: every value of a
    // document is a place to break, and small documents keep the run short.
    let mut generator = crate::generate::Generator::new(99);
    let mut index = 0;
    while documents.len() < 14 && index < 1_000 {
        let document = serde_json::to_value(generator.case_study(index)).unwrap_or_default();
        if document.to_string().len() < 12_000 {
            documents.push(document);
        }
        index += 1;
    }
    let mut cases = Vec::new();
    for document in &documents {
        broken(document, &schema, &mut cases);
    }
    cases
}
