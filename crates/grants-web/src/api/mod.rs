//! The JSON API under `/api/v1`.

pub mod actions;
pub mod applications;
pub mod calls;
pub mod openapi;
pub mod paging;
pub mod workflow;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

/// Every `/api/v1` route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/calls", get(calls::list).post(calls::create))
        .route("/calls/{id}", get(calls::read).patch(calls::update))
        .route("/calls/{id}/actions/{action}", post(calls::act))
        .route("/calls/{id}/events", get(calls::events))
        .route("/applications", get(applications::list).post(applications::create))
        .route("/applications/{id}", get(applications::read).patch(applications::update))
        .route("/applications/{id}/actions/{action}", post(applications::act))
        .route("/applications/{id}/events", get(applications::events))
        .route("/workflow", get(workflow::tables))
        .route("/openapi.json", get(openapi::document))
}
