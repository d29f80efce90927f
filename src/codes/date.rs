use std::cmp::{Ordering, Reverse};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::CodeError;

/// A day that exists, written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (30 days hath September;
/// 29 February in leap years only), as a group of the pattern.
macro_rules! date_pattern {
    () => {
        concat!(
            "([0-9]{4}(-(0[1-9]|1[0-2]))?",
            "|[0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)",
            "|([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)",
            "[?~%]?",
        )
    };
}

/// The grammar of a partial date as a regular expression, exactly what [`FromStr`]
/// accepts: a date with an optional qualifier, a season, a date with unspecified digits,
/// or an interval between dates with optional qualifiers, either end of which may be open
/// (`..`) or unknown (empty), but not both. Plain groups only, so that every regex engine
/// that reads JSON Schema patterns reads it the same way.
const PATTERN: &str = concat!(
    "^(",
    // A date, or an interval that starts with one.
    date_pattern!(),
    "(/(",
    date_pattern!(),
    "|\\.\\.)?)?",
    // An interval whose start is open or unknown.
    "|(\\.\\.)?/",
    date_pattern!(),
    // A season, or unspecified digits.
    "|[0-9]{4}-2[1-4]",
    "|[0-9]{3}X|[0-9]{2}XX|[0-9]{4}-XX(-XX)?|[0-9]{4}-(0[1-9]|1[0-2])-XX",
    ")$",
);

const EXPECTED: &str = concat!(
    "a date that is in the calendar written YYYY, YYYY-MM or YYYY-MM-DD, such as \"2017-11\" ",
    "(years 0000 to 9999, no sign, no time of day); from format 1.1 also ",
    "a date followed by ? (uncertain), ~ (approximate) or % (both), ",
    "a season YYYY-21 to YYYY-24 (spring to winter), X for unspecified last digits (201X, 2018-XX, 2018-12-XX), ",
    "or an interval of two dates joined by /, such as \"2017-11/2019-07\", an end of which may be open (..) or unknown (empty)",
);

/// How much of a [`PartialDate`] is written.
///
/// `#[non_exhaustive]`: the Extended Date/Time Format has more groupings of months than
/// seasons (quarters, halves of a year, at its level 2), which a later format may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DatePrecision {
    /// `YYYY`: the whole year (or, with unspecified digits such as `201X`, the years it
    /// may be).
    Year,
    /// `YYYY-21` to `YYYY-24`: a season of three months.
    Season,
    /// `YYYY-MM`: the whole month (`YYYY-XX`: a month of the year, not said which).
    Month,
    /// `YYYY-MM-DD`: one day (`YYYY-MM-XX`, `YYYY-XX-XX`: a day, not said which).
    Day,
}

/// A date of reduced precision (ISO 8601), or, from format 1.1, any date of the Extended
/// Date/Time Format (EDTF, ISO 8601-2) at level 1 that the format takes.
///
/// Case studies say "November 2017", not a day, so the format keeps only what is known:
///
/// | written | meaning | covers |
/// |---|---|---|
/// | `2019`, `2017-11`, `2017-11-14` | a year, a month, a day (format 1.0) | that year, month or day |
/// | `2018?`, `2018-03~`, `2018-03-02%` | uncertain, approximate, both | the same days as without the mark |
/// | `2018-21` to `2018-24` | spring, summer, autumn, winter (northern, meteorological) | March to May, June to August, September to November, December 2018 to February 2019 |
/// | `201X`, `20XX` | a year with unspecified last digits | 2010 to 2019, 2000 to 2099 |
/// | `2018-XX`, `2018-XX-XX`, `2018-12-XX` | a month or a day, not said which | the year 2018, the year 2018, December 2018 |
/// | `2017-11/2019-07` | an interval; each end a date, with or without `?`, `~`, `%` | from the first day of the start to the last day of the end |
/// | `2017-11/..`, `../2019-07` | an interval with an open end | unbounded on that side |
/// | `2017-11/`, `/2019-07` | an interval with an unknown end | unbounded on that side |
///
/// Years are written with four digits, 0000 to 9999; a sign, a letter-prefixed year
/// (`Y170000002`) and a time of day are refused, and so are forms beyond EDTF's level 1
/// (a qualified season or a qualified date with unspecified digits, `201X?`; a season or
/// unspecified digits at an end of an interval; `2XXX`) and an interval with no date
/// (`../..`, `/`). The text is kept as written: [`Display`](fmt::Display) prints exactly
/// what was parsed.
///
/// A partial date stands for the interval of days it covers, from
/// [`earliest`](Self::earliest) to [`latest`](Self::latest); an open or unknown end is
/// unbounded, [`NaiveDate::MIN`] or [`NaiveDate::MAX`] (nothing is known past the
/// written end, so a check of order lets it reach as far as it can). Comparisons follow that: one date
/// [`precedes`](Self::precedes) another only when its last day is before the other's
/// first day, so `2017-11` neither precedes nor follows `2017-11-14`. An interval that
/// ends before it starts (`2019/2017`) can be written and parsed; the validator reports
/// it (`date-order`), and it neither precedes nor follows anything.
///
/// The order (`Ord`) sorts by first day and then coarser before finer (`2017` <
/// `2017-01` < `2017-01-01` < `2017-01-02`: first day, then last day from late to early);
/// use it for sorting, and `precedes`/`follows` for "before" and "after".
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
///
/// // Format 1.1: the study visit took place at some time in this interval.
/// let visit: PartialDate = "2017-11/2019-07~".parse()?;
/// assert!(visit.is_interval() && visit.is_uncertain_or_approximate() && !visit.is_level_0());
/// assert_eq!(visit.latest().to_string(), "2019-07-31");
/// assert_eq!(visit.to_string(), "2017-11/2019-07~");
/// let winter: PartialDate = "2018-24".parse()?;
/// assert_eq!(winter.latest().to_string(), "2019-02-28");
/// # Ok::<(), casebook::CodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    shape: Shape,
}

