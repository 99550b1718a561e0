//! The portal pages: calls, a call, applications, an application with its history and the actions the
//! transition table allows the visitor now.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use grants_domain::Role;
use grants_store::applications::{ApplicationFilter, DraftChanges};
use grants_store::events::Subject;
use grants_store::listing::CallSummary;
use grants_store::transition::ActionRequest;
use grants_store::{Call, StoreError};
use grants_workflow::{Actor, ApplicationAction, ApplicationMachine, CallState, actions_for, choose_actor};
use serde::Deserialize;
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::session::Visitor;
use super::{context, error_page, page, refusal_page, see_other};
use crate::api::applications::{candidates, visible_application};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// An action form: its CSRF token, an optional reason, and the fields of the actions that need more
/// (a clarification's question and due date, the applicant's answer).
#[derive(Debug, Deserialize)]
pub struct ActionForm {
    csrf: String,
    reason: Option<String>,
    question: Option<String>,
    due_date: Option<String>,
    answer: Option<String>,
    amount: Option<String>,
    /// Where to go back to after the action, when it was taken from another page (the ranking).
    back: Option<String>,
    /// The agreement's first and last day (`sign_agreement`).
    starts_on: Option<String>,
    ends_on: Option<String>,
}

impl ActionForm {
    /// The structured payload the action expects.
    fn payload(&self) -> Value {
        let mut payload = serde_json::Map::new();
        if let Some(question) = self.question.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            payload.insert("question".into(), json!(question));
        }
        if let Some(date) = self.due_date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            let end_of_day = date.and_hms_opt(23, 59, 59).map(|t| t.and_utc().to_rfc3339());
            payload.insert("due_at".into(), json!(end_of_day));
        }
        if let Some(answer) = self.answer.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            payload.insert("answer".into(), json!(answer));
        }
        if let Some(amount) = self.amount.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            payload.insert("amount".into(), json!(amount));
        }
        for (key, value) in [("starts_on", &self.starts_on), ("ends_on", &self.ends_on)] {
            if let Some(day) = value.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                payload.insert(key.into(), json!(day));
            }
        }
        if payload.is_empty() { Value::Null } else { Value::Object(payload) }
    }
}

/// A form carrying only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

/// The apply form: its CSRF token and, when the call has several lots, the chosen one.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    csrf: String,
    lot_id: Option<i64>,
}

/// A deadline in its call's timezone, with the zone named.
pub fn local_time(at: DateTime<Utc>, timezone: &str) -> String {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(zone) => format!("{} ({timezone})", at.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")),
        Err(_) => format!("{} (UTC)", at.format("%Y-%m-%d %H:%M")),
    }
}

fn signed_in(visitor: &Visitor) -> Option<grants_store::User> {
    visitor.session.as_ref().map(|s| s.user.clone())
}

fn failure(state: &AppState, visitor: &Visitor, err: &AppError) -> Response {
    let key = match err.status() {
        StatusCode::NOT_FOUND => "error_not_found",
        StatusCode::FORBIDDEN => "error_forbidden",
        _ => "error_generic",
    };
    error_page(state, visitor, err.status(), key)
}

pub(crate) fn call_summary(state: &AppState, visitor: &Visitor, call: &Call) -> Value {
    listed_call(state, visitor, &CallSummary::of(call))
}

/// A call as the calls list shows it (read without its settings).
fn listed_call(state: &AppState, visitor: &Visitor, call: &CallSummary) -> Value {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let title = match visitor.lang {
        grants_domain::Language::Fr if !call.rules.title_fr.is_empty() => call.rules.title_fr.clone(),
        _ => call.rules.title_en.clone(),
    };
    json!({
        "id": call.id,
        "reference": call.rules.reference,
        "title": title,
        "description": if visitor.lang == grants_domain::Language::Fr && !call.rules.description_fr.is_empty() { &call.rules.description_fr } else { &call.rules.description_en },
        "deadline": local_time(call.rules.deadline_at, &call.rules.display_timezone),
        "state": call.state.to_string(),
        "state_label": t(format!("call_state_{}", call.state)),
        "total_budget": call.rules.total_budget.to_string(),
        "min_grant": call.rules.min_grant.to_string(),
        "max_grant": call.rules.max_grant.to_string(),
        "procedure_label": t(format!("procedure_{}", call.rules.procedure)),
    })
}

