//! The clarification round of an application's eligibility review as its readers see it: the manager's
//! question and when the answer is due (in the call's timezone, zone named), then the applicant's answer.
//! Read from the audit trail, where the question and the answer are recorded with their transitions.

use chrono::{DateTime, Utc};
use grants_store::{Application, Call, Event};
use grants_workflow::{ApplicationAction, ApplicationState};
use serde_json::{Value, json};

use super::format::local_time;

/// The files sent with the answer and whether the reader may add one, as the section shows them.
pub(crate) struct AnswerFiles {
    /// The reader's language.
    pub lang: grants_domain::Language,
    /// The answer's files, as attachment rows.
    pub files: Vec<Value>,
    /// Whether the reader is the applicant, who may add files while the question waits.
    pub can_attach: bool,
    /// The refusal of the last upload, when it was refused.
    pub refused: Value,
}

/// The latest clarification request of `found` with its answer, read from the application's trail
/// `events` (oldest first), or `Null` when none was asked.
pub(crate) fn section(events: &[Event], found: &Application, call: &Call, answer_files: &AnswerFiles) -> Value {
    let lang = answer_files.lang;
    let Some(asked) = events.iter().rposition(|e| e.action == ApplicationAction::RequestClarification.as_ref()) else {
        return Value::Null;
    };
    let question = &events[asked];
    let answer = events[asked + 1..].iter().find(|e| e.action == ApplicationAction::Respond.as_ref());
    let zone = &call.rules.display_timezone;
    let due = question.payload.get("due_at").and_then(Value::as_str).and_then(|d| d.parse::<DateTime<Utc>>().ok());
    json!({
        "question": question.payload.get("question"),
        "asked_at": local_time(question.occurred_at, zone, lang),
        "due": due.map(|d| local_time(d, zone, lang)),
        "answer": answer.and_then(|e| e.payload.get("answer")),
        "answered_at": answer.map(|e| local_time(e.occurred_at, zone, lang)),
        "waiting": found.state == ApplicationState::ClarificationRequested,
        "files": answer_files.files,
        "can_attach": answer_files.can_attach && found.state == ApplicationState::ClarificationRequested,
        "refused": answer_files.refused,
    })
}
