//! The bundled code tables: ISO 3166-1, ISO 3166-2, ISO 639-1 and ISO 4217 (generated from
//! Debian's iso-codes), the NUTS area and the EU's membership history (kept by hand,
//! with their sources below).

use chrono::NaiveDate;

mod iso;
mod regions;

pub(crate) use iso::{COUNTRIES, CURRENCIES, LANGUAGES, SUBDIVISIONS};

/// The versions of the bundled code tables, as recorded in every validation report.
pub const CODE_TABLES_VERSION: &str = concat!(
    "iso-codes 4.15.0 (ISO 3166-1, ISO 3166-2, ISO 639-1, ISO 4217); ",
    "NUTS area of the 2016, 2021 and 2024 classifications; EU membership as of 2026-11; ",
    "UN M49 world regions"
);

/// A world region: the top level of the UN's M49 standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorldRegion {
    /// Africa.
    Africa,
    /// North, Central and South America and the Caribbean.
    Americas,
    /// Asia.
    Asia,
    /// Europe.
    Europe,
    /// Oceania.
    Oceania,
    /// Antarctica.
    Antarctica,
}

impl WorldRegion {
    /// The region's name: `Africa`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Africa => "Africa",
            Self::Americas => "Americas",
            Self::Asia => "Asia",
            Self::Europe => "Europe",
            Self::Oceania => "Oceania",
            Self::Antarctica => "Antarctica",
        }
    }
}

/// The world region of an assigned country code.
pub(crate) fn world_region(country: &str) -> Option<WorldRegion> {
    regions::WORLD_REGIONS
        .binary_search_by(|(code, _)| (*code).cmp(country))
        .ok()
        .and_then(|index| regions::WORLD_REGIONS.get(index))
        .map(|(_, region)| *region)
}

/// The name for `code` in a sorted `(code, name)` table.
pub(crate) fn lookup(
    table: &'static [(&'static str, &'static str)],
    code: &str,
) -> Option<&'static str> {
    table
        .binary_search_by(|(entry, _)| (*entry).cmp(code))
        .ok()
        .and_then(|index| table.get(index))
        .map(|(_, name)| *name)
}

/// The countries in the NUTS classification, with their NUTS prefix.
///
/// The EU member states, the EFTA countries and the candidate countries that Eurostat
/// gives statistical regions in NUTS 2016, 2021 and 2024. The prefix is the ISO code
/// except `EL` for Greece and `UK` for the United Kingdom, which is in NUTS 2016 only
/// (its codes stay valid for case studies of that time). Sorted by ISO code.
pub(crate) static NUTS_COUNTRIES: &[(&str, &str)] = &[
    ("AL", "AL"),
    ("AT", "AT"),
    ("BE", "BE"),
    ("BG", "BG"),
    ("CH", "CH"),
    ("CY", "CY"),
    ("CZ", "CZ"),
    ("DE", "DE"),
    ("DK", "DK"),
    ("EE", "EE"),
    ("ES", "ES"),
    ("FI", "FI"),
    ("FR", "FR"),
    ("GB", "UK"),
    ("GR", "EL"),
    ("HR", "HR"),
    ("HU", "HU"),
    ("IE", "IE"),
    ("IS", "IS"),
    ("IT", "IT"),
    ("LI", "LI"),
    ("LT", "LT"),
    ("LU", "LU"),
    ("LV", "LV"),
    ("ME", "ME"),
    ("MK", "MK"),
    ("MT", "MT"),
    ("NL", "NL"),
    ("NO", "NO"),
    ("PL", "PL"),
    ("PT", "PT"),
    ("RO", "RO"),
    ("RS", "RS"),
    ("SE", "SE"),
    ("SI", "SI"),
    ("SK", "SK"),
    ("TR", "TR"),
];

/// A member state of the European Union (and, before 1993, of the European Communities)
/// and the days its membership began and ended.
struct Membership {
    country: &'static str,
    joined: (i32, u32, u32),
    left: Option<(i32, u32, u32)>,
}

const fn member(country: &'static str, joined: (i32, u32, u32)) -> Membership {
    Membership {
        country,
        joined,
        left: None,
    }
}

