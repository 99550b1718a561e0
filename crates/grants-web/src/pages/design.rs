//! Managers design calls on the pages: a new draft call from a form, and the call's actions (publish,
//! close, …) as buttons generated from the call table.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Duration, NaiveDateTime, Utc};
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Money, Role};
use grants_store::StoreError;
use grants_store::calls::CallDesign;
use grants_store::transition::ActionRequest;
use grants_workflow::{Actor, CallAction, CallMachine, choose_actor};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::session::Visitor;
use super::{context, error_page, page, refusal_page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The new-call form, kept as typed when it fails.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct CallForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_fr: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    description_fr: String,
    #[serde(default)]
    procedure: String,
    #[serde(default)]
    total_budget: String,
    #[serde(default)]
    min_grant: String,
    #[serde(default)]
    max_grant: String,
    #[serde(default)]
    opens_at: String,
    #[serde(default)]
    deadline_at: String,
    #[serde(default)]
    display_timezone: String,
}

/// A call action's form.
#[derive(Debug, Deserialize)]
pub struct CallActionForm {
    csrf: String,
    reason: Option<String>,
}

fn manager(visitor: &Visitor) -> Option<grants_store::User> {
    visitor.session.as_ref().map(|s| s.user.clone()).filter(|u| u.viewer().has(Role::Manager))
}

fn render(state: &AppState, visitor: &Visitor, form: &CallForm, errors: &[String], status: StatusCode) -> Response {
    let mut shown = serde_json::to_value(form).unwrap_or(Value::Null);
    shown["csrf"] = Value::Null;
    page(
        state,
        status,
        "new_call",
        &context(state, visitor, "title_new_call", json!({ "form": shown, "errors": errors })),
    )
}

/// The new-call form (managers).
pub async fn new_call(State(state): State<AppState>, visitor: Visitor) -> Response {
    if manager(&visitor).is_none() {
        return if visitor.session.is_some() {
            error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden")
        } else {
            see_other("/login")
        };
    }
    let now = state.clock.now();
    let form = CallForm {
        procedure: "open".into(),
        opens_at: now.format("%Y-%m-%dT%H:%M").to_string(),
        deadline_at: (now + Duration::days(45)).format("%Y-%m-%dT23:59").to_string(),
        display_timezone: "UTC".into(),
        ..CallForm::default()
    };
    render(&state, &visitor, &form, &[], StatusCode::OK)
}

/// Creates the draft call.
pub async fn create_call(State(state): State<AppState>, visitor: Visitor, Form(form): Form<CallForm>) -> Response {
    let Some(user) = manager(&visitor) else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    if visitor.csrf() != form.csrf {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    let mut errors = Vec::new();
    let mut money = |label: &str, text: &str| match text.parse::<Money>() {
        Ok(m) => m,
        Err(e) => {
            errors.push(format!("{label}: {e}"));
            Money::ZERO
        }
    };
    let (total, min, max) = (
        money("total_budget", &form.total_budget),
        money("min_grant", &form.min_grant),
        money("max_grant", &form.max_grant),
    );
    let mut instant = |label: &str, text: &str| {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M") {
            t.and_utc()
        } else {
            errors.push(format!("{label}: YYYY-MM-DDTHH:MM"));
            Utc::now()
        }
    };
    let (opens_at, deadline_at) = (instant("opens_at", &form.opens_at), instant("deadline_at", &form.deadline_at));
    if !errors.is_empty() {
        return render(&state, &visitor, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let rules = CallRules {
        reference: form.reference.trim().to_owned(),
        title_en: form.title_en.clone(),
        title_fr: form.title_fr.clone(),
        description_en: form.description_en.clone(),
        description_fr: form.description_fr.clone(),
        procedure: if form.procedure == "restricted" { Procedure::Restricted } else { Procedure::Open },
        total_budget: total,
        min_grant: min,
        max_grant: max,
        opens_at,
        deadline_at,
        display_timezone: if form.display_timezone.trim().is_empty() {
            "UTC".into()
        } else {
            form.display_timezone.trim().to_owned()
        },
    };
    let design = CallDesign { rules, settings: CallSettings::defaults_for(state.store.programme()), lots: Vec::new() };
    match state.store.create_call(design, user.id, state.clock.now()).await {
        Ok(call) => see_other(&format!("/calls/{}", call.id)),
        Err(StoreError::Validation(v)) => {
            let lines: Vec<String> = v.errors.into_iter().map(|e| e.message).collect();
            render(&state, &visitor, &form, &lines, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => {
            let message = AppError::from(other).message().to_owned();
            render(&state, &visitor, &form, &[message], StatusCode::CONFLICT)
        }
    }
}

/// Performs a call action from its button.
pub async fn call_action(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    Form(form): Form<CallActionForm>,
) -> Response {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return see_other("/login") };
    if visitor.csrf() != form.csrf {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    let Ok(action) = action.parse::<CallAction>() else {
        return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let call = match state.store.call(id).await {
        Ok(call) if user.viewer().sees_draft_calls() || call.state != grants_workflow::CallState::Draft => call,
        _ => return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
    };
    let candidates: Vec<Actor> = user.roles.iter().map(|r| Actor::Role(*r)).collect();
    let Some(actor) = choose_actor::<CallMachine>(call.state, action, &candidates) else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
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
        Ok(_) => see_other(&format!("/calls/{id}")),
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}
