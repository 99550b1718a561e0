//! `/api/v1/tokens`: API tokens with an expiry, listed and revoked by their owner (admins may act on
//! anyone's). A new token is shown once, in the answer that creates it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use grants_domain::Role;
use grants_store::api_tokens::{ApiToken, MAX_LIFETIME_DAYS};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::{AppError, AppState};

/// A token as its owner sees it (never the secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenView {
    /// Its id, to revoke it by.
    pub id: i64,
    /// Whose it is.
    pub user_id: i64,
    /// What it is for.
    pub label: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it last authenticated a request (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether it works now.
    pub active: bool,
}

/// A new token: the secret, shown this once, and its record.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    /// The bearer token; only its SHA-256 is kept, so it cannot be shown again.
    pub token: String,
    /// Its record.
    #[serde(flatten)]
    pub record: TokenView,
}

/// What a new token is for and how long it works.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// What it is for, e.g. `reporting script`.
    pub label: String,
    /// Days it works, 1 to 1095 (default: the service's token lifetime).
    pub expires_in_days: Option<i64>,
}

/// `?user_id=`: whose tokens (admins only; yours by default).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    /// The owner.
    pub user_id: Option<i64>,
}

fn view(token: ApiToken, now: DateTime<Utc>) -> TokenView {
    TokenView {
        active: token.is_active(now),
        id: token.id,
        user_id: token.user_id,
        label: token.label,
        created_at: token.created_at,
        expires_at: token.expires_at,
        last_used_at: token.last_used_at,
        revoked_at: token.revoked_at,
    }
}

/// Whose tokens `user` may see: their own, anyone's for admins.
fn owner(user: &grants_store::User, asked: Option<i64>) -> Result<i64, AppError> {
    match asked {
        None => Ok(user.id),
        Some(id) if id == user.id || user.viewer().has(Role::Admin) => Ok(id),
        Some(_) => Err(AppError::forbidden("only admins see other people's tokens")),
    }
}

/// Lists tokens, newest first, revoked and expired ones included.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", security(("bearer" = [])), params(TokenQuery),
    responses((status = 200, body = [TokenView]), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<TokenQuery>,
) -> Result<Json<Vec<TokenView>>, AppError> {
    let owner = owner(&user, query.user_id)?;
    let now = state.clock.now();
    Ok(Json(state.store.api_tokens(owner).await?.into_iter().map(|t| view(t, now)).collect()))
}

/// Issues a new token for yourself.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", security(("bearer" = [])), request_body = TokenInput,
    responses((status = 201, body = IssuedToken), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn issue(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(input): ApiJson<TokenInput>,
) -> Result<(StatusCode, Json<IssuedToken>), AppError> {
    let days = input.expires_in_days.unwrap_or(state.web.security.token_lifetime_days);
    if !(1..=MAX_LIFETIME_DAYS).contains(&days) {
        return Err(AppError::unprocessable(
            "invalid_lifetime",
            format!("expires_in_days must be between 1 and {MAX_LIFETIME_DAYS}"),
        ));
    }
    if input.label.trim().is_empty() {
        return Err(AppError::unprocessable("label_required", "say what the token is for"));
    }
    let now = state.clock.now();
    let (token, record) = state.store.issue_token(user.id, input.label.trim(), now, now + Duration::days(days)).await?;
    Ok((StatusCode::CREATED, Json(IssuedToken { token, record: view(record, now) })))
}

/// Revokes a token (yours, or anyone's for admins); it stops working at once.
#[utoipa::path(post, path = "/api/v1/tokens/{id}/revoke", tag = "tokens", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = TokenView), (status = 400, body = crate::error::ErrorBody), (status = 401, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn revoke(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TokenView>, AppError> {
    let token = state.store.api_token(id).await.map_err(|_| AppError::not_found("token"))?;
    if token.user_id != user.id && !user.viewer().has(Role::Admin) {
        return Err(AppError::not_found("token"));
    }
    let now = state.clock.now();
    Ok(Json(view(state.store.revoke_token(id, now).await?, now)))
}
