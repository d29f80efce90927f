//! Properties over arbitrary valid case studies built from the code tables: they survive
//! every round trip unchanged, their reports are empty, and any single mutation is caught
//! at the place it was made.

mod common;

use casebook::{
    CaseStudy, Event, EventKind, Format, FundingKind, FundingScope, FundingSource, FundingStatus,
    Indicator, Measure, Measurement, Money, Organisation, OrganisationRole, Pairing, PairingKind,
    PairingStatus, PartialDate, Qualifier, Region, RegionKind, SchemaVersion, Share,
    SubdivisionCode, Topic, Validator,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn subdivisions() -> Vec<(&'static str, &'static str)> {
    SubdivisionCode::assigned().collect()
}

/// Text that is not blank, with accents and punctuation.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-zéñüçØ][A-Za-z0-9 ,.;:'\"éñüçØ()-]{0,40}"
}

fn slug() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,4}){0,2}"
}

/// Any JSON value: null, every integer from `i64::MIN` to `u64::MAX`, every finite
/// float (the edges among them), any text; nested lists and objects, in any key order.
fn extension_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![i64::MIN, i64::MAX, 0, -1]).prop_map(Value::from),
        prop::sample::select(vec![u64::MAX, 1 << 63]).prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(vec![
            f64::MIN,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -0.0,
            0.1
        ])
        .prop_map(Value::from),
        "\\PC{0,24}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Value::from),
            // Keys in the order drawn, not sorted: order is part of what must survive.
            prop::collection::vec(("[a-z_]{1,8}", inner), 1..4)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

prop_compose! {
    fn case_study()(
        places in prop::sample::subsequence(subdivisions(), 2..5),
        kinds in prop::collection::vec(prop::sample::select(RegionKind::ALL.to_vec()), 5),
        title in text(),
        summary in prop::option::of(text()),
        id in slug(),
        started_year in 2000i32..2020,
        started_month in 1u32..=12,
        published_after in 0i32..5,
        topics in prop::collection::vec((text(), prop::collection::btree_set(1u8..=17, 0..4)), 1..6),
        extensions in prop::collection::btree_map("[a-z_]{1,10}", extension_value(), 0..4),
    ) -> CaseStudy {
        let regions: Vec<Region> = places
            .iter()
            .zip(&kinds)
            .map(|((code, name), kind)| Region::new(code.to_ascii_lowercase().parse().unwrap(), *name, *kind, code[..2].parse().unwrap()).with(|r| {
                r.subdivision = Some(code.parse().unwrap());
            }))
            .collect();
        let started = PartialDate::from_year_month(started_year, started_month).unwrap();
        // A pairing of cities and municipalities only is `city_to_city`
        // (`region-pairing-kind`); any other mix is `region_to_region`.
        let cities_only = regions
            .iter()
            .all(|region| matches!(region.kind, RegionKind::City | RegionKind::Municipality));
        let kind = if cities_only {
            PairingKind::CityToCity
        } else {
            PairingKind::RegionToRegion
        };
        let mut pairing = Pairing::new(
            kind,
            regions.iter().map(|region| region.id.clone()).collect(),
            started,
            PairingStatus::Active,
        );
        let topics: Vec<Topic> = topics
            .into_iter()
            .enumerate()
            .map(|(index, (label, goals))| Topic::new(format!("topic-{index}").parse().unwrap(), label).with(|t| {
                t.sdgs = goals.into_iter().collect();
            }))
            .collect();
        pairing.focus = topics.iter().map(|topic| topic.id.clone()).collect();
        let mut case = CaseStudy::new(id.parse().unwrap(), title, regions, pairing);
        case.summary = summary;
        case.published = Some(PartialDate::from_year(started_year + published_after).unwrap());
        case.topics = topics;
        case.extensions = extensions.into_iter().collect();
        case
    }
}

