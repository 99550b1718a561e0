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
