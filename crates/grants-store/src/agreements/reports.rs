//! Reports handed in by the grantee and reviewed by a manager, on the report table; approval releases
//! the payments it unlocks, each through the payment table.

use chrono::{DateTime, Utc};
use grants_domain::agreement::{PaymentKind, ReportKind, spending_allows_release};
use grants_domain::{Money, ValidationErrors};
use grants_workflow::{
    PaymentAction, PaymentFacts, PaymentMachine, PaymentState, ReportAction, ReportEffect, ReportFacts, ReportMachine,
    ReportState,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::{Acting, ReportInput, check_version, grant_running, load_report, log, report_context, stale};
use crate::entity::{payment, report};
use crate::records::parse;
use crate::transition::{ActionRequest, Outcome, Recorded, decide};
use crate::{Store, StoreError};

impl Store {
    /// Hands in a report (the grantee): allowed while it is due or sent back; refused once submitted.
    pub async fn submit_report(
        &self,
        application_id: i64,
        report_id: i64,
        input: ReportInput,
        expected_version: Option<i32>,
        acting: Acting,
    ) -> Result<Outcome, StoreError> {
        let txn = self.begin_write().await?;
        let (application, call, row) = load_report(&txn, application_id, report_id).await?;
        let form = grants_domain::form::FormSchema::compile(&call.settings.report_form()).map_err(|why| {
            StoreError::WrongState {
                message: format!("the call's report form is broken: {why}"),
                state: row.status.clone(),
                allowed: Vec::new(),
            }
        })?;
        let problems = form.validate(&input.answers, acting.language);
        if !problems.is_empty() {
            return Err(ValidationErrors { errors: problems }.into());
        }
        let state: ReportState = parse("report status", &row.status)?;
        let facts = ReportFacts { grant_running: grant_running(&application) };
        let rule =
            decide::<ReportMachine>(state, ReportAction::SubmitReport, &acting.request(None, &Value::Null), &facts)?;
        check_version("report", row.version, expected_version)?;
        let (narrative, spent) = (input.narrative(), input.spent());
        let mut update = report::Entity::update_many()
            .col_expr(report::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(report::Column::Version, Expr::value(row.version + 1));
        if rule.effects.contains(&ReportEffect::StoreAnswers) {
            update = update
                .col_expr(report::Column::Narrative, Expr::value(narrative))
                .col_expr(report::Column::SpentCents, Expr::value(Some(spent.cents())))
                .col_expr(report::Column::Answers, Expr::value(input.answers.to_string()))
                .col_expr(report::Column::SubmittedAt, Expr::value(Some(acting.now)));
        }
        let changed = update
            .filter(report::Column::Id.eq(report_id))
            .filter(report::Column::Version.eq(row.version))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(stale("report", row.version));
        }
        let payload = json!({ "report_id": report_id, "kind": row.kind, "period": row.period, "spent": spent });
        let recorded = Recorded::of::<ReportMachine>(rule);
        let outcome = log(&txn, &application, &call, recorded, &payload, None, acting, report_context(&row)).await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// Reviews a submitted report (managers): approve it (releasing the payments it unlocks) or send it
    /// back with what to change.
    pub async fn review_report(
        &self,
        application_id: i64,
        report_id: i64,
        approve: bool,
        note: Option<&str>,
        acting: Acting,
    ) -> Result<Outcome, StoreError> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        let txn = self.begin_write().await?;
        let (application, call, row) = load_report(&txn, application_id, report_id).await?;
        let state: ReportState = parse("report status", &row.status)?;
        let action = if approve { ReportAction::ApproveReport } else { ReportAction::RequestReportChanges };
        let facts = ReportFacts { grant_running: grant_running(&application) };
        let rule = decide::<ReportMachine>(state, action, &acting.request(note, &Value::Null), &facts)?;
        let changed = report::Entity::update_many()
            .col_expr(report::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(report::Column::ReviewedAt, Expr::value(Some(acting.now)))
            .col_expr(report::Column::ReviewNote, Expr::value(note.map(ToOwned::to_owned)))
            .col_expr(report::Column::Version, Expr::value(row.version + 1))
            .filter(report::Column::Id.eq(report_id))
            .filter(report::Column::Version.eq(row.version))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(stale("report", row.version));
        }
        let released = if rule.effects.contains(&ReportEffect::ReleasePayments) {
            release_payments(&txn, &row, acting.now).await?
        } else {
            Value::Null
        };
        let payload = json!({ "report_id": report_id, "kind": row.kind, "period": row.period, "payments": released });
        let recorded = Recorded::of::<ReportMachine>(rule);
        let outcome = log(&txn, &application, &call, recorded, &payload, note, acting, report_context(&row)).await?;
        txn.commit().await?;
        Ok(outcome)
    }
}

/// Releases the payments an approved report unlocks, each by the payment table's `release_payment`. A
/// further pre-financing also needs 70 % of the previous payment reported as spent; one held back stays
/// scheduled and the approval's event says why.
async fn release_payments(
    txn: &DatabaseTransaction,
    approved: &report::Model,
    now: DateTime<Utc>,
) -> Result<Value, StoreError> {
    let payments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(approved.application_id))
        .order_by_asc(payment::Column::Sequence)
        .all(txn)
        .await?;
    let is_final = approved.kind == ReportKind::Final.to_string();
    let mut outcome = Vec::new();
    for (index, row) in payments.iter().enumerate() {
        let state: PaymentState = parse("payment status", &row.status)?;
        let balance = row.kind == PaymentKind::Balance.to_string();
        if state != PaymentState::Scheduled || row.released_by_period != Some(approved.period) || balance != is_final {
            continue;
        }
        let previous = index.checked_sub(1).and_then(|i| payments.get(i)).map(|p| Money::from_cents(p.amount_cents));
        let spent = Money::from_cents(approved.spent_cents.unwrap_or(0));
        let facts = PaymentFacts {
            grant_running: true,
            spending_allows_release: balance || previous.is_none_or(|p| spending_allows_release(p, spent)),
        };
        let request = ActionRequest::system(now, None);
        let rule = match decide::<PaymentMachine>(state, PaymentAction::ReleasePayment, &request, &facts) {
            Ok(rule) => rule,
            Err(StoreError::Transition(refusal)) => {
                outcome.push(json!({ "sequence": row.sequence, "released": false, "why": refusal.to_string() }));
                continue;
            }
            Err(other) => return Err(other),
        };
        payment::Entity::update_many()
            .col_expr(payment::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(payment::Column::RequestedAt, Expr::value(Some(now)))
            .filter(payment::Column::Id.eq(row.id))
            .filter(payment::Column::Status.eq(rule.from.to_string()))
            .exec(txn)
            .await?;
        crate::transition::coverage::hit(txn, "payment", grants_workflow::lifecycles::name_of::<PaymentMachine>(rule));
        outcome.push(json!({ "sequence": row.sequence, "released": true }));
    }
    Ok(Value::Array(outcome))
}