/// A single date or an interval with at least one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Shape {
    /// `2017-11`, `2018?`, `2018-21`, `201X`.
    Single(Point),
    /// `2017-11/2019-07`.
    Between(Point, Point),
    /// `2017-11/..`, `2017-11/`.
    From(Point, Unbounded),
    /// `../2019-07`, `/2019-07`.
    Until(Unbounded, Point),
}

/// An end of an interval that is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unbounded {
    /// `..`: the interval goes on.
    Open,
    /// Empty: the end is not known.
    Unknown,
}

/// One written date: `2017-11-14`, `2018-21`, `201X`, `2018-12-XX`, `2018~`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Point {
    /// The year, with its unspecified digits as zeros (`201X` is 2010).
    year: i32,
    /// How many of the year's last digits are `X`: 0, 1 or 2.
    year_x: u8,
    /// A month 1 to 12 or a season 21 to 24.
    month: Part,
    day: Part,
    qualifier: Qualifier,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Part {
    Absent,
    Digits(u8),
    /// `XX`.
    Unspecified,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Qualifier {
    None,
    /// `?`
    Uncertain,
    /// `~`
    Approximate,
    /// `%`
    Both,
}

impl Qualifier {
    fn of(mark: u8) -> Option<Self> {
        match mark {
            b'?' => Some(Self::Uncertain),
            b'~' => Some(Self::Approximate),
            b'%' => Some(Self::Both),
            _ => None,
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Self::None => "",
            Self::Uncertain => "?",
            Self::Approximate => "~",
            Self::Both => "%",
        }
    }
}

/// The first day of `year`-`month`, and the last day of that month.
fn month_span(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    // The month's length in the calendar chrono counts in; a month added with chrono
    // costs several times as much, and the order of dates compares many spans.
    let days = match month {
        2 if first.leap_year() => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some((first, first.with_day(days)?))
}

impl Point {
    const fn full_day(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            year_x: 0,
            month: Part::Digits(month),
            day: Part::Digits(day),
            qualifier: Qualifier::None,
        }
    }

    /// The first and the last day the date covers. Points are checked when built, so the
    /// days exist (years stop at 9999, and the winter of 9999 ends in 10000, which chrono
    /// has); the fallbacks are never taken.
    fn span(&self) -> (NaiveDate, NaiveDate) {
        let whole_years = |first: i32, last: i32| {
            (
                NaiveDate::from_ymd_opt(first, 1, 1).unwrap_or(NaiveDate::MIN),
                NaiveDate::from_ymd_opt(last, 12, 31).unwrap_or(NaiveDate::MAX),
            )
        };
        let year = self.year;
        match (self.month, self.day) {
            (Part::Digits(season @ 21..=24), _) => {
                let first_month = 3 * u32::from(season - 20);
                let first = month_span(year, first_month).map(|(first, _)| first);
                // Three months: winter ends in February of the next year.
                let (last_year, last_month) = match first_month + 2 {
                    month @ 1..=12 => (Some(year), month),
                    month => (year.checked_add(1), month - 12),
                };
                let last = last_year
                    .and_then(|last_year| month_span(last_year, last_month))
                    .map(|(_, last)| last);
                (
                    first.unwrap_or(NaiveDate::MIN),
                    last.unwrap_or(NaiveDate::MAX),
                )
            }
            (Part::Digits(month), Part::Digits(day)) => {
                let day = NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
                    .unwrap_or(NaiveDate::MIN);
                (day, day)
            }
            (Part::Digits(month), _) => {
                month_span(year, u32::from(month)).unwrap_or((NaiveDate::MIN, NaiveDate::MAX))
            }
            _ => match self.year_x {
                0 => whole_years(year, year),
                1 => whole_years(year, year + 9),
                _ => whole_years(year, year + 99),
            },
        }
    }

    fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (_, Part::Digits(_) | Part::Unspecified) => DatePrecision::Day,
            (Part::Digits(21..=24), _) => DatePrecision::Season,
            (Part::Digits(_) | Part::Unspecified, _) => DatePrecision::Month,
            (Part::Absent, Part::Absent) => DatePrecision::Year,
        }
    }

    fn month(&self) -> Option<u32> {
        match self.month {
            Part::Digits(month @ 1..=12) => Some(u32::from(month)),
            _ => None,
        }
    }

    fn day(&self) -> Option<u32> {
        match self.day {
            Part::Digits(day) => Some(u32::from(day)),
            _ => None,
        }
    }

    /// True for the grammar of format 1.0: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`.
    fn is_level_0(&self) -> bool {
        self.qualifier == Qualifier::None
            && self.year_x == 0
            && !matches!(self.month, Part::Unspecified | Part::Digits(21..=24))
            && self.day != Part::Unspecified
    }

    /// Reads one date. `extended` allows what EDTF level 1 allows only for a date on its
    /// own: seasons and unspecified digits (neither with a qualifier).
    fn parse(text: &str, extended: bool) -> Option<Self> {
        let (body, qualifier) = match text.bytes().last().and_then(Qualifier::of) {
            Some(qualifier) => (&text[..text.len() - 1], qualifier),
            None => (text, Qualifier::None),
        };
        let plain = qualifier == Qualifier::None;
        let mut parts = body.split('-');
        let year_text = parts.next()?;
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some() || year_text.len() != 4 {
            return None;
        }
        let digits = year_text.trim_end_matches('X');
        let year_x = 4 - digits.len();
        if year_x > 2
            || (year_x > 0 && !(extended && plain && month_text.is_none()))
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year = digits.parse::<i32>().ok()? * 10_i32.pow(u32::try_from(year_x).ok()?);
        let month = match month_text {
            None => Part::Absent,
            Some("XX") if extended && plain => Part::Unspecified,
            Some(text) => match two_digits(text)? {
                month @ 1..=12 => Part::Digits(month),
                season @ 21..=24 if extended && plain && day_text.is_none() => Part::Digits(season),
                _ => return None,
            },
        };
        let day = match (day_text, month) {
            (None, _) => Part::Absent,
            (Some("XX"), Part::Digits(1..=12) | Part::Unspecified) if extended && plain => {
                Part::Unspecified
            }
            (Some(text), Part::Digits(month @ 1..=12)) => {
                let day = two_digits(text)?;
                NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))?;
                Part::Digits(day)
            }
            _ => return None,
        };
        Some(Self {
            year,
            year_x: u8::try_from(year_x).ok()?,
            month,
            day,
            qualifier,
        })
    }
}

