//! Who is looking at a page: their session (from the cookie), their language, and the CSRF token
//! their forms must carry.

use axum::extract::FromRequestParts;
use axum::http::header::COOKIE;
use axum::http::request::Parts;
use grants_domain::Language;
use grants_store::auth::SessionUser;

use crate::{AppError, AppState};

/// The language cookie set by the language switch.
pub const LANG_COOKIE: &str = "mmdg_lang";
/// What the last action did, told once on the next page (a catalogue key, set with the redirect).
pub const FLASH_COOKIE: &str = "mmdg_flash";
/// The anonymous CSRF cookie (double-submit) protecting the sign-in form.
pub const ANON_CSRF_COOKIE: &str = "mmdg_csrf";

/// The session cookie's name: with the `__Host-` prefix when cookies are secure (the prefix requires
/// `Secure`), plain otherwise (local HTTP).
pub fn session_cookie(secure: bool) -> &'static str {
    if secure { "__Host-mmdg_session" } else { "mmdg_session" }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure when configured.
pub fn set_cookie(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

/// The value of cookie `name` in a request.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    header_cookie(&parts.headers, name)
}

/// The value of cookie `name` in request headers.
pub fn header_cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// The person behind a page request.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// Their session, when signed in.
    pub session: Option<SessionUser>,
    /// The session token from the cookie (to end the session).
    pub token: Option<String>,
    /// The language pages are shown in.
    pub lang: Language,
    /// The anonymous CSRF token (from its cookie), for the sign-in form.
    pub anon_csrf: Option<String>,
    /// The path requested, for the language switch.
    pub path: String,
    /// What the action before this page did, as a catalogue key (`submit`, `publish`…).
    pub flash: Option<String>,
}

impl Visitor {
    /// The CSRF token forms must carry.
    pub fn csrf(&self) -> String {
        self.session.as_ref().map(|s| s.csrf.clone()).or_else(|| self.anon_csrf.clone()).unwrap_or_default()
    }
}

fn browser_language(parts: &Parts) -> Option<Language> {
    crate::browser_page::accepted_language(&parts.headers)
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let settings = &state.web;
        let token = cookie(parts, session_cookie(settings.secure_cookies)).map(ToOwned::to_owned);
        let session = match &token {
            Some(token) => state.store.session(token, state.clock.now(), settings.session_idle).await?,
            None => None,
        };
        let chosen = cookie(parts, LANG_COOKIE).and_then(|c| c.parse().ok());
        let lang = chosen
            .or_else(|| session.as_ref().map(|s| s.user.language))
            .or_else(|| browser_language(parts))
            .unwrap_or_default();
        Ok(Visitor {
            session,
            token,
            lang,
            anon_csrf: cookie(parts, ANON_CSRF_COOKIE).map(ToOwned::to_owned),
            path: parts.uri.path().to_owned(),
            flash: cookie(parts, FLASH_COOKIE)
                .filter(|key| {
                    !key.is_empty() && key.len() <= 64 && key.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
                .map(ToOwned::to_owned),
        })
    }
}
