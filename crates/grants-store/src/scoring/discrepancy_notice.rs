//! When the second scorecard opens a discrepancy, the programme's managers hear of it at once: an event
//! on the application's trail and an email each, in the scorecard's own transaction, so the application
//! never waits unnoticed for a third evaluator or an arbitration.

use chrono::{DateTime, Utc};
use grants_domain::evaluation::points_in_words;
use grants_workflow::scorecard::DISCREPANCY_EVENT;
use grants_workflow::{Actor, Audience};
use serde_json::json;

use super::evaluation_status;
use crate::audience::{AudienceScope, resolve};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue, mail_context};
use crate::{Application, Call, StoreError};

/// The template of the managers' email.
pub const DISCREPANCY_TEMPLATE: &str = "scoring_discrepancy";

/// Tells the managers when the scorecards of `application` now open a discrepancy (the second one
/// was just submitted and the two totals differ too much); does nothing otherwise.
pub(crate) async fn tell_managers_if_opened(
    txn: &sea_orm::DatabaseTransaction,
    application: &Application,
    call: &Call,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let status = evaluation_status(txn, application.id).await?;
    let Some(needs) = status.consolidation.needs_more.as_ref() else { return Ok(()) };
    if status.consolidation.scorecards != 2 {
        return Ok(());
    }
    let discrepancy = json!({
        "first_total": points_in_words(needs.first_total),
        "second_total": points_in_words(needs.second_total),
        "gap": points_in_words(needs.gap),
        "allowed_gap": points_in_words(needs.allowed_gap),
    });
    let event_id = append(
        txn,
        NewEvent {
            subject: Subject::Application(application.id),
            action: DISCREPANCY_EVENT,
            from_state: application.state.as_ref(),
            to_state: application.state.as_ref(),
            actor_user_id: None,
            actor_role: Actor::System.as_str(),
            reason: None,
            payload: &discrepancy,
            occurred_at: now,
        },
    )
    .await?;
    let scope = AudienceScope { organisation: None, call: call.id, application: Some(application.id) };
    for manager in resolve(txn, Audience::Managers, &scope).await? {
        let context = mail_context(
            application.id,
            application.reference.as_deref(),
            &application.title,
            application.state,
            call,
            json!({ "recipient": { "name": manager.display_name }, "reason": null, "discrepancy": discrepancy }),
        );
        enqueue(
            txn,
            NewMessage {
                event_id,
                template: DISCREPANCY_TEMPLATE,
                recipient_user_id: Some(manager.id),
                recipient_email: &manager.email,
                recipient_language: manager.language(),
                payload: &context,
                now,
            },
        )
        .await?;
    }
    Ok(())
}
