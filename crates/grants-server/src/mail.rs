//! Wires the email delivery from the configuration.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use grants_notify::{Delivery, DeliverySettings, Mailer, SmtpSettings, Templates};
use grants_store::Store;
use secrecy::ExposeSecret;

use crate::config::{MailTransport, Settings};

/// The templates (built in, with overrides from `mail.templates_dir`), checked at start-up.
pub fn templates(settings: &Settings) -> anyhow::Result<Templates> {
    let overrides = settings.mail.templates_dir.as_deref().filter(|d| !d.is_empty()).map(Path::new);
    Templates::load(overrides).context("loading the email templates")
}

/// The configured transport.
pub fn mailer(settings: &Settings) -> anyhow::Result<Mailer> {
    let mail = &settings.mail;
    Ok(match mail.transport {
        MailTransport::File => Mailer::Files(mail.file_dir.clone().into()),
        MailTransport::Smtp => {
            let password = mail.smtp_password.expose_secret().to_owned();
            let credentials = (!mail.smtp_username.is_empty()).then(|| (mail.smtp_username.clone(), password));
            Mailer::smtp(&SmtpSettings {
                host: mail.smtp_host.clone(),
                port: mail.smtp_port,
                security: mail.smtp_tls,
                credentials,
                timeout: Duration::from_secs(mail.timeout_seconds),
                pool_size: mail.max_in_flight,
            })
            .context("configuring SMTP")?
        }
    })
}

/// A delivery worker as configured.
pub fn delivery(settings: &Settings, store: Store) -> anyhow::Result<Delivery> {
    let mail = &settings.mail;
    Ok(Delivery::new(
        store,
        Arc::new(templates(settings)?),
        mailer(settings)?,
        DeliverySettings {
            from: settings.mail_from()?,
            base_url: settings.server.base_url.clone(),
            programme_name: mail.programme_name.clone(),
            max_attempts: mail.max_attempts,
            batch_max: mail.batch_max,
            lease: chrono::Duration::seconds(mail.lease_seconds),
            send_timeout: chrono::Duration::seconds(i64::try_from(mail.timeout_seconds).unwrap_or(i64::MAX)),
            lease_margin: chrono::Duration::seconds(mail.lease_margin_seconds),
            max_in_flight: usize::try_from(mail.max_in_flight).unwrap_or(1),
            backoff_base: chrono::Duration::seconds(mail.backoff_base_seconds.max(1)),
            backoff_max: chrono::Duration::seconds(mail.backoff_max_seconds.max(1)),
        },
    ))
}
