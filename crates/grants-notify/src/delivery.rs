//! The outbox worker: claims due messages, renders and sends several at once, and records the outcome.
//! Failed attempts wait with exponential backoff and jitter; after the last attempt the message is
//! marked failed with its error, for an admin to retry. Told to stop, a worker finishes the messages it
//! is sending, hands back those it claimed but had not started, and claims no more.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Duration, Utc};
use grants_store::Store;
use grants_store::outbox::OutboxMessage;
use lettre::message::Mailbox;
use rand::Rng;
use serde_json::Value;
use tokio::sync::{Semaphore, watch};

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
    /// The most messages one claim takes; fewer while the pace does not show that more can be sent
    /// within the lease.
    pub batch_max: u64,
    /// How long a claim lasts before another worker may take the message over.
    pub lease: Duration,
    /// The longest one send may take; a message is started only while the lease outlasts it by
    /// `lease_margin`, else the lease is renewed first.
    pub send_timeout: Duration,
    /// Room left for clocks that differ between servers.
    pub lease_margin: Duration,
    /// Messages in flight at once in this process, across its workers.
    pub max_in_flight: usize,
    /// Wait after the first failure; doubled after each further one.
    pub backoff_base: Duration,
    /// The longest wait between attempts.
    pub backoff_max: Duration,
}

/// What one pass (or a worker's whole run) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages claimed.
    pub claimed: usize,
    /// Handed to the transport.
    pub sent: usize,
    /// Failed, to be tried again later.
    pub retried: usize,
    /// Failed for good.
    pub failed: usize,
    /// Claimed but not started because the worker was told to stop; pending again at once.
    pub handed_back: usize,
    /// Not sent because another worker had taken them over (their lease had run out).
    pub lost: usize,
    /// Of the messages settled, those whose send was under way when the stop came and was finished.
    pub finished_after_stop: usize,
}

impl std::ops::AddAssign for DeliveryReport {
    fn add_assign(&mut self, other: Self) {
        self.claimed += other.claimed;
        self.sent += other.sent;
        self.retried += other.retried;
        self.failed += other.failed;
        self.handed_back += other.handed_back;
        self.lost += other.lost;
        self.finished_after_stop += other.finished_after_stop;
    }
}

/// Renders and delivers outbox messages. Clones share the transport, the in-flight limit and the pace.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub(crate) store: Store,
    templates: Arc<Templates>,
    pub(crate) mailer: Mailer,
    pub(crate) settings: DeliverySettings,
    pub(crate) in_flight: Arc<Semaphore>,
    /// Recent wall-clock time per delivered message, in microseconds (0: not measured yet).
    pace_micros: Arc<AtomicU64>,
}

impl Delivery {
    /// A worker over `store` sending through `mailer`.
    pub fn new(store: Store, templates: Arc<Templates>, mailer: Mailer, settings: DeliverySettings) -> Self {
        let in_flight = Arc::new(Semaphore::new(settings.max_in_flight.max(1)));
        Delivery { store, templates, mailer, settings, in_flight, pace_micros: Arc::new(AtomicU64::new(0)) }
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

    pub(crate) fn prepare(&self, row: &OutboxMessage) -> Result<lettre::Message, NotifyError> {
        let context = email_context(row, &self.settings.base_url, &self.settings.programme_name);
        let email = self.templates.render(&row.template, row.language(), &context)?;
        let name = context.pointer("/recipient/name").and_then(Value::as_str).unwrap_or_default();
        message::build(row.id, &self.settings.from, &row.recipient_email, name, &email)
    }

    /// How much of a lease is usable for starting sends.
    pub(crate) fn usable_lease(&self) -> Duration {
        self.settings.lease - self.settings.send_timeout - self.settings.lease_margin
    }

    /// How many messages to claim: what this process has shown it can send within the usable part of a
    /// lease, at least one round of the in-flight limit, at most `batch_max`.
    pub(crate) fn batch_size(&self) -> u64 {
        let floor = u64::try_from(self.settings.max_in_flight.max(1)).unwrap_or(1);
        let ceiling = self.settings.batch_max.max(floor);
        let pace = self.pace_micros.load(Ordering::Relaxed);
        if pace == 0 {
            return floor;
        }
        let usable = u64::try_from(self.usable_lease().num_microseconds().unwrap_or(0)).unwrap_or(0);
        (usable / pace).clamp(floor, ceiling)
    }

    /// Remembers how long a pass took per message, smoothed over recent passes.
    pub(crate) fn record_pace(&self, elapsed: std::time::Duration, messages: usize) {
        let Ok(count) = u64::try_from(messages) else { return };
        if count == 0 {
            return;
        }
        let latest = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX) / count;
        let previous = self.pace_micros.load(Ordering::Relaxed);
        let smoothed = if previous == 0 { latest.max(1) } else { ((previous * 3 + latest) / 4).max(1) };
        self.pace_micros.store(smoothed, Ordering::Relaxed);
    }

    /// Claims and delivers the messages due at `now` (one pass, never interrupted).
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<DeliveryReport, grants_store::StoreError> {
        let (_keep, never) = watch::channel(false);
        self.pass(now, &never).await
    }

    /// Delivers until told to stop, then returns what it did. Busy, it claims again at once; idle, it
    /// waits `interval`. After the stop it finishes the sends under way, hands back what it had not
    /// started, and claims nothing more.
    pub async fn run(self, interval: std::time::Duration, mut stop: watch::Receiver<bool>) -> DeliveryReport {
        let mut total = DeliveryReport::default();
        while !*stop.borrow() {
            let busy = match self.pass(Utc::now(), &stop).await {
                Ok(report) => {
                    total += report;
                    report.claimed > 0
                }
                Err(err) => {
                    tracing::error!(error = %err, "outbox pass failed");
                    false
                }
            };
            if busy {
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                changed = stop.changed() => if changed.is_err() { break },
            }
        }
        total
    }
}
