//! The grant after signature on the pages: the agreement, payments and reports on the application page,
//! a page per report where the grantee writes it and a manager reviews it, and the "paid" button. What
//! each may do is read from the report and payment tables.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_store::agreements::{GrantFile, NextReport, Report, ReportInput};
use grants_store::{Application, StoreError, User};
use grants_workflow::machine::find;
use grants_workflow::{Actor, ApplicationState, PaymentAction, PaymentMachine, ReportAction, ReportMachine};
use serde::Deserialize;
use serde_json::{Value, json};

use super::calls::Empty;
use super::extract::{Managers, Posted, SignedIn};
use super::format::day;
use super::refusal::{Refusal, is_expected};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::access::{as_grantee, as_manager, readable_file};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The review form, as posted.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    note: String,
    #[serde(default)]
    decision: String,
}

/// The next report a contracted grant expects (due or sent back), for the applications list; `Null` when
/// none is expected.
pub fn next_report(state: &AppState, visitor: &Visitor, application_id: i64, report: Option<&NextReport>) -> Value {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    report.map_or(Value::Null, |r| {
        json!({
            "link": format!("/applications/{application_id}/reports/{}", r.id),
            "label": t(format!("report_kind_{}", r.kind)),
            "due_on": day(r.due_on, visitor.lang),
            "status_label": t(format!("report_status_{}", r.status)),
        })
    })
}

/// The grant section for `user` on the page of `application`: the grantee's members and staff see it.
pub async fn section_for(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    application: &Application,
) -> Result<Value, StoreError> {
    if !user.viewer().can_view_application(application.organisation_id) {
        return Ok(Value::Null);
    }
    let file = state.store.grant_file(application.id).await?;
    let contracted = application.state == ApplicationState::Contracted;
    Ok(section(state, visitor, application.id, &file, user.viewer().can_manage_calls() && contracted))
}

/// The grant section of the application page: `Null` before signature.
fn section(state: &AppState, visitor: &Visitor, application_id: i64, file: &GrantFile, managing: bool) -> Value {
    let Some(agreement) = &file.agreement else { return Value::Null };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    json!({
        "amount": agreement.amount.euros(visitor.lang),
        "starts_on": day(agreement.starts_on, visitor.lang),
        "ends_on": day(agreement.ends_on, visitor.lang),
        "payments": file.payments.iter().map(|p| json!({
            "id": p.id,
            "sequence": p.sequence,
            "kind_label": t(format!("payment_kind_{}", p.kind)),
            "amount": p.amount.euros(visitor.lang),
            "status_label": t(format!("payment_status_{}", p.status)),
            "can_mark_paid": managing && find::<PaymentMachine>(p.status, PaymentAction::MarkPaid).is_some(),
        })).collect::<Vec<_>>(),
        "reports": file.reports.iter().map(|r| json!({
            "link": format!("/applications/{application_id}/reports/{}", r.id),
            "kind_label": t(format!("report_kind_{}", r.kind)),
            "interim": r.kind == grants_domain::agreement::ReportKind::Interim,
            "period": r.period,
            "covers": format!("{} – {}", day(r.covers_from, visitor.lang), day(r.covers_to, visitor.lang)),
            "due_on": day(r.due_on, visitor.lang),
            "status_label": t(format!("report_status_{}", r.status)),
        })).collect::<Vec<_>>(),
    })
}

/// What a report page shows besides the report: what was typed and the refusal.
struct Shown<'a> {
    typed: Option<&'a Value>,
    refusal: Option<Refusal>,
}

/// Whether the row `action` leaves `report` for `actor`: what decides the forms the page offers.
fn offered(report: &Report, action: ReportAction, actor: Actor) -> bool {
    find::<ReportMachine>(report.status, action).is_some_and(|row| row.actors.contains(&actor))
}

async fn render(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    (application, file): (&Application, &GrantFile),
    report_id: i64,
    shown: &Shown<'_>,
) -> Response {
    let Some(report) = file.reports.iter().find(|r| r.id == report_id) else {
        return error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let contracted = application.state == ApplicationState::Contracted;
    let writable = contracted
        && user.viewer().is_applicant_for(application.organisation_id)
        && offered(report, ReportAction::SubmitReport, Actor::APPLICANT);
    let reviewable =
        contracted && user.viewer().can_manage_calls() && offered(report, ReportAction::ApproveReport, Actor::MANAGER);
    let schema = match state.store.call(application.call_id).await {
        Ok(call) => call.settings.report_form(),
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    let countries: Vec<String> = Vec::new();
    let form = super::form::FormContext {
        schema: &schema,
        lang: visitor.lang,
        programme: state.store.programme(),
        countries: &countries,
        yes_no: super::form::yes_no(&state.pages, visitor.lang),
    };
    let refusal = shown.refusal.as_ref();
    let field_errors: Vec<grants_domain::FieldError> =
        refusal.filter(|r| r.form == "report").map(Refusal::field_errors).unwrap_or_default();
    let answers = shown.typed.unwrap_or(&report.answers);
    let fields = super::form::fields(&form, answers, &field_errors);
    let reading = super::form::reading_rows(super::form::fields(&form, &report.answers, &[]));
    let summary: Vec<Value> = field_errors
        .iter()
        .map(|e| json!({ "id": format!("f{}", e.field.replace('/', "-")), "message": e.message }))
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_report",
        json!({
            "application": { "id": application.id, "reference": application.reference, "title": application.title },
            "report": {
                "id": report.id,
                "kind_label": t(format!("report_kind_{}", report.kind)),
                "interim": report.kind == grants_domain::agreement::ReportKind::Interim,
                "period": report.period,
                "covers": format!("{} – {}", day(report.covers_from, visitor.lang), day(report.covers_to, visitor.lang)),
                "due_on": day(report.due_on, visitor.lang),
                "status_label": t(format!("report_status_{}", report.status)),
                "narrative": report.narrative,
                "spent": report.spent.map(|m| m.euros(visitor.lang)),
                "review_note": report.review_note,
                "version": report.version,
            },
            "writable": writable,
            "reviewable": reviewable,
            "error": refusal.filter(|r| r.form == "report").map(|_| t("form_errors_heading".into())),
            "refused": Refusal::for_form(refusal, "review"),
            "note": Refusal::typed_or(refusal, "review", "note", None),
            "fields": fields,
            "reading": reading,
            "errors": summary,
        }),
    );
    page(state, refusal.map_or(StatusCode::OK, |r| r.status), "report", ctx)
}

/// The grant file of application `id` when `user` may read it; the error page otherwise.
async fn load(state: &AppState, visitor: &Visitor, user: &User, id: i64) -> Result<(Application, GrantFile), Response> {
    readable_file(state, user, id).await.map_err(|err| failure_page(state, visitor, &err))
}

/// A report: the grantee's form while it is due, the manager's review once submitted, read-only otherwise.
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    match load(&state, &visitor, &user, id).await {
        Ok((application, file)) => {
            let shown = Shown { typed: None, refusal: None };
            render(&state, &visitor, &user, (&application, &file), report_id, &shown).await
        }
        Err(response) => response,
    }
}

