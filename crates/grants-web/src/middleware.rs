//! Cross-cutting request handling: one log line per request, and JSON bodies on bare errors.

use std::time::Instant;

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppError;

/// Logs method, path, status and latency of every request, once, after it is answered. The query
/// string is left out: it is not needed to follow traffic and may carry personal data.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "http",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        latency_ms = format!("{latency_ms:.1}"),
        "request"
    );
    response
}

/// Gives error responses produced outside our handlers (405, a body-limit 413, a timeout) our JSON error
/// body, or a short page in the reader's language when a browser asked for a page.
pub async fn json_errors(request: Request, next: Next) -> Response {
    let page_language = crate::browser_page::page_language(request.headers(), request.uri().path());
    let response = next.run(request).await;
    let status = response.status();
    let failed = status.is_client_error() || status.is_server_error();
    let json_body = response.headers().get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if failed
        && json_body
        && let Some(lang) = page_language
    {
        let page = crate::browser_page::plain_page(lang, status, crate::browser_page::message_for(status));
        return with_headers_of(&response, page);
    }
    if failed && !response.headers().contains_key(CONTENT_TYPE) {
        if let Some(lang) = page_language {
            let page = crate::browser_page::plain_page(lang, status, crate::browser_page::message_for(status));
            return with_headers_of(&response, page);
        }
        let code = match status.as_u16() {
            405 => "method_not_allowed",
            413 => "payload_too_large",
            404 => "not_found",
            408 => "request_timeout",
            429 => "too_many_requests",
            503 => "unavailable",
            s if s >= 500 => "internal_error",
            _ => "bad_request",
        };
        let message = status.canonical_reason().unwrap_or("error").to_lowercase();
        let replaced = AppError::new(status, code, message).into_response();
        return with_headers_of(&response, replaced);
    }
    response
}

/// `replacement` carrying the headers of the `original` it replaces that it does not set itself, so a
/// refusal's `Retry-After`, `Allow` or cookies survive its body being rewritten for the reader. The
/// body-describing headers (content type and length) stay the replacement's.
fn with_headers_of(original: &Response, mut replacement: Response) -> Response {
    let own: Vec<_> = replacement.headers().keys().cloned().collect();
    for (name, value) in original.headers() {
        if !own.contains(name) && name != axum::http::header::CONTENT_LENGTH {
            replacement.headers_mut().append(name.clone(), value.clone());
        }
    }
    replacement
}

/// Headers every response carries: no inline script or foreign content (CSP), no framing, no MIME
/// sniffing, no referrer leaks.
pub async fn security_headers(request: Request, next: Next) -> Response {
    use axum::http::HeaderValue;
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ),
    );
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("x-frame-options", HeaderValue::from_static("DENY"));
    headers.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    response
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode, header};
    use axum::routing::get;
    use tower::ServiceExt;

    use crate::AppError;

    async fn database_down() -> AppError {
        AppError::unavailable(&"connection refused")
    }

    #[tokio::test]
    async fn a_browser_told_the_database_is_down_is_also_told_when_to_come_back() {
        let app = Router::new()
            .route("/applications", get(database_down))
            .layer(axum::middleware::from_fn(super::json_errors));
        let request = Request::get("/applications")
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, "fr")
            .body(Body::empty())
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("lang=\"fr\""));
    }
}
