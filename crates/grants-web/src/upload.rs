//! Receiving a file from a multipart form, chunk by chunk, into an attachment upload: the API and
//! the form page share it, so neither holds a whole file in memory.

use axum::extract::multipart::{Field, MultipartError};
use grants_store::StoreError;
use grants_store::attachment_upload::AttachmentUpload;

/// Why a file could not be received.
#[derive(Debug)]
pub(crate) enum UploadFailure {
    /// The request body was malformed or too large.
    Multipart(MultipartError),
    /// The store refused the file or could not keep it.
    Store(StoreError),
}

/// Streams `field` into a new upload to application `id`. On failure nothing is kept: refusals stop
/// before anything is written, and an upload dropped half-way is abandoned.
pub(crate) async fn receive(
    store: &grants_store::Store,
    id: i64,
    mut field: Field<'_>,
) -> Result<AttachmentUpload, UploadFailure> {
    let mut upload = store.begin_attachment(id).await.map_err(UploadFailure::Store)?;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if let Err(refused) = upload.write(chunk).await {
                    // Read the rest (bounded by the route's body limit) so the client, still
                    // sending, gets the refusal rather than a broken connection.
                    while let Ok(Some(_)) = field.chunk().await {}
                    return Err(UploadFailure::Store(refused));
                }
            }
            Ok(None) => return Ok(upload),
            Err(err) => {
                upload.abort().await;
                return Err(UploadFailure::Multipart(err));
            }
        }
    }
}

/// What a page's upload form sent: the `kind` field and the file as received (its name and upload), or
/// why the store refused it. `None` when the form's CSRF token is missing or wrong: nothing is received
/// then.
pub(crate) struct SentUpload {
    /// The document type chosen on the form (empty when the form has none).
    pub kind: String,
    /// The file's name and its upload, ready to commit.
    pub file: Option<(String, AttachmentUpload)>,
    /// The store's refusal of the file, when it refused.
    pub failure: Option<StoreError>,
}

/// Reads a page's multipart upload form to application `id`: the CSRF token must come before the
/// file and match `csrf`, or nothing is received and `None` is returned.
pub(crate) async fn read_page_form(
    multipart: &mut axum::extract::Multipart,
    store: &grants_store::Store,
    id: i64,
    csrf: &str,
) -> Option<SentUpload> {
    let (mut sent_csrf, mut sent) = (String::new(), SentUpload { kind: String::new(), file: None, failure: None });
    while let Ok(Some(field)) = multipart.next_field().await {
        match field.name() {
            Some("csrf") => sent_csrf = field.text().await.unwrap_or_default(),
            Some("kind") => sent.kind = field.text().await.unwrap_or_default(),
            Some("file") if sent.file.is_none() && sent.failure.is_none() => {
                if sent_csrf.is_empty() || sent_csrf != csrf {
                    break;
                }
                let name = field.file_name().unwrap_or("attachment").to_owned();
                match receive(store, id, field).await {
                    Ok(received) => sent.file = Some((name, received)),
                    Err(UploadFailure::Store(err)) => sent.failure = Some(err),
                    Err(UploadFailure::Multipart(_)) => {}
                }
            }
            _ => {}
        }
    }
    (!sent_csrf.is_empty() && sent_csrf == csrf).then_some(sent)
}
