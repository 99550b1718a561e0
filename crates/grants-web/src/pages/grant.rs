//! The grant after signature on the pages: the agreement, payments and reports on the application page,
//! a page per report where the grantee writes it and a manager reviews it, and the "paid" button.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_store::StoreError;
use grants_store::agreements::{Acting, CHANGES_REQUESTED, DUE, GrantFile, REQUESTED, ReportInput, SUBMITTED};
use grants_workflow::ApplicationState;
use serde::Deserialize;
use serde_json::{Value, json};

use super::session::Visitor;
use super::{context, error_page, form_sender, page, refusal_page, see_other};
use crate::api::grants::{as_grantee, as_manager, readable_file};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The review form, as posted.
#[derive(Debug, Deserialize)]
pub struct ReviewForm {
    csrf: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    decision: String,
}

/// A form with only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// The next report a contracted grant expects (due or sent back), for the applications list; `Null` when
/// none is expected.
pub async fn next_report(state: &AppState, visitor: &Visitor, application_id: i64) -> Value {
    let Ok(file) = state.store.grant_file(application_id).await else { return Value::Null };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    file.reports.iter().find(|r| r.status == DUE || r.status == CHANGES_REQUESTED).map_or(Value::Null, |r| {
        json!({
            "link": format!("/applications/{application_id}/reports/{}", r.id),
            "label": t(format!("report_kind_{}", r.kind)),
            "due_on": r.due_on.to_string(),
            "status_label": t(format!("report_status_{}", r.status)),
        })
    })
}

/// The grant section for `user` on the page of `application`: the grantee's members and staff see it.
pub async fn section_for(
    state: &AppState,
    visitor: &Visitor,
    user: &grants_store::User,
    application: &grants_store::Application,
) -> Result<Value, AppError> {
    if !user.viewer().can_view_application(application.organisation_id) {
        return Ok(Value::Null);
    }
    let file = state.store.grant_file(application.id).await?;
    let contracted = application.state == ApplicationState::Contracted;
    Ok(section(state, visitor, application.id, &file, user.viewer().can_manage_calls(), contracted))
}

/// The grant section of the application page: `Null` before signature or for those who may not see it.
fn section(
    state: &AppState,
    visitor: &Visitor,
    application_id: i64,
    file: &GrantFile,
    manager: bool,
    contracted: bool,
) -> Value {
    let Some(agreement) = &file.agreement else { return Value::Null };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    json!({
        "amount": agreement.amount.to_string(),
        "starts_on": agreement.starts_on.to_string(),
        "ends_on": agreement.ends_on.to_string(),
        "payments": file.payments.iter().map(|p| json!({
            "id": p.id,
            "sequence": p.sequence,
            "kind_label": t(format!("payment_kind_{}", p.kind)),
            "amount": p.amount.to_string(),
            "status_label": t(format!("payment_status_{}", p.status)),
            "can_mark_paid": manager && contracted && p.status == REQUESTED,
        })).collect::<Vec<_>>(),
        "reports": file.reports.iter().map(|r| json!({
            "link": format!("/applications/{application_id}/reports/{}", r.id),
            "kind_label": t(format!("report_kind_{}", r.kind)),
            "interim": r.kind == grants_domain::agreement::ReportKind::Interim,
            "period": r.period,
            "covers": format!("{} – {}", r.covers_from, r.covers_to),
            "due_on": r.due_on.to_string(),
            "status_label": t(format!("report_status_{}", r.status)),
        })).collect::<Vec<_>>(),
    })
}

/// What a report page shows besides the report: what was typed, the error, the status.
struct Shown<'a> {
    typed: Option<&'a Value>,
    field_errors: &'a [grants_domain::FieldError],
    error: Option<String>,
    status: StatusCode,
}

impl Shown<'_> {
    fn plain() -> Self {
        Shown { typed: None, field_errors: &[], error: None, status: StatusCode::OK }
    }
}