/// `/`: the calls for a signed-in visitor, the sign-in page otherwise.
pub async fn home(visitor: Visitor) -> Response {
    if visitor.session.is_some() { see_other("/calls") } else { see_other("/login") }
}

/// The calls the visitor may see.
pub async fn calls(State(state): State<AppState>, visitor: Visitor) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    let states: Vec<CallState> =
        CallState::iter().filter(|s| *s != CallState::Draft || user.viewer().sees_draft_calls()).collect();
    match state.store.list_call_summaries(Some(&states), 1, 100).await {
        Ok(found) => {
            let calls: Vec<Value> = found.items.iter().map(|c| listed_call(&state, &visitor, c)).collect();
            page(
                &state,
                StatusCode::OK,
                "calls",
                &context(
                    &state,
                    &visitor,
                    "title_calls",
                    json!({ "calls": calls, "can_create": user.viewer().can_manage_calls() }),
                ),
            )
        }
        Err(err) => failure(&state, &visitor, &AppError::from(err)),
    }
}

/// One call, with the way to apply when open.
pub async fn call(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    let found = match state.store.call(id).await {
        Ok(call) if call.state != CallState::Draft || user.viewer().sees_draft_calls() => call,
        Ok(_) | Err(StoreError::NotFound(_)) => {
            return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
        }
        Err(err) => return failure(&state, &visitor, &AppError::from(err)),
    };
    let now = state.clock.now();
    let can_apply = user.viewer().has(Role::Applicant)
        && !user.organisation_ids.is_empty()
        && found.state == CallState::Published
        && now >= found.rules.opens_at
        && now < found.rules.deadline_at;
    let mut call_actions: Vec<Value> = Vec::new();
    for role in &user.roles {
        for action in actions_for::<grants_workflow::CallMachine>(found.state, Actor::Role(*role)) {
            let name = action.to_string();
            if !call_actions.iter().any(|a| a["name"] == name) {
                call_actions.push(
                    json!({ "name": name, "label": state.pages.text(visitor.lang, &format!("call_action_{name}")) }),
                );
            }
        }
    }
    let can_assign = user.viewer().can_manage_calls()
        && matches!(found.state, CallState::Published | CallState::Closed | CallState::Evaluating);
    let ctx = context(
        &state,
        &visitor,
        "title_call",
        json!({
            "call": call_summary(&state, &visitor, &found),
            "can_apply": can_apply,
            "can_assign": can_assign,
            "can_report": user.viewer().is_programme_staff(),
            "can_edit": found.state == CallState::Draft && user.viewer().can_manage_calls(),
            "call_actions": call_actions,
            "multiple_lots": found.lots.len() > 1,
            "lots": found.lots.iter().map(|l| json!({ "id": l.id, "name": l.name, "budget": l.budget.to_string() })).collect::<Vec<_>>(),
        }),
    );
    page(&state, StatusCode::OK, "call", &ctx)
}

/// Starts a draft application (applicants).
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
    let Some(organisation) = user.organisation_ids.first().copied().filter(|_| user.viewer().has(Role::Applicant))
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    let content = DraftChanges { answers: None, lot_id: form.lot_id };
    match state.store.create_application(id, organisation, user.id, content, state.clock.now()).await {
        Ok(application) => see_other(&format!("/applications/{}", application.id)),
        Err(err) => failure(&state, &visitor, &AppError::from(err)),
    }
}

/// `?state=&sort=&page=` of the applications list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    call: Option<String>,
    state: Option<String>,
    sort: Option<String>,
    page: Option<u64>,
}

/// Rows per page of the applications list.
const PER_PAGE: u64 = 25;