/// The EU's members, from the treaties of accession; the United Kingdom left at the end
/// of 31 January 2020. Sorted by ISO code.
static EU_MEMBERS: &[Membership] = &[
    member("AT", (1995, 1, 1)),
    member("BE", (1958, 1, 1)),
    member("BG", (2007, 1, 1)),
    member("CY", (2004, 5, 1)),
    member("CZ", (2004, 5, 1)),
    member("DE", (1958, 1, 1)),
    member("DK", (1973, 1, 1)),
    member("EE", (2004, 5, 1)),
    member("ES", (1986, 1, 1)),
    member("FI", (1995, 1, 1)),
    member("FR", (1958, 1, 1)),
    Membership {
        country: "GB",
        joined: (1973, 1, 1),
        left: Some((2020, 2, 1)),
    },
    member("GR", (1981, 1, 1)),
    member("HR", (2013, 7, 1)),
    member("HU", (2004, 5, 1)),
    member("IE", (1973, 1, 1)),
    member("IT", (1958, 1, 1)),
    member("LT", (2004, 5, 1)),
    member("LU", (1958, 1, 1)),
    member("LV", (2004, 5, 1)),
    member("MT", (2004, 5, 1)),
    member("NL", (1958, 1, 1)),
    member("PL", (2004, 5, 1)),
    member("PT", (1986, 1, 1)),
    member("RO", (2007, 1, 1)),
    member("SE", (1995, 1, 1)),
    member("SI", (2004, 5, 1)),
    member("SK", (2004, 5, 1)),
];

fn day((year, month, day): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// True when `country` was a member of the EU on `date`.
pub(crate) fn eu_member_on(country: &str, date: NaiveDate) -> bool {
    EU_MEMBERS.iter().any(|membership| {
        membership.country == country
            && day(membership.joined) <= date
            && membership.left.is_none_or(|left| date < day(left))
    })
}

#[cfg(test)]
mod tests {
    use super::iso::ISO_CODES_VERSION;
    use super::*;

    fn is_sorted(codes: impl Iterator<Item = &'static str>) -> bool {
        let codes: Vec<_> = codes.collect();
        codes.windows(2).all(|pair| pair[0] < pair[1])
    }

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(is_sorted(COUNTRIES.iter().map(|(code, _)| *code)));
        assert!(is_sorted(SUBDIVISIONS.iter().map(|(code, _)| *code)));
        assert!(is_sorted(LANGUAGES.iter().map(|(code, _)| *code)));
        assert!(is_sorted(CURRENCIES.iter().map(|(code, _)| *code)));
        assert!(is_sorted(NUTS_COUNTRIES.iter().map(|(code, _)| *code)));
        assert!(is_sorted(EU_MEMBERS.iter().map(|member| member.country)));
        assert!(is_sorted(
            regions::WORLD_REGIONS.iter().map(|(code, _)| *code)
        ));
    }

    #[test]
    fn every_assigned_country_has_a_world_region() {
        let mapped: Vec<&str> = regions::WORLD_REGIONS
            .iter()
            .map(|(code, _)| *code)
            .collect();
        let assigned: Vec<&str> = COUNTRIES.iter().map(|(code, _)| *code).collect();
        assert_eq!(mapped, assigned);
        assert_eq!(world_region("MX"), Some(WorldRegion::Americas));
        assert_eq!(world_region("ES"), Some(WorldRegion::Europe));
    }

    #[test]
    fn the_version_string_names_the_generated_tables() {
        assert!(CODE_TABLES_VERSION.contains(&format!("iso-codes {ISO_CODES_VERSION}")));
    }

    #[test]
    fn the_united_kingdom_left_on_1_february_2020() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(eu_member_on("GB", date(2020, 1, 31)));
        assert!(!eu_member_on("GB", date(2020, 2, 1)));
        assert!(eu_member_on("HR", date(2013, 7, 1)));
        assert!(!eu_member_on("HR", date(2013, 6, 30)));
        assert!(!eu_member_on("MX", date(2017, 11, 1)));
        assert_eq!(EU_MEMBERS.iter().filter(|m| m.left.is_none()).count(), 27);
    }
}
