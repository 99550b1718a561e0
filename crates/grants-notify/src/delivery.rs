//! The outbox worker: claims due messages, renders and sends them, and records the outcome. Failed
//! attempts wait with exponential backoff and jitter; after the last attempt the message is marked
//! failed with its error, for an admin to retry.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use grants_store::Store;
use grants_store::outbox::OutboxMessage;
use lettre::message::Mailbox;
use rand::Rng;
use serde_json::Value;
use tokio::sync::watch;

use crate::context::email_context;
use crate::{Mailer, NotifyError, Templates, message};

/// How delivery behaves.
#[derive(Debug, Clone)]
pub struct DeliverySettings {
    /// The sender of every email.
    pub from: Mailbox,
    /// The public URL that links in emails start with.
    pub base_url: String,
    /// The programme's name, shown in subjects and footers.
    pub programme_name: String,
    /// Attempts before a message is marked failed.
    pub max_attempts: i32,
    /// Messages claimed per pass.
    pub batch_size: u64,
    /// How long a claim lasts before another worker may take the message over.
    pub lease: Duration,
    /// Wait after the first failure; doubled after each further one.
    pub backoff_base: Duration,
    /// The longest wait between attempts.
    pub backoff_max: Duration,
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Handed to the transport.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retried: usize,
    /// Failed for good.
    pub failed: usize,
}

/// Renders and delivers outbox messages.
#[derive(Debug, Clone)]
pub struct Delivery {
    store: Store,
    templates: Arc<Templates>,
    mailer: Mailer,
    settings: DeliverySettings,
}

impl Delivery {
    /// A worker over `store` sending through `mailer`.
    pub fn new(store: Store, templates: Arc<Templates>, mailer: Mailer, settings: DeliverySettings) -> Self {
        Delivery { store, templates, mailer, settings }
    }

    /// The same worker giving up after `attempts` attempts.
    #[must_use]
    pub fn with_max_attempts(mut self, attempts: i32) -> Self {
        self.settings.max_attempts = attempts;
        self
    }

    /// The wait before attempt `attempts + 1`: base × 2^(attempts−1), capped, ±20 % jitter so that
    /// workers retrying together spread out.
    pub fn backoff(&self, attempts: i32) -> Duration {
        let exponent = u32::try_from(attempts.saturating_sub(1)).unwrap_or(0).min(20);
        let base = self.settings.backoff_base.num_milliseconds().max(1);
        let wait = base.saturating_mul(1_i64 << exponent).min(self.settings.backoff_max.num_milliseconds().max(base));
        let jitter = rand::rng().random_range(-(wait / 5)..=(wait / 5));
        Duration::milliseconds(wait + jitter)
    }

    fn prepare(&self, row: &OutboxMessage) -> Result<lettre::Message, NotifyError> {
        let context = email_context(row, &self.settings.base_url, &self.settings.programme_name);
        let email = self.templates.render(&row.template, row.language(), &context)?;
        let name = context.pointer("/recipient/name").and_then(Value::as_str).unwrap_or_default();
        message::build(row.id, &self.settings.from, &row.recipient_email, name, &email)
    }

    /// Claims and delivers the messages due at `now`.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<DeliveryReport, grants_store::StoreError> {
        let mut report = DeliveryReport::default();
        let claimed = self.store.claim_due(now, self.settings.lease, self.settings.batch_size).await?;
        for row in claimed {
            let outcome = match self.prepare(&row) {
                Ok(message) => self.mailer.send(row.id, &message).await,
                Err(err) => Err(err),
            };
            match outcome {
                Ok(()) => {
                    self.store.mark_sent(row.id, Utc::now()).await?;
                    report.sent += 1;
                }
                Err(err @ (NotifyError::Template(_) | NotifyError::Message(_))) => {
                    tracing::error!(outbox_id = row.id, error = %err, "email cannot be produced");
                    self.store.mark_failed(row.id, &err.to_string()).await?;
                    report.failed += 1;
                }
                Err(err) if row.attempts >= self.settings.max_attempts => {
                    tracing::error!(outbox_id = row.id, attempts = row.attempts, error = %err, "email delivery failed for good");
                    self.store.mark_failed(row.id, &err.to_string()).await?;
                    report.failed += 1;
                }
                Err(err) => {
                    let next = Utc::now() + self.backoff(row.attempts);
                    tracing::warn!(outbox_id = row.id, attempts = row.attempts, error = %err, "email delivery failed; will retry");
                    self.store.mark_retry(row.id, &err.to_string(), next).await?;
                    report.retried += 1;
                }
            }
        }
        Ok(report)
    }

    /// Delivers until told to stop; the batch in progress finishes first.
    pub async fn run(self, interval: std::time::Duration, mut stop: watch::Receiver<bool>) {
        loop {
            match self.deliver_due(Utc::now()).await {
                Ok(report)
                    if report.sent + report.retried + report.failed
                        == usize::try_from(self.settings.batch_size).unwrap_or(usize::MAX) =>
                {
                    continue;
                }
                Ok(_) => {}
                Err(err) => tracing::error!(error = %err, "outbox pass failed"),
            }
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                _ = stop.changed() => break,
            }
            if *stop.borrow() {
                break;
            }
        }
    }
}
