//! Signing in and out, and the language switch.
//!
//! A right password opens the session at once, or — when the account has (or its role requires) a second
//! factor — a half-open session that only the second-factor pages accept. Guesses are throttled per
//! account and client in the database (see `grants_store::sign_in`); a browser that signed in fully keeps
//! a device cookie, so strangers' guesses never lock its owner out.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use grants_domain::Language;
use grants_store::User;
use grants_store::auth::{LoginFailure, SecondFactor, SignInAttempt, SignInOutcome, random_token};
use serde::Deserialize;
use serde_json::json;

use super::held_form::{Held, NEXT_COOKIE, resume_page};
use super::session::{ANON_CSRF_COOKIE, LANG_COOKIE, Visitor, session_cookie, set_cookie};
use super::{context, error_page, page, see_other};
use crate::extract::ApiPath;
use crate::security::ClientAddress;
use crate::security::redirect::local_path;
use crate::{AppError, AppState};

/// The cookie of a half-open session (password given, second factor owed).
pub fn pending_cookie(secure: bool) -> &'static str {
    if secure { "__Host-mmdg_pending" } else { "mmdg_pending" }
}

/// The cookie of a browser the account signed in from before.
pub fn device_cookie(secure: bool) -> &'static str {
    if secure { "__Host-mmdg_device" } else { "mmdg_device" }
}

/// How long a browser stays known without signing in again.
const DEVICE_SECONDS: i64 = 365 * 24 * 3600;

/// The sign-in form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
    /// The page to return to.
    #[serde(default)]
    next: String,
    /// A form whose session ended, held on the sign-in page (see [`super::held_form`]).
    #[serde(default)]
    held_to: String,
    #[serde(default)]
    held: String,
}

/// A form that only carries its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

/// `?next=` after switching language.
#[derive(Debug, Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// The sign-in page, returning to `?next=` afterwards. Sets the anonymous CSRF cookie the form is checked
/// against.
pub async fn login_form(State(state): State<AppState>, visitor: Visitor, Query(next): Query<Next>) -> Response {
    let next = next.next.as_deref().and_then(local_path).unwrap_or("/");
    if visitor.session.is_some() {
        return see_other(next);
    }
    sign_in_page(&state, visitor, StatusCode::OK, next, None)
}

/// The sign-in page returning to `next`, holding `held` when a form's session ended; sets the anonymous
/// CSRF cookie when the browser has none.
pub(crate) fn sign_in_page(
    state: &AppState,
    mut visitor: Visitor,
    status: StatusCode,
    next: &str,
    held: Option<&Held>,
) -> Response {
    let token = visitor.anon_csrf.clone().unwrap_or_else(random_token);
    visitor.anon_csrf = Some(token.clone());
    let ctx = login_context(state, &visitor, None, "", next, held);
    let mut response = page(state, status, "login", ctx);
    append_cookie(&mut response, &set_cookie(ANON_CSRF_COOKIE, &token, 3600, state.web.secure_cookies));
    response
}

fn login_context(
    state: &AppState,
    visitor: &Visitor,
    error_key: Option<&str>,
    email: &str,
    next: &str,
    held: Option<&Held>,
) -> serde_json::Value {
    let error = error_key.map(|key| state.pages.text(visitor.lang, key));
    let next = local_path(next).filter(|n| *n != "/");
    let (held_to, held_body) = held.map_or(("", ""), |h| (h.to.as_str(), h.body.as_str()));
    context(
        state,
        visitor,
        "title_login",
        json!({ "error": error, "email": email, "next": next, "held_to": held_to, "held": held_body }),
    )
}

