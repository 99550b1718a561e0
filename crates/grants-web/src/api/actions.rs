//! What action requests carry and answer, and how events are shown: shared by calls and applications.

use chrono::{DateTime, Utc};
use grants_store::Event;
use grants_store::transition::Outcome;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

/// The body of `POST …/actions/{action}`; every field is optional.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionBody {
    /// Why: required by some actions (declare_ineligible, reject, cancel, terminate).
    pub reason: Option<String>,
    /// Structured data some actions need, e.g. `{"question": "...", "due_at": "2026-12-01T12:00:00Z"}`
    /// for request_clarification or `{"answer": "..."}` for respond.
    #[schema(value_type = Object)]
    pub payload: Option<Value>,
    /// The version you last saw; if the record changed since, the action is refused with 409.
    pub version: Option<i32>,
}

/// The answer to a performed action.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionResult {
    /// The record's id.
    pub id: i64,
    /// The state before.
    pub from: String,
    /// The new state.
    pub state: String,
    /// The new version.
    pub version: i32,
    /// The audit event written.
    pub event_id: i64,
    /// How many emails were queued.
    pub emails_queued: usize,
}

impl ActionResult {
    /// From the store's outcome.
    pub fn new(id: i64, outcome: Outcome) -> Self {
        ActionResult {
            id,
            from: outcome.from,
            state: outcome.to,
            version: outcome.version,
            event_id: outcome.event_id,
            emails_queued: outcome.messages,
        }
    }
}

/// One step of a record's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// Increasing with time.
    pub id: i64,
    /// The action performed.
    pub action: String,
    /// The state before.
    pub from_state: String,
    /// The state after.
    pub to_state: String,
    /// Who acted; hidden from applicants, who see only the role.
    pub actor_user_id: Option<i64>,
    /// The role acted in, or `system`.
    pub actor_role: String,
    /// The reason given.
    pub reason: Option<String>,
    /// The structured data given: any JSON value, `null` when there was none.
    pub payload: Value,
    /// When it happened (UTC).
    pub occurred_at: DateTime<Utc>,
}

impl EventView {
    /// Shows an event, with or without who acted.
    pub fn new(event: Event, show_actor: bool) -> Self {
        EventView {
            id: event.id,
            action: event.action,
            from_state: event.from_state,
            to_state: event.to_state,
            actor_user_id: if show_actor { event.actor_user_id } else { None },
            actor_role: event.actor_role,
            reason: event.reason,
            payload: event.payload,
            occurred_at: event.occurred_at,
        }
    }
}

/// The history of `subject` as `user` may read it (`grants_store::confidential`: the acting people only
/// for programme staff, no other evaluator's score before one's own, nothing of the evaluation for
/// applicants), once the caller has checked `user` may see the subject at all.
pub async fn history(
    state: &crate::AppState,
    user: &grants_store::User,
    subject: grants_store::events::Subject,
) -> Result<Vec<EventView>, crate::AppError> {
    let viewer = user.viewer();
    let show_actor = viewer.is_programme_staff();
    Ok(state.store.history_for(subject, &viewer).await?.into_iter().map(|e| EventView::new(e, show_actor)).collect())
}

/// Parses an action name of machine `M`, or answers 404 naming the known ones.
pub fn parse_action<A: std::str::FromStr + strum::IntoEnumIterator + AsRef<str>>(
    name: &str,
) -> Result<A, crate::AppError> {
    name.parse().map_err(|_| {
        let known: Vec<String> = A::iter().map(|a| a.as_ref().to_owned()).collect();
        crate::AppError::new(axum::http::StatusCode::NOT_FOUND, "unknown_action", format!("`{name}` is not an action"))
            .with_details(serde_json::json!({ "known_actions": known }))
    })
}
