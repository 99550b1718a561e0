//! The audit trail: appended inside transitions, read by managers, auditors and applicants.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use crate::entity::workflow_event;
use crate::records::parse_json;
use crate::{Event, Store, StoreError};

/// What kind of record an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A call for proposals.
    Call(i64),
    /// An application.
    Application(i64),
    /// A user account (sign-in lockouts).
    User(i64),
    /// An applicant organisation (profile changes).
    Organisation(i64),
}

impl Subject {
    pub(crate) fn kind(self) -> &'static str {
        match self {
            Subject::Call(_) => "call",
            Subject::Application(_) => "application",
            Subject::User(_) => "user",
            Subject::Organisation(_) => "organisation",
        }
    }

    pub(crate) fn id(self) -> i64 {
        match self {
            Subject::Call(id) | Subject::Application(id) | Subject::User(id) | Subject::Organisation(id) => id,
        }
    }
}

/// One event to append.
pub(crate) struct NewEvent<'a> {
    pub subject: Subject,
    pub action: &'a str,
    pub from_state: &'a str,
    pub to_state: &'a str,
    pub actor_user_id: Option<i64>,
    pub actor_role: &'a str,
    pub reason: Option<&'a str>,
    pub payload: &'a Value,
    pub occurred_at: DateTime<Utc>,
}

pub(crate) async fn append(db: &impl ConnectionTrait, event: NewEvent<'_>) -> Result<i64, StoreError> {
    let row = workflow_event::ActiveModel {
        subject_kind: Set(event.subject.kind().to_owned()),
        subject_id: Set(event.subject.id()),
        action: Set(event.action.to_owned()),
        from_state: Set(event.from_state.to_owned()),
        to_state: Set(event.to_state.to_owned()),
        actor_user_id: Set(event.actor_user_id),
        actor_role: Set(event.actor_role.to_owned()),
        reason: Set(event.reason.map(str::trim).filter(|r| !r.is_empty()).map(ToOwned::to_owned)),
        payload: Set(event.payload.to_string()),
        occurred_at: Set(event.occurred_at),
        ..Default::default()
    };
    Ok(workflow_event::Entity::insert(row).exec_with_returning(db).await?.id)
}

impl Store {
    /// The history of a call or application, oldest first.
    pub async fn events(&self, subject: Subject) -> Result<Vec<Event>, StoreError> {
        let rows = workflow_event::Entity::find()
            .filter(workflow_event::Column::SubjectKind.eq(subject.kind()))
            .filter(workflow_event::Column::SubjectId.eq(subject.id()))
            .order_by_asc(workflow_event::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(event_record).collect())
    }

    /// How many events exist in all: lets tests prove that a refused action wrote nothing.
    pub async fn count_events(&self) -> Result<u64, StoreError> {
        Ok(workflow_event::Entity::find().count(&self.db).await?)
    }
}

fn event_record(model: workflow_event::Model) -> Event {
    Event {
        id: model.id,
        subject_kind: model.subject_kind,
        subject_id: model.subject_id,
        action: model.action,
        from_state: model.from_state,
        to_state: model.to_state,
        actor_user_id: model.actor_user_id,
        actor_role: model.actor_role,
        reason: model.reason,
        payload: parse_json(&model.payload),
        occurred_at: model.occurred_at,
    }
}
