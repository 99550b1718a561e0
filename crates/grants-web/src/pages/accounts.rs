//! Self-registration with email verification, a new verification link, and password reset.
//!
//! Each form answers the same, in the same time, whether or not the address has an account: sign-up says
//! "check your mailbox" (a taken address gets a notice, not a second account), reset and resend say "if
//! the address is known, we wrote to it". Posts are rate-limited per client address; the emails they
//! cause are capped per address in the store.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use grants_domain::OrganisationType;
use grants_store::StoreError;
use grants_store::accounts::Registration;
use grants_store::auth::random_token;
use grants_store::users::NewOrganisation;
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::{append_cookie, with_retry};
use super::session::{ANON_CSRF_COOKIE, Visitor, set_cookie};
use super::{context, page};
use crate::AppState;
use crate::security::ClientAddress;
use crate::security::timing::answer_after;

/// Routes of this module beyond the ones `pages::routes` lists.
pub fn routes() -> Router<AppState> {
    Router::new().route("/verify/resend", get(resend_form).post(resend))
}

/// The registration form.
#[derive(Debug, Default, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    org_type: String,
    #[serde(default)]
    language: String,
}

/// A form with an email.
#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

/// The reset form.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// `?token=`.
#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

fn with_anon_csrf(state: &AppState, visitor: &mut Visitor, mut respond: impl FnMut(&Visitor) -> Response) -> Response {
    let token = visitor.anon_csrf.clone().unwrap_or_else(random_token);
    visitor.anon_csrf = Some(token.clone());
    let mut response = respond(visitor);
    append_cookie(&mut response, &set_cookie(ANON_CSRF_COOKIE, &token, 3600, state.web.secure_cookies));
    response
}

fn csrf_ok(visitor: &Visitor, sent: &str) -> bool {
    !sent.is_empty() && visitor.csrf() == sent
}

fn message(state: &AppState, visitor: &Visitor, status: StatusCode, key: &str) -> Response {
    let text = state.pages.text(visitor.lang, key);
    page(state, status, "message", context(state, visitor, "title_message", json!({ "message": text })))
}

/// The refusal of a client posting account forms faster than its share.
fn too_fast(state: &AppState, visitor: &Visitor, wait: std::time::Duration) -> Response {
    with_retry(message(state, visitor, StatusCode::TOO_MANY_REQUESTS, "login_throttled"), wait.as_secs())
}

/// A refused password's explanation in the visitor's language: what is wrong, why, what helps.
pub(crate) fn password_lines(state: &AppState, visitor: &Visitor, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|key| state.pages.text(visitor.lang, key)).collect()
}

fn signup_page(
    state: &AppState,
    visitor: &Visitor,
    form: &SignupForm,
    errors: &[String],
    status: StatusCode,
) -> Response {
    let programme = state.store.programme();
    let countries: Vec<Value> = programme
        .countries
        .iter()
        .map(|c| json!({ "code": c.code, "label": c.label(visitor.lang), "selected": c.code == form.country }))
        .collect();
    let types: Vec<Value> = programme
        .applicant_types
        .iter()
        .map(|t| json!({ "code": t.code, "label": t.label(visitor.lang), "selected": t.code == form.org_type }))
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_signup",
        json!({
            "form": { "name": form.name, "email": form.email, "organisation": form.organisation },
            "countries": countries,
            "types": types,
            "errors": errors,
        }),
    );
    page(state, status, "signup", ctx)
}

/// The registration page.
pub async fn signup_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    with_anon_csrf(&state, &mut visitor, |v| signup_page(&state, v, &SignupForm::default(), &[], StatusCode::OK))
}

