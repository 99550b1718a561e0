//! Talking to the service like a client would (a bearer token, a session cookie or nobody), and the
//! figures of a batch of timed requests.

use std::future::Future;
use std::io::Read;
use std::time::{Duration, Instant};

use futures::StreamExt;
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// Who a request is sent as.
#[derive(Debug, Clone)]
pub enum Auth {
    /// Nobody signed in (public pages).
    Anonymous,
    /// An API token.
    Bearer(String),
    /// A signed-in browser: the session cookie's value.
    Session(String),
}

/// An HTTP client for one service address.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
}

impl Client {
    pub fn new(base: &str, connections: usize) -> Client {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        Client { http, base: base.to_owned() }
    }

    /// A request to `path` as `auth`, asking for compressed bodies like a browser does.
    pub fn request(&self, method: Method, auth: &Auth, path: &str) -> reqwest::RequestBuilder {
        let request = self.http.request(method, format!("{}{path}", self.base)).header("accept-encoding", "br, gzip");
        match auth {
            Auth::Anonymous => request,
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Session(token) => request.header("cookie", format!("mmdg_session={token}")),
        }
    }

    /// Sends a JSON request; panics unless it succeeds (set-up steps must all work). Returns the body.
    pub async fn call(&self, method: Method, auth: &Auth, path: &str, body: Option<Value>) -> Value {
        let (status, value) = self.try_call(method, auth, path, body).await;
        assert!(status.is_success(), "{path}: {status} {value}");
        value
    }

    /// Sends a JSON request: the status and the body (`Value::Null` when it is not JSON).
    pub async fn try_call(&self, method: Method, auth: &Auth, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.request(method, auth, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status();
                let encoding =
                    response.headers().get("content-encoding").and_then(|v| v.to_str().ok()).map(str::to_owned);
                let bytes = response.bytes().await.unwrap_or_default();
                let text = decode(encoding.as_deref(), &bytes);
                (status, serde_json::from_str(&text).unwrap_or(Value::Null))
            }
            Err(err) => (StatusCode::SERVICE_UNAVAILABLE, Value::String(err.to_string())),
        }
    }
}

/// A body as text, decompressed when the service compressed it.
pub fn decode(encoding: Option<&str>, bytes: &[u8]) -> String {
    let mut text = String::new();
    let read = match encoding {
        Some("br") => brotli::Decompressor::new(bytes, 4096).read_to_string(&mut text),
        Some("gzip") => flate2::read::GzDecoder::new(bytes).read_to_string(&mut text),
        _ => return String::from_utf8_lossy(bytes).into_owned(),
    };
    read.map(|_| text).unwrap_or_default()
}

/// The figures of a batch of requests (or raw transactions) run `concurrency` at a time.
#[derive(Debug, Clone)]
pub struct Timings {
    /// From the first start to the last end.
    pub took: Duration,
    /// Each one's duration, sorted.
    pub latencies: Vec<Duration>,
    /// How many failed.
    pub errors: usize,
}

impl Timings {
    /// Completed per second.
    pub fn per_second(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let count = self.latencies.len() as f64;
        count / self.took.as_secs_f64()
    }

    /// The `q` quantile (0.5, 0.99) in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let index = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[index].as_secs_f64() * 1000.0
    }
}

/// Runs `work` over `items`, `concurrency` at a time, timing each; `work` says whether it succeeded.
pub async fn timed_all<T, F, Fut>(items: Vec<T>, concurrency: usize, work: F) -> Timings
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = bool>,
{
    let started = Instant::now();
    let outcomes: Vec<(Duration, bool)> = futures::stream::iter(items)
        .map(|item| {
            let job = work(item);
            async move {
                let begun = Instant::now();
                let ok = job.await;
                (begun.elapsed(), ok)
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let took = started.elapsed();
    let errors = outcomes.iter().filter(|(_, ok)| !ok).count();
    let mut latencies: Vec<Duration> = outcomes.into_iter().map(|(d, _)| d).collect();
    latencies.sort_unstable();
    Timings { took, latencies, errors }
}

/// Milliseconds of a duration.
pub fn ms(took: Duration) -> f64 {
    took.as_secs_f64() * 1000.0
}

/// The median of a few durations, in milliseconds.
pub fn median_ms(mut samples: Vec<Duration>) -> f64 {
    samples.sort_unstable();
    samples.get(samples.len() / 2).map_or(0.0, |d| ms(*d))
}