fn two_digits(text: &str) -> Option<u8> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year_x {
            0 => write!(f, "{:04}", self.year)?,
            1 => write!(f, "{:03}X", self.year / 10)?,
            _ => write!(f, "{:02}XX", self.year / 100)?,
        }
        for part in [self.month, self.day] {
            match part {
                Part::Absent => {}
                Part::Digits(digits) => write!(f, "-{digits:02}")?,
                Part::Unspecified => f.write_str("-XX")?,
            }
        }
        f.write_str(self.qualifier.mark())
    }
}

impl Unbounded {
    fn parse(text: &str) -> Option<Self> {
        match text {
            ".." => Some(Self::Open),
            "" => Some(Self::Unknown),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Open => "..",
            Self::Unknown => "",
        }
    }
}

impl PartialDate {
    /// A whole year.
    ///
    /// # Errors
    ///
    /// When `year` is outside 0 to 9999, which four digits cannot write.
    pub fn from_year(year: i32) -> Result<Self, CodeError> {
        Self::build(year, None, None)
    }

    /// A whole month.
    ///
    /// # Errors
    ///
    /// When the month is not 1 to 12 or the year not 0 to 9999.
    pub fn from_year_month(year: i32, month: u32) -> Result<Self, CodeError> {
        Self::build(year, Some(month), None)
    }

