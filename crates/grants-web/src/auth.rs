//! Bearer-token authentication for API clients.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use grants_store::User;

use crate::{AppError, AppState};

/// The authenticated caller. Extracting it answers 401 when the token is missing, unknown or revoked.
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
        match state.store.authenticate_token(token).await? {
            Some(user) => Ok(CurrentUser(user)),
            None => Err(unauthenticated()),
        }
    }
}
