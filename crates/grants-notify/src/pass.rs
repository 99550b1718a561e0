//! One delivery pass: claim a batch, send up to the in-flight limit at once — each send started only
//! while the claim's lease outlasts it, renewing the lease (a compare-and-set on the claim's token) when
//! it would not — record what happened, and hand back what a stop left unstarted.
//!
//! Sent messages are recorded by a companion task in groups of whatever finished while the previous
//! write was under way: one database write per message when the database keeps up, fewer when it does
//! not, and never more than one write's time between a handoff and its record.

use std::collections::HashSet;
use std::time::Instant;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use futures::stream;
use grants_store::outbox::OutboxMessage;
use grants_store::outbox_claims::Claim;
use grants_store::{Store, StoreError};
use tokio::sync::{Mutex, mpsc, watch};

use crate::{Delivery, DeliveryReport, NotifyError};

/// What became of one claimed message.
enum Outcome {
    Sent {
        after_stop: bool,
    },
    Retried {
        after_stop: bool,
    },
    Failed {
        after_stop: bool,
    },
    /// Not started: the worker was told to stop.
    Unstarted(i64),
    /// Another worker holds it now.
    Lost,
    /// The outcome could not be written; the lease will bring the message back.
    Unrecorded,
}

/// The lease of one claim as this worker knows it.
struct Lease {
    token: String,
    ids: Vec<i64>,
    state: Mutex<LeaseState>,
}

struct LeaseState {
    until: DateTime<Utc>,
    held: HashSet<i64>,
}

impl Lease {
    fn new(claim: &Claim) -> Lease {
        let ids: Vec<i64> = claim.messages.iter().map(|m| m.id).collect();
        let held = ids.iter().copied().collect();
        Lease { token: claim.token.clone(), ids, state: Mutex::new(LeaseState { until: claim.lease_until, held }) }
    }

    /// Whether message `id` may be sent now: the claim still holds it for longer than a send can take.
    async fn may_start(&self, delivery: &Delivery, id: i64) -> Result<bool, StoreError> {
        let mut state = self.state.lock().await;
        let now = Utc::now();
        if state.until < now + delivery.settings.send_timeout + delivery.settings.lease_margin {
            let until = now + delivery.settings.lease;
            let kept = delivery.store.renew_claim(&self.token, &self.ids, until).await?;
            tracing::debug!(claim = %self.token, held = kept.len(), "outbox lease renewed");
            state.held = kept.into_iter().collect();
            state.until = until;
        }
        Ok(state.held.contains(&id))
    }
}

impl Delivery {
    /// Claims the messages due at `now` and delivers them; a stop on `stop` leaves the unstarted ones
    /// pending again.
    pub(crate) async fn pass(
        &self,
        now: DateTime<Utc>,
        stop: &watch::Receiver<bool>,
    ) -> Result<DeliveryReport, StoreError> {
        let started = Instant::now();
        let claim = self.store.claim_due(now, self.settings.lease, self.batch_size()).await?;
        let mut report = DeliveryReport { claimed: claim.messages.len(), ..DeliveryReport::default() };
        if claim.messages.is_empty() {
            return Ok(report);
        }
        let lease = Lease::new(&claim);
        let (sent, to_record) = mpsc::unbounded_channel();
        let recorder = tokio::spawn(record_sent(self.store.clone(), claim.token.clone(), to_record));
        let mut unstarted = Vec::new();
        {
            let mut outcomes = stream::iter(claim.messages)
                .map(|row| self.attempt(row, &lease, stop, &sent))
                .buffer_unordered(self.settings.max_in_flight.max(1));
            while let Some(outcome) = outcomes.next().await {
                let after = match outcome {
                    Outcome::Sent { after_stop } => {
                        report.sent += 1;
                        after_stop
                    }
                    Outcome::Retried { after_stop } => {
                        report.retried += 1;
                        after_stop
                    }
                    Outcome::Failed { after_stop } => {
                        report.failed += 1;
                        after_stop
                    }
                    Outcome::Unstarted(id) => {
                        unstarted.push(id);
                        false
                    }
                    Outcome::Lost => {
                        report.lost += 1;
                        false
                    }
                    Outcome::Unrecorded => false,
                };
                report.finished_after_stop += usize::from(after);
            }
        }
        drop(sent);
        if recorder.await.is_err() {
            tracing::error!(claim = %claim.token, "recording sent emails stopped unexpectedly");
        }
        if !unstarted.is_empty() {
            let released = self.store.release_claim(&claim.token, &unstarted).await?;
            report.handed_back = usize::try_from(released).unwrap_or(usize::MAX);
        }
        self.record_pace(started.elapsed(), report.sent + report.retried + report.failed);
        Ok(report)
    }

