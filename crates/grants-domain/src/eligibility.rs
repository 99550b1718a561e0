//! Automatic eligibility checks at submission (SPEC §4): a failed hard rule blocks the submission with
//! its reason; a failed soft rule is recorded as a flag for the managers.

use std::collections::BTreeSet;

use grants_i18n::Arg;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::call::CallRules;
use crate::call_settings::CallSettings;
use crate::{FieldError, Language, Money, OrganisationType};

/// Whether a failed rule blocks the submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks submission.
    Hard,
    /// Flags the application for the managers.
    Soft,
}

/// A rule that failed, addressed to a field of the answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleFailure {
    /// Hard or soft.
    pub severity: Severity,
    /// What failed, as a field error (the code names the rule).
    #[serde(flatten)]
    pub error: FieldError,
}

/// What the checks look at besides the answers.
#[derive(Debug, Clone, Copy)]
pub struct Applicant<'a> {
    /// The registered type of the applicant organisation.
    pub organisation_type: OrganisationType,
    /// The registered country of the applicant organisation.
    pub country: &'a str,
}

/// Indirect costs above this share of the direct costs are flagged (EU external-action practice).
pub const INDIRECT_COSTS_CAP: Decimal = Decimal::from_parts(7, 0, 0, false, 2);

struct Checker<'a> {
    lang: Language,
    failures: Vec<RuleFailure>,
    answers: &'a Value,
}

impl Checker<'_> {
    /// Records that `rule` failed at `field`, worded by catalogue message `id` (`eligibility-*`).
    fn fail(&mut self, severity: Severity, rule: &'static str, field: &str, id: &str, args: &[(&str, Arg<'_>)]) {
        let message = self.lang.text(id, args);
        self.failures
            .push(RuleFailure { severity, error: FieldError { field: field.to_owned(), code: rule, message } });
    }

    fn text(&self, pointer: &str) -> Option<&str> {
        self.answers.pointer(pointer).and_then(Value::as_str)
    }

    fn money(&self, pointer: &str) -> Option<Money> {
        self.text(pointer).and_then(|t| t.parse().ok())
    }

    fn strings(&self, pointer: &str) -> Vec<String> {
        self.answers
            .pointer(pointer)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect())
            .unwrap_or_default()
    }
}

/// Runs every rule; returns the failures, hard ones first.
pub fn check(
    rules: &CallRules,
    settings: &CallSettings,
    applicant: Applicant<'_>,
    answers: &Value,
    attachment_kinds: &[String],
    lang: Language,
) -> Vec<RuleFailure> {
    use Severity::{Hard, Soft};
    let mut c = Checker { lang, failures: Vec::new(), answers };
    let eligible = |code: &str| settings.eligible_countries.iter().any(|c| c == code);

    if !settings.eligible_applicant_types.contains(&applicant.organisation_type) {
        let kind = applicant.organisation_type;
        c.fail(
            Hard,
            "applicant_type",
            "/lead/organisation_type",
            "eligibility-applicant-type",
            &[("kind", Arg::Text(kind.as_ref()))],
        );
    }
    if !eligible(applicant.country) {
        let country = applicant.country;
        c.fail(Hard, "lead_country", "/lead/country", "eligibility-lead-country", &[("country", Arg::Text(country))]);
    }
    let partners = answers.pointer("/partners").and_then(Value::as_array).cloned().unwrap_or_default();
    for (index, partner) in partners.iter().enumerate() {
        if let Some(country) = partner.get("country").and_then(Value::as_str).filter(|code| !eligible(code)) {
            c.fail(
                Hard,
                "partner_country",
                &format!("/partners/{index}/country"),
                "eligibility-partner-country",
                &[("country", Arg::Text(country))],
            );
        }
    }
    let countries = c.strings("/action/countries");
    for (index, country) in countries.iter().enumerate().filter(|(_, code)| !eligible(code)) {
        c.fail(
            Hard,
            "implementation_country",
            &format!("/action/countries/{index}"),
            "eligibility-implementation-country",
            &[("country", Arg::Text(country))],
        );
    }
    let distinct: BTreeSet<&String> = countries.iter().collect();
    let needed = settings.min_countries;
    if needed > 1 && distinct.len() < needed as usize {
        c.fail(
            Hard,
            "multi_country",
            "/action/countries",
            "eligibility-multi-country",
            &[("needed", Arg::Number(i64::from(needed)))],
        );
    }
    if let Some(months) = answers.pointer("/action/duration_months").and_then(Value::as_u64) {
        let (min, max) = (settings.duration_min_months, settings.duration_max_months);
        if months < u64::from(min) || months > u64::from(max) {
            c.fail(
                Hard,
                "duration",
                "/action/duration_months",
                "eligibility-duration",
                &[("min", Arg::Number(i64::from(min))), ("max", Arg::Number(i64::from(max)))],
            );
        }
    }
    check_tags(&mut c, settings);
    check_budget(&mut c, rules, settings);
    for kind in settings.required_attachments.iter().filter(|k| !attachment_kinds.contains(k)) {
        c.fail(
            Hard,
            "required_attachment",
            &format!("/attachments/{kind}"),
            "eligibility-required-attachment",
            &[("kind", Arg::Text(kind))],
        );
    }
    if let Some(declared) =
        c.text("/lead/organisation_type").map(ToOwned::to_owned).filter(|t| t != applicant.organisation_type.as_ref())
    {
        let registered = applicant.organisation_type;
        c.fail(
            Soft,
            "declared_type_differs",
            "/lead/organisation_type",
            "eligibility-declared-type-differs",
            &[("declared", Arg::Text(&declared)), ("registered", Arg::Text(registered.as_ref()))],
        );
    }
    c.failures.sort_by_key(|f| f.severity == Soft);
    c.failures
}

