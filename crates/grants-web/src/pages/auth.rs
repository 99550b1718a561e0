//! Signing in and out, and the language switch.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_domain::Language;
use grants_store::auth::{LoginFailure, random_token};
use serde::Deserialize;
use serde_json::json;

use super::session::{ANON_CSRF_COOKIE, LANG_COOKIE, Visitor, session_cookie, set_cookie};
use super::{context, error_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The sign-in form's fields.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf: String,
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

/// The sign-in page. Sets the anonymous CSRF cookie the form is checked against.
pub async fn login_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    if visitor.session.is_some() {
        return see_other("/");
    }
    let token = visitor.anon_csrf.clone().unwrap_or_else(random_token);
    visitor.anon_csrf = Some(token.clone());
    let ctx = context(&state, &visitor, "title_login", json!({ "error": null, "email": "" }));
    let mut response = page(&state, StatusCode::OK, "login", &ctx);
    if let Ok(value) = HeaderValue::from_str(&set_cookie(ANON_CSRF_COOKIE, &token, 3600, state.web.secure_cookies)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Checks the credentials; on success opens a new session (a new id at every sign-in).
pub async fn login(
    State(state): State<AppState>,
    visitor: Visitor,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    if visitor.anon_csrf.as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty() {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    let now = state.clock.now();
    match state.store.login(&form.email, &form.password, now).await? {
        Ok(user) => {
            if let Some(old) = &visitor.token {
                state.store.end_session(old).await?;
            }
            let session = state.store.create_session(user.id, now, state.web.session_lifetime).await?;
            let cookie = set_cookie(
                session_cookie(state.web.secure_cookies),
                &session.token,
                state.web.session_lifetime.num_seconds(),
                state.web.secure_cookies,
            );
            let mut response = see_other("/");
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            Ok(response)
        }
        Err(failure) => {
            let key = match failure {
                LoginFailure::Invalid => "login_failed",
                LoginFailure::Locked(_) => "login_locked",
                LoginFailure::Unverified => "login_unverified",
            };
            let error = state.pages.text(visitor.lang, key);
            let ctx = context(&state, &visitor, "title_login", json!({ "error": error, "email": form.email }));
            Ok(page(&state, StatusCode::UNAUTHORIZED, "login", &ctx))
        }
    }
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
    let expired = set_cookie(session_cookie(state.web.secure_cookies), "", 0, state.web.secure_cookies);
    if let Ok(value) = HeaderValue::from_str(&expired) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// Switches the language and returns to the page (only paths of this site).
pub async fn switch_language(
    State(state): State<AppState>,
    ApiPath(code): ApiPath<String>,
    Query(next): Query<Next>,
) -> Response {
    let Ok(lang) = code.parse::<Language>() else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let target = next.next.filter(|n| n.starts_with('/') && !n.starts_with("//")).unwrap_or_else(|| "/".to_owned());
    let mut headers = HeaderMap::new();
    if let Ok(value) =
        HeaderValue::from_str(&set_cookie(LANG_COOKIE, lang.as_ref(), 31_536_000, state.web.secure_cookies))
    {
        headers.append(header::SET_COOKIE, value);
    }
    let mut response = see_other(&target);
    response.headers_mut().extend(headers);
    response
}
