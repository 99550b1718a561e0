//! Reminders (SPEC §7): each goes once per due item, even with several server processes — the
//! `reminders_sent` register has a unique key per (kind, item), and the reminder's email is queued in
//! the same transaction as its register row.

use chrono::{DateTime, Duration, Utc};
use grants_workflow::ApplicationState;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use crate::assignments::active_states;
use crate::entity::{application, assignment, scorecard};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::{Store, StoreError};

/// Evaluators are reminded this long before the evaluation deadline.
pub const SCORECARD_REMINDER_LEAD: i64 = 3;

pub(crate) mod register {
    use sea_orm::entity::prelude::*;

    /// A reminder already sent: (kind, due key) is unique.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "reminders_sent")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub kind: String,
        pub due_key: String,
        pub sent_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl Store {
    /// Reminds evaluators whose scorecard is not submitted, from three days before the call's
    /// evaluation deadline until it passes. Returns how many reminders were queued.
    pub async fn send_scorecard_reminders(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let mut sent = 0;
        let evaluating = application::Entity::find()
            .filter(application::Column::State.eq(ApplicationState::InEvaluation.to_string()))
            .all(&self.db)
            .await?;
        for row in evaluating {
            let call = self.call(row.call_id).await?;
            let Some(deadline) = call.settings.evaluation_deadline else { continue };
            if now < deadline - Duration::days(SCORECARD_REMINDER_LEAD) || now >= deadline {
                continue;
            }
            let assignments = assignment::Entity::find()
                .filter(assignment::Column::ApplicationId.eq(row.id))
                .filter(assignment::Column::Status.is_in(active_states()))
                .all(&self.db)
                .await?;
            for assignment in assignments {
                let submitted = scorecard::Entity::find()
                    .filter(scorecard::Column::AssignmentId.eq(assignment.id))
                    .filter(scorecard::Column::Status.eq(grants_workflow::ScorecardState::Submitted.to_string()))
                    .one(&self.db)
                    .await?
                    .is_some();
                if submitted {
                    continue;
                }
                let key = format!("{}@{}", assignment.id, deadline.to_rfc3339());
                if self.remind_once("scorecard", &key, &row, &call, assignment.evaluator_id, deadline, now).await? {
                    sent += 1;
                }
            }
        }
        Ok(sent)
    }

    /// Queues one reminder unless its (kind, key) was sent already; `true` when queued now.
    #[allow(clippy::too_many_arguments)]
    async fn remind_once(
        &self,
        kind: &str,
        key: &str,
        row: &application::Model,
        call: &crate::Call,
        evaluator_id: i64,
        due_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let evaluator = self.user(evaluator_id).await?;
        let txn = self.db.begin().await?;
        if !register_once(&txn, kind, key, now).await? {
            txn.rollback().await?;
            return Ok(false);
        }
        let state = ApplicationState::InEvaluation;
        let payload = json!({ "reminder": kind, "evaluator_id": evaluator_id, "due_at": due_at.to_rfc3339() });
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::Application(row.id),
                action: "remind_scorecard",
                from_state: state.as_ref(),
                to_state: state.as_ref(),
                actor_user_id: None,
                actor_role: "system",
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        let more = json!({ "recipient": { "name": evaluator.display_name }, "due_at": due_at.to_rfc3339() });
        let context = crate::outbox::mail_context(row.id, row.reference.as_deref(), &row.title, state, call, more);
        enqueue(
            &txn,
            NewMessage {
                event_id,
                template: "scorecard_reminder",
                recipient_user_id: Some(evaluator.id),
                recipient_email: &evaluator.email,
                recipient_language: evaluator.language,
                payload: &context,
                now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(true)
    }
}

/// Writes the (kind, key) row of a reminder; `false` when it was already there (another scheduler, or an
/// earlier pass, sent it), in which case the caller rolls back and sends nothing.
pub(crate) async fn register_once(
    txn: &sea_orm::DatabaseTransaction,
    kind: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let registered = register::Entity::insert(register::ActiveModel {
        kind: Set(kind.to_owned()),
        due_key: Set(key.to_owned()),
        sent_at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await;
    match registered.map_err(StoreError::from) {
        Ok(_) => Ok(true),
        Err(StoreError::Duplicate(_)) => Ok(false),
        Err(other) => Err(other),
    }
}
