//! Scorecards, arbitrations and the consolidated score of an application (SPEC §6).
//!
//! An evaluator saves a draft scorecard as often as they like and submits it once it satisfies the
//! grid; only a manager can reopen a submitted scorecard, with a reason that goes to the audit trail.

use chrono::{DateTime, Utc};
use grants_domain::evaluation::{Consolidation, Scorecard, consolidate};
use grants_domain::{Language, ValidationErrors};
use grants_workflow::ApplicationState;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::applications::load_application;
use crate::assignments::{DECLARED, active_assignments};
use crate::calls::load_call;
use crate::entity::{arbitration, scorecard};
use crate::events::{NewEvent, Subject, append};
use crate::{Store, StoreError};

/// Being written.
pub const DRAFT: &str = "draft";
/// Handed in.
pub const SUBMITTED: &str = "submitted";

/// A scorecard as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScorecardRecord {
    /// Its id.
    pub id: i64,
    /// The application scored.
    pub application_id: i64,
    /// Who scores.
    pub evaluator_id: i64,
    /// The scores and comments.
    pub card: Scorecard,
    /// `draft` or `submitted`.
    pub status: String,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// The consolidated evaluation of an application and what it still needs.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationStatus {
    /// Scores, thresholds and discrepancy.
    pub consolidation: Consolidation,
    /// Evaluators the call requires.
    pub required: usize,
    /// Whether a manager has arbitrated a discrepancy.
    pub arbitrated: bool,
}

impl EvaluationStatus {
    /// Complete: enough submitted scorecards and no open discrepancy.
    pub fn is_complete(&self) -> bool {
        self.consolidation.is_complete(self.required)
    }

    /// What is still missing, in words, when incomplete.
    pub fn missing(&self) -> Option<String> {
        if self.is_complete() {
            return None;
        }
        if self.consolidation.needs_more.is_some() {
            return Some("the first two scores differ by more than the discrepancy trigger: a third evaluation or a manager's arbitration is needed".into());
        }
        Some(format!("{} of {} scorecards submitted", self.consolidation.scorecards, self.required))
    }
}

fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

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
            .find(|a| a.evaluator_id == evaluator_id && a.status == DECLARED)
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
            Some(current) if current.status == SUBMITTED => {
                return Err(StoreError::WrongState {
                    message: "the scorecard is submitted; a manager can reopen it".into(),
                    state: SUBMITTED.into(),
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
                    status: Set(DRAFT.to_owned()),
                    version: Set(1),
                    submitted_at: Set(None),
                    updated_at: Set(now),
                    ..Default::default()
                };
                scorecard::Entity::insert(row).exec_with_returning(&txn).await?
            }
        };
        txn.commit().await?;
        Ok(record(model))
    }

    /// Submits an evaluator's scorecard after checking it against the grid; every problem is reported
    /// in `lang`. A submitted scorecard is final unless a manager reopens it.
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
            .filter(scorecard::Column::Status.eq(DRAFT))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("draft scorecard"))?;
        let call = load_call(&txn, application.call_id).await?;
        let grid = call.settings.grids.of(application.stage).ok_or(StoreError::NotFound("grid"))?;
        let card = record(current.clone()).card;
        let problems = card.validate(grid, call.settings.comment_required_below, lang);
        if !problems.is_empty() {
            return Err(ValidationErrors { errors: problems }.into());
        }
        let id = current.id;
        let mut row: scorecard::ActiveModel = current.into();
        row.status = Set(SUBMITTED.to_owned());
        row.submitted_at = Set(Some(now));
        row.updated_at = Set(now);
        let model = scorecard::Entity::update(row).exec(&txn).await?;
        let payload = json!({ "scorecard_id": id, "total": card.weighted_total(grid).to_string() });
        append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: "submit_scorecard",
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(evaluator_id),
                actor_role: "evaluator",
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(record(model))
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
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(refuse("/reason", "required", "say why the scorecard is reopened".into()));
        }
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let current = scorecard::Entity::find_by_id(scorecard_id)
            .filter(scorecard::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("scorecard"))?;
        if current.status != SUBMITTED || application.state != ApplicationState::InEvaluation {
            return Err(StoreError::WrongState {
                message: "only a submitted scorecard of an application in evaluation can be reopened".into(),
                state: current.status,
                allowed: Vec::new(),
            });
        }
        let mut row: scorecard::ActiveModel = current.into();
        row.status = Set(DRAFT.to_owned());
        row.submitted_at = Set(None);
        row.updated_at = Set(now);
        let model = scorecard::Entity::update(row).exec(&txn).await?;
        append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: "reopen_scorecard",
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: "manager",
                reason: Some(reason),
                payload: &json!({ "scorecard_id": scorecard_id }),
                occurred_at: now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(record(model))
    }

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
                action: "arbitrate",
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: "manager",
                reason: Some(note),
                payload: &serde_json::Value::Null,
                occurred_at: now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// An application's scorecards, in submission order (drafts last).
    pub async fn scorecards(&self, application_id: i64) -> Result<Vec<ScorecardRecord>, StoreError> {
        scorecards_of(&self.db, application_id).await
    }

    /// The consolidated evaluation of an application.
    pub async fn evaluation(&self, application_id: i64) -> Result<EvaluationStatus, StoreError> {
        evaluation_status(&self.db, application_id).await
    }
}

pub(crate) async fn scorecards_of(
    db: &impl ConnectionTrait,
    application_id: i64,
) -> Result<Vec<ScorecardRecord>, StoreError> {
    let mut rows: Vec<ScorecardRecord> = scorecard::Entity::find()
        .filter(scorecard::Column::ApplicationId.eq(application_id))
        .order_by_asc(scorecard::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect();
    rows.sort_by_key(|s| (s.submitted_at.is_none(), s.submitted_at, s.id));
    Ok(rows)
}

pub(crate) async fn evaluation_status(
    db: &impl ConnectionTrait,
    application_id: i64,
) -> Result<EvaluationStatus, StoreError> {
    let application = load_application(db, application_id).await?;
    let call = load_call(db, application.call_id).await?;
    let grid = call.settings.grids.of(application.stage).ok_or(StoreError::NotFound("grid"))?;
    let submitted: Vec<Scorecard> = scorecards_of(db, application_id)
        .await?
        .into_iter()
        .filter(|s| s.status == SUBMITTED)
        .map(|s| s.card)
        .collect();
    let arbitrated = arbitration::Entity::find()
        .filter(arbitration::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
        .is_some();
    Ok(EvaluationStatus {
        consolidation: consolidate(grid, &submitted, call.settings.discrepancy_trigger, arbitrated),
        required: call.settings.evaluators_per_application as usize,
        arbitrated,
    })
}

fn record(model: scorecard::Model) -> ScorecardRecord {
    ScorecardRecord {
        id: model.id,
        application_id: model.application_id,
        evaluator_id: model.evaluator_id,
        card: Scorecard {
            scores: serde_json::from_str(&model.scores).unwrap_or_default(),
            comments: serde_json::from_str(&model.comments).unwrap_or_default(),
            overall_comment: model.overall_comment,
        },
        status: model.status,
        submitted_at: model.submitted_at,
        updated_at: model.updated_at,
    }
}
