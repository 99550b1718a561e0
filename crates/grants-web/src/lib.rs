//! The HTTP layer: the JSON API under `/api/v1`, health endpoints, authentication and errors.
//!
//! Handlers translate HTTP to store calls and back; they decide nothing themselves. What may happen
//! comes from the workflow tables, who may see what from `grants_domain::access`.

pub mod access;
pub mod api;
pub mod auth;
pub mod clock;
pub mod error;
pub mod evaluation_report;
pub mod extract;
pub mod health;
pub mod labels;
pub mod metrics;
pub mod middleware;
pub mod open_data;
pub mod pages;
mod upload;

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
    /// Mark cookies `Secure` and use the `__Host-` prefix (production, behind HTTPS).
    pub secure_cookies: bool,
    /// A session unused this long ends.
    pub session_idle: chrono::Duration,
    /// A session ends this long after sign-in, used or not.
    pub session_lifetime: chrono::Duration,
    /// When set, `/metrics` answers only requests bearing this token.
    pub metrics_token: Option<String>,
    /// The public address of the site, for absolute links in published files (IATI document links).
    pub base_url: String,
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            max_body_bytes: 256 * 1024,
            secure_cookies: false,
            session_idle: chrono::Duration::minutes(60),
            session_lifetime: chrono::Duration::hours(12),
            metrics_token: None,
            base_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The source of "now", injectable so deadlines are testable.
    pub clock: Arc<dyn Clock>,
    /// The HTTP settings.
    pub web: Arc<WebSettings>,
    /// The compiled page templates and translations.
    pub pages: Arc<pages::Pages>,
    /// This instance's request metrics, published at `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
}

impl AppState {
    /// The state of an app on `store` and `clock` with `settings`; fails when a page template is broken.
    pub fn new(store: Store, clock: Arc<dyn Clock>, settings: WebSettings) -> Result<AppState, String> {
        Ok(AppState {
            store,
            clock,
            web: Arc::new(settings),
            pages: Arc::new(pages::Pages::load()?),
            metrics: Arc::new(metrics::Metrics::default()),
        })
    }
}

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let max_body_bytes = state.web.max_body_bytes;
    Router::new()
        .merge(health::routes())
        .route("/metrics", axum::routing::get(metrics::endpoint))
        .merge(pages::routes())
        .merge(open_data::routes())
        .nest("/api/v1", api::routes())
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn(middleware::json_errors))
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::record))
        .with_state(state)
}

/// Uploads may be as large as the largest attachment any call allows, plus the multipart framing;
/// each call's own, smaller limit is checked by the store.
pub(crate) fn attachment_body_limit() -> usize {
    usize::try_from(grants_domain::call_settings::MAX_ATTACHMENT_BYTES).unwrap_or(usize::MAX) + 64 * 1024
}
