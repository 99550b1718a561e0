//! Liveness and readiness for load balancers and orchestrators.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::json;

use crate::{AppError, AppState};

/// `/healthz` and `/readyz`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz))
}

/// The process is up and answering.
#[utoipa::path(get, path = "/healthz", tag = "health", responses((status = 200, description = "the process is up")))]
pub async fn healthz() -> axum::Json<serde_json::Value> {
    axum::Json(json!({ "status": "ok" }))
}

/// The database answers and every migration is applied: traffic may be sent here.
#[utoipa::path(get, path = "/readyz", tag = "health", responses(
    (status = 200, description = "ready"),
    (status = 503, description = "not ready", body = crate::error::ErrorBody),
))]
pub async fn readyz(State(state): State<AppState>) -> Result<axum::Json<serde_json::Value>, AppError> {
    match state.store.readiness().await {
        Ok(()) => Ok(axum::Json(json!({ "status": "ready" }))),
        Err(reason) => {
            // The driver's words (host names, users, paths) go to the log, never to whoever asks.
            tracing::warn!(%reason, "not ready");
            Err(AppError::new(StatusCode::SERVICE_UNAVAILABLE, "not_ready", "the service is not ready to take traffic"))
        }
    }
}