async fn render(
    state: &AppState,
    visitor: &Visitor,
    application: &grants_store::Application,
    file: &GrantFile,
    report_id: i64,
    shown: &Shown<'_>,
) -> Response {
    let Some(user) = visitor.session.as_ref().map(|s| &s.user) else { return see_other("/login") };
    let Some(report) = file.reports.iter().find(|r| r.id == report_id) else {
        return error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let contracted = application.state == ApplicationState::Contracted;
    let writable = contracted
        && user.viewer().is_applicant_for(application.organisation_id)
        && (report.status == DUE || report.status == CHANGES_REQUESTED);
    let reviewable = contracted && user.viewer().can_manage_calls() && report.status == SUBMITTED;
    let schema = match state.store.call(application.call_id).await {
        Ok(call) => call.settings.report_form(),
        Err(err) => return refusal_page(state, visitor, &AppError::from(err)),
    };
    let countries: Vec<String> = Vec::new();
    let form = super::form::FormContext {
        schema: &schema,
        lang: visitor.lang,
        programme: state.store.programme(),
        countries: &countries,
    };
    let answers = shown.typed.unwrap_or(&report.answers);
    let fields = super::form::fields(&form, answers, shown.field_errors);
    let reading = super::form::reading_rows(super::form::fields(&form, &report.answers, &[]));
    let summary: Vec<Value> = shown
        .field_errors
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
                "covers": format!("{} – {}", report.covers_from, report.covers_to),
                "due_on": report.due_on.to_string(),
                "status_label": t(format!("report_status_{}", report.status)),
                "narrative": report.narrative,
                "spent": report.spent.map(|m| m.to_string()),
                "review_note": report.review_note,
                "version": report.version,
            },
            "writable": writable,
            "reviewable": reviewable,
            "error": shown.error,
            "fields": fields,
            "reading": reading,
            "errors": summary,
        }),
    );
    page(state, shown.status, "report", &ctx)
}

async fn load(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
) -> Result<(grants_store::User, grants_store::Application, GrantFile), Response> {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return Err(see_other("/login")) };
    match readable_file(state, &user, id).await {
        Ok((application, file)) => Ok((user, application, file)),
        Err(err) => Err(refusal_page(state, visitor, &err)),
    }
}

/// A manager's form post on grant `id`: signed in, CSRF token right, the file readable, the role held.
async fn manager_post(
    state: &AppState,
    visitor: &Visitor,
    id: i64,
    csrf: &str,
) -> Result<(Acting, grants_store::Application, GrantFile), Response> {
    let user = form_sender(state, visitor, csrf)?;
    let (_, application, file) = load(state, visitor, id).await?;
    let acting = as_manager(&user, state).map_err(|err| refusal_page(state, visitor, &err))?;
    Ok((acting, application, file))
}

/// A report: the grantee's form while it is due, the manager's review once submitted, read-only otherwise.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
) -> Response {
    match load(&state, &visitor, id).await {
        Ok((_, application, file)) => render(&state, &visitor, &application, &file, report_id, &Shown::plain()).await,
        Err(response) => response,
    }
}

/// Hands in the report (the grantee); a refused form comes back with what was typed and the errors
/// next to their fields.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let user = match form_sender(&state, &visitor, field("csrf").unwrap_or_default()) {
        Ok(user) => user,
        Err(response) => return response,
    };
    let (_, application, file) = match load(&state, &visitor, id).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let acting = match as_grantee(&user, &application, &state) {
        Ok(acting) => acting,
        Err(err) => return refusal_page(&state, &visitor, &err),
    };
    let schema = match state.store.call(application.call_id).await {
        Ok(call) => call.settings.report_form(),
        Err(err) => return refusal_page(&state, &visitor, &AppError::from(err)),
    };
    let answers = super::form::parse(&schema, &pairs);
    let version = field("version").and_then(|v| v.parse().ok());
    match state.store.submit_report(id, report_id, ReportInput { answers: answers.clone() }, version, acting).await {
        Ok(_) => see_other(&format!("/applications/{id}/reports/{report_id}")),
        Err(StoreError::Validation(found)) => {
            let shown = Shown {
                typed: Some(&answers),
                field_errors: &found.errors,
                error: Some(state.pages.text(visitor.lang, "form_errors_heading")),
                status: StatusCode::UNPROCESSABLE_ENTITY,
            };
            render(&state, &visitor, &application, &file, report_id, &shown).await
        }
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Approves the report or sends it back (managers).
pub async fn review(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    Form(form): Form<ReviewForm>,
) -> Response {
    let (acting, application, file) = match manager_post(&state, &visitor, id, &form.csrf).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let approve = form.decision == "approve";
    match state.store.review_report(id, report_id, approve, Some(&form.note), acting).await {
        Ok(_) => see_other(&format!("/applications/{id}/reports/{report_id}")),
        Err(StoreError::Validation(_)) => {
            let shown = Shown {
                typed: None,
                field_errors: &[],
                error: Some(state.pages.text(visitor.lang, "report_note_required")),
                status: StatusCode::UNPROCESSABLE_ENTITY,
            };
            render(&state, &visitor, &application, &file, report_id, &shown).await
        }
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Records a payment as made (managers).
pub async fn paid(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, payment_id)): ApiPath<(i64, i64)>,
    Form(form): Form<CsrfForm>,
) -> Response {
    let (acting, _, _) = match manager_post(&state, &visitor, id, &form.csrf).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    match state.store.mark_paid(id, payment_id, acting).await {
        Ok(_) => see_other(&format!("/applications/{id}")),
        Err(err) => refusal_page(&state, &visitor, &AppError::from(err)),
    }
}
