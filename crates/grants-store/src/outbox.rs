//! The email outbox: rows written with each transition, claimed and delivered later by workers.
//!
//! Workers claim due messages under a lease (PostgreSQL: `FOR UPDATE SKIP LOCKED`; SQLite: inside a
//! `BEGIN IMMEDIATE` transaction), so two workers never hold the same message. A message whose worker
//! died is claimed again when its lease runs out. A message marked `sent` is never claimed again.

use chrono::{DateTime, Duration, Utc};
use grants_domain::Language;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use serde_json::Value;

use crate::entity::outbox;
use crate::records::parse_json;
use crate::{Page, Store, StoreError};

/// Waiting to be sent (or to be retried).
pub const PENDING: &str = "pending";
/// Claimed by a worker, under a lease.
pub const SENDING: &str = "sending";
/// Handed to the mail server; never sent again.
pub const SENT: &str = "sent";
/// Gave up after the last attempt; an admin may retry it.
pub const FAILED: &str = "failed";

/// A message waiting in, or gone through, the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMessage {
    /// Its id; the delivered Message-ID derives from it.
    pub id: i64,
    /// The event that caused it.
    pub event_id: i64,
    /// The template folder under `templates/email/`.
    pub template: String,
    /// The recipient's user id.
    pub recipient_user_id: Option<i64>,
    /// Where it goes.
    pub recipient_email: String,
    /// Which language set of the template to render.
    pub recipient_language: String,
    /// The data the template renders.
    pub payload: Value,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    /// Delivery attempts so far.
    pub attempts: i32,
    /// When the next attempt may happen.
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTime<Utc>>,
}

impl OutboxMessage {
    /// The recipient's language.
    pub fn language(&self) -> Language {
        self.recipient_language.parse().unwrap_or_default()
    }
}

/// One message to queue.
pub(crate) struct NewMessage<'a> {
    pub event_id: i64,
    pub template: &'a str,
    pub recipient_user_id: Option<i64>,
    pub recipient_email: &'a str,
    pub recipient_language: Language,
    pub payload: &'a Value,
    pub now: DateTime<Utc>,
}