/// The applications the visitor may see, filtered, sorted and paginated.
pub async fn applications(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    let mut scope = user.viewer().application_scope();
    if scope == grants_domain::ApplicationScope::Nothing && user.viewer().has(Role::Evaluator) {
        match state.store.declared_application_ids(user.id).await {
            Ok(ids) => scope = grants_domain::ApplicationScope::Applications(ids),
            Err(err) => return failure(&state, &visitor, &AppError::from(err)),
        }
    }
    let wanted = query.state.as_deref().and_then(|s| s.parse::<grants_workflow::ApplicationState>().ok());
    let by_reference = query.sort.as_deref() == Some("reference");
    let page_number = query.page.unwrap_or(1).max(1);
    let call_id = query.call.as_deref().and_then(|c| c.parse::<i64>().ok());
    let filter = ApplicationFilter { call_id, state: wanted, by_reference };
    let found = match state.store.list_application_summaries(&scope, &filter, page_number, PER_PAGE).await {
        Ok(found) => found,
        Err(err) => return failure(&state, &visitor, &AppError::from(err)),
    };
    let mut rows = Vec::new();
    for application in found.items {
        let next_report = if application.state == grants_workflow::ApplicationState::Contracted {
            super::grant::next_report(&state, &visitor, application.id).await
        } else {
            Value::Null
        };
        rows.push(json!({
            "id": application.id,
            "reference": application.reference,
            "title": application.title,
            "next_report": next_report,
            "state_label": state.pages.text(visitor.lang, &format!("state_{}", application.state)),
            "call_reference": application.call_reference,
            "updated_at": application.updated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        }));
    }
    let states: Vec<Value> = grants_workflow::ApplicationState::iter()
        .map(|s| json!({ "value": s.to_string(), "label": state.pages.text(visitor.lang, &format!("state_{s}")), "selected": Some(s) == wanted }))
        .collect();
    let visible_states: Vec<CallState> =
        CallState::iter().filter(|s| *s != CallState::Draft || user.viewer().sees_draft_calls()).collect();
    let calls: Vec<Value> = match state.store.list_call_summaries(Some(&visible_states), 1, 100).await {
        Ok(found) => found
            .items
            .iter()
            .map(|c| json!({ "value": c.id, "label": c.rules.reference, "selected": Some(c.id) == call_id }))
            .collect(),
        Err(err) => return failure(&state, &visitor, &AppError::from(err)),
    };
    let link = |n: u64| {
        let mut url = format!("/applications?page={n}");
        if let Some(id) = call_id {
            url.push_str("&call=");
            url.push_str(&id.to_string());
        }
        if let Some(s) = wanted {
            url.push_str("&state=");
            url.push_str(s.as_ref());
        }
        if by_reference {
            url.push_str("&sort=reference");
        }
        url
    };
    let previous = (page_number > 1).then(|| link(page_number - 1));
    let next = (page_number * PER_PAGE < found.total).then(|| link(page_number + 1));
    let ctx = context(
        &state,
        &visitor,
        "title_applications",
        json!({
            "applications": rows,
            "states": states,
            "calls": calls,
            "sort": if by_reference { "reference" } else { "recent" },
            "total": found.total,
            "previous": previous,
            "next": next,
        }),
    );
    page(&state, StatusCode::OK, "applications", &ctx)
}

/// An application's history as the visitor may read it: staff see every event, others the actions only.
async fn history_of(state: &AppState, visitor: &Visitor, id: i64, staff: bool) -> Vec<Value> {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let Some(viewer) = visitor.session.as_ref().map(|s| s.user.viewer()) else { return Vec::new() };
    state
        .store
        .history_for(Subject::Application(id), &viewer)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter(|e| staff || ApplicationAction::iter().any(|a| a.as_ref() == e.action))
        .map(|e| {
            json!({
                "action_label": t(format!("action_{}", e.action)),
                "from_label": t(format!("state_{}", e.from_state)),
                "to_label": t(format!("state_{}", e.to_state)),
                "at": e.occurred_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                "reason": e.reason,
            })
        })
        .collect()
}

