//! Money of more than one figure (format 1.1): each share of a funding source names one
//! party, is in the source's currency, and the shares do not add up to more than the
//! amount.

use crate::validate::{Findings, RuleCode};
use crate::{CaseStudy, FundingSource, Qualifier};

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    for (i, source) in case.funding_sources.iter().enumerate() {
        check_source(i, source, findings);
    }
}

fn check_source(i: usize, source: &FundingSource, findings: &mut Findings) {
    for (j, share) in source.shares.iter().enumerate() {
        let message = match (&share.region, &share.organisation) {
            (Some(_), Some(_)) => {
                "a share names both a `region` and an `organisation`; keep the one that got or gave the money"
            }
            (None, None) => {
                "a share names neither a `region` nor an `organisation`; name who got or gave the money"
            }
            _ => continue,
        };
        findings.push(
            RuleCode::ShareParty,
            format!("/funding_sources/{i}/shares/{j}"),
            message,
        );
    }
    // The currency of the source: its amount's, or without one its first share's.
    let Some(currency) = source
        .amount
        .as_ref()
        .map(|amount| &amount.currency)
        .or_else(|| source.shares.first().map(|share| &share.amount.currency))
    else {
        return;
    };
    let of = if source.amount.is_some() {
        "the funding source's amount"
    } else {
        "the first share"
    };
    let mut one_currency = true;
    for (j, share) in source.shares.iter().enumerate() {
        if &share.amount.currency == currency {
            continue;
        }
        one_currency = false;
        // A code that is no currency is `unknown-currency`, and is not compared.
        if currency.is_known() && share.amount.currency.is_known() {
            findings.push(
                RuleCode::ShareCurrencyMismatch,
                format!("/funding_sources/{i}/shares/{j}/amount/currency"),
                format!(
                    "the share is in `{}`, {of} in `{currency}`; give every share in `{currency}` (a conversion can go in `note`)",
                    share.amount.currency
                ),
            );
        }
    }
    let Some(amount) = &source.amount else {
        return;
    };
    let exact = amount.qualifier() == Qualifier::Exact
        && source
            .shares
            .iter()
            .all(|share| share.amount.qualifier() == Qualifier::Exact);
    if !one_currency || !exact || source.shares.is_empty() {
        return;
    }
    let total: f64 = source.shares.iter().map(|share| share.amount.value).sum();
    // A margin for the rounding of the sum of decimal fractions.
    let margin = amount.value.abs() * 1e-9;
    if total.is_finite() && total > amount.value + margin {
        findings.push(
            RuleCode::SharesExceedAmount,
            format!("/funding_sources/{i}/shares"),
            format!(
                "the shares add up to {currency} {total}, more than the amount of {currency} {}; check the figures, or whether the amount is only a part",
                amount.value
            ),
        );
    }
}
