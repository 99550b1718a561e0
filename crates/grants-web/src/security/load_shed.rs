//! A bound on the requests handled at once. A request finds a free slot, or waits briefly for one, or is
//! answered 503 with `Retry-After` straight away: memory stays bounded whatever the traffic, and clients
//! are told to come back instead of piling up. Health and metrics endpoints are never shed, so an
//! orchestrator does not kill a busy instance.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use grants_domain::Language;
use tokio::sync::Semaphore;

use crate::AppError;

/// Paths that answer whatever the load.
const NEVER_SHED: &[&str] = &["/healthz", "/readyz", "/metrics"];

/// The in-flight limit of one app.
#[derive(Debug)]
pub struct InFlight {
    slots: Arc<Semaphore>,
    waiting: AtomicUsize,
    max_waiting: usize,
    wait: Duration,
}

impl InFlight {
    /// At most `max` requests at once; up to four times as many more may wait `wait` for a slot (a waiting
    /// request holds little more than its headers).
    pub fn new(max: usize, wait: Duration) -> Self {
        InFlight {
            slots: Arc::new(Semaphore::new(max.max(1))),
            waiting: AtomicUsize::new(0),
            max_waiting: max.saturating_mul(4),
            wait,
        }
    }
}

/// The answer when no slot is free: a short page in the reader's language for a browser, JSON otherwise.
pub fn overloaded(page_language: Option<Language>) -> Response {
    let mut response = match page_language {
        Some(lang) => crate::browser_page::plain_page(lang, StatusCode::SERVICE_UNAVAILABLE, "error_busy"),
        None => AppError::new(StatusCode::SERVICE_UNAVAILABLE, "overloaded", "the service is busy; try again shortly")
            .into_response(),
    };
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// The middleware.
pub async fn limit(State(in_flight): State<Arc<InFlight>>, request: Request, next: Next) -> Response {
    if NEVER_SHED.contains(&request.uri().path()) {
        return next.run(request).await;
    }
    let page_language = crate::browser_page::page_language(request.headers(), request.uri().path());
    let slot = if let Ok(slot) = in_flight.slots.clone().try_acquire_owned() {
        slot
    } else {
        if in_flight.waiting.fetch_add(1, Ordering::AcqRel) >= in_flight.max_waiting {
            in_flight.waiting.fetch_sub(1, Ordering::AcqRel);
            return overloaded(page_language);
        }
        let waited = tokio::time::timeout(in_flight.wait, in_flight.slots.clone().acquire_owned()).await;
        in_flight.waiting.fetch_sub(1, Ordering::AcqRel);
        let Ok(Ok(slot)) = waited else { return overloaded(page_language) };
        slot
    };
    let response = next.run(request).await;
    drop(slot);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_turned_away_reads_why_in_its_language_and_when_to_come_back() {
        let page = overloaded(Some(Language::FR));
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(page.headers()[RETRY_AFTER], "1");
        assert!(page.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let api = overloaded(None);
        assert_eq!(api.headers()[RETRY_AFTER], "1");
        assert!(api.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    }
}
