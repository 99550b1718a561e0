//! A call's documents on its page: anyone who may see the call downloads them (no account needed for a
//! published call); managers publish and withdraw them. A refused upload comes back to the call page
//! with the reason beside the upload form and the title kept.

use axum::body::Bytes;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use grants_domain::Language;
use grants_store::StoreError;
use grants_store::call_documents::{CallDocument, MAX_DOCUMENT_BYTES, NewDocument};
use serde_json::{Value, json};

use super::attachment_list::size_label;
use super::calls::{Empty, render_refused};
use super::extract::{Managers, Posted, SignedIn};
use super::refusal::Refusal;
use super::render::Pages;
use super::session::Visitor;
use super::{error_page, failure_page};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The form name refusals of an upload are filed under.
pub const FORM: &str = "documents";

/// The rows of the documents list.
pub fn rows(lang: Language, documents: &[CallDocument]) -> Vec<Value> {
    documents
        .iter()
        .map(|d| {
            let kind = d.content_type.rsplit(['/', '.']).next().unwrap_or_default();
            let kind = match kind {
                "pdf" => "PDF",
                "document" => "Word",
                "sheet" => "Excel",
                "text" | "spreadsheet" => "OpenDocument",
                other => other,
            };
            json!({
                "id": d.id,
                "title": d.title,
                "filename": d.filename,
                "kind": kind,
                "size": size_label(u64::try_from(d.size_bytes).unwrap_or_default(), lang),
            })
        })
        .collect()
}

/// An upload refusal in the reader's words.
fn refusal_message(pages: &Pages, lang: Language, err: &StoreError) -> Option<String> {
    let code = match err {
        StoreError::Validation(v) => v.errors.first().map(|e| e.code)?,
        StoreError::TooLarge(_) => "too_large",
        _ => return None,
    };
    let key = if code == "required" { "document_error_title".to_owned() } else { format!("attachment_error_{code}") };
    Some(
        pages
            .text(lang, &key)
            .replace("{accepted}", "PDF, Word, Excel, OpenDocument")
            .replace("{max}", &size_label(MAX_DOCUMENT_BYTES as u64, lang)),
    )
}

/// Publishes a document with the call (managers).
pub async fn upload(
    State(state): State<AppState>,
    signed: SignedIn<Managers>,
    ApiPath(id): ApiPath<i64>,
    mut multipart: Multipart,
) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    let (mut csrf, mut title, mut file) = (String::new(), String::new(), None::<(String, Bytes)>);
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("csrf") => csrf = field.text().await.unwrap_or_default(),
            Some("title") => title = field.text().await.unwrap_or_default(),
            Some("file") if file.is_none() => {
                let name = field.file_name().unwrap_or("document").to_owned();
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(_) => file = Some((name, Bytes::new())),
                }
            }
            _ => {}
        }
    }
    if csrf.is_empty() || csrf != visitor.csrf() {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_csrf");
    }
    let (filename, bytes) = file.unwrap_or_default();
    let document = NewDocument { title: &title, filename: &filename, uploaded_by: user.id, now: state.clock.now() };
    match state.store.add_call_document(id, document, bytes).await {
        Ok(_) => super::done(&state, &format!("/calls/{id}#documents"), "document_published"),
        Err(err) => match refusal_message(&state.pages, visitor.lang, &err) {
            Some(message) => {
                let refusal = Refusal {
                    form: FORM.to_owned(),
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    message,
                    fields: Vec::new(),
                    typed: [("title".to_owned(), Value::String(title))].into_iter().collect(),
                };
                render_refused(&state, &visitor, &user, id, &refusal).await
            }
            None => failure_page(&state, &visitor, &AppError::from(err)),
        },
    }
}

/// Downloads a document of a call the visitor may see.
pub async fn download(
    State(state): State<AppState>,
    visitor: Visitor,
    ApiPath((id, document_id)): ApiPath<(i64, i64)>,
) -> Response {
    let viewer = visitor.session.as_ref().map(|s| s.user.viewer());
    if let Err(err) = state.store.visible_call(viewer.as_ref(), id).await {
        return failure_page(&state, &visitor, &AppError::from(err));
    }
    match state.store.call_document_content(id, document_id).await {
        Ok((document, bytes)) => {
            let ascii: String = document
                .filename
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
                .collect();
            (
                [
                    (header::CONTENT_TYPE, document.content_type),
                    (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"")),
                ],
                axum::Extension(crate::compression::AsStored),
                axum::body::Body::from_stream(bytes),
            )
                .into_response()
        }
        Err(StoreError::NotFound(_)) => error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
        Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Withdraws a document from the call (managers).
pub async fn remove(
    State(state): State<AppState>,
    ApiPath((id, document_id)): ApiPath<(i64, i64)>,
    posted: Posted<Empty, Managers>,
) -> Response {
    match state.store.remove_call_document(id, document_id).await {
        Ok(()) => super::done(&state, &format!("/calls/{id}#documents"), "document_withdrawn"),
        Err(err) => failure_page(&state, &posted.visitor, &AppError::from(err)),
    }
}
