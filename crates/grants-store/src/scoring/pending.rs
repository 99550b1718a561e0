//! What still keeps applications from the decision, read set-based: for the ranking page, the list of
//! a call's applications that are not ready (eligibility not checked, evaluators missing, scorecards
//! missing, a discrepancy waiting for a third evaluator or an arbitration); for the applications list,
//! which of the applications shown have an open discrepancy.

use std::collections::HashMap;

use grants_domain::evaluation::NeedsMore;
use grants_workflow::ApplicationState;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};

use super::batch::{Evaluations, applications_of_call};
use crate::calls::load_call;
use crate::entity::application;
use crate::records::parse;
use crate::{Store, StoreError};

/// What an application waits for before it can be decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Waiting {
    /// Its eligibility is not settled (submitted, under review, or a clarification asked).
    Eligibility,
    /// Eligible, with no evaluator at work yet.
    Evaluators,
    /// Scorecards still to be submitted.
    Scorecards {
        /// Submitted so far.
        submitted: usize,
        /// How many the call requires.
        required: usize,
    },
    /// The first two totals differ too much: a third evaluator or a manager's arbitration is needed.
    Arbitration(NeedsMore),
}

/// An application of a call that is not ready for the decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    /// The application.
    pub application_id: i64,
    /// Its reference.
    pub reference: Option<String>,
    /// Its title.
    pub title: String,
    /// What it waits for.
    pub waiting: Waiting,
}

const BEFORE_DECISION: [ApplicationState; 5] = [
    ApplicationState::Submitted,
    ApplicationState::EligibilityReview,
    ApplicationState::ClarificationRequested,
    ApplicationState::Eligible,
    ApplicationState::InEvaluation,
];

/// What the list of pending applications reads of each: never the answers.
#[derive(FromQueryResult)]
struct Undecided {
    id: i64,
    reference: Option<String>,
    title: String,
    state: String,
    stage: String,
}

impl Store {
    /// The applications of `call_id` not ready for the decision, by reference, and what each waits for:
    /// four queries whatever the number of applications.
    pub async fn call_pending(&self, call_id: i64) -> Result<Vec<Pending>, StoreError> {
        use application::Column as A;
        let call = load_call(&self.db, call_id).await?;
        let undecided: Vec<String> = BEFORE_DECISION.iter().map(ToString::to_string).collect();
        let rows = application::Entity::find()
            .select_only()
            .columns([A::Id, A::Reference, A::Title, A::State, A::Stage])
            .filter(A::CallId.eq(call_id))
            .filter(A::State.is_in(undecided.clone()))
            .order_by_asc(A::Reference)
            .into_model::<Undecided>()
            .all(&self.db)
            .await?;
        let ids = applications_of_call(call_id).and_where(application::Column::State.is_in(undecided)).to_owned();
        let evaluations = Evaluations::load_scores(&self.db, ids).await?;
        let mut pending = Vec::with_capacity(rows.len());
        for row in rows {
            let state: ApplicationState = parse("state", &row.state)?;
            let waiting = match state {
                ApplicationState::Eligible => Waiting::Evaluators,
                ApplicationState::InEvaluation => {
                    let status = evaluations.status(&call, row.id, parse("stage", &row.stage)?)?;
                    match status.consolidation.needs_more {
                        Some(needs) => Waiting::Arbitration(needs),
                        None if status.is_complete() => continue,
                        None => Waiting::Scorecards {
                            submitted: status.consolidation.scorecards,
                            required: status.required,
                        },
                    }
                }
                _ => Waiting::Eligibility,
            };
            pending.push(Pending { application_id: row.id, reference: row.reference, title: row.title, waiting });
        }
        Ok(pending)
    }

    /// Which of the applications `ids` (the ones a list shows) wait for a third evaluator or an
    /// arbitration, with the two totals: three queries plus one per call they belong to.
    pub async fn open_discrepancies(&self, ids: &[i64]) -> Result<HashMap<i64, NeedsMore>, StoreError> {
        let evaluating = ApplicationState::InEvaluation.to_string();
        let rows = application::Entity::find()
            .filter(application::Column::Id.is_in(ids.iter().copied()))
            .filter(application::Column::State.eq(evaluating.clone()))
            .all(&self.db)
            .await?;
        if rows.is_empty() {
            return Ok(HashMap::new());
        }
        let selected = Query::select()
            .column(application::Column::Id)
            .from(application::Entity)
            .and_where(application::Column::Id.is_in(rows.iter().map(|r| r.id)))
            .to_owned();
        let evaluations = Evaluations::load(&self.db, selected).await?;
        let mut calls = HashMap::new();
        let mut open = HashMap::new();
        for row in rows {
            let call = match calls.entry(row.call_id) {
                std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => slot.insert(load_call(&self.db, row.call_id).await?),
            };
            let status = evaluations.status(call, row.id, parse("stage", &row.stage)?)?;
            if let Some(needs) = status.consolidation.needs_more {
                open.insert(row.id, needs);
            }
        }
        Ok(open)
    }
}