    async fn attempt(
        &self,
        row: OutboxMessage,
        lease: &Lease,
        stop: &watch::Receiver<bool>,
        sent: &mpsc::UnboundedSender<i64>,
    ) -> Outcome {
        let Ok(_permit) = self.in_flight.acquire().await else { return Outcome::Unstarted(row.id) };
        if *stop.borrow() {
            return Outcome::Unstarted(row.id);
        }
        match lease.may_start(self, row.id).await {
            Ok(true) => {}
            Ok(false) => {
                tracing::warn!(outbox_id = row.id, "another worker took this email over; not sending it");
                return Outcome::Lost;
            }
            Err(err) => {
                tracing::error!(outbox_id = row.id, error = %err, "cannot renew the outbox lease; not sending");
                return Outcome::Unrecorded;
            }
        }
        let timeout = self.settings.send_timeout.to_std().unwrap_or_default();
        let result = match self.prepare(&row) {
            Ok(message) => tokio::time::timeout(timeout, self.mailer.send(row.id, message))
                .await
                .unwrap_or_else(|_| Err(NotifyError::Transport("the mail server did not answer in time".into()))),
            Err(err) => Err(err),
        };
        let after_stop = *stop.borrow();
        let token = &lease.token;
        let written = match result {
            Ok(()) => {
                // The receiver lives until every attempt is over.
                let _ = sent.send(row.id);
                return Outcome::Sent { after_stop };
            }
            Err(err @ (NotifyError::Template(_) | NotifyError::Message(_))) => {
                tracing::error!(outbox_id = row.id, error = %err, "email cannot be produced");
                self.store.mark_failed(token, row.id, &err.to_string()).await.map(|()| Outcome::Failed { after_stop })
            }
            Err(err) if row.attempts >= self.settings.max_attempts => {
                tracing::error!(outbox_id = row.id, attempts = row.attempts, error = %err, "email delivery failed for good");
                self.store.mark_failed(token, row.id, &err.to_string()).await.map(|()| Outcome::Failed { after_stop })
            }
            Err(err) => {
                let next = Utc::now() + self.backoff(row.attempts);
                tracing::warn!(outbox_id = row.id, attempts = row.attempts, error = %err, "email delivery failed; will retry");
                self.store
                    .mark_retry(token, row.id, &err.to_string(), next)
                    .await
                    .map(|()| Outcome::Retried { after_stop })
            }
        };
        written.unwrap_or_else(|err| {
            tracing::error!(outbox_id = row.id, error = %err, "cannot record the delivery outcome");
            Outcome::Unrecorded
        })
    }
}

/// Marks sent messages in groups: each write takes everything that finished while the last one ran.
async fn record_sent(store: Store, token: String, mut sent: mpsc::UnboundedReceiver<i64>) {
    let mut ids = Vec::new();
    while sent.recv_many(&mut ids, 1000).await > 0 {
        let mut tries = 0;
        loop {
            match store.mark_sent(&token, &ids, Utc::now()).await {
                Ok(changed) => {
                    if changed < u64::try_from(ids.len()).unwrap_or(u64::MAX) {
                        tracing::warn!(claim = %token, expected = ids.len(), changed, "some sent emails were no longer held by this claim");
                    }
                    break;
                }
                Err(err) if tries < 3 => {
                    tries += 1;
                    tracing::warn!(error = %err, "recording sent emails failed; trying again");
                    tokio::time::sleep(std::time::Duration::from_millis(100 << tries)).await;
                }
                Err(err) => {
                    tracing::error!(error = %err, count = ids.len(), "sent emails could not be recorded; they will be sent again with the same Message-ID once their lease ends");
                    break;
                }
            }
        }
        ids.clear();
    }
}
