//! Typed configuration: built-in defaults, then `config/default.toml`, then `config/<GRANTS_ENV>.toml`,
//! then environment variables `GRANTS__SECTION__KEY`; later wins. Validated once at start-up.

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, bail};
use config::{Config, Environment, File};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Everything the binary can be configured with.
#[derive(Debug, Deserialize)]
pub struct Settings {
    /// HTTP serving.
    pub server: ServerSettings,
    /// The database.
    pub database: DatabaseSettings,
    /// Logging.
    pub log: LogSettings,
    /// Which programme profile the service runs.
    pub programme: ProgrammeSettings,
    /// Where files are kept.
    pub storage: StorageSettings,
    /// Timed transitions.
    pub scheduler: SchedulerSettings,
    /// Outgoing email.
    pub mail: MailSettings,
    /// What any client or account may ask of the service.
    #[serde(default)]
    pub limits: crate::limits::LimitSettings,
}

/// Where emails go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// `.eml` files in `mail.file_dir` (the embedded default).
    File,
    /// An SMTP server.
    Smtp,
}

/// Outgoing email.
#[derive(Deserialize)]
pub struct MailSettings {
    /// `file` or `smtp`.
    pub transport: MailTransport,
    /// The folder `.eml` files are written to with the `file` transport.
    pub file_dir: String,
    /// The sender, e.g. `MMD Grants <no-reply@grants.example.org>`.
    pub from: String,
    /// The programme name shown in emails.
    pub programme_name: String,
    /// SMTP server name.
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// `none`, `starttls` or `tls`.
    pub smtp_tls: grants_notify::SmtpSecurity,
    /// SMTP user name (empty: no authentication).
    pub smtp_username: String,
    /// SMTP password. Never printed.
    pub smtp_password: SecretString,
    /// Seconds one SMTP exchange may take.
    pub timeout_seconds: u64,
    /// Attempts before a message is marked failed.
    pub max_attempts: i32,
    /// Run delivery workers in this process.
    pub workers_enabled: bool,
    /// How many delivery workers this process runs (each claims its own batches).
    pub workers: u32,
    /// Emails in flight at once in this process, across its workers; also the SMTP connections kept.
    pub max_in_flight: u32,
    /// The most emails one claim takes (fewer until the pace shows more fit in the lease).
    pub batch_max: u64,
    /// How long a claim holds its emails before another process may take them over, in seconds.
    pub lease_seconds: i64,
    /// Room for clocks that differ between servers: a send starts only while the lease outlasts
    /// `timeout_seconds` by this much, else the lease is renewed first.
    pub lease_margin_seconds: i64,
    /// Time between outbox passes when idle, in milliseconds.
    pub poll_interval_ms: u64,
    /// Seconds before the first retry; doubled after each failure, at most `backoff_max_seconds`.
    pub backoff_base_seconds: i64,
    /// The longest wait between attempts.
    pub backoff_max_seconds: i64,
    /// A folder whose templates replace the built-in ones (same layout as `templates/email`).
    pub templates_dir: Option<String>,
}

impl fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailSettings")
            .field("transport", &self.transport)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_password", &"***")
            .finish_non_exhaustive()
    }
}

/// Which programme profile the service runs.
#[derive(Debug, Deserialize)]
pub struct ProgrammeSettings {
    /// The profile `config/programmes/<name>.toml`; `mmd` is also built in.
    pub name: String,
}

/// Which blob storage files go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// A local folder (the embedded default; one machine only).
    Local,
    /// An S3-compatible bucket shared by every instance.
    S3,
}

/// Where files (attachments, and every other blob) are kept.
#[derive(Deserialize)]
pub struct StorageSettings {
    /// `local` or `s3`.
    pub backend: StorageBackend,
    /// The folder of the `local` backend; nothing else may be kept in it.
    pub local_dir: String,
    /// The S3 service URL (`http://minio:9000`); empty for AWS.
    pub s3_endpoint: String,
    /// The bucket; it must exist.
    pub s3_bucket: String,
    /// The region.
    pub s3_region: String,
    /// A folder inside the bucket for this installation (may be empty).
    pub s3_prefix: String,
    /// Bucket in the path rather than the host name (most on-premises servers).
    pub s3_path_style: bool,
    /// Permit an `http://` endpoint.
    pub s3_allow_http: bool,
    /// Access key id; empty: the `AWS_*` environment variables or the platform's credentials.
    pub s3_access_key_id: String,
    /// Secret key; give it as `GRANTS__STORAGE__S3_SECRET_ACCESS_KEY`. Never printed.
    pub s3_secret_access_key: SecretString,
    /// How long one storage request and its retries may take before the user is told to retry.
    pub timeout_seconds: u64,
    /// How long an object no row names is kept before the sweep removes it.
    pub orphan_grace_minutes: i64,
    /// Time between orphan sweeps of this instance.
    pub sweep_interval_minutes: u64,
}

impl fmt::Debug for StorageSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StorageSettings")
            .field("backend", &self.backend)
            .field("local_dir", &self.local_dir)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_bucket", &self.s3_bucket)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &"***")
            .finish_non_exhaustive()
    }
}