    /// One day.
    ///
    /// # Errors
    ///
    /// When the day does not exist (`2019-02-29`) or the year is not 0 to 9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, CodeError> {
        Self::build(year, Some(month), Some(day))
    }

    fn build(year: i32, month: Option<u32>, day: Option<u32>) -> Result<Self, CodeError> {
        let invalid = || {
            let text = match (month, day) {
                (None, _) => format!("{year}"),
                (Some(month), None) => format!("{year}-{month:02}"),
                (Some(month), Some(day)) => format!("{year}-{month:02}-{day:02}"),
            };
            CodeError::new("partial date", &text, EXPECTED)
        };
        let digits = |part: Option<u32>| match part {
            None => Some(Part::Absent),
            Some(value) => u8::try_from(value).ok().map(Part::Digits),
        };
        let exists = (0..=9999).contains(&year)
            && NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1)).is_some();
        match (digits(month), digits(day)) {
            (Some(month), Some(day)) if exists => Ok(Self::single(Point {
                year,
                year_x: 0,
                month,
                day,
                qualifier: Qualifier::None,
            })),
            _ => Err(invalid()),
        }
    }

    fn single(point: Point) -> Self {
        Self {
            shape: Shape::Single(point),
        }
    }

    /// The date written first: the start, or the end of an interval with no start.
    fn first_written(&self) -> &Point {
        match &self.shape {
            Shape::Single(point)
            | Shape::Between(point, _)
            | Shape::From(point, _)
            | Shape::Until(_, point) => point,
        }
    }

    fn points(&self) -> [Option<&Point>; 2] {
        match &self.shape {
            Shape::Single(point) => [Some(point), None],
            Shape::Between(start, end) => [Some(start), Some(end)],
            Shape::From(point, _) | Shape::Until(_, point) => [Some(point), None],
        }
    }

    /// How much of the date is written; for an interval, of its first date written (the
    /// start, or the end when the start is open or unknown).
    pub fn precision(&self) -> DatePrecision {
        self.first_written().precision()
    }

    /// The year; for unspecified digits (`201X`) the first year it may be; for an
    /// interval, the year of its first date written.
    pub fn year(&self) -> i32 {
        self.first_written().year
    }

    /// The month, 1 to 12, when written (not for a season or `XX`); for an interval, of
    /// its first date written.
    pub fn month(&self) -> Option<u32> {
        self.first_written().month()
    }

    /// The day of the month, when written (not for `XX`); for an interval, of its first
    /// date written.
    pub fn day(&self) -> Option<u32> {
        self.first_written().day()
    }

    /// The first day the date covers: 1 November 2017 for `2017-11`, 1 January 2010 for
    /// `201X`, the first day of the start for an interval, and [`NaiveDate::MIN`] for an
    /// interval whose start is open (`..`) or unknown (empty).
    pub fn earliest(&self) -> NaiveDate {
        match &self.shape {
            Shape::Single(point) | Shape::Between(point, _) | Shape::From(point, _) => {
                point.span().0
            }
            Shape::Until(..) => NaiveDate::MIN,
        }
    }

    /// The last day the date covers: 30 November 2017 for `2017-11`, 31 December for a
    /// year, the day itself for a full date, 28 or 29 February of the next year for a
    /// winter, the last day of the end for an interval, and [`NaiveDate::MAX`] for an
    /// interval whose end is open (`..`) or unknown (empty).
    pub fn latest(&self) -> NaiveDate {
        match &self.shape {
            Shape::Single(point) | Shape::Between(_, point) | Shape::Until(_, point) => {
                point.span().1
            }
            Shape::From(..) => NaiveDate::MAX,
        }
    }

    /// True for an interval (`2017-11/2019-07`, `2017-11/..`, `/2019-07`).
    pub fn is_interval(&self) -> bool {
        !matches!(self.shape, Shape::Single(_))
    }

    /// Where the date starts, as a date of its own: the date itself when it is not an
    /// interval, the start of an interval, or `None` when that start is open or unknown.
    pub fn start(&self) -> Option<Self> {
        match self.shape {
            Shape::Single(_) => Some(*self),
            Shape::Between(point, _) | Shape::From(point, _) => Some(Self::single(point)),
            Shape::Until(..) => None,
        }
    }

    /// Where the date ends, as a date of its own: the date itself when it is not an
    /// interval, the end of an interval, or `None` when that end is open or unknown.
    pub fn end(&self) -> Option<Self> {
        match self.shape {
            Shape::Single(_) => Some(*self),
            Shape::Between(_, point) | Shape::Until(_, point) => Some(Self::single(point)),
            Shape::From(..) => None,
        }
    }

    /// True when the date, or either end of the interval, is marked uncertain (`?`) or
    /// uncertain and approximate (`%`).
    pub fn is_uncertain(&self) -> bool {
        self.points()
            .into_iter()
            .flatten()
            .any(|point| matches!(point.qualifier, Qualifier::Uncertain | Qualifier::Both))
    }

    /// True when the date, or either end of the interval, is marked approximate (`~`) or
    /// uncertain and approximate (`%`).
    pub fn is_approximate(&self) -> bool {
        self.points()
            .into_iter()
            .flatten()
            .any(|point| matches!(point.qualifier, Qualifier::Approximate | Qualifier::Both))
    }

    /// True when the date, or either end of the interval, carries `?`, `~` or `%`. A check
    /// of order that fails on such a date is a warning, never an error.
    pub fn is_uncertain_or_approximate(&self) -> bool {
        self.points()
            .into_iter()
            .flatten()
            .any(|point| point.qualifier != Qualifier::None)
    }

    /// True when the date is written in the grammar of format 1.0 (`YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, nothing more): every other date needs format 1.1.
    pub fn is_level_0(&self) -> bool {
        match &self.shape {
            Shape::Single(point) => point.is_level_0(),
            _ => false,
        }
    }

    /// True for an interval whose end is before its start (`2019/2017`).
    fn is_reversed(&self) -> bool {
        match &self.shape {
            Shape::Between(start, end) => end.span().1 < start.span().0,
            _ => false,
        }
    }

    /// True when every day of `self` is before every day of `other`. False when either is
    /// an interval that ends before it starts.
    pub fn precedes(&self, other: &Self) -> bool {
        !self.is_reversed() && !other.is_reversed() && self.latest() < other.earliest()
    }

    /// True when every day of `self` is after every day of `other`: the only case in
    /// which "`self` is not before `other`" is certain. False when either is an interval
    /// that ends before it starts.
    pub fn follows(&self, other: &Self) -> bool {
        other.precedes(self)
    }

    /// True when the two dates share at least one day (or cannot be told apart: when
    /// neither precedes nor follows the other).
    pub fn overlaps(&self, other: &Self) -> bool {
        !self.precedes(other) && !self.follows(other)
    }

    /// True when `day` is one of the days the date covers.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.earliest() <= day && day <= self.latest()
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PartialDate {
    /// First day, then last day from late to early (coarser before finer), then the way it
    /// is written.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.earliest(), Reverse(self.latest()), self.shape).cmp(&(
            other.earliest(),
            Reverse(other.latest()),
            other.shape,
        ))
    }
}

