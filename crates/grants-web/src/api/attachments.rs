//! `/api/v1/applications/{id}/attachments`: upload (multipart), list, download, remove.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, Utc};
use grants_store::attachment_upload::UploadMeta;
use grants_store::attachments::Attachment;
use grants_store::{StoreError, User};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::CurrentUser;
use crate::extract::ApiPath;
use crate::stored_file::{self, StoredFile};
use crate::upload::{UploadFailure, receive};
use crate::{AppError, AppState};

/// An attachment as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct AttachmentView {
    pub id: i64,
    pub kind: String,
    pub filename: String,
    /// The type found in the content (not the one the client claimed).
    pub content_type: String,
    pub size_bytes: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

fn view(attachment: Attachment) -> AttachmentView {
    AttachmentView {
        id: attachment.id,
        kind: attachment.kind,
        filename: attachment.filename,
        content_type: attachment.content_type,
        size_bytes: attachment.size_bytes,
        sha256: attachment.sha256,
        created_at: attachment.created_at,
    }
}

/// The multipart form of an upload, as documented.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// What the file is, e.g. `statutes`, `registration_proof`, `budget_sheet`.
    kind: String,
    /// The file.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

fn multipart_error(err: &axum::extract::multipart::MultipartError) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large", "the file is too large")
    } else {
        AppError::bad_request("invalid_multipart", err.body_text())
    }
}

/// The API error for a store failure, told in the caller's language when storage is down.
fn store_error(state: &AppState, user: &User, err: StoreError) -> AppError {
    let error = AppError::from(err);
    if error.code() == "storage_unavailable" {
        let message = state.pages.text(user.language, "error_storage_unavailable");
        error.with_message(message)
    } else {
        error
    }
}

fn upload_error(state: &AppState, user: &User, failure: UploadFailure) -> AppError {
    match failure {
        UploadFailure::Multipart(err) => multipart_error(&err),
        UploadFailure::Store(err) => store_error(state, user, err),
    }
}

/// Attaches a file to a draft (its organisation's applicants). The content decides the type: a
/// renamed executable is refused whatever its name. The file streams to storage as it arrives; when
/// the storage cannot be reached the answer is 503 and nothing is recorded.
#[utoipa::path(post, path = "/api/v1/applications/{id}/attachments", tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = AttachmentView), (status = 409, body = crate::error::ErrorBody), (status = 413, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody), (status = 503, body = crate::error::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    mut multipart: Multipart,
) -> Result<(StatusCode, Json<AttachmentView>), AppError> {
    let application = state.store.visible_application(&user, id).await?;
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return Err(AppError::forbidden("only the applicant organisation attaches files"));
    }
    let mut kind = None;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| multipart_error(&e))? {
        match field.name() {
            Some("kind") => kind = Some(field.text().await.map_err(|e| multipart_error(&e))?),
            Some("file") if file.is_none() => {
                let filename = field.file_name().unwrap_or("attachment").to_owned();
                let received = receive(&state.store, id, field).await.map_err(|f| upload_error(&state, &user, f))?;
                file = Some((filename, received));
            }
            _ => {}
        }
    }
    let (filename, received) =
        file.ok_or_else(|| AppError::unprocessable("file_required", "send the file in the `file` field"))?;
    let Some(kind) = kind else {
        received.abort().await;
        return Err(AppError::unprocessable("kind_required", "send the attachment kind in the `kind` field"));
    };
    let meta = UploadMeta { kind: &kind, filename: &filename, uploaded_by: user.id, now: state.clock.now() };
    let stored = received.commit(meta).await.map_err(|e| store_error(&state, &user, e))?;
    Ok((StatusCode::CREATED, Json(view(stored))))
}

/// The attachments of an application you may see.
#[utoipa::path(get, path = "/api/v1/applications/{id}/attachments", tag = "attachments", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [AttachmentView]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<AttachmentView>>, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    Ok(Json(state.store.attachments_for(&application, &user.viewer()).await?.into_iter().map(view).collect()))
}

/// Downloads an attachment, streamed; its checksum is verified (before sending for files up to
/// 5 MiB, at the end for larger ones, which are cut off rather than completed if they do not match).
#[utoipa::path(get, path = "/api/v1/applications/{id}/attachments/{attachment_id}", tag = "attachments", security(("bearer" = [])),
    params(("id" = i64, Path), ("attachment_id" = i64, Path)),
    responses((status = 200, description = "the file", content_type = "application/octet-stream"), (status = 404, body = crate::error::ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> Result<Response, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    let (attachment, bytes) = state.store.attachment_content_for(&application, attachment_id, &user.viewer()).await?;
    let file = StoredFile {
        content_type: &attachment.content_type,
        filename: &attachment.filename,
        sha256: &attachment.sha256,
        size_bytes: attachment.size_bytes,
    };
    Ok(stored_file::download(file, bytes))
}

/// Removes an attachment from a draft (its organisation's applicants).
#[utoipa::path(delete, path = "/api/v1/applications/{id}/attachments/{attachment_id}", tag = "attachments", security(("bearer" = [])),
    params(("id" = i64, Path), ("attachment_id" = i64, Path)),
    responses((status = 204, description = "removed"), (status = 404, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    let application = state.store.visible_application(&user, id).await?;
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return Err(AppError::forbidden("only the applicant organisation removes its files"));
    }
    state.store.remove_attachment(id, attachment_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
