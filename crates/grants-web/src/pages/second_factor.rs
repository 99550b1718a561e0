//! The second factor on the pages: the code asked after a right password, a recovery code for a lost
//! authenticator, setting up an authenticator (required before managers and admins get a session,
//! offered to everyone else; decision 12), and the emailed sign-in link that stands in for a right
//! password while strangers have spent the account's guesses (decision 11).

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use grants_store::User;
use grants_store::auth::SecondFactor;
use grants_store::second_factor::CodeCheck;
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::{
    append_cookie, full_session_cookies, open_full_session, open_pending_session, pending_cookie, with_retry,
};
use super::session::{Visitor, header_cookie, set_cookie};
use super::{context, error_page, page, see_other};
use crate::security::ClientAddress;
use crate::{AppError, AppState};

/// The second-factor routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login/code", get(code_form).post(code))
        .route("/login/recovery", get(recovery_form).post(recovery))
        .route("/account/second-factor", get(setup).post(confirm))
        .route("/login/link", get(link))
}

/// `?token=` of an emailed sign-in link.
#[derive(Debug, Deserialize)]
pub struct LinkQuery {
    token: Option<String>,
}

/// Follows the sign-in link emailed when strangers had spent the account's guesses: whoever reads the
/// mailbox continues as after a right password (second factor included), and this browser becomes one
/// the account knows.
pub async fn link(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<LinkQuery>,
) -> Result<Response, AppError> {
    let token = query.token.unwrap_or_default();
    let Some((user, owed)) = state.store.sign_in_with_link(&token, state.clock.now()).await? else {
        return Ok(error_page(&state, &visitor, StatusCode::BAD_REQUEST, "verify_failed"));
    };
    match owed {
        SecondFactor::None => open_full_session(&state, &headers, &user, "/").await,
        SecondFactor::Code => open_pending_session(&state, &user, "/login/code").await,
        SecondFactor::Enrol => open_pending_session(&state, &user, "/account/second-factor").await,
    }
}

/// A code typed into a form.
#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
}

/// Someone between their password and their second factor.
struct Pending {
    token: String,
    user: User,
    csrf: String,
}

async fn pending(state: &AppState, headers: &HeaderMap) -> Result<Option<Pending>, AppError> {
    let Some(token) = header_cookie(headers, pending_cookie(state.web.secure_cookies)) else { return Ok(None) };
    let found = state.store.pending_session(token, state.clock.now()).await?;
    Ok(found.map(|s| Pending { token: token.to_owned(), user: s.user, csrf: s.csrf }))
}

fn code_page(
    state: &AppState,
    visitor: &Visitor,
    csrf: &str,
    name: &str,
    error: Option<&str>,
    status: StatusCode,
) -> Response {
    let error = error.map(|key| state.pages.text(visitor.lang, key));
    let title = if name == "second_factor_code" { "title_second_factor" } else { "title_recovery" };
    let mut ctx = context(state, visitor, title, json!({ "error": error }));
    ctx["csrf"] = json!(csrf);
    page(state, status, name, ctx)
}

/// The page asking for the code of the authenticator.
pub async fn code_form(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(pending) = pending(&state, &headers).await? else { return Ok(see_other("/login")) };
    Ok(code_page(&state, &visitor, &pending.csrf, "second_factor_code", None, StatusCode::OK))
}