impl FromStr for PartialDate {
    type Err = CodeError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let shape = match value.split_once('/') {
            None => Point::parse(value, true).map(Shape::Single),
            Some((_, end)) if end.contains('/') => None,
            Some((start, end)) => {
                match (
                    Point::parse(start, false),
                    Point::parse(end, false),
                    Unbounded::parse(start),
                    Unbounded::parse(end),
                ) {
                    (Some(start), Some(end), ..) => Some(Shape::Between(start, end)),
                    (Some(start), None, _, Some(end)) => Some(Shape::From(start, end)),
                    (None, Some(end), Some(start), _) => Some(Shape::Until(start, end)),
                    _ => None,
                }
            }
        };
        shape
            .map(|shape| Self { shape })
            .ok_or_else(|| CodeError::new("partial date", value, EXPECTED))
    }
}

impl From<NaiveDate> for PartialDate {
    /// The day. A day outside the years 0 to 9999, which the format cannot write, is kept,
    /// but its text does not parse back.
    fn from(day: NaiveDate) -> Self {
        // `month()` and `day()` are at most 12 and 31.
        let small = |value: u32| u8::try_from(value).unwrap_or(1);
        Self::single(Point::full_day(
            day.year(),
            small(day.month()),
            small(day.day()),
        ))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.shape {
            Shape::Single(point) => write!(f, "{point}"),
            Shape::Between(start, end) => write!(f, "{start}/{end}"),
            Shape::From(start, end) => write!(f, "{start}/{}", end.as_str()),
            Shape::Until(start, end) => write!(f, "{}/{end}", start.as_str()),
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

/// What format 1.0 calls a partial date. A document that declares 1.0 is told this when a
/// date is not one, so that its report reads as it did before 1.1 (the schema's description,
/// which covers both versions, is longer).
pub(crate) const DESCRIPTION_1_0: &str = "a date of reduced precision (ISO 8601): YYYY, YYYY-MM or YYYY-MM-DD; it stands for every day it covers";

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": concat!(
                "a date of reduced precision (ISO 8601) that is in the calendar: YYYY, YYYY-MM or YYYY-MM-DD; ",
                "from format 1.1 also EDTF level 1: a date followed by ? (uncertain), ~ (approximate) or % (both), ",
                "a season YYYY-21 to YYYY-24 (spring to winter), X for unspecified last digits (201X, 2018-XX, 2018-12-XX), ",
                "or an interval of two dates joined by / (2017-11/2019-07), an end of which may be open (..) or unknown (empty); ",
                "years 0000 to 9999, no time of day; it stands for every day it covers",
            ),
            "pattern": PATTERN,
            "examples": ["2019", "2017-11", "2017-11-14", "2018-03~", "2017-11/2019-07"],
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Months and seasons measured by hand agree with chrono's month arithmetic, in leap
    /// years and others, at the ends of chrono's range and beyond.
    #[test]
    fn month_and_season_spans_agree_with_chrono() {
        use chrono::Months;
        let by_chrono = |year: i32, month: u32, months: u32| {
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            Some((
                first,
                first.checked_add_months(Months::new(months))?.pred_opt()?,
            ))
        };
        let (min, max) = (NaiveDate::MIN.year(), NaiveDate::MAX.year());
        let years = [
            1900,
            1999,
            2000,
            2023,
            2024,
            2100,
            0,
            -1,
            -4,
            min,
            min + 1,
            max - 1,
            max,
        ];
        for year in years {
            for month in 0..=13 {
                // The one month chrono cannot add to: December of its last year.
                let expected = if (year, month) == (max, 12) {
                    Some((NaiveDate::from_ymd_opt(max, 12, 1).unwrap(), NaiveDate::MAX))
                } else {
                    by_chrono(year, month, 1)
                };
                assert_eq!(month_span(year, month), expected, "{year}-{month}");
            }
            for season in 21..=24_u8 {
                let point = Point {
                    month: Part::Digits(season),
                    day: Part::Absent,
                    ..Point::full_day(year, 1, 1)
                };
                let first_month = 3 * u32::from(season - 20);
                let expected = by_chrono(year, first_month, 3).map_or(
                    (
                        NaiveDate::from_ymd_opt(year, first_month, 1).unwrap_or(NaiveDate::MIN),
                        NaiveDate::MAX,
                    ),
                    |span| span,
                );
                assert_eq!(point.span(), expected, "{year}-{season}");
            }
        }
    }

    fn pattern() -> &'static jsonschema::Validator {
        static PATTERN_CHECK: std::sync::LazyLock<jsonschema::Validator> =
            std::sync::LazyLock::new(|| {
                jsonschema::validator_for(
                    &serde_json::json!({ "type": "string", "pattern": PATTERN }),
                )
                .expect("the pattern compiles")
            });
        &PATTERN_CHECK
    }

