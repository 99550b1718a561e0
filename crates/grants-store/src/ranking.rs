//! Ranking and award proposals per lot (SPEC §6), and what a lot has awarded.

use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::evaluation::{Candidate, Proposal, Ranking, propose, rank, shortlist};
use grants_workflow::ApplicationAction;
use grants_workflow::predicates::{holds_lot_budget, is_rankable, states_where};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};

use crate::calls::load_call;
use crate::entity::application;
use crate::records::parse;
use crate::scoring::batch::{Evaluations, applications_of_call};
use crate::transition::ActionRequest;
use crate::{Call, Store, StoreError};

/// A lot's ranking with the proposal that follows from it.
#[derive(Debug, Clone, PartialEq)]
pub struct LotProposal {
    /// The lot.
    pub lot_id: i64,
    /// Award, reserve and reject, per the call's award order.
    pub proposal: Proposal,
    /// Restricted calls at the concept-note stage: who would be invited.
    pub shortlist: Vec<i64>,
}

/// The evaluated applications of a call, ranked per lot, with proposals.
#[derive(Debug, Clone, PartialEq)]
pub struct CallRanking {
    /// Per lot ranking and eliminated candidates.
    pub ranking: Ranking,
    /// Per lot proposals.
    pub proposals: Vec<LotProposal>,
}

impl Store {
    /// Ranks the evaluated applications of `call_id` per lot and proposes awards.
    pub async fn call_ranking(&self, call_id: i64) -> Result<CallRanking, StoreError> {
        ranking_in(&self.db, call_id).await
    }

    /// What the lot's awards add up to: the amounts of the applications that hold its budget, the same
    /// sum the award guard subtracts from the lot.
    pub async fn lot_awarded(&self, lot_id: i64) -> Result<Money, StoreError> {
        lot_awarded_total(&self.db, lot_id, None).await
    }

    /// Moves an application whose evaluation is complete to `evaluated` (the engine's `complete`).
    /// Returns whether it moved; refusals (not complete yet, already moved) are not errors.
    pub async fn complete_if_ready(&self, application_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let request = ActionRequest::system(now, None);
        match self.apply_application_action(application_id, ApplicationAction::Complete, request).await {
            Ok(_) => Ok(true),
            Err(StoreError::Transition(_) | StoreError::StaleVersion { .. }) => Ok(false),
            Err(other) => Err(other),
        }
    }
}

/// Ranks the evaluated applications of `call_id` per lot and proposes awards, reading through `db` (the
/// store's pool, or a transition's transaction): five queries whatever the number of applications.
pub(crate) async fn ranking_in(db: &impl ConnectionTrait, call_id: i64) -> Result<CallRanking, StoreError> {
    let call = load_call(db, call_id).await?;
    ranking_of(db, &call).await
}

/// What ranking reads of an application: its place in a lot, its amount and its submission time, not its
/// answers (a call's answers can weigh hundreds of megabytes).
#[derive(FromQueryResult)]
struct RankedRow {
    id: i64,
    lot_id: Option<i64>,
    requested_amount_cents: Option<i64>,
    submitted_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    stage: String,
}

/// [`ranking_in`] for a call already read.
pub(crate) async fn ranking_of(db: &impl ConnectionTrait, call: &Call) -> Result<CallRanking, StoreError> {
    use application::Column as A;
    let rankable = states_where(is_rankable);
    let rows = application::Entity::find()
        .select_only()
        .columns([A::Id, A::LotId, A::RequestedAmountCents, A::SubmittedAt, A::CreatedAt, A::Stage])
        .filter(A::CallId.eq(call.id))
        .filter(A::State.is_in(rankable.clone()))
        .into_model::<RankedRow>()
        .all(db)
        .await?;
    let ids = applications_of_call(call.id).and_where(A::State.is_in(rankable)).to_owned();
    let evaluations = Evaluations::load_scores(db, ids).await?;
    let mut candidates = Vec::new();
    for row in rows {
        let status = evaluations.status(call, row.id, parse("stage", &row.stage)?)?;
        candidates.push(Candidate::from_consolidation(
            row.id,
            row.lot_id.unwrap_or_default(),
            row.requested_amount_cents.map_or(Money::ZERO, Money::from_cents),
            row.submitted_at.unwrap_or(row.created_at),
            &status.consolidation,
        ));
    }
    let ranking = rank(candidates);
    let proposals = call
        .lots
        .iter()
        .map(|lot| {
            let ranked = ranking.lots.get(&lot.id).map(Vec::as_slice).unwrap_or_default();
            let reserve_length = call.settings.reserve_list_length as usize;
            LotProposal {
                lot_id: lot.id,
                proposal: propose(ranked, lot.budget, reserve_length, call.settings.award_order),
                shortlist: shortlist(ranked, lot.budget, call.settings.shortlist_budget_factor),
            }
        })
        .collect();
    Ok(CallRanking { ranking, proposals })
}

/// The amounts awarded in `lot_id` to applications that hold its budget, except `except` (the one being
/// decided).
pub(crate) async fn lot_awarded_total(
    db: &impl ConnectionTrait,
    lot_id: i64,
    except: Option<i64>,
) -> Result<Money, StoreError> {
    let mut query = application::Entity::find()
        .select_only()
        .column(application::Column::AwardedAmountCents)
        .filter(application::Column::LotId.eq(lot_id))
        .filter(application::Column::State.is_in(states_where(holds_lot_budget)));
    if let Some(id) = except {
        query = query.filter(application::Column::Id.ne(id));
    }
    let amounts: Vec<Option<i64>> = query.into_tuple().all(db).await?;
    let cents: i64 = amounts.into_iter().flatten().sum();
    Ok(Money::from_cents(cents))
}
