//! The JSON API under `/api/v1`.

pub mod actions;
pub mod application_list;
pub mod applications;
pub mod attachments;
pub mod call_list;
pub mod calls;
pub mod checklist;
pub mod decisions;
pub mod evaluation;
pub mod grants;
pub mod openapi;
pub mod openapi_errors;
pub mod organisations;
pub mod outbox;
pub mod paging;
pub mod portfolio;
pub mod report;
pub mod tokens;
pub mod workflow;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};

use crate::AppState;

/// Every `/api/v1` route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calls", get(call_list::list).post(calls::create))
        .route("/calls/{id}", get(calls::read).patch(calls::update))
        .route("/calls/{id}/actions/{action}", post(calls::act))
        .route("/calls/{id}/events", get(calls::events))
        .route("/applications", get(application_list::list).post(applications::create))
        .route("/applications/{id}", get(applications::read).patch(applications::update))
        .route("/applications/{id}/actions/{action}", post(applications::act))
        .route("/applications/{id}/events", get(applications::events))
        .route("/applications/{id}/checklist", get(checklist::read))
        .route("/applications/{id}/checklist/{item}", put(checklist::record))
        .route(
            "/applications/{id}/attachments",
            get(attachments::list)
                .post(attachments::upload)
                .layer(DefaultBodyLimit::max(crate::attachment_body_limit())),
        )
        .route("/applications/{id}/attachments/{attachment_id}", get(attachments::download).delete(attachments::remove))
        .route("/applications/{id}/evaluators", get(evaluation::list_assignments).post(evaluation::assign))
        .route("/applications/{id}/evaluators/{assignment_id}/remove", post(evaluation::remove))
        .route("/applications/{id}/declaration", post(evaluation::declare))
        .route("/applications/{id}/scorecards", get(evaluation::scorecards))
        .route("/applications/{id}/scorecard", put(evaluation::save_scorecard))
        .route("/applications/{id}/scorecard/submit", post(evaluation::submit_scorecard))
        .route("/applications/{id}/scorecards/{scorecard_id}/reopen", post(evaluation::reopen))
        .route("/applications/{id}/arbitration", post(evaluation::arbitrate))
        .route("/applications/{id}/evaluation", get(evaluation::evaluation))
        .route("/calls/{id}/evaluators/auto", post(evaluation::auto_assign))
        .route("/calls/{id}/ranking", get(evaluation::ranking))
        .route("/calls/{id}/ranking/apply", post(decisions::apply))
        .route("/calls/{id}/evaluation-report", get(report::json_report))
        .route("/calls/{id}/evaluation-report.csv", get(report::csv_report))
        .route("/calls/{id}/evaluation-report.html", get(report::html_report))
        .route("/applications/{id}/grant", get(grants::read))
        .route("/applications/{id}/reports/{report_id}/submit", post(grants::submit))
        .route("/applications/{id}/reports/{report_id}/review", post(grants::review))
        .route("/applications/{id}/payments/{payment_id}/paid", post(grants::paid))
        .route("/organisations/{id}", get(organisations::read).patch(organisations::update))
        .route("/organisations/{id}/events", get(organisations::events))
        .route("/portfolio", get(portfolio::json))
        .route("/portfolio.csv", get(portfolio::csv))
        .route("/workflow", get(workflow::tables))
        .route("/admin/outbox", get(outbox::list))
        .route("/admin/outbox/retry", post(outbox::retry_all))
        .route("/admin/outbox/{id}/retry", post(outbox::retry_one))
        .route("/tokens", get(tokens::list).post(tokens::issue))
        .route("/tokens/{id}/revoke", post(tokens::revoke))
        .route("/openapi.json", get(openapi::document))
}