    fn date(text: &str) -> PartialDate {
        text.parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    fn days(text: &str) -> (String, String) {
        let date = date(text);
        (date.earliest().to_string(), date.latest().to_string())
    }

    #[test]
    fn every_form_covers_its_days() {
        let span = |first: &str, last: &str| (first.to_owned(), last.to_owned());
        assert_eq!(days("2018?"), span("2018-01-01", "2018-12-31"));
        assert_eq!(days("2018-03~"), span("2018-03-01", "2018-03-31"));
        assert_eq!(days("2018-21"), span("2018-03-01", "2018-05-31"));
        assert_eq!(days("2018-22"), span("2018-06-01", "2018-08-31"));
        assert_eq!(days("2018-23"), span("2018-09-01", "2018-11-30"));
        assert_eq!(days("2018-24"), span("2018-12-01", "2019-02-28"));
        assert_eq!(days("2019-24"), span("2019-12-01", "2020-02-29"));
        assert_eq!(days("9999-24"), span("9999-12-01", "+10000-02-29"));
        assert_eq!(days("201X"), span("2010-01-01", "2019-12-31"));
        assert_eq!(days("20XX"), span("2000-01-01", "2099-12-31"));
        assert_eq!(days("2018-XX"), span("2018-01-01", "2018-12-31"));
        assert_eq!(days("2018-XX-XX"), span("2018-01-01", "2018-12-31"));
        assert_eq!(days("2018-12-XX"), span("2018-12-01", "2018-12-31"));
        assert_eq!(days("2020-02-XX"), span("2020-02-01", "2020-02-29"));
        assert_eq!(days("2017-11/2019-07"), span("2017-11-01", "2019-07-31"));
        assert_eq!(days("2017-11-14?/2019~"), span("2017-11-14", "2019-12-31"));
        let min = NaiveDate::MIN.to_string();
        let max = NaiveDate::MAX.to_string();
        assert_eq!(days("2017-11/.."), span("2017-11-01", &max));
        assert_eq!(days("2017-11/"), span("2017-11-01", &max));
        assert_eq!(days("../2019-07"), span(&min, "2019-07-31"));
        assert_eq!(days("/2019-07"), span(&min, "2019-07-31"));
    }

    #[test]
    fn the_parts_of_a_date() {
        use DatePrecision::{Day, Month, Season, Year};
        let parts = |text: &str| {
            let date = date(text);
            (date.precision(), date.year(), date.month(), date.day())
        };
        assert_eq!(parts("2018-21"), (Season, 2018, None, None));
        assert_eq!(parts("201X"), (Year, 2010, None, None));
        assert_eq!(parts("2018-XX"), (Month, 2018, None, None));
        assert_eq!(parts("2018-XX-XX"), (Day, 2018, None, None));
        assert_eq!(parts("2018-12-XX"), (Day, 2018, Some(12), None));
        assert_eq!(parts("2018-12-03%"), (Day, 2018, Some(12), Some(3)));
        assert_eq!(parts("2017-11/2019"), (Month, 2017, Some(11), None));
        assert_eq!(parts("../2019"), (Year, 2019, None, None));
        let visit = date("2017-11?/..");
        assert_eq!(visit.start(), Some(date("2017-11?")));
        assert_eq!(visit.end(), None);
        assert_eq!(date("/2019").start(), None);
        assert_eq!(date("2019").start(), Some(date("2019")));
        assert_eq!(date("2019").end(), Some(date("2019")));
    }

    #[test]
    fn qualifiers_and_levels() {
        for (text, uncertain, approximate) in [
            ("2018", false, false),
            ("2018?", true, false),
            ("2018~", false, true),
            ("2018%", true, true),
            ("2017/2018?", true, false),
            ("2017~/..", false, true),
            ("2018-21", false, false),
        ] {
            let date = date(text);
            assert_eq!(date.is_uncertain(), uncertain, "{text}");
            assert_eq!(date.is_approximate(), approximate, "{text}");
            assert_eq!(
                date.is_uncertain_or_approximate(),
                uncertain || approximate,
                "{text}"
            );
        }
        for level_0 in ["2018", "2018-03", "2018-03-02", "0000", "9999-12-31"] {
            assert!(date(level_0).is_level_0(), "{level_0}");
        }
        for level_1 in [
            "2018?",
            "2018-21",
            "201X",
            "2018-XX",
            "2018-12-XX",
            "2017/2018",
            "2017/",
            "../2018",
        ] {
            assert!(!date(level_1).is_level_0(), "{level_1}");
        }
    }

    #[test]
    fn reversed_intervals_parse_and_compare_with_nothing() {
        let reversed = date("2019/2017");
        assert_eq!(reversed.to_string(), "2019/2017");
        let other = date("2030");
        assert!(!reversed.precedes(&other) && !reversed.follows(&other));
        assert!(!other.follows(&reversed) && !other.precedes(&reversed));
        assert!(!reversed.contains(date("2018").earliest()));
        // Ends that share days are in order.
        assert!(!date("2017-11-14/2017-11").is_reversed());
        assert!(date("2017-11-14/2017-11-13").is_reversed());
    }

    #[test]
    fn open_ends_are_unbounded() {
        let from = date("2017-11/..");
        assert!(!from.precedes(&date("9999")));
        assert!(from.follows(&date("2017-10")));
        assert!(date("../2019").precedes(&date("2020")));
        assert!(!date("../2019").follows(&date("0000")));
    }

    #[test]
    fn the_order_sorts_coarser_first() {
        let mut dates: Vec<PartialDate> = [
            "2017-01-02",
            "2017-01-01",
            "2017-01",
            "2017",
            "201X",
            "../2017",
            "2017-21",
            "2017?",
        ]
        .iter()
        .map(|text| date(text))
        .collect();
        dates.sort();
        let sorted: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            sorted,
            [
                "../2017",
                "201X",
                "2017",
                "2017?",
                "2017-01",
                "2017-01-01",
                "2017-01-02",
                "2017-21"
            ]
        );
    }

