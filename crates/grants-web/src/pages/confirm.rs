//! Irreversible actions are asked twice. The first post of withdraw, decline, close, terminate, publish,
//! cancel or "record as paid" shows a page saying what will happen and what cannot be undone, carrying
//! what was typed (the reason, dates…) in hidden fields; only the post from that page, marked
//! `confirmed=yes`, acts. It works without JavaScript and keeps the one place each action is posted to.

use axum::http::StatusCode;
use axum::response::Response;
use grants_store::Application;
use grants_workflow::{ApplicationAction, CallAction};
use serde_json::json;

use super::session::Visitor;
use super::{context, page};
use crate::AppState;

/// The application actions that cannot be taken back.
pub(crate) const APPLICATION_ACTIONS: &[ApplicationAction] =
    &[ApplicationAction::Withdraw, ApplicationAction::Decline, ApplicationAction::Close, ApplicationAction::Terminate];
/// The call actions that cannot be taken back.
pub(crate) const CALL_ACTIONS: &[CallAction] = &[CallAction::Publish, CallAction::Cancel];

/// An application as its reader knows it on a confirmation page: reference and title.
pub(crate) fn application_subject(application: &Application) -> String {
    match &application.reference {
        Some(reference) => format!("{reference} — {}", application.title),
        None => application.title.clone(),
    }
}

/// Whether the form came from the confirmation page.
pub(crate) fn confirmed(fields: &[(String, String)]) -> bool {
    fields.iter().any(|(name, value)| name == "confirmed" && value == "yes")
}

/// What the confirmation page asks about.
pub(crate) struct Question<'a> {
    /// The catalogue key of the action's own label (`action_withdraw`), used as the title and button.
    pub label_key: String,
    /// What the action is taken on (`application`, `call`, `payment`) and the action: the sentence saying
    /// what happens and what cannot be undone is `confirm_<on>_<action>`.
    pub on: (&'static str, String),
    /// What the action is taken on, as its reader knows it (a reference and title), shown as typed.
    pub subject: String,
    /// The page to go back to without acting.
    pub back: String,
    /// What was typed on the first form, carried along.
    pub fields: &'a [(String, String)],
}

/// The confirmation page for `question`, posting back to the address the first form was sent to.
pub(crate) fn ask(state: &AppState, visitor: &Visitor, question: &Question<'_>) -> Response {
    let pages = &state.pages;
    let label = pages.text(visitor.lang, &question.label_key);
    let carried: Vec<_> = question
        .fields
        .iter()
        .filter(|(name, _)| name != "confirmed")
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    let reason =
        question.fields.iter().find(|(name, _)| name == "reason").map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    let mut ctx = context(
        state,
        visitor,
        "title_confirm",
        json!({
            "label": label,
            "consequence": pages.text(visitor.lang, &format!("confirm_{}_{}", question.on.0, question.on.1)),
            "subject": question.subject,
            "target": visitor.path,
            "back": question.back,
            "carried": carried,
            "reason": reason,
        }),
    );
    ctx["title"] = json!(pages.text(visitor.lang, "title_confirm").replace("{what}", &label));
    page(state, StatusCode::OK, "confirm", ctx)
}
