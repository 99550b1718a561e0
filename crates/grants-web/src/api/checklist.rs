//! `/api/v1/applications/{id}/checklist`: the manual eligibility review (programme staff only).

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use grants_store::checklist::{CheckResult, ChecklistLine};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// One recorded result.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct CheckView {
    pub passed: bool,
    pub note: Option<String>,
    pub reviewer_id: i64,
    pub recorded_at: DateTime<Utc>,
}

/// A checklist item with its latest result and history.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct ChecklistLineView {
    pub item: String,
    pub question_en: String,
    pub question_fr: String,
    /// The result that counts; none while unchecked.
    pub latest: Option<CheckView>,
    pub history: Vec<CheckView>,
}

/// The body of `PUT …/checklist/{item}`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInput {
    /// Whether the item is met.
    pub passed: bool,
    /// Why; required when the item fails (it becomes the reason given to the applicant).
    pub note: Option<String>,
}

fn check_view(result: CheckResult) -> CheckView {
    CheckView {
        passed: result.passed,
        note: result.note,
        reviewer_id: result.reviewer_id,
        recorded_at: result.recorded_at,
    }
}

fn lines_view(lines: Vec<ChecklistLine>) -> Vec<ChecklistLineView> {
    lines
        .into_iter()
        .map(|line| ChecklistLineView {
            item: line.item.code,
            question_en: line.item.en,
            question_fr: line.item.fr,
            latest: line.latest.map(check_view),
            history: line.history.into_iter().map(check_view).collect(),
        })
        .collect()
}

/// The checklist of an application with every recorded result.
#[utoipa::path(get, path = "/api/v1/applications/{id}/checklist", tag = "eligibility", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [ChecklistLineView]), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<ChecklistLineView>>, AppError> {
    state.store.visible_application(&user, id).await?;
    if !user.viewer().is_programme_staff() {
        return Err(AppError::forbidden("the eligibility checklist is internal to programme staff"));
    }
    Ok(Json(lines_view(state.store.checklist(id).await?)))
}

/// Records one item as passed or failed (managers, during eligibility review).
#[utoipa::path(put, path = "/api/v1/applications/{id}/checklist/{item}", tag = "eligibility", security(("bearer" = [])),
    params(("id" = i64, Path), ("item" = String, Path)), request_body = CheckInput,
    responses((status = 200, body = [ChecklistLineView]), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, item)): ApiPath<(i64, String)>,
    ApiJson(input): ApiJson<CheckInput>,
) -> Result<Json<Vec<ChecklistLineView>>, AppError> {
    state.store.visible_application(&user, id).await?;
    if !user.viewer().can_manage_calls() {
        return Err(AppError::forbidden("only grant managers review eligibility"));
    }
    let lines =
        state.store.record_check(id, &item, input.passed, input.note.as_deref(), user.id, state.clock.now()).await?;
    Ok(Json(lines_view(lines)))
}
