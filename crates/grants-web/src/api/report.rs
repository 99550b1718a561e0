//! `/api/v1/calls/{id}/evaluation-report` as JSON, CSV and printable HTML (programme staff).

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::evaluation_report::{money, report_json};

use crate::auth::CurrentUser;
use crate::extract::ApiPath;
use crate::{AppError, AppState};

use crate::access::require_staff;

/// The evaluation report as JSON.
#[utoipa::path(get, path = "/api/v1/calls/{id}/evaluation-report", tag = "reports", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, description = "the report"), (status = 403, body = crate::error::ErrorBody)))]
pub async fn json_report(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Value>, AppError> {
    require_staff(&user)?;
    Ok(Json(report_json(&state.store.evaluation_report(id).await?)))
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
    let report = state.store.evaluation_report(id).await?;
    let grid_codes: Vec<String> =
        report.call.settings.grids.full_application.criteria().map(|(_, c)| c.code.clone()).collect();
    let mut writer = crate::security::csv::SafeCsv::default();
    let mut header = vec!["call", "application", "organisation", "country", "lot", "state", "evaluator"];
    header.extend(grid_codes.iter().map(String::as_str));
    header.extend([
        "scorecard_total",
        "consolidated_total",
        "thresholds_met",
        "rank",
        "requested_amount",
        "awarded_amount",
    ]);
    writer.row(&header)?;
    for application in &report.applications {
        let consolidated = application
            .consolidation
            .as_ref()
            .map(|c| grants_domain::evaluation::for_display(c.total).to_string())
            .unwrap_or_default();
        let thresholds = application.consolidation.as_ref().map(|c| c.thresholds_met.to_string()).unwrap_or_default();
        let rank = application.rank.map(|r| r.to_string()).unwrap_or_default();
        let cards: Vec<Option<&grants_store::report::ReportScorecard>> = if application.scorecards.is_empty() {
            vec![None]
        } else {
            application.scorecards.iter().map(Some).collect()
        };
        for (index, card) in cards.into_iter().enumerate() {
            let mut row = vec![
                report.call.rules.reference.clone(),
                application.reference.clone(),
                application.organisation.clone(),
                application.country.clone(),
                application.lot.clone(),
                application.state.to_string(),
                card.map(|c| c.evaluator.clone()).unwrap_or_default(),
            ];
            row.extend(
                grid_codes
                    .iter()
                    .map(|code| card.and_then(|c| c.points.get(code)).map(ToString::to_string).unwrap_or_default()),
            );
            row.push(card.map(|c| c.total.to_string()).unwrap_or_default());
            row.extend([consolidated.clone(), thresholds.clone(), rank.clone()]);
            if index == 0 {
                row.extend([money(application.requested), money(application.awarded)]);
            } else {
                row.extend([String::new(), String::new()]);
            }
            writer.row(&row)?;
        }
    }
    let body = writer.finish()?;
    let filename = format!("attachment; filename=\"{}-evaluation.csv\"", report.call.rules.reference);
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()), (header::CONTENT_DISPOSITION, filename)], body)
        .into_response())
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
    let report = state.store.evaluation_report(id).await?;
    let reader = crate::pages::session::Visitor {
        session: None,
        token: None,
        lang: user.language,
        anon_csrf: None,
        path: format!("/calls/{id}/report"),
        flash: None,
    };
    Ok(crate::evaluation_report::page(&state, &reader, &report))
}
