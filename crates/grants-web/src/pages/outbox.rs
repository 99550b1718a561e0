//! The email outbox for admins: messages by status with their last error, and retry buttons.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_workflow::OutboxState;
use serde::Deserialize;
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::calls::Empty;
use super::extract::{Admins, Posted, SignedIn};
use super::{context, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// `?status=` of the outbox page.
#[derive(Debug, Default, Deserialize)]
pub struct OutboxQuery {
    status: Option<String>,
}

/// The email outbox (admins): pending and failed messages with their last error, and retry buttons.
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn<Admins>,
    axum::extract::Query(query): axum::extract::Query<OutboxQuery>,
) -> Response {
    let visitor = &signed.visitor;
    let failed = OutboxState::Failed.to_string();
    let statuses: Vec<String> = std::iter::once(failed.clone())
        .chain(OutboxState::iter().map(|s| s.to_string()).filter(|s| *s != failed))
        .collect();
    let status = query.status.filter(|s| statuses.contains(s)).unwrap_or_else(|| failed.clone());
    let found = match state.store.list_outbox(Some(&status), 1, 100).await {
        Ok(found) => found,
        Err(err) => return failure_page(&state, visitor, &AppError::from(err)),
    };
    let messages: Vec<Value> = found
        .items
        .into_iter()
        .map(|m| {
            let is_failed = m.status == failed;
            json!({
                "id": m.id, "template": m.template, "recipient": m.recipient_email, "attempts": m.attempts,
                "last_error": m.last_error.unwrap_or_default(), "failed": is_failed,
            })
        })
        .collect();
    let label = |s: &String| state.pages.text(visitor.lang, &format!("outbox_status_{s}"));
    let statuses: Vec<Value> =
        statuses.iter().map(|s| json!({ "value": s, "label": label(s), "selected": *s == status })).collect();
    let figures = match state.store.outbox_stats(state.clock.now()).await {
        Ok(figures) => figures,
        Err(err) => return failure_page(&state, visitor, &AppError::from(err)),
    };
    let ctx = context(
        &state,
        visitor,
        "title_outbox",
        json!({ "messages": messages, "statuses": statuses, "total": found.total, "figures": figures }),
    );
    page(&state, StatusCode::OK, "outbox", ctx)
}

async fn retry(state: &AppState, posted: &Posted<Empty, Admins>, id: Option<i64>) -> Response {
    match state.store.retry_failed(id, state.clock.now()).await {
        Ok(_) => see_other("/admin/outbox"),
        Err(err) => failure_page(state, &posted.visitor, &AppError::from(err)),
    }
}

/// Retries one failed email (admins).
pub async fn retry_one(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Empty, Admins>,
) -> Response {
    retry(&state, &posted, Some(id)).await
}

/// Retries every failed email (admins).
pub async fn retry_all(State(state): State<AppState>, posted: Posted<Empty, Admins>) -> Response {
    retry(&state, &posted, None).await
}