fn check_tags(c: &mut Checker<'_>, settings: &CallSettings) {
    let allowed = &settings.allowed_tags;
    for (pointer, list) in [("/tags/jvap_domains", &allowed.jvap_domains), ("/tags/dialogues", &allowed.dialogues)] {
        for (index, tag) in c.strings(pointer).iter().enumerate().filter(|(_, t)| !list.contains(t)) {
            c.fail(
                Severity::Hard,
                "tag_not_allowed",
                &format!("{pointer}/{index}"),
                "eligibility-tag-not-allowed",
                &[("tag", Arg::Text(tag))],
            );
        }
    }
    if let Some(level) =
        c.text("/tags/geographic_level").map(ToOwned::to_owned).filter(|l| !allowed.geographic_levels.contains(l))
    {
        c.fail(
            Severity::Hard,
            "tag_not_allowed",
            "/tags/geographic_level",
            "eligibility-level-not-allowed",
            &[("level", Arg::Text(&level))],
        );
    }
}

fn check_budget(c: &mut Checker<'_>, rules: &CallRules, settings: &CallSettings) {
    use Severity::{Hard, Soft};
    let total = c.money("/budget/total");
    let requested = c.money("/budget/requested_amount");
    if let Some(requested) = requested {
        let (min, max) = (rules.min_grant, rules.max_grant);
        if requested < min {
            c.fail(
                Hard,
                "requested_below_minimum",
                "/budget/requested_amount",
                "eligibility-requested-below-minimum",
                &[("requested", Arg::Text(&requested.to_string())), ("min", Arg::Text(&min.to_string()))],
            );
        }
        if requested > max {
            c.fail(
                Hard,
                "requested_above_maximum",
                "/budget/requested_amount",
                "eligibility-requested-above-maximum",
                &[("requested", Arg::Text(&requested.to_string())), ("max", Arg::Text(&max.to_string()))],
            );
        }
        if let Some(total) = total {
            let cap = (total.amount() * settings.max_cofinancing_rate).round_dp(2);
            let percent = (settings.max_cofinancing_rate * Decimal::ONE_HUNDRED).normalize();
            if requested.amount() > cap {
                c.fail(
                    Hard,
                    "cofinancing_cap",
                    "/budget/requested_amount",
                    "eligibility-cofinancing-cap",
                    &[
                        ("percent", Arg::Text(&percent.to_string())),
                        ("cap", Arg::Text(&cap.to_string())),
                        ("total", Arg::Text(&total.to_string())),
                    ],
                );
            }
        }
    }
    let lines = c.answers.pointer("/budget/lines").and_then(Value::as_array).cloned().unwrap_or_default();
    let amounts: Vec<(String, Option<Money>)> = lines
        .iter()
        .map(|line| {
            let category = line.get("category").and_then(Value::as_str).unwrap_or_default().to_owned();
            (category, line.get("amount").and_then(Value::as_str).and_then(|a| a.parse().ok()))
        })
        .collect();
    if let Some(total) = total
        && !amounts.is_empty()
        && amounts.iter().all(|(_, a)| a.is_some())
    {
        let sum: Decimal = amounts.iter().filter_map(|(_, a)| a.map(Money::amount)).sum();
        if sum != total.amount() {
            c.fail(
                Hard,
                "budget_lines_sum",
                "/budget/total",
                "eligibility-budget-lines-sum",
                &[("sum", Arg::Text(&sum.to_string())), ("total", Arg::Text(&total.to_string()))],
            );
        }
        let indirect: Decimal =
            amounts.iter().filter(|(c, _)| c == "indirect_costs").filter_map(|(_, a)| a.map(Money::amount)).sum();
        let direct = sum - indirect;
        if indirect > (direct * INDIRECT_COSTS_CAP).round_dp(2) {
            c.fail(Soft, "indirect_costs", "/budget/lines", "eligibility-indirect-costs", &[]);
        }
    }
    if let (Some(total), Some(requested), Some(own)) = (total, requested, c.money("/budget/own_contribution"))
        && requested.amount() + own.amount() != total.amount()
    {
        c.fail(
            Hard,
            "budget_balance",
            "/budget/own_contribution",
            "eligibility-budget-balance",
            &[
                ("requested", Arg::Text(&requested.to_string())),
                ("own", Arg::Text(&own.to_string())),
                ("total", Arg::Text(&total.to_string())),
            ],
        );
    }
}
