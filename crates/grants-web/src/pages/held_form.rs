//! A form sent after its session ended is not lost. The sign-in page comes back in its place, holding
//! what was typed (and where it was going) in hidden fields; once the password is right, a page offers
//! to send it as it was, with the new session's CSRF token, or to go back to the page. Nothing is kept on
//! the server, so any instance can take the next request.
//!
//! Two-step accounts return to the page after their code (the path travels in a short-lived cookie), but
//! what they typed is not carried through the second step.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::session::Visitor;
use super::{context, local_path, page};
use crate::AppState;

/// The cookie holding where a two-step sign-in returns to after its code.
pub const NEXT_COOKIE: &str = "mmdg_next";

/// What a refused post carried: its address and its fields (the CSRF token left out), encoded as sent.
#[derive(Debug, Clone, Default)]
pub struct Held {
    /// The path the form posted to.
    pub to: String,
    /// The fields, URL-encoded.
    pub body: String,
}

impl Held {
    /// Holds the fields of a form posted to `to`.
    pub fn new(to: &str, fields: &[(String, String)]) -> Self {
        let mut encoder = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in fields.iter().filter(|(name, _)| name != "csrf") {
            encoder.append_pair(name, value);
        }
        Held { to: to.to_owned(), body: encoder.finish() }
    }

    /// The held form as posted back by the sign-in page, when it is one of ours.
    pub fn from_sign_in(to: &str, body: &str) -> Option<Self> {
        let to = local_path(to)?;
        (!body.is_empty()).then(|| Held { to: to.to_owned(), body: body.to_owned() })
    }
}

/// After signing in again: the page that sends the held form with the new session's `csrf`.
pub fn resume_page(state: &AppState, visitor: &Visitor, held: &Held, next: &str, csrf: &str) -> Response {
    let fields: Vec<_> = url::form_urlencoded::parse(held.body.as_bytes())
        .filter(|(name, _)| name != "csrf")
        .map(|(name, value)| json!({ "name": name, "value": value }))
        .collect();
    let mut ctx = context(
        state,
        visitor,
        "title_held",
        json!({ "held_to": held.to, "fields": fields, "back": local_path(next).unwrap_or("/") }),
    );
    ctx["csrf"] = json!(csrf);
    page(state, StatusCode::OK, "held", ctx)
}