    #[test]
    fn constructors_keep_their_checks() {
        assert_eq!(PartialDate::from_year(2019).unwrap().to_string(), "2019");
        assert_eq!(
            PartialDate::from_year_month(2019, 7).unwrap().to_string(),
            "2019-07"
        );
        assert_eq!(
            PartialDate::from_ymd(2020, 2, 29).unwrap().to_string(),
            "2020-02-29"
        );
        assert!(PartialDate::from_ymd(2019, 2, 29).is_err());
        assert!(PartialDate::from_ymd(2019, 2, 0).is_err());
        assert!(PartialDate::from_year_month(2019, 0).is_err());
        assert!(PartialDate::from_year_month(2019, 21).is_err());
        assert!(PartialDate::from_year_month(2019, 300).is_err());
        assert!(PartialDate::from_year(10_000).is_err());
        assert!(PartialDate::from_year(-1).is_err());
        let day = NaiveDate::from_ymd_opt(2017, 11, 14).unwrap();
        assert_eq!(PartialDate::from(day), date("2017-11-14"));
    }

    #[test]
    fn refusals_say_what_is_accepted() {
        for bad in [
            "2018-21?",
            "201X?",
            "201X/2019",
            "2018-21/2019",
            "../..",
            "/",
            "../",
            "/..",
            "2XXX",
            "2018-XX-05",
            "X018",
            "2018/2019/2020",
            "2018??",
            "?",
            "2018-25",
            "2018-20",
            "-1985",
            "Y170000002",
            "2018-02-30",
            "1900-02-29",
        ] {
            let error = bad.parse::<PartialDate>().expect_err(bad);
            assert!(error.to_string().contains("season YYYY-21"), "{error}");
            assert!(!pattern().is_valid(&serde_json::json!(bad)), "{bad}");
        }
    }

