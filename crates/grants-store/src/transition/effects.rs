//! The side effects application rows name ([`ApplicationEffect`]), carried out in the transition's
//! transaction: columns written with the state change, records written before the event, and the
//! transitions that follow from this one.

use chrono::{DateTime, Utc};
use grants_domain::concept_note;
use grants_workflow::{ApplicationAction, ApplicationEffect, ApplicationState, GuardInput};
use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::facts::{Gathered, lock_lot};
use super::{ActionRequest, apply_application_in};
use crate::Application as ApplicationRecord;
use crate::entity::{application, call};
use crate::{Call, StoreError};

/// What an effect sees of the transition under way.
pub(super) struct Applying<'a> {
    pub txn: &'a DatabaseTransaction,
    pub current: &'a ApplicationRecord,
    pub call: &'a Call,
    pub gathered: &'a Gathered,
    pub request: &'a ActionRequest<'a>,
}

/// The columns `effect` writes together with the state change.
pub(super) async fn columns(
    effect: ApplicationEffect,
    applying: &Applying<'_>,
) -> Result<Vec<(application::Column, SimpleExpr)>, StoreError> {
    use application::Column;
    let request = applying.request;
    Ok(match effect {
        ApplicationEffect::RecordSubmission => {
            let number = next_submission_number(applying.txn, applying.call.id).await?;
            let reference = format!("{}-{number:04}", applying.call.rules.reference);
            vec![
                (Column::Reference, Expr::value(reference)),
                (Column::SubmittedAt, Expr::value(request.now)),
                (Column::EligibilityFlags, Expr::value(applying.gathered.soft_flags.to_string())),
            ]
        }
        ApplicationEffect::SetClarificationDue => {
            let input = GuardInput { now: request.now, reason: None, payload: request.payload, facts: &() };
            vec![(Column::ClarificationDueAt, Expr::value(input.payload_instant("due_at")))]
        }
        ApplicationEffect::ClearClarificationDue => {
            vec![(Column::ClarificationDueAt, Expr::value(None::<DateTime<Utc>>))]
        }
        ApplicationEffect::RecordAwardAmount => {
            let amount = applying.gathered.facts.award.as_ref().map(|a| a.amount.cents());
            vec![(Column::AwardedAmountCents, Expr::value(amount))]
        }
        ApplicationEffect::WriteAgreement
        | ApplicationEffect::InviteFullApplication
        | ApplicationEffect::OfferLotToReserve => Vec::new(),
    })
}

/// The records `effect` writes after the state change and before the event, adding what the event
/// should say to `payload`.
pub(super) async fn before_record(
    effect: ApplicationEffect,
    applying: &Applying<'_>,
    payload: &mut Value,
) -> Result<(), StoreError> {
    let (txn, current, request) = (applying.txn, applying.current, applying.request);
    match effect {
        ApplicationEffect::WriteAgreement => {
            let terms = crate::agreements::terms_from(request.payload, current, applying.call).map_err(|problems| {
                StoreError::WrongState {
                    message: problems.join("; "),
                    state: current.state.to_string(),
                    allowed: Vec::new(),
                }
            })?;
            let signer = request.actor_user_id.unwrap_or_default();
            let plan = &applying.call.settings.reporting_plan;
            crate::agreements::write_agreement(txn, current.id, &terms, plan, signer, request.now).await?;
        }
        ApplicationEffect::InviteFullApplication => {
            let invited = invite_full_application(txn, current, request.now).await?;
            match payload {
                Value::Object(map) => {
                    map.insert("full_application_id".into(), json!(invited));
                }
                other => *other = json!({ "full_application_id": invited }),
            }
        }
        _ => {}
    }
    Ok(())
}

/// The transitions that follow from `effect`, once this one is recorded.
pub(super) async fn follow_up(
    effect: ApplicationEffect,
    txn: &DatabaseTransaction,
    updated: &ApplicationRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if effect == ApplicationEffect::OfferLotToReserve
        && let Some(lot_id) = updated.lot_id
    {
        offer_lot_to_reserve(txn, lot_id, updated.call_id, now).await?;
    }
    Ok(())
}

/// After an awardee declines: awards the freed budget to the best-ranked reserve of the lot whose request
/// fits what is left, under the lot lock. Returns the application awarded, if any.
pub(crate) async fn offer_lot_to_reserve(
    txn: &DatabaseTransaction,
    lot_id: i64,
    call_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    lock_lot(txn, lot_id).await?;
    let ranking = crate::ranking::ranking_in(txn, call_id).await?;
    let reserves: Vec<i64> = application::Entity::find()
        .filter(application::Column::LotId.eq(lot_id))
        .filter(application::Column::State.eq(ApplicationState::ReserveListed.to_string()))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let ordered = ranking.ranking.lots.get(&lot_id).cloned().unwrap_or_default();
    for ranked in ordered.iter().filter(|r| reserves.contains(&r.candidate.application_id)) {
        let request = ActionRequest::system(now, Some("offered from the reserve list after a decline"));
        let id = ranked.candidate.application_id;
        match Box::pin(apply_application_in(txn, id, ApplicationAction::Award, request)).await {
            Ok(_) => return Ok(Some(id)),
            Err(StoreError::Transition(_) | StoreError::StaleVersion { .. }) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(None)
}

/// The next submission number of a call: incremented in the submitting transaction, so numbers are
/// consecutive and a rolled-back submission gives its number back.
async fn next_submission_number(txn: &DatabaseTransaction, call_id: i64) -> Result<i32, StoreError> {
    call::Entity::update_many()
        .col_expr(call::Column::SubmissionCount, Expr::col(call::Column::SubmissionCount).add(1))
        .filter(call::Column::Id.eq(call_id))
        .exec(txn)
        .await?;
    let model = call::Entity::find_by_id(call_id).one(txn).await?.ok_or(StoreError::NotFound("call"))?;
    Ok(model.submission_count)
}

/// Creates the full-application draft of a shortlisted concept note, linked to it and starting from
/// what it fixed. Returns the new application's id.
async fn invite_full_application(
    txn: &DatabaseTransaction,
    concept: &ApplicationRecord,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    use sea_orm::ActiveValue::Set;
    let answers = concept_note::full_application_draft(&concept.answers);
    let row = application::ActiveModel {
        call_id: Set(concept.call_id),
        organisation_id: Set(concept.organisation_id),
        created_by: Set(concept.created_by),
        stage: Set(grants_domain::call::Stage::FullApplication.to_string()),
        reference: Set(None),
        title: Set(concept.title.clone()),
        requested_amount_cents: Set(None),
        answers: Set(answers.to_string()),
        state: Set(ApplicationState::Draft.to_string()),
        version: Set(1),
        clarification_due_at: Set(None),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        lot_id: Set(concept.lot_id),
        eligibility_flags: Set("[]".to_owned()),
        concept_note_id: Set(Some(concept.id)),
        awarded_amount_cents: Set(None),
        ..Default::default()
    };
    let id = application::Entity::insert(row).exec_with_returning(txn).await?.id;
    crate::application_tags::insert(txn, id, &answers).await?;
    Ok(id)
}
