//! Payments marked paid by a manager, on the payment table.

use grants_domain::Money;
use grants_workflow::{PaymentAction, PaymentFacts, PaymentMachine, PaymentState};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::{Acting, grant_running, log};
use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::payment;
use crate::records::parse;
use crate::transition::{Outcome, Recorded, decide};
use crate::{Store, StoreError};

impl Store {
    /// Records a released payment as paid (managers).
    pub async fn mark_paid(&self, application_id: i64, payment_id: i64, acting: Acting) -> Result<Outcome, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        let call = load_call(&txn, application.call_id).await?;
        let row = payment::Entity::find_by_id(payment_id)
            .filter(payment::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("payment"))?;
        let state: PaymentState = parse("payment status", &row.status)?;
        let facts = PaymentFacts { grant_running: grant_running(&application), spending_allows_release: false };
        let rule =
            decide::<PaymentMachine>(state, PaymentAction::MarkPaid, &acting.request(None, &Value::Null), &facts)?;
        let changed = payment::Entity::update_many()
            .col_expr(payment::Column::Status, Expr::value(rule.to.to_string()))
            .col_expr(payment::Column::PaidAt, Expr::value(Some(acting.now)))
            .col_expr(payment::Column::PaidBy, Expr::value(Some(acting.user_id)))
            .filter(payment::Column::Id.eq(payment_id))
            .filter(payment::Column::Status.eq(rule.from.to_string()))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(super::stale("payment", 0));
        }
        let amount = Money::from_cents(row.amount_cents);
        let payload = json!({ "payment_id": payment_id, "sequence": row.sequence, "amount": amount });
        let context =
            json!({ "payment": { "sequence": row.sequence, "amount": amount.to_string(), "kind": row.kind } });
        let recorded = Recorded::of::<PaymentMachine>(rule);
        let outcome = log(&txn, &application, &call, recorded, &payload, None, acting, context).await?;
        txn.commit().await?;
        Ok(outcome)
    }
}
