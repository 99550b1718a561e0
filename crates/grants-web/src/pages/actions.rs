//! The forms on an application's page: an action of its table, the eligibility checklist, and a manager
//! assigning or removing an evaluator. A refusal comes back to the page the form was on (the application,
//! or the ranking when a decision was taken there) with the reason and what was typed.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_store::User;
use grants_store::access::acting_roles;
use grants_store::transition::ActionRequest;
use grants_workflow::{ApplicationAction, ApplicationMachine, choose_actor};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Managers, Posted};
use super::refusal::{Refusal, is_expected};
use super::session::Visitor;
use super::{done, error_page, failure_page, local_path, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// An action form: an optional reason, and the fields of the actions that need more (a clarification's
/// question and due date, the applicant's answer, an amount, the agreement's dates).
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    reason: Option<String>,
    question: Option<String>,
    due_date: Option<String>,
    answer: Option<String>,
    amount: Option<String>,
    /// Where to go back to after the action, when it was taken from another page (the ranking).
    back: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
}

impl ActionForm {
    /// The structured payload the action expects.
    fn payload(&self) -> Value {
        let mut payload = serde_json::Map::new();
        let text =
            |value: &Option<String>| value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        if let Some(question) = text(&self.question) {
            payload.insert("question".into(), json!(question));
        }
        if let Some(date) = text(&self.due_date).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            let end_of_day = date.and_hms_opt(23, 59, 59).map(|t| t.and_utc().to_rfc3339());
            payload.insert("due_at".into(), json!(end_of_day));
        }
        if let Some(amount) = text(&self.amount) {
            let plain = grants_domain::typed_amount::plain_decimal(&amount).unwrap_or(amount);
            payload.insert("amount".into(), json!(plain));
        }
        for (key, value) in [("answer", &self.answer), ("starts_on", &self.starts_on), ("ends_on", &self.ends_on)] {
            if let Some(text) = text(value) {
                payload.insert(key.into(), json!(text));
            }
        }
        if payload.is_empty() { Value::Null } else { Value::Object(payload) }
    }

    /// The call whose ranking page the action was taken from, when it was, and the part of it shown.
    fn ranking_call(&self) -> Option<(i64, super::ranking::View)> {
        let back = local_path(self.back.as_deref()?)?;
        let (path, query) = back.split_once('?').unwrap_or((back, ""));
        let call = path.strip_prefix("/calls/")?.strip_suffix("/ranking")?.parse().ok()?;
        Some((call, super::ranking::View::from_query_string(query)))
    }
}

/// The evaluator picked by hand.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    evaluator_id: i64,
}

/// Why an evaluator is removed.
#[derive(Debug, Deserialize)]
pub struct RemoveForm {
    #[serde(default)]
    reason: String,
}

/// Shows the application page again with the refusal of `form`, or the error page for a failure the page
/// cannot show.
async fn refused(
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
    super::application::render(state, visitor, user, id, Some(&refusal)).await
}

/// Performs an action from its button.
pub async fn act(
    State(state): State<AppState>,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    posted: Posted<ActionForm>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let found = match state.store.visible_application(&user, id).await {
        Ok(found) => found,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let Ok(action) = action.parse::<ApplicationAction>() else {
        return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let Some(actor) =
        choose_actor::<ApplicationMachine>(found.state, action, &acting_roles(&user, found.organisation_id))
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    if super::confirm::APPLICATION_ACTIONS.contains(&action) && !super::confirm::confirmed(&fields) {
        let question = super::confirm::Question {
            label_key: format!("action_{action}"),
            on: ("application", action.to_string()),
            subject: super::confirm::application_subject(&found),
            back: format!("/applications/{id}"),
            fields: &fields,
        };
        return super::confirm::ask(&state, &visitor, &question);
    }
    let payload = form.payload();
    let reason = form.reason.as_deref().filter(|r| !r.trim().is_empty());
    let request = ActionRequest {
        actor,
        actor_user_id: Some(user.id),
        reason,
        payload: &payload,
        expected_version: None,
        now: state.clock.now(),
        language: visitor.lang,
    };
    let ranking = form.ranking_call();
    match (state.store.apply_application_action(id, action, request).await, ranking) {
        (Ok(_), Some((call, view))) => done(&state, &view.path_of(call), action.as_ref()),
        (Ok(_), None) => done(&state, &format!("/applications/{id}"), action.as_ref()),
        (Err(err), Some((call, view))) => {
            let err = AppError::from(err);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let refusal = Refusal::new(&state.pages, visitor.lang, &format!("{id}-{action}"), &err, &fields);
            super::ranking::render(&state, &visitor, &user, call, view, Some(&refusal)).await
        }
        (Err(err), None) => refused(&state, &visitor, &user, id, action.as_ref(), AppError::from(err), &fields).await,
    }
}

/// Records the checklist from the application page (managers): every item answered, with a note where
/// it failed.
pub async fn record_checklist(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Vec<(String, String)>, Managers>,
) -> Response {
    let Posted { visitor, user, fields, .. } = posted;
    if let Err(err) = state.store.visible_application(&user, id).await {
        return failure_page(&state, &visitor, &AppError::from(err));
    }
    let now = state.clock.now();
    let answers: Vec<(&str, bool, Option<&str>)> = fields
        .iter()
        .filter_map(|(name, value)| {
            let code = name.strip_prefix("pass:")?;
            let note = fields.iter().find(|(k, _)| *k == format!("note:{code}")).map(|(_, v)| v.as_str());
            Some((code, value == "yes", note))
        })
        .collect();
    match state.store.record_checks(id, &answers, user.id, now).await {
        Ok(()) => see_other(&format!("/applications/{id}")),
        Err(err) => refused(&state, &visitor, &user, id, "checklist", AppError::from(err), &fields).await,
    }
}

/// Assigns an evaluator by hand (managers).
pub async fn assign_evaluator(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<AssignForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    match state.store.assign_evaluator(id, form.evaluator_id, user.id, state.clock.now()).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(err) => refused(&state, &visitor, &user, id, "assign", AppError::from(err), &fields).await,
    }
}

/// Removes an evaluator with a reason (managers).
pub async fn remove_evaluator(
    State(state): State<AppState>,
    ApiPath((id, assignment)): ApiPath<(i64, i64)>,
    posted: Posted<RemoveForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    match state.store.remove_assignment(id, assignment, user.id, &form.reason, state.clock.now()).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(err) => {
            refused(&state, &visitor, &user, id, &format!("remove-{assignment}"), AppError::from(err), &fields).await
        }
    }
}
