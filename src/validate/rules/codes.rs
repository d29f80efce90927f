//! Country, subdivision, NUTS, language and currency codes are real and agree.

use super::closest;
use crate::validate::Findings;
use crate::validate::RuleCode;
use crate::{CaseStudy, CountryCode, CurrencyCode, LanguageCode, PartialDate, SubdivisionCode};

/// A hint for codes people often write for another: `UK` and `EL` are NUTS prefixes. No
/// other is guessed: a code of two letters is one edit from many others, and one of three
/// (ISO alpha-3, such as `GBR`) is as near to two wrong ones as to the right one.
fn country_hint(code: &str) -> &'static str {
    match code {
        "UK" => "; the United Kingdom is `GB` (`UK` is its NUTS prefix)",
        "EL" => "; Greece is `GR` (`EL` is its NUTS prefix)",
        _ => "",
    }
}

/// The message of `unknown-country` for `code`, which the shape's check gives too: one
/// message whichever check finds it.
pub(crate) fn unknown_country(code: &str) -> String {
    format!(
        "`{code}` is not an assigned ISO 3166-1 alpha-2 country code{}",
        country_hint(code)
    )
}

fn check_country(country: &CountryCode, pointer: impl FnOnce() -> String, findings: &mut Findings) {
    if !country.is_assigned() {
        findings.push(
            RuleCode::UnknownCountry,
            pointer(),
            unknown_country(country.as_str()),
        );
    }
}

fn check_subdivision(
    code: &SubdivisionCode,
    country: &CountryCode,
    pointer: impl Fn() -> String,
    findings: &mut Findings,
) {
    if code.country() != *country {
        findings.push(
            RuleCode::SubdivisionCountryMismatch,
            pointer(),
            format!(
                "`{code}` is a subdivision code of `{}`, but the region's country is `{country}`",
                code.country()
            ),
        );
    } else if let Some((withdrawn, replacement)) = code.withdrawal() {
        let instead = match replacement {
            Some(new) => format!(
                "it was replaced by `{new}`{}",
                new.name()
                    .map(|name| format!(" ({name})"))
                    .unwrap_or_default()
            ),
            None => "no single code replaced it".to_owned(),
        };
        findings.push(
            RuleCode::WithdrawnSubdivision,
            pointer(),
            format!("`{code}` was withdrawn from ISO 3166-2 on {withdrawn}; {instead}"),
        );
    } else if !code.is_assigned() {
        let prefix = format!("{country}-");
        let near = closest(
            code.as_str(),
            crate::codes::tables::SUBDIVISIONS
                .iter()
                .map(|(known, _)| *known)
                .filter(|known| known.starts_with(&prefix)),
        );
        let hint = near
            .map(|near| format!("; did you mean `{near}`?"))
            .unwrap_or_default();
        findings.push(
            RuleCode::UnknownSubdivision,
            pointer(),
            format!("`{code}` is not an ISO 3166-2 subdivision code{hint}"),
        );
    }
}

