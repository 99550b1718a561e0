//! A manager removing an evaluator, with a reason kept in the register.

use chrono::{DateTime, Utc};
use grants_workflow::{Actor, AssignmentAction, AssignmentFacts, AssignmentMachine, ScorecardState};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::declare::log_step;
use super::{Assignment, record};
use crate::applications::load_application;
use crate::entity::{assignment, scorecard};
use crate::records::parse;
use crate::transition::{ActionRequest, Recorded, decide};
use crate::{Store, StoreError};

impl Store {
    /// Removes an evaluator from an application (managers, with a reason), keeping the assignment in
    /// the register. A submitted scorecard stays part of the evaluation, so its author cannot be removed.
    pub async fn remove_assignment(
        &self,
        application_id: i64,
        assignment_id: i64,
        manager_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let current = assignment::Entity::find_by_id(assignment_id)
            .filter(assignment::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("assignment"))?;
        let submitted = scorecard::Entity::find()
            .filter(scorecard::Column::AssignmentId.eq(assignment_id))
            .filter(scorecard::Column::Status.eq(ScorecardState::Submitted.to_string()))
            .one(&txn)
            .await?
            .is_some();
        let payload = json!({ "assignment_id": assignment_id, "evaluator_id": current.evaluator_id });
        let request = ActionRequest {
            actor: Actor::MANAGER,
            actor_user_id: Some(manager_id),
            reason: Some(reason.trim()).filter(|r| !r.is_empty()),
            payload: &payload,
            expected_version: None,
            now,
            language: grants_domain::Language::EN,
        };
        let facts = AssignmentFacts { scorecard_submitted: submitted };
        let state = parse("assignment status", &current.status)?;
        let rule = decide::<AssignmentMachine>(state, AssignmentAction::RemoveEvaluator, &request, &facts)?;
        let changed = assignment::Entity::update_many()
            .col_expr(assignment::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(assignment::Column::EndedAt, Expr::value(Some(now)))
            .col_expr(assignment::Column::EndReason, Expr::value(request.reason.map(ToOwned::to_owned)))
            .filter(assignment::Column::Id.eq(assignment_id))
            .filter(assignment::Column::Status.eq(rule.from.to_string()))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(StoreError::NotFound("assignment"));
        }
        log_step(&txn, &application, Recorded::within::<AssignmentMachine>(rule, application.state.into()), &request)
            .await?;
        let model =
            assignment::Entity::find_by_id(assignment_id).one(&txn).await?.ok_or(StoreError::NotFound("assignment"))?;
        txn.commit().await?;
        record(model)
    }
}
