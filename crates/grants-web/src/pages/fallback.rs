//! An address the site does not have. A browser gets the site's own page saying so, in the reader's
//! language, with the way home (an old link from an email must not end on JSON); the API and other
//! machines get the JSON error.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::error_page;
use super::session::Visitor;
use crate::AppState;
use crate::browser_page::page_language;

/// The router's fallback.
pub async fn not_found(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, _) = request.into_parts();
    if page_language(&parts.headers, parts.uri.path()).is_none() {
        return crate::error::not_found().into_response();
    }
    match Visitor::from_request_parts(&mut parts, &state).await {
        Ok(visitor) => error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
        Err(err) => err.into_response(),
    }
}