fn check_language(
    language: &LanguageCode,
    pointer: impl FnOnce() -> String,
    findings: &mut Findings,
) {
    if !language.is_assigned() {
        findings.push(
            RuleCode::UnknownLanguage,
            pointer(),
            format!("`{language}` is not an ISO 639-1 language code, such as `en` or `es`"),
        );
    }
}

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    for (i, region) in case.regions.iter().enumerate() {
        check_country(
            &region.country,
            || format!("/regions/{i}/country"),
            findings,
        );
        if let Some(code) = &region.subdivision {
            check_subdivision(
                code,
                &region.country,
                || format!("/regions/{i}/subdivision"),
                findings,
            );
        }
        for (j, code) in region.members.iter().enumerate() {
            check_subdivision(
                code,
                &region.country,
                || format!("/regions/{i}/members/{j}"),
                findings,
            );
        }
        if let Some(nuts) = &region.nuts {
            match region.country.nuts_prefix() {
                None if region.country.is_assigned() => findings.push(
                    RuleCode::NutsOutsideArea,
                    format!("/regions/{i}/nuts"),
                    format!(
                        "`{}` is not in the NUTS classification, so its regions have no NUTS code; remove `nuts`",
                        region.country
                    ),
                ),
                Some(prefix) if nuts.prefix() != prefix => findings.push(
                    RuleCode::NutsCountryMismatch,
                    format!("/regions/{i}/nuts"),
                    format!("`{nuts}` does not begin with `{prefix}`, the NUTS prefix of `{}`", region.country),
                ),
                _ => {}
            }
        }
    }
    if let Some(language) = &case.language {
        check_language(language, || "/language".to_owned(), findings);
    }
    for (i, language) in case.pairing.languages.iter().enumerate() {
        check_language(language, || format!("/pairing/languages/{i}"), findings);
    }
    for (i, quote) in case.quotes.iter().enumerate() {
        if let Some(language) = &quote.language {
            check_language(language, || format!("/quotes/{i}/language"), findings);
        }
    }
    for (i, source) in case.sources.iter().enumerate() {
        if let Some(language) = &source.language {
            check_language(language, || format!("/sources/{i}/language"), findings);
        }
    }
    for language in case.translations.keys() {
        check_language(language, || format!("/translations/{language}"), findings);
    }
    for (i, event) in case.events.iter().enumerate() {
        if let Some(country) = &event.country {
            check_country(country, || format!("/events/{i}/country"), findings);
        }
    }
    for (i, region) in case.regions.iter().enumerate() {
        for (j, identifier) in region.identifiers.iter().enumerate() {
            let country = identifier.id.get(..2).unwrap_or_default();
            if identifier.scheme == crate::IdentifierScheme::Unlocode
                && identifier.scheme.accepts(&identifier.id)
                && country != region.country.as_str()
            {
                findings.push(
                    RuleCode::UnlocodeCountryMismatch,
                    format!("/regions/{i}/identifiers/{j}/id"),
                    format!(
                        "the UN/LOCODE `{}` is of a place in `{country}`, but the region is in `{}`",
                        identifier.id, region.country
                    ),
                );
            }
        }
        if let Some(point) = &region.coordinates {
            check_point(
                point,
                &region.country,
                || format!("/regions/{i}/coordinates"),
                findings,
            );
        }
    }
    for (i, event) in case.events.iter().enumerate() {
        if let (Some(point), Some(country)) = (&event.coordinates, &event.country) {
            check_point(
                point,
                country,
                || format!("/events/{i}/coordinates"),
                findings,
            );
        }
    }
    for (i, organisation) in case.organisations.iter().enumerate() {
        if let Some(country) = &organisation.country {
            check_country(country, || format!("/organisations/{i}/country"), findings);
        }
    }
    for (i, source) in case.funding_sources.iter().enumerate() {
        // Money is dated by the funding source's `period` (format 1.1) or, failing
        // that, by the document's `published`.
        let dated = match (&source.period, &case.published) {
            (Some(period), _) => Some(Dated::Period(period)),
            (None, Some(published)) => Some(Dated::Published(published)),
            (None, None) => None,
        };
        if let Some(amount) = &source.amount {
            check_currency(
                &amount.currency,
                dated,
                || format!("/funding_sources/{i}/amount/currency"),
                findings,
            );
        }
        for (j, share) in source.shares.iter().enumerate() {
            check_currency(
                &share.amount.currency,
                dated,
                || format!("/funding_sources/{i}/shares/{j}/amount/currency"),
                findings,
            );
        }
    }
}

/// What dates an amount of money.
#[derive(Clone, Copy)]
enum Dated<'a> {
    /// The funding source's `period`.
    Period(&'a PartialDate),
    /// The document's `published`.
    Published(&'a PartialDate),
}

/// An unknown currency is an error; a historic one, a warning when the money is dated
/// after its withdrawal (every day of `dated` after the withdrawal's last day).
fn check_currency(
    currency: &CurrencyCode,
    dated: Option<Dated<'_>>,
    pointer: impl FnOnce() -> String,
    findings: &mut Findings,
) {
    if currency.is_assigned() {
        return;
    }
    if !currency.is_known() {
        findings.push(
            RuleCode::UnknownCurrency,
            pointer(),
            format!(
                "`{currency}` is not an ISO 4217 currency code, current or historic, such as `EUR` or `USD`"
            ),
        );
        return;
    }
    let (Some(dated), Some(withdrawn)) = (dated, currency.withdrawn()) else {
        return;
    };
    let (dated, when) = match dated {
        Dated::Period(period) => (period, "the funding period"),
        Dated::Published(published) => (published, "this case study was published"),
    };
    if dated.follows(&withdrawn) {
        let instead = match currency.successor() {
            Some(new) => format!(
                "it was replaced by `{new}`{}",
                new.name()
                    .map(|name| format!(" ({name})"))
                    .unwrap_or_default()
            ),
            None => "no single currency replaced it".to_owned(),
        };
        findings.push(
            RuleCode::HistoricCurrency,
            pointer(),
            format!(
                "`{currency}` was withdrawn from ISO 4217 in {withdrawn}, before {when} ({dated}); {instead}"
            ),
        );
    }
}

/// A point outside every bounding box of its country is a warning; a country without a box
/// in the bundled table, or a point out of range (reported as such), is not checked.
fn check_point(
    point: &crate::Coordinates,
    country: &CountryCode,
    pointer: impl FnOnce() -> String,
    findings: &mut Findings,
) {
    if !point.is_in_range() {
        return;
    }
    if country.contains_point(point.lat, point.lon) == Some(false) {
        let name = country.name().unwrap_or(country.as_str());
        let swapped = country.contains_point(point.lon, point.lat) == Some(true);
        let negated = [
            (-point.lat, point.lon),
            (point.lat, -point.lon),
            (-point.lat, -point.lon),
        ]
        .iter()
        .any(|(lat, lon)| country.contains_point(*lat, *lon) == Some(true));
        let hint = if swapped {
            "; `lat` and `lon` look swapped"
        } else if negated {
            "; a minus sign looks lost or added"
        } else {
            ""
        };
        findings.push(
            RuleCode::CoordinatesOutsideCountry,
            pointer(),
            format!(
                "latitude {}, longitude {} is outside every bounding box of `{country}` ({name}){hint}",
                point.lat, point.lon
            ),
        );
    }
}
