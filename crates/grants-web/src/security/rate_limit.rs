//! Request rates per client address and per account, counted in this process with the `governor` crate
//! (GCRA). They protect the service's capacity: a client hammering one instance is slowed there. Limits
//! that protect accounts (sign-in guesses, emails per address) are counted in the database instead, so
//! they hold across instances (see decision 11).

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::client::ClientAddress;
use super::settings::SecuritySettings;
use crate::{AppError, AppState};

/// Every this many checks, keys whose limit is full again are forgotten, so the tables stay small.
const SWEEP_EVERY: u64 = 4096;

/// The in-process rate limiters of one app.
#[derive(Debug)]
pub struct RateLimits {
    auth: DefaultKeyedRateLimiter<IpAddr>,
    api_client: DefaultKeyedRateLimiter<IpAddr>,
    api_account: DefaultKeyedRateLimiter<i64>,
    checks: AtomicU64,
}

fn per_minute(count: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(count.max(1)).unwrap_or(NonZeroU32::MIN))
}

/// The answer to a request over its rate: 429 with `Retry-After`.
pub fn too_many(wait: Duration) -> Response {
    let seconds = wait.as_secs().max(1);
    AppError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_requests",
        format!("too many requests; try again in {seconds} s"),
    )
    .with_retry_after(seconds)
    .into_response()
}

impl RateLimits {
    /// Limiters with the rates of `settings`.
    pub fn new(settings: &SecuritySettings) -> Self {
        RateLimits {
            auth: RateLimiter::keyed(per_minute(settings.auth_per_client_per_minute)),
            api_client: RateLimiter::keyed(per_minute(settings.api_per_client_per_minute)),
            api_account: RateLimiter::keyed(per_minute(settings.api_per_account_per_minute)),
            checks: AtomicU64::new(0),
        }
    }

    fn sweep(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            for limiter in [&self.auth, &self.api_client] {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
            self.api_account.retain_recent();
            self.api_account.shrink_to_fit();
        }
    }

    /// Counts one post to an account form from `client`; how long to wait when over the rate.
    pub fn auth(&self, client: IpAddr) -> Result<(), Duration> {
        self.sweep();
        check(&self.auth, &client)
    }

    /// Counts one API request from `client`.
    pub fn api_client(&self, client: IpAddr) -> Result<(), Duration> {
        self.sweep();
        check(&self.api_client, &client)
    }

    /// Counts one API request of account `user_id`.
    pub fn api_account(&self, user_id: i64) -> Result<(), Duration> {
        check(&self.api_account, &user_id)
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(limiter: &DefaultKeyedRateLimiter<K>, key: &K) -> Result<(), Duration> {
    limiter.check_key(key).map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
}

/// Middleware of the API routes: each client address gets its share of requests per minute.
pub async fn api_per_client(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let client = ClientAddress::of(&parts, &state);
    if let Err(wait) = state.rate_limits.api_client(client.0) {
        return too_many(wait);
    }
    next.run(Request::from_parts(parts, body)).await
}
