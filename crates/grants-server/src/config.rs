//! Typed configuration: built-in defaults, then `config/default.toml`, then `config/<GRANTS_ENV>.toml`,
//! then environment variables `GRANTS__SECTION__KEY`; later wins. Validated once at start-up.

use std::fmt;
use std::path::Path;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

mod load;

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
    /// A folder of page catalogues (`<code>.ftl`) read beside the built-in English and French ones: a new
    /// file there adds its language, a file for `en` or `fr` rewords it.
    #[serde(default)]
    pub catalogues_dir: Option<String>,
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

/// Reads the programme's own catalogues folder, if the settings name one, before anything is worded: a
/// broken catalogue stops start-up with its line.
pub fn read_catalogues(settings: &Settings) -> anyhow::Result<()> {
    if let Some(folder) = settings.programme.catalogues_dir.as_deref().filter(|f| !f.trim().is_empty()) {
        grants_i18n::read_also_from(Path::new(folder)).map_err(|e| anyhow::anyhow!(e))?;
    }
    grants_i18n::catalogues().map(|_| ()).map_err(|e| anyhow::anyhow!(e))
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
