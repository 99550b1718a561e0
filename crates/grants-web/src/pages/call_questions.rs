//! Questions and answers on a call's page: a signed-in applicant asks until the cut-off, managers answer
//! on the same page, and every answer is then read by everyone who may see the call. Refusals (too
//! late, too short) come back beside the form with what was typed.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use grants_domain::Role;
use grants_store::call_questions::{CallQuestion, questions_close_at};
use grants_store::{Call, StoreError, User};
use grants_workflow::CallState;
use serde::Deserialize;
use serde_json::{Value, json};

use super::calls::{refused_form, render_refused};
use super::extract::{Managers, Posted};
use super::format::local_time;
use super::refusal::Refusal;
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The form a question is filed under.
pub const ASK: &str = "ask_question";

/// A question typed on the call page.
#[derive(Debug, Deserialize)]
pub struct AskForm {
    #[serde(default)]
    question: String,
}

/// An answer typed by a manager.
#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

/// What the call page shows of its questions to `user` (`None`: a visitor), with the ask form when it
/// is still open.
pub fn section(
    call: &Call,
    questions: &[CallQuestion],
    user: Option<&User>,
    now: DateTime<Utc>,
    refusal: Option<&Refusal>,
    lang: grants_domain::Language,
) -> Value {
    let zone = &call.rules.display_timezone;
    let closes = questions_close_at(call.rules.deadline_at);
    let open = call.state == CallState::Published && now < closes;
    let applicant = user.is_some_and(|u| u.viewer().has(Role::Applicant));
    let manager = user.is_some_and(|u| u.viewer().can_manage_calls());
    let rows: Vec<Value> = questions
        .iter()
        .map(|q| {
            let form = format!("answer-{}", q.id);
            json!({
                "id": q.id,
                "question": q.question,
                "asked_at": local_time(q.asked_at, zone, lang),
                "answer": q.answer,
                "answered_at": q.answered_at.map(|at| local_time(at, zone, lang)),
                "can_answer": manager && q.answer.is_none(),
                "refused": Refusal::for_form(refusal, &form),
                "typed": Refusal::typed_or(refusal, &form, "answer", None),
            })
        })
        .collect();
    json!({
        "rows": rows,
        "closes": local_time(closes, zone, lang),
        "open": open,
        "can_ask": open && applicant,
        "refused": Refusal::for_form(refusal, ASK),
        "typed": Refusal::typed_or(refusal, ASK, "question", None),
    })
}

/// The refusal of a question or an answer in the reader's words: questions closed, or a text too short
/// or too long. Other failures go the usual way.
fn refusal_of(
    state: &AppState,
    lang: grants_domain::Language,
    form: &str,
    err: &StoreError,
    typed: &[(String, String)],
) -> Option<Refusal> {
    let (status, key) = match err {
        StoreError::WrongState { state: call_state, .. } if call_state != "answered" => {
            (StatusCode::CONFLICT, "call_questions_closed")
        }
        StoreError::WrongState { .. } => (StatusCode::CONFLICT, "call_question_already_answered"),
        StoreError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "call_question_length"),
        _ => return None,
    };
    Some(Refusal {
        form: form.to_owned(),
        status,
        message: state.pages.text(lang, key),
        fields: Vec::new(),
        typed: typed.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect(),
    })
}

/// Records a question (signed-in applicants).
pub async fn ask(State(state): State<AppState>, ApiPath(id): ApiPath<i64>, posted: Posted<AskForm>) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    if !user.viewer().has(Role::Applicant) {
        return super::error_page(&state, &visitor, axum::http::StatusCode::FORBIDDEN, "error_forbidden");
    }
    match state.store.ask_call_question(id, user.id, &form.question, state.clock.now()).await {
        Ok(_) => super::done(&state, &format!("/calls/{id}#questions"), "question_asked"),
        Err(err) => match refusal_of(&state, visitor.lang, ASK, &err, &fields) {
            Some(refusal) => render_refused(&state, &visitor, &user, id, &refusal).await,
            None => refused_form(&state, &visitor, &user, id, ASK, AppError::from(err), &fields).await,
        },
    }
}

/// Publishes an answer (managers).
pub async fn answer(
    State(state): State<AppState>,
    ApiPath((id, question_id)): ApiPath<(i64, i64)>,
    posted: Posted<AnswerForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    match state.store.answer_call_question(id, question_id, user.id, &form.answer, state.clock.now()).await {
        Ok(_) => super::done(&state, &format!("/calls/{id}#questions"), "question_answered"),
        Err(err) => {
            let name = format!("answer-{question_id}");
            match refusal_of(&state, visitor.lang, &name, &err, &fields) {
                Some(refusal) => render_refused(&state, &visitor, &user, id, &refusal).await,
                None => refused_form(&state, &visitor, &user, id, &name, AppError::from(err), &fields).await,
            }
        }
    }
}
