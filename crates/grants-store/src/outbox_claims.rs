//! Claiming outbox messages for delivery, and recording what became of them.
//!
//! A worker claims due messages under a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: inside a
//! `BEGIN IMMEDIATE` transaction) and a claim token of its own. Every later write — the outcome, a renewed
//! lease, handing a message back — is a compare-and-set on that token: once another worker has taken a
//! message over (its lease ran out), the first worker's writes touch nothing. A message marked `sent` is
//! never claimed again.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};

use crate::entity::outbox;
use crate::outbox::{FAILED, OutboxMessage, PENDING, SENDING, SENT, message_record, truncate};
use crate::{Store, StoreError};

/// Rows per `IN (…)` list, well under every engine's limit on bound parameters.
const CHUNK: usize = 500;

/// Messages claimed together, held until `lease_until` unless renewed.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Names this claim in the rows it holds; every later write checks it.
    pub token: String,
    /// When another worker may take the messages over.
    pub lease_until: DateTime<Utc>,
    /// The claimed messages, most urgent first.
    pub messages: Vec<OutboxMessage>,
}

fn new_token() -> String {
    format!("{}-{:016x}", std::process::id(), rand::rng().random::<u64>())
}

/// Which rows a claim may take.
#[derive(Clone, Copy)]
enum Claimable {
    /// Claimed by a worker whose lease ran out.
    Lapsed,
    /// Waiting, and due.
    Due,
}

impl Claimable {
    fn condition(self, now: DateTime<Utc>) -> Condition {
        match self {
            Claimable::Lapsed => {
                Condition::all().add(outbox::Column::Status.eq(SENDING)).add(outbox::Column::LeaseUntil.lt(now))
            }
            Claimable::Due => {
                Condition::all().add(outbox::Column::Status.eq(PENDING)).add(outbox::Column::NextAttemptAt.lte(now))
            }
        }
    }

    fn sql(self) -> &'static str {
        match self {
            Claimable::Lapsed => "status = 'sending' AND lease_until < $3",
            Claimable::Due => "status = 'pending' AND next_attempt_at <= $3",
        }
    }
}

/// Claims up to `limit` rows of one kind, most urgent first, and returns their ids.
async fn claim_where(
    txn: &DatabaseTransaction,
    kind: Claimable,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    token: &str,
    limit: u64,
) -> Result<Vec<i64>, StoreError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let sql = format!(
            "UPDATE outbox SET status = 'sending', lease_until = $1, claim_token = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE {} ORDER BY priority, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
             RETURNING id",
            kind.sql()
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let values = [lease_until.into(), token.to_owned().into(), now.into(), limit.into()];
        let rows = txn.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        return Ok(rows.iter().map(|row| row.try_get::<i64>("", "id")).collect::<Result<_, _>>()?);
    }
    let ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(kind.condition(now))
        .order_by_asc(outbox::Column::Priority)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(txn)
        .await?;
    for chunk in ids.chunks(CHUNK) {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(SENDING))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(lease_until))
            .col_expr(outbox::Column::ClaimToken, Expr::value(token.to_owned()))
            .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
            .filter(outbox::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    Ok(ids)
}

fn held(token: &str, ids: &[i64]) -> Condition {
    Condition::all()
        .add(outbox::Column::Id.is_in(ids.iter().copied()))
        .add(outbox::Column::Status.eq(SENDING))
        .add(outbox::Column::ClaimToken.eq(token))
}

impl Store {
    /// Claims up to `limit` due messages for `lease`, counting an attempt for each, the most urgent
    /// first (priority, then age). Messages whose lease ran out are taken over under the new claim's token.
    pub async fn claim_due(&self, now: DateTime<Utc>, lease: Duration, limit: u64) -> Result<Claim, StoreError> {
        let token = new_token();
        let lease_until = now + lease;
        let txn = self.begin_write().await?;
        let mut ids = claim_where(&txn, Claimable::Lapsed, now, lease_until, &token, limit).await?;
        let rest = limit.saturating_sub(u64::try_from(ids.len()).unwrap_or(u64::MAX));
        if rest > 0 {
            ids.extend(claim_where(&txn, Claimable::Due, now, lease_until, &token, rest).await?);
        }
        let mut messages = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let rows = outbox::Entity::find().filter(outbox::Column::Id.is_in(chunk.iter().copied())).all(&txn).await?;
            messages.extend(rows.into_iter().map(message_record));
        }
        txn.commit().await?;
        messages.sort_by_key(|m| (m.priority, m.id));
        Ok(Claim { token, lease_until, messages })
    }

    /// Extends the lease of the messages among `ids` that `token` still holds, until `lease_until`;
    /// returns those ids. A message another worker took over is not among them and must not be sent.
    pub async fn renew_claim(
        &self,
        token: &str,
        ids: &[i64],
        lease_until: DateTime<Utc>,
    ) -> Result<Vec<i64>, StoreError> {
        let txn = self.begin_write().await?;
        let mut kept = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            outbox::Entity::update_many()
                .col_expr(outbox::Column::LeaseUntil, Expr::value(lease_until))
                .filter(held(token, chunk))
                .exec(&txn)
                .await?;
            let still: Vec<i64> = outbox::Entity::find()
                .select_only()
                .column(outbox::Column::Id)
                .filter(held(token, chunk))
                .into_tuple()
                .all(&txn)
                .await?;
            kept.extend(still);
        }
        txn.commit().await?;
        Ok(kept)
    }

    /// Records that the mail server accepted these messages of claim `token`; returns how many rows
    /// changed (fewer than `ids` only if the claim had been lost).
    pub async fn mark_sent(&self, token: &str, ids: &[i64], now: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut changed = 0;
        for chunk in ids.chunks(CHUNK) {
            changed += outbox::Entity::update_many()
                .col_expr(outbox::Column::Status, Expr::value(SENT))
                .col_expr(outbox::Column::SentAt, Expr::value(now))
                .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
                .filter(held(token, chunk))
                .exec(&self.db)
                .await?
                .rows_affected;
        }
        Ok(changed)
    }

    /// Puts a claimed message back to wait until `next_attempt_at`, with the error that stopped it.
    pub async fn mark_retry(
        &self,
        token: &str,
        id: i64,
        error: &str,
        next_attempt_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(PENDING))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
            .filter(held(token, &[id]))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Gives up on a claimed message, keeping the last error for the admin page.
    pub async fn mark_failed(&self, token: &str, id: i64, error: &str) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(FAILED))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
            .filter(held(token, &[id]))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Hands back claimed messages that were never tried (a worker stopping): they are pending again at
    /// once, for any worker, and the claim's attempt is not counted. Returns how many went back.
    pub async fn release_claim(&self, token: &str, ids: &[i64]) -> Result<u64, StoreError> {
        let mut released = 0;
        for chunk in ids.chunks(CHUNK) {
            released += outbox::Entity::update_many()
                .col_expr(outbox::Column::Status, Expr::value(PENDING))
                .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
                .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
                .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).sub(1))
                .filter(held(token, chunk))
                .exec(&self.db)
                .await?
                .rows_affected;
        }
        Ok(released)
    }
}