/// An EDTF level-1 date (format 1.1) in `start_year..start_year + 3`: a plain date, a
/// qualified one, a season, unspecified digits, or an interval, closed or open at its end.
fn edtf_date(start_year: i32) -> impl Strategy<Value = PartialDate> {
    let year = start_year..start_year + 3;
    prop_oneof![
        (
            year.clone(),
            1u32..=12,
            prop::sample::select(vec!["", "?", "~", "%"])
        )
            .prop_map(|(y, m, q)| format!("{y:04}-{m:02}{q}")),
        (year.clone(), 21u32..=24).prop_map(|(y, s)| format!("{y:04}-{s}")),
        year.clone().prop_map(|y| format!("{y:04}-XX")),
        (year.clone(), 1u32..=12, 0i32..3, 1u32..=12)
            .prop_map(|(y, m, more, n)| format!("{y:04}-{m:02}/{:04}-{n:02}", y + more + 1)),
        (year, prop::sample::select(vec!["..", ""])).prop_map(|(y, end)| format!("{y:04}/{end}")),
    ]
    .prop_map(|text| text.parse().unwrap())
}

prop_compose! {
    /// A valid case study of format 1.1 that uses its additions: EDTF dates on events,
    /// organisations with roles, a funder, indicators with qualified figures, and money
    /// with a qualifier, a period, a scope and a share no larger than the amount.
    fn case_study_1_1()(base in case_study())(
        event_dates in prop::collection::vec(edtf_date(base.pairing.started.year() + 1), 1..4),
        period in edtf_date(base.pairing.started.year() + 1),
        base in Just(base),
        qualifiers in prop::collection::vec(prop::sample::select(Qualifier::ALL.to_vec()), 4),
        roles in prop::collection::btree_set(prop::sample::select(OrganisationRole::ALL.to_vec()), 1..4),
        figures in prop::collection::vec(0u32..=100, 3),
        amount in 1_000u32..1_000_000,
        scope in prop::sample::select(vec![FundingScope::Pairing, FundingScope::Partner, FundingScope::Programme]),
    ) -> CaseStudy {
        let mut case = base;
        case.schema_version = SchemaVersion::LATEST;
        let started = case.pairing.started;
        // Events fall within the three years after the start (an interval may run three
        // more); publication comes after all of them.
        case.published = Some(PartialDate::from_year(started.year() + 7).unwrap());
        case.events = event_dates
            .into_iter()
            .enumerate()
            .map(|(i, date)| {
                Event::new(format!("event-{i}").parse().unwrap(), EventKind::Meeting, format!("Meeting {i}"), date)
            })
            .collect();
        case.organisations = vec![Organisation::new("funder".parse().unwrap(), "A foundation").with(|o| {
            o.roles = roles.into_iter().collect();
        })];
        let currency: casebook::CurrencyCode = "EUR".parse().unwrap();
        let first_region = case.regions[0].id.clone();
        let mut total = Money::new(f64::from(amount), currency.clone());
        total.qualifier = Some(qualifiers[0]);
        case.funding_sources = vec![FundingSource::new(
            "grant".parse().unwrap(),
            "A grant",
            FundingKind::Foundation,
            FundingStatus::Received,
        )
        .with(|f| {
            f.funder = Some("funder".parse().unwrap());
            f.amount = Some(total);
            f.period = Some(period);
            f.scope = Some(scope);
            f.shares = vec![Share::of_region(first_region.clone(), Money::new(f64::from(amount / 2), currency))];
        })];
        let figure = |value: u32, qualifier: Qualifier, date: Option<PartialDate>| {
            Measurement::new(f64::from(value)).with(|m| {
                m.qualifier = Some(qualifier);
                m.date = date;
            })
        };
        case.indicators = vec![
            Indicator::new("households".parse().unwrap(), "Households reached", Measure::Percentage, "percent").with(|i| {
                i.baseline = Some(figure(figures[0], qualifiers[1], Some(started)));
                i.values = vec![figure(figures[1], qualifiers[2], None)];
                i.regions = vec![first_region.clone()];
            }),
            Indicator::new("visitors".parse().unwrap(), "Visitors", Measure::Count, "people").with(|i| {
                i.target = Some(figure(figures[2], qualifiers[3], Some(PartialDate::from_year(started.year() + 5).unwrap())));
            }),
        ];
        case
    }
}