/// Checks the code; a right one opens the session.
pub async fn code(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Some(pending) = pending(&state, &headers).await? else { return Ok(see_other("/login")) };
    if form.csrf.is_empty() || form.csrf != pending.csrf {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        let response = code_page(
            &state,
            &visitor,
            &pending.csrf,
            "second_factor_code",
            Some("login_throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        );
        return Ok(with_retry(response, wait.as_secs()));
    }
    let now = state.clock.now();
    match state.store.check_totp(pending.user.id, &form.code, state.web.security.codes, now).await? {
        CodeCheck::Accepted => {
            state.store.end_session(&pending.token).await?;
            let secure = state.web.secure_cookies;
            let next =
                header_cookie(&headers, super::held_form::NEXT_COOKIE).and_then(super::local_path).unwrap_or("/");
            let mut response = open_full_session(&state, &headers, &pending.user, next).await?;
            append_cookie(&mut response, &set_cookie(super::held_form::NEXT_COOKIE, "", 0, secure));
            Ok(response)
        }
        CodeCheck::Refused => Ok(code_page(
            &state,
            &visitor,
            &pending.csrf,
            "second_factor_code",
            Some("second_factor_wrong"),
            StatusCode::UNAUTHORIZED,
        )),
        CodeCheck::Throttled(wait) => {
            let response = code_page(
                &state,
                &visitor,
                &pending.csrf,
                "second_factor_code",
                Some("login_throttled"),
                StatusCode::TOO_MANY_REQUESTS,
            );
            Ok(with_retry(response, u64::try_from(wait.num_seconds()).unwrap_or(1)))
        }
    }
}

/// The page taking a recovery code instead.
pub async fn recovery_form(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let Some(pending) = pending(&state, &headers).await? else { return Ok(see_other("/login")) };
    Ok(code_page(&state, &visitor, &pending.csrf, "second_factor_recovery", None, StatusCode::OK))
}

/// Signs in with a recovery code: the lost authenticator stops working and a new one is set up next
/// (required for managers and admins before their session opens).
pub async fn recovery(
    State(state): State<AppState>,
    visitor: Visitor,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Some(pending) = pending(&state, &headers).await? else { return Ok(see_other("/login")) };
    if form.csrf.is_empty() || form.csrf != pending.csrf {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    if let Err(wait) = state.rate_limits.auth(client.0) {
        let response = code_page(
            &state,
            &visitor,
            &pending.csrf,
            "second_factor_recovery",
            Some("login_throttled"),
            StatusCode::TOO_MANY_REQUESTS,
        );
        return Ok(with_retry(response, wait.as_secs()));
    }
    let now = state.clock.now();
    match state.store.use_recovery_code(pending.user.id, &form.code, state.web.security.codes, now).await? {
        CodeCheck::Accepted if grants_domain::second_factor::required_for(&pending.user.roles) => {
            open_pending_session(&state, &pending.user, "/account/second-factor").await
        }
        CodeCheck::Accepted => open_full_session(&state, &headers, &pending.user, "/account/second-factor").await,
        CodeCheck::Refused => Ok(code_page(
            &state,
            &visitor,
            &pending.csrf,
            "second_factor_recovery",
            Some("recovery_wrong"),
            StatusCode::UNAUTHORIZED,
        )),
        CodeCheck::Throttled(wait) => {
            let response = code_page(
                &state,
                &visitor,
                &pending.csrf,
                "second_factor_recovery",
                Some("login_throttled"),
                StatusCode::TOO_MANY_REQUESTS,
            );
            Ok(with_retry(response, u64::try_from(wait.num_seconds()).unwrap_or(1)))
        }
    }
}

/// Who is setting up a second factor: a signed-in person, or one whose role requires it before their
/// session opens.
enum Enrolling {
    SignedIn(User, String),
    Pending(Pending),
}

impl Enrolling {
    fn user(&self) -> &User {
        match self {
            Enrolling::SignedIn(user, _) => user,
            Enrolling::Pending(pending) => &pending.user,
        }
    }

    fn csrf(&self) -> &str {
        match self {
            Enrolling::SignedIn(_, csrf) => csrf,
            Enrolling::Pending(pending) => &pending.csrf,
        }
    }
}

async fn enrolling(state: &AppState, visitor: &Visitor, headers: &HeaderMap) -> Result<Option<Enrolling>, AppError> {
    if let Some(session) = &visitor.session {
        return Ok(Some(Enrolling::SignedIn(session.user.clone(), session.csrf.clone())));
    }
    Ok(pending(state, headers).await?.map(Enrolling::Pending))
}

/// An `<img>` source drawing `text` as a QR code (SVG, no script, allowed by the page's CSP).
fn qr_image(text: &str) -> Option<String> {
    use std::fmt::Write as _;
    let code = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium).ok()?;
    let border = 4;
    let size = code.size() + 2 * border;
    let mut path = String::new();
    for y in 0..code.size() {
        for x in 0..code.size() {
            if code.get_module(x, y) {
                let _ = write!(path, "M{},{}h1v1h-1z", x + border, y + border);
            }
        }
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    );
    Some(format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg)))
}

async fn setup_page(
    state: &AppState,
    visitor: &Visitor,
    who: &Enrolling,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let user = who.user();
    let mut extra = json!({
        "required": grants_domain::second_factor::required_for(&user.roles),
        "error": error.map(|key| state.pages.text(visitor.lang, key)),
    });
    if state.store.has_totp(user.id).await? {
        extra["enabled"] = json!(true);
        extra["codes_left"] = json!(state.store.recovery_codes_left(user.id).await?);
    } else {
        let enrolment = state.store.begin_totp_enrolment(user.id, &state.web.security.issuer).await?;
        extra["secret"] = json!(enrolment.secret);
        extra["qr"] = qr_image(&enrolment.url).map_or(Value::Null, Value::String);
    }
    let mut ctx = context(state, visitor, "title_second_factor_setup", extra);
    ctx["csrf"] = json!(who.csrf());
    Ok(page(state, status, "second_factor_setup", ctx))
}

/// The set-up page: the secret and its QR code to scan, then a first code to confirm; or, once set up,
/// how many recovery codes are left.
pub async fn setup(State(state): State<AppState>, visitor: Visitor, headers: HeaderMap) -> Result<Response, AppError> {
    let Some(who) = enrolling(&state, &visitor, &headers).await? else { return Ok(see_other("/login")) };
    setup_page(&state, &visitor, &who, None, StatusCode::OK).await
}

/// Confirms the authenticator with a first code and shows the recovery codes, once. Someone who was
/// owed this step is signed in by it.
pub async fn confirm(
    State(state): State<AppState>,
    visitor: Visitor,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let Some(who) = enrolling(&state, &visitor, &headers).await? else { return Ok(see_other("/login")) };
    if form.csrf.is_empty() || form.csrf != who.csrf() {
        return Ok(error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
    }
    let Some(codes) = state.store.confirm_totp(who.user().id, &form.code, state.clock.now()).await? else {
        return setup_page(&state, &visitor, &who, Some("second_factor_wrong"), StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let cookies = match &who {
        Enrolling::Pending(pending) => {
            state.store.end_session(&pending.token).await?;
            full_session_cookies(&state, &headers, &pending.user).await?.0
        }
        Enrolling::SignedIn(..) => Vec::new(),
    };
    let ctx = context(&state, &visitor, "title_recovery_codes", json!({ "codes": codes }));
    let mut response = page(&state, StatusCode::OK, "recovery_codes", ctx);
    for cookie in cookies {
        append_cookie(&mut response, &cookie);
    }
    Ok(response)
}
