//! The email outbox: rows written with each transition, delivered later by workers.

use chrono::{DateTime, Utc};
use grants_domain::Language;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::entity::outbox;
use crate::records::parse_json;
use crate::{Store, StoreError};

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
    /// `pending`, `sent` or `failed`.
    pub status: String,
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
        status: Set("pending".to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(message.now),
        last_error: Set(None),
        created_at: Set(message.now),
        sent_at: Set(None),
        ..Default::default()
    };
    outbox::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

impl Store {
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
    }
}
