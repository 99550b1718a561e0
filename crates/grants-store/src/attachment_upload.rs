//! Receiving an attachment as it streams in: the type is found in the first bytes, the size is
//! counted on the way, the blob is written before its row is committed, and an upload that fails at
//! any point leaves neither a row nor an object.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use sea_orm::ActiveValue::Set;
use sea_orm::EntityTrait;

use crate::applications::load_application;
use crate::attachments::{Attachment, draft_only, record, takes_file};
use crate::calls::load_call;
use crate::entity::attachment;
use crate::storage::{BlobKey, BlobWriter, Namespace, StorageError};
use crate::{Store, StoreError};

/// How much of the beginning of a file is read before its type is decided (office documents are
/// recognised by the names inside their first zip entries).
const HEAD_BYTES: usize = 64 * 1024;

/// What is known of an upload once its bytes have arrived.
#[derive(Debug, Clone, Copy)]
pub struct UploadMeta<'a> {
    /// What it is, e.g. `statutes`: matched against the call's required attachments.
    pub kind: &'a str,
    /// The name it was uploaded under.
    pub filename: &'a str,
    /// Who uploads.
    pub uploaded_by: i64,
    /// When.
    pub now: DateTime<Utc>,
}

/// An attachment on its way in. Feed it with [`AttachmentUpload::write`], then
/// [`AttachmentUpload::commit`]; on any failure of the caller's own, [`AttachmentUpload::abort`].
#[derive(Debug)]
pub struct AttachmentUpload {
    store: Store,
    application_id: i64,
    max_bytes: u64,
    allowed_types: Vec<String>,
    head: Vec<u8>,
    content_type: Option<String>,
    writer: Option<BlobWriter>,
}

impl Store {
    /// Starts an upload to a draft application; refused at once when the application is past draft.
    pub async fn begin_attachment(&self, application_id: i64) -> Result<AttachmentUpload, StoreError> {
        let application = load_application(&self.db, application_id).await?;
        if !takes_file(application.state, None) {
            return Err(draft_only(application.state));
        }
        let settings = load_call(&self.db, application.call_id).await?.settings;
        let key = BlobKey::fresh(Namespace::Attachments, application_id)?;
        let writer = self.blobs()?.writer(key, settings.attachment_max_bytes);
        Ok(AttachmentUpload {
            store: self.clone(),
            application_id,
            max_bytes: settings.attachment_max_bytes,
            allowed_types: settings.attachment_types,
            head: Vec::new(),
            content_type: None,
            writer: Some(writer),
        })
    }
}

impl AttachmentUpload {
    /// Takes the next chunk of the file. A refused type or size ends the upload (nothing is kept).
    pub async fn write(&mut self, chunk: Bytes) -> Result<(), StoreError> {
        let outcome = if self.content_type.is_some() {
            self.send(chunk).await
        } else {
            self.head.extend_from_slice(&chunk);
            if self.head.len() >= HEAD_BYTES { self.decide_type().await } else { Ok(()) }
        };
        if outcome.is_err() {
            self.discard().await;
        }
        outcome
    }

    /// Completes the upload: the blob is finished in storage first, then the row is committed in a
    /// transaction that checks again that the application is a draft. If the row cannot be
    /// committed, the blob is removed again, so no row ever names a missing object.
    pub async fn commit(mut self, meta: UploadMeta<'_>) -> Result<Attachment, StoreError> {
        let kind = meta.kind.trim().to_owned();
        let checked = check_kind(&kind);
        let checked = match checked {
            Ok(()) if self.content_type.is_none() => self.decide_type().await,
            other => other,
        };
        if let Err(err) = checked {
            self.discard().await;
            return Err(err);
        }
        let Some(writer) = self.writer.take() else {
            return Err(StorageError::Unavailable("upload closed".into()).into());
        };
        let blob = writer.finish().await?;
        let row = attachment::ActiveModel {
            application_id: Set(self.application_id),
            kind: Set(kind),
            filename: Set(clean_filename(meta.filename)),
            content_type: Set(self.content_type.clone().unwrap_or_default()),
            size_bytes: Set(i64::try_from(blob.size).unwrap_or(i64::MAX)),
            sha256: Set(blob.sha256.clone()),
            storage_key: Set(blob.key.to_string()),
            uploaded_by: Set(meta.uploaded_by),
            created_at: Set(meta.now),
            ..Default::default()
        };
        match insert(&self.store, self.application_id, row).await {
            Ok(model) => Ok(record(model)),
            Err(err) => {
                if let Ok(blobs) = self.store.blobs()
                    && let Err(cleanup) = blobs.delete(&blob.key).await
                {
                    tracing::warn!(key = %blob.key, error = %cleanup, "unrecorded blob left for the orphan sweep");
                }
                Err(err)
            }
        }
    }

