//! Applying a row of the call table.

use chrono::{DateTime, Utc};
use grants_workflow::predicates::{is_decided, states_where};
use grants_workflow::{
    ApplicationAction, ApplicationState, CallAction, CallEffect, CallFacts, CallMachine, GuardInput, decide,
};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::{ActionRequest, Outcome, Recorded, apply_application_in, record, refuse_stale};
use crate::audience::AudienceScope;
use crate::calls::{load_call, stale_call};
use crate::entity::{application, call};
use crate::events::Subject;
use crate::{Call, Store, StoreError};

impl Store {
    /// Performs `action` on call `id`, or refuses it and changes nothing.
    pub async fn apply_call_action(
        &self,
        id: i64,
        action: CallAction,
        request: ActionRequest<'_>,
    ) -> Result<(Call, Outcome), StoreError> {
        let txn = self.begin_write().await?;
        let current = load_call(&txn, id).await?;
        let mut facts = call_facts(&current);
        if action == CallAction::Decide {
            facts.undecided = Some(undecided(&txn, id).await?);
        }
        let input = GuardInput { now: request.now, reason: request.reason, payload: request.payload, facts: &facts };
        let decision = decide::<CallMachine>(current.state, action, request.actor, &input);
        refuse_stale(&decision, request.expected_version, current.version, || {
            stale_call(&current, request.expected_version.unwrap_or_default())
        })?;
        let row = decision?;
        let changed = call::Entity::update_many()
            .col_expr(call::Column::State, Expr::value(row.to.to_string()))
            .col_expr(call::Column::Version, Expr::value(current.version + 1))
            .col_expr(call::Column::UpdatedAt, Expr::value(request.now))
            .filter(call::Column::Id.eq(id))
            .filter(call::Column::Version.eq(current.version))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            let now_current = load_call(&txn, id).await?;
            return Err(stale_call(&now_current, current.version));
        }
        let updated = load_call(&txn, id).await?;
        let context = json!({
            "call": { "id": id, "reference": updated.rules.reference, "title_en": updated.rules.title_en, "title_fr": updated.rules.title_fr, "state": updated.state },
            "payload": request.payload,
        });
        let outcome = record(
            &txn,
            Subject::Call(id),
            updated.version,
            Recorded::of::<CallMachine>(row),
            &request,
            &AudienceScope { organisation: None, call: id, application: None },
            context,
        )
        .await?;
        for effect in row.effects {
            match effect {
                CallEffect::RejectReserveList => reject_reserve_list(&txn, id, request.now).await?,
            }
        }
        txn.commit().await?;
        Ok((updated, outcome))
    }
}

/// What the call guards read of a call (the decision's facts are added for `decide`).
pub(crate) fn call_facts(call: &Call) -> CallFacts {
    CallFacts {
        state: call.state,
        rules: call.rules.clone(),
        full_application_deadline: call.settings.full_application_deadline,
        undecided: None,
        reserve_list_valid_until: call.settings.reserve_list_valid_until,
    }
}

/// The applications of a call still waiting for their decision, by reference (or number when unsubmitted).
async fn undecided(txn: &DatabaseTransaction, call_id: i64) -> Result<Vec<String>, StoreError> {
    let waiting = states_where(|s| !is_decided(s));
    Ok(application::Entity::find()
        .filter(application::Column::CallId.eq(call_id))
        .filter(application::Column::State.is_in(waiting))
        .order_by_asc(application::Column::Id)
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.reference.unwrap_or_else(|| format!("#{}", a.id)))
        .collect())
}

/// Rejects what is left on the call's reserve list when it is archived, each with its letter.
async fn reject_reserve_list(txn: &DatabaseTransaction, call_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    let left = application::Entity::find()
        .filter(application::Column::CallId.eq(call_id))
        .filter(application::Column::State.eq(ApplicationState::ReserveListed.to_string()))
        .order_by_asc(application::Column::Id)
        .all(txn)
        .await?;
    for reserve in left {
        let request = ActionRequest::system(now, Some("the reserve list of the call has expired"));
        apply_application_in(txn, reserve.id, ApplicationAction::Reject, request).await?;
    }
    Ok(())
}
