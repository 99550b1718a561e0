//! The limits the HTTP layer enforces, with the defaults the configuration documents.

use std::time::Duration;

use axum::http::HeaderName;
use grants_store::accounts::AccountLimits;
use grants_store::second_factor::CodeLimits;
use grants_store::sign_in::SignInLimits;

/// Abuse limits and where the client address comes from.
#[derive(Debug, Clone)]
pub struct SecuritySettings {
    /// The header a trusted reverse proxy puts the client address in (e.g. `x-forwarded-for`); `None`:
    /// the connection's peer address is the client.
    pub client_ip_header: Option<HeaderName>,
    /// How many trusted proxies append to that header: the client is this many entries from its end.
    pub trusted_proxy_hops: usize,
    /// Sign-in guesses per account and client (database counts, shared by every instance).
    pub sign_in: SignInLimits,
    /// Wrong second-factor codes per account.
    pub codes: CodeLimits,
    /// Emails per address and hour; how long unconfirmed registrations live.
    pub accounts: AccountLimits,
    /// Posts to the sign-in, sign-up, reset and verification forms per client address and minute.
    pub auth_per_client_per_minute: u32,
    /// API requests per client address and minute.
    pub api_per_client_per_minute: u32,
    /// API requests per account (all its tokens) and minute.
    pub api_per_account_per_minute: u32,
    /// Requests handled at once; more wait up to `queue_wait`, then get 503.
    pub max_in_flight: usize,
    /// How long a request may wait for a free slot before it is shed.
    pub queue_wait: Duration,
    /// The longest a request may take, body included; then 503.
    pub request_timeout: Duration,
    /// The longest wait for the next piece of a request body.
    pub body_timeout: Duration,
    /// Account forms (sign-up, reset, resend) answer no sooner than this, so known and unknown addresses
    /// take the same time.
    pub account_answer_time: Duration,
    /// How long a new API token works unless its owner asks for less.
    pub token_lifetime_days: i64,
    /// The name authenticator apps show next to the account.
    pub issuer: String,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        SecuritySettings {
            client_ip_header: None,
            trusted_proxy_hops: 1,
            sign_in: SignInLimits::default(),
            codes: CodeLimits::default(),
            accounts: AccountLimits::default(),
            auth_per_client_per_minute: 30,
            api_per_client_per_minute: 1200,
            api_per_account_per_minute: 600,
            max_in_flight: 64,
            queue_wait: Duration::from_secs(5),
            request_timeout: Duration::from_secs(30),
            body_timeout: Duration::from_secs(10),
            account_answer_time: Duration::from_millis(400),
            token_lifetime_days: 90,
            issuer: "MMD Grants".to_owned(),
        }
    }
}
