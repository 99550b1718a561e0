//! Grant management after the award (SPEC §8): the agreement recorded when it is signed, with its payment
//! schedule and reports; reports submitted by the grantee and reviewed by a manager; payments released by
//! approved reports and marked paid. Every change is one transaction with its audit record and its email.

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::agreement::{AgreementTerms, PaymentKind, ReportKind, spending_allows_release};
use grants_domain::{Language, Money, ValidationErrors};
use grants_workflow::{Actor, Audience, Notice, notice};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use crate::applications::load_application;
use crate::audience::AudienceScope;
use crate::calls::load_call;
use crate::entity::{agreement, payment, report};
use crate::events::Subject;
use crate::records::parse;
use crate::transition::{ActionRequest, Outcome, Recorded, record};
use crate::{Application, Call, Store, StoreError};

/// A payment waiting for the report that releases it.
pub const SCHEDULED: &str = "scheduled";
/// A payment released, to be paid.
pub const REQUESTED: &str = "requested";
/// A payment made.
pub const PAID: &str = "paid";
/// A report expected from the grantee.
pub const DUE: &str = "due";
/// A report handed in, waiting for review.
pub const SUBMITTED: &str = "submitted";
/// A report accepted.
pub const APPROVED: &str = "approved";
/// A report sent back to the grantee.
pub const CHANGES_REQUESTED: &str = "changes_requested";

const REPORT_SUBMITTED: &[Notice] = &[notice("report_submitted", Audience::Managers)];
const REPORT_APPROVED: &[Notice] = &[notice("report_approved", Audience::Applicant)];
const REPORT_CHANGES: &[Notice] = &[notice("report_changes_requested", Audience::Applicant)];
const PAYMENT_MADE: &[Notice] = &[notice("payment_made", Audience::Applicant)];

/// The signed agreement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreement {
    /// The grant.
    pub amount: Money,
    /// First day of the action.
    pub starts_on: NaiveDate,
    /// Last day of the action.
    pub ends_on: NaiveDate,
    /// When it was recorded.
    pub signed_at: DateTime<Utc>,
    /// The manager who recorded it.
    pub signed_by: i64,
}

/// One payment of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: i64,
    /// 1, 2, … in order.
    pub sequence: i32,
    /// Pre-financing or balance.
    pub kind: PaymentKind,
    /// How much.
    pub amount: Money,
    /// The report period whose approval releases it (`None`: released at signature).
    pub released_by_period: Option<i32>,
    /// `scheduled`, `requested` or `paid`.
    pub status: String,
    /// When it was released.
    pub requested_at: Option<DateTime<Utc>>,
    /// When it was paid.
    pub paid_at: Option<DateTime<Utc>>,
}

/// One report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Its id.
    pub id: i64,
    /// Interim or final.
    pub kind: ReportKind,
    /// The period it covers.
    pub period: i32,
    /// First day covered.
    pub covers_from: NaiveDate,
    /// Last day covered.
    pub covers_to: NaiveDate,
    /// When it is due.
    pub due_on: NaiveDate,
    /// `due`, `submitted`, `approved` or `changes_requested`.
    pub status: String,
    /// What was done, in the grantee's words.
    pub narrative: String,
    /// Spending reported up to the end of the period.
    pub spent: Option<Money>,
    /// When it was last handed in.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was last reviewed.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The reviewer's note (what to change, or remarks on approval).
    pub review_note: Option<String>,
    /// For concurrent edits.
    pub version: i32,
    /// The report form's answers (narrative, indicators, budget lines planned and spent).
    pub answers: Value,
}

/// Everything recorded about a grant after signature.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantFile {
    /// The agreement, once signed.
    pub agreement: Option<Agreement>,
    /// The payments, in order.
    pub payments: Vec<Payment>,
    /// The reports, in due order.
    pub reports: Vec<Report>,
}

/// What the grantee hands in: the answers to the call's report form.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// Narrative, indicators by JVAP domain, budget lines planned and spent.
    pub answers: Value,
}

impl ReportInput {
    /// The narrative, for lists and emails.
    fn narrative(&self) -> String {
        self.answers.get("narrative").and_then(Value::as_str).unwrap_or_default().trim().to_owned()
    }

