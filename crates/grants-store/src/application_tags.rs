//! The `application_tags` rows of an application, written in the transaction that writes its answers so
//! they always say what the answers say (`grants_domain::tags` is the rule).

use std::collections::BTreeSet;

use grants_domain::tags::{TagList, tags_of};
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::StoreError;
use crate::entity::application_tag;

/// Records the tags of a new application's `answers`.
pub(crate) async fn insert(db: &impl ConnectionTrait, application_id: i64, answers: &Value) -> Result<(), StoreError> {
    write(db, application_id, tags_of(answers)).await
}

/// Brings the tags in step with answers changed from `before` to `after`: nothing to do (no statement)
/// when the tags did not change, else the old rows replaced.
pub(crate) async fn update(
    db: &impl ConnectionTrait,
    application_id: i64,
    before: &Value,
    after: &Value,
) -> Result<(), StoreError> {
    let tags = tags_of(after);
    if tags == tags_of(before) {
        return Ok(());
    }
    application_tag::Entity::delete_many()
        .filter(application_tag::Column::ApplicationId.eq(application_id))
        .exec(db)
        .await?;
    write(db, application_id, tags).await
}

async fn write(
    db: &impl ConnectionTrait,
    application_id: i64,
    tags: BTreeSet<(TagList, String)>,
) -> Result<(), StoreError> {
    if tags.is_empty() {
        return Ok(());
    }
    let rows = tags.into_iter().map(|(list, tag)| application_tag::ActiveModel {
        application_id: Set(application_id),
        list: Set(list.to_string()),
        tag: Set(tag),
    });
    application_tag::Entity::insert_many(rows).exec_without_returning(db).await?;
    Ok(())
}
