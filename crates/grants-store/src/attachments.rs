//! Attachments: type-checked by content, size-limited per call, stored with a SHA-256, visible exactly
//! as their application is. A refused upload stores nothing.

use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use grants_workflow::{ApplicationMachine, ApplicationState, allowed_actions};
use rand::RngCore;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};

use crate::applications::load_application;
use crate::calls::load_call;
use crate::entity::attachment;
use crate::{Store, StoreError};

/// An attachment's record (its bytes are in the blob storage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its id.
    pub id: i64,
    /// The application it belongs to.
    pub application_id: i64,
    /// What it is, e.g. `statutes`: matched against the call's required attachments.
    pub kind: String,
    /// The name it was uploaded under.
    pub filename: String,
    /// The type found in its content.
    pub content_type: String,
    /// Its size.
    pub size_bytes: i64,
    /// Hex SHA-256 of its bytes, checked again on every download.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: i64,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// An upload.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// The kind code.
    pub kind: &'a str,
    /// The original file name.
    pub filename: &'a str,
    /// The content.
    pub bytes: &'a [u8],
    /// Who uploads.
    pub uploaded_by: i64,
    /// When.
    pub now: DateTime<Utc>,
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn refuse(field: &str, code: &'static str, message: String) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

/// Keeps the last path component, without control characters, at most 255 characters.
fn clean_filename(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = last.chars().filter(|c| !c.is_control()).take(255).collect();
    if cleaned.trim().is_empty() { "attachment".to_owned() } else { cleaned }
}

async fn blocking<T: Send + 'static>(
    job: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("storage task failed: {e}"))))?
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("storage failed: {e}"))))
}

impl Store {
    /// Attaches a file to a draft. The size and the type found in the content must be allowed by the
    /// call; the bytes are written first and the record after, and a failed record removes the bytes.
    pub async fn add_attachment(&self, application_id: i64, upload: Upload<'_>) -> Result<Attachment, StoreError> {
        let application = load_application(&self.db, application_id).await?;
        if application.state != ApplicationState::Draft {
            return Err(StoreError::WrongState {
                message: format!(
                    "attachments can be changed while the application is a draft; it is {}",
                    application.state
                ),
                state: application.state.to_string(),
                allowed: allowed_actions::<ApplicationMachine>(application.state)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        let settings = load_call(&self.db, application.call_id).await?.settings;
        let kind = upload.kind.trim();
        if kind.is_empty()
            || kind.len() > 64
            || !kind.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(refuse("/kind", "invalid_kind", "the kind is a snake_case code such as statutes".into()));
        }
        let size = upload.bytes.len() as u64;
        if size > settings.attachment_max_bytes {
            return Err(StoreError::TooLarge(format!(
                "the file is {size} bytes; this call accepts at most {} bytes",
                settings.attachment_max_bytes
            )));
        }
        if size == 0 {
            return Err(refuse("/file", "empty_file", "the file is empty".into()));
        }
        let detected = infer::get(upload.bytes).map(|t| t.mime_type());
        let content_type = match detected {
            Some(found) if settings.attachment_types.iter().any(|t| t == found) => found.to_owned(),
            Some(found) => {
                return Err(refuse(
                    "/file",
                    "type_not_allowed",
                    format!(
                        "the file's content is {found}; this call accepts {}",
                        settings.attachment_types.join(", ")
                    ),
                ));
            }
            None => {
                return Err(refuse(
                    "/file",
                    "type_not_allowed",
                    format!(
                        "the file's content is not a recognised document; this call accepts {}",
                        settings.attachment_types.join(", ")
                    ),
                ));
            }
        };
        let sha256 = hex(&Sha256::digest(upload.bytes));
        let mut random = [0_u8; 16];
        rand::rng().fill_bytes(&mut random);
        let key = format!("{application_id}/{}", hex(&random));
        let bytes = upload.bytes.to_vec();
        let blobs = self.blobs.clone();
        let put_key = key.clone();
        blocking(move || blobs.put(&put_key, &bytes)).await?;
        let row = attachment::ActiveModel {
            application_id: Set(application_id),
            kind: Set(kind.to_owned()),
            filename: Set(clean_filename(upload.filename)),
            content_type: Set(content_type),
            size_bytes: Set(i64::try_from(size).unwrap_or(i64::MAX)),
            sha256: Set(sha256),
            storage_key: Set(key.clone()),
            uploaded_by: Set(upload.uploaded_by),
            created_at: Set(upload.now),
            ..Default::default()
        };
        match attachment::Entity::insert(row).exec_with_returning(&self.db).await {
            Ok(model) => Ok(record(model)),
            Err(err) => {
                let blobs = self.blobs.clone();
                let _ = blocking(move || blobs.delete(&key)).await;
                Err(err.into())
            }
        }
    }

    /// The attachments of an application, oldest first.
    pub async fn attachments(&self, application_id: i64) -> Result<Vec<Attachment>, StoreError> {
        list(&self.db, application_id).await
    }

    /// An attachment and its bytes, checked against the stored SHA-256.
    pub async fn attachment_content(
        &self,
        application_id: i64,
        attachment_id: i64,
    ) -> Result<(Attachment, Vec<u8>), StoreError> {
        let model = attachment::Entity::find_by_id(attachment_id)
            .filter(attachment::Column::ApplicationId.eq(application_id))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("attachment"))?;
        let blobs = self.blobs.clone();
        let key = model.storage_key.clone();
        let bytes = blocking(move || blobs.get(&key)).await?;
        if hex(&Sha256::digest(&bytes)) != model.sha256 {
            return Err(StoreError::Database(sea_orm::DbErr::Custom(format!(
                "attachment {attachment_id} fails its checksum"
            ))));
        }
        Ok((record(model), bytes))
    }

    /// Removes an attachment from a draft.
    pub async fn remove_attachment(&self, application_id: i64, attachment_id: i64) -> Result<(), StoreError> {
        let application = load_application(&self.db, application_id).await?;
        if application.state != ApplicationState::Draft {
            return Err(StoreError::WrongState {
                message: format!(
                    "attachments can be changed while the application is a draft; it is {}",
                    application.state
                ),
                state: application.state.to_string(),
                allowed: allowed_actions::<ApplicationMachine>(application.state)
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            });
        }
        let model = attachment::Entity::find_by_id(attachment_id)
            .filter(attachment::Column::ApplicationId.eq(application_id))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("attachment"))?;
        attachment::Entity::delete_by_id(attachment_id).exec(&self.db).await?;
        let blobs = self.blobs.clone();
        blocking(move || blobs.delete(&model.storage_key)).await
    }
}

pub(crate) async fn list(db: &impl ConnectionTrait, application_id: i64) -> Result<Vec<Attachment>, StoreError> {
    let rows = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(record).collect())
}

fn record(model: attachment::Model) -> Attachment {
    Attachment {
        id: model.id,
        application_id: model.application_id,
        kind: model.kind,
        filename: model.filename,
        content_type: model.content_type,
        size_bytes: model.size_bytes,
        sha256: model.sha256,
        uploaded_by: model.uploaded_by,
        created_at: model.created_at,
    }
}
