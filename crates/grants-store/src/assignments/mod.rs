//! Evaluator assignments and conflict-of-interest declarations (SPEC §6), on the assignment table of
//! `grants-workflow`.
//!
//! An evaluator sees an application's content only after signing, for that application, a declaration
//! of impartiality and confidentiality. Declaring a conflict ends the assignment and leaves the
//! application short of an evaluator until a manager assigns a replacement. Nothing is deleted: ended
//! assignments stay, with when and why, for the evaluation report's register.

mod assign;
mod automatic;
mod declare;
mod remove;

use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use grants_workflow::AssignmentState;
use grants_workflow::assignment::is_active;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::assignment;
use crate::records::parse;
use crate::{Store, StoreError};

/// The text an evaluator signs before reading an application.
pub const DECLARATION: &str = "I declare that I have no conflict of interest with this application, its applicants or \
    partners, that I will evaluate it impartially, and that I will keep its content and my evaluation confidential.";

/// An evaluator's assignment to an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Its id.
    pub id: i64,
    /// The application.
    pub application_id: i64,
    /// The evaluator.
    pub evaluator_id: i64,
    /// Where it stands.
    pub status: AssignmentState,
    /// When it was made.
    pub assigned_at: DateTime<Utc>,
    /// When the evaluator declared (either way).
    pub declared_at: Option<DateTime<Utc>>,
    /// What the evaluator signed or stated.
    pub declaration: Option<String>,
    /// Why it ended, if it did.
    pub end_reason: Option<String>,
}

impl Assignment {
    /// Counts towards the evaluators an application needs.
    pub fn is_active(&self) -> bool {
        is_active(self.status)
    }
}

/// What an evaluator may do with an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvaluatorAccess {
    /// Not assigned: the application does not exist for them.
    None,
    /// Assigned, declaration not yet signed: they see that it exists, not what it says.
    MustDeclare(Assignment),
    /// Declared free of conflict: they read and score.
    Granted(Assignment),
}

fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

/// The assignment states that count towards an application's evaluators, as stored.
pub(crate) fn active_states() -> Vec<String> {
    grants_workflow::stored_states::<grants_workflow::AssignmentMachine>(is_active)
}

impl Store {
    /// What `evaluator_id` may do with `application_id`.
    pub async fn evaluator_access(
        &self,
        application_id: i64,
        evaluator_id: i64,
    ) -> Result<EvaluatorAccess, StoreError> {
        let mine =
            active_assignments(&self.db, application_id).await?.into_iter().find(|a| a.evaluator_id == evaluator_id);
        Ok(match mine {
            None => EvaluatorAccess::None,
            Some(a) if a.status == AssignmentState::Declared => EvaluatorAccess::Granted(a),
            Some(a) => EvaluatorAccess::MustDeclare(a),
        })
    }

    /// Every assignment of an application, ended ones included, oldest first.
    pub async fn assignments(&self, application_id: i64) -> Result<Vec<Assignment>, StoreError> {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::ApplicationId.eq(application_id))
            .order_by_asc(assignment::Column::Id)
            .all(&self.db)
            .await?;
        rows.into_iter().map(record).collect()
    }

    /// The applications an evaluator has declared for: what their portal lists.
    pub async fn declared_application_ids(&self, evaluator_id: i64) -> Result<Vec<i64>, StoreError> {
        let rows = assignment::Entity::find()
            .filter(assignment::Column::EvaluatorId.eq(evaluator_id))
            .filter(assignment::Column::Status.eq(AssignmentState::Declared.to_string()))
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(|a| a.application_id).collect())
    }
}

pub(crate) async fn active_assignments(
    db: &impl ConnectionTrait,
    application_id: i64,
) -> Result<Vec<Assignment>, StoreError> {
    let rows = assignment::Entity::find()
        .filter(assignment::Column::ApplicationId.eq(application_id))
        .filter(assignment::Column::Status.is_in(active_states()))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    rows.into_iter().map(record).collect()
}

pub(crate) fn record(model: assignment::Model) -> Result<Assignment, StoreError> {
    Ok(Assignment {
        id: model.id,
        application_id: model.application_id,
        evaluator_id: model.evaluator_id,
        status: parse("assignment status", &model.status)?,
        assigned_at: model.assigned_at,
        declared_at: model.declared_at,
        declaration: model.declaration,
        end_reason: model.end_reason,
    })
}
