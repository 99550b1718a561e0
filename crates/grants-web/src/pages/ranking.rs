//! The ranking page: a call's evaluated applications ranked per lot with their consolidated scores, the
//! award proposal next to each, the decision buttons the transition table allows, and one button that
//! records the whole proposal. Auditors read it; only managers get buttons.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Role;
use grants_store::Application;
use grants_store::ranking::CallRanking;
use grants_workflow::{Actor, ApplicationState, actions_at_stage};
use serde::Deserialize;
use serde_json::{Value, json};

use super::portal::call_summary;
use super::session::Visitor;
use super::{context, error_page, page, refusal_page, see_other};
use crate::api::decisions::{apply_proposal, proposed_for};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The "record the whole proposal" form.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// Decisions a manager takes from the ranking; other actions stay on the application page.
const DECISIONS: [&str; 5] = ["award", "reserve", "reject", "shortlist", "not_shortlist"];

fn row(
    state: &AppState,
    visitor: &Visitor,
    ranking: &CallRanking,
    application: &Application,
    rank: Option<usize>,
    manager: bool,
) -> Value {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let status = ranking
        .ranking
        .lots
        .values()
        .flatten()
        .map(|r| &r.candidate)
        .chain(ranking.ranking.eliminated.iter())
        .find(|c| c.application_id == application.id);
    let proposed = proposed_for(ranking, application);
    let buttons: Vec<Value> = if manager {
        actions_at_stage(application.state, application.stage, Actor::Role(Role::Manager))
            .into_iter()
            .map(|a| a.to_string())
            .filter(|name| DECISIONS.contains(&name.as_str()))
            .map(|name| {
                json!({
                    "name": name,
                    "label": t(format!("action_{name}")),
                    "needs_reason": name == "reject" || name == "not_shortlist",
                    "amount": if name == "award" { proposed.and_then(|p| p.amount).or(application.requested_amount).map(|m| m.to_string()) } else { None },
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "id": application.id,
        "rank": rank,
        "reference": application.reference,
        "title": application.title,
        "score": status.map(|c| c.total.round_dp(2).to_string()),
        "requested": application.requested_amount.map(|m| m.to_string()),
        "awarded": application.awarded_amount.map(|m| m.to_string()),
        "state_label": t(format!("state_{}", application.state)),
        "proposal_label": proposed.map(|p| t(format!("proposal_{}", p.action))),
        "buttons": buttons,
    })
}

/// `/calls/{id}/ranking` (programme staff).
pub async fn show(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return see_other("/login") };
    if !user.viewer().is_programme_staff() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    }
    let loaded = async {
        let call = state.store.call(id).await?;
        let ranking = state.store.call_ranking(id).await?;
        let filter =
            grants_store::applications::ApplicationFilter { call_id: Some(id), state: None, by_reference: true };
        let applications =
            state.store.list_applications(&grants_domain::ApplicationScope::All, &filter, 1, 10_000).await?.items;
        Ok::<_, grants_store::StoreError>((call, ranking, applications))
    };
    let (call, ranking, applications) = match loaded.await {
        Ok(found) => found,
        Err(err) => return refusal_page(&state, &visitor, &AppError::from(err)),
    };
    let manager = user.viewer().can_manage_calls();
    let find = |application_id: i64| applications.iter().find(|a| a.id == application_id);
    let lots: Vec<Value> = call
        .lots
        .iter()
        .map(|lot| {
            let ranked = ranking.ranking.lots.get(&lot.id).map(Vec::as_slice).unwrap_or_default();
            let rows: Vec<Value> = ranked
                .iter()
                .filter_map(|r| {
                    find(r.candidate.application_id).map(|a| row(&state, &visitor, &ranking, a, Some(r.rank), manager))
                })
                .collect();
            let eliminated: Vec<Value> = ranking
                .ranking
                .eliminated
                .iter()
                .filter(|c| c.lot_id == lot.id)
                .filter_map(|c| find(c.application_id).map(|a| row(&state, &visitor, &ranking, a, None, manager)))
                .collect();
            let proposed_total =
                ranking.proposals.iter().find(|p| p.lot_id == lot.id).map(|p| p.proposal.awarded_total());
            let awarded_total: rust_decimal::Decimal = applications
                .iter()
                .filter(|a| {
                    a.lot_id == Some(lot.id)
                        && matches!(a.state, ApplicationState::Awarded | ApplicationState::Contracted)
                })
                .filter_map(|a| a.awarded_amount.map(grants_domain::Money::amount))
                .sum();
            json!({
                "name": lot.name,
                "budget": lot.budget.to_string(),
                "proposed_total": proposed_total.map(|t| t.to_string()),
                "awarded_total": awarded_total.to_string(),
                "rows": rows,
                "eliminated": eliminated,
            })
        })
        .collect();
    let waiting = applications.iter().filter(|a| a.state == ApplicationState::Evaluated).count();
    let back = format!("/calls/{id}/ranking");
    let ctx = context(
        &state,
        &visitor,
        "title_ranking",
        json!({
            "call": call_summary(&state, &visitor, &call),
            "lots": lots,
            "back": back,
            "can_apply": manager && waiting > 0,
            "waiting": waiting,
        }),
    );
    page(&state, StatusCode::OK, "ranking", &ctx)
}

/// Records the whole proposal (managers); a refusal shows what was recorded before it and why it stopped.
pub async fn apply(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(form): Form<ApplyForm>,
) -> Response {
    let user = match super::form_sender(&state, &visitor, &form.csrf) {
        Ok(user) => user,
        Err(response) => return response,
    };
    match apply_proposal(&state, &user, id, &form.reason, visitor.lang).await {
        Ok(_) => see_other(&format!("/calls/{id}/ranking")),
        Err((decided, err)) => {
            let done: Vec<String> = decided.iter().map(|d| format!("{} ({})", d.reference, d.action)).collect();
            let message = if done.is_empty() {
                err.message().to_owned()
            } else {
                format!(
                    "{} — {}: {}",
                    err.message(),
                    state.pages.text(visitor.lang, "ranking_recorded_before"),
                    done.join(", ")
                )
            };
            let ctx = context(
                &state,
                &visitor,
                "title_error",
                json!({ "status": err.status().as_u16(), "message": message }),
            );
            page(&state, err.status(), "error", &ctx)
        }
    }
}
