//! The facts an application row's guards read, gathered inside the transition's transaction: only what
//! the requested action needs.

use grants_domain::concept_note;
use grants_domain::eligibility::{self, Severity};
use grants_domain::{FieldError, Language};
use grants_workflow::{ApplicationAction, ApplicationFacts, ApplicationState};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement,
};
use serde_json::Value;

use super::ActionRequest;
use crate::Application as ApplicationRecord;
use crate::applications::load_application;
use crate::checklist::checklist_lines;
use crate::entity::{application, organisation};
use crate::{Call, StoreError};

/// Locks a lot's row until the transaction ends (PostgreSQL: `FOR UPDATE`; SQLite holds the write lock
/// since `BEGIN IMMEDIATE`), so awards and offers in one lot are decided one after the other and the lot
/// can never be over-awarded.
pub(super) async fn lock_lot(txn: &DatabaseTransaction, lot_id: i64) -> Result<(), StoreError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM lots WHERE id = $1 FOR UPDATE",
            [lot_id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// What a submission is checked against: the stage's form and the automatic eligibility rules.
#[derive(Default)]
struct SubmissionChecks {
    form_errors: Vec<FieldError>,
    hard: Vec<FieldError>,
    soft: Value,
}

async fn submission_checks(
    txn: &DatabaseTransaction,
    application: &ApplicationRecord,
    call: &Call,
    language: Language,
) -> Result<SubmissionChecks, StoreError> {
    let form_errors = match call.settings.form(application.stage) {
        Ok(form) => form.validate(&application.answers, language),
        Err(why) => {
            tracing::error!(call = call.id, %why, "a stage's form cannot be used");
            vec![FieldError {
                field: "/".into(),
                code: "form_unavailable",
                message: language.text("submit-error-form-unavailable", &[]),
            }]
        }
    };
    let organisation = organisation::Entity::find_by_id(application.organisation_id)
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound("organisation"))?;
    let organisation_type = crate::records::parse("organisation type", &organisation.org_type)?;
    let mut hard_extra = Vec::new();
    if let Some(concept_id) = application.concept_note_id {
        let concept = load_application(txn, concept_id).await?;
        hard_extra.extend(concept_note::locked_changes(&concept.answers, &application.answers, language));
        if let (Some(before), Some(now)) = (concept.requested_amount, application.requested_amount) {
            hard_extra.extend(concept_note::requested_variation(
                before,
                now,
                call.settings.full_application_variation,
                language,
            ));
        }
    }
    let kinds: Vec<String> = crate::attachments::list(txn, application.id).await?.into_iter().map(|a| a.kind).collect();
    let applicant = eligibility::Applicant { organisation_type, country: &organisation.country };
    let failures = eligibility::check(&call.rules, &call.settings, applicant, &application.answers, &kinds, language);
    let (hard, soft): (Vec<_>, Vec<_>) = failures.into_iter().partition(|f| f.severity == Severity::Hard);
    Ok(SubmissionChecks {
        form_errors,
        hard: hard.into_iter().map(|f| f.error).chain(hard_extra).collect(),
        soft: serde_json::to_value(&soft).unwrap_or(Value::Array(Vec::new())),
    })
}

/// The facts an application transition's guards read, and what the transition derives from them.
pub(super) struct Gathered {
    pub facts: ApplicationFacts,
    /// For `declare_ineligible`: the failed checklist items, which become the recorded reason.
    pub derived_reason: Option<String>,
    /// For `submit`: the soft eligibility rules failed, kept as flags for the managers.
    pub soft_flags: Value,
}

