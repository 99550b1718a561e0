//! One extractor per concern, so a new page or form cannot forget one: [`SignedIn`] answers "who is
//! this, and may they open this page?" and sends anyone else to sign in (and back afterwards);
//! [`Posted`] adds "is this form ours?" (the CSRF token) and reads the form. The role each needs is a
//! type parameter ([`Anyone`], [`Managers`], [`Staff`], [`Admins`]).

use std::marker::PhantomData;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use grants_domain::{Role, Viewer};
use grants_store::User;
use serde::de::DeserializeOwned;

use super::auth::sign_in_page;
use super::held_form::Held;
use super::session::Visitor;
use super::{error_page, see_other};
use crate::AppState;

/// What a page or form requires of the signed-in person.
pub trait Rule: Send + Sync + 'static {
    /// Whether `viewer` may open the page or send the form.
    fn holds(viewer: &Viewer) -> bool;
}

/// Anyone signed in.
#[derive(Debug)]
pub struct Anyone;
/// Grant managers.
#[derive(Debug)]
pub struct Managers;
/// Programme staff: managers, admins and auditors.
#[derive(Debug)]
pub struct Staff;
/// Admins.
#[derive(Debug)]
pub struct Admins;
/// Evaluators.
#[derive(Debug)]
pub struct Evaluators;

impl Rule for Evaluators {
    fn holds(viewer: &Viewer) -> bool {
        viewer.has(Role::Evaluator)
    }
}

impl Rule for Anyone {
    fn holds(_: &Viewer) -> bool {
        true
    }
}

impl Rule for Managers {
    fn holds(viewer: &Viewer) -> bool {
        viewer.can_manage_calls()
    }
}

impl Rule for Staff {
    fn holds(viewer: &Viewer) -> bool {
        viewer.is_programme_staff()
    }
}

impl Rule for Admins {
    fn holds(viewer: &Viewer) -> bool {
        viewer.has(Role::Admin)
    }
}

/// The path and query of the request, as a place to come back to after signing in.
fn here(parts: &Parts) -> String {
    parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned())
}

/// The sign-in page, coming back to `next` afterwards.
pub(crate) fn to_sign_in(next: &str) -> Response {
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("next", next).finish();
    see_other(&format!("/login?{query}"))
}

/// A signed-in person who satisfies `R`, with how they see pages.
#[derive(Debug)]
pub struct SignedIn<R: Rule = Anyone> {
    /// Their language, session and CSRF token.
    pub visitor: Visitor,
    /// Their account.
    pub user: User,
    rule: PhantomData<R>,
}

impl<R: Rule> SignedIn<R> {
    async fn from_parts(parts: &mut Parts, state: &AppState, back: &str) -> Result<Self, Response> {
        let visitor = Visitor::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let Some(user) = visitor.session.as_ref().map(|s| s.user.clone()) else { return Err(to_sign_in(back)) };
        if !R::holds(&user.viewer()) {
            return Err(error_page(state, &visitor, StatusCode::FORBIDDEN, "error_forbidden"));
        }
        Ok(SignedIn { visitor, user, rule: PhantomData })
    }
}

impl<R: Rule> FromRequestParts<AppState> for SignedIn<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let back = here(parts);
        Self::from_parts(parts, state, &back).await
    }
}

/// A form sent by a signed-in person who satisfies `R`, carrying the right CSRF token, read as `T`; the
/// fields are also kept as sent, so a refused form can be shown again as it was typed.
#[derive(Debug)]
pub struct Posted<T, R: Rule = Anyone> {
    /// Their language, session and CSRF token.
    pub visitor: Visitor,
    /// Their account.
    pub user: User,
    /// The form.
    pub form: T,
    /// The fields as sent (the CSRF token left out).
    pub fields: Vec<(String, String)>,
    rule: PhantomData<R>,
}

impl<T: DeserializeOwned + Send, R: Rule> FromRequest<AppState> for Posted<T, R> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        // Signed out while filling the form: after signing in, back to the page the form is on.
        let referer = parts
            .headers
            .get(axum::http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .map(|u| u.path().to_owned())
            .filter(|p| super::local_path(p).is_some())
            .unwrap_or_else(|| "/".to_owned());
        let visitor = Visitor::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        let target = parts.uri.path().to_owned();
        // Only a form of this site is held: the ended session's cookie still came with it (cookies are
        // SameSite=Lax, so a cross-site post carries none) and the browser does not say it is cross-site.
        let from_this_site = visitor.token.is_some()
            && parts
                .headers
                .get("sec-fetch-site")
                .and_then(|v| v.to_str().ok())
                .is_none_or(|site| site == "same-origin");
        let signed_in = visitor.session.as_ref().map(|s| s.user.clone());
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state).await.map_err(|rejection| {
            let status = rejection.status();
            let key = if status == StatusCode::PAYLOAD_TOO_LARGE { "error_too_large" } else { "error_generic" };
            error_page(state, &visitor, status, key)
        });
        let Some(user) = signed_in else {
            // Signed out while filling the form: the sign-in page holds what was typed.
            let held = bytes
                .ok()
                .filter(|_| from_this_site)
                .and_then(|b| serde_urlencoded::from_bytes::<Vec<(String, String)>>(&b).ok())
                .map(|fields| Held::new(&target, &fields));
            return Err(sign_in_page(state, visitor, StatusCode::UNAUTHORIZED, &referer, held.as_ref()));
        };
        let bytes = bytes?;
        let mut fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| error_page(state, &visitor, StatusCode::BAD_REQUEST, "error_generic"))?;
        let sent = fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.clone()).unwrap_or_default();
        if sent.is_empty() || visitor.csrf() != sent {
            return Err(error_page(state, &visitor, StatusCode::FORBIDDEN, "error_csrf"));
        }
        if !R::holds(&user.viewer()) {
            return Err(error_page(state, &visitor, StatusCode::FORBIDDEN, "error_forbidden"));
        }
        let form: T = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| error_page(state, &visitor, StatusCode::BAD_REQUEST, "error_generic"))?;
        fields.retain(|(k, _)| k != "csrf");
        Ok(Posted { visitor, user, form, fields, rule: PhantomData })
    }
}
