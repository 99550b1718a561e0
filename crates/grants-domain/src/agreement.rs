//! The grant agreement's numbers (SPEC §8): the payment schedule and the reporting plan that follow from
//! the amount and the action's dates, and the rule that releases further pre-financing.
//!
//! Schedule (ADR 0008): the action is cut into reporting periods of the call's plan ([`ReportingPlan`], 12 months
//! unless the call says otherwise). Each period's pre-financing is its share of
//! the grant (by months), paid at signature for the first period and after the previous period's interim
//! report for the others; the first payment never exceeds 80 % of the grant and pre-financing in all never
//! exceeds 90 %. The balance follows the approved final report. A 12-month action thus gets 80 % at
//! signature and 20 % at the end; a 24-month action 50 %, then 40 % (capped), then 10 %.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::reporting_plan::ReportingPlan;
use crate::{Money, ValidationErrors};

/// Share of the grant the first payment may reach.
pub const FIRST_PAYMENT_CAP: Decimal = Decimal::from_parts(80, 0, 0, false, 2);
/// Share of the grant all pre-financing together may reach.
pub const PREFINANCING_CAP: Decimal = Decimal::from_parts(90, 0, 0, false, 2);
/// Share of the previous payment that must be reported as spent before the next pre-financing.
pub const SPENDING_THRESHOLD: Decimal = Decimal::from_parts(70, 0, 0, false, 2);

/// What the manager records when signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementTerms {
    /// The grant, at most the amount awarded.
    pub amount: Money,
    /// First day of the action.
    pub starts_on: NaiveDate,
    /// Last day of the action.
    pub ends_on: NaiveDate,
}

/// Pre-financing or the balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::Display, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentKind {
    /// Paid ahead of the spending it funds.
    Prefinancing,
    /// Paid after the final report is approved.
    Balance,
}

/// One planned payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlannedPayment {
    /// 1, 2, … in payment order.
    pub sequence: u32,
    /// Pre-financing or balance.
    pub kind: PaymentKind,
    /// How much.
    pub amount: Money,
    /// The report whose approval releases it (`None` for the first payment, released at signature):
    /// the interim report of this period number, or the final report for the balance.
    pub released_by_period: Option<u32>,
}

/// Interim or final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::Display, strum::EnumString)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReportKind {
    /// Narrative and financial report on one reporting period.
    Interim,
    /// Report on the whole action.
    Final,
}

/// One planned report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlannedReport {
    /// Interim or final.
    pub kind: ReportKind,
    /// The period it covers (the final report carries the number after the last period).
    pub period: u32,
    /// First day covered.
    pub covers_from: NaiveDate,
    /// Last day covered.
    pub covers_to: NaiveDate,
    /// When it is due.
    pub due_on: NaiveDate,
}

impl AgreementTerms {
    /// Checks the terms against the award and the call's duration limits; every problem at once, worded in
    /// `lang`.
    pub fn validate(
        &self,
        awarded: Money,
        duration_months: (u32, u32),
        lang: crate::Language,
    ) -> Result<(), ValidationErrors> {
        use grants_i18n::Arg;
        let mut errors = ValidationErrors::default();
        if self.amount <= Money::ZERO {
            errors.add("/amount", "required", lang.text("agreement-error-amount-required", &[]));
        } else if self.amount > awarded {
            let awarded = awarded.to_string();
            errors.add(
                "/amount",
                "above_award",
                lang.text("agreement-error-above-award", &[("awarded", Arg::Text(&awarded))]),
            );
        }
        if self.ends_on <= self.starts_on {
            errors.add("/ends_on", "before_start", lang.text("agreement-error-before-start", &[]));
        } else {
            let months = self.months();
            let (min, max) = duration_months;
            if months < min || months > max {
                let number = |n: u32| Arg::Number(i64::from(n));
                errors.add(
                    "/ends_on",
                    "duration",
                    lang.text(
                        "agreement-error-duration",
                        &[("months", number(months)), ("min", number(min)), ("max", number(max))],
                    ),
                );
            }
        }
        errors.into_result()
    }

    /// The action's length in months, a started month counting as one.
    pub fn months(&self) -> u32 {
        let whole = (self.ends_on.year() - self.starts_on.year()) * 12 + self.ends_on.month0().cast_signed()
            - self.starts_on.month0().cast_signed();
        let whole = u32::try_from(whole.max(0)).unwrap_or(0);
        // From the 1st to the last day of a month is one month; any day past the start day starts another.
        let next = self.starts_on.checked_add_months(Months::new(whole)).unwrap_or(self.ends_on);
        if self.ends_on >= next { whole + 1 } else { whole.max(1) }
    }

    /// How many reporting periods of `plan` the action spans.
    pub fn periods(&self, plan: &ReportingPlan) -> u32 {
        self.months().div_ceil(period_length(plan)).max(1)
    }

