//! The one error type of the HTTP layer and its mapping to status codes and JSON bodies.
//!
//! Every error leaves as `{"error": "<code>", "message": "...", "details": {...}}`. A 500 carries a
//! generic message; its cause goes to the log only.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_domain::ValidationErrors;
use grants_store::StoreError;
use grants_store::storage::StorageError;
use grants_workflow::{FailureKind, TransitionError};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// The error body every failing API call returns.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable machine-readable code, e.g. `action_not_allowed`.
    pub error: String,
    /// A sentence for people.
    pub message: String,
    /// Structured specifics: allowed actions, field errors, …
    #[schema(value_type = Object)]
    pub details: Value,
}

/// An HTTP error response.
#[derive(Debug)]
pub struct AppError {
    status: StatusCode,
    code: &'static str,
    message: String,
    details: Value,
    retry_after: Option<u16>,
}

impl AppError {
    /// An error with a status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AppError { status, code, message: message.into(), details: json!({}), retry_after: None }
    }

    /// Tells the client, with `Retry-After`, how many seconds to wait before trying again.
    #[must_use]
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(u16::try_from(seconds.max(1)).unwrap_or(u16::MAX));
        self
    }

    /// Adds structured details.
    #[must_use]
    pub fn with_details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// Adds one entry to the details, keeping what the error already says there.
    #[must_use]
    pub fn with_detail(mut self, key: &str, value: Value) -> Self {
        if !self.details.is_object() {
            self.details = json!({});
        }
        if let Some(details) = self.details.as_object_mut() {
            details.insert(key.to_owned(), value);
        }
        self
    }

    /// 404 for anything absent or hidden from the caller.
    pub fn not_found(what: &str) -> Self {
        AppError::new(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }

    /// 403 when the caller is known but lacks the role.
    pub fn forbidden(message: impl Into<String>) -> Self {
        AppError::new(StatusCode::FORBIDDEN, "forbidden", message)
    }

    /// 400 for a request that cannot be understood.
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        AppError::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 422 for a request understood but invalid.
    pub fn unprocessable(code: &'static str, message: impl Into<String>) -> Self {
        AppError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }

    /// 500 whose cause is logged, never shown.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "something went wrong on our side; it has been logged",
        )
    }

    /// Replaces the sentence shown to people (e.g. with one in the caller's language).
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// 503 when the file storage cannot be reached: nothing was saved and a retry later may work.
    pub fn storage_unavailable(cause: &dyn std::fmt::Display) -> Self {
        tracing::warn!(error = %cause, "file storage unavailable");
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "storage_unavailable",
            "file storage is unavailable at the moment, so the file was not saved; please try again in a few minutes",
        )
        .with_retry_after(30)
    }

    /// 503 while the database cannot be reached: generic text for the client, the cause in the log.
    pub fn unavailable(cause: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "database unavailable");
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the service cannot reach its database right now; try again shortly",
        )
        .with_retry_after(5)
    }

    /// The machine-readable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The sentence shown to people.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Structured specifics (failed guards, field errors, allowed actions).
    pub fn details(&self) -> &Value {
        &self.details
    }

    /// The status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = self.retry_after;
        let body = ErrorBody { error: self.code.to_owned(), message: self.message, details: self.details };
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = retry_after
            && let Ok(value) = HeaderValue::from_str(&seconds.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

impl From<TransitionError> for AppError {
    fn from(err: TransitionError) -> Self {
        let message = err.to_string();
        match err {
            TransitionError::NotAllowed { state, allowed, .. } => {
                AppError::new(StatusCode::CONFLICT, "action_not_allowed", message)
                    .with_details(json!({ "state": state, "allowed_actions": allowed }))
            }
            TransitionError::ActorNotAllowed { allowed_actors, .. } => {
                AppError::forbidden(message).with_details(json!({ "allowed_roles": allowed_actors }))
            }
            TransitionError::GuardFailed { failures, .. } => {
                let only_input = failures.iter().all(|f| f.kind == FailureKind::InvalidInput);
                let (status, code) = if only_input {
                    (StatusCode::UNPROCESSABLE_ENTITY, "invalid_action_input")
                } else {
                    (StatusCode::CONFLICT, "guard_failed")
                };
                AppError::new(status, code, message).with_details(json!({ "failures": failures }))
            }
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        let message = err.to_string();
        match err {
            StoreError::NotFound(what) => AppError::not_found(what),
            StoreError::StaleVersion { actual, state, allowed, .. } => {
                AppError::new(StatusCode::CONFLICT, "stale_version", message)
                    .with_details(json!({ "version": actual, "state": state, "allowed_actions": allowed }))
            }
            StoreError::WrongState { state, allowed, .. } => {
                AppError::new(StatusCode::CONFLICT, "wrong_state", message)
                    .with_details(json!({ "state": state, "allowed_actions": allowed }))
            }
            StoreError::Transition(err) => err.into(),
            StoreError::Validation(errors) => errors.into(),
            StoreError::TooLarge(message) => AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", message),
            StoreError::Duplicate(what) => {
                AppError::new(StatusCode::CONFLICT, "duplicate", format!("{what} is already taken"))
            }
            StoreError::Storage(StorageError::Unavailable(cause)) => AppError::storage_unavailable(&cause),
            StoreError::Storage(StorageError::TooLarge { limit }) => AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the file is larger than {limit} bytes"),
            ),
            StoreError::Storage(cause) => AppError::internal(&cause),
            StoreError::WeakPassword(problem) => AppError::unprocessable("weak_password", problem.message())
                .with_details(json!({ "keys": problem.keys() })),
            StoreError::PageOutOfRange(_) => AppError::bad_request("invalid_query", message),
            StoreError::Unavailable(cause) => AppError::unavailable(&cause),
            StoreError::Database(cause) => AppError::internal(&cause),
        }
    }
}

impl From<grants_store::access::AccessError> for AppError {
    fn from(err: grants_store::access::AccessError) -> Self {
        use grants_store::access::AccessError;
        match err {
            AccessError::Hidden(what) => AppError::not_found(what),
            AccessError::DeclarationRequired => AppError::new(
                StatusCode::FORBIDDEN,
                "declaration_required",
                AccessError::DeclarationRequired.to_string(),
            ),
            AccessError::Store(err) => err.into(),
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(errors: ValidationErrors) -> Self {
        AppError::unprocessable("validation_failed", "some fields are invalid")
            .with_details(json!({ "fields": errors.errors }))
    }
}

/// The answer to a machine at an unknown route (browsers get `pages::fallback`'s page).
pub fn not_found() -> AppError {
    AppError::new(StatusCode::NOT_FOUND, "not_found", "no such route")
}
