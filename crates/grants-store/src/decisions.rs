//! The award proposal recorded as decisions (SPEC §6): one use case for the API and the ranking page.
//! Each decision is its own transition (state, audit record and email together); the run stops at the
//! first refusal, so what was decided stays decided and running it again continues with what is left.

use chrono::{DateTime, Utc};
use grants_domain::call::Stage;
use grants_domain::{ApplicationScope, Language, Money, ValidationErrors};
use grants_workflow::{Actor, ApplicationAction, ApplicationMachine, ApplicationState, needs_reason};
use serde_json::{Value, json};

use crate::applications::ApplicationFilter;
use crate::entity::application;
use crate::ranking::CallRanking;
use crate::transition::ActionRequest;
use crate::{Application, Store, StoreError};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// What one proposal line asks for: the action and, for an award, the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    /// The decision.
    pub action: ApplicationAction,
    /// The grant, for an award.
    pub amount: Option<Money>,
}

/// One decision recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The application.
    pub application_id: i64,
    /// Its reference.
    pub reference: String,
    /// What was decided.
    pub action: ApplicationAction,
}

/// A run of the proposal that stopped at a refusal: what was recorded before it, and the refusal.
#[derive(Debug)]
pub struct Interrupted {
    /// The decisions recorded before the refusal.
    pub decided: Vec<Decision>,
    /// Why the run stopped.
    pub refusal: StoreError,
}

impl From<StoreError> for Interrupted {
    fn from(refusal: StoreError) -> Self {
        Interrupted { decided: Vec::new(), refusal }
    }
}

/// The decision the proposal makes for `application`, if it makes one: awards, then the reserve list, then
/// the rest rejected (concept notes: shortlisted or not).
pub fn proposed_for(ranking: &CallRanking, application: &Application) -> Option<Proposed> {
    let lot = application.lot_id?;
    let proposal = ranking.proposals.iter().find(|p| p.lot_id == lot)?;
    let ranked =
        ranking.ranking.lots.get(&lot).is_some_and(|r| r.iter().any(|c| c.candidate.application_id == application.id));
    let eliminated = ranking.ranking.eliminated.iter().any(|c| c.application_id == application.id);
    if !ranked && !eliminated {
        return None;
    }
    let id = application.id;
    let plain = |action| Some(Proposed { action, amount: None });
    if application.stage == Stage::ConceptNote {
        return if proposal.shortlist.contains(&id) {
            plain(ApplicationAction::Shortlist)
        } else {
            plain(ApplicationAction::NotShortlist)
        };
    }
    if let Some((_, amount)) = proposal.proposal.awarded.iter().find(|(a, _)| *a == id) {
        return Some(Proposed { action: ApplicationAction::Award, amount: Some(*amount) });
    }
    if proposal.proposal.reserve.contains(&id) {
        plain(ApplicationAction::Reserve)
    } else {
        plain(ApplicationAction::Reject)
    }
}

/// The order decisions are recorded in, so the budget and the reserve list fill as the proposal says.
fn order(action: ApplicationAction) -> u8 {
    match action {
        ApplicationAction::Award | ApplicationAction::Shortlist => 0,
        ApplicationAction::Reserve => 1,
        _ => 2,
    }
}

/// Whether the decision `action` on an evaluated application must carry a reason, per the table.
pub fn decision_needs_reason(action: ApplicationAction) -> bool {
    needs_reason::<ApplicationMachine>(ApplicationState::Evaluated, action)
}

impl Store {
    /// The applications of a call, in reference order.
    pub async fn call_applications(
        &self,
        call_id: i64,
        state: Option<ApplicationState>,
    ) -> Result<Vec<Application>, StoreError> {
        let filter =
            ApplicationFilter { call_id: Some(call_id), state, by_reference: true, ..ApplicationFilter::default() };
        Ok(self.list_applications(&ApplicationScope::All, &filter, 1, 100_000).await?.items)
    }

    /// The applications `ids` (the ones a page shows), in no particular order: one query.
    pub async fn applications_by_ids(&self, ids: &[i64]) -> Result<Vec<Application>, StoreError> {
        application::Entity::find()
            .filter(application::Column::Id.is_in(ids.iter().copied()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(crate::applications::application_record)
            .collect()
    }

    /// How many applications to `call_id` are in `state`.
    pub async fn count_in_state(&self, call_id: i64, state: ApplicationState) -> Result<u64, StoreError> {
        Ok(application::Entity::find()
            .filter(application::Column::CallId.eq(call_id))
            .filter(application::Column::State.eq(state.to_string()))
            .count(&self.db)
            .await?)
    }

    /// Records the proposal for every application of the call still `evaluated`, as manager
    /// `manager_id`; `reason` goes to those not funded. On a refusal, returns what was recorded before it.
    pub async fn apply_award_proposal(
        &self,
        call_id: i64,
        manager_id: i64,
        reason: &str,
        language: Language,
        now: DateTime<Utc>,
    ) -> Result<Vec<Decision>, Interrupted> {
        let ranking = self.call_ranking(call_id).await?;
        let waiting = self.call_applications(call_id, Some(ApplicationState::Evaluated)).await?;
        let mut planned: Vec<(Application, Proposed)> =
            waiting.into_iter().filter_map(|a| proposed_for(&ranking, &a).map(|p| (a, p))).collect();
        planned.sort_by_key(|(a, p)| (order(p.action), a.id));
        if reason.trim().is_empty() && planned.iter().any(|(_, p)| decision_needs_reason(p.action)) {
            let mut errors = ValidationErrors::default();
            errors.add("/reason", "required", "give the reason sent to the applications that are not funded");
            return Err(StoreError::from(errors).into());
        }
        let mut decided = Vec::new();
        for (application, proposed) in planned {
            let payload = proposed.amount.map_or(Value::Null, |amount| json!({ "amount": amount.to_string() }));
            let request = ActionRequest {
                actor: Actor::MANAGER,
                actor_user_id: Some(manager_id),
                reason: decision_needs_reason(proposed.action).then_some(reason),
                payload: &payload,
                expected_version: Some(application.version),
                now,
                language,
            };
            if let Err(refusal) = self.apply_application_action(application.id, proposed.action, request).await {
                return Err(Interrupted { decided, refusal });
            }
            decided.push(Decision {
                application_id: application.id,
                reference: application.reference.clone().unwrap_or_default(),
                action: proposed.action,
            });
        }
        Ok(decided)
    }
}
