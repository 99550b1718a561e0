//! `/api/v1/applications/{id}/grant`, `…/reports/{report_id}/submit|review`, `…/payments/{payment_id}/paid`:
//! the grant after signature. The grantee's members and programme staff read it; the grantee submits
//! reports; managers review them and record payments.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Money;
use grants_store::agreements::{GrantFile, ReportInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::actions::ActionResult;
use crate::access::{as_grantee, as_manager, readable_file};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// The agreement as signed.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct AgreementView {
    #[schema(value_type = String)]
    pub amount: Money,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub signed_at: DateTime<Utc>,
}

/// One payment.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct PaymentView {
    pub id: i64,
    pub sequence: i32,
    /// `prefinancing` or `balance`.
    pub kind: String,
    #[schema(value_type = String)]
    pub amount: Money,
    /// The report period whose approval releases it; none for the payment at signature.
    pub released_by_period: Option<i32>,
    /// `scheduled`, `requested` or `paid`.
    pub status: String,
    pub paid_at: Option<DateTime<Utc>>,
}

/// One report.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ReportView {
    pub id: i64,
    /// `interim` or `final`.
    pub kind: String,
    pub period: i32,
    pub covers_from: NaiveDate,
    pub covers_to: NaiveDate,
    pub due_on: NaiveDate,
    /// `due`, `submitted`, `approved` or `changes_requested`.
    pub status: String,
    pub narrative: String,
    #[schema(value_type = Option<String>)]
    pub spent: Option<Money>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub review_note: Option<String>,
    pub version: i32,
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
}

/// The grant after signature.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct GrantView {
    pub agreement: Option<AgreementView>,
    pub payments: Vec<PaymentView>,
    pub reports: Vec<ReportView>,
}

/// The body of a report submission.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    /// Answers to the call's report form (by default: `narrative`, `indicators` by JVAP domain,
    /// `budget_lines` planned and spent); checked against it, errors per field in your language.
    #[schema(value_type = Object)]
    pub answers: serde_json::Value,
    /// The report version you last saw.
    pub version: Option<i32>,
}

/// The body of a report review.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    /// Approve, or send back.
    pub approve: bool,
    /// Remarks; required when sending back (it tells the grantee what to change).
    pub note: Option<String>,
}

/// The grant file in API form.
pub fn view(file: GrantFile) -> GrantView {
    GrantView {
        agreement: file.agreement.map(|a| AgreementView {
            amount: a.amount,
            starts_on: a.starts_on,
            ends_on: a.ends_on,
            signed_at: a.signed_at,
        }),
        payments: file
            .payments
            .into_iter()
            .map(|p| PaymentView {
                id: p.id,
                sequence: p.sequence,
                kind: p.kind.to_string(),
                amount: p.amount,
                released_by_period: p.released_by_period,
                status: p.status.to_string(),
                paid_at: p.paid_at,
            })
            .collect(),
        reports: file
            .reports
            .into_iter()
            .map(|r| ReportView {
                id: r.id,
                kind: r.kind.to_string(),
                period: r.period,
                covers_from: r.covers_from,
                covers_to: r.covers_to,
                due_on: r.due_on,
                status: r.status.to_string(),
                narrative: r.narrative,
                spent: r.spent,
                submitted_at: r.submitted_at,
                review_note: r.review_note,
                version: r.version,
                answers: r.answers,
            })
            .collect(),
    }
}

/// The agreement, payments and reports of a contracted grant (empty before signature).
#[utoipa::path(get, path = "/api/v1/applications/{id}/grant", tag = "grants", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = GrantView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<GrantView>, AppError> {
    let (_, file) = readable_file(&state, &user, id).await?;
    Ok(Json(view(file)))
}

/// Hands in a report (the grantee's members), while it is due or sent back.
#[utoipa::path(post, path = "/api/v1/applications/{id}/reports/{report_id}/submit", tag = "grants", security(("bearer" = [])),
    params(("id" = i64, Path), ("report_id" = i64, Path)), request_body = ReportBody,
    responses((status = 200, body = ActionResult), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ReportBody>,
) -> Result<Json<ActionResult>, AppError> {
    let (application, _) = readable_file(&state, &user, id).await?;
    let acting = as_grantee(&user, &application, &state)?;
    let input = ReportInput { answers: body.answers };
    let outcome = state.store.submit_report(id, report_id, input, body.version, acting).await?;
    Ok(Json(ActionResult::new(report_id, outcome)))
}

/// Approves a submitted report (releasing the payments it unlocks) or sends it back (managers).
#[utoipa::path(post, path = "/api/v1/applications/{id}/reports/{report_id}/review", tag = "grants", security(("bearer" = [])),
    params(("id" = i64, Path), ("report_id" = i64, Path)), request_body = ReviewBody,
    responses((status = 200, body = ActionResult), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn review(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<ReviewBody>,
) -> Result<Json<ActionResult>, AppError> {
    readable_file(&state, &user, id).await?;
    let acting = as_manager(&user, &state)?;
    let outcome = state.store.review_report(id, report_id, body.approve, body.note.as_deref(), acting).await?;
    Ok(Json(ActionResult::new(report_id, outcome)))
}

/// Records a released payment as made (managers).
#[utoipa::path(post, path = "/api/v1/applications/{id}/payments/{payment_id}/paid", tag = "grants", security(("bearer" = [])),
    params(("id" = i64, Path), ("payment_id" = i64, Path)),
    responses((status = 200, body = ActionResult), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn paid(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, payment_id)): ApiPath<(i64, i64)>,
) -> Result<Json<ActionResult>, AppError> {
    readable_file(&state, &user, id).await?;
    let acting = as_manager(&user, &state)?;
    Ok(Json(ActionResult::new(payment_id, state.store.mark_paid(id, payment_id, acting).await?)))
}
