//! The transition executor: one database transaction per workflow action.
//!
//! In order: lock (SQLite takes the write lock at `BEGIN`; PostgreSQL serialises on the row update),
//! load the subject and the facts its guards need, ask the workflow table, compare-and-set the state on
//! (id, version), carry out the effects the row names, append the audit event, queue the emails the row
//! names, commit. Any refusal or failure returns before commit, so it leaves nothing behind.

mod application;
mod call;
pub(crate) mod coverage;
mod effects;
mod facts;

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_workflow::lifecycles::RowName;
use grants_workflow::{Actor, Notice};
use sea_orm::DatabaseTransaction;
use serde_json::{Value, json};

pub(crate) use application::apply_application_in;

use crate::StoreError;
use crate::audience::{AudienceScope, resolve};
use crate::events::{NewEvent, Subject, append};
use crate::notice_digests::{self, Held};
use crate::outbox::{NewMessage, enqueue_all};

/// Who asks for a transition, and with what.
#[derive(Debug, Clone, Copy)]
pub struct ActionRequest<'a> {
    /// The role acting, or the system.
    pub actor: Actor,
    /// The user acting (none for the system).
    pub actor_user_id: Option<i64>,
    /// Why (required by some rows).
    pub reason: Option<&'a str>,
    /// Structured data some rows need (a question and due date, an answer).
    pub payload: &'a Value,
    /// The version the caller saw; a different current version is refused as stale.
    pub expected_version: Option<i32>,
    /// The instant of the transition.
    pub now: DateTime<Utc>,
    /// The language refusals are explained in (the acting user's).
    pub language: Language,
}

impl<'a> ActionRequest<'a> {
    /// The system acting at `now` for `reason` (deadlines, the reserve list, the end of an evaluation).
    pub fn system(now: DateTime<Utc>, reason: Option<&'a str>) -> Self {
        ActionRequest {
            actor: Actor::System,
            actor_user_id: None,
            reason,
            payload: &Value::Null,
            expected_version: None,
            now,
            language: Language::EN,
        }
    }
}

/// What a successful transition did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The audit event written.
    pub event_id: i64,
    /// The state before.
    pub from: String,
    /// The state after.
    pub to: String,
    /// The new version.
    pub version: i32,
    /// How many emails were queued.
    pub messages: usize,
}

/// The step being recorded, as text: the event's action and states (for sub-lifecycles, the
/// application's states around it), the emails, and the table row applied (counted for coverage).
pub(crate) struct Recorded<'a> {
    pub action: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub notices: &'static [Notice],
    pub row: Option<(&'static str, RowName)>,
}

impl Recorded<'static> {
    /// The record of `row` of machine `M`, whose subject's states are the row's own.
    pub(crate) fn of<M: grants_workflow::Machine>(row: &'static grants_workflow::RowOf<M>) -> Self {
        let name = grants_workflow::lifecycles::name_of::<M>(row);
        Recorded {
            action: name.action,
            from: name.from,
            to: name.to,
            notices: row.notices,
            row: Some((M::SUBJECT, name)),
        }
    }

    /// The record of `row` of machine `M` (a step of an application's evaluation or grant), logged in
    /// the application's trail between its own states.
    pub(crate) fn within<M: grants_workflow::Machine>(
        row: &'static grants_workflow::RowOf<M>,
        application_state: &'static str,
    ) -> Self {
        Recorded { from: application_state, to: application_state, ..Recorded::of::<M>(row) }
    }
}

/// Appends the event and queues one message per recipient of each notice.
pub(crate) async fn record(
    txn: &DatabaseTransaction,
    subject: Subject,
    version: i32,
    row: Recorded<'_>,
    request: &ActionRequest<'_>,
    scope: &AudienceScope,
    context: Value,
) -> Result<Outcome, StoreError> {
    if let Some((machine, name)) = row.row {
        coverage::hit(txn, machine, name);
    }
    let event_id = append(
        txn,
        NewEvent {
            subject,
            action: row.action,
            from_state: row.from,
            to_state: row.to,
            actor_user_id: request.actor_user_id,
            actor_role: request.actor.as_str(),
            reason: request.reason,
            payload: request.payload,
            occurred_at: request.now,
        },
    )
    .await?;
    let mut queued: Vec<(&'static str, crate::audience::Recipient, Value)> = Vec::new();
    for notice in row.notices {
        let recipients = resolve(txn, notice.audience, scope).await?;
        let ids: Vec<i64> = recipients.iter().map(|r| r.id).collect();
        let digest_takers = notice_digests::digest_takers(txn, notice.template, &ids).await?;
        for recipient in recipients {
            if let (true, Some(application_id)) = (digest_takers.contains_key(&recipient.id), scope.application) {
                let held =
                    Held { user_id: recipient.id, call_id: scope.call, application_id, event_id, now: request.now };
                notice_digests::hold(txn, held).await?;
                continue;
            }
            let mut payload = context.clone();
            payload["recipient"] = json!({ "name": recipient.display_name });
            payload["reason"] = json!(request.reason);
            queued.push((notice.template, recipient, payload));
        }
    }
    // Every email of the transition in one statement.
    let messages = queued.len();
    let rows = queued
        .iter()
        .map(|(template, recipient, payload)| NewMessage {
            event_id,
            template,
            recipient_user_id: Some(recipient.id),
            recipient_email: &recipient.email,
            recipient_language: recipient.language(),
            payload,
            now: request.now,
        })
        .collect();
    enqueue_all(txn, rows).await?;
    Ok(Outcome { event_id, from: row.from.to_owned(), to: row.to.to_owned(), version, messages })
}

/// Decides `action` on a subject of machine `M` in `state` with `facts`: the row to apply, or the
/// refusal as a store error. Sub-lifecycles (assignments, scorecards, reports, payments) go through here.
pub(crate) fn decide<M: grants_workflow::Machine>(
    state: M::State,
    action: M::Action,
    request: &ActionRequest<'_>,
    facts: &<M::Guard as grants_workflow::Guard>::Facts,
) -> Result<&'static grants_workflow::RowOf<M>, StoreError> {
    let input =
        grants_workflow::GuardInput { now: request.now, reason: request.reason, payload: request.payload, facts };
    Ok(grants_workflow::decide::<M>(state, action, request.actor, &input)?)
}

/// Orders the refusals: no row or a role that may not act first (their own errors), then a stale
/// version, then the guards' verdict.
fn refuse_stale<T>(
    decision: &Result<T, grants_workflow::TransitionError>,
    expected: Option<i32>,
    actual: i32,
    stale: impl FnOnce() -> StoreError,
) -> Result<(), StoreError> {
    use grants_workflow::TransitionError::{ActorNotAllowed, NotAllowed};
    if let Err(err @ (NotAllowed { .. } | ActorNotAllowed { .. })) = decision {
        return Err(err.clone().into());
    }
    match expected {
        Some(version) if version != actual => Err(stale()),
        _ => Ok(()),
    }
}
