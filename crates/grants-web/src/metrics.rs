//! `/metrics` in the Prometheus text format: this instance's requests (count and latency per route) and
//! the programme's records per state, read from the database at each scrape so every instance reports the
//! same shared numbers. When `metrics_token` is configured, a scrape must bring it as a bearer token.

use std::sync::atomic::AtomicU64;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::{Registry, Unit};

use crate::{AppError, AppState};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RecordLabels {
    kind: String,
    state: String,
}

/// The outbox figures, read from the shared database at each scrape.
#[derive(Default)]
struct EmailGauges {
    queue: Gauge,
    queue_transactional: Gauge,
    oldest_pending: Gauge,
    delivery_rate: Gauge<f64, AtomicU64>,
}

/// The instance's metrics registry and the families it fills.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    records: Family<RecordLabels, Gauge>,
    email: EmailGauges,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("mmdg");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.005, 2.0, 12))
        });
        let records = Family::<RecordLabels, Gauge>::default();
        registry.register("http_requests", "HTTP requests answered by this instance", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer, per route", latency.clone());
        registry.register("records", "Applications, calls and emails per state (whole programme)", records.clone());
        let email = EmailGauges::default();
        registry.register("email_queue_depth", "Emails waiting or being sent", email.queue.clone());
        registry.register(
            "email_queue_transactional",
            "Transactional emails (receipts, resets, verification) waiting or being sent",
            email.queue_transactional.clone(),
        );
        registry.register_with_unit(
            "email_oldest_pending_age",
            "Age of the oldest email still waiting",
            Unit::Seconds,
            email.oldest_pending.clone(),
        );
        registry.register(
            "email_delivery_rate_per_second",
            "Emails handed to the mail server per second, over the last minute",
            email.delivery_rate.clone(),
        );
        Metrics { registry, requests, latency, records, email }
    }
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let (method, route) = (method.to_owned(), route.to_owned());
        self.requests.get_or_create(&RequestLabels { method: method.clone(), route: route.clone(), status }).inc();
        self.latency.get_or_create(&RouteLabels { method, route }).observe(seconds);
    }

    async fn render(&self, state: &AppState) -> Result<String, AppError> {
        let counts = state.store.state_counts().await?;
        self.records.clear();
        for count in counts {
            self.records
                .get_or_create(&RecordLabels { kind: count.kind.to_owned(), state: count.state })
                .set(count.count);
        }
        let outbox = state.store.outbox_stats(state.clock.now()).await?;
        self.email.queue.set(outbox.queue_depth);
        self.email.queue_transactional.set(outbox.queue_transactional);
        self.email.oldest_pending.set(outbox.oldest_pending_seconds);
        self.email.delivery_rate.set(outbox.delivery_rate_per_second());
        let mut text = String::new();
        encode(&mut text, &self.registry).map_err(|e| AppError::internal(&e))?;
        Ok(text)
    }
}

/// Counts every request under its route pattern (never the raw path, so ids do not multiply series).
pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request.extensions().get::<MatchedPath>().map_or("unmatched", MatchedPath::as_str).to_owned();
    let response = next.run(request).await;
    state.metrics.observe(&method, &route, response.status().as_u16(), started.elapsed().as_secs_f64());
    response
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /metrics`.
pub async fn endpoint(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = state.web.metrics_token.as_deref() {
        let sent =
            headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if !sent.is_some_and(|s| same(s.as_bytes(), token.as_bytes())) {
            return AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", "metrics need the configured bearer token")
                .into_response();
        }
    }
    match state.metrics.render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], text)
            .into_response(),
        Err(err) => err.into_response(),
    }
}
