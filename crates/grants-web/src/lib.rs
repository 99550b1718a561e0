//! The HTTP layer: the JSON API under `/api/v1`, health endpoints, authentication and errors.
//!
//! Handlers translate HTTP to store calls and back; they decide nothing themselves. What may happen
//! comes from the workflow tables, who may see what from `grants_domain::access`.

pub mod api;
pub mod auth;
pub mod clock;
pub mod error;
pub mod extract;
pub mod health;
pub mod middleware;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use grants_store::Store;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::AppError;

/// Settings the HTTP layer needs.
#[derive(Debug, Clone)]
pub struct WebSettings {
    /// Largest request body accepted, in bytes; larger ones get 413.
    pub max_body_bytes: usize,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings { max_body_bytes: 256 * 1024 }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The source of "now", injectable so deadlines are testable.
    pub clock: Arc<dyn Clock>,
}

/// The whole HTTP application.
pub fn router(state: AppState, settings: &WebSettings) -> Router {
    Router::new()
        .merge(health::routes())
        .nest("/api/v1", api::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(middleware::json_errors))
        .layer(DefaultBodyLimit::max(settings.max_body_bytes))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .with_state(state)
}
