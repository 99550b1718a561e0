//! The server-rendered web front end: HTML pages that work without JavaScript, in English and French,
//! behind a database session. Role and object checks are the API's (`grants_domain::access` through
//! the same helpers), so a page never shows what the API would hide.

pub mod accounts;
pub mod actions;
pub mod application;
pub mod application_pdf;
pub mod applications;
pub mod applications_csv;
pub mod attachment_list;
pub mod auth;
pub mod call_design;
pub mod call_documents;
pub mod call_facts;
pub mod call_form;
pub mod call_questions;
pub mod calls;
pub mod clarification;
pub mod clarification_files;
pub mod confirm;
pub mod design;
pub mod edit;
pub mod evaluate;
pub mod evaluation_watch;
pub mod extract;
pub mod fallback;
pub mod form;
pub mod format;
pub mod grant;
pub mod held_form;
pub mod notices;
pub mod organisation;
pub mod outbox;
pub mod pdf_document;
pub mod people;
pub mod portfolio;
pub mod ranking;
pub mod refusal;
pub mod render;
pub mod second_factor;
pub mod session;
pub mod workload;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub use render::{Arg, Pages};
use session::Visitor;

use crate::AppState;

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(calls::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/lang/{code}", get(auth::switch_language))
        .route("/signup", get(accounts::signup_form).post(accounts::signup))
        .route("/verify", get(accounts::verify))
        .route("/password/forgot", get(accounts::forgot_form).post(accounts::forgot))
        .route("/password/reset", get(accounts::reset_form).post(accounts::reset))
        .route("/password/choose", get(accounts::choose_form))
        .route("/static/app.css", get(stylesheet))
        .route("/calls", get(calls::list))
        .route("/calls/new", get(design::new_call).post(design::create_call))
        .route("/calls/{id}", get(calls::show))
        .route("/calls/{id}/edit", get(design::edit_call).post(design::update_call))
        .route("/calls/{id}/design/form", get(call_design::form_design::show).post(call_design::form_design::reorder))
        .route(
            "/calls/{id}/design/question",
            get(call_design::form_design::question).post(call_design::form_design::save_question),
        )
        .route("/calls/{id}/design/preview", get(call_design::preview::show))
        .route("/calls/{id}/design/grid", get(call_design::grid::show).post(call_design::grid::save))
        .route("/calls/{id}/design/checklist", get(call_design::checklist::show).post(call_design::checklist::save))
        .route("/calls/{id}/design/reporting", get(call_design::reporting::show).post(call_design::reporting::post))
        .route("/calls/{id}/design/documents", get(call_design::documents::show).post(call_design::documents::save))
        .route(
            "/calls/{id}/design/eligibility",
            get(call_design::eligibility::show).post(call_design::eligibility::post),
        )
        .route("/calls/{id}/actions/{action}", post(calls::act))
        .route(
            "/calls/{id}/documents",
            post(call_documents::upload).layer(axum::extract::DefaultBodyLimit::max(
                grants_store::call_documents::MAX_DOCUMENT_BYTES + 64 * 1024,
            )),
        )
        .route("/calls/{id}/documents/{document_id}", get(call_documents::download))
        .route("/calls/{id}/questions", post(call_questions::ask))
        .route("/calls/{id}/questions/{question_id}/answer", post(call_questions::answer))
        .route("/calls/{id}/documents/{document_id}/remove", post(call_documents::remove))
        .route("/calls/{id}/apply", post(calls::apply))
        .route("/calls/{id}/report", get(ranking::report))
        .route("/calls/{id}/report/whole", get(ranking::whole_report))
        .route("/calls/{id}/ranking", get(ranking::show))
        .route("/calls/{id}/ranking/apply", post(ranking::apply))
        .route("/calls/{id}/assign-evaluators", post(calls::assign_evaluators))
        .route("/applications/{id}/checklist", post(actions::record_checklist))
        .route("/applications/{id}/arbitration", post(evaluation_watch::arbitrate))
        .route("/applications/{id}/evaluators", post(actions::assign_evaluator))
        .route("/applications/{id}/evaluators/{assignment}/remove", post(actions::remove_evaluator))
        .route("/applications", get(applications::list))
        .route("/applications.csv", get(applications_csv::csv))
        .route("/assignments", get(workload::show))
        .route("/portfolio", get(portfolio::dashboard))
        .route("/awarded", get(portfolio::awarded))
        .route("/organisation", get(organisation::mine))
        .route("/organisations/{id}", get(organisation::show).post(organisation::update))
        .route("/account/notices", get(notices::show).post(notices::save))
        .route("/admin/outbox", get(outbox::show))
        .route("/admin/outbox/retry", post(outbox::retry_all))
        .route("/admin/outbox/{id}/retry", post(outbox::retry_one))
        .route("/admin/people", get(people::list))
        .route("/admin/people/invite", get(people::invite_form).post(people::invite))
        .route("/admin/people/{id}", get(people::show).post(people::update))
        .route("/admin/people/{id}/tokens", post(people::create_token))
        .route("/admin/people/{id}/tokens/{token_id}/revoke", post(people::revoke_token))
        .route("/admin/people/{id}/{action}", post(people::set_access))
        .route("/applications/{id}", get(application::show))
        .route("/applications/{id}/edit", get(edit::show).post(edit::save))
        .route(
            "/applications/{id}/attachments",
            post(edit::upload).layer(axum::extract::DefaultBodyLimit::max(crate::attachment_body_limit())),
        )
        .route(
            "/applications/{id}/clarification/files",
            post(clarification_files::upload)
                .layer(axum::extract::DefaultBodyLimit::max(crate::attachment_body_limit())),
        )
        .route("/applications/{id}/attachments/{attachment_id}", get(edit::download))
        .route("/applications/{id}/attachments/{attachment_id}/remove", post(attachment_list::remove))
        .route("/applications/{id}/declaration", get(evaluate::declaration).post(evaluate::declare))
        .route("/applications/{id}/scorecard", get(evaluate::scorecard).post(evaluate::save))
        .route("/applications/{id}/actions/{action}", post(actions::act))
        .route("/applications/{id}/reports/{report_id}", get(grant::show).post(grant::submit))
        .route("/applications/{id}/reports/{report_id}/review", post(grant::review))
        .route("/applications/{id}/payments/{payment_id}/paid", post(grant::paid))
        .layer(axum::middleware::from_fn(clear_flash))
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        render::STYLESHEET,
    )
        .into_response()
}

