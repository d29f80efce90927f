use std::cmp::Ordering;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A point on the Earth: latitude and longitude in WGS 84 decimal degrees. New in
/// format 1.1.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Coordinates {
    /// Latitude in degrees, from -90 (south) to 90 (north).
    #[schemars(range(min = -90, max = 90))]
    #[serde(
        deserialize_with = "super::number::real",
        serialize_with = "super::number::write_real"
    )]
    pub lat: f64,
    /// Longitude in degrees, from -180 (west) to 180 (east).
    #[schemars(range(min = -180, max = 180))]
    #[serde(
        deserialize_with = "super::number::real",
        serialize_with = "super::number::write_real"
    )]
    pub lon: f64,
}

impl Coordinates {
    /// A point at a latitude and a longitude.
    ///
    /// ```
    /// use casebook::Coordinates;
    ///
    /// let santander = Coordinates::new(43.4623, -3.80998);
    /// assert!(santander.is_in_range());
    /// assert!(!Coordinates::new(91.0, 0.0).is_in_range());
    /// ```
    pub fn new(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// True when the latitude is in -90..=90 and the longitude in -180..=180.
    pub fn is_in_range(&self) -> bool {
        (-90.0..=90.0).contains(&self.lat) && (-180.0..=180.0).contains(&self.lon)
    }
}

/// Two points are equal when their numbers are the same `f64` values
/// ([`f64::total_cmp`]), so that equality is total and `Coordinates`, and the regions and
/// events that have them, can be `Eq`.
impl PartialEq for Coordinates {
    fn eq(&self, other: &Self) -> bool {
        self.lat.total_cmp(&other.lat) == Ordering::Equal
            && self.lon.total_cmp(&other.lon) == Ordering::Equal
    }
}

impl Eq for Coordinates {}
