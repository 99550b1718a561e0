//! The ranking page: a call's evaluated applications ranked per lot with their consolidated scores, the
//! award proposal next to each, the decision buttons the transition table allows, and one button that
//! records the whole proposal (the use case of `grants_store::decisions`). Auditors read it; only managers
//! get buttons. Also the printable evaluation report.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Role;
use grants_store::decisions::{decision_needs_reason, proposed_for};
use grants_store::ranking::CallRanking;
use grants_store::{Application, StoreError, User};
use grants_workflow::{Actor, ApplicationAction, ApplicationState, actions_at_stage};
use serde::Deserialize;
use serde_json::{Value, json};

use super::calls::call_summary;
use super::extract::{Managers, Posted, SignedIn, Staff};
use super::refusal::{Refusal, is_expected};
use super::session::Visitor;
use super::{context, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The "record the whole proposal" form.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    reason: String,
}

/// Decisions a manager takes from the ranking; other actions stay on the application page.
const DECISIONS: [ApplicationAction; 5] = [
    ApplicationAction::Award,
    ApplicationAction::Reserve,
    ApplicationAction::Reject,
    ApplicationAction::Shortlist,
    ApplicationAction::NotShortlist,
];

fn row(
    state: &AppState,
    visitor: &Visitor,
    ranking: &CallRanking,
    application: &Application,
    rank: Option<usize>,
    manager: bool,
    refusal: Option<&Refusal>,
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
            .filter(|action| DECISIONS.contains(action))
            .map(|action| {
                let form = format!("{}-{action}", application.id);
                let amount = (action == ApplicationAction::Award)
                    .then(|| proposed.and_then(|p| p.amount).or(application.requested_amount).map(|m| m.to_string()))
                    .flatten();
                json!({
                    "name": action.to_string(),
                    "label": t(format!("action_{action}")),
                    "needs_reason": decision_needs_reason(action),
                    "asks_amount": action == ApplicationAction::Award,
                    "amount": Refusal::typed_or(refusal, &form, "amount", amount),
                    "reason": Refusal::typed_or(refusal, &form, "reason", None),
                    "refused": Refusal::for_form(refusal, &form),
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
pub async fn show(State(state): State<AppState>, signed: SignedIn<Staff>, ApiPath(id): ApiPath<i64>) -> Response {
    render(&state, &signed.visitor, &signed.user, id, None).await
}

/// The ranking page, with `refusal` next to the form it refused.
pub(crate) async fn render(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    refusal: Option<&Refusal>,
) -> Response {
    match lots(state, visitor, user, id, refusal).await {
        Ok(extra) => {
            let ctx = context(state, visitor, "title_ranking", extra);
            page(state, refusal.map_or(StatusCode::OK, |r| r.status), "ranking", &ctx)
        }
        Err(err) => failure_page(state, visitor, &AppError::from(err)),
    }
}

async fn lots(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let call = state.store.call(id).await?;
    let ranking = state.store.call_ranking(id).await?;
    let applications = state.store.call_applications(id, None).await?;
    let manager = user.viewer().can_manage_calls();
    let find = |application_id: i64| applications.iter().find(|a| a.id == application_id);
    let mut lots = Vec::new();
    for lot in &call.lots {
        let ranked = ranking.ranking.lots.get(&lot.id).map(Vec::as_slice).unwrap_or_default();
        let rows: Vec<Value> = ranked
            .iter()
            .filter_map(|r| {
                find(r.candidate.application_id)
                    .map(|a| row(state, visitor, &ranking, a, Some(r.rank), manager, refusal))
            })
            .collect();
        let eliminated: Vec<Value> = ranking
            .ranking
            .eliminated
            .iter()
            .filter(|c| c.lot_id == lot.id)
            .filter_map(|c| find(c.application_id).map(|a| row(state, visitor, &ranking, a, None, manager, refusal)))
            .collect();
        let proposed_total = ranking.proposals.iter().find(|p| p.lot_id == lot.id).map(|p| p.proposal.awarded_total());
        lots.push(json!({
            "name": lot.name,
            "budget": lot.budget.to_string(),
            "proposed_total": proposed_total.map(|t| t.to_string()),
            "awarded_total": state.store.lot_awarded(lot.id).await?.to_string(),
            "rows": rows,
            "eliminated": eliminated,
        }));
    }
    let waiting = applications.iter().filter(|a| a.state == ApplicationState::Evaluated).count();
    Ok(json!({
        "call": call_summary(state, visitor, &call),
        "lots": lots,
        "back": format!("/calls/{id}/ranking"),
        "can_apply": manager && waiting > 0,
        "waiting": waiting,
        "apply_refused": Refusal::for_form(refusal, "apply"),
        "apply_reason": Refusal::typed_or(refusal, "apply", "reason", None),
    }))
}

/// Records the whole proposal (managers); a refusal comes back to the ranking with what was recorded
/// before it and why it stopped.
pub async fn apply(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<ApplyForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let now = state.clock.now();
    match state.store.apply_award_proposal(id, user.id, &form.reason, visitor.lang, now).await {
        Ok(_) => see_other(&format!("/calls/{id}/ranking")),
        Err(stop) => {
            let err = AppError::from(stop.refusal);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let mut refusal = Refusal::new(&state.pages, visitor.lang, "apply", &err, &fields);
            if !stop.decided.is_empty() {
                let t = |key: String| state.pages.text(visitor.lang, &key);
                let done: Vec<String> = stop
                    .decided
                    .iter()
                    .map(|d| format!("{} ({})", d.reference, t(format!("proposal_{}", d.action))))
                    .collect();
                refusal.message =
                    format!("{} {} {}", refusal.message, t("ranking_recorded_before".into()), done.join(", "));
            }
            render(&state, &visitor, &user, id, Some(&refusal)).await
        }
    }
}

/// The evaluation report of a call, printable (programme staff).
pub async fn report(State(state): State<AppState>, signed: SignedIn<Staff>, ApiPath(id): ApiPath<i64>) -> Response {
    let rendered = match state.store.evaluation_report(id).await {
        Ok(report) => crate::evaluation_report::render_html(&state.pages, &report),
        Err(err) => return failure_page(&state, &signed.visitor, &AppError::from(err)),
    };
    match rendered {
        Ok(html) => axum::response::IntoResponse::into_response(axum::response::Html(html)),
        Err(err) => failure_page(&state, &signed.visitor, &AppError::internal(&err)),
    }
}