    /// The payments, in order, one pre-financing per reporting period of `plan`; they add up to the amount
    /// exactly.
    pub fn schedule(&self, plan: &ReportingPlan) -> Vec<PlannedPayment> {
        let total = self.amount.amount();
        let months = Decimal::from(self.months());
        let periods = self.periods(plan);
        let length = period_length(plan);
        let mut payments = Vec::new();
        let mut paid = Decimal::ZERO;
        for period in 1..=periods {
            let months_in = Decimal::from(length.min(self.months() - length * (period - 1)));
            let share = (total * months_in / months).round_dp(2);
            let cap = if period == 1 { total * FIRST_PAYMENT_CAP } else { total * PREFINANCING_CAP - paid }
                .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
            let amount = share.min(cap).max(Decimal::ZERO).round_dp(2);
            if amount > Decimal::ZERO {
                payments.push(PlannedPayment {
                    sequence: u32::try_from(payments.len() + 1).unwrap_or(u32::MAX),
                    kind: PaymentKind::Prefinancing,
                    amount: money(amount),
                    released_by_period: (period > 1).then_some(period - 1),
                });
                paid += amount;
            }
        }
        payments.push(PlannedPayment {
            sequence: u32::try_from(payments.len() + 1).unwrap_or(u32::MAX),
            kind: PaymentKind::Balance,
            amount: money(total - paid),
            released_by_period: Some(periods),
        });
        payments
    }

    /// The reports under the call's `plan`: an interim report after each period but the last, then the final
    /// report.
    pub fn reporting_plan(&self, plan: &ReportingPlan) -> Vec<PlannedReport> {
        let periods = self.periods(plan);
        let length = period_length(plan);
        let mut reports = Vec::new();
        for period in 1..periods {
            let from = self.starts_on.checked_add_months(Months::new(length * (period - 1))).unwrap_or(self.starts_on);
            let to = self
                .starts_on
                .checked_add_months(Months::new(length * period))
                .and_then(|d| d.pred_opt())
                .unwrap_or(self.ends_on);
            reports.push(PlannedReport {
                kind: ReportKind::Interim,
                period,
                covers_from: from,
                covers_to: to,
                due_on: to + chrono::Days::new(u64::from(plan.interim_report_days)),
            });
        }
        reports.push(PlannedReport {
            kind: ReportKind::Final,
            period: periods,
            covers_from: self.starts_on,
            covers_to: self.ends_on,
            due_on: self.ends_on.checked_add_months(Months::new(plan.final_report_months)).unwrap_or(self.ends_on),
        });
        reports
    }
}

/// The plan's period length, never zero (a stored plan is validated, but a zero must not divide).
fn period_length(plan: &ReportingPlan) -> u32 {
    plan.period_months.max(1)
}

fn money(amount: Decimal) -> Money {
    Money::new(amount.round_dp(2)).unwrap_or(Money::ZERO)
}

