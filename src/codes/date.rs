use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CodeError;

/// The grammar of a partial date as a regular expression: a year, a month of it, or a day
/// that exists (30 days hath September; 29 February in leap years only).
const PATTERN: &str = concat!(
    "^[0-9]{4}(-(0[1-9]|1[0-2]))?$",
    "|^[0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)$",
    "|^([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29$",
);

const EXPECTED: &str =
    "a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD, such as \"2017-11\"";

/// How much of a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    /// `YYYY`: the whole year.
    Year,
    /// `YYYY-MM`: the whole month.
    Month,
    /// `YYYY-MM-DD`: one day.
    Day,
}

/// A date of reduced precision (ISO 8601): `2019`, `2017-11` or `2017-11-14`.
///
/// Case studies say "November 2017", not a day, so the format keeps only what is known.
/// A partial date stands for the interval of days it covers: `2017-11` covers 1 to 30
/// November 2017. Comparisons follow that: one date [`precedes`](Self::precedes) another
/// only when its last day is before the other's first day, so `2017-11` neither precedes
/// nor follows `2017-11-14`.
///
/// The derived order (`Ord`) sorts by first day and then coarser before finer
/// (`2017` < `2017-01` < `2017-01-01` < `2017-01-02`); use it for sorting, and
/// `precedes`/`follows` for "before" and "after".
///
/// ```
/// use casebook::PartialDate;
///
/// let kickoff: PartialDate = "2017-11".parse()?;
/// let published: PartialDate = "2019-07".parse()?;
/// assert!(kickoff.precedes(&published));
/// assert_eq!(kickoff.latest().to_string(), "2017-11-30");
///
/// let day: PartialDate = "2017-11-30".parse()?;
/// assert!(!kickoff.precedes(&day) && !kickoff.follows(&day));
/// assert!("2019-02-29".parse::<PartialDate>().is_err());
/// # Ok::<(), casebook::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    earliest: NaiveDate,
    precision: DatePrecision,
}

impl PartialDate {
    /// A whole year.
    ///
    /// # Errors
    ///
    /// When `year` is outside 0 to 9999, which four digits cannot write.
    pub fn from_year(year: i32) -> Result<Self, CodeError> {
        Self::build(year, 1, 1, DatePrecision::Year)
    }

    /// A whole month.
    ///
    /// # Errors
    ///
    /// When the month is not 1 to 12 or the year not 0 to 9999.
    pub fn from_year_month(year: i32, month: u32) -> Result<Self, CodeError> {
        Self::build(year, month, 1, DatePrecision::Month)
    }

    /// One day.
    ///
    /// # Errors
    ///
    /// When the day does not exist (`2019-02-29`) or the year is not 0 to 9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, CodeError> {
        Self::build(year, month, day, DatePrecision::Day)
    }

    fn build(year: i32, month: u32, day: u32, precision: DatePrecision) -> Result<Self, CodeError> {
        let invalid = || {
            let text = match precision {
                DatePrecision::Year => format!("{year}"),
                DatePrecision::Month => format!("{year}-{month:02}"),
                DatePrecision::Day => format!("{year}-{month:02}-{day:02}"),
            };
            CodeError::new("partial date", &text, EXPECTED)
        };
        if !(0..=9999).contains(&year) {
            return Err(invalid());
        }
        let earliest = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(invalid)?;
        Ok(Self {
            earliest,
            precision,
        })
    }

    /// How much of the date is known.
    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.earliest.year()
    }

    /// The month, 1 to 12, when known.
    pub fn month(&self) -> Option<u32> {
        (self.precision >= DatePrecision::Month).then(|| self.earliest.month())
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u32> {
        (self.precision == DatePrecision::Day).then(|| self.earliest.day())
    }

    /// The first day the date covers: 1 November 2017 for `2017-11`.
    pub fn earliest(&self) -> NaiveDate {
        self.earliest
    }

    /// The last day the date covers: 30 November 2017 for `2017-11`, 31 December for a
    /// year, the day itself for a full date.
    pub fn latest(&self) -> NaiveDate {
        let next_start = match self.precision {
            DatePrecision::Day => return self.earliest,
            DatePrecision::Month => self.earliest.checked_add_months(chrono::Months::new(1)),
            DatePrecision::Year => self.earliest.checked_add_months(chrono::Months::new(12)),
        };
        // Years stop at 9999, so the next month or year always exists.
        next_start
            .and_then(|day| day.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// True when every day of `self` is before every day of `other`.
    pub fn precedes(&self, other: &Self) -> bool {
        self.latest() < other.earliest()
    }

    /// True when every day of `self` is after every day of `other`: the only case in
    /// which "`self` is not before `other`" is certain.
    pub fn follows(&self, other: &Self) -> bool {
        self.earliest() > other.latest()
    }

    /// True when the two dates share at least one day.
    pub fn overlaps(&self, other: &Self) -> bool {
        !self.precedes(other) && !self.follows(other)
    }

    /// True when `day` is one of the days the date covers.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.earliest() <= day && day <= self.latest()
    }
}

fn digits(part: &str, len: usize) -> Option<u32> {
    (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

impl FromStr for PartialDate {
    type Err = CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let invalid = || CodeError::new("partial date", value, EXPECTED);
        let mut parts = value.split('-');
        let year = parts
            .next()
            .and_then(|p| digits(p, 4))
            .ok_or_else(invalid)?;
        let year = i32::try_from(year).map_err(|_| invalid())?;
        let month = parts
            .next()
            .map(|p| digits(p, 2).ok_or_else(invalid))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| digits(p, 2).ok_or_else(invalid))
            .transpose()?;
        if parts.next().is_some() {
            return Err(invalid());
        }
        let built = match (month, day) {
            (None, _) => Self::from_year(year),
            (Some(month), None) => Self::from_year_month(year, month),
            (Some(month), Some(day)) => Self::from_ymd(year, month, day),
        };
        built.map_err(|_| invalid())
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(day: NaiveDate) -> Self {
        Self {
            earliest: day,
            precision: DatePrecision::Day,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = self.earliest;
        match self.precision {
            DatePrecision::Year => write!(f, "{:04}", day.year()),
            DatePrecision::Month => write!(f, "{:04}-{:02}", day.year(), day.month()),
            DatePrecision::Day => {
                write!(f, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
            }
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct PartialDateVisitor;

impl<'de> Visitor<'de> for PartialDateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        value.parse().map_err(E::custom)
    }

    // TOML has a native date type (`started = 2017-11-14`), which the `toml` crate hands
    // over as a map; a plain local date is accepted, a time or offset is not.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let datetime = toml::value::Datetime::deserialize(MapAccessDeserializer::new(map))?;
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => PartialDate::from_ymd(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map_err(de::Error::custom),
            _ => Err(de::Error::custom(CodeError::new(
                "partial date",
                &datetime.to_string(),
                "a date without a time: YYYY, YYYY-MM or YYYY-MM-DD",
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(PartialDateVisitor)
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "a date of reduced precision (ISO 8601): YYYY, YYYY-MM or YYYY-MM-DD; it stands for every day it covers",
            "pattern": PATTERN,
            "examples": ["2019", "2017-11", "2017-11-14"],
        })
    }
}
