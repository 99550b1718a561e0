//! The submitted application as a PDF (`/applications/{id}.pdf`), in the reader's language: what was
//! submitted and when, the answers, and the files with their SHA-256 so a printed copy can be checked
//! against the record. Readers see it as they see the page (confidentiality included).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_store::{Application, StoreError, User};
use serde_json::Value;

use super::attachment_list::{kind_label, size_label};
use super::format::utc_time;
use super::pdf_document::{Block, Style, render};
use super::session::Visitor;
use super::{error_page, failure_page};
use crate::{AppError, AppState};

/// The PDF of application `id` for `user`; a draft has none (its answers are not final).
pub(crate) async fn download(state: &AppState, visitor: &Visitor, user: &User, id: i64) -> Response {
    let found = match state.store.visible_application(user, id).await {
        Ok(found) => found,
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    if found.submitted_at.is_none() {
        return error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found");
    }
    let blocks = match blocks(state, visitor, user, &found).await {
        Ok(blocks) => blocks,
        Err(err) => return failure_page(state, visitor, &AppError::from(err)),
    };
    let title = found.reference.clone().unwrap_or_else(|| found.title.clone());
    match tokio::task::spawn_blocking(move || render(&title, &blocks)).await {
        Ok(Ok(bytes)) => {
            let name = format!("{}.pdf", found.reference.as_deref().unwrap_or("application"));
            let disposition = crate::stored_file::content_disposition(&name, true);
            ([(header::CONTENT_TYPE, "application/pdf".to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes)
                .into_response()
        }
        Ok(Err(err)) => {
            tracing::error!(error = %err, application = id, "writing the application PDF failed");
            error_page(state, visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic")
        }
        Err(err) => {
            tracing::error!(error = %err, application = id, "the PDF task failed");
            error_page(state, visitor, StatusCode::INTERNAL_SERVER_ERROR, "error_generic")
        }
    }
}

/// What the document says, top to bottom.
async fn blocks(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    found: &Application,
) -> Result<Vec<Block>, StoreError> {
    let t = |key: &str| state.pages.text(visitor.lang, key);
    let call = state.store.call(found.call_id).await?;
    let viewer = user.viewer();
    let organisation = if state.store.sees_applicant(found, &viewer).await? {
        state.store.organisation(found.organisation_id).await?.name
    } else {
        t("identity_hidden")
    };
    let call_title = call.rules.title(visitor.lang);
    let mut blocks = vec![Block::new(Style::Title, found.title.clone())];
    let facts = [
        ("field_reference", found.reference.clone().unwrap_or_default()),
        ("field_call", format!("{} — {call_title}", call.rules.reference)),
        ("field_organisation", organisation),
        ("field_submitted_at", found.submitted_at.map(|at| utc_time(at, visitor.lang)).unwrap_or_default()),
        ("field_requested_amount", found.requested_amount.map(|m| format!("{m} EUR")).unwrap_or_default()),
    ];
    for (key, value) in facts {
        blocks.push(Block::new(Style::Body, t("pdf_fact").replace("{label}", &t(key)).replace("{value}", &value)));
    }
    blocks.push(Block::new(Style::Heading, t("pdf_answers")));
    for row in super::application::reading_view(state, visitor, found, &call) {
        let text = |key: &str| row.get(key).and_then(Value::as_str).map(str::to_owned);
        match (text("heading"), text("label"), text("value")) {
            (Some(heading), _, _) => blocks.push(Block::new(Style::Heading, heading)),
            (None, Some(label), Some(value)) => {
                blocks.push(Block::new(Style::Label, label));
                blocks.push(Block::new(Style::Body, value));
            }
            _ => {}
        }
    }
    blocks.push(Block::new(Style::Heading, t("attachments_heading")));
    let attachments = state.store.attachments_for(found, &viewer).await?;
    if attachments.is_empty() {
        blocks.push(Block::new(Style::Body, t("attachments_none")));
    }
    for a in attachments {
        let size = size_label(u64::try_from(a.size_bytes).unwrap_or_default(), visitor.lang);
        let kind = kind_label(&state.pages, visitor.lang, &a.kind);
        blocks.push(Block::new(Style::Label, format!("{} — {kind}, {size}", a.filename)));
        blocks.push(Block::new(Style::Small, format!("SHA-256 {}", a.sha256)));
    }
    let generated = t("pdf_generated").replace("{at}", &utc_time(state.clock.now(), visitor.lang));
    blocks.push(Block::new(Style::Heading, String::new()));
    blocks.push(Block::new(Style::Small, generated));
    Ok(blocks)
}