/// Whether a further pre-financing may be released: at least 70 % of the previous payment is reported spent.
pub fn spending_allows_release(previous_payment: Money, reported_spent: Money) -> bool {
    reported_spent.amount() >= previous_payment.amount() * SPENDING_THRESHOLD
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(amount: &str, from: (i32, u32, u32), to: (i32, u32, u32)) -> AgreementTerms {
        AgreementTerms {
            amount: amount.parse().unwrap(),
            starts_on: NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(to.0, to.1, to.2).unwrap(),
        }
    }

    fn amounts(t: &AgreementTerms) -> Vec<String> {
        t.schedule(&ReportingPlan::default()).iter().map(|p| p.amount.to_string()).collect()
    }

    #[test]
    fn a_one_year_action_gets_80_percent_then_the_balance() {
        let t = terms("200000", (2027, 1, 1), (2027, 12, 31));
        assert_eq!(t.months(), 12);
        assert_eq!(amounts(&t), ["160000.00", "40000.00"]);
        assert_eq!(t.schedule(&ReportingPlan::default())[1].released_by_period, Some(1));
        let plan = t.reporting_plan(&ReportingPlan::default());
        assert_eq!(plan.len(), 1, "only the final report");
        assert_eq!(plan[0].due_on, NaiveDate::from_ymd_opt(2028, 3, 31).unwrap());
    }

    #[test]
    fn a_two_year_action_pays_yearly_within_the_90_percent_cap() {
        let t = terms("200000", (2027, 1, 1), (2028, 12, 31));
        assert_eq!(t.months(), 24);
        assert_eq!(amounts(&t), ["100000.00", "80000.00", "20000.00"], "the second tranche stops at 90 %");
        let plan = t.reporting_plan(&ReportingPlan::default());
        assert_eq!(plan[0].kind, ReportKind::Interim);
        assert_eq!(plan[0].covers_to, NaiveDate::from_ymd_opt(2027, 12, 31).unwrap());
        assert_eq!(plan[0].due_on, NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(), "60 days after the period");
        assert_eq!(plan[1].kind, ReportKind::Final);
        assert_eq!(
            t.schedule(&ReportingPlan::default())[1].released_by_period,
            Some(1),
            "released by the first interim report"
        );
    }

    #[test]
    fn the_calls_plan_sets_the_periods_and_due_dates() {
        let t = terms("240000", (2027, 1, 1), (2028, 6, 30));
        let plan = ReportingPlan { period_months: 6, interim_report_days: 30, final_report_months: 2 };
        let reports = t.reporting_plan(&plan);
        let due: Vec<String> = reports.iter().map(|r| r.due_on.to_string()).collect();
        assert_eq!(
            due,
            ["2027-07-30", "2028-01-30", "2028-08-30"],
            "30 days after each half-year, 2 months after the end"
        );
        assert_eq!(reports[1].covers_from, NaiveDate::from_ymd_opt(2027, 7, 1).unwrap());
        let schedule = t.schedule(&plan);
        assert_eq!(schedule.last().unwrap().released_by_period, Some(3), "the balance follows the final report");
        assert_eq!(schedule.iter().filter(|p| p.kind == PaymentKind::Prefinancing).count(), 3, "one per period");
    }

    #[test]
    fn an_18_month_action_splits_by_months() {
        let t = terms("300000", (2027, 3, 1), (2028, 8, 31));
        assert_eq!(t.months(), 18);
        assert_eq!(amounts(&t), ["200000.00", "70000.00", "30000.00"]);
    }

    #[test]
    fn the_default_report_form_compiles_and_checks_answers() {
        let form = crate::form::FormSchema::compile(&crate::form::mmd_report()).unwrap();
        let answers = serde_json::json!({
            "narrative": "Two information points opened.",
            "indicators": [{ "jvap_domain": "protection_asylum", "indicator": "People advised", "target": "400", "achieved": "412" }],
            "budget_lines": [{ "category": "travel", "planned": "45000", "spent": "44100.50" }],
        });
        assert!(form.is_valid(&answers));
        let mut wrong = answers.clone();
        wrong["budget_lines"][0]["spent"] = serde_json::json!("a lot");
        let errors = form.validate(&wrong, crate::Language::FR);
        assert_eq!(errors[0].field, "/budget_lines/0/spent");
    }

    #[test]
    fn further_prefinancing_needs_70_percent_spent() {
        let previous: Money = "100000".parse().unwrap();
        assert!(spending_allows_release(previous, "70000".parse().unwrap()));
        assert!(!spending_allows_release(previous, "69999.99".parse().unwrap()));
    }

    #[test]
    fn terms_are_checked_against_the_award_and_the_call() {
        let t = terms("300000", (2027, 1, 1), (2026, 12, 31));
        let errors = t.validate("250000".parse().unwrap(), (6, 36), crate::Language::EN).unwrap_err();
        let codes: Vec<&str> = errors.errors.iter().map(|e| e.code).collect();
        assert_eq!(codes, ["above_award", "before_start"]);
        let long = terms("100000", (2027, 1, 1), (2030, 6, 30));
        let errors = long.validate("100000".parse().unwrap(), (6, 36), crate::Language::FR).unwrap_err();
        assert_eq!(errors.errors[0].code, "duration");
        assert_eq!(errors.errors[0].message, "l'action dure 42 mois ; l'appel autorise de 6 à 36 mois");
    }

    proptest::proptest! {
        #[test]
        fn schedules_add_up_and_respect_the_caps(cents in 100_000i64..100_000_000_000, months in 1u32..60, period in 3u32..=24) {
            let plan = ReportingPlan { period_months: period, ..ReportingPlan::default() };
            let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
            let end = start.checked_add_months(Months::new(months)).unwrap().pred_opt().unwrap();
            let t = AgreementTerms { amount: Money::from_cents(cents), starts_on: start, ends_on: end };
            let schedule = t.schedule(&plan);
            let total: i64 = schedule.iter().map(|p| p.amount.cents()).sum();
            proptest::prop_assert_eq!(total, cents);
            let prefinancing: i64 = schedule.iter().filter(|p| p.kind == PaymentKind::Prefinancing).map(|p| p.amount.cents()).sum();
            proptest::prop_assert!(Decimal::from(prefinancing) <= Decimal::from(cents) * PREFINANCING_CAP);
            proptest::prop_assert!(Decimal::from(schedule[0].amount.cents()) <= Decimal::from(cents) * FIRST_PAYMENT_CAP);
            proptest::prop_assert!(schedule.iter().all(|p| p.amount.cents() >= 0));
            let reports = t.reporting_plan(&plan);
            proptest::prop_assert_eq!(reports.len(), t.periods(&plan) as usize);
            let final_period = reports.last().map(|r| r.period);
            proptest::prop_assert_eq!(schedule.last().and_then(|p| p.released_by_period), final_period);
        }
    }
}
