use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Coordinates, PlaceIdentifier, code_enum, is_empty, newer_collection, present};
use crate::{CountryCode, NutsCode, OrganisationId, RegionId, SubdivisionCode, Url};

code_enum! {
    /// What kind of government a region is.
    RegionKind, kind: "region kind" {
        /// A city.
        City = "city",
        /// A metropolitan area spanning several municipalities.
        MetropolitanArea = "metropolitan_area",
        /// A municipality.
        Municipality = "municipality",
        /// A province.
        Province = "province",
        /// A federated state, such as Chihuahua.
        State = "state",
        /// A region, such as Cantabria (an autonomous community of Spain).
        Region = "region",
        /// A department.
        Department = "department",
        /// Anything else.
        Other = "other",
    }
}

impl RegionKind {
    /// True for the kinds a `city_to_city` pairing expects: city, municipality,
    /// metropolitan area.
    pub fn is_urban(self) -> bool {
        matches!(
            self,
            Self::City | Self::Municipality | Self::MetropolitanArea
        )
    }
}

/// A local or regional government that takes part in a pairing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Region {
    /// Id, unique among the regions.
    pub id: RegionId,
    /// Name: "Cantabria".
    pub name: String,
    /// What kind of government it is.
    pub kind: RegionKind,
    /// Country (ISO 3166-1 alpha-2, assigned): `ES`, `MX`.
    pub country: CountryCode,
    /// Subdivision (ISO 3166-2); must begin with the country: `ES-CB`, `MX-CHH`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub subdivision: Option<SubdivisionCode>,
    /// For a region made of several subdivisions (such as the Central Region of
    /// Colombia): their ISO 3166-2 codes, checked like `subdivision`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub members: Vec<SubdivisionCode>,
    /// NUTS code; its prefix is the country's NUTS prefix (`EL` for Greece, `UK` for the
    /// United Kingdom), and only countries in the NUTS area have one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub nuts: Option<NutsCode>,
    /// Population, greater than zero.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::number::optional_whole"
    )]
    #[schemars(range(min = 1, max = 9_007_199_254_740_991_i64))]
    pub population: Option<u64>,
    /// The government body: id of an entry in `organisations`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub government: Option<OrganisationId>,
    /// Web site.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub url: Option<Url>,
    /// The region it lies in: id of another entry in `regions`, such as the partner
    /// region of a city (format 1.1). Parents form no loop.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub parent: Option<RegionId>,
    /// A point in the region, such as its seat of government. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub coordinates: Option<Coordinates>,
    /// The region in other registers of places: Wikidata, GeoNames, OpenStreetMap,
    /// UN/LOCODE. New in format 1.1.
    #[serde(
        default,
        skip_serializing_if = "is_empty",
        deserialize_with = "newer_collection"
    )]
    pub identifiers: Vec<PlaceIdentifier>,
}

impl Region {
    /// A region with the required fields and nothing else.
    pub fn new(
        id: RegionId,
        name: impl Into<String>,
        kind: RegionKind,
        country: CountryCode,
    ) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            country,
            subdivision: None,
            members: Vec::new(),
            nuts: None,
            population: None,
            government: None,
            url: None,
            parent: None,
            coordinates: None,
            identifiers: Vec::new(),
        }
    }
}
