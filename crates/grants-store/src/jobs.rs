//! Timed transitions (SPEC §5): calls close at their deadline and their submissions go to review;
//! unanswered clarification requests expire. Safe with several server processes: each transition is a
//! compare-and-set, so when two schedulers race, one wins and the other finds nothing left to do.

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_workflow::{Actor, ApplicationAction, ApplicationState, CallAction, CallState};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::entity::{application, call};
use crate::transition::ActionRequest;
use crate::{Store, StoreError};

/// What one pass of the scheduler did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JobReport {
    /// Calls closed at their deadline.
    pub calls_closed: usize,
    /// Submitted applications moved to eligibility review after their call closed.
    pub reviews_opened: usize,
    /// Clarification requests that expired unanswered.
    pub clarifications_expired: usize,
    /// Applications whose evaluation completed (caught up if the request that completed it failed).
    pub evaluations_completed: usize,
    /// Reminders queued for evaluators with unfinished scorecards.
    pub reminders_sent: usize,
    /// Reminders queued for grantees with reports due or overdue.
    pub report_reminders_sent: usize,
    /// Digests of new submissions queued for managers who chose them.
    pub digests_sent: usize,
}

fn system(now: DateTime<Utc>) -> ActionRequest<'static> {
    ActionRequest {
        actor: Actor::System,
        actor_user_id: None,
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::EN,
    }
}

/// Whether an error only means that another process got there first.
fn lost_race(err: &StoreError) -> bool {
    matches!(err, StoreError::StaleVersion { .. } | StoreError::Transition(_) | StoreError::WrongState { .. })
}

impl Store {
    /// Runs every timed transition due at `now`.
    pub async fn run_due_jobs(&self, now: DateTime<Utc>) -> Result<JobReport, StoreError> {
        let mut report = JobReport::default();
        for call_id in self.calls_past_deadline(now).await? {
            match self.apply_call_action(call_id, CallAction::Close, system(now)).await {
                Ok(_) => report.calls_closed += 1,
                Err(err) if lost_race(&err) => {}
                Err(err) => return Err(err),
            }
        }
        let closed: Vec<i64> = call::Entity::find()
            .filter(call::Column::State.ne(CallState::Published.to_string()))
            .filter(call::Column::State.ne(CallState::Draft.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect();
        if !closed.is_empty() {
            let waiting = application::Entity::find()
                .filter(application::Column::State.eq(ApplicationState::Submitted.to_string()))
                .filter(application::Column::CallId.is_in(closed))
                .all(&self.db)
                .await?;
            for row in waiting {
                match self.apply_application_action(row.id, ApplicationAction::OpenReview, system(now)).await {
                    Ok(_) => report.reviews_opened += 1,
                    Err(err) if lost_race(&err) => {}
                    Err(err) => return Err(err),
                }
            }
        }
        let overdue = application::Entity::find()
            .filter(application::Column::State.eq(ApplicationState::ClarificationRequested.to_string()))
            .filter(application::Column::ClarificationDueAt.lte(now))
            .all(&self.db)
            .await?;
        for row in overdue {
            match self.apply_application_action(row.id, ApplicationAction::Expire, system(now)).await {
                Ok(_) => report.clarifications_expired += 1,
                Err(err) if lost_race(&err) => {}
                Err(err) => return Err(err),
            }
        }
        let evaluating = application::Entity::find()
            .filter(application::Column::State.eq(ApplicationState::InEvaluation.to_string()))
            .all(&self.db)
            .await?;
        for row in evaluating {
            if self.complete_if_ready(row.id, now).await? {
                report.evaluations_completed += 1;
            }
        }
        report.reminders_sent = self.send_scorecard_reminders(now).await?;
        report.report_reminders_sent = self.send_report_reminders(now).await?;
        report.digests_sent = self.send_notice_digests(now).await?;
        Ok(report)
    }
}
