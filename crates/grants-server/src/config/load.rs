//! Reading the layers (built-in defaults, files, environment) into [`Settings`] and checking them once.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, bail};
use config::{Config, Environment, File};
use secrecy::ExposeSecret;

use super::{DEFAULT_DATABASE_URL, Settings, StorageBackend, redact};

impl Settings {
    /// Loads the layers from `config_dir` and the environment, then validates.
    pub fn load(config_dir: &Path) -> anyhow::Result<Settings> {
        let environment = std::env::var("GRANTS_ENV").ok().filter(|e| !e.trim().is_empty());
        let mut builder = Config::builder()
            .set_default("server.bind", "127.0.0.1:8080")?
            .set_default("server.base_url", "http://127.0.0.1:8080")?
            .set_default("server.max_body_bytes", 256 * 1024)?
            .set_default("server.shutdown_grace_seconds", 30)?
            .set_default("server.secure_cookies", false)?
            .set_default("server.session_idle_minutes", 60)?
            .set_default("server.session_lifetime_hours", 12)?
            .set_default("server.header_read_timeout_seconds", 10)?
            .set_default("server.idle_timeout_seconds", 60)?
            .set_default("server.request_timeout_seconds", 30)?
            .set_default("server.body_timeout_seconds", 10)?
            .set_default("server.max_connections", 1024)?
            .set_default("server.max_in_flight", 64)?
            .set_default("server.queue_wait_ms", 5000)?
            .set_default("server.client_ip_header", "")?
            .set_default("server.trusted_proxy_hops", 1)?
            .set_default("database.url", DEFAULT_DATABASE_URL)?
            .set_default("database.max_connections", 10)?
            .set_default("database.migrate_on_start", true)?
            .set_default("log.format", "human")?
            .set_default("log.level", "info")?
            .set_default("programme.name", "mmd")?
            .set_default("storage.backend", "local")?
            .set_default("storage.local_dir", "data/blobs")?
            .set_default("storage.s3_endpoint", "")?
            .set_default("storage.s3_bucket", "")?
            .set_default("storage.s3_region", "us-east-1")?
            .set_default("storage.s3_prefix", "")?
            .set_default("storage.s3_path_style", true)?
            .set_default("storage.s3_allow_http", false)?
            .set_default("storage.s3_access_key_id", "")?
            .set_default("storage.s3_secret_access_key", "")?
            .set_default("storage.timeout_seconds", 10)?
            .set_default("storage.orphan_grace_minutes", 1_440)?
            .set_default("storage.sweep_interval_minutes", 60)?
            .set_default("scheduler.enabled", true)?
            .set_default("scheduler.interval_ms", 15_000)?
            .set_default("mail.transport", "file")?
            .set_default("mail.file_dir", "data/mail")?
            .set_default("mail.from", "MMD Grants <no-reply@localhost.localdomain>")?
            .set_default("mail.programme_name", "MMD Grants")?
            .set_default("mail.smtp_host", "localhost")?
            .set_default("mail.smtp_port", 25)?
            .set_default("mail.smtp_tls", "none")?
            .set_default("mail.smtp_username", "")?
            .set_default("mail.smtp_password", "")?
            .set_default("mail.timeout_seconds", 20)?
            .set_default("mail.max_attempts", 8)?
            .set_default("mail.workers_enabled", true)?
            .set_default("mail.workers", 1)?
            .set_default("mail.max_in_flight", 32)?
            .set_default("mail.batch_max", 200)?
            .set_default("mail.lease_seconds", 60)?
            .set_default("mail.lease_margin_seconds", 5)?
            .set_default("mail.poll_interval_ms", 2_000)?
            .set_default("mail.backoff_base_seconds", 30)?
            .set_default("mail.backoff_max_seconds", 3_600)?
            .add_source(File::from(config_dir.join("default.toml")).required(false));
        if let Some(environment) = &environment {
            let path = config_dir.join(format!("{environment}.toml"));
            if !path.exists() {
                bail!("GRANTS_ENV is `{environment}` but {} does not exist", path.display());
            }
            builder = builder.add_source(File::from(path));
        }
        let settings: Settings = builder
            .add_source(Environment::with_prefix("GRANTS").prefix_separator("__").separator("__").try_parsing(true))
            .build()
            .context("reading configuration")?
            .try_deserialize()
            .context("configuration is invalid")?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> anyhow::Result<()> {
        self.bind_address()?;
        url::Url::parse(&self.server.base_url)
            .with_context(|| format!("server.base_url `{}` is not a URL", self.server.base_url))?;
        let url = self.database.url.expose_secret();
        if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            bail!("database.url must start with sqlite:, postgres:// or postgresql:// (got `{}`)", redact(url));
        }
        if self.database.max_connections == 0 {
            bail!("database.max_connections must be at least 1");
        }
        self.mail_from()?;
        if self.mail.max_attempts < 1 || self.mail.workers == 0 || self.mail.poll_interval_ms < 50 {
            bail!("mail.max_attempts and mail.workers must be at least 1, mail.poll_interval_ms at least 50");
        }
        if self.mail.max_in_flight == 0 || self.mail.batch_max == 0 || self.mail.lease_margin_seconds < 0 {
            bail!("mail.max_in_flight and mail.batch_max must be at least 1, mail.lease_margin_seconds at least 0");
        }
        let needed =
            i64::try_from(self.mail.timeout_seconds).unwrap_or(i64::MAX).saturating_add(self.mail.lease_margin_seconds);
        if self.mail.lease_seconds <= needed {
            bail!("mail.lease_seconds must exceed mail.timeout_seconds + mail.lease_margin_seconds ({needed})");
        }
        if self.scheduler.interval_ms < 100 {
            bail!("scheduler.interval_ms must be at least 100");
        }
        if self.programme.name.is_empty()
            || !self.programme.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            bail!("programme.name must be a snake_case profile name such as mmd");
        }
        if self.storage.backend == StorageBackend::S3 && self.storage.s3_bucket.trim().is_empty() {
            bail!("storage.s3_bucket is required with storage.backend = \"s3\"");
        }
        if self.storage.timeout_seconds == 0 || self.storage.sweep_interval_minutes == 0 {
            bail!("storage.timeout_seconds and storage.sweep_interval_minutes must be at least 1");
        }
        if self.storage.orphan_grace_minutes < 10 {
            bail!("storage.orphan_grace_minutes must be at least 10 (uploads in progress are not orphans)");
        }
        if self.server.max_body_bytes < 1024 {
            bail!("server.max_body_bytes must be at least 1024");
        }
        let server = &self.server;
        let timeouts = [
            server.header_read_timeout_seconds,
            server.idle_timeout_seconds,
            server.request_timeout_seconds,
            server.body_timeout_seconds,
        ];
        if timeouts.contains(&0) || server.max_connections == 0 || server.max_in_flight == 0 {
            bail!("server timeouts, max_connections and max_in_flight must be at least 1");
        }
        self.limits.validate()?;
        crate::limits::security(self)?;
        Ok(())
    }

    /// The checked sender mailbox.
    pub fn mail_from(&self) -> anyhow::Result<lettre::message::Mailbox> {
        self.mail.from.parse().with_context(|| {
            format!("mail.from `{}` is not a mailbox such as MMD Grants <no-reply@example.org>", self.mail.from)
        })
    }

    /// The checked listening address.
    pub fn bind_address(&self) -> anyhow::Result<SocketAddr> {
        self.server
            .bind
            .parse()
            .with_context(|| format!("server.bind `{}` is not an address such as 127.0.0.1:8080", self.server.bind))
    }
}
