//! `[limits]`: how much any client or account may ask of the service, and the connection and request
//! bounds of `[server]`, turned into the settings of the HTTP layer. Every key has a default suited to a
//! public deployment; see `config/default.toml`.

use std::time::Duration;

use anyhow::{Context, bail};
use grants_store::accounts::AccountLimits;
use grants_store::second_factor::CodeLimits;
use grants_store::sign_in::SignInLimits;
use grants_web::security::SecuritySettings;
use grants_web::serving::ServeSettings;
use serde::Deserialize;

use crate::config::Settings;

/// `[limits]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitSettings {
    /// Wrong passwords per account and client address per hour (clients the account does not know).
    pub sign_in_per_client_per_hour: u32,
    /// Wrong passwords per account per hour, across every client it does not know.
    pub sign_in_per_account_per_hour: u32,
    /// Wrong passwords per account per hour from one browser it signed in from before.
    pub sign_in_per_device_per_hour: u32,
    /// Wrong second-factor or recovery codes per account per hour.
    pub codes_per_account_per_hour: u32,
    /// Verification, reset and "already registered" emails per address per hour.
    pub emails_per_address_per_hour: u32,
    /// Hours an unconfirmed registration (and its link) lives.
    pub unverified_account_hours: i64,
    /// Posts to sign-in, sign-up, reset and verification forms per client address per minute.
    pub auth_per_client_per_minute: u32,
    /// API requests per client address per minute (this instance).
    pub api_per_client_per_minute: u32,
    /// API requests per account per minute (this instance).
    pub api_per_account_per_minute: u32,
    /// Days a new API token works unless its owner asks for less.
    pub token_lifetime_days: i64,
    /// Milliseconds account forms take at least, whatever the address (no timing oracle).
    pub account_answer_ms: u64,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings {
            sign_in_per_client_per_hour: 10,
            sign_in_per_account_per_hour: 100,
            sign_in_per_device_per_hour: 20,
            codes_per_account_per_hour: 10,
            emails_per_address_per_hour: 3,
            unverified_account_hours: 48,
            auth_per_client_per_minute: 30,
            api_per_client_per_minute: 1200,
            api_per_account_per_minute: 600,
            token_lifetime_days: 90,
            account_answer_ms: 400,
        }
    }
}

impl LimitSettings {
    /// Refuses limits that would switch a protection off.
    pub fn validate(&self) -> anyhow::Result<()> {
        let counts = [
            ("sign_in_per_client_per_hour", self.sign_in_per_client_per_hour),
            ("sign_in_per_account_per_hour", self.sign_in_per_account_per_hour),
            ("sign_in_per_device_per_hour", self.sign_in_per_device_per_hour),
            ("codes_per_account_per_hour", self.codes_per_account_per_hour),
            ("emails_per_address_per_hour", self.emails_per_address_per_hour),
            ("auth_per_client_per_minute", self.auth_per_client_per_minute),
            ("api_per_client_per_minute", self.api_per_client_per_minute),
            ("api_per_account_per_minute", self.api_per_account_per_minute),
        ];
        if let Some((name, _)) = counts.iter().find(|(_, value)| *value == 0) {
            bail!("limits.{name} must be at least 1");
        }
        if self.unverified_account_hours < 1 || !(1..=1095).contains(&self.token_lifetime_days) {
            bail!("limits.unverified_account_hours must be at least 1 and limits.token_lifetime_days 1 to 1095");
        }
        Ok(())
    }
}

/// The HTTP layer's abuse limits from the configuration.
pub fn security(settings: &Settings) -> anyhow::Result<SecuritySettings> {
    let limits = &settings.limits;
    let server = &settings.server;
    let header = match server.client_ip_header.trim() {
        "" => None,
        name => Some(
            name.to_ascii_lowercase()
                .parse()
                .with_context(|| format!("server.client_ip_header `{name}` is not a header name"))?,
        ),
    };
    let hour = chrono::Duration::hours(1);
    Ok(SecuritySettings {
        client_ip_header: header,
        trusted_proxy_hops: server.trusted_proxy_hops,
        sign_in: SignInLimits {
            per_client: limits.sign_in_per_client_per_hour,
            per_account: limits.sign_in_per_account_per_hour,
            per_device: limits.sign_in_per_device_per_hour,
            window: hour,
            emails_per_address_per_hour: limits.emails_per_address_per_hour,
        },
        codes: CodeLimits { limit: limits.codes_per_account_per_hour, window: hour },
        accounts: AccountLimits {
            emails_per_address_per_hour: limits.emails_per_address_per_hour,
            unverified_hours: limits.unverified_account_hours,
        },
        auth_per_client_per_minute: limits.auth_per_client_per_minute,
        api_per_client_per_minute: limits.api_per_client_per_minute,
        api_per_account_per_minute: limits.api_per_account_per_minute,
        max_in_flight: server.max_in_flight,
        queue_wait: Duration::from_millis(server.queue_wait_ms),
        request_timeout: Duration::from_secs(server.request_timeout_seconds),
        body_timeout: Duration::from_secs(server.body_timeout_seconds),
        account_answer_time: Duration::from_millis(limits.account_answer_ms),
        token_lifetime_days: limits.token_lifetime_days,
        issuer: settings.mail.programme_name.clone(),
    })
}

/// The connection bounds from the configuration.
pub fn serving(settings: &Settings) -> ServeSettings {
    let server = &settings.server;
    ServeSettings {
        header_read_timeout: Duration::from_secs(server.header_read_timeout_seconds),
        idle_timeout: Duration::from_secs(server.idle_timeout_seconds),
        max_connections: server.max_connections,
    }
}
