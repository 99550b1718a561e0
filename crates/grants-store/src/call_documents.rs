//! The documents a call publishes — guidelines, annexes, budget templates — uploaded by managers and
//! downloaded by anyone who may see the call (published calls need no account). Their bytes live in
//! blob storage like attachments (backed up and swept by the same column list); their type is read
//! from the bytes, never from the name.

use bytes::Bytes;
use chrono::{DateTime, Utc};
use grants_domain::ValidationErrors;
use grants_workflow::CallState;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::attachment_upload::clean_filename;
use crate::calls::load_call;
use crate::storage::{BlobKey, BlobStream, Namespace};
use crate::{Store, StoreError};

/// The largest document a call may publish (a full set of guidelines with annexes fits).
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

/// The kinds of file a call may publish: what applicants can open on a phone or an office computer.
pub const DOCUMENT_TYPES: &[&str] = &[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
];

pub(crate) mod entity {
    use sea_orm::entity::prelude::*;

    /// A document of a call.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "call_documents")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub call_id: i64,
        pub title: String,
        pub filename: String,
        pub content_type: String,
        pub size_bytes: i64,
        pub sha256: String,
        pub storage_key: String,
        pub uploaded_by: i64,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A document as the pages list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallDocument {
    /// Its id.
    pub id: i64,
    /// The call it belongs to.
    pub call_id: i64,
    /// What the manager called it ("Guidelines for applicants").
    pub title: String,
    /// The name it was uploaded under.
    pub filename: String,
    /// Its media type, read from its bytes.
    pub content_type: String,
    /// Its size.
    pub size_bytes: i64,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
    /// When it was published.
    pub created_at: DateTime<Utc>,
}

fn record(model: entity::Model) -> CallDocument {
    CallDocument {
        id: model.id,
        call_id: model.call_id,
        title: model.title,
        filename: model.filename,
        content_type: model.content_type,
        size_bytes: model.size_bytes,
        sha256: model.sha256,
        created_at: model.created_at,
    }
}

fn refuse(field: &str, code: &'static str, message: &str) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, code, message);
    errors.into()
}

/// What a manager uploads.
#[derive(Debug, Clone, Copy)]
pub struct NewDocument<'a> {
    /// Its title as applicants will read it.
    pub title: &'a str,
    /// The name it was uploaded under.
    pub filename: &'a str,
    /// Who uploads.
    pub uploaded_by: i64,
    /// When.
    pub now: DateTime<Utc>,
}

impl Store {
    /// The call's documents, oldest first.
    pub async fn call_documents(&self, call_id: i64) -> Result<Vec<CallDocument>, StoreError> {
        Ok(entity::Entity::find()
            .filter(entity::Column::CallId.eq(call_id))
            .order_by_asc(entity::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(record)
            .collect())
    }

    /// Publishes a document with the call: refused when empty, too large or not a document type, and
    /// once the call is archived or cancelled. The blob is stored before the row that names it.
    pub async fn add_call_document(
        &self,
        call_id: i64,
        document: NewDocument<'_>,
        bytes: Bytes,
    ) -> Result<CallDocument, StoreError> {
        let call = load_call(&self.db, call_id).await?;
        if matches!(call.state, CallState::Archived | CallState::Cancelled) {
            return Err(StoreError::WrongState {
                message: format!("the call is {}: its documents can no longer change", call.state),
                state: call.state.to_string(),
                allowed: Vec::new(),
            });
        }
        let title = document.title.trim();
        if title.is_empty() || title.chars().count() > 200 {
            return Err(refuse("/title", "required", "give the document a title of at most 200 characters"));
        }
        if bytes.is_empty() {
            return Err(refuse("/file", "empty_file", "the file is empty"));
        }
        if bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(StoreError::TooLarge(format!("documents are limited to {MAX_DOCUMENT_BYTES} bytes")));
        }
        let content_type = infer::get(&bytes).map(|t| t.mime_type()).filter(|t| DOCUMENT_TYPES.contains(t));
        let Some(content_type) = content_type else {
            return Err(refuse("/file", "type_not_allowed", "publish a PDF, Word, Excel or OpenDocument file"));
        };
        let blobs = self.blobs()?;
        let stored = blobs.put(BlobKey::fresh(Namespace::CallDocuments, call_id)?, bytes).await?;
        let row = entity::ActiveModel {
            call_id: Set(call_id),
            title: Set(title.to_owned()),
            filename: Set(clean_filename(document.filename)),
            content_type: Set(content_type.to_owned()),
            size_bytes: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
            sha256: Set(stored.sha256.clone()),
            storage_key: Set(stored.key.to_string()),
            uploaded_by: Set(document.uploaded_by),
            created_at: Set(document.now),
            ..Default::default()
        };
        match entity::Entity::insert(row).exec_with_returning(&self.db).await {
            Ok(model) => Ok(record(model)),
            Err(err) => {
                if let Err(cleanup) = blobs.delete(&stored.key).await {
                    tracing::warn!(key = %stored.key, error = %cleanup, "unrecorded blob left for the orphan sweep");
                }
                Err(err.into())
            }
        }
    }

    /// A document of `call_id` and its bytes, checked against its SHA-256 as they stream.
    pub async fn call_document_content(
        &self,
        call_id: i64,
        document_id: i64,
    ) -> Result<(CallDocument, BlobStream), StoreError> {
        let model = entity::Entity::find_by_id(document_id)
            .filter(entity::Column::CallId.eq(call_id))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("call document"))?;
        let key = BlobKey::parse(&model.storage_key)?;
        let bytes = self.blobs()?.read(&key, &model.sha256).await?;
        Ok((record(model), bytes))
    }

    /// Withdraws a document from the call. Its object stays until the orphan sweep's grace period
    /// has passed, so a backup taken meanwhile stays whole.
    pub async fn remove_call_document(&self, call_id: i64, document_id: i64) -> Result<(), StoreError> {
        let removed = entity::Entity::delete_many()
            .filter(entity::Column::Id.eq(document_id))
            .filter(entity::Column::CallId.eq(call_id))
            .exec(&self.db)
            .await?;
        if removed.rows_affected == 0 {
            return Err(StoreError::NotFound("call document"));
        }
        Ok(())
    }
}