/// One thing broken in a document, and where.
#[derive(Debug, Clone)]
enum Mutation {
    DropRequiredKey(&'static str),
    BreakReference(usize),
    CorruptCountry(usize),
    CorruptSubdivision(usize),
    EndBeforeStart,
    ImpossibleDate,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        prop::sample::select(vec!["schema_version", "id", "title", "regions", "pairing"])
            .prop_map(Mutation::DropRequiredKey),
        (0usize..2).prop_map(Mutation::BreakReference),
        (0usize..2).prop_map(Mutation::CorruptCountry),
        (0usize..2).prop_map(Mutation::CorruptSubdivision),
        Just(Mutation::EndBeforeStart),
        Just(Mutation::ImpossibleDate),
    ]
}

/// Applies a mutation; returns the pointer where an error is expected.
fn apply(document: &mut Value, mutation: &Mutation) -> String {
    match mutation {
        Mutation::DropRequiredKey(key) => {
            document.as_object_mut().unwrap().remove(*key);
            String::new()
        }
        Mutation::BreakReference(index) => {
            document["pairing"]["regions"][index] = json!("no-such-region");
            format!("/pairing/regions/{index}")
        }
        Mutation::CorruptCountry(index) => {
            document["regions"][index]["country"] = json!("QQ");
            format!("/regions/{index}/country")
        }
        Mutation::CorruptSubdivision(index) => {
            let country = document["regions"][index]["country"]
                .as_str()
                .unwrap()
                .to_owned();
            document["regions"][index]["subdivision"] = json!(format!("{country}-Q9Q"));
            format!("/regions/{index}/subdivision")
        }
        Mutation::EndBeforeStart => {
            document["pairing"]["status"] = json!("concluded");
            document["pairing"]["ended"] = json!("1999");
            "/pairing/ended".to_owned()
        }
        Mutation::ImpossibleDate => {
            document["pairing"]["started"] = json!("2019-02-30");
            "/pairing/started".to_owned()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn valid_case_studies_survive_every_round_trip_and_have_empty_reports(case in prop_oneof![case_study(), case_study_1_1()]) {
        // Compared as JSON text, so that key order and the sign of zero count too.
        let original = serde_json::to_string(&case).unwrap();
        let mut current = case.clone();
        for format in [Format::Json, Format::Yaml, Format::Toml, Format::Json] {
            let text = match casebook::to_string_as(&current, format) {
                Ok(text) => text,
                // TOML cannot hold some values (null, integers above i64::MAX, a plain
                // value after a table): it must say which, never change it.
                Err(casebook::Error::Write { source, .. }) if format == Format::Toml => {
                    let unwritable = source
                        .downcast_ref::<casebook::format::UnwritableValue>()
                        .ok_or_else(|| TestCaseError::fail(format!("{source}")))?;
                    let document = serde_json::to_value(&current).unwrap();
                    prop_assert!(
                        document.pointer(&unwritable.pointer).is_some(),
                        "{} names no value", unwritable.pointer
                    );
                    continue;
                }
                Err(error) => return Err(TestCaseError::fail(format!("{format}: {error}"))),
            };
            current = casebook::from_str_as(&text, format)
                .map_err(|error| TestCaseError::fail(format!("{format}: {error}\n{text}")))?;
            prop_assert_eq!(serde_json::to_string(&current).unwrap(), original.clone(), "{} changed the document", format);
            let report = Validator::new().validate_str(&text, format);
            prop_assert!(report.is_clean(), "{}: {:?}", format, report.diagnostics);
        }
    }

    #[test]
    fn any_single_mutation_is_an_error_at_the_mutated_place(case in case_study(), mutation in mutation()) {
        let mut document = serde_json::to_value(&case).unwrap();
        let pointer = apply(&mut document, &mutation);
        let report = casebook::validate_str(&document.to_string(), Format::Json);
        prop_assert!(!report.is_valid());
        prop_assert!(
            report.errors().any(|finding| finding.pointer == pointer),
            "{:?}: no error at {:?}: {:?}", mutation, pointer, report.diagnostics
        );
    }
}
