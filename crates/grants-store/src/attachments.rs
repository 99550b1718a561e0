//! Attachments: type-checked by content, size-limited per call, stored with a SHA-256, visible exactly
//! as their application is. Uploads arrive through [`crate::attachment_upload`]; a refused upload
//! stores nothing.

use chrono::{DateTime, Utc};
use grants_workflow::{ApplicationMachine, ApplicationState, allowed_actions};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::applications::load_application;
use crate::entity::attachment;
use crate::storage::{BlobKey, BlobStream};
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

impl Store {
    /// The attachments of an application, oldest first.
    pub async fn attachments(&self, application_id: i64) -> Result<Vec<Attachment>, StoreError> {
        list(&self.db, application_id).await
    }

    /// An attachment and its bytes, checked against the stored SHA-256 (small files before the first
    /// byte is returned, large ones as they stream).
    pub async fn attachment_content(
        &self,
        application_id: i64,
        attachment_id: i64,
    ) -> Result<(Attachment, BlobStream), StoreError> {
        let model = find(&self.db, application_id, attachment_id).await?;
        let key = BlobKey::parse(&model.storage_key)?;
        let bytes = self.blobs()?.read(&key, &model.sha256).await?;
        Ok((record(model), bytes))
    }

    /// Removes an attachment from a draft. Its object stays in storage until the orphan sweep
    /// removes it after the grace period, so a backup taken meanwhile stays whole.
    pub async fn remove_attachment(&self, application_id: i64, attachment_id: i64) -> Result<(), StoreError> {
        let application = load_application(&self.db, application_id).await?;
        if application.state != ApplicationState::Draft {
            return Err(draft_only(application.state));
        }
        find(&self.db, application_id, attachment_id).await?;
        attachment::Entity::delete_by_id(attachment_id).exec(&self.db).await?;
        Ok(())
    }
}

/// The kind of the files an applicant sends with the answer to a clarification request: the only files
/// an application takes once submitted.
pub const CLARIFICATION_KIND: &str = "clarification";

/// Whether an application in `state` takes a file of `kind` (`None`: not known yet): any kind while a
/// draft, the answer's files while a clarification is asked.
pub(crate) fn takes_file(state: ApplicationState, kind: Option<&str>) -> bool {
    match state {
        ApplicationState::Draft => true,
        ApplicationState::ClarificationRequested => kind.is_none_or(|k| k == CLARIFICATION_KIND),
        _ => false,
    }
}

/// The refusal for changing the files of an application past draft.
pub(crate) fn draft_only(state: ApplicationState) -> StoreError {
    StoreError::WrongState {
        message: format!(
            "attachments can be changed while the application is a draft, and files of kind {CLARIFICATION_KIND} added while a clarification is asked; it is {state}"
        ),
        state: state.to_string(),
        allowed: allowed_actions::<ApplicationMachine>(state).iter().map(ToString::to_string).collect(),
    }
}

async fn find(
    db: &impl ConnectionTrait,
    application_id: i64,
    attachment_id: i64,
) -> Result<attachment::Model, StoreError> {
    attachment::Entity::find_by_id(attachment_id)
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound("attachment"))
}

pub(crate) async fn list(db: &impl ConnectionTrait, application_id: i64) -> Result<Vec<Attachment>, StoreError> {
    let rows = attachment::Entity::find()
        .filter(attachment::Column::ApplicationId.eq(application_id))
        .order_by_asc(attachment::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(record).collect())
}

pub(crate) fn record(model: attachment::Model) -> Attachment {
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
