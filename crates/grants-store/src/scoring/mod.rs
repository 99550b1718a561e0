//! Scorecards, arbitrations and the consolidated score of an application (SPEC §6).
//!
//! An evaluator saves a draft scorecard as often as they like and submits it once it satisfies the
//! grid; only a manager can reopen a submitted scorecard, with a reason that goes to the audit trail.

mod arbitration;
pub(crate) mod batch;
mod card;
pub mod discrepancy_notice;
pub mod pending;

use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use grants_domain::call::Stage;
use grants_domain::evaluation::{Consolidation, Scorecard, consolidate};
use grants_workflow::ScorecardState;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

pub(crate) use card::complete_if_ready_in;

use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::{arbitration as arbitration_entity, scorecard};
use crate::records::parse;
use crate::{Call, Store, StoreError};

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
    /// Where it stands.
    pub status: ScorecardState,
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

pub(crate) fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

impl Store {
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
        .collect::<Result<_, _>>()?;
    submission_order(&mut rows);
    Ok(rows)
}

pub(crate) async fn evaluation_status(
    db: &impl ConnectionTrait,
    application_id: i64,
) -> Result<EvaluationStatus, StoreError> {
    let application = load_application(db, application_id).await?;
    let call = load_call(db, application.call_id).await?;
    let submitted: Vec<Scorecard> = scorecards_of(db, application_id)
        .await?
        .into_iter()
        .filter(|s| s.status == ScorecardState::Submitted)
        .map(|s| s.card)
        .collect();
    let arbitrated = arbitration_entity::Entity::find()
        .filter(arbitration_entity::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
        .is_some();
    status_of(&call, application.stage, &submitted, arbitrated)
}

/// The consolidated evaluation of an application at `stage` of `call`, from its submitted scorecards in
/// submission order: the one computation behind a single application's status and a whole call's.
pub(crate) fn status_of(
    call: &Call,
    stage: Stage,
    submitted: &[Scorecard],
    arbitrated: bool,
) -> Result<EvaluationStatus, StoreError> {
    let grid = call.settings.grids.of(stage).ok_or(StoreError::NotFound("grid"))?;
    Ok(EvaluationStatus {
        consolidation: consolidate(grid, submitted, call.settings.discrepancy_trigger, arbitrated),
        required: call.settings.evaluators_per_application as usize,
        arbitrated,
    })
}

/// The order scorecards are read in: by submission, drafts last.
pub(crate) fn submission_order(cards: &mut [ScorecardRecord]) {
    cards.sort_by_key(|s| (s.submitted_at.is_none(), s.submitted_at, s.id));
}

pub(crate) fn record(model: scorecard::Model) -> Result<ScorecardRecord, StoreError> {
    Ok(ScorecardRecord {
        id: model.id,
        application_id: model.application_id,
        evaluator_id: model.evaluator_id,
        card: Scorecard {
            scores: serde_json::from_str(&model.scores).unwrap_or_default(),
            comments: serde_json::from_str(&model.comments).unwrap_or_default(),
            overall_comment: model.overall_comment,
        },
        status: parse("scorecard status", &model.status)?,
        submitted_at: model.submitted_at,
        updated_at: model.updated_at,
    })
}