/// Hands in the report (the grantee); a refused form comes back with what was typed and the errors
/// next to their fields.
pub async fn submit(
    State(state): State<AppState>,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    posted: Posted<Vec<(String, String)>>,
) -> Response {
    let Posted { visitor, user, fields: pairs, .. } = posted;
    let (application, file) = match load(&state, &visitor, &user, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let acting = match as_grantee(&user, &application, &state) {
        Ok(acting) => acting,
        Err(err) => return failure_page(&state, &visitor, &err),
    };
    let schema = match state.store.call(application.call_id).await {
        Ok(call) => call.settings.report_form(),
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let answers = super::form::parse(&schema, &pairs);
    let version = pairs.iter().find(|(k, _)| k == "version").and_then(|(_, v)| v.parse().ok());
    match state.store.submit_report(id, report_id, ReportInput { answers: answers.clone() }, version, acting).await {
        Ok(_) => see_other(&format!("/applications/{id}/reports/{report_id}")),
        Err(err) => {
            let err = AppError::from(err);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let refusal = Refusal::new(&state.pages, visitor.lang, "report", &err, &pairs);
            let shown = Shown { typed: Some(&answers), refusal: Some(refusal) };
            render(&state, &visitor, &user, (&application, &file), report_id, &shown).await
        }
    }
}

/// Approves the report or sends it back (managers).
pub async fn review(
    State(state): State<AppState>,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    posted: Posted<ReviewForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let (application, file) = match load(&state, &visitor, &user, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let acting = match as_manager(&user, &state) {
        Ok(acting) => acting,
        Err(err) => return failure_page(&state, &visitor, &err),
    };
    let approve = form.decision == "approve";
    match state.store.review_report(id, report_id, approve, Some(&form.note), acting).await {
        Ok(_) => see_other(&format!("/applications/{id}/reports/{report_id}")),
        Err(err) => {
            let err = AppError::from(err);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let shown =
                Shown { typed: None, refusal: Some(Refusal::new(&state.pages, visitor.lang, "review", &err, &fields)) };
            render(&state, &visitor, &user, (&application, &file), report_id, &shown).await
        }
    }
}

/// Records a payment as made (managers); a refusal comes back to the application page.
pub async fn paid(
    State(state): State<AppState>,
    ApiPath((id, payment_id)): ApiPath<(i64, i64)>,
    posted: Posted<Empty, Managers>,
) -> Response {
    let Posted { visitor, user, fields, .. } = posted;
    let (application, file) = match load(&state, &visitor, &user, id).await {
        Ok(loaded) => loaded,
        Err(response) => return response,
    };
    if !super::confirm::confirmed(&fields) {
        let Some(payment) = file.payments.iter().find(|p| p.id == payment_id) else {
            return super::error_page(&state, &visitor, axum::http::StatusCode::NOT_FOUND, "error_not_found");
        };
        let kind = state.pages.text(visitor.lang, &format!("payment_kind_{}", payment.kind));
        let subject = super::confirm::application_subject(&application);
        let question = super::confirm::Question {
            label_key: "payment_mark_paid".into(),
            on: ("payment", "paid".to_owned()),
            subject: format!("{subject} — {kind}, {}", payment.amount.euros(visitor.lang)),
            back: format!("/applications/{id}"),
            fields: &fields,
        };
        return super::confirm::ask(&state, &visitor, &question);
    }
    let acting = match as_manager(&user, &state) {
        Ok(acting) => acting,
        Err(err) => return failure_page(&state, &visitor, &err),
    };
    match state.store.mark_paid(id, payment_id, acting).await {
        Ok(_) => super::done(&state, &format!("/applications/{id}"), "paid"),
        Err(err) => {
            let err = AppError::from(err);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let refusal = Refusal::new(&state.pages, visitor.lang, &format!("paid-{payment_id}"), &err, &fields);
            super::application::render(&state, &visitor, &user, id, Some(&refusal)).await
        }
    }
}
