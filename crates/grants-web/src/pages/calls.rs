//! The calls: the list, a call's page with the way to apply and the call's actions from its table, and
//! the call-level forms (start an application, call actions, automatic assignment).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Role;
use grants_store::access::{call_roles, visible_call_states};
use grants_store::applications::DraftChanges;
use grants_store::listing::CallSummary;
use grants_store::transition::ActionRequest;
use grants_store::{Call, User};
use grants_workflow::{CallAction, CallMachine, CallState, Input, actions_for, choose_actor, inputs_for};
use serde::Deserialize;
use serde_json::{Value, json};

use super::call_facts::{closes_in, who_may_apply};
use super::extract::{Managers, Posted};
use super::format::local_time;
use super::refusal::{Refusal, is_expected};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The apply form: when the call has several lots, the chosen one.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    lot_id: Option<i64>,
}

/// A call action's form: the reason, when the row needs one.
#[derive(Debug, Deserialize)]
pub struct CallActionForm {
    reason: Option<String>,
}

/// A form with nothing but its CSRF token (checked by the extractor).
#[derive(Debug, Deserialize)]
pub struct Empty {}

/// What the call page shows of a call, in the reader's language.
pub(crate) fn call_summary(state: &AppState, visitor: &Visitor, call: &Call) -> Value {
    listed_call(state, visitor, &CallSummary::of(call))
}

/// What the lists show of a call (read without its settings), in the reader's language.
fn listed_call(state: &AppState, visitor: &Visitor, call: &CallSummary) -> Value {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let french = visitor.lang == grants_domain::Language::FR;
    let title = call.rules.title(visitor.lang);
    let description = if french && !call.rules.description_fr.is_empty() {
        &call.rules.description_fr
    } else {
        &call.rules.description_en
    };
    json!({
        "id": call.id,
        "reference": call.rules.reference,
        "title": title,
        "description": description,
        "deadline": local_time(call.rules.deadline_at, &call.rules.display_timezone, visitor.lang),
        "state": call.state.to_string(),
        "state_label": t(format!("call_state_{}", call.state)),
        "total_budget": call.rules.total_budget.euros(visitor.lang),
        "min_grant": call.rules.min_grant.euros(visitor.lang),
        "max_grant": call.rules.max_grant.euros(visitor.lang),
        "procedure_label": t(format!("procedure_{}", call.rules.procedure)),
    })
}

/// `/`: the calls, for everyone (a CSO reads what is open before it has an account).
pub async fn home() -> Response {
    see_other("/calls")
}

/// The calls the visitor may see; published calls need no account.
pub async fn list(State(state): State<AppState>, visitor: Visitor) -> Response {
    let viewer = visitor.session.as_ref().map(|s| s.user.viewer());
    let states = visible_call_states(viewer.as_ref());
    match state.store.call_summaries(Some(&states), 1, 100).await {
        Ok(found) => {
            let calls: Vec<Value> = found.iter().map(|c| listed_call(&state, &visitor, c)).collect();
            let can_create = viewer.as_ref().is_some_and(grants_domain::Viewer::can_manage_calls);
            let extra = json!({ "calls": calls, "can_create": can_create });
            page(&state, StatusCode::OK, "calls", context(&state, &visitor, "title_calls", extra))
        }
        Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
    }
}

/// One call, with the way to apply when open.
pub async fn show(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    let user = visitor.session.as_ref().map(|s| s.user.clone());
    render(&state, &visitor, user.as_ref(), id, None).await
}

