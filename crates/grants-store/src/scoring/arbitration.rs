//! A manager's arbitration of a scoring discrepancy: recorded with its reasoning, it may complete the
//! evaluation in the same transaction.

use chrono::{DateTime, Utc};
use grants_workflow::Actor;
use grants_workflow::scorecard::ARBITRATE_EVENT;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::Value;

use super::{complete_if_ready_in, evaluation_status, refuse};
use crate::applications::load_application;
use crate::entity::arbitration;
use crate::events::{NewEvent, Subject, append};
use crate::{Store, StoreError};

impl Store {
    /// Records a manager's arbitration of a scoring discrepancy.
    pub async fn record_arbitration(
        &self,
        application_id: i64,
        manager_id: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let note = note.trim();
        if note.is_empty() {
            return Err(refuse("/note", "required", "the arbitration needs its reasoning".into()));
        }
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let status = evaluation_status(&txn, application_id).await?;
        if status.consolidation.needs_more.is_none() {
            return Err(StoreError::WrongState {
                message: "there is no open discrepancy to arbitrate".into(),
                state: application.state.to_string(),
                allowed: Vec::new(),
            });
        }
        let row = arbitration::ActiveModel {
            application_id: Set(application_id),
            manager_id: Set(manager_id),
            note: Set(note.to_owned()),
            recorded_at: Set(now),
            ..Default::default()
        };
        arbitration::Entity::insert(row).exec_without_returning(&txn).await?;
        append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: ARBITRATE_EVENT,
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: Actor::MANAGER.as_str(),
                reason: Some(note),
                payload: &Value::Null,
                occurred_at: now,
            },
        )
        .await?;
        complete_if_ready_in(&txn, application_id, now).await?;
        txn.commit().await?;
        Ok(())
    }
}
