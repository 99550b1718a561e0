//! Grant management after the award (SPEC §8): the agreement recorded when it is signed, with its payment
//! schedule and reports; reports submitted by the grantee and reviewed by a manager; payments released by
//! approved reports and marked paid. Reports and payments each follow their table in `grants-workflow`;
//! every change is one transaction with its audit record and its email.

mod payments;
mod reports;
mod terms;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::agreement::{PaymentKind, ReportKind};
use grants_domain::{Language, Money};
use grants_workflow::{Actor, PaymentState, ReportState};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};
use strum::IntoEnumIterator as _;

pub(crate) use terms::{settlement_missing, terms_from, write_agreement};

use crate::applications::load_application;
use crate::audience::AudienceScope;
use crate::calls::load_call;
use crate::entity::{agreement, payment, report};
use crate::events::Subject;
use crate::records::parse;
use crate::transition::{ActionRequest, Outcome, Recorded, record};
use crate::{Application, Call, Store, StoreError};

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
    /// Where it stands.
    pub status: PaymentState,
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
    /// Where it stands.
    pub status: ReportState,
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
    pub(crate) fn narrative(&self) -> String {
        self.answers.get("narrative").and_then(Value::as_str).unwrap_or_default().trim().to_owned()
    }

    /// Spending to date: the budget lines' `spent` added up.
    pub(crate) fn spent(&self) -> Money {
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

impl Acting {
    /// The request the grant file's tables decide on.
    pub(crate) fn request<'a>(&self, reason: Option<&'a str>, payload: &'a Value) -> ActionRequest<'a> {
        ActionRequest {
            actor: self.actor,
            actor_user_id: Some(self.user_id),
            reason,
            payload,
            expected_version: None,
            now: self.now,
            language: self.language,
        }
    }
}

/// Whether the grant of `application` runs: reports and payments move only then.
pub(crate) fn grant_running(application: &Application) -> bool {
    application.state == grants_workflow::ApplicationState::Contracted
}

/// The report a grant waits for from its grantee, as a list shows it beside the application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextReport {
    /// Its id.
    pub id: i64,
    /// Interim or final.
    pub kind: ReportKind,
    /// When it is due.
    pub due_on: NaiveDate,
    /// Due, or sent back for changes.
    pub status: ReportState,
}

impl Store {
    /// The agreement, payments and reports of an application (empty before signature).
    pub async fn grant_file(&self, application_id: i64) -> Result<GrantFile, StoreError> {
        load_file(&self.db, application_id).await
    }

    /// For each of `application_ids` whose grant waits for a report from its grantee (due, or sent
    /// back), the earliest such report: one statement for a whole page of a list, where reading each
    /// grant file would cost three per row.
    pub async fn next_reports(&self, application_ids: &[i64]) -> Result<HashMap<i64, NextReport>, StoreError> {
        if application_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let awaiting: Vec<&'static str> = ReportState::iter()
            .filter(|state| grants_workflow::report::awaits_grantee(*state))
            .map(<&'static str>::from)
            .collect();
        let rows = report::Entity::find()
            .select_only()
            .columns([
                report::Column::Id,
                report::Column::ApplicationId,
                report::Column::Kind,
                report::Column::DueOn,
                report::Column::Status,
            ])
            .filter(report::Column::ApplicationId.is_in(application_ids.iter().copied()))
            .filter(report::Column::Status.is_in(awaiting))
            .order_by_asc(report::Column::DueOn)
            .order_by_asc(report::Column::Id)
            .into_tuple::<(i64, i64, String, NaiveDate, String)>()
            .all(&self.db)
            .await?;
        let mut next = HashMap::new();
        for (id, application_id, kind, due_on, status) in rows {
            if let Entry::Vacant(slot) = next.entry(application_id) {
                let (kind, status) = (parse("report kind", &kind)?, parse("report status", &status)?);
                slot.insert(NextReport { id, kind, due_on, status });
            }
        }
        Ok(next)
    }
}

pub(crate) async fn load_file(
    db: &impl sea_orm::ConnectionTrait,
    application_id: i64,
) -> Result<GrantFile, StoreError> {
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
                status: parse("payment status", &p.status)?,
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
                status: parse("report status", &r.status)?,
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

pub(crate) fn check_version(what: &'static str, current: i32, expected: Option<i32>) -> Result<(), StoreError> {
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

pub(crate) fn stale(what: &'static str, version: i32) -> StoreError {
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

pub(crate) fn report_context(row: &report::Model) -> Value {
    json!({ "report": report_json(row) })
}

pub(crate) async fn load_report(
    txn: &DatabaseTransaction,
    application_id: i64,
    report_id: i64,
) -> Result<(Application, Call, report::Model), StoreError> {
    let application = load_application(txn, application_id).await?;
    let call = load_call(txn, application.call_id).await?;
    let row = report::Entity::find_by_id(report_id)
        .filter(report::Column::ApplicationId.eq(application_id))
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound("report"))?;
    Ok((application, call, row))
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn log(
    txn: &DatabaseTransaction,
    application: &Application,
    call: &Call,
    recorded: Recorded<'_>,
    payload: &Value,
    reason: Option<&str>,
    acting: Acting,
    extra: Value,
) -> Result<Outcome, StoreError> {
    let request = acting.request(reason, payload);
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
