//! A call's documents on its page: anyone who may see the call downloads them (no account needed for a
//! published call); managers publish and withdraw them. A refused upload comes back to the call page
//! with the reason beside the upload form and the title kept.

use axum::body::Bytes;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Language;
use grants_store::StoreError;
use grants_store::call_documents::{CallDocument, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, NewDocument};
use serde_json::{Value, json};

use super::attachment_list::{self, readable_type, size_label};
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
            json!({
                "id": d.id,
                "title": d.title,
                "filename": d.filename,
                "kind": readable_type(&d.content_type),
                "size": size_label(u64::try_from(d.size_bytes).unwrap_or_default(), lang),
            })
        })
        .collect()
}

/// An upload refusal in the reader's words: the attachments' sentences, with the documents' types and
/// size limit, and the call documents' own for a missing title.
fn refusal_message(pages: &Pages, lang: Language, err: &StoreError) -> Option<String> {
    match err {
        StoreError::Validation(v) => v.errors.first().map(|error| {
            if error.code == "required" {
                pages.text(lang, "document_error_title")
            } else {
                attachment_list::refusal_message(pages, lang, error, DOCUMENT_TYPES)
            }
        }),
        other => attachment_list::store_refusal_message(pages, lang, other, MAX_DOCUMENT_BYTES as u64),
    }
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
        Ok((document, bytes)) => crate::stored_file::download(
            crate::stored_file::StoredFile {
                content_type: &document.content_type,
                filename: &document.filename,
                sha256: &document.sha256,
                size_bytes: document.size_bytes,
            },
            bytes,
        ),
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
