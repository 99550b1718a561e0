//! Applying a row of the application table.

use grants_workflow::{ApplicationAction, ApplicationMachine, GuardInput, decide};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::effects::{self, Applying};
use super::facts::gather;
use super::{ActionRequest, Outcome, Recorded, record, refuse_stale};
use crate::applications::{application_record, load_application, stale_application};
use crate::audience::AudienceScope;
use crate::calls::load_call;
use crate::entity::application;
use crate::events::Subject;
use crate::{Application, Store, StoreError};

impl Store {
    /// Performs `action` on application `id`, or refuses it and changes nothing.
    pub async fn apply_application_action(
        &self,
        id: i64,
        action: ApplicationAction,
        request: ActionRequest<'_>,
    ) -> Result<(Application, Outcome), StoreError> {
        let txn = self.begin_write().await?;
        let applied = apply_application_in(&txn, id, action, request).await?;
        txn.commit().await?;
        Ok(applied)
    }
}

/// Performs `action` on application `id` inside `txn`: what [`Store::apply_application_action`] does,
/// and what an effect does when one transition leads to another (a decline offers the lot to the
/// reserve list; archiving a call rejects its reserve list). A refusal writes nothing.
pub(crate) async fn apply_application_in(
    txn: &DatabaseTransaction,
    id: i64,
    action: ApplicationAction,
    request: ActionRequest<'_>,
) -> Result<(Application, Outcome), StoreError> {
    let current = load_application(txn, id).await?;
    let call = load_call(txn, current.call_id).await?;
    let gathered = gather(txn, action, &current, &call, &request).await?;
    let request = ActionRequest { reason: gathered.derived_reason.as_deref().or(request.reason), ..request };
    let input =
        GuardInput { now: request.now, reason: request.reason, payload: request.payload, facts: &gathered.facts };
    // Who may act is decided before the version is compared: a role that may never do this gets
    // 403 whatever version it sent; a stale version wins over guard failures computed on new data.
    let decision = decide::<ApplicationMachine>(current.state, action, request.actor, &input);
    refuse_stale(&decision, request.expected_version, current.version, || {
        stale_application(&current, request.expected_version.unwrap_or_default())
    })?;
    let row = decision?;

    let applying = Applying { txn, current: &current, call: &call, gathered: &gathered, request: &request };
    let mut update = application::Entity::update_many()
        .col_expr(application::Column::State, Expr::value(row.to.to_string()))
        .col_expr(application::Column::Version, Expr::value(current.version + 1))
        .col_expr(application::Column::UpdatedAt, Expr::value(request.now));
    for effect in row.effects {
        for (column, value) in effects::columns(*effect, &applying).await? {
            update = update.col_expr(column, value);
        }
    }
    // The row as written comes back with the write (RETURNING), not from a second read.
    let written = update
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(current.version))
        .exec_with_returning(txn)
        .await?;
    let Some(written) = written.into_iter().next() else {
        let now_current = load_application(txn, id).await?;
        return Err(stale_application(&now_current, current.version));
    };
    let updated = application_record(written)?;
    let mut event_payload = request.payload.clone();
    for effect in row.effects {
        effects::before_record(*effect, &applying, &mut event_payload).await?;
    }
    let request = ActionRequest { payload: &event_payload, ..request };
    let mut more = serde_json::json!({ "payload": request.payload });
    let mut letters = Vec::new();
    if crate::decision_letter::is_decision(row.notices.iter().map(|n| n.template)) {
        letters.push(crate::decision_letter::letter(txn, &updated, &call).await?);
    }
    if row.notices.iter().any(|n| n.template == crate::decision_letter::AGREEMENT_NOTICE) {
        letters.push(crate::decision_letter::agreement_letter(txn, updated.id).await?);
    }
    for letter in letters {
        if let (Some(target), serde_json::Value::Object(letter)) = (more.as_object_mut(), letter) {
            target.extend(letter);
        }
    }
    let context = crate::outbox::mail_context(
        updated.id,
        updated.reference.as_deref(),
        &updated.title,
        updated.state,
        &call,
        more,
    );
    let outcome = record(
        txn,
        Subject::Application(id),
        updated.version,
        Recorded::of::<ApplicationMachine>(row),
        &request,
        &AudienceScope { organisation: Some(updated.organisation_id), call: call.id, application: Some(id) },
        context,
    )
    .await?;
    for effect in row.effects {
        effects::follow_up(*effect, txn, &updated, request.now).await?;
    }
    Ok((updated, outcome))
}
