use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::code_enum;

code_enum! {
    /// A register of places.
    IdentifierScheme, kind: "identifier scheme" {
        /// Wikidata: `Q` and digits, such as `Q12233`.
        Wikidata = "wikidata",
        /// GeoNames: digits, such as `3109718`.
        Geonames = "geonames",
        /// OpenStreetMap: `node/`, `way/` or `relation/` and digits, such as `relation/349013`.
        Osm = "osm",
        /// UN/LOCODE: the country code, a space and three letters or digits, such as `ES SDR`.
        Unlocode = "unlocode",
        /// Any other register; the id is any text.
        Other = "other",
    }
}

impl IdentifierScheme {
    /// The grammar of the scheme's ids as a regular expression, `None` for `other`.
    pub const fn pattern(self) -> Option<&'static str> {
        match self {
            Self::Wikidata => Some("^Q[1-9][0-9]*$"),
            Self::Geonames => Some("^[1-9][0-9]*$"),
            Self::Osm => Some("^(node|way|relation)/[1-9][0-9]*$"),
            Self::Unlocode => Some("^[A-Z]{2} [A-Z2-9]{3}$"),
            Self::Other => None,
        }
    }

    /// The register's name for people: "Wikidata", "GeoNames", "OpenStreetMap",
    /// "UN/LOCODE"; "another register" for `other`.
    pub const fn register(self) -> &'static str {
        match self {
            Self::Wikidata => "Wikidata",
            Self::Geonames => "GeoNames",
            Self::Osm => "OpenStreetMap",
            Self::Unlocode => "UN/LOCODE",
            Self::Other => "another register",
        }
    }

    /// The grammar of the scheme's ids in words, for messages and the schema: "`Q` and
    /// digits, such as `Q12233`"; "any text" for `other`.
    pub const fn grammar(self) -> &'static str {
        match self {
            Self::Wikidata => "`Q` and digits, such as `Q12233`",
            Self::Geonames => "digits, such as `3109718`",
            Self::Osm => "`node/`, `way/` or `relation/` and digits, such as `relation/349013`",
            Self::Unlocode => {
                "a country code, a space and three letters or digits 2 to 9, such as `ES SDR`"
            }
            Self::Other => "any text",
        }
    }

    /// True when `id` follows the scheme's grammar (see [`pattern`](Self::pattern)).
    pub fn accepts(self, id: &str) -> bool {
        let digits = |text: &str| {
            text.starts_with(|c: char| c.is_ascii_digit() && c != '0')
                && text.bytes().all(|b| b.is_ascii_digit())
        };
        match self {
            Self::Wikidata => id.strip_prefix('Q').is_some_and(digits),
            Self::Geonames => digits(id),
            Self::Osm => ["node/", "way/", "relation/"]
                .iter()
                .any(|kind| id.strip_prefix(kind).is_some_and(digits)),
            Self::Unlocode => {
                let bytes = id.as_bytes();
                bytes.len() == 6
                    && bytes.iter().take(2).all(u8::is_ascii_uppercase)
                    && bytes.get(2) == Some(&b' ')
                    && bytes
                        .iter()
                        .skip(3)
                        .all(|b| b.is_ascii_uppercase() || (b'2'..=b'9').contains(b))
            }
            Self::Other => true,
        }
    }
}

/// The id of a place in a register of places. New in format 1.1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("allOf" = identifier_grammars()))]
#[non_exhaustive]
pub struct PlaceIdentifier {
    /// The register.
    pub scheme: IdentifierScheme,
    /// The id in that register, in its grammar: `Q12233` (Wikidata), `3109718`
    /// (GeoNames), `relation/349013` (OpenStreetMap), `ES SDR` (UN/LOCODE).
    pub id: String,
}

impl PlaceIdentifier {
    /// An id in a register.
    ///
    /// ```
    /// use casebook::{IdentifierScheme, PlaceIdentifier};
    ///
    /// let santander = PlaceIdentifier::new(IdentifierScheme::Wikidata, "Q12233");
    /// assert!(santander.scheme.accepts(&santander.id));
    /// assert!(!IdentifierScheme::Osm.accepts("relation/x"));
    /// ```
    pub fn new(scheme: IdentifierScheme, id: impl Into<String>) -> Self {
        Self {
            scheme,
            id: id.into(),
        }
    }
}

/// One `if`/`then` per scheme with a grammar: the schema checks each id against it.
fn identifier_grammars() -> serde_json::Value {
    IdentifierScheme::ALL
        .iter()
        .filter_map(|scheme| {
            let pattern = scheme.pattern()?;
            Some(serde_json::json!({
                "if": {"type": "object", "properties": {"scheme": {"const": scheme.as_str()}}},
                "then": {"type": "object", "properties": {"id": {
                    "type": "string",
                    "pattern": pattern,
                    "description": format!("the form of {} ids: {}", scheme.register(), scheme.grammar()),
                }}},
            }))
        })
        .collect()
}