pub(crate) async fn enqueue(db: &impl ConnectionTrait, message: NewMessage<'_>) -> Result<(), StoreError> {
    let row = outbox::ActiveModel {
        event_id: Set(message.event_id),
        template: Set(message.template.to_owned()),
        recipient_user_id: Set(message.recipient_user_id),
        recipient_email: Set(message.recipient_email.to_owned()),
        recipient_language: Set(message.recipient_language.to_string()),
        payload: Set(message.payload.to_string()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(message.now),
        last_error: Set(None),
        created_at: Set(message.now),
        sent_at: Set(None),
        lease_until: Set(None),
        ..Default::default()
    };
    outbox::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

fn due(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(Condition::all().add(outbox::Column::Status.eq(PENDING)).add(outbox::Column::NextAttemptAt.lte(now)))
        .add(Condition::all().add(outbox::Column::Status.eq(SENDING)).add(outbox::Column::LeaseUntil.lt(now)))
}

impl Store {
    /// Claims up to `limit` due messages for `lease`, counting an attempt for each.
    pub async fn claim_due(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let lease_until = now + lease;
        let txn = self.begin_write().await?;
        let ids: Vec<i64> = if txn.get_database_backend() == DbBackend::Postgres {
            let sql = "UPDATE outbox SET status = 'sending', lease_until = $1, attempts = attempts + 1 \
                       WHERE id IN (SELECT id FROM outbox \
                       WHERE (status = 'pending' AND next_attempt_at <= $2) OR (status = 'sending' AND lease_until < $2) \
                       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING id";
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let statement = Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [lease_until.into(), now.into(), limit.into()],
            );
            txn.query_all_raw(statement)
                .await?
                .iter()
                .map(|row| row.try_get::<i64>("", "id"))
                .collect::<Result<_, _>>()?
        } else {
            let ids: Vec<i64> = outbox::Entity::find()
                .select_only()
                .column(outbox::Column::Id)
                .filter(due(now))
                .order_by_asc(outbox::Column::Id)
                .limit(limit)
                .into_tuple()
                .all(&txn)
                .await?;
            if !ids.is_empty() {
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::Status, Expr::value(SENDING))
                    .col_expr(outbox::Column::LeaseUntil, Expr::value(lease_until))
                    .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
                    .filter(outbox::Column::Id.is_in(ids.clone()))
                    .exec(&txn)
                    .await?;
            }
            ids
        };
        let rows = outbox::Entity::find()
            .filter(outbox::Column::Id.is_in(ids))
            .order_by_asc(outbox::Column::Id)
            .all(&txn)
            .await?;
        txn.commit().await?;
        Ok(rows.into_iter().map(message_record).collect())
    }

    /// Records that the mail server accepted a claimed message.
    pub async fn mark_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(SENT))
            .col_expr(outbox::Column::SentAt, Expr::value(now))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq(SENDING))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Puts a claimed message back to wait until `next_attempt_at`, with the error that stopped it.
    pub async fn mark_retry(&self, id: i64, error: &str, next_attempt_at: DateTime<Utc>) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(PENDING))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(next_attempt_at))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq(SENDING))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Gives up on a claimed message, keeping the last error for the admin page.
    pub async fn mark_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(FAILED))
            .col_expr(outbox::Column::LastError, Expr::value(truncate(error)))
            .col_expr(outbox::Column::LeaseUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(outbox::Column::Id.eq(id))
            .filter(outbox::Column::Status.eq(SENDING))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Queues failed messages again (one, or all when `id` is `None`); returns how many.
    pub async fn retry_failed(&self, id: Option<i64>, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut update = outbox::Entity::update_many()
            .col_expr(outbox::Column::Status, Expr::value(PENDING))
            .col_expr(outbox::Column::Attempts, Expr::value(0))
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
            .filter(outbox::Column::Status.eq(FAILED));
        if let Some(id) = id {
            update = update.filter(outbox::Column::Id.eq(id));
        }
        Ok(update.exec(&self.db).await?.rows_affected)
    }

    /// The outbox, newest first, optionally only in one status.
    pub async fn list_outbox(
        &self,
        status: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<Page<OutboxMessage>, StoreError> {
        let mut query = outbox::Entity::find().order_by_desc(outbox::Column::Id);
        if let Some(status) = status {
            query = query.filter(outbox::Column::Status.eq(status));
        }
        crate::listing::check_page_number(page)?;
        let paginator = query.paginate(&self.db, per_page);
        let total = paginator.num_items().await?;
        let items = paginator.fetch_page(page.saturating_sub(1)).await?.into_iter().map(message_record).collect();
        Ok(Page { items, total, page, per_page })
    }

    /// The messages an event queued, in order.
    pub async fn outbox_for_event(&self, event_id: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        let rows = outbox::Entity::find()
            .filter(outbox::Column::EventId.eq(event_id))
            .order_by_asc(outbox::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(message_record).collect())
    }

    /// How many messages exist in all: lets tests prove that a refused action queued nothing.
    pub async fn count_outbox(&self) -> Result<u64, StoreError> {
        Ok(outbox::Entity::find().count(&self.db).await?)
    }
}

fn truncate(error: &str) -> String {
    error.chars().take(2000).collect()
}

fn message_record(model: outbox::Model) -> OutboxMessage {
    OutboxMessage {
        id: model.id,
        event_id: model.event_id,
        template: model.template,
        recipient_user_id: model.recipient_user_id,
        recipient_email: model.recipient_email,
        recipient_language: model.recipient_language,
        payload: parse_json(&model.payload),
        status: model.status,
        attempts: model.attempts,
        next_attempt_at: model.next_attempt_at,
        last_error: model.last_error,
        created_at: model.created_at,
        sent_at: model.sent_at,
    }
}

/// What every application email's template sees of the application and its call, plus `more` (recipient,
/// reason, payload, report…): one shape for every sender, so a template reads the same fields whichever
/// step queued it.
pub(crate) fn mail_context(
    id: i64,
    reference: Option<&str>,
    title: &str,
    state: grants_workflow::ApplicationState,
    call: &crate::Call,
    more: serde_json::Value,
) -> serde_json::Value {
    let mut context = serde_json::json!({
        "application": { "id": id, "reference": reference, "title": title, "state": state },
        "call": { "id": call.id, "reference": call.rules.reference, "title_en": call.rules.title_en, "title_fr": call.rules.title_fr },
    });
    if let (Some(target), serde_json::Value::Object(more)) = (context.as_object_mut(), more) {
        target.extend(more);
    }
    context
}
