//! `/api/v1/calls/{id}/evaluation-report` as JSON, CSV and printable HTML (programme staff), each
//! written as the report is read.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::auth::CurrentUser;
use crate::extract::ApiPath;
use crate::{AppError, AppState};

use crate::access::require_staff;

/// The evaluation report as JSON.
#[utoipa::path(get, path = "/api/v1/calls/{id}/evaluation-report", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "the report", content_type = "application/json"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn json_report(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    require_staff(&user)?;
    let reader = state.store.evaluation_report(id).await?;
    let mut response = crate::evaluation_report::json_body(reader).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}

/// The evaluation report as CSV: one row per application and evaluator (one row with empty evaluator
/// columns for an application without scorecards). Amounts are decimals in EUR; the requested and
/// awarded amounts of an application stand on its first row only, so each column adds up to the
/// call's total.
#[utoipa::path(get, path = "/api/v1/calls/{id}/evaluation-report.csv", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "the report", content_type = "text/csv"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn csv_report(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    require_staff(&user)?;
    let reader = state.store.evaluation_report(id).await?;
    let filename = format!("attachment; filename=\"{}-evaluation.csv\"", reader.head().call.rules.reference);
    let mut response = crate::evaluation_report::csv_body(reader).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&filename) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The evaluation report as a printable HTML page.
#[utoipa::path(get, path = "/api/v1/calls/{id}/evaluation-report.html", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "the report", content_type = "text/html"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn html_report(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    require_staff(&user)?;
    let reader = state.store.evaluation_report(id).await?;
    let visitor = crate::pages::session::Visitor {
        session: None,
        token: None,
        lang: user.language,
        anon_csrf: None,
        path: format!("/calls/{id}/report"),
        flash: None,
    };
    Ok(crate::evaluation_report::whole(&state, &visitor, reader))
}
