//! One application's page: where it stands, its answers, its history as the reader may see it, the
//! panels of the people working on it (checklist, evaluators, grant) and the buttons its table allows the
//! reader now. A refused form on this page comes back here with its reason.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::{Language, Role};
use grants_store::access::acting_roles;
use grants_store::assignments::EvaluatorAccess;
use grants_store::events::Subject;
use grants_store::{Application, StoreError, User};
use grants_workflow::{ApplicationAction, ApplicationMachine, ApplicationState, Input, inputs_for};
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::extract::SignedIn;
use super::format::utc_time;
use super::refusal::Refusal;
use super::session::Visitor;
use super::{context, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// `/applications/{id}`, and `/applications/{id}.pdf` for the submitted application as a PDF.
pub async fn show(State(state): State<AppState>, signed: SignedIn, ApiPath(path): ApiPath<String>) -> Response {
    let (pdf, id) = match path.strip_suffix(".pdf") {
        Some(stem) => (true, stem.parse::<i64>()),
        None => (false, path.parse::<i64>()),
    };
    let Ok(id) = id else {
        return super::error_page(&state, &signed.visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    if pdf {
        return super::application_pdf::download(&state, &signed.visitor, &signed.user, id).await;
    }
    render(&state, &signed.visitor, &signed.user, id, None).await
}

/// The application page, with `refusal` next to the form it refused.
pub(crate) async fn render(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    refusal: Option<&Refusal>,
) -> Response {
    let found = match state.store.visible_application(user, id).await {
        Ok(found) => found,
        Err(grants_store::access::AccessError::DeclarationRequired) => {
            return see_other(&format!("/applications/{id}/declaration"));
        }
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    match sections(state, visitor, user, &found, refusal).await {
        Ok(extra) => {
            let ctx = context(state, visitor, "title_application", extra);
            page(state, refusal.map_or(StatusCode::OK, |r| r.status), "application", ctx)
        }
        Err(err) => failure_page(state, visitor, &AppError::from(err)),
    }
}

/// Everything the page shows of `found` to `user`.
async fn sections(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    found: &Application,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let id = found.id;
    let call = state.store.call(found.call_id).await?;
    // The evaluator's own scorecard stays reachable once submitted and after the evaluation, to re-read.
    let can_score = matches!(state.store.evaluator_access(id, user.id).await?, EvaluatorAccess::Granted(_));
    let organisation = if state.store.sees_applicant(found, &user.viewer()).await? {
        state.store.organisation(found.organisation_id).await?.name
    } else {
        state.pages.text(visitor.lang, "identity_hidden")
    };
    let staff = user.viewer().is_programme_staff();
    let grant = super::grant::section_for(state, visitor, user, found).await?;
    // The trail is read once: the history and the clarification round are both taken from it.
    let events = state.store.history_for(Subject::Application(id), &user.viewer()).await?;
    // Under a neutral name for evaluators of anonymous calls: a file name can name the applicant.
    let attachments = state.store.attachments_for(found, &user.viewer()).await?;
    let can_edit = found.state == ApplicationState::Draft && user.viewer().is_applicant_for(found.organisation_id);
    let answer_files: Vec<_> =
        attachments.iter().filter(|a| a.kind == grants_store::attachments::CLARIFICATION_KIND).cloned().collect();
    Ok(json!({
        "application": {
            "id": found.id,
            "reference": found.reference,
            "title": found.title,
            "state_label": t(format!("state_{}", found.state)),
            "call_reference": call.rules.reference,
            "call_id": found.call_id,
            "requested_amount": found.requested_amount.map(|m| m.euros(visitor.lang)),
            "awarded_amount": found.awarded_amount.map(|m| m.to_string()),
            "submitted_at": found.submitted_at.map(|at| utc_time(at, visitor.lang)),
            "organisation": organisation,
            "organisation_link": user.viewer().can_view_organisation(found.organisation_id).then(|| format!("/organisations/{}", found.organisation_id)),
        },
        "history": history(state, visitor.lang, &events, staff),
        "actions": actions(state, visitor.lang, user, found, refusal),
        "can_score": can_score,
        "assignment": assignment_panel(state, visitor.lang, user, found, refusal).await?,
        "evaluation": super::evaluation_watch::panel(state, visitor.lang, user, found, refusal).await?,
        "answers": reading_view(state, visitor, found, &call),
        "checklist": checklist(state, visitor.lang, user, found, refusal).await?,
        "grant": grant,
        "clarification": super::clarification::section(&events, found, &call, &super::clarification::AnswerFiles {
            lang: visitor.lang,
            files: super::attachment_list::rows(&state.pages, visitor.lang, &answer_files),
            can_attach: user.viewer().is_applicant_for(found.organisation_id),
            refused: Refusal::for_form(refusal, super::clarification_files::FORM),
        }),
        "can_edit": can_edit,
        "can_remove_attachments": can_edit,
        "attachments": super::attachment_list::rows(&state.pages, visitor.lang, &attachments),
    }))
}

/// The buttons the table allows `user` on `found` now, each with the inputs its row needs and, when it
/// was the refused form, its reason and what was typed.
fn actions(
    state: &AppState,
    lang: Language,
    user: &User,
    found: &Application,
    refusal: Option<&Refusal>,
) -> Vec<Value> {
    let t = |key: String| state.pages.text(lang, &key);
    let mut actions: Vec<Value> = Vec::new();
    for actor in acting_roles(user, found.organisation_id) {
        for action in grants_workflow::actions_at_stage(found.state, found.stage, actor) {
            let name = action.to_string();
            if actions.iter().any(|a| a["name"] == name) {
                continue;
            }
            let inputs = inputs_for::<ApplicationMachine>(found.state, action);
            let typed = |field: &str, fallback: Option<String>| Refusal::typed_or(refusal, &name, field, fallback);
            let amount_default = match action {
                ApplicationAction::Award => found.requested_amount,
                _ => found.awarded_amount,
            };
            actions.push(json!({
                "name": name,
                "label": t(format!("action_{name}")),
                "refused": Refusal::for_form(refusal, &name),
                "needs_reason": inputs.contains(&Input::Reason),
                "asks_question": inputs.contains(&Input::Question),
                "asks_answer": inputs.contains(&Input::Answer),
                "asks_amount": inputs.contains(&Input::Amount),
                "asks_dates": inputs.contains(&Input::AgreementDates),
                "reason": typed("reason", None),
                "question": typed("question", None),
                "due_date": typed("due_date", None),
                "answer": typed("answer", None),
                "amount": typed("amount", amount_default.map(|m| m.to_string())),
                "starts_on": typed("starts_on", None),
                "ends_on": typed("ends_on", None),
            }));
        }
    }
    actions
}

/// The application's history as the reader may read it: staff see every event, others the
/// application's own actions only.
fn history(state: &AppState, lang: Language, events: &[grants_store::Event], staff: bool) -> Vec<Value> {
    let t = |key: String| state.pages.text(lang, &key);
    events
        .iter()
        .filter(|e| staff || ApplicationAction::iter().any(|a| a.as_ref() == e.action))
        .map(|e| {
            json!({
                "action_label": t(format!("action_{}", e.action)),
                "from_label": t(format!("state_{}", e.from_state)),
                "to_label": t(format!("state_{}", e.to_state)),
                "at": utc_time(e.occurred_at, lang),
                "reason": e.reason,
            })
        })
        .collect()
}

/// The eligibility checklist for managers while the review runs.
async fn checklist(
    state: &AppState,
    lang: Language,
    user: &User,
    found: &Application,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let reviewing = found.state == ApplicationState::EligibilityReview && user.viewer().can_manage_calls();
    if !reviewing {
        return Ok(Value::Null);
    }
    let typed = |field: String, fallback: Option<String>| Refusal::typed_or(refusal, "checklist", &field, fallback);
    let items: Vec<Value> = state
        .store
        .checklist(found.id)
        .await?
        .into_iter()
        .map(|line| {
            let recorded = line.latest.as_ref().map(|r| r.passed);
            let result = match recorded {
                Some(true) => "passed",
                Some(false) => "failed",
                None => "open",
            };
            let note = typed(format!("note:{}", line.item.code), line.latest.and_then(|r| r.note));
            json!({
                "code": line.item.code,
                "question": line.item.question(lang),
                "result": result,
                "note": note,
            })
        })
        .collect();
    Ok(json!({ "items": items, "refused": Refusal::for_form(refusal, "checklist") }))
}

/// For managers of an application that takes evaluators: its assignments and the evaluators to pick from.
async fn assignment_panel(
    state: &AppState,
    lang: Language,
    user: &User,
    found: &Application,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let assigning = user.viewer().can_manage_calls() && grants_workflow::predicates::accepts_evaluators(found.state);
    if !assigning {
        return Ok(Value::Null);
    }
    let t = |key: String| state.pages.text(lang, &key);
    let evaluators = state.store.users_with_role(Role::Evaluator).await?;
    let name_of = |id: i64| evaluators.iter().find(|e| e.id == id).map(|e| e.display_name.clone()).unwrap_or_default();
    let assignments: Vec<Value> = state
        .store
        .assignments(found.id)
        .await?
        .into_iter()
        .map(|a| {
            let form = format!("remove-{}", a.id);
            json!({
                "id": a.id,
                "name": name_of(a.evaluator_id),
                "status": t(format!("assignment_status_{}", a.status)),
                "active": a.is_active(),
                "refused": Refusal::for_form(refusal, &form),
                "reason": Refusal::typed_or(refusal, &form, "reason", None),
            })
        })
        .collect();
    let options: Vec<Value> = evaluators.iter().map(|e| json!({ "id": e.id, "name": e.display_name })).collect();
    Ok(json!({
        "assignments": assignments,
        "evaluators": options,
        "refused": Refusal::for_form(refusal, "assign"),
    }))
}

/// The answers as label/value pairs for reading, from the stage's form (headings for groups).
pub(crate) fn reading_view(
    state: &AppState,
    visitor: &Visitor,
    application: &Application,
    call: &grants_store::Call,
) -> Vec<Value> {
    let schema = match application.stage {
        grants_domain::call::Stage::ConceptNote => call.settings.forms.concept_note.clone().unwrap_or(Value::Null),
        grants_domain::call::Stage::FullApplication => call.settings.forms.full_application.clone(),
    };
    let ctx = super::form::FormContext {
        schema: &schema,
        lang: visitor.lang,
        programme: state.store.programme(),
        countries: &call.settings.eligible_countries,
        yes_no: super::form::yes_no(&state.pages, visitor.lang),
    };
    super::form::reading_rows(super::form::fields(&ctx, &application.answers, &[]))
}
