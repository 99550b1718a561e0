//! `/api/v1/calls/{id}/ranking/apply`: records the award proposal as decisions in one go. Each decision is
//! its own transition (state, audit record and email together); the run stops at the first refusal, so
//! what was decided stays decided and running it again continues with what is left.

use axum::Json;
use axum::extract::State;
use grants_domain::call::Stage;
use grants_domain::{ApplicationScope, Money, Role};
use grants_store::applications::ApplicationFilter;
use grants_store::ranking::CallRanking;
use grants_store::transition::ActionRequest;
use grants_store::{Application, User};
use grants_workflow::{Actor, ApplicationAction, ApplicationState};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::evaluation::require_manager;
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// The body of the apply request.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyInput {
    /// The reason given to applications that are rejected or not shortlisted (it reaches them by email).
    pub reason: String,
}

/// One decision recorded.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Decision {
    /// The application.
    pub application_id: i64,
    /// Its reference.
    pub reference: String,
    /// `award`, `reserve`, `reject`, `shortlist` or `not_shortlist`.
    pub action: String,
}

/// What one proposal line asks for: the action and, for an award, the amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposed {
    /// The decision.
    pub action: ApplicationAction,
    /// The grant, for an award.
    pub amount: Option<Money>,
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

/// The applications of a call that are still waiting for their decision.
pub async fn undecided(state: &AppState, call_id: i64) -> Result<Vec<Application>, AppError> {
    let filter =
        ApplicationFilter { call_id: Some(call_id), state: Some(ApplicationState::Evaluated), by_reference: true };
    Ok(state.store.list_applications(&ApplicationScope::All, &filter, 1, 10_000).await?.items)
}

/// Records the proposal for every application still `evaluated`, as `user` (a manager). On a refusal,
/// returns the decisions recorded before it with the refusal.
pub async fn apply_proposal(
    state: &AppState,
    user: &User,
    call_id: i64,
    reason: &str,
    language: grants_domain::Language,
) -> Result<Vec<Decision>, (Vec<Decision>, AppError)> {
    require_manager(user).map_err(|e| (Vec::new(), e))?;
    let ranking = state.store.call_ranking(call_id).await.map_err(|e| (Vec::new(), AppError::from(e)))?;
    let waiting = undecided(state, call_id).await.map_err(|e| (Vec::new(), e))?;
    let mut planned: Vec<(Application, Proposed)> =
        waiting.into_iter().filter_map(|a| proposed_for(&ranking, &a).map(|p| (a, p))).collect();
    planned.sort_by_key(|(a, p)| (order(p.action), a.id));
    let needs_reason = |action| matches!(action, ApplicationAction::Reject | ApplicationAction::NotShortlist);
    if reason.trim().is_empty() && planned.iter().any(|(_, p)| needs_reason(p.action)) {
        let mut errors = grants_domain::ValidationErrors::default();
        errors.add("/reason", "required", "give the reason sent to the applications that are not funded");
        return Err((Vec::new(), AppError::from(errors)));
    }
    let mut decided = Vec::new();
    for (application, proposed) in planned {
        let payload = proposed.amount.map_or(Value::Null, |amount| json!({ "amount": amount.to_string() }));
        let request = ActionRequest {
            actor: Actor::Role(Role::Manager),
            actor_user_id: Some(user.id),
            reason: needs_reason(proposed.action).then_some(reason),
            payload: &payload,
            expected_version: Some(application.version),
            now: state.clock.now(),
            language,
        };
        if let Err(err) = state.store.apply_application_action(application.id, proposed.action, request).await {
            return Err((decided, AppError::from(err)));
        }
        decided.push(Decision {
            application_id: application.id,
            reference: application.reference.clone().unwrap_or_default(),
            action: proposed.action.to_string(),
        });
    }
    Ok(decided)
}

/// Records the award proposal as decisions (managers): awards, reserve list, rejections with the reason
/// given. A refusal stops the run with 409 and lists what was recorded before it in `details.decided`.
#[utoipa::path(post, path = "/api/v1/calls/{id}/ranking/apply", tag = "evaluation", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = ApplyInput,
    responses((status = 200, body = [Decision]), (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn apply(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ApplyInput>,
) -> Result<Json<Vec<Decision>>, AppError> {
    require_manager(&user)?;
    match apply_proposal(&state, &user, id, &input.reason, user.language).await {
        Ok(decided) => Ok(Json(decided)),
        Err((decided, err)) => Err(err.with_detail("decided", json!(decided))),
    }
}
