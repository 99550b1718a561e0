//! Response headers that depend on the request: `Strict-Transport-Security` when the service runs behind
//! HTTPS (secure cookies), and `Cache-Control: no-store` on every response to a signed-in request or that
//! sets a cookie, so no shared or browser cache keeps personal pages.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, COOKIE, SET_COOKIE, STRICT_TRANSPORT_SECURITY};
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;

/// One year, subdomains included (the service owns its host name).
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The middleware.
pub async fn per_request(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let signed_in = request.headers().contains_key(AUTHORIZATION)
        || request
            .headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.contains("mmdg_session="));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if signed_in || headers.contains_key(SET_COOKIE) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if state.web.secure_cookies {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}
