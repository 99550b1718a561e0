//! The evaluator's scorecard on its table: saved as a draft, submitted against the grid (the one the
//! evaluation waited for completes it in the same transaction), reopened by a manager with a reason.

use chrono::{DateTime, Utc};
use grants_domain::evaluation::Scorecard;
use grants_domain::{Language, ValidationErrors};
use grants_workflow::scorecard::is_editable;
use grants_workflow::{
    Actor, ApplicationAction, ApplicationState, AssignmentState, Machine, ScorecardAction, ScorecardEffect,
    ScorecardFacts, ScorecardMachine, ScorecardState,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{ScorecardRecord, record, refuse};
use crate::applications::load_application;
use crate::assignments::active_assignments;
use crate::audience::AudienceScope;
use crate::calls::load_call;
use crate::entity::scorecard;
use crate::events::Subject;
use crate::records::parse;
use crate::transition::{ActionRequest, Recorded, apply_application_in, decide, record as record_step};
use crate::{Application, Store, StoreError};

impl Store {
    /// Saves an evaluator's draft scorecard (partial scores allowed, each within its scale).
    pub async fn save_scorecard(
        &self,
        application_id: i64,
        evaluator_id: i64,
        card: Scorecard,
        now: DateTime<Utc>,
    ) -> Result<ScorecardRecord, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        if application.state != ApplicationState::InEvaluation {
            return Err(StoreError::WrongState {
                message: format!(
                    "scorecards are written while the application is in evaluation; it is {}",
                    application.state
                ),
                state: application.state.to_string(),
                allowed: Vec::new(),
            });
        }
        let assignment = active_assignments(&txn, application_id)
            .await?
            .into_iter()
            .find(|a| a.evaluator_id == evaluator_id && a.status == AssignmentState::Declared)
            .ok_or(StoreError::NotFound("assignment"))?;
        let call = load_call(&txn, application.call_id).await?;
        let grid = call.settings.grids.of(application.stage).ok_or(StoreError::NotFound("grid"))?;
        for (code, score) in &card.scores {
            match grid.criterion(code) {
                None => {
                    return Err(refuse(
                        &format!("/scores/{code}"),
                        "unknown_criterion",
                        format!("`{code}` is not a criterion of the grid"),
                    ));
                }
                Some(c) if *score < c.scale_min || *score > c.scale_max => {
                    return Err(refuse(
                        &format!("/scores/{code}"),
                        "out_of_scale",
                        format!("{code} is scored from {} to {}", c.scale_min, c.scale_max),
                    ));
                }
                Some(_) => {}
            }
        }
        let existing =
            scorecard::Entity::find().filter(scorecard::Column::AssignmentId.eq(assignment.id)).one(&txn).await?;
        let model = match existing {
            Some(current) if !is_editable(parse("scorecard status", &current.status)?) => {
                return Err(StoreError::WrongState {
                    message: "the scorecard is submitted; a manager can reopen it".into(),
                    state: current.status,
                    allowed: Vec::new(),
                });
            }
            Some(current) => {
                let version = current.version + 1;
                let mut row: scorecard::ActiveModel = current.into();
                row.scores = Set(serde_json::to_string(&card.scores).unwrap_or_default());
                row.comments = Set(serde_json::to_string(&card.comments).unwrap_or_default());
                row.overall_comment = Set(card.overall_comment.clone());
                row.version = Set(version);
                row.updated_at = Set(now);
                scorecard::Entity::update(row).exec(&txn).await?
            }
            None => {
                let row = scorecard::ActiveModel {
                    assignment_id: Set(assignment.id),
                    application_id: Set(application_id),
                    evaluator_id: Set(evaluator_id),
                    scores: Set(serde_json::to_string(&card.scores).unwrap_or_default()),
                    comments: Set(serde_json::to_string(&card.comments).unwrap_or_default()),
                    overall_comment: Set(card.overall_comment.clone()),
                    status: Set(ScorecardMachine::INITIAL.to_string()),
                    version: Set(1),
                    submitted_at: Set(None),
                    updated_at: Set(now),
                    ..Default::default()
                };
                scorecard::Entity::insert(row).exec_with_returning(&txn).await?
            }
        };
        txn.commit().await?;
        record(model)
    }

    /// Submits an evaluator's scorecard after checking it against the grid; every problem is reported
    /// in `lang`. A submitted scorecard is final unless a manager reopens it; the one the evaluation
    /// waited for moves the application to `evaluated` in the same transaction.
    pub async fn submit_scorecard(
        &self,
        application_id: i64,
        evaluator_id: i64,
        lang: Language,
        now: DateTime<Utc>,
    ) -> Result<ScorecardRecord, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let current = scorecard::Entity::find()
            .filter(scorecard::Column::ApplicationId.eq(application_id))
            .filter(scorecard::Column::EvaluatorId.eq(evaluator_id))
            .filter(scorecard::Column::Status.eq(ScorecardState::Draft.to_string()))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("draft scorecard"))?;
        let call = load_call(&txn, application.call_id).await?;
        let grid = call.settings.grids.of(application.stage).ok_or(StoreError::NotFound("grid"))?;
        let card = record(current.clone())?.card;
        let problems = card.validate(grid, call.settings.comment_required_below, lang);
        if !problems.is_empty() {
            return Err(ValidationErrors { errors: problems }.into());
        }
        let payload = json!({ "scorecard_id": current.id, "total": card.weighted_total(grid).to_string() });
        let request = ActionRequest {
            actor: Actor::EVALUATOR,
            actor_user_id: Some(evaluator_id),
            reason: None,
            payload: &payload,
            expected_version: None,
            now,
            language: lang,
        };
        let model = move_scorecard(&txn, &application, current, ScorecardAction::SubmitScorecard, &request).await?;
        super::discrepancy_notice::tell_managers_if_opened(&txn, &application, &call, now).await?;
        txn.commit().await?;
        record(model)
    }

    /// Reopens a submitted scorecard (managers), with a reason kept in the audit trail.
    pub async fn reopen_scorecard(
        &self,
        application_id: i64,
        scorecard_id: i64,
        manager_id: i64,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<ScorecardRecord, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let current = scorecard::Entity::find_by_id(scorecard_id)
            .filter(scorecard::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("scorecard"))?;
        let payload = json!({ "scorecard_id": scorecard_id });
        let request = ActionRequest {
            actor: Actor::MANAGER,
            actor_user_id: Some(manager_id),
            reason: Some(reason.trim()).filter(|r| !r.is_empty()),
            payload: &payload,
            expected_version: None,
            now,
            language: Language::EN,
        };
        let model = move_scorecard(&txn, &application, current, ScorecardAction::ReopenScorecard, &request).await?;
        txn.commit().await?;
        record(model)
    }
}

