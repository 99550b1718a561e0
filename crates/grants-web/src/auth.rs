//! Bearer-token authentication for API clients.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use grants_store::User;

use crate::{AppError, AppState};

/// The authenticated caller. Extracting it answers 401 when the token is missing, unknown, revoked or
/// expired, and 429 when the account is over its request rate.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let unauthenticated = || {
            AppError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "send a valid API token as `Authorization: Bearer <token>`",
            )
        };
        let header = parts.headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or_else(unauthenticated)?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .ok_or_else(unauthenticated)?;
        let Some(user) = state.store.authenticate_token(token, state.clock.now()).await? else {
            return Err(unauthenticated());
        };
        if let Err(wait) = state.rate_limits.api_account(user.id) {
            let seconds = wait.as_secs().max(1);
            return Err(AppError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                format!("too many requests for this account; try again in {seconds} s"),
            )
            .with_retry_after(seconds));
        }
        Ok(CurrentUser(user))
    }
}