    /// Abandons the upload (the client's request failed); nothing is kept.
    pub async fn abort(mut self) {
        self.discard().await;
    }

    async fn discard(&mut self) {
        if let Some(writer) = self.writer.take() {
            writer.abort().await;
        }
    }

    async fn send(&mut self, chunk: Bytes) -> Result<(), StoreError> {
        let max_bytes = self.max_bytes;
        let Some(writer) = self.writer.as_mut() else {
            return Err(StorageError::Unavailable("upload closed".into()).into());
        };
        writer.write(chunk).await.map_err(|err| match err {
            StorageError::TooLarge { .. } => too_large(max_bytes),
            other => other.into(),
        })
    }

    async fn decide_type(&mut self) -> Result<(), StoreError> {
        let size = self.head.len() as u64;
        if size > self.max_bytes {
            return Err(too_large(self.max_bytes));
        }
        if size == 0 {
            return Err(refuse("/file", "empty_file", "the file is empty".into()));
        }
        let found = infer::get(&self.head).map(|t| t.mime_type());
        let accepted = self.allowed_types.join(", ");
        match found {
            Some(found) if self.allowed_types.iter().any(|t| t == found) => self.content_type = Some(found.to_owned()),
            Some(found) => {
                return Err(refuse(
                    "/file",
                    "type_not_allowed",
                    format!("the file's content is {found}; this call accepts {accepted}"),
                ));
            }
            None => {
                return Err(refuse(
                    "/file",
                    "type_not_allowed",
                    format!("the file's content is not a recognised document; this call accepts {accepted}"),
                ));
            }
        }
        let head = Bytes::from(std::mem::take(&mut self.head));
        self.send(head).await
    }
}

/// Commits the row in a transaction that checks again that the application still takes the file.
async fn insert(
    store: &Store,
    application_id: i64,
    row: attachment::ActiveModel,
) -> Result<attachment::Model, StoreError> {
    let txn = store.begin_write().await?;
    let application = load_application(&txn, application_id).await?;
    let kind = match &row.kind {
        sea_orm::ActiveValue::Set(kind) | sea_orm::ActiveValue::Unchanged(kind) => Some(kind.as_str()),
        sea_orm::ActiveValue::NotSet => None,
    };
    if !takes_file(application.state, Some(kind.unwrap_or_default())) {
        return Err(draft_only(application.state));
    }
    let model = attachment::Entity::insert(row).exec_with_returning(&txn).await?;
    txn.commit().await?;
    Ok(model)
}

fn too_large(max_bytes: u64) -> StoreError {
    StoreError::TooLarge(format!("the file is larger than this call accepts ({max_bytes} bytes at most)"))
}

fn check_kind(kind: &str) -> Result<(), StoreError> {
    if kind.is_empty()
        || kind.len() > 64
        || !kind.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(refuse("/kind", "invalid_kind", "the kind is a snake_case code such as statutes".into()));
    }
    Ok(())
}

fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

/// Keeps the last path component, without control characters, at most 255 characters.
pub(crate) fn clean_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(255).collect();
    if cleaned.trim().is_empty() { "attachment".to_owned() } else { cleaned }
}
