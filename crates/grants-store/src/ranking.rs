//! Ranking and award proposals per lot (SPEC §6), and the offer to the reserve list after a decline.

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_domain::evaluation::{Candidate, Proposal, Ranking, propose, rank, shortlist};
use grants_workflow::{Actor, ApplicationAction, ApplicationState};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::entity::application;
use crate::scoring::evaluation_status;
use crate::transition::ActionRequest;
use crate::{Store, StoreError};

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

/// States in which an application has a complete evaluation to rank.
const RANKABLE: [ApplicationState; 6] = [
    ApplicationState::Evaluated,
    ApplicationState::Awarded,
    ApplicationState::ReserveListed,
    ApplicationState::Rejected,
    ApplicationState::Contracted,
    ApplicationState::Declined,
];

impl Store {
    /// Ranks the evaluated applications of `call_id` per lot and proposes awards.
    pub async fn call_ranking(&self, call_id: i64) -> Result<CallRanking, StoreError> {
        let call = self.call(call_id).await?;
        let rows = application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(application::Column::State.is_in(RANKABLE.iter().map(ToString::to_string)))
            .all(&self.db)
            .await?;
        let mut candidates = Vec::new();
        for row in rows {
            let status = evaluation_status(&self.db, row.id).await?;
            candidates.push(Candidate::from_consolidation(
                row.id,
                row.lot_id.unwrap_or_default(),
                row.requested_amount_cents.map_or(grants_domain::Money::ZERO, grants_domain::Money::from_cents),
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
                LotProposal {
                    lot_id: lot.id,
                    proposal: propose(
                        ranked,
                        lot.budget,
                        call.settings.reserve_list_length as usize,
                        call.settings.award_order,
                    ),
                    shortlist: shortlist(ranked, lot.budget, call.settings.shortlist_budget_factor),
                }
            })
            .collect();
        Ok(CallRanking { ranking, proposals })
    }

    /// After an awardee declines: offers the award to the best-ranked reserve of the lot whose request
    /// fits what is left. Returns the application awarded, if any.
    pub async fn offer_to_reserve(
        &self,
        lot_id: i64,
        call_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let ranking = self.call_ranking(call_id).await?;
        let reserves: Vec<i64> = application::Entity::find()
            .filter(application::Column::LotId.eq(lot_id))
            .filter(application::Column::State.eq(ApplicationState::ReserveListed.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect();
        let ordered = ranking.ranking.lots.get(&lot_id).cloned().unwrap_or_default();
        for ranked in ordered.iter().filter(|r| reserves.contains(&r.candidate.application_id)) {
            let request = ActionRequest {
                actor: Actor::System,
                actor_user_id: None,
                reason: Some("offered from the reserve list after a decline"),
                payload: &Value::Null,
                expected_version: None,
                now,
                language: Language::En,
            };
            match self
                .apply_application_action(ranked.candidate.application_id, ApplicationAction::Award, request)
                .await
            {
                Ok(_) => return Ok(Some(ranked.candidate.application_id)),
                Err(StoreError::Transition(_) | StoreError::StaleVersion { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(None)
    }

    /// Moves an application whose evaluation is complete to `evaluated` (the engine's `complete`).
    /// Returns whether it moved; refusals (not complete yet, already moved) are not errors.
    pub async fn complete_if_ready(&self, application_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let request = ActionRequest {
            actor: Actor::System,
            actor_user_id: None,
            reason: None,
            payload: &Value::Null,
            expected_version: None,
            now,
            language: Language::En,
        };
        match self.apply_application_action(application_id, ApplicationAction::Complete, request).await {
            Ok(_) => Ok(true),
            Err(StoreError::Transition(_) | StoreError::StaleVersion { .. }) => Ok(false),
            Err(other) => Err(other),
        }
    }
}