/// Adds a `Set-Cookie` header.
pub(crate) fn append_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Opens a full session for `user`: the cookies to set (the session, the half-open one cleared, the
/// browser remembered as the account's device) and the session's CSRF token.
pub(crate) async fn full_session_cookies(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
) -> Result<(Vec<String>, String), AppError> {
    let now = state.clock.now();
    let secure = state.web.secure_cookies;
    let session = state.store.create_session(user.id, now, state.web.session_lifetime).await?;
    let current_device = super::session::header_cookie(headers, device_cookie(secure));
    let device = state.store.remember_device(user.id, current_device, now).await?;
    let lifetime = state.web.session_lifetime.num_seconds();
    let cookies = vec![
        set_cookie(session_cookie(secure), &session.token, lifetime, secure),
        set_cookie(pending_cookie(secure), "", 0, secure),
        set_cookie(device_cookie(secure), &device, DEVICE_SECONDS, secure),
    ];
    Ok((cookies, session.csrf))
}

/// [`full_session_cookies`] on a redirect to `to`.
pub(crate) async fn open_full_session(
    state: &AppState,
    headers: &HeaderMap,
    user: &User,
    to: &str,
) -> Result<Response, AppError> {
    let mut response = see_other(to);
    for cookie in full_session_cookies(state, headers, user).await?.0 {
        append_cookie(&mut response, &cookie);
    }
    Ok(response)
}

/// A half-open session for `user` on a redirect to `to` (the second factor, or its enrolment).
pub(crate) async fn open_pending_session(state: &AppState, user: &User, to: &str) -> Result<Response, AppError> {
    let secure = state.web.secure_cookies;
    let pending = state.store.create_pending_session(user.id, state.clock.now()).await?;
    let mut response = see_other(to);
    let seconds = grants_store::auth::PENDING_MINUTES * 60;
    append_cookie(&mut response, &set_cookie(pending_cookie(secure), &pending.token, seconds, secure));
    Ok(response)
}

/// The sign-in page again with an error, keeping the typed email, where to return and any held form.
fn refused(state: &AppState, visitor: &Visitor, status: StatusCode, key: &str, form: &LoginForm) -> Response {
    let held = Held::from_sign_in(&form.held_to, &form.held);
    let ctx = login_context(state, visitor, Some(key), &form.email, &form.next, held.as_ref());
    page(state, status, "login", ctx)
}

/// Checks the credentials; on success opens a new session (a new id at every sign-in), or a half-open one
/// leading to the second factor.
pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    if visitor.anon_csrf.as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty() {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        return Ok(with_retry(
            refused(&state, &visitor, StatusCode::TOO_MANY_REQUESTS, "login_throttled", &form),
            wait.as_secs(),
        ));
    }
    let secure = state.web.secure_cookies;
    let client_text = client.0.to_string();
    let attempt = SignInAttempt {
        email: &form.email,
        password: &form.password,
        client: &client_text,
        device: super::session::header_cookie(&headers, device_cookie(secure)),
    };
    let outcome = state.store.sign_in(attempt, state.web.security.sign_in, state.clock.now()).await?;
    let (user, owed) = match outcome {
        SignInOutcome::Accepted { user, owed } => (user, owed),
        SignInOutcome::Refused(LoginFailure::Invalid) => {
            return Ok(refused(&state, &visitor, StatusCode::UNAUTHORIZED, "login_failed", &form));
        }
        SignInOutcome::Refused(LoginFailure::Unverified) => {
            return Ok(refused(&state, &visitor, StatusCode::UNAUTHORIZED, "login_unverified", &form));
        }
        SignInOutcome::Refused(LoginFailure::Throttled(wait)) => {
            let response = refused(&state, &visitor, StatusCode::TOO_MANY_REQUESTS, "login_throttled", &form);
            return Ok(with_retry(response, u64::try_from(wait.num_seconds()).unwrap_or(1)));
        }
        SignInOutcome::Refused(LoginFailure::AccountThrottled(wait)) => {
            let key = "login_account_throttled";
            let response = refused(&state, &visitor, StatusCode::TOO_MANY_REQUESTS, key, &form);
            return Ok(with_retry(response, u64::try_from(wait.num_seconds()).unwrap_or(1)));
        }
    };
    if let Some(old) = &visitor.token {
        state.store.end_session(old).await?;
    }
    let next = local_path(&form.next).unwrap_or("/");
    match owed {
        SecondFactor::None => match Held::from_sign_in(&form.held_to, &form.held) {
            Some(held) => {
                let (cookies, csrf) = full_session_cookies(&state, &headers, &user).await?;
                let mut response = resume_page(&state, &visitor, &held, next, &csrf);
                for cookie in cookies {
                    append_cookie(&mut response, &cookie);
                }
                Ok(response)
            }
            None => open_full_session(&state, &headers, &user, next).await,
        },
        SecondFactor::Code => {
            let mut response = open_pending_session(&state, &user, "/login/code").await?;
            if next != "/" {
                append_cookie(&mut response, &set_cookie(NEXT_COOKIE, next, 900, state.web.secure_cookies));
            }
            Ok(response)
        }
        SecondFactor::Enrol => open_pending_session(&state, &user, "/account/second-factor").await,
    }
}

/// Adds `Retry-After` to a refusal.
pub(crate) fn with_retry(mut response: Response, seconds: u64) -> Response {
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// Ends the session.
pub async fn logout(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    let Some(session) = &visitor.session else { return Ok(see_other("/login")) };
    if session.csrf != form.csrf {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    if let Some(token) = &visitor.token {
        state.store.end_session(token).await?;
    }
    let mut response = see_other("/login");
    append_cookie(
        &mut response,
        &set_cookie(session_cookie(state.web.secure_cookies), "", 0, state.web.secure_cookies),
    );
    Ok(response)
}

/// Switches the language and returns to the page (only paths of this site).
pub async fn switch_language(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath(code): ApiPath<String>,
    Query(next): Query<Next>,
) -> Response {
    let Ok(lang) = code.parse::<Language>() else {
        return error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found");
    };
    let target = next.next.as_deref().and_then(local_path).unwrap_or("/").to_owned();
    let mut response = see_other(&target);
    append_cookie(&mut response, &set_cookie(LANG_COOKIE, lang.as_ref(), 31_536_000, state.web.secure_cookies));
    response
}
