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

use grants_workflow::outbox::rows_of;
use grants_workflow::{OutboxAction, OutboxGuard, OutboxMachine, RowOf};

use crate::entity::outbox;
use crate::outbox::{OutboxMessage, message_record, truncate};
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

/// A row of the outbox table.
type Row = RowOf<OutboxMachine>;

/// The condition a row of the table puts on the messages it applies to: in its `from` state, with each
/// of its guards holding (`token` and `ids` for the claim a worker holds).
fn condition(row: &Row, now: DateTime<Utc>, held: Option<(&str, &[i64])>) -> Condition {
    let mut condition = Condition::all().add(outbox::Column::Status.eq(row.from.to_string()));
    for guard in row.guards {
        condition = match guard {
            OutboxGuard::Due => condition.add(outbox::Column::NextAttemptAt.lte(now)),
            OutboxGuard::LeaseLapsed => condition.add(outbox::Column::LeaseUntil.lt(now)),
            OutboxGuard::ClaimHeld => {
                let (token, ids) = held.unwrap_or(("", &[]));
                condition.add(outbox::Column::ClaimToken.eq(token)).add(outbox::Column::Id.is_in(ids.iter().copied()))
            }
        };
    }
    condition
}

/// The same condition as SQL for PostgreSQL's claim statement (`$3` is now).
fn condition_sql(row: &Row) -> String {
    let mut parts = vec![format!("status = '{}'", row.from)];
    for guard in row.guards {
        parts.push(
            match guard {
                OutboxGuard::Due => "next_attempt_at <= $3",
                OutboxGuard::LeaseLapsed => "lease_until < $3",
                OutboxGuard::ClaimHeld => "claim_token = $2",
            }
            .to_owned(),
        );
    }
    parts.join(" AND ")
}

/// The single row of `action` (the steps that are not claims have exactly one).
fn only_row(action: OutboxAction) -> &'static Row {
    rows_of(action).next().unwrap_or(&grants_workflow::outbox::TABLE[0])
}

/// Counts one application of `row` when it changed messages.
fn applied(db: &impl ConnectionTrait, row: &'static Row, changed: u64) {
    if changed > 0 {
        crate::transition::coverage::hit(
            db,
            <OutboxMachine as grants_workflow::Machine>::SUBJECT,
            grants_workflow::lifecycles::name_of::<OutboxMachine>(row),
        );
    }
}

/// Claims up to `limit` rows of one kind, most urgent first, and returns their ids.
async fn claim_where(
    txn: &DatabaseTransaction,
    row: &'static Row,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    token: &str,
    limit: u64,
) -> Result<Vec<i64>, StoreError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        let sql = format!(
            "UPDATE outbox SET status = '{}', lease_until = $1, claim_token = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE {} ORDER BY priority, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
             RETURNING id",
            row.to,
            condition_sql(row).replace("claim_token = $2", "TRUE")
        );
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let values = [lease_until.into(), token.to_owned().into(), now.into(), limit.into()];
        let found = txn.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        let ids: Vec<i64> = found.iter().map(|r| r.try_get::<i64>("", "id")).collect::<Result<_, _>>()?;
        applied(txn, row, ids.len() as u64);
        return Ok(ids);
    }
    let ids: Vec<i64> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Id)
        .filter(condition(row, now, None))
        .order_by_asc(outbox::Column::Priority)
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(txn)
        .await?;
    for chunk in ids.chunks(CHUNK) {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(lease_until))
            .col_expr(outbox::Column::ClaimToken, Expr::value(token.to_owned()))
            .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
            .filter(outbox::Column::Id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await?;
    }
    applied(txn, row, ids.len() as u64);
    Ok(ids)
}

/// The messages among `ids` that the claim `token` still holds, in the state `action` starts from.
fn held(action: OutboxAction, token: &str, ids: &[i64]) -> Condition {
    condition(only_row(action), Utc::now(), Some((token, ids)))
}

impl Store {
    /// Claims up to `limit` due messages for `lease`, counting an attempt for each, the most urgent
    /// first (priority, then age). Messages whose lease ran out are taken over under the new claim's token.
    pub async fn claim_due(&self, now: DateTime<Utc>, lease: Duration, limit: u64) -> Result<Claim, StoreError> {
        let token = new_token();
        let lease_until = now + lease;
        let txn = self.begin_write().await?;
        // Messages whose lease ran out first (they have waited longest), then those due.
        let mut rows: Vec<&'static Row> = rows_of(OutboxAction::Claim).collect();
        rows.sort_by_key(|row| !row.guards.contains(&OutboxGuard::LeaseLapsed));
        let mut ids = Vec::new();
        for row in rows {
            let rest = limit.saturating_sub(u64::try_from(ids.len()).unwrap_or(u64::MAX));
            if rest > 0 {
                ids.extend(claim_where(&txn, row, now, lease_until, &token, rest).await?);
            }
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
                .filter(held(OutboxAction::Deliver, token, chunk))
                .exec(&txn)
                .await?;
            let still: Vec<i64> = outbox::Entity::find()
                .select_only()
                .column(outbox::Column::Id)
                .filter(held(OutboxAction::Deliver, token, chunk))
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
        let row = only_row(OutboxAction::Deliver);
        let mut changed = 0;
        for chunk in ids.chunks(CHUNK) {
            changed += outbox::Entity::update_many()
                .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
                .col_expr(outbox::Column::SentAt, Expr::value(now))
                .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
                .filter(held(OutboxAction::Deliver, token, chunk))
                .exec(&self.db)
                .await?
                .rows_affected;
        }
        applied(&self.db, row, changed);
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
        let row = only_row(OutboxAction::RetryLater);
        let changed = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
            .filter(held(OutboxAction::RetryLater, token, &[id]))
            .exec(&self.db)
            .await?;
        applied(&self.db, row, changed.rows_affected);
        Ok(())
    }

    /// Gives up on a claimed message, keeping the last error for the admin page.
    pub async fn mark_failed(&self, token: &str, id: i64, error: &str) -> Result<(), StoreError> {
        let row = only_row(OutboxAction::GiveUp);
        let changed = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
            .filter(held(OutboxAction::GiveUp, token, &[id]))
            .exec(&self.db)
            .await?;
        applied(&self.db, row, changed.rows_affected);
        Ok(())
    }

    /// Hands back claimed messages that were never tried (a worker stopping): they are pending again at
    /// once, for any worker, and the claim's attempt is not counted. Returns how many went back.
    pub async fn release_claim(&self, token: &str, ids: &[i64]) -> Result<u64, StoreError> {
        let row = only_row(OutboxAction::HandBack);
        let mut released = 0;
        for chunk in ids.chunks(CHUNK) {
            released += outbox::Entity::update_many()
                .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
                .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
                .col_expr(outbox::Column::ClaimToken, Expr::value(None::<String>))
                .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).sub(1))
                .filter(held(OutboxAction::HandBack, token, chunk))
                .exec(&self.db)
                .await?
                .rows_affected;
        }
        applied(&self.db, row, released);
        Ok(released)
    }
}
