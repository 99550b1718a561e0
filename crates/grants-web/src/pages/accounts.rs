//! Self-registration with email verification, and password reset, for applicant organisations.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use grants_domain::OrganisationType;
use grants_store::StoreError;
use grants_store::accounts::Registration;
use grants_store::auth::random_token;
use grants_store::users::NewOrganisation;
use serde::Deserialize;
use serde_json::{Value, json};

use super::session::{ANON_CSRF_COOKIE, Visitor, set_cookie};
use super::{context, page};
use crate::AppState;

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
    csrf: String,
    email: String,
}

/// The reset form.
#[derive(Debug, Deserialize)]
pub struct ResetForm {
    csrf: String,
    token: String,
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
    if let Ok(value) = HeaderValue::from_str(&set_cookie(ANON_CSRF_COOKIE, &token, 3600, state.web.secure_cookies)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn csrf_ok(visitor: &Visitor, sent: &str) -> bool {
    !sent.is_empty() && visitor.csrf() == sent
}

fn message(state: &AppState, visitor: &Visitor, status: StatusCode, key: &str) -> Response {
    let text = state.pages.text(visitor.lang, key);
    page(state, status, "message", &context(state, visitor, "title_message", json!({ "message": text })))
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
    page(state, status, "signup", &ctx)
}

/// The registration page.
pub async fn signup_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    with_anon_csrf(&state, &mut visitor, |v| signup_page(&state, v, &SignupForm::default(), &[], StatusCode::OK))
}

/// Registers the organisation and its first user, then sends the verification email.
pub async fn signup(State(state): State<AppState>, visitor: Visitor, Form(form): Form<SignupForm>) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
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
    match state.store.register_applicant(registration, state.clock.now()).await {
        Ok(_) => message(&state, &visitor, StatusCode::OK, "signup_done"),
        Err(StoreError::Validation(errors)) => {
            let lines: Vec<String> = errors.errors.into_iter().map(|e| e.message).collect();
            signup_page(&state, &visitor, &form, &lines, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::Duplicate(_)) => {
            let line = state.pages.text(visitor.lang, "signup_taken");
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

/// The forgotten-password page.
pub async fn forgot_form(State(state): State<AppState>, mut visitor: Visitor) -> Response {
    with_anon_csrf(&state, &mut visitor, |v| {
        page(&state, StatusCode::OK, "forgot", &context(&state, v, "title_forgot", json!({})))
    })
}

/// Sends a reset link when the address has an account; answers the same either way.
pub async fn forgot(State(state): State<AppState>, visitor: Visitor, Form(form): Form<EmailForm>) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    if let Err(err) = state.store.request_password_reset(&form.email, state.clock.now()).await {
        tracing::error!(error = %err, "password reset request failed");
    }
    message(&state, &visitor, StatusCode::OK, "forgot_done")
}

/// The new-password page of a reset link.
pub async fn reset_form(
    State(state): State<AppState>,
    mut visitor: Visitor,
    Query(query): Query<TokenQuery>,
) -> Response {
    let token = query.token.unwrap_or_default();
    with_anon_csrf(&state, &mut visitor, |v| {
        page(
            &state,
            StatusCode::OK,
            "reset",
            &context(&state, v, "title_reset", json!({ "token": token, "error": null })),
        )
    })
}

/// Sets the new password.
pub async fn reset(State(state): State<AppState>, visitor: Visitor, Form(form): Form<ResetForm>) -> Response {
    if !csrf_ok(&visitor, &form.csrf) {
        return message(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    match state.store.reset_password(&form.token, &form.password, state.clock.now()).await {
        Ok(true) => message(&state, &visitor, StatusCode::OK, "reset_done"),
        Ok(false) => message(&state, &visitor, StatusCode::BAD_REQUEST, "verify_failed"),
        Err(StoreError::Validation(errors)) => {
            let error = errors.errors.into_iter().map(|e| e.message).collect::<Vec<_>>().join(" ");
            let ctx = context(&state, &visitor, "title_reset", json!({ "token": form.token, "error": error }));
            page(&state, StatusCode::UNPROCESSABLE_ENTITY, "reset", &ctx)
        }
        Err(_) => message(&state, &visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic"),
    }
}
