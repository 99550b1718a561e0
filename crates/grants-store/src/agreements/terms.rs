//! The agreement's terms as a `sign_agreement` request carries them, the records signature writes, and
//! what still stands between a grant and its closure.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Money;
use grants_domain::agreement::{AgreementTerms, ReportKind};
use grants_domain::reporting_plan::ReportingPlan;
use grants_workflow::{PaymentState, ReportState};
use sea_orm::{ActiveValue::Set, DatabaseTransaction, EntityTrait};
use serde_json::Value;

use super::load_file;
use crate::entity::{agreement, payment, report};
use crate::{Application, Call, StoreError};

/// The terms a `sign_agreement` request carries: `starts_on`, `ends_on` (YYYY-MM-DD) and optionally
/// `amount` (the amount awarded otherwise); every problem in words.
pub(crate) fn terms_from(
    payload: &Value,
    application: &Application,
    call: &Call,
) -> Result<AgreementTerms, Vec<String>> {
    let mut problems = Vec::new();
    let mut date =
        |key: &str| match payload.get(key).and_then(Value::as_str).map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
            Some(Ok(day)) => Some(day),
            Some(Err(_)) => {
                problems.push(format!("payload.{key} must be a date such as 2027-01-31"));
                None
            }
            None => {
                problems.push(format!("payload.{key} is required (YYYY-MM-DD)"));
                None
            }
        };
    let (starts_on, ends_on) = (date("starts_on"), date("ends_on"));
    let awarded = application.awarded_amount.unwrap_or(Money::ZERO);
    let amount = match payload.get("amount").and_then(Value::as_str).filter(|a| !a.trim().is_empty()) {
        None => Some(awarded),
        Some(text) => text.trim().parse::<Money>().map_err(|e| problems.push(format!("payload.amount: {e}"))).ok(),
    };
    let (Some(starts_on), Some(ends_on), Some(amount)) = (starts_on, ends_on, amount) else { return Err(problems) };
    let terms = AgreementTerms { amount, starts_on, ends_on };
    let limits = (call.settings.duration_min_months, call.settings.duration_max_months);
    terms
        .validate(awarded, limits, grants_domain::Language::EN)
        .map_err(|errors| errors.errors.into_iter().map(|e| e.message).collect::<Vec<_>>())?;
    Ok(terms)
}

/// Writes the agreement, its schedule (the first payment released at once) and its reports, planned by the
/// call's reporting plan.
pub(crate) async fn write_agreement(
    txn: &DatabaseTransaction,
    application_id: i64,
    terms: &AgreementTerms,
    plan: &ReportingPlan,
    signed_by: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    agreement::Entity::insert(agreement::ActiveModel {
        application_id: Set(application_id),
        amount_cents: Set(terms.amount.cents()),
        starts_on: Set(terms.starts_on),
        ends_on: Set(terms.ends_on),
        signed_at: Set(now),
        signed_by: Set(signed_by),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    for planned in terms.schedule(plan) {
        let released = planned.released_by_period.is_none();
        payment::Entity::insert(payment::ActiveModel {
            application_id: Set(application_id),
            sequence: Set(i32::try_from(planned.sequence).unwrap_or(i32::MAX)),
            kind: Set(planned.kind.to_string()),
            amount_cents: Set(planned.amount.cents()),
            released_by_period: Set(planned.released_by_period.and_then(|p| i32::try_from(p).ok())),
            status: Set(if released { PaymentState::Requested } else { PaymentState::Scheduled }.to_string()),
            requested_at: Set(released.then_some(now)),
            paid_at: Set(None),
            paid_by: Set(None),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    for planned in terms.reporting_plan(plan) {
        report::Entity::insert(report::ActiveModel {
            application_id: Set(application_id),
            kind: Set(planned.kind.to_string()),
            period: Set(i32::try_from(planned.period).unwrap_or(i32::MAX)),
            covers_from: Set(planned.covers_from),
            covers_to: Set(planned.covers_to),
            due_on: Set(planned.due_on),
            status: Set(ReportState::Due.to_string()),
            narrative: Set(String::new()),
            spent_cents: Set(None),
            submitted_at: Set(None),
            reviewed_at: Set(None),
            review_note: Set(None),
            version: Set(1),
            answers: Set("{}".to_owned()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// What still stands between a contracted grant and its closure, if anything.
pub(crate) async fn settlement_missing(
    txn: &DatabaseTransaction,
    application_id: i64,
) -> Result<Option<String>, StoreError> {
    let file = load_file(txn, application_id).await?;
    let final_approved = file.reports.iter().any(|r| r.kind == ReportKind::Final && r.status == ReportState::Approved);
    if !final_approved {
        return Ok(Some("the final report is not approved yet".into()));
    }
    let unpaid: Vec<String> =
        file.payments.iter().filter(|p| p.status != PaymentState::Paid).map(|p| format!("#{}", p.sequence)).collect();
    if unpaid.is_empty() { Ok(None) } else { Ok(Some(format!("payments not made yet: {}", unpaid.join(", ")))) }
}
