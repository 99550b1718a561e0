//! The transition executor: one database transaction per workflow action.
//!
//! In order: lock (SQLite takes the write lock at `BEGIN`; PostgreSQL serialises on the row update),
//! load the subject and the facts its guards need, ask the workflow table, compare-and-set the state on
//! (id, version), append the audit event, queue the emails the row names, commit. Any refusal or
//! failure returns before commit, so it leaves nothing behind.

use chrono::{DateTime, Utc};
use grants_domain::concept_note;
use grants_domain::eligibility::{self, Severity};
use grants_domain::{FieldError, Language};
use grants_workflow::{
    Actor, ApplicationAction, ApplicationFacts, ApplicationMachine, CallAction, CallFacts, CallMachine, GuardInput,
    Notice, decide,
};
use sea_orm::sea_query::Expr;
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::Application as ApplicationRecord;
use crate::applications::{load_application, stale_application};
use crate::audience::{AudienceScope, resolve};
use crate::calls::{load_call, stale_call};
use crate::checklist::checklist_lines;
use crate::entity::organisation;
use crate::entity::{application, call};
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::{Application, Call, Store, StoreError};

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

impl Store {
    /// Performs `action` on application `id`, or refuses it and changes nothing.
    pub async fn apply_application_action(
        &self,
        id: i64,
        action: ApplicationAction,
        request: ActionRequest<'_>,
    ) -> Result<(Application, Outcome), StoreError> {
        let txn = self.begin_write().await?;
        let current = load_application(&txn, id).await?;
        let call = load_call(&txn, current.call_id).await?;
        let gathered = gather(&txn, action, &current, &call, &request).await?;
        let (facts, derived_reason) = (gathered.facts, gathered.derived_reason);
        let request = ActionRequest { reason: derived_reason.as_deref().or(request.reason), ..request };
        let input = GuardInput { now: request.now, reason: request.reason, payload: request.payload, facts: &facts };
        // Who may act is decided before the version is compared: a role that may never do this gets
        // 403 whatever version it sent; a stale version wins over guard failures computed on new data.
        let decision = decide::<ApplicationMachine>(current.state, action, request.actor, &input);
        refuse_stale(&decision, request.expected_version, current.version, || {
            stale_application(&current, request.expected_version.unwrap_or_default())
        })?;
        let row = decision?;

        let mut update = application::Entity::update_many()
            .col_expr(application::Column::State, Expr::value(row.to.to_string()))
            .col_expr(application::Column::Version, Expr::value(current.version + 1))
            .col_expr(application::Column::UpdatedAt, Expr::value(request.now));
        match action {
            ApplicationAction::Submit => {
                let number = next_submission_number(&txn, call.id).await?;
                let reference = format!("{}-{number:04}", call.rules.reference);
                update = update
                    .col_expr(application::Column::Reference, Expr::value(reference))
                    .col_expr(application::Column::SubmittedAt, Expr::value(request.now))
                    .col_expr(application::Column::EligibilityFlags, Expr::value(gathered.soft_flags.to_string()));
            }
            ApplicationAction::RequestClarification => {
                update = update
                    .col_expr(application::Column::ClarificationDueAt, Expr::value(input.payload_instant("due_at")));
            }
            ApplicationAction::Award => {
                let amount = facts.award.as_ref().map(|a| a.amount.cents());
                update = update.col_expr(application::Column::AwardedAmountCents, Expr::value(amount));
            }
            ApplicationAction::Respond | ApplicationAction::Expire => {
                update = update.col_expr(application::Column::ClarificationDueAt, Expr::value(None::<DateTime<Utc>>));
            }
            _ => {}
        }
        let changed = update
            .filter(application::Column::Id.eq(id))
            .filter(application::Column::Version.eq(current.version))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            let now_current = load_application(&txn, id).await?;
            return Err(stale_application(&now_current, current.version));
        }
        let mut event_payload = request.payload.clone();
        if action == ApplicationAction::SignAgreement {
            let terms = crate::agreements::terms_from(request.payload, &current, &call).map_err(|problems| {
                StoreError::WrongState {
                    message: problems.join("; "),
                    state: current.state.to_string(),
                    allowed: Vec::new(),
                }
            })?;
            let signer = request.actor_user_id.unwrap_or_default();
            crate::agreements::write_agreement(&txn, id, &terms, signer, request.now).await?;
        }
        if action == ApplicationAction::Shortlist {
            let invited = invite_full_application(&txn, &current, request.now).await?;
            match &mut event_payload {
                Value::Object(map) => {
                    map.insert("full_application_id".into(), json!(invited));
                }
                other => *other = json!({ "full_application_id": invited }),
            }
        }
        let request = ActionRequest { payload: &event_payload, ..request };
        let updated = load_application(&txn, id).await?;
        let context = crate::outbox::mail_context(
            updated.id,
            updated.reference.as_deref(),
            &updated.title,
            updated.state,
            &call,
            json!({ "payload": request.payload }),
        );
        let outcome = record(
            &txn,
            Subject::Application(id),
            updated.version,
            Recorded {
                action: action.as_ref(),
                from: current.state.as_ref(),
                to: row.to.as_ref(),
                notices: row.notices,
            },
            &request,
            &AudienceScope { organisation: Some(updated.organisation_id), call: call.id, application: Some(id) },
            context,
        )
        .await?;
        txn.commit().await?;
        Ok((updated, outcome))
    }

    /// Performs `action` on call `id`, or refuses it and changes nothing.
    pub async fn apply_call_action(
        &self,
        id: i64,
        action: CallAction,
        request: ActionRequest<'_>,
    ) -> Result<(Call, Outcome), StoreError> {
        let txn = self.begin_write().await?;
        let current = load_call(&txn, id).await?;
        let facts = CallFacts {
            state: current.state,
            rules: current.rules.clone(),
            full_application_deadline: current.settings.full_application_deadline,
        };
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
            Recorded {
                action: action.as_ref(),
                from: current.state.as_ref(),
                to: row.to.as_ref(),
                notices: row.notices,
            },
            &request,
            &AudienceScope { organisation: None, call: id, application: None },
            context,
        )
        .await?;
        txn.commit().await?;
        Ok((updated, outcome))
    }
}

