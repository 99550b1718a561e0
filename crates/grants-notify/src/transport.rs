//! Where messages go: an SMTP server, or `.eml` files in a folder (the embedded default).

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::NotifyError;

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text, for a relay on the same host or network.
    None,
    /// Upgrade with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// SMTP connection settings.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// Server name.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Connection security.
    pub security: SmtpSecurity,
    /// User name and password, when the server wants them.
    pub credentials: Option<(String, String)>,
    /// How long one exchange may take.
    pub timeout: Duration,
    /// Connections kept open for reuse (at least the messages sent at once).
    pub pool_size: u32,
}

/// A configured transport.
#[derive(Debug, Clone)]
pub enum Mailer {
    /// Writes `outbox-<id>.eml` files into a folder; a resend overwrites its own file.
    Files(PathBuf),
    /// Hands messages to an SMTP server over pooled connections (shared by clones).
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// An SMTP transport from settings.
    pub fn smtp(settings: &SmtpSettings) -> Result<Mailer, NotifyError> {
        let builder = match settings.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                .map_err(|e| NotifyError::Transport(e.to_string()))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| NotifyError::Transport(e.to_string()))?,
        };
        let pool = PoolConfig::new().max_size(settings.pool_size.max(1));
        let mut builder = builder.port(settings.port).timeout(Some(settings.timeout)).pool_config(pool);
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    /// Sends outbox row `outbox_id`'s message.
    pub async fn send(&self, outbox_id: i64, message: Message) -> Result<(), NotifyError> {
        match self {
            Mailer::Files(folder) => {
                tokio::fs::create_dir_all(folder).await.map_err(|e| NotifyError::Transport(e.to_string()))?;
                let path = folder.join(format!("outbox-{outbox_id}.eml"));
                let partial = folder.join(format!("outbox-{outbox_id}.eml.partial"));
                tokio::fs::write(&partial, message.formatted())
                    .await
                    .map_err(|e| NotifyError::Transport(e.to_string()))?;
                tokio::fs::rename(&partial, &path).await.map_err(|e| NotifyError::Transport(e.to_string()))
            }
            Mailer::Smtp(transport) => {
                transport.send(message).await.map(|_| ()).map_err(|e| NotifyError::Transport(e.to_string()))
            }
        }
    }
}
