//! The outbox at a glance, read from the shared database: how many emails wait, how long the oldest has
//! waited, how fast mail leaves. `/metrics` publishes it and the admin outbox page shows it, so an
//! operator sees a queue that grows faster than it drains, whichever instance is asked.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use crate::entity::outbox;
use grants_workflow::outbox::is_queued;
use grants_workflow::{OutboxMachine, OutboxState, stored_states};

use crate::outbox::TRANSACTIONAL;
use crate::{Store, StoreError};

/// The window the delivery rate is measured over.
pub const RATE_WINDOW_SECONDS: i64 = 60;

/// The outbox's figures at one instant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OutboxStats {
    /// Emails waiting or being sent (`pending` and `sending`).
    pub queue_depth: i64,
    /// Of those, transactional ones (receipts, password resets, verification).
    pub queue_transactional: i64,
    /// Seconds since the oldest email still waiting was queued; 0 when none waits.
    pub oldest_pending_seconds: i64,
    /// Emails handed to the mail server during the last [`RATE_WINDOW_SECONDS`].
    pub sent_last_minute: i64,
    /// Emails that failed for good and wait for an admin.
    pub failed: i64,
}

impl OutboxStats {
    /// Emails per second over the last minute.
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    pub fn delivery_rate_per_second(&self) -> f64 {
        self.sent_last_minute as f64 / RATE_WINDOW_SECONDS as f64
    }
}

impl Store {
    /// The outbox's figures at `now`.
    pub async fn outbox_stats(&self, now: DateTime<Utc>) -> Result<OutboxStats, StoreError> {
        let waiting: Vec<(String, i16, i64)> = outbox::Entity::find()
            .select_only()
            .column(outbox::Column::Status)
            .column(outbox::Column::Priority)
            .column_as(Expr::from(Func::count(Expr::col(outbox::Column::Id))), "n")
            .filter(
                outbox::Column::Status
                    .is_in(stored_states::<OutboxMachine>(|s| is_queued(s) || s == OutboxState::Failed)),
            )
            .group_by(outbox::Column::Status)
            .group_by(outbox::Column::Priority)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut stats = OutboxStats::default();
        for (status, priority, count) in waiting {
            if status == OutboxState::Failed.as_ref() {
                stats.failed += count;
            } else {
                stats.queue_depth += count;
                if priority == TRANSACTIONAL {
                    stats.queue_transactional += count;
                }
            }
        }
        let oldest: Option<DateTime<Utc>> = outbox::Entity::find()
            .select_only()
            .column_as(Expr::from(Func::min(Expr::col(outbox::Column::CreatedAt))), "oldest")
            .filter(outbox::Column::Status.is_in(stored_states::<OutboxMachine>(is_queued)))
            .into_tuple::<Option<DateTime<Utc>>>()
            .one(&self.db)
            .await?
            .flatten();
        stats.oldest_pending_seconds = oldest.map_or(0, |at| (now - at).num_seconds().max(0));
        let since = now - Duration::seconds(RATE_WINDOW_SECONDS);
        let sent = outbox::Entity::find().filter(outbox::Column::SentAt.gte(since)).count(&self.db).await?;
        stats.sent_last_minute = i64::try_from(sent).unwrap_or(i64::MAX);
        Ok(stats)
    }
}
