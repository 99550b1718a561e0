//! A call's reporting plan (SPEC §8): how long a reporting period is and when the interim and final reports
//! fall due. Stored with the call's settings as a JSON object; an absent key takes today's programme rule, so
//! `{}` means the defaults and agreements signed under it get exactly the dates they always had.

use grants_i18n::Arg;
use serde::{Deserialize, Serialize};

use crate::{Language, ValidationErrors};

/// Length of a reporting period, in months, when the call does not say.
pub const PERIOD_MONTHS: u32 = 12;
/// Days after a period's end an interim report is due, when the call does not say.
pub const INTERIM_REPORT_DAYS: u32 = 60;
/// Months after the action's end the final report is due, when the call does not say.
pub const FINAL_REPORT_MONTHS: u32 = 3;

/// Shortest and longest reporting period a call may set, in months.
pub const PERIOD_MONTHS_RANGE: (u32, u32) = (3, 24);
/// Fewest and most days after a period an interim report may be due.
pub const INTERIM_REPORT_DAYS_RANGE: (u32, u32) = (15, 180);
/// Fewest and most months after the action the final report may be due.
pub const FINAL_REPORT_MONTHS_RANGE: (u32, u32) = (1, 12);

fn period_months() -> u32 {
    PERIOD_MONTHS
}

fn interim_report_days() -> u32 {
    INTERIM_REPORT_DAYS
}

fn final_report_months() -> u32 {
    FINAL_REPORT_MONTHS
}

/// When a grantee reports: the call's choice, read by the agreement to plan its reports and payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportingPlan {
    /// Length of each reporting period; an interim report follows each period but the last.
    #[serde(default = "period_months")]
    pub period_months: u32,
    /// Days after a period's end its interim report is due.
    #[serde(default = "interim_report_days")]
    pub interim_report_days: u32,
    /// Months after the action's end the final report is due.
    #[serde(default = "final_report_months")]
    pub final_report_months: u32,
}

impl Default for ReportingPlan {
    fn default() -> Self {
        ReportingPlan {
            period_months: PERIOD_MONTHS,
            interim_report_days: INTERIM_REPORT_DAYS,
            final_report_months: FINAL_REPORT_MONTHS,
        }
    }
}

impl ReportingPlan {
    /// Checks each number against its range; every problem at its field under `/settings/reporting_plan`,
    /// worded in `lang` (`reporting-plan-error-*`).
    pub fn check(&self, errors: &mut ValidationErrors, lang: Language) {
        let fields = [
            ("period_months", self.period_months, PERIOD_MONTHS_RANGE, "reporting-plan-error-months"),
            ("interim_report_days", self.interim_report_days, INTERIM_REPORT_DAYS_RANGE, "reporting-plan-error-days"),
            ("final_report_months", self.final_report_months, FINAL_REPORT_MONTHS_RANGE, "reporting-plan-error-months"),
        ];
        for (field, value, (min, max), id) in fields {
            if value < min || value > max {
                let args = [
                    ("field", Arg::Text(field)),
                    ("min", Arg::Number(i64::from(min))),
                    ("max", Arg::Number(i64::from(max))),
                ];
                errors.add(format!("/settings/reporting_plan/{field}"), "out_of_range", lang.text(id, &args));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_plan_means_the_defaults_and_unknown_keys_are_refused() {
        let plan: ReportingPlan = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(plan, ReportingPlan::default());
        let plan: ReportingPlan = serde_json::from_value(serde_json::json!({"period_months": 6})).unwrap();
        assert_eq!((plan.period_months, plan.interim_report_days), (6, INTERIM_REPORT_DAYS));
        assert!(serde_json::from_value::<ReportingPlan>(serde_json::json!({"every": "year"})).is_err());
    }

    #[test]
    fn each_number_is_checked_against_its_range() {
        let mut errors = ValidationErrors::default();
        ReportingPlan::default().check(&mut errors, Language::EN);
        assert!(errors.errors.is_empty());
        let plan = ReportingPlan { period_months: 2, interim_report_days: 60, final_report_months: 13 };
        plan.check(&mut errors, Language::EN);
        let fields: Vec<&str> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["/settings/reporting_plan/period_months", "/settings/reporting_plan/final_report_months"]);
    }
}