/// Gathers only what `action` needs: form and eligibility results for `submit`, the checklist for the
/// eligibility decisions.
pub(super) async fn gather(
    txn: &DatabaseTransaction,
    action: ApplicationAction,
    current: &ApplicationRecord,
    call: &Call,
    request: &ActionRequest<'_>,
) -> Result<Gathered, StoreError> {
    let checks = if action == ApplicationAction::Submit {
        submission_checks(txn, current, call, request.language).await?
    } else {
        SubmissionChecks::default()
    };
    let checklist = if matches!(action, ApplicationAction::DeclareEligible | ApplicationAction::DeclareIneligible) {
        checklist_lines(txn, &call.settings.checklist, current.id).await?
    } else {
        Vec::new()
    };
    let failed_items: Vec<String> = checklist
        .iter()
        .filter_map(|l| {
            l.latest
                .as_ref()
                .filter(|r| !r.passed)
                .map(|r| format!("{}: {}", l.item.code, r.note.as_deref().unwrap_or("")))
        })
        .collect();
    let derived_reason = (action == ApplicationAction::DeclareIneligible && !failed_items.is_empty()).then(|| {
        let items = failed_items.join("; ");
        match request.reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(extra) => format!("{extra} ({items})"),
            None => items,
        }
    });
    let evaluators = if action == ApplicationAction::Assign {
        let assigned = crate::assignments::active_assignments(txn, current.id).await?.len();
        Some((assigned, call.settings.evaluators_per_application as usize))
    } else {
        None
    };
    let evaluation_missing = if action == ApplicationAction::Complete {
        Some(crate::scoring::evaluation_status(txn, current.id).await?.missing())
    } else {
        None
    };
    let award =
        if action == ApplicationAction::Award { Some(award_facts(txn, current, call, request).await?) } else { None };
    let reserve = if action == ApplicationAction::Reserve {
        let taken = application::Entity::find()
            .filter(application::Column::LotId.eq(current.lot_id))
            .filter(application::Column::State.eq(ApplicationState::ReserveListed.to_string()))
            .count(txn)
            .await?;
        Some((usize::try_from(taken).unwrap_or(usize::MAX), call.settings.reserve_list_length as usize))
    } else {
        None
    };
    let agreement_problems = (action == ApplicationAction::SignAgreement)
        .then(|| crate::agreements::terms_from(request.payload, current, call).err().unwrap_or_default());
    let settlement_missing = if action == ApplicationAction::Close {
        Some(crate::agreements::settlement_missing(txn, current.id).await?)
    } else {
        None
    };
    let facts = ApplicationFacts {
        agreement_problems,
        settlement_missing,
        evaluators,
        evaluation_missing,
        award,
        reserve,
        call: super::call::call_facts(call),
        stage: current.stage,
        clarification_due_at: current.clarification_due_at,
        form_errors: checks.form_errors,
        eligibility_failures: checks.hard,
        checklist: checklist.iter().map(|l| (l.item.code.clone(), l.latest.as_ref().map(|r| r.passed))).collect(),
    };
    Ok(Gathered { facts, derived_reason, soft_flags: checks.soft })
}

/// The amount to award and what is left of the lot, read under the lot lock.
async fn award_facts(
    txn: &DatabaseTransaction,
    current: &ApplicationRecord,
    call: &Call,
    request: &ActionRequest<'_>,
) -> Result<grants_workflow::AwardFacts, StoreError> {
    let lot_id = current.lot_id.ok_or(StoreError::NotFound("lot"))?;
    lock_lot(txn, lot_id).await?;
    let budget = call.lots.iter().find(|l| l.id == lot_id).map_or(grants_domain::Money::ZERO, |l| l.budget);
    let awarded = crate::ranking::lot_awarded_total(txn, lot_id, Some(current.id)).await?;
    let remaining = grants_domain::Money::from_cents(std::cmp::max(budget.cents() - awarded.cents(), 0));
    let requested = current.requested_amount.unwrap_or(grants_domain::Money::ZERO);
    let amount = match request.payload.get("amount") {
        None | Some(Value::Null) => requested,
        Some(value) => serde_json::from_value::<grants_domain::Money>(value.clone()).map_err(|e| {
            let mut errors = grants_domain::ValidationErrors::default();
            errors.add("/payload/amount", "invalid_amount", e.to_string());
            StoreError::Validation(errors)
        })?,
    };
    Ok(grants_workflow::AwardFacts { amount, requested, remaining })
}
