//! The email outbox: rows written with each transition, claimed and delivered later by workers.
//!
//! Claiming and settling messages lives in [`crate::outbox_claims`].

use chrono::{DateTime, Utc};
use grants_domain::Language;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use grants_workflow::lifecycles::name_of;
use grants_workflow::outbox::rows_of;
use grants_workflow::{Machine, OutboxAction, OutboxMachine};

use crate::entity::outbox;
use crate::records::parse_json;
use crate::{Page, Store, StoreError};

/// Claimed first: what a person is waiting for right now (receipts, password resets, verification).
pub const TRANSACTIONAL: i16 = 0;
/// Claimed after transactional mail: decisions and notices to one person.
pub const NORMAL: i16 = 1;
/// Claimed last: reminders and notices that go to many managers at once.
pub const BULK: i16 = 2;

/// The priority of an email by its template: the one home of the rule "transactional before bulk".
pub fn priority_of(template: &str) -> i16 {
    match template {
        "password_reset" | "email_verification" | "application_submitted_receipt" | "application_withdrawn_receipt" => {
            TRANSACTIONAL
        }
        "scorecard_reminder"
        | "report_due_reminder"
        | "report_overdue"
        | "application_submitted"
        | "submissions_digest"
        | "application_withdrawn"
        | "clarification_answered"
        | "evaluation_completed"
        | "award_declined"
        | "report_submitted"
        | "call_published"
        | "call_cancelled"
        | "call_closed"
        | "call_decided" => BULK,
        _ => NORMAL,
    }
}

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
    /// The recipient's language code: the catalogue the email is worded from.
    pub recipient_language: String,
    /// The data the template renders.
    pub payload: Value,
    /// `pending`, `sending`, `sent` or `failed`.
    pub status: String,
    /// [`TRANSACTIONAL`], [`NORMAL`] or [`BULK`]: lower goes first.
    pub priority: i16,
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
    enqueue_all(db, vec![message]).await
}

/// Queues `messages` in one statement whatever their number (a transition's emails go together).
pub(crate) async fn enqueue_all(db: &impl ConnectionTrait, messages: Vec<NewMessage<'_>>) -> Result<(), StoreError> {
    if messages.is_empty() {
        return Ok(());
    }
    let rows = messages.into_iter().map(|message| outbox::ActiveModel {
        event_id: Set(message.event_id),
        template: Set(message.template.to_owned()),
        recipient_user_id: Set(message.recipient_user_id),
        recipient_email: Set(message.recipient_email.to_owned()),
        recipient_language: Set(message.recipient_language.to_string()),
        payload: Set(message.payload.to_string()),
        status: Set(<OutboxMachine as Machine>::INITIAL.to_string()),
        attempts: Set(0),
        next_attempt_at: Set(message.now),
        last_error: Set(None),
        created_at: Set(message.now),
        sent_at: Set(None),
        lease_until: Set(None),
        claim_token: Set(None),
        priority: Set(priority_of(message.template)),
        ..Default::default()
    });
    outbox::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}

impl Store {
    /// Queues failed messages again (one, or all when `id` is `None`); returns how many.
    pub async fn retry_failed(&self, id: Option<i64>, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut changed = 0;
        for row in rows_of(OutboxAction::Retry) {
            let mut update = outbox::Entity::update_many()
                .col_expr(outbox::Column::Status, Expr::value(row.to.to_string()))
                .col_expr(outbox::Column::Attempts, Expr::value(0))
                .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
                .filter(outbox::Column::Status.eq(row.from.to_string()));
            if let Some(id) = id {
                update = update.filter(outbox::Column::Id.eq(id));
            }
            let rows = update.exec(&self.db).await?.rows_affected;
            if rows > 0 {
                crate::transition::coverage::hit(&self.db, OutboxMachine::SUBJECT, name_of::<OutboxMachine>(row));
            }
            changed += rows;
        }
        Ok(changed)
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

pub(crate) fn truncate(error: &str) -> String {
    error.chars().take(2000).collect()
}

pub(crate) fn message_record(model: outbox::Model) -> OutboxMessage {
    OutboxMessage {
        id: model.id,
        event_id: model.event_id,
        template: model.template,
        recipient_user_id: model.recipient_user_id,
        recipient_email: model.recipient_email,
        recipient_language: model.recipient_language,
        payload: parse_json(&model.payload),
        status: model.status,
        priority: model.priority,
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
/// What an email says of a call (the renderer picks the title in the recipient's language).
pub(crate) fn call_context(call: &crate::Call) -> serde_json::Value {
    serde_json::json!({
        "id": call.id,
        "reference": call.rules.reference,
        "title_en": call.rules.title_en,
        "title_fr": call.rules.title_fr,
    })
}

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
        "call": call_context(call),
    });
    if let (Some(target), serde_json::Value::Object(more)) = (context.as_object_mut(), more) {
        target.extend(more);
    }
    context
}