/// The row being applied, as text.
pub(crate) struct Recorded<'a> {
    pub action: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub notices: &'static [Notice],
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
    let mut messages = 0;
    for notice in row.notices {
        for recipient in resolve(txn, notice.audience, scope).await? {
            let mut payload = context.clone();
            payload["recipient"] = json!({ "name": recipient.display_name });
            payload["reason"] = json!(request.reason);
            enqueue(
                txn,
                NewMessage {
                    event_id,
                    template: notice.template,
                    recipient_user_id: Some(recipient.id),
                    recipient_email: &recipient.email,
                    recipient_language: recipient.language(),
                    payload: &payload,
                    now: request.now,
                },
            )
            .await?;
            messages += 1;
        }
    }
    Ok(Outcome { event_id, from: row.from.to_owned(), to: row.to.to_owned(), version, messages })
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
        Err(why) => vec![FieldError { field: "/".into(), code: "form_unavailable", message: why }],
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
struct Gathered {
    facts: ApplicationFacts,
    /// For `declare_ineligible`: the failed checklist items, which become the recorded reason.
    derived_reason: Option<String>,
    /// For `submit`: the soft eligibility rules failed, kept as flags for the managers.
    soft_flags: Value,
}

/// Gathers only what `action` needs: form and eligibility results for `submit`, the checklist for the
/// eligibility decisions.
async fn gather(
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
            .filter(application::Column::State.eq(grants_workflow::ApplicationState::ReserveListed.to_string()))
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
        call: CallFacts {
            state: call.state,
            rules: call.rules.clone(),
            full_application_deadline: call.settings.full_application_deadline,
        },
        stage: current.stage,
        clarification_due_at: current.clarification_due_at,
        form_errors: checks.form_errors,
        eligibility_failures: checks.hard,
        checklist: checklist.iter().map(|l| (l.item.code.clone(), l.latest.as_ref().map(|r| r.passed))).collect(),
    };
    Ok(Gathered { facts, derived_reason, soft_flags: checks.soft })
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
        state: Set(grants_workflow::ApplicationState::Draft.to_string()),
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
    Ok(application::Entity::insert(row).exec_with_returning(txn).await?.id)
}

/// The states in which an application holds part of its lot's budget.
const HOLDING_BUDGET: [grants_workflow::ApplicationState; 3] = [
    grants_workflow::ApplicationState::Awarded,
    grants_workflow::ApplicationState::Contracted,
    grants_workflow::ApplicationState::Closed,
];

/// The amount to award and what is left of the lot. The lot row is locked first (PostgreSQL: `FOR
/// UPDATE`; SQLite holds the write lock since `BEGIN IMMEDIATE`), so concurrent awards in one lot are
/// decided one after the other and the lot can never be over-awarded.
async fn award_facts(
    txn: &DatabaseTransaction,
    current: &ApplicationRecord,
    call: &Call,
    request: &ActionRequest<'_>,
) -> Result<grants_workflow::AwardFacts, StoreError> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let lot_id = current.lot_id.ok_or(StoreError::NotFound("lot"))?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM lots WHERE id = $1 FOR UPDATE",
            [lot_id.into()],
        ))
        .await?;
    }
    let budget = call.lots.iter().find(|l| l.id == lot_id).map_or(grants_domain::Money::ZERO, |l| l.budget);
    let holding = application::Entity::find()
        .filter(application::Column::LotId.eq(lot_id))
        .filter(application::Column::Id.ne(current.id))
        .filter(application::Column::State.is_in(HOLDING_BUDGET.iter().map(ToString::to_string)))
        .all(txn)
        .await?;
    let awarded: i64 = holding.iter().filter_map(|a| a.awarded_amount_cents).sum();
    let remaining = grants_domain::Money::from_cents(std::cmp::max(budget.cents() - awarded, 0));
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
