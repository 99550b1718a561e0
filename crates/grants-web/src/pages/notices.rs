//! How a manager hears of new submissions: one email each, or one digest per call at most every N
//! minutes (the store keeps the notices back and the scheduler sends the digest).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Managers, Posted, SignedIn};
use super::session::Visitor;
use super::{context, failure_page, page, see_other};
use crate::{AppError, AppState};

/// The intervals offered, in minutes: a quarter hour, an hour, four hours, a day.
pub const DIGEST_CHOICES: [u32; 4] = [15, 60, 240, 1440];

/// The value of the "one email each" choice.
const EACH: &str = "each";

/// The posted choice.
#[derive(Debug, Deserialize)]
pub struct NoticesForm {
    #[serde(default)]
    submission_notices: String,
}

fn choices(state: &AppState, visitor: &Visitor, current: Option<u32>) -> Vec<Value> {
    let each = json!({
        "value": EACH,
        "label": state.pages.text(visitor.lang, "notices_each"),
        "selected": current.is_none(),
    });
    std::iter::once(each)
        .chain(DIGEST_CHOICES.iter().map(|minutes| {
            json!({
                "value": minutes.to_string(),
                "label": state.pages.text(visitor.lang, &format!("notices_digest_{minutes}")),
                "selected": current == Some(*minutes),
            })
        }))
        .collect()
}

fn render(state: &AppState, visitor: &Visitor, status: StatusCode, current: Option<u32>, extra: Value) -> Response {
    let mut fields = json!({ "choices": choices(state, visitor, current), "saved": null, "error": null });
    if let (Some(target), Value::Object(extra)) = (fields.as_object_mut(), extra) {
        target.extend(extra);
    }
    page(state, status, "notices", context(state, visitor, "title_notices", fields))
}

/// The manager's choice, with the options.
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn<Managers>,
    axum::extract::Query(query): axum::extract::Query<SavedQuery>,
) -> Response {
    match state.store.submission_digest_minutes(signed.user.id).await {
        Ok(current) => render(&state, &signed.visitor, StatusCode::OK, current, json!({ "saved": query.saved })),
        Err(err) => failure_page(&state, &signed.visitor, &AppError::from(err)),
    }
}

/// `?saved=1` after a change.
#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<u8>,
}

/// Saves the choice; an unknown value re-renders the page with the reason beside the field.
pub async fn save(State(state): State<AppState>, posted: Posted<NoticesForm, Managers>) -> Response {
    let choice = posted.form.submission_notices.trim();
    let minutes = choice.parse::<u32>().ok().filter(|m| DIGEST_CHOICES.contains(m));
    if minutes.is_none() && choice != EACH {
        let error = state.pages.text(posted.visitor.lang, "notices_unknown_choice");
        return render(&state, &posted.visitor, StatusCode::UNPROCESSABLE_ENTITY, None, json!({ "error": error }));
    }
    match state.store.set_submission_digest(posted.user.id, minutes, state.clock.now()).await {
        Ok(()) => see_other("/account/notices?saved=1"),
        Err(err) => failure_page(&state, &posted.visitor, &AppError::from(err)),
    }
}