/// The call page, with `refusal` next to the form it refused; `user` is `None` for someone not signed in.
async fn render(
    state: &AppState,
    visitor: &Visitor,
    user: Option<&User>,
    id: i64,
    refusal: Option<&Refusal>,
) -> Response {
    let viewer = user.map(User::viewer);
    let found = match state.store.visible_call(viewer.as_ref(), id).await {
        Ok(call) => call,
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    let now = state.clock.now();
    let accepting = found.state == CallState::Published && now >= found.rules.opens_at && now < found.rules.deadline_at;
    let can_apply =
        accepting && user.is_some_and(|u| u.viewer().has(Role::Applicant) && !u.organisation_ids.is_empty());
    let mut call_actions: Vec<Value> = Vec::new();
    for actor in user.map(call_roles).unwrap_or_default() {
        for action in actions_for::<CallMachine>(found.state, actor) {
            let name = action.to_string();
            if !call_actions.iter().any(|a| a["name"] == name) {
                call_actions.push(json!({
                    "name": name,
                    "label": state.pages.text(visitor.lang, &format!("call_action_{name}")),
                    "needs_reason": inputs_for::<CallMachine>(found.state, action).contains(&Input::Reason),
                    "refused": Refusal::for_form(refusal, &name),
                    "reason": Refusal::typed_or(refusal, &name, "reason", None),
                }));
            }
        }
    }
    let manages = viewer.as_ref().is_some_and(grants_domain::Viewer::can_manage_calls);
    let documents = match state.store.call_documents(id).await {
        Ok(documents) => super::call_documents::rows(visitor.lang, &documents),
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    let documents_open = !matches!(found.state, CallState::Archived | CallState::Cancelled);
    let questions = match state.store.call_questions(id, user.map(|u| u.id), manages).await {
        Ok(questions) => super::call_questions::section(&found, &questions, user, now, refusal, visitor.lang),
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    let can_assign = manages && matches!(found.state, CallState::Published | CallState::Closed | CallState::Evaluating);
    let sign_in_next: String = url::form_urlencoded::byte_serialize(format!("/calls/{id}").as_bytes()).collect();
    let ctx = context(
        state,
        visitor,
        "title_call",
        json!({
            "call": call_summary(state, visitor, &found),
            "who_may_apply": who_may_apply(state, visitor, &found),
            "closes_in": accepting.then(|| closes_in(state, visitor, found.rules.deadline_at - now)),
            "invite_to_sign_in": accepting && user.is_none(),
            "sign_in_next": sign_in_next,
            "documents": documents,
            "questions": questions,
            "can_manage_documents": manages && documents_open,
            "documents_refused": Refusal::for_form(refusal, super::call_documents::FORM),
            "document_title": Refusal::typed_or(refusal, super::call_documents::FORM, "title", None),
            "can_apply": can_apply,
            "apply_refused": Refusal::for_form(refusal, "apply"),
            "can_assign": can_assign,
            "assign_refused": Refusal::for_form(refusal, "assign"),
            "can_report": viewer.as_ref().is_some_and(grants_domain::Viewer::is_programme_staff),
            "can_edit": found.state == CallState::Draft && manages,
            "can_copy": manages,
            "call_actions": call_actions,
            "multiple_lots": found.lots.len() > 1,
            "lots": found.lots.iter().map(|l| json!({ "id": l.id, "name": l.name_in(visitor.lang), "budget": l.budget.euros(visitor.lang) })).collect::<Vec<_>>(),
        }),
    );
    page(state, refusal.map_or(StatusCode::OK, |r| r.status), "call", ctx)
}

/// The call page again with `refusal` beside the form it refused.
pub(crate) async fn render_refused(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    refusal: &Refusal,
) -> Response {
    render(state, visitor, Some(user), id, Some(refusal)).await
}

/// Shows a refused call-page form again with its reason, or the error page when the failure is not one
/// the page can show.
pub(crate) async fn refused_form(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    form: &str,
    err: AppError,
    typed: &[(String, String)],
) -> Response {
    if !is_expected(&err) {
        return failure_page(state, visitor, &err);
    }
    let refusal = Refusal::new(&state.pages, visitor.lang, form, &err, typed);
    render(state, visitor, Some(user), id, Some(&refusal)).await
}

/// Starts a draft application (applicants).
pub async fn apply(State(state): State<AppState>, ApiPath(id): ApiPath<i64>, posted: Posted<ApplyForm>) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let Some(organisation) = user.organisation_ids.first().copied().filter(|_| user.viewer().has(Role::Applicant))
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    match state.store.existing_draft(id, organisation, form.lot_id).await {
        Ok(Some(draft)) => return see_other(&format!("/applications/{draft}")),
        Ok(None) => {}
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    }
    let content = DraftChanges { answers: None, lot_id: form.lot_id };
    match state.store.create_application(id, organisation, user.id, content, state.clock.now()).await {
        Ok(application) => see_other(&format!("/applications/{}", application.id)),
        Err(err) => refused_form(&state, &visitor, &user, id, "apply", AppError::from(err), &fields).await,
    }
}

/// Performs a call action from its button.
pub async fn act(
    State(state): State<AppState>,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    posted: Posted<CallActionForm>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let Ok(action) = action.parse::<CallAction>() else {
        return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let call = match state.store.visible_call(Some(&user.viewer()), id).await {
        Ok(call) => call,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let Some(actor) = choose_actor::<CallMachine>(call.state, action, &call_roles(&user)) else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    if super::confirm::CALL_ACTIONS.contains(&action) && !super::confirm::confirmed(&fields) {
        let title = call.rules.title(visitor.lang);
        let question = super::confirm::Question {
            label_key: format!("call_action_{action}"),
            on: ("call", action.to_string()),
            subject: format!("{} — {title}", call.rules.reference),
            back: format!("/calls/{id}"),
            fields: &fields,
        };
        return super::confirm::ask(&state, &visitor, &question);
    }
    let reason = form.reason.filter(|r| !r.trim().is_empty());
    let request = ActionRequest {
        actor,
        actor_user_id: Some(user.id),
        reason: reason.as_deref(),
        payload: &Value::Null,
        expected_version: None,
        now: state.clock.now(),
        language: visitor.lang,
    };
    match state.store.apply_call_action(id, action, request).await {
        Ok(_) => super::done(&state, &format!("/calls/{id}"), action.as_ref()),
        Err(err) => refused_form(&state, &visitor, &user, id, action.as_ref(), AppError::from(err), &fields).await,
    }
}

/// Assigns evaluators automatically to the call's eligible applications (managers).
pub async fn assign_evaluators(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Empty, Managers>,
) -> Response {
    let Posted { visitor, user, fields, .. } = posted;
    match state.store.auto_assign(id, user.id, state.clock.now()).await {
        Ok(_) => see_other(&format!("/applications?call={id}")),
        Err(err) => refused_form(&state, &visitor, &user, id, "assign", AppError::from(err), &fields).await,
    }
}
