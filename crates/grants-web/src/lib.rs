//! The HTTP layer: the JSON API under `/api/v1`, health endpoints, authentication and errors.
//!
//! Handlers translate HTTP to store calls and back; they decide nothing themselves. What may happen
//! comes from the workflow tables, who may see what from `grants_domain::access`.

pub mod access;
pub mod api;
pub mod auth;
pub mod browser_page;
pub mod clock;
mod compression;
pub mod error;
pub mod evaluation_report;
pub mod extract;
pub mod health;
pub mod labels;
pub mod metrics;
pub mod middleware;
pub mod open_data;
pub mod pages;
pub mod security;
pub mod serving;
pub mod stored_file;
mod upload;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use grants_store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

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
    /// Abuse limits: rates, throttles, timeouts, the in-flight bound, the client address source.
    pub security: security::SecuritySettings,
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
            security: security::SecuritySettings::default(),
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
    /// This instance's request rates per client address and account.
    pub rate_limits: Arc<security::rate_limit::RateLimits>,
    /// This instance's bound on requests handled at once.
    pub in_flight: Arc<security::load_shed::InFlight>,
}

impl AppState {
    /// The state of an app on `store` and `clock` with `settings`; fails when a page template is broken.
    pub fn new(store: Store, clock: Arc<dyn Clock>, settings: WebSettings) -> Result<AppState, String> {
        let security = &settings.security;
        let rate_limits = Arc::new(security::rate_limit::RateLimits::new(security));
        let in_flight = Arc::new(security::load_shed::InFlight::new(security.max_in_flight, security.queue_wait));
        Ok(AppState {
            store,
            clock,
            web: Arc::new(settings),
            pages: Arc::new(pages::Pages::load()?),
            metrics: Arc::new(metrics::Metrics::default()),
            rate_limits,
            in_flight,
        })
    }
}

/// The whole HTTP application. From the outside in: metrics, the log line, panics caught as 500, the
/// in-flight bound, response headers, compression of text, our JSON error bodies, the request and body
/// timeouts, the body limit, the routes.
pub fn router(state: AppState) -> Router {
    let max_body_bytes = state.web.max_body_bytes;
    let security = &state.web.security;
    let api =
        api::routes().layer(axum::middleware::from_fn_with_state(state.clone(), security::rate_limit::api_per_client));
    Router::new()
        .merge(health::routes())
        .route("/metrics", axum::routing::get(metrics::endpoint))
        .merge(pages::routes())
        .merge(open_data::routes())
        .merge(pages::second_factor::routes())
        .merge(pages::accounts::routes())
        .nest("/api/v1", api)
        .fallback(pages::fallback::not_found)
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(RequestBodyTimeoutLayer::new(security.body_timeout))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, security.request_timeout))
        .layer(axum::middleware::from_fn(middleware::json_errors))
        .layer(compression::layer())
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers::per_request))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn_with_state(state.in_flight.clone(), security::load_shed::limit))
        .layer(CatchPanicLayer::custom(security::panic::answer))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::record))
        .with_state(state)
}

/// Uploads may be as large as the largest attachment any call allows, plus the multipart framing;
/// each call's own, smaller limit is checked by the store.
pub(crate) fn attachment_body_limit() -> usize {
    usize::try_from(grants_domain::call_settings::MAX_ATTACHMENT_BYTES).unwrap_or(usize::MAX) + 64 * 1024
}