impl StorageSettings {
    /// The blob store settings these describe.
    pub fn blob_settings(&self) -> grants_store::storage::BlobSettings {
        use grants_store::storage::{BlobSettings, S3Settings};
        match self.backend {
            StorageBackend::Local => BlobSettings::Local { root: self.local_dir.clone().into() },
            StorageBackend::S3 => BlobSettings::S3(S3Settings {
                endpoint: self.s3_endpoint.clone(),
                bucket: self.s3_bucket.clone(),
                region: self.s3_region.clone(),
                prefix: self.s3_prefix.clone(),
                path_style: self.s3_path_style,
                allow_http: self.s3_allow_http,
                access_key_id: self.s3_access_key_id.clone(),
                secret_access_key: self.s3_secret_access_key.clone(),
                timeout: std::time::Duration::from_secs(self.timeout_seconds),
            }),
        }
    }
}

/// Timed transitions: calls closing at their deadline, clarification requests expiring.
#[derive(Debug, Deserialize)]
pub struct SchedulerSettings {
    /// Run the scheduler in this process (every instance may; each transition happens once).
    pub enabled: bool,
    /// Time between passes, in milliseconds.
    pub interval_ms: u64,
}

/// HTTP serving.
#[derive(Debug, Deserialize)]
pub struct ServerSettings {
    /// Address to listen on; `127.0.0.1:8080` by default, `0.0.0.0:8080` in containers.
    pub bind: String,
    /// The public URL of the service, used in emails and links.
    pub base_url: String,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// How long in-flight requests may take to finish after a shutdown signal, in seconds.
    pub shutdown_grace_seconds: u64,
    /// Secure cookies with the `__Host-` prefix: set true behind HTTPS (production).
    pub secure_cookies: bool,
    /// A web session unused this long ends.
    pub session_idle_minutes: i64,
    /// A web session ends this long after sign-in.
    pub session_lifetime_hours: i64,
    /// When set, `/metrics` requires `Authorization: Bearer <token>`; unset, it is open (keep it internal).
    #[serde(default)]
    pub metrics_token: Option<SecretString>,
    /// Seconds a request's headers may take to arrive (also how long an idle kept-alive connection stays).
    pub header_read_timeout_seconds: u64,
    /// Seconds a connection may stay without any traffic either way.
    pub idle_timeout_seconds: u64,
    /// Seconds a request may take in all, body included.
    pub request_timeout_seconds: u64,
    /// Seconds to wait for the next piece of a request body.
    pub body_timeout_seconds: u64,
    /// Open connections at most; more are answered 503.
    pub max_connections: usize,
    /// Requests handled at once; more wait `queue_wait_ms`, then get 503.
    pub max_in_flight: usize,
    /// Milliseconds a request may wait for a free slot.
    pub queue_wait_ms: u64,
    /// The header a trusted reverse proxy writes the client address into (e.g. `x-forwarded-for`); empty:
    /// the connection's address is the client's. Set it only when every request comes through that proxy.
    pub client_ip_header: String,
    /// How many trusted proxies append to that header.
    pub trusted_proxy_hops: usize,
}

/// The database.
#[derive(Deserialize)]
pub struct DatabaseSettings {
    /// `sqlite://…` (embedded default) or `postgres://…`. May hold a password: never printed.
    pub url: SecretString,
    /// Pool size per instance.
    pub max_connections: u32,
    /// Apply pending migrations when `serve` starts (instances take turns on PostgreSQL).
    pub migrate_on_start: bool,
}

impl fmt::Debug for DatabaseSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseSettings")
            .field("url", &redact(self.url.expose_secret()))
            .field("max_connections", &self.max_connections)
            .field("migrate_on_start", &self.migrate_on_start)
            .finish()
    }
}

/// A database URL with any password replaced, safe to log.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Log output.
#[derive(Debug, Deserialize)]
pub struct LogSettings {
    /// `human` or `json`.
    pub format: LogFormat,
    /// A tracing filter such as `info` or `info,sqlx=warn`; `RUST_LOG` overrides it.
    pub level: String,
}

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Readable lines for a terminal.
    Human,
    /// One JSON object per line for log collectors.
    Json,
}

/// The embedded default: an SQLite file under `./data`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/grants.db?mode=rwc";

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

/// Loads the programme profile named in the settings from `<config_dir>/programmes/<name>.toml`; the
/// MMD profile is built in, so the embedded default needs no file. A broken profile stops start-up
/// with the line at fault.
pub fn load_programme(config_dir: &Path, settings: &Settings) -> anyhow::Result<grants_domain::programme::Programme> {
    let name = &settings.programme.name;
    let path = config_dir.join("programmes").join(format!("{name}.toml"));
    if path.exists() {
        let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
        let programme = grants_domain::programme::parse(&text, &path.display().to_string())?;
        if &programme.name != name {
            bail!("{} declares name = \"{}\", expected \"{name}\"", path.display(), programme.name);
        }
        Ok(programme)
    } else if name == "mmd" {
        Ok(grants_domain::programme::mmd())
    } else {
        bail!("programme profile {} not found", path.display())
    }
}