/// Registers the organisation and its first user, then sends the verification email.
pub async fn signup(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    Form(form): Form<SignupForm>,
) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        return too_fast(&state, &visitor, wait);
    }
    let language = form.language.parse().unwrap_or(visitor.lang);
    let org_type: OrganisationType = form.org_type.parse().unwrap_or(OrganisationType::CivilSociety);
    let registration = Registration {
        email: form.email.clone(),
        name: form.name.clone(),
        language,
        password: form.password.clone(),
        organisation: NewOrganisation { name: form.organisation.clone(), country: form.country.clone(), org_type },
    };
    let security = &state.web.security;
    let outcome = answer_after(
        security.account_answer_time,
        state.store.register_applicant(registration, security.accounts, state.clock.now()),
    )
    .await;
    match outcome {
        Ok(_) => message(&state, &visitor, StatusCode::OK, "signup_done"),
        Err(StoreError::Validation(errors)) => {
            let lines: Vec<String> = errors.errors.into_iter().map(|e| e.message).collect();
            signup_page(&state, &visitor, &form, &lines, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::WeakPassword(problem)) => {
            let lines = password_lines(&state, &visitor, &problem.keys());
            signup_page(&state, &visitor, &form, &lines, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::Duplicate(_)) => {
            let line = state.pages.text(visitor.lang, "signup_org_taken");
            signup_page(&state, &visitor, &form, &[line], StatusCode::CONFLICT)
        }
        Err(other) => {
            tracing::error!(error = %other, "registration failed");
            message(&state, &visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic")
        }
    }
}

/// Follows the verification link.
pub async fn verify(State(state): State<AppState>, visitor: Visitor, Query(query): Query<TokenQuery>) -> Response {
    let token = query.token.unwrap_or_default();
    match state.store.verify_email(&token, state.clock.now()).await {
        Ok(true) => message(&state, &visitor, StatusCode::OK, "verify_done"),
        Ok(false) => message(&state, &visitor, StatusCode::BAD_REQUEST, "verify_failed"),
        Err(_) => message(&state, &visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic"),
    }
}

/// The page asking for a new verification link.
pub async fn resend_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    with_anon_csrf(&state, &mut visitor, |v| {
        page(&state, StatusCode::OK, "resend", context(&state, v, "title_resend", json!({})))
    })
}

/// Sends a new verification link when the address awaits confirmation; answers the same either way.
pub async fn resend(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    Form(form): Form<EmailForm>,
) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        return too_fast(&state, &visitor, wait);
    }
    let security = &state.web.security;
    let sent = answer_after(
        security.account_answer_time,
        state.store.resend_verification(&form.email, security.accounts, state.clock.now()),
    )
    .await;
    if let Err(err) = sent {
        tracing::error!(error = %err, "resending a verification link failed");
    }
    message(&state, &visitor, StatusCode::OK, "resend_done")
}

/// The forgotten-password page.
pub async fn forgot_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    with_anon_csrf(&state, &mut visitor, |v| {
        page(&state, StatusCode::OK, "forgot", context(&state, v, "title_forgot", json!({})))
    })
}

/// Sends a reset link when the address has an account; answers the same, in the same time, either way.
pub async fn forgot(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    Form(form): Form<EmailForm>,
) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        return too_fast(&state, &visitor, wait);
    }
    let security = &state.web.security;
    let requested = answer_after(
        security.account_answer_time,
        state.store.request_password_reset(&form.email, security.accounts, state.clock.now()),
    )
    .await;
    if let Err(err) = requested {
        tracing::error!(error = %err, "password reset request failed");
    }
    message(&state, &visitor, StatusCode::OK, "forgot_done")
}

/// The new-password page of a reset link.
pub async fn reset_form(State(state): State<AppState>, visitor: Visitor, Query(query): Query<TokenQuery>) -> Response {
    password_form(&state, visitor, query, "title_reset")
}

/// The page an invitation opens: the same form as a reset, worded for someone choosing their first
/// password.
pub async fn choose_form(State(state): State<AppState>, visitor: Visitor, Query(query): Query<TokenQuery>) -> Response {
    password_form(&state, visitor, query, "title_choose_password")
}

fn password_form(state: &AppState, mut visitor: Visitor, query: TokenQuery, title_key: &str) -> Response {
    let token = query.token.unwrap_or_default();
    with_anon_csrf(state, &mut visitor, |v| {
        let errors: Vec<String> = Vec::new();
        page(state, StatusCode::OK, "reset", context(state, v, title_key, json!({ "token": token, "errors": errors })))
    })
}

/// Sets the new password; every session of the account ends and every other reset link stops working.
/// The browser that used the link becomes a known device of the account.
pub async fn reset(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<ResetForm>,
) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        return too_fast(&state, &visitor, wait);
    }
    let now = state.clock.now();
    match state.store.reset_password(&form.token, &form.password, now).await {
        Ok(Some(user_id)) => {
            let mut response = message(&state, &visitor, StatusCode::OK, "reset_done");
            let secure = state.web.secure_cookies;
            let current = super::session::header_cookie(&headers, super::auth::device_cookie(secure));
            if let Ok(device) = state.store.remember_device(user_id, current, now).await {
                let cookie = set_cookie(super::auth::device_cookie(secure), &device, 365 * 24 * 3600, secure);
                append_cookie(&mut response, &cookie);
            }
            response
        }
        Ok(None) => message(&state, &visitor, StatusCode::BAD_REQUEST, "verify_failed"),
        Err(StoreError::WeakPassword(problem)) => {
            let errors = password_lines(&state, &visitor, &problem.keys());
            let ctx = context(&state, &visitor, "title_reset", json!({ "token": form.token, "errors": errors }));
            page(&state, StatusCode::UNPROCESSABLE_ENTITY, "reset", ctx)
        }
        Err(err) => {
            tracing::error!(error = %err, "password reset failed");
            message(&state, &visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic")
        }
    }
}
