//! A handler that panics answers 500 with our JSON error body (the cause goes to the log), and the
//! connection stays usable.

use std::any::Any;

use axum::response::{IntoResponse, Response};

use crate::AppError;

/// Turns a caught panic into the generic 500 (the signature `CatchPanicLayer::custom` calls).
#[allow(clippy::needless_pass_by_value, reason = "tower-http hands the panic over by value")]
pub fn answer(panic: Box<dyn Any + Send + 'static>) -> Response {
    let cause = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    AppError::internal(&format!("a handler panicked: {cause}")).into_response()
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;

    async fn boom() -> &'static str {
        let nothing: Vec<&'static str> = Vec::new();
        nothing[0]
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_500_in_our_json() {
        let app = Router::new().route("/boom", get(boom)).layer(CatchPanicLayer::custom(super::answer));
        let response = app.oneshot(Request::get("/boom").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(response.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["error"], "internal_error");
        assert!(!body.to_string().contains("index out of bounds"), "the cause stays in the log");
    }
}