    /// Text made of the characters of the grammar, most of it close to a date.
    fn near_date() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("2018".to_owned()),
            Just("0000".to_owned()),
            Just("2000".to_owned()),
            Just("1900".to_owned()),
            Just("201X".to_owned()),
            Just("20XX".to_owned()),
            Just("2XXX".to_owned()),
            "[0-9X]{2,5}",
            "(0[0-9]|1[0-9]|2[0-9]|3[0-2]|XX)",
            Just("-".to_owned()),
            Just("/".to_owned()),
            Just("..".to_owned()),
            Just(".".to_owned()),
            "[?~%]",
            "[0-9]",
        ];
        prop::collection::vec(piece, 0..9).prop_map(|pieces| pieces.concat())
    }

    /// A value of the grammar with one character inserted, removed or replaced.
    fn one_edit_away() -> impl Strategy<Value = String> {
        let mark = prop::sample::select(vec![
            '0', '1', '2', '3', '9', 'X', '-', '/', '.', '?', '~', '%', 'T', 'Y', ' ',
        ]);
        (written(), any::<prop::sample::Index>(), mark, 0..3_u8).prop_map(
            |(text, at, mark, edit)| {
                let mut chars: Vec<char> = text.chars().collect();
                let at = at.index(chars.len() + 1);
                match edit {
                    0 => chars.insert(at, mark),
                    _ if at == chars.len() => chars.push(mark),
                    1 => {
                        chars.remove(at);
                    }
                    _ => chars[at] = mark,
                }
                chars.into_iter().collect()
            },
        )
    }

    /// A value of every form the grammar has.
    fn written() -> impl Strategy<Value = String> {
        let day = (0..=9999_i32, 1..=12_u32, 1..=31_u32).prop_filter_map(
            "a day that exists",
            |(year, month, day)| {
                NaiveDate::from_ymd_opt(year, month, day)
                    .map(|_| format!("{year:04}-{month:02}-{day:02}"))
            },
        );
        let plain = prop_oneof![
            (0..=9999_i32).prop_map(|year| format!("{year:04}")),
            (0..=9999_i32, 1..=12_u32).prop_map(|(year, month)| format!("{year:04}-{month:02}")),
            day,
        ];
        let qualified = (plain, prop::sample::select(vec!["", "?", "~", "%"]))
            .prop_map(|(date, mark)| format!("{date}{mark}"));
        let single = prop_oneof![
            qualified.clone(),
            (0..=9999_i32, 21..=24_u32).prop_map(|(year, season)| format!("{year:04}-{season}")),
            (0..=999_i32).prop_map(|decade| format!("{decade:03}X")),
            (0..=99_i32).prop_map(|century| format!("{century:02}XX")),
            (0..=9999_i32).prop_map(|year| format!("{year:04}-XX")),
            (0..=9999_i32).prop_map(|year| format!("{year:04}-XX-XX")),
            (0..=9999_i32, 1..=12_u32).prop_map(|(year, month)| format!("{year:04}-{month:02}-XX")),
        ];
        let end = prop_oneof![
            2 => qualified.clone(),
            1 => Just("..".to_owned()),
            1 => Just(String::new()),
        ];
        let interval = (qualified, end, any::<bool>()).prop_map(|(date, other, flip)| {
            if flip {
                format!("{other}/{date}")
            } else {
                format!("{date}/{other}")
            }
        });
        prop_oneof![single, interval]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn every_written_form_parses_and_prints_back(text in written()) {
            let parsed = date(&text);
            prop_assert_eq!(&parsed.to_string(), &text);
            prop_assert_eq!(text.parse::<PartialDate>().unwrap(), parsed);
            prop_assert!(pattern().is_valid(&serde_json::json!(text)), "{}", text);
            prop_assert!(parsed.earliest() <= parsed.latest() || parsed.is_reversed());
            prop_assert_eq!(parsed.is_level_0(), !text.contains(['?', '~', '%', 'X', '/']) && !parsed.is_interval() && parsed.precision() != DatePrecision::Season);
        }

        #[test]
        fn the_pattern_accepts_what_the_parser_accepts(text in prop_oneof![near_date(), one_edit_away()]) {
            let parsed = text.parse::<PartialDate>();
            prop_assert_eq!(parsed.is_ok(), pattern().is_valid(&serde_json::json!(text)), "{}", text);
            if let Ok(parsed) = parsed {
                prop_assert_eq!(parsed.to_string(), text);
            }
        }
    }
}