    /// Spending to date: the budget lines' `spent` added up.
    fn spent(&self) -> Money {
        let cents: i64 = self
            .answers
            .get("budget_lines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|line| line.get("spent").and_then(Value::as_str))
            .filter_map(|amount| amount.parse::<Money>().ok())
            .map(Money::cents)
            .sum();
        Money::from_cents(cents)
    }
}

/// The terms a `sign_agreement` request carries: `starts_on`, `ends_on` (YYYY-MM-DD) and optionally
/// `amount` (the amount awarded otherwise); every problem in words.
pub(crate) fn terms_from(
    payload: &Value,
    application: &Application,
    call: &Call,
) -> Result<AgreementTerms, Vec<String>> {
    let mut problems = Vec::new();
    let mut date =
        |key: &str| match payload.get(key).and_then(Value::as_str).map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d")) {
            Some(Ok(day)) => Some(day),
            Some(Err(_)) => {
                problems.push(format!("payload.{key} must be a date such as 2027-01-31"));
                None
            }
            None => {
                problems.push(format!("payload.{key} is required (YYYY-MM-DD)"));
                None
            }
        };
    let (starts_on, ends_on) = (date("starts_on"), date("ends_on"));
    let awarded = application.awarded_amount.unwrap_or(Money::ZERO);
    let amount = match payload.get("amount").and_then(Value::as_str).filter(|a| !a.trim().is_empty()) {
        None => Some(awarded),
        Some(text) => text.trim().parse::<Money>().map_err(|e| problems.push(format!("payload.amount: {e}"))).ok(),
    };
    let (Some(starts_on), Some(ends_on), Some(amount)) = (starts_on, ends_on, amount) else { return Err(problems) };
    let terms = AgreementTerms { amount, starts_on, ends_on };
    let limits = (call.settings.duration_min_months, call.settings.duration_max_months);
    terms
        .validate(awarded, limits)
        .map_err(|errors| errors.errors.into_iter().map(|e| e.message).collect::<Vec<_>>())?;
    Ok(terms)
}

