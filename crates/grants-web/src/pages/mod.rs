//! The server-rendered web front end: HTML pages that work without JavaScript, in English and French,
//! behind a database session. Role and object checks are the API's (`grants_domain::access` through
//! the same helpers), so a page never shows what the API would hide.

pub mod accounts;
pub mod auth;
pub mod call_form;
pub mod design;
pub mod edit;
pub mod evaluate;
pub mod form;
pub mod grant;
pub mod organisation;
pub mod portal;
pub mod portfolio;
pub mod ranking;
pub mod render;
pub mod second_factor;
pub mod session;
pub mod workload;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

pub use render::Pages;
use session::Visitor;

use crate::AppState;

/// Every page route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(portal::home))
        .route("/login", get(auth::login_form).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/lang/{code}", get(auth::switch_language))
        .route("/signup", get(accounts::signup_form).post(accounts::signup))
        .route("/verify", get(accounts::verify))
        .route("/password/forgot", get(accounts::forgot_form).post(accounts::forgot))
        .route("/password/reset", get(accounts::reset_form).post(accounts::reset))
        .route("/static/app.css", get(stylesheet))
        .route("/calls", get(portal::calls))
        .route("/calls/new", get(design::new_call).post(design::create_call))
        .route("/calls/{id}", get(portal::call))
        .route("/calls/{id}/edit", get(design::edit_call).post(design::update_call))
        .route("/calls/{id}/actions/{action}", post(design::call_action))
        .route("/calls/{id}/apply", post(portal::apply))
        .route("/calls/{id}/report", get(portal::report))
        .route("/calls/{id}/ranking", get(ranking::show))
        .route("/calls/{id}/ranking/apply", post(ranking::apply))
        .route("/calls/{id}/assign-evaluators", post(portal::assign_evaluators))
        .route("/applications/{id}/checklist", post(portal::record_checklist))
        .route("/applications/{id}/evaluators", post(portal::assign_evaluator))
        .route("/applications/{id}/evaluators/{assignment}/remove", post(portal::remove_evaluator))
        .route("/applications", get(portal::applications))
        .route("/assignments", get(workload::show))
        .route("/portfolio", get(portfolio::dashboard))
        .route("/awarded", get(portfolio::awarded))
        .route("/organisation", get(organisation::mine))
        .route("/organisations/{id}", get(organisation::show).post(organisation::update))
        .route("/admin/outbox", get(portal::outbox))
        .route("/admin/outbox/retry", post(portal::retry_all))
        .route("/admin/outbox/{id}/retry", post(portal::retry_one))
        .route("/applications/{id}", get(portal::application))
        .route("/applications/{id}/edit", get(edit::show).post(edit::save))
        .route(
            "/applications/{id}/attachments",
            post(edit::upload).layer(axum::extract::DefaultBodyLimit::max(crate::api::attachment_body_limit())),
        )
        .route("/applications/{id}/attachments/{attachment_id}", get(edit::download))
        .route("/applications/{id}/declaration", get(evaluate::declaration).post(evaluate::declare))
        .route("/applications/{id}/scorecard", get(evaluate::scorecard).post(evaluate::save))
        .route("/applications/{id}/actions/{action}", post(portal::act))
        .route("/applications/{id}/reports/{report_id}", get(grant::show).post(grant::submit))
        .route("/applications/{id}/reports/{report_id}/review", post(grant::review))
        .route("/applications/{id}/payments/{payment_id}/paid", post(grant::paid))
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
        "user": user,
        "csrf": visitor.csrf(),
        "path": visitor.path,
        "flash": Value::Null,
        "title": pages.text(visitor.lang, title_key),
    });
    if let (Some(target), Value::Object(extra)) = (context.as_object_mut(), extra) {
        target.extend(extra);
    }
    context
}

/// Renders a page with a status.
pub(crate) fn page(state: &AppState, status: StatusCode, name: &str, context: &Value) -> Response {
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
    page(state, status, "error", &ctx)
}

/// The error page for a refused request, with the refusal's own message (which rule, which state).
pub(crate) fn refusal_page(state: &AppState, visitor: &Visitor, err: &crate::AppError) -> Response {
    let ctx =
        context(state, visitor, "title_error", json!({ "status": err.status().as_u16(), "message": err.message() }));
    page(state, err.status(), "error", &ctx)
}

/// The signed-in user behind a form post whose CSRF token matches; otherwise the response to send instead
/// (to the sign-in page when signed out, the CSRF error page when the token is wrong).
#[allow(clippy::result_large_err, reason = "the error is the page to answer with, built once and returned at once")]
fn form_sender(state: &AppState, visitor: &Visitor, sent_csrf: &str) -> Result<grants_store::User, Response> {
    let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return Err(see_other("/login")) };
    if sent_csrf.is_empty() || visitor.csrf() != sent_csrf {
        return Err(error_page(state, visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    Ok(user)
}

/// [`form_sender`], who must also hold what `may` asks of them (403 otherwise): the one preamble of every
/// form a role owns.
#[allow(clippy::result_large_err, reason = "the error is the page to answer with, built once and returned at once")]
fn form_sender_who(
    state: &AppState,
    visitor: &Visitor,
    sent_csrf: &str,
    may: fn(&grants_domain::Viewer) -> bool,
) -> Result<grants_store::User, Response> {
    let user = form_sender(state, visitor, sent_csrf)?;
    if may(&user.viewer()) {
        Ok(user)
    } else {
        Err(error_page(state, visitor, StatusCode::FORBIDDEN, "error_forbidden"))
    }
}

/// A redirect after a form (303: the browser follows with GET).
pub(crate) fn see_other(location: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.to_owned())]).into_response()
}