/// Moves a scorecard along its table: the state with its timestamps, the event in the application's
/// trail, and the effects the row names.
async fn move_scorecard(
    txn: &DatabaseTransaction,
    application: &Application,
    current: scorecard::Model,
    action: ScorecardAction,
    request: &ActionRequest<'_>,
) -> Result<scorecard::Model, StoreError> {
    let facts = ScorecardFacts { in_evaluation: application.state == ApplicationState::InEvaluation };
    let rule = decide::<ScorecardMachine>(parse("scorecard status", &current.status)?, action, request, &facts)?;
    let submitted = (rule.to == ScorecardState::Submitted).then_some(request.now);
    let changed = scorecard::Entity::update_many()
        .col_expr(scorecard::Column::Status, Expr::value(rule.to.to_string()))
        .col_expr(scorecard::Column::SubmittedAt, Expr::value(submitted))
        .col_expr(scorecard::Column::UpdatedAt, Expr::value(request.now))
        .filter(scorecard::Column::Id.eq(current.id))
        .filter(scorecard::Column::Status.eq(current.status.clone()))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Err(StoreError::NotFound("scorecard"));
    }
    let scope = AudienceScope {
        organisation: Some(application.organisation_id),
        call: application.call_id,
        application: Some(application.id),
    };
    let recorded = Recorded::within::<ScorecardMachine>(rule, application.state.into());
    record_step(txn, Subject::Application(application.id), application.version, recorded, request, &scope, Value::Null)
        .await?;
    for effect in rule.effects {
        match effect {
            ScorecardEffect::CompleteEvaluationIfReady => {
                complete_if_ready_in(txn, application.id, request.now).await?;
            }
        }
    }
    scorecard::Entity::find_by_id(current.id).one(txn).await?.ok_or(StoreError::NotFound("scorecard"))
}

/// Moves the application to `evaluated` when its evaluation is complete (the engine's `complete`);
/// refusals (not complete yet) leave it as it is.
pub(crate) async fn complete_if_ready_in(
    txn: &DatabaseTransaction,
    application_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    match apply_application_in(txn, application_id, ApplicationAction::Complete, ActionRequest::system(now, None)).await
    {
        Ok(_) => Ok(true),
        Err(StoreError::Transition(_) | StoreError::StaleVersion { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}
