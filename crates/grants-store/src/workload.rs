//! An evaluator's work list: every current assignment with how far they are (declaration, scorecard),
//! so an external evaluator scoring fifteen proposals in an evening sees what is left at a glance.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::applications::application_record;
use crate::assignments::{Assignment, active_states, record};
use crate::entity::{application, assignment, scorecard};
use crate::records::parse;
use crate::{Application, Store, StoreError};
use grants_workflow::{AssignmentState, ScorecardState};

/// Where an evaluator stands on one assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// The declaration is not signed yet: nothing can be read.
    MustDeclare,
    /// Declared; no scorecard saved yet.
    NotStarted,
    /// A scorecard is saved but not handed in.
    Draft,
    /// The scorecard is handed in.
    Submitted,
}

impl Progress {
    /// A stable name for pages and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Progress::MustDeclare => "must_declare",
            Progress::NotStarted => "not_started",
            Progress::Draft => "draft",
            Progress::Submitted => "submitted",
        }
    }
}

/// One line of the work list.
#[derive(Debug, Clone)]
pub struct WorkItem {
    /// The assignment.
    pub assignment: Assignment,
    /// The application assigned.
    pub application: Application,
    /// How far the evaluator is.
    pub progress: Progress,
    /// When the scorecard was handed in.
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Store {
    /// The evaluator's current assignments (not the ended ones), oldest first, with their progress.
    pub async fn evaluator_work(&self, evaluator_id: i64) -> Result<Vec<WorkItem>, StoreError> {
        let assignments = assignment::Entity::find()
            .filter(assignment::Column::EvaluatorId.eq(evaluator_id))
            .filter(assignment::Column::Status.is_in(active_states()))
            .order_by_asc(assignment::Column::Id)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = assignments.iter().map(|a| a.application_id).collect();
        let applications =
            application::Entity::find().filter(application::Column::Id.is_in(ids.clone())).all(&self.db).await?;
        let cards = scorecard::Entity::find()
            .filter(scorecard::Column::EvaluatorId.eq(evaluator_id))
            .filter(scorecard::Column::ApplicationId.is_in(ids))
            .all(&self.db)
            .await?;
        let mut items = Vec::new();
        for row in assignments {
            let Some(model) = applications.iter().find(|a| a.id == row.application_id) else { continue };
            let card = cards.iter().find(|c| c.assignment_id == row.id);
            let assignment = record(row)?;
            let card_state: Option<ScorecardState> = card.map(|c| parse("scorecard status", &c.status)).transpose()?;
            let progress = match (assignment.status, card_state) {
                (AssignmentState::Assigned, _) => Progress::MustDeclare,
                (_, None) => Progress::NotStarted,
                (_, Some(ScorecardState::Submitted)) => Progress::Submitted,
                (_, Some(ScorecardState::Draft)) => Progress::Draft,
            };
            items.push(WorkItem {
                submitted_at: card.and_then(|c| c.submitted_at),
                application: application_record(model.clone())?,
                assignment,
                progress,
            });
        }
        Ok(items)
    }
}
