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