/// One application: where it stands, its history, and the buttons the transition table allows.
pub async fn application(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    let found = match visible_application(&state, &user, id).await {
        Ok(found) => found,
        Err(err) if err.code() == "declaration_required" => {
            return see_other(&format!("/applications/{id}/declaration"));
        }
        Err(err) => return failure(&state, &visitor, &err),
    };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let can_score = found.state == grants_workflow::ApplicationState::InEvaluation
        && matches!(
            state.store.evaluator_access(id, user.id).await,
            Ok(grants_store::assignments::EvaluatorAccess::Granted(_))
        );
    let call_reference = state.store.call(found.call_id).await.map(|c| c.rules.reference).unwrap_or_default();
    let organisation = if state.store.sees_applicant(&found, &user.viewer()).await.unwrap_or(false) {
        state.store.organisation(found.organisation_id).await.map(|o| o.name).unwrap_or_default()
    } else {
        state.pages.text(visitor.lang, "identity_hidden")
    };
    let staff = user.viewer().is_programme_staff();
    let (assigning, assignments, evaluators) = assignment_panel(&state, &user, &found).await;
    let reviewing =
        found.state == grants_workflow::ApplicationState::EligibilityReview && user.viewer().can_manage_calls();
    let checklist: Vec<Value> = if reviewing {
        state
            .store
            .checklist(id)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|line| {
                let result = match line.latest.as_ref().map(|r| r.passed) {
                    Some(true) => "passed",
                    Some(false) => "failed",
                    None => "open",
                };
                json!({
                    "code": line.item.code,
                    "question": if visitor.lang == grants_domain::Language::Fr { line.item.fr } else { line.item.en },
                    "result": result,
                    "note": line.latest.and_then(|r| r.note).unwrap_or_default(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let history = history_of(&state, &visitor, id, staff).await;
    let grant = match super::grant::section_for(&state, &visitor, &user, &found).await {
        Ok(section) => section,
        Err(err) => return failure(&state, &visitor, &err),
    };
    let mut actions: Vec<Value> = Vec::new();
    for actor in candidates(&user, found.organisation_id) {
        for action in grants_workflow::actions_at_stage(found.state, found.stage, actor) {
            let name = action.to_string();
            if !actions.iter().any(|a| a["name"] == name) {
                actions.push(json!({ "name": name, "label": t(format!("action_{name}")) }));
            }
        }
    }
    let ctx = context(
        &state,
        &visitor,
        "title_application",
        json!({
            "application": {
                "id": found.id,
                "reference": found.reference,
                "title": found.title,
                "state_label": t(format!("state_{}", found.state)),
                "call_reference": call_reference,
                "call_id": found.call_id,
                "requested_amount": found.requested_amount.map(|m| m.to_string()),
                "awarded_amount": found.awarded_amount.map(|m| m.to_string()),
                "submitted_at": found.submitted_at.map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
                "organisation": organisation,
                "organisation_link": user.viewer().can_view_organisation(found.organisation_id).then(|| format!("/organisations/{}", found.organisation_id)),
            },
            "history": history,
            "actions": actions,
            "can_score": can_score,
            "assigning": assigning,
            "assignments": assignments,
            "evaluators": evaluators,
            "answers": reading_view(&state, &visitor, &found).await,
            "checklist": checklist,
            "grant": grant,
            "can_edit": found.state == grants_workflow::ApplicationState::Draft && user.viewer().is_applicant_for(found.organisation_id),
        }),
    );
    page(&state, StatusCode::OK, "application", &ctx)
}

/// Performs an action from its button; refusals are shown on the error page with their reason.
pub async fn act(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, action)): ApiPath<(i64, String)>,
    Form(form): Form<ActionForm>,
) -> Response {
    let user = match super::form_sender(&state, &visitor, &form.csrf) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let found = match visible_application(&state, &user, id).await {
        Ok(found) => found,
        Err(err) => return failure(&state, &visitor, &err),
    };
    let Ok(action) = action.parse::<ApplicationAction>() else {
        return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let Some(actor) =
        choose_actor::<ApplicationMachine>(found.state, action, &candidates(&user, found.organisation_id))
    else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    let payload = form.payload();
    let reason = form.reason.filter(|r| !r.trim().is_empty());
    let request = ActionRequest {
        actor,
        actor_user_id: Some(user.id),
        reason: reason.as_deref(),
        payload: &payload,
        expected_version: None,
        now: state.clock.now(),
        language: visitor.lang,
    };
    match state.store.apply_application_action(id, action, request).await {
        Ok(_) => match form.back.as_deref().filter(|b| is_local_call_page(b)) {
            Some(back) => see_other(back),
            None => see_other(&format!("/applications/{id}")),
        },
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Only our own call pages are a place to go back to, never another site.
fn is_local_call_page(path: &str) -> bool {
    path.starts_with("/calls/") && path.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
}

/// Records the checklist from the application page (managers).
pub async fn record_checklist(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let sent = pairs.iter().find(|(k, _)| k == "csrf").map_or("", |(_, v)| v.as_str());
    let user = match super::form_sender(&state, &visitor, sent) {
        Ok(user) => user,
        Err(response) => return response,
    };
    if let Err(err) = visible_application(&state, &user, id).await {
        return failure(&state, &visitor, &err);
    }
    if !user.viewer().can_manage_calls() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    }
    let now = state.clock.now();
    for (name, value) in &pairs {
        let Some(code) = name.strip_prefix("pass:") else { continue };
        let note = pairs.iter().find(|(k, _)| *k == format!("note:{code}")).map(|(_, v)| v.as_str());
        if let Err(err) = state.store.record_check(id, code, value == "yes", note, user.id, now).await {
            return refusal_page(&state, &visitor, &AppError::from(err));
        }
    }
    see_other(&format!("/applications/{id}"))
}

/// Assigns evaluators automatically to the call's eligible applications (managers).
pub async fn assign_evaluators(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let user = match super::form_sender_who(&state, &visitor, &form.csrf, grants_domain::Viewer::can_manage_calls) {
        Ok(user) => user,
        Err(response) => return response,
    };
    match state.store.auto_assign(id, user.id, state.clock.now()).await {
        Ok(_) => see_other("/applications"),
        Err(err) => failure(&state, &visitor, &AppError::from(err)),
    }
}

/// The answers as label/value pairs for reading, from the stage's form (headings for groups).
async fn reading_view(state: &AppState, visitor: &Visitor, application: &grants_store::Application) -> Vec<Value> {
    let Ok(call) = state.store.call(application.call_id).await else { return Vec::new() };
    let schema = match application.stage {
        grants_domain::call::Stage::ConceptNote => call.settings.forms.concept_note.clone().unwrap_or(Value::Null),
        grants_domain::call::Stage::FullApplication => call.settings.forms.full_application.clone(),
    };
    let ctx = super::form::FormContext {
        schema: &schema,
        lang: visitor.lang,
        programme: state.store.programme(),
        countries: &call.settings.eligible_countries,
    };
    super::form::reading_rows(super::form::fields(&ctx, &application.answers, &[]))
}

/// The evaluation report of a call, printable (programme staff).
pub async fn report(State(state): State<AppState>, visitor: Visitor, ApiPath(id): ApiPath<i64>) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    if !user.viewer().is_programme_staff() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    }
    let rendered = match state.store.evaluation_report(id).await {
        Ok(report) => crate::api::report::render_html(&state.pages, &report),
        Err(err) => return failure(&state, &visitor, &AppError::from(err)),
    };
    match rendered {
        Ok(html) => axum::response::IntoResponse::into_response(axum::response::Html(html)),
        Err(err) => failure(&state, &visitor, &AppError::internal(&err)),
    }
}

/// `?status=` of the outbox page.
#[derive(Debug, Default, Deserialize)]
pub struct OutboxQuery {
    status: Option<String>,
}

/// The email outbox (admins): pending and failed messages with their last error, and retry buttons.
pub async fn outbox(
    State(state): State<AppState>,
    visitor: Visitor,
    axum::extract::Query(query): axum::extract::Query<OutboxQuery>,
) -> Response {
    let Some(user) = signed_in(&visitor) else { return see_other("/login") };
    if !user.viewer().has(Role::Admin) {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    }
    let statuses = ["failed", "pending", "sending", "sent"];
    let status = query.status.filter(|s| statuses.contains(&s.as_str())).unwrap_or_else(|| "failed".to_owned());
    let found = match state.store.list_outbox(Some(&status), 1, 100).await {
        Ok(found) => found,
        Err(err) => return failure(&state, &visitor, &AppError::from(err)),
    };
    let messages: Vec<Value> = found
        .items
        .into_iter()
        .map(|m| {
            json!({
                "id": m.id, "template": m.template, "recipient": m.recipient_email, "attempts": m.attempts,
                "last_error": m.last_error.unwrap_or_default(), "failed": m.status == "failed",
            })
        })
        .collect();
    let statuses: Vec<Value> = statuses.iter().map(|s| json!({ "value": s, "selected": *s == status })).collect();
    let ctx = context(
        &state,
        &visitor,
        "title_outbox",
        json!({ "messages": messages, "statuses": statuses, "total": found.total }),
    );
    page(&state, StatusCode::OK, "outbox", &ctx)
}

async fn retry(state: &AppState, visitor: &Visitor, form: &CsrfOnly, id: Option<i64>) -> Response {
    if let Err(response) = super::form_sender_who(state, visitor, &form.csrf, |v| v.has(Role::Admin)) {
        return response;
    }
    match state.store.retry_failed(id, state.clock.now()).await {
        Ok(_) => see_other("/admin/outbox"),
        Err(err) => failure(state, visitor, &AppError::from(err)),
    }
}

/// Retries one failed email (admins).
pub async fn retry_one(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    retry(&state, &visitor, &form, Some(id)).await
}

/// Retries every failed email (admins).
pub async fn retry_all(State(state): State<AppState>, visitor: Visitor, Form(form): Form<CsrfOnly>) -> Response {
    retry(&state, &visitor, &form, None).await
}

/// `evaluator_id` of the assignment form.
#[derive(Debug, Deserialize)]
pub struct AssignForm {
    csrf: String,
    evaluator_id: i64,
}

/// Assigns an evaluator by hand (managers).
pub async fn assign_evaluator(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(id): ApiPath<i64>,
    Form(form): Form<AssignForm>,
) -> Response {
    let user = match super::form_sender_who(&state, &visitor, &form.csrf, grants_domain::Viewer::can_manage_calls) {
        Ok(user) => user,
        Err(response) => return response,
    };
    match state.store.assign_evaluator(id, form.evaluator_id, user.id, state.clock.now()).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Removes an evaluator with a reason (managers).
pub async fn remove_evaluator(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, assignment)): ApiPath<(i64, i64)>,
    Form(form): Form<ActionForm>,
) -> Response {
    let user = match super::form_sender_who(&state, &visitor, &form.csrf, grants_domain::Viewer::can_manage_calls) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let reason = form.reason.unwrap_or_default();
    match state.store.remove_assignment(id, assignment, user.id, &reason, state.clock.now()).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}

/// For managers of an eligible or evaluating application: the assignments and the evaluators to pick from.
async fn assignment_panel(
    state: &AppState,
    user: &grants_store::User,
    found: &grants_store::Application,
) -> (bool, Vec<Value>, Vec<Value>) {
    let id = found.id;
    let assigning = user.viewer().can_manage_calls()
        && matches!(
            found.state,
            grants_workflow::ApplicationState::Eligible | grants_workflow::ApplicationState::InEvaluation
        );
    let (assignments, evaluators) = if assigning {
        let evaluators = state.store.users_with_role(Role::Evaluator).await.unwrap_or_default();
        let name_of =
            |id: i64| evaluators.iter().find(|e| e.id == id).map(|e| e.display_name.clone()).unwrap_or_default();
        let assignments: Vec<Value> = state
            .store
            .assignments(id)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(
                |a| json!({ "id": a.id, "name": name_of(a.evaluator_id), "status": a.status, "active": a.is_active() }),
            )
            .collect();
        let options: Vec<Value> = evaluators.iter().map(|e| json!({ "id": e.id, "name": e.display_name })).collect();
        (assignments, options)
    } else {
        (Vec::new(), Vec::new())
    };
    (assigning, assignments, evaluators)
}
