//! The evaluator's declaration of impartiality and confidentiality, or of a conflict of interest.

use chrono::{DateTime, Utc};
use grants_workflow::{Actor, AssignmentAction, AssignmentFacts, AssignmentMachine, AssignmentState};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{Assignment, DECLARATION, active_assignments, record};
use crate::applications::load_application;
use crate::audience::AudienceScope;
use crate::entity::assignment;
use crate::events::Subject;
use crate::transition::{ActionRequest, Recorded, decide};
use crate::{Store, StoreError};

impl Store {
    /// Records an evaluator's declaration: free of conflict (they may now read and score), or in
    /// conflict, described in `statement` (the assignment ends and a replacement is needed).
    pub async fn declare(
        &self,
        application_id: i64,
        evaluator_id: i64,
        conflict: bool,
        statement: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let txn = self.begin_write().await?;
        let current = active_assignments(&txn, application_id).await?;
        let Some(mine) = current.into_iter().find(|a| a.evaluator_id == evaluator_id) else {
            return Err(StoreError::NotFound("assignment"));
        };
        let statement = statement.map(str::trim).filter(|s| !s.is_empty());
        let action = if conflict { AssignmentAction::DeclareConflict } else { AssignmentAction::DeclareNoConflict };
        let payload = json!({ "assignment_id": mine.id, "conflict_of_interest": conflict });
        let request = ActionRequest {
            actor: Actor::EVALUATOR,
            actor_user_id: Some(evaluator_id),
            reason: statement,
            payload: &payload,
            expected_version: None,
            now,
            language: grants_domain::Language::EN,
        };
        let rule = decide::<AssignmentMachine>(mine.status, action, &request, &AssignmentFacts::default())?;
        let text = if conflict { statement.map(ToOwned::to_owned) } else { Some(DECLARATION.to_owned()) };
        let ended = rule.to != AssignmentState::Declared;
        let changed = assignment::Entity::update_many()
            .col_expr(assignment::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(assignment::Column::DeclaredAt, Expr::value(Some(now)))
            .col_expr(assignment::Column::Declaration, Expr::value(text))
            .col_expr(assignment::Column::EndedAt, Expr::value(ended.then_some(now)))
            .col_expr(
                assignment::Column::EndReason,
                Expr::value(ended.then(|| "conflict of interest declared".to_owned())),
            )
            .filter(assignment::Column::Id.eq(mine.id))
            .filter(assignment::Column::Status.eq(rule.from.to_string()))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(StoreError::NotFound("assignment"));
        }
        let application = load_application(&txn, application_id).await?;
        log_step(&txn, &application, Recorded::within::<AssignmentMachine>(rule, application.state.into()), &request)
            .await?;
        let model =
            assignment::Entity::find_by_id(mine.id).one(&txn).await?.ok_or(StoreError::NotFound("assignment"))?;
        txn.commit().await?;
        record(model)
    }
}

/// Records an assignment step in the application's trail (no email: the assignment rows name none).
pub(super) async fn log_step(
    txn: &sea_orm::DatabaseTransaction,
    application: &crate::Application,
    recorded: Recorded<'_>,
    request: &ActionRequest<'_>,
) -> Result<(), StoreError> {
    let scope = AudienceScope {
        organisation: Some(application.organisation_id),
        call: application.call_id,
        application: Some(application.id),
    };
    crate::transition::record(
        txn,
        Subject::Application(application.id),
        application.version,
        recorded,
        request,
        &scope,
        Value::Null,
    )
    .await?;
    Ok(())
}
