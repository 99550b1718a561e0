//! `/api/v1/admin/outbox`: the email outbox for admins — what waits, what failed and why, and retry.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use grants_domain::Role;
use grants_store::outbox::OutboxMessage;
use grants_workflow::OutboxState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::paging::PageQuery;
use crate::auth::CurrentUser;
use crate::extract::{ApiPath, ApiQuery};
use crate::{AppError, AppState};

/// An outbox message as admins see it (the body is rendered only at delivery).
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OutboxView {
    pub id: i64,
    pub event_id: i64,
    pub template: String,
    pub recipient_email: String,
    pub recipient_language: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A page of outbox messages.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OutboxPage {
    pub items: Vec<OutboxView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

/// `?status=pending|sending|sent|failed`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// Only messages in this status.
    pub status: Option<String>,
}

/// How many messages a retry queued again.
#[derive(Debug, Serialize, ToSchema)]
pub struct RetryResult {
    /// Messages moved from `failed` back to `pending`.
    pub requeued: u64,
}

fn view(message: OutboxMessage) -> OutboxView {
    OutboxView {
        id: message.id,
        event_id: message.event_id,
        template: message.template,
        recipient_email: message.recipient_email,
        recipient_language: message.recipient_language,
        status: message.status,
        attempts: message.attempts,
        next_attempt_at: message.next_attempt_at,
        last_error: message.last_error,
        created_at: message.created_at,
        sent_at: message.sent_at,
    }
}

fn require_admin(user: &grants_store::User) -> Result<(), AppError> {
    if user.viewer().has(Role::Admin) { Ok(()) } else { Err(AppError::forbidden("the outbox is managed by admins")) }
}

/// Lists outbox messages, newest first.
#[utoipa::path(get, path = "/api/v1/admin/outbox", tag = "admin", security(("bearer" = [])), params(PageQuery, OutboxQuery),
    responses((status = 200, body = OutboxPage), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(paging): ApiQuery<PageQuery>,
    ApiQuery(query): ApiQuery<OutboxQuery>,
) -> Result<Json<OutboxPage>, AppError> {
    require_admin(&user)?;
    let (page, per_page) = paging.checked()?;
    let status = match query.status.as_deref() {
        Some(s) if s.parse::<OutboxState>().is_ok() => Some(s),
        Some(other) => {
            return Err(AppError::bad_request(
                "invalid_query",
                format!("`{other}` is not a status (pending, sending, sent, failed)"),
            ));
        }
        None => None,
    };
    let found = state.store.list_outbox(status, page, per_page).await?;
    Ok(Json(OutboxPage { items: found.items.into_iter().map(view).collect(), total: found.total, page, per_page }))
}

/// Queues one failed message again.
#[utoipa::path(post, path = "/api/v1/admin/outbox/{id}/retry", tag = "admin", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = RetryResult), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn retry_one(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<RetryResult>, AppError> {
    require_admin(&user)?;
    let requeued = state.store.retry_failed(Some(id), state.clock.now()).await?;
    if requeued == 0 {
        return Err(AppError::new(
            axum::http::StatusCode::CONFLICT,
            "not_failed",
            "only a failed message can be retried",
        ));
    }
    Ok(Json(RetryResult { requeued }))
}

/// Queues every failed message again.
#[utoipa::path(post, path = "/api/v1/admin/outbox/retry", tag = "admin", security(("bearer" = [])),
    responses((status = 200, body = RetryResult), (status = 403, body = crate::error::ErrorBody)))]
pub async fn retry_all(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<RetryResult>, AppError> {
    require_admin(&user)?;
    Ok(Json(RetryResult { requeued: state.store.retry_failed(None, state.clock.now()).await? }))
}