/// Writes the agreement, its schedule (the first payment released at once) and its reports.
pub(crate) async fn write_agreement(
    txn: &DatabaseTransaction,
    application_id: i64,
    terms: &AgreementTerms,
    signed_by: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    agreement::Entity::insert(agreement::ActiveModel {
        application_id: Set(application_id),
        amount_cents: Set(terms.amount.cents()),
        starts_on: Set(terms.starts_on),
        ends_on: Set(terms.ends_on),
        signed_at: Set(now),
        signed_by: Set(signed_by),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    for planned in terms.schedule() {
        let released = planned.released_by_period.is_none();
        payment::Entity::insert(payment::ActiveModel {
            application_id: Set(application_id),
            sequence: Set(i32::try_from(planned.sequence).unwrap_or(i32::MAX)),
            kind: Set(planned.kind.to_string()),
            amount_cents: Set(planned.amount.cents()),
            released_by_period: Set(planned.released_by_period.and_then(|p| i32::try_from(p).ok())),
            status: Set(if released { REQUESTED } else { SCHEDULED }.to_owned()),
            requested_at: Set(released.then_some(now)),
            paid_at: Set(None),
            paid_by: Set(None),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    for planned in terms.reporting_plan() {
        report::Entity::insert(report::ActiveModel {
            application_id: Set(application_id),
            kind: Set(planned.kind.to_string()),
            period: Set(i32::try_from(planned.period).unwrap_or(i32::MAX)),
            covers_from: Set(planned.covers_from),
            covers_to: Set(planned.covers_to),
            due_on: Set(planned.due_on),
            status: Set(DUE.to_owned()),
            narrative: Set(String::new()),
            spent_cents: Set(None),
            submitted_at: Set(None),
            reviewed_at: Set(None),
            review_note: Set(None),
            version: Set(1),
            answers: Set("{}".to_owned()),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// What still stands between a contracted grant and its closure, if anything.
pub(crate) async fn settlement_missing(
    txn: &DatabaseTransaction,
    application_id: i64,
) -> Result<Option<String>, StoreError> {
    let file = load_file(txn, application_id).await?;
    let final_approved = file.reports.iter().any(|r| r.kind == ReportKind::Final && r.status == APPROVED);
    if !final_approved {
        return Ok(Some("the final report is not approved yet".into()));
    }
    let unpaid: Vec<String> =
        file.payments.iter().filter(|p| p.status != PAID).map(|p| format!("#{}", p.sequence)).collect();
    if unpaid.is_empty() { Ok(None) } else { Ok(Some(format!("payments not made yet: {}", unpaid.join(", ")))) }
}

async fn load_file(db: &impl sea_orm::ConnectionTrait, application_id: i64) -> Result<GrantFile, StoreError> {
    let agreement =
        agreement::Entity::find().filter(agreement::Column::ApplicationId.eq(application_id)).one(db).await?.map(|a| {
            Agreement {
                amount: Money::from_cents(a.amount_cents),
                starts_on: a.starts_on,
                ends_on: a.ends_on,
                signed_at: a.signed_at,
                signed_by: a.signed_by,
            }
        });
    let payments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(application_id))
        .order_by_asc(payment::Column::Sequence)
        .all(db)
        .await?
        .into_iter()
        .map(|p| {
            Ok(Payment {
                id: p.id,
                sequence: p.sequence,
                kind: parse("payment kind", &p.kind)?,
                amount: Money::from_cents(p.amount_cents),
                released_by_period: p.released_by_period,
                status: p.status,
                requested_at: p.requested_at,
                paid_at: p.paid_at,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let reports = report::Entity::find()
        .filter(report::Column::ApplicationId.eq(application_id))
        .order_by_asc(report::Column::DueOn)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            Ok(Report {
                id: r.id,
                kind: parse("report kind", &r.kind)?,
                period: r.period,
                covers_from: r.covers_from,
                covers_to: r.covers_to,
                due_on: r.due_on,
                status: r.status,
                narrative: r.narrative,
                spent: r.spent_cents.map(Money::from_cents),
                submitted_at: r.submitted_at,
                reviewed_at: r.reviewed_at,
                review_note: r.review_note,
                version: r.version,
                answers: serde_json::from_str(&r.answers).unwrap_or(Value::Null),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(GrantFile { agreement, payments, reports })
}

/// Who acts on a grant file, and when.
#[derive(Debug, Clone, Copy)]
pub struct Acting {
    /// The user.
    pub user_id: i64,
    /// In which role (the grantee as applicant, or a manager).
    pub actor: Actor,
    /// The instant.
    pub now: DateTime<Utc>,
    /// The language refusals are explained in.
    pub language: Language,
}

fn wrong_status(what: &str, status: &str, expected: &str) -> StoreError {
    StoreError::WrongState {
        message: format!("the {what} is {status}: this needs it to be {expected}"),
        state: status.to_owned(),
        allowed: Vec::new(),
    }
}

impl Store {
    /// The agreement, payments and reports of an application (empty before signature).
    pub async fn grant_file(&self, application_id: i64) -> Result<GrantFile, StoreError> {
        load_file(&self.db, application_id).await
    }

    /// Hands in a report (the grantee): allowed while it is due or sent back; refused once submitted.
    pub async fn submit_report(
        &self,
        application_id: i64,
        report_id: i64,
        input: ReportInput,
        expected_version: Option<i32>,
        acting: Acting,
    ) -> Result<Outcome, StoreError> {
        let txn = self.begin_write().await?;
        let (application, call, row) = load_report(&txn, application_id, report_id).await?;
        let form = grants_domain::form::FormSchema::compile(&call.settings.report_form()).map_err(|why| {
            StoreError::WrongState {
                message: format!("the call's report form is broken: {why}"),
                state: row.status.clone(),
                allowed: Vec::new(),
            }
        })?;
        let problems = form.validate(&input.answers, acting.language);
        if !problems.is_empty() {
            return Err(ValidationErrors { errors: problems }.into());
        }
        let (narrative, spent) = (input.narrative(), input.spent());
        if row.status != DUE && row.status != CHANGES_REQUESTED {
            return Err(wrong_status("report", &row.status, "due or sent back for changes"));
        }
        check_version("report", row.version, expected_version)?;
        let changed = report::Entity::update_many()
            .col_expr(report::Column::Status, Expr::value(SUBMITTED))
            .col_expr(report::Column::Narrative, Expr::value(narrative))
            .col_expr(report::Column::SpentCents, Expr::value(Some(spent.cents())))
            .col_expr(report::Column::Answers, Expr::value(input.answers.to_string()))
            .col_expr(report::Column::SubmittedAt, Expr::value(Some(acting.now)))
            .col_expr(report::Column::Version, Expr::value(row.version + 1))
            .filter(report::Column::Id.eq(report_id))
            .filter(report::Column::Version.eq(row.version))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(stale("report", row.version));
        }
        let payload = json!({ "report_id": report_id, "kind": row.kind, "period": row.period, "spent": spent });
        let recorded =
            Recorded { action: "submit_report", from: &row.status, to: SUBMITTED, notices: REPORT_SUBMITTED };
        let outcome = log(&txn, &application, &call, recorded, &payload, None, acting, report_context(&row)).await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// Reviews a submitted report (managers): approve it (releasing the payments it unlocks) or send it
    /// back with what to change.
    pub async fn review_report(
        &self,
        application_id: i64,
        report_id: i64,
        approve: bool,
        note: Option<&str>,
        acting: Acting,
    ) -> Result<Outcome, StoreError> {
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if !approve && note.is_none() {
            let mut errors = ValidationErrors::default();
            errors.add("/note", "required", "say what the grantee must change");
            return Err(errors.into());
        }
        let txn = self.begin_write().await?;
        let (application, call, row) = load_report(&txn, application_id, report_id).await?;
        if row.status != SUBMITTED {
            return Err(wrong_status("report", &row.status, SUBMITTED));
        }
        let to = if approve { APPROVED } else { CHANGES_REQUESTED };
        report::Entity::update_many()
            .col_expr(report::Column::Status, Expr::value(to))
            .col_expr(report::Column::ReviewedAt, Expr::value(Some(acting.now)))
            .col_expr(report::Column::ReviewNote, Expr::value(note.map(ToOwned::to_owned)))
            .col_expr(report::Column::Version, Expr::value(row.version + 1))
            .filter(report::Column::Id.eq(report_id))
            .exec(&txn)
            .await?;
        let released = if approve { release_payments(&txn, &row, acting.now).await? } else { Value::Null };
        let payload = json!({ "report_id": report_id, "kind": row.kind, "period": row.period, "payments": released });
        let (action, notices) =
            if approve { ("approve_report", REPORT_APPROVED) } else { ("request_report_changes", REPORT_CHANGES) };
        let recorded = Recorded { action, from: SUBMITTED, to, notices };
        let outcome = log(&txn, &application, &call, recorded, &payload, note, acting, report_context(&row)).await?;
        txn.commit().await?;
        Ok(outcome)
    }

    /// Records a released payment as paid (managers).
    pub async fn mark_paid(&self, application_id: i64, payment_id: i64, acting: Acting) -> Result<Outcome, StoreError> {
        let txn = self.begin_write().await?;
        let application = load_application(&txn, application_id).await?;
        require_contracted(&application)?;
        let call = load_call(&txn, application.call_id).await?;
        let row = payment::Entity::find_by_id(payment_id)
            .filter(payment::Column::ApplicationId.eq(application_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("payment"))?;
        if row.status != REQUESTED {
            return Err(wrong_status("payment", &row.status, "released by its report"));
        }
        payment::Entity::update_many()
            .col_expr(payment::Column::Status, Expr::value(PAID))
            .col_expr(payment::Column::PaidAt, Expr::value(Some(acting.now)))
            .col_expr(payment::Column::PaidBy, Expr::value(Some(acting.user_id)))
            .filter(payment::Column::Id.eq(payment_id))
            .filter(payment::Column::Status.eq(REQUESTED))
            .exec(&txn)
            .await?;
        let amount = Money::from_cents(row.amount_cents);
        let payload = json!({ "payment_id": payment_id, "sequence": row.sequence, "amount": amount });
        let recorded = Recorded { action: "mark_paid", from: REQUESTED, to: PAID, notices: PAYMENT_MADE };
        let context =
            json!({ "payment": { "sequence": row.sequence, "amount": amount.to_string(), "kind": row.kind } });
        let outcome = log(&txn, &application, &call, recorded, &payload, None, acting, context).await?;
        txn.commit().await?;
        Ok(outcome)
    }
}

/// Reports and payments move only while the grant runs.
fn require_contracted(application: &Application) -> Result<(), StoreError> {
    if application.state == grants_workflow::ApplicationState::Contracted {
        Ok(())
    } else {
        Err(StoreError::WrongState {
            message: format!(
                "the application is {}: reports and payments move only while the grant is contracted",
                application.state
            ),
            state: application.state.to_string(),
            allowed: Vec::new(),
        })
    }
}

fn check_version(what: &'static str, current: i32, expected: Option<i32>) -> Result<(), StoreError> {
    match expected {
        Some(sent) if sent != current => Err(StoreError::StaleVersion {
            subject: what,
            expected: sent,
            actual: current,
            state: String::new(),
            allowed: Vec::new(),
        }),
        _ => Ok(()),
    }
}

fn stale(what: &'static str, version: i32) -> StoreError {
    StoreError::StaleVersion {
        subject: what,
        expected: version,
        actual: version + 1,
        state: String::new(),
        allowed: Vec::new(),
    }
}

/// What email templates see of a report.
pub(crate) fn report_json(row: &report::Model) -> Value {
    json!({ "id": row.id, "kind": row.kind, "period": row.period, "due_at": row.due_on.to_string() })
}

fn report_context(row: &report::Model) -> Value {
    json!({ "report": report_json(row) })
}

async fn load_report(
    txn: &DatabaseTransaction,
    application_id: i64,
    report_id: i64,
) -> Result<(Application, Call, report::Model), StoreError> {
    let application = load_application(txn, application_id).await?;
    require_contracted(&application)?;
    let call = load_call(txn, application.call_id).await?;
    let row = report::Entity::find_by_id(report_id)
        .filter(report::Column::ApplicationId.eq(application_id))
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound("report"))?;
    Ok((application, call, row))
}

/// Releases the payments an approved report unlocks. A further pre-financing also needs 70 % of the
/// previous payment reported as spent; one held back stays scheduled and the event says why.
async fn release_payments(
    txn: &DatabaseTransaction,
    approved: &report::Model,
    now: DateTime<Utc>,
) -> Result<Value, StoreError> {
    let payments = payment::Entity::find()
        .filter(payment::Column::ApplicationId.eq(approved.application_id))
        .order_by_asc(payment::Column::Sequence)
        .all(txn)
        .await?;
    let is_final = approved.kind == ReportKind::Final.to_string();
    let mut outcome = Vec::new();
    for (index, row) in payments.iter().enumerate() {
        let balance = row.kind == PaymentKind::Balance.to_string();
        let unlocked =
            row.status == SCHEDULED && row.released_by_period == Some(approved.period) && balance == is_final;
        if !unlocked {
            continue;
        }
        let previous = index.checked_sub(1).and_then(|i| payments.get(i)).map(|p| Money::from_cents(p.amount_cents));
        let spent = Money::from_cents(approved.spent_cents.unwrap_or(0));
        if !balance && previous.is_some_and(|p| !spending_allows_release(p, spent)) {
            outcome.push(json!({ "sequence": row.sequence, "released": false, "why": "less than 70 % of the previous payment reported as spent" }));
            continue;
        }
        payment::Entity::update_many()
            .col_expr(payment::Column::Status, Expr::value(REQUESTED))
            .col_expr(payment::Column::RequestedAt, Expr::value(Some(now)))
            .filter(payment::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        outcome.push(json!({ "sequence": row.sequence, "released": true }));
    }
    Ok(Value::Array(outcome))
}

#[allow(clippy::too_many_arguments)]
async fn log(
    txn: &DatabaseTransaction,
    application: &Application,
    call: &Call,
    recorded: Recorded<'_>,
    payload: &Value,
    reason: Option<&str>,
    acting: Acting,
    extra: Value,
) -> Result<Outcome, StoreError> {
    let request = ActionRequest {
        actor: acting.actor,
        actor_user_id: Some(acting.user_id),
        reason,
        payload,
        expected_version: None,
        now: acting.now,
        language: acting.language,
    };
    let mut context = crate::outbox::mail_context(
        application.id,
        application.reference.as_deref(),
        &application.title,
        application.state,
        call,
        extra,
    );
    context["payload"] = payload.clone();
    let scope = AudienceScope {
        organisation: Some(application.organisation_id),
        call: call.id,
        application: Some(application.id),
    };
    record(txn, Subject::Application(application.id), application.version, recorded, &request, &scope, context).await
}
