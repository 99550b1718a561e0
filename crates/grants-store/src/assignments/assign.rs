//! Assigning an evaluator by hand: the application must accept evaluators and the evaluator must have no
//! link to the applicant.

use chrono::{DateTime, Utc};
use grants_domain::Role;
use grants_workflow::assignment::ASSIGN_EVENT;
use grants_workflow::predicates::accepts_evaluators;
use grants_workflow::{Actor, ApplicationMachine, ApplicationState, AssignmentMachine, Machine, allowed_actions};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::{Assignment, active_assignments, record, refuse};
use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::{assignment, membership, organisation};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::users::load_user;
use crate::{Store, StoreError};

impl Store {
    /// Assigns an evaluator to an eligible (or already evaluating) application. Refuses members of the
    /// applicant organisation and, when the call says so, evaluators from the applicant's country.
    pub async fn assign_evaluator(
        &self,
        application_id: i64,
        evaluator_id: i64,
        manager_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Assignment, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        if !accepts_evaluators(application.state) {
            return Err(StoreError::WrongState {
                message: format!("evaluators are assigned to eligible applications; this one is {}", application.state),
                state: application.state.to_string(),
                allowed: allowed_actions::<ApplicationMachine>(application.state)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        let call = load_call(&txn, application.call_id).await?;
        let evaluator = check_evaluator_fits(&txn, &application, evaluator_id, &call).await?;
        let current = active_assignments(&txn, application_id).await?;
        if current.iter().any(|a| a.evaluator_id == evaluator_id) {
            return Err(StoreError::Duplicate(format!("evaluator {evaluator_id} on application {application_id}")));
        }
        let row = assignment::ActiveModel {
            application_id: Set(application_id),
            evaluator_id: Set(evaluator_id),
            assigned_by: Set(manager_id),
            assigned_at: Set(now),
            status: Set(AssignmentMachine::INITIAL.to_string()),
            declared_at: Set(None),
            declaration: Set(None),
            ended_at: Set(None),
            end_reason: Set(None),
            ..Default::default()
        };
        let model = assignment::Entity::insert(row).exec_with_returning(&txn).await?;
        let payload = json!({ "evaluator_id": evaluator_id, "assignment_id": model.id });
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::Application(application_id),
                action: ASSIGN_EVENT,
                from_state: application.state.as_ref(),
                to_state: application.state.as_ref(),
                actor_user_id: Some(manager_id),
                actor_role: Actor::MANAGER.as_str(),
                reason: None,
                payload: &payload,
                occurred_at: now,
            },
        )
        .await?;
        // A replacement joins an evaluation already under way: tell them now. The first evaluators
        // are told by the `assign` transition.
        if application.state == ApplicationState::InEvaluation {
            let context = crate::outbox::mail_context(
                application.id,
                application.reference.as_deref(),
                &application.title,
                application.state,
                &call,
                json!({ "recipient": { "name": evaluator.display_name }, "reason": null }),
            );
            enqueue(
                &txn,
                NewMessage {
                    event_id,
                    template: "evaluation_assigned",
                    recipient_user_id: Some(evaluator.id),
                    recipient_email: &evaluator.email,
                    recipient_language: evaluator.language,
                    payload: &context,
                    now,
                },
            )
            .await?;
        }
        txn.commit().await?;
        record(model)
    }
}

/// Checks that `evaluator_id` is an evaluator with no link to the applicant (organisation, and country
/// when the call excludes it); returns them.
async fn check_evaluator_fits(
    txn: &sea_orm::DatabaseTransaction,
    application: &crate::Application,
    evaluator_id: i64,
    call: &crate::Call,
) -> Result<crate::User, StoreError> {
    let evaluator = match crate::entity::user::Entity::find_by_id(evaluator_id).one(txn).await? {
        Some(model) => load_user(txn, model).await?,
        None => return Err(refuse("/evaluator_id", "unknown_evaluator", format!("no user {evaluator_id}"))),
    };
    if !evaluator.roles.contains(&Role::Evaluator) {
        return Err(refuse("/evaluator_id", "not_an_evaluator", format!("{} is not an evaluator", evaluator.email)));
    }
    if !evaluator.is_active() {
        return Err(refuse("/evaluator_id", "deactivated", format!("{} was deactivated", evaluator.email)));
    }
    let linked = membership::Entity::find()
        .filter(membership::Column::UserId.eq(evaluator_id))
        .filter(membership::Column::OrganisationId.eq(application.organisation_id))
        .one(txn)
        .await?;
    if linked.is_some() {
        return Err(refuse(
            "/evaluator_id",
            "linked_to_applicant",
            "the evaluator belongs to the applicant organisation".into(),
        ));
    }
    if call.settings.exclude_same_country_evaluators {
        let applicant = organisation::Entity::find_by_id(application.organisation_id).one(txn).await?;
        if applicant.is_some_and(|o| evaluator.country.as_deref() == Some(o.country.as_str())) {
            return Err(refuse(
                "/evaluator_id",
                "same_country",
                "this call excludes evaluators from the applicant's country".into(),
            ));
        }
    }
    Ok(evaluator)
}