/// The context every page gets, plus `extra`.
pub(crate) fn context(state: &AppState, visitor: &Visitor, title_key: &str, extra: Value) -> Value {
    let pages = &state.pages;
    let user = visitor.session.as_ref().map(|s| {
        let viewer = s.user.viewer();
        json!({
            "name": s.user.display_name,
            "is_applicant": viewer.has(grants_domain::Role::Applicant),
            "is_evaluator": viewer.has(grants_domain::Role::Evaluator),
            "is_manager": viewer.has(grants_domain::Role::Manager),
            "is_admin": viewer.has(grants_domain::Role::Admin),
            "is_auditor": viewer.has(grants_domain::Role::Auditor),
        })
    });
    let mut context = json!({
        "lang": render::code(visitor.lang),
        "i18n": pages.strings(visitor.lang),
        "languages": pages.languages(),
        "user": user,
        "csrf": visitor.csrf(),
        "path": visitor.path,
        "flash": visitor.flash.as_deref().and_then(|key| flash_text(pages, visitor.lang, key)),
        "title": pages.text(visitor.lang, title_key),
    });
    if let (Some(target), Value::Object(extra)) = (context.as_object_mut(), extra) {
        target.extend(extra);
    }
    context
}

/// Renders a page with a status.
pub(crate) fn page(state: &AppState, status: StatusCode, name: &str, context: Value) -> Response {
    match state.pages.render(name, context) {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => {
            tracing::error!(error = %err, "page rendering failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                Html("<!DOCTYPE html><title>Error</title><p>Something went wrong.</p>".to_owned()),
            )
                .into_response()
        }
    }
}

/// The error page.
pub(crate) fn error_page(state: &AppState, visitor: &Visitor, status: StatusCode, message_key: &str) -> Response {
    let message = state.pages.text(visitor.lang, message_key);
    let ctx = context(state, visitor, "title_error", json!({ "status": status.as_u16(), "message": message }));
    page(state, status, "error", ctx)
}

/// The error page for a request that failed in a way the page it came from cannot show: absent or hidden
/// (404), not allowed (403), or a fault on our side (500, logged, never explained).
pub(crate) fn failure_page(state: &AppState, visitor: &Visitor, err: &crate::AppError) -> Response {
    let message = match err.status() {
        StatusCode::NOT_FOUND => state.pages.text(visitor.lang, "error_not_found"),
        StatusCode::FORBIDDEN if err.code() == "declaration_required" => {
            state.pages.text(visitor.lang, "error_declaration_required")
        }
        StatusCode::FORBIDDEN => state.pages.text(visitor.lang, "error_forbidden"),
        status if status.is_server_error() => state.pages.text(visitor.lang, "error_generic"),
        _ => refusal::explain(&state.pages, visitor.lang, err),
    };
    let ctx = context(state, visitor, "title_error", json!({ "status": err.status().as_u16(), "message": message }));
    page(state, err.status(), "error", ctx)
}

/// A redirect after a form (303: the browser follows with GET).
pub(crate) fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}

/// A redirect after an action that worked, telling the next page what it did (`key`: an action's name or
/// another catalogue key), so every success says so once.
pub(crate) fn done(state: &AppState, location: &str, key: &str) -> Response {
    let cookie = session::set_cookie(session::FLASH_COOKIE, key, 60, state.web.secure_cookies);
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned()), (header::SET_COOKIE, cookie)]).into_response()
}

/// The sentence for what `key` did: its own (`flash_submit`), or "Done: <the action's label>".
fn flash_text(pages: &Pages, lang: grants_domain::Language, key: &str) -> Option<String> {
    let strings = pages.strings(lang);
    let text = |k: &str| strings.get(k).and_then(Value::as_str).map(ToOwned::to_owned);
    text(&format!("flash_{key}"))
        .or_else(|| Some(text("flash_done")?.replace("{what}", &text(&format!("action_{key}"))?)))
        .or_else(|| Some(text("flash_done")?.replace("{what}", &text(&format!("call_action_{key}"))?)))
}

/// Forgets the flash once a page has shown it, so a reload does not say it again.
async fn clear_flash(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let had_flash = session::header_cookie(request.headers(), session::FLASH_COOKIE).is_some();
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if had_flash && is_page {
        let expired = format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0", session::FLASH_COOKIE);
        if let Ok(value) = header::HeaderValue::from_str(&expired) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `path` when it is a path of this site (`/…`, not `//host`, no backslash, scheme or control
/// character): the only kind of place a `next` or `back` parameter may send a browser to.
pub(crate) fn local_path(path: &str) -> Option<&str> {
    let safe = path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control() || c.is_whitespace())
        && !path.contains("://");
    safe.then_some(path)
}
