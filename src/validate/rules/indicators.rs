//! Results in numbers (format 1.1): every indicator has a figure, each figure fits its
//! measure, a money indicator is in a currency, and a target is not dated before its
//! baseline.

use crate::validate::{Diagnostic, Findings, RuleCode};
use crate::{CaseStudy, CurrencyCode, Indicator, Measure};

pub(crate) fn check(case: &CaseStudy, findings: &mut Findings) {
    for (i, indicator) in case.indicators.iter().enumerate() {
        check_indicator(i, indicator, findings);
    }
}

fn check_indicator(i: usize, indicator: &Indicator, findings: &mut Findings) {
    let measurements = indicator.measurements();
    if measurements.is_empty() {
        findings.push(
            RuleCode::IndicatorWithoutValues,
            format!("/indicators/{i}"),
            format!(
                "indicator `{}` has no figure; give it a `baseline`, a `target` or `values`",
                indicator.id
            ),
        );
    }
    match indicator.measure {
        Measure::Percentage => {
            for (place, measurement) in &measurements {
                let value = measurement.value;
                if !(0.0..=100.0).contains(&value) {
                    findings.push(
                        RuleCode::PercentageOutOfRange,
                        format!("/indicators/{i}{place}/value"),
                        format!(
                            "{value} is not a percentage from 0 to 100; check the figure, or make the indicator a `quantity`"
                        ),
                    );
                }
            }
        }
        Measure::Count => {
            for (place, measurement) in &measurements {
                let value = measurement.value;
                if value < 0.0 || value.fract() != 0.0 {
                    findings.push(
                        RuleCode::CountNotWhole,
                        format!("/indicators/{i}{place}/value"),
                        format!(
                            "{value} is not a count: a count is a whole number of 0 or more; check the figure, or make the indicator a `quantity`"
                        ),
                    );
                }
            }
        }
        Measure::Money => {
            let known = indicator
                .unit
                .parse::<CurrencyCode>()
                .is_ok_and(|code| code.is_known());
            if !known {
                findings.push(
                    RuleCode::IndicatorUnitCurrency,
                    format!("/indicators/{i}/unit"),
                    format!(
                        "the unit of a `money` indicator is an ISO 4217 currency code, such as `USD` or `EUR`, not `{}`",
                        indicator.unit
                    ),
                );
            }
        }
        _ => {}
    }
    let dated = |measurement: Option<&crate::Measurement>| measurement.and_then(|m| m.date);
    if let (Some(baseline), Some(target)) = (
        dated(indicator.baseline.as_ref()),
        dated(indicator.target.as_ref()),
    ) && target.precedes(&baseline)
    {
        let finding = Diagnostic::new(
            RuleCode::TargetBeforeBaseline,
            format!("/indicators/{i}/target/date"),
            format!(
                "the target is dated {target}, before the baseline ({baseline}); swap the dates or the figures"
            ),
        );
        // An order violation with an uncertain or approximate date is a warning.
        if baseline.is_uncertain_or_approximate() || target.is_uncertain_or_approximate() {
            findings.record(finding.softened());
        } else {
            findings.record(finding);
        }
    }
}
