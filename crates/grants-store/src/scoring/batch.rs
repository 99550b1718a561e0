//! The evaluations of many applications read at once, for the reads that cover a whole call (the
//! ranking, the evaluation report): two queries whatever the number of applications.

use std::collections::{HashMap, HashSet};

use grants_domain::call::Stage;
use grants_domain::evaluation::Scorecard;
use grants_workflow::ScorecardState;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{EvaluationStatus, ScorecardRecord, record, status_of, submission_order};
use crate::entity::{application, arbitration, scorecard};
use crate::{Call, StoreError};

/// The ids of the applications to `call_id` (a subquery, so a batch load binds one parameter however
/// many applications the call has).
pub(crate) fn applications_of_call(call_id: i64) -> SelectStatement {
    Query::select()
        .column(application::Column::Id)
        .from(application::Entity)
        .and_where(application::Column::CallId.eq(call_id))
        .to_owned()
}

/// The submitted scorecards and the arbitrations of a set of applications.
#[derive(Debug, Default)]
pub(crate) struct Evaluations {
    submitted: HashMap<i64, Vec<ScorecardRecord>>,
    arbitrated: HashSet<i64>,
}

impl Evaluations {
    /// Reads the submitted scorecards (with their comments) and the arbitrations of the applications
    /// `ids` selects.
    pub(crate) async fn load(db: &impl ConnectionTrait, ids: SelectStatement) -> Result<Evaluations, StoreError> {
        Self::read(db, ids, true).await
    }

    /// [`Evaluations::load`] without the evaluators' comments, for what only counts the scores (the
    /// ranking, what blocks the decision): the comments are most of a scorecard's weight.
    pub(crate) async fn load_scores(
        db: &impl ConnectionTrait,
        ids: SelectStatement,
    ) -> Result<Evaluations, StoreError> {
        Self::read(db, ids, false).await
    }

    async fn read(db: &impl ConnectionTrait, ids: SelectStatement, comments: bool) -> Result<Evaluations, StoreError> {
        use scorecard::Column as S;
        let mut query = scorecard::Entity::find()
            .filter(S::ApplicationId.in_subquery(ids.clone()))
            .filter(S::Status.eq(ScorecardState::Submitted.to_string()))
            .order_by_asc(S::Id);
        if !comments {
            query = query
                .select_only()
                .columns([
                    S::Id,
                    S::AssignmentId,
                    S::ApplicationId,
                    S::EvaluatorId,
                    S::Scores,
                    S::Status,
                    S::Version,
                    S::SubmittedAt,
                    S::UpdatedAt,
                ])
                .column_as(Expr::val("{}"), "comments")
                .column_as(Expr::val(""), "overall_comment");
        }
        let cards = query.all(db).await?;
        let mut submitted: HashMap<i64, Vec<ScorecardRecord>> = HashMap::new();
        for card in cards {
            let card = record(card)?;
            submitted.entry(card.application_id).or_default().push(card);
        }
        for cards in submitted.values_mut() {
            submission_order(cards);
        }
        let arbitrated = arbitration::Entity::find()
            .filter(arbitration::Column::ApplicationId.in_subquery(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.application_id)
            .collect();
        Ok(Evaluations { submitted, arbitrated })
    }

    /// The application's submitted scorecards, in submission order.
    pub(crate) fn submitted(&self, application_id: i64) -> &[ScorecardRecord] {
        self.submitted.get(&application_id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The consolidated evaluation of the application, as `evaluation_status` computes it.
    pub(crate) fn status(
        &self,
        call: &Call,
        application_id: i64,
        stage: Stage,
    ) -> Result<EvaluationStatus, StoreError> {
        let cards: Vec<Scorecard> = self.submitted(application_id).iter().map(|s| s.card.clone()).collect();
        status_of(call, stage, &cards, self.arbitrated.contains(&application_id))
    }
}
