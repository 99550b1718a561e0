//! The orphan sweep: objects in storage that no row names are removed once they have been seen
//! unnamed for a grace period. An upload writes its object before its row commits, and a removed row
//! leaves its object behind (decision 9), so the sweep is the one place objects are deleted.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use futures::TryStreamExt;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::storage::BlobKey;
use crate::{Store, StoreError};

/// Every `(table, column)` holding blob keys. A table that stores keys adds itself here, in a
/// column whose name ends in `storage_key`; a test fails when a column of that name is missing here,
/// since the sweep would otherwise remove its objects.
pub const BLOB_COLUMNS: &[(&str, &str)] = &[("attachments", "storage_key"), ("call_documents", "storage_key")];

pub(crate) mod sighting {
    use sea_orm::entity::prelude::*;

    /// An object the sweep found with no row naming it, and when it first did.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "blob_orphans")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub storage_key: String,
        pub first_seen_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Objects in storage.
    pub objects: usize,
    /// Of those, named by no row.
    pub unnamed: usize,
    /// Removed because they had been unnamed for longer than the grace period.
    pub removed: usize,
}

impl Store {
    /// Lists the storage, records when each unnamed object was first seen, and removes those seen
    /// unnamed for longer than `grace`. Safe with several instances sweeping at once.
    pub async fn sweep_orphan_blobs(&self, now: DateTime<Utc>, grace: Duration) -> Result<SweepReport, StoreError> {
        let blobs = self.blobs()?;
        let keys: Vec<BlobKey> = blobs.keys().try_collect().await?;
        let listed: Vec<String> = keys.iter().map(ToString::to_string).collect();
        let in_rows = named_keys(&self.db, &listed).await?;
        let unnamed: HashSet<&String> = listed.iter().filter(|k| !in_rows.contains(*k)).collect();
        let seen: HashMap<String, DateTime<Utc>> = sighting::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.storage_key, s.first_seen_at))
            .collect();
        let settled: Vec<&String> = seen.keys().filter(|k| !unnamed.contains(k)).collect();
        if !settled.is_empty() {
            sighting::Entity::delete_many()
                .filter(sighting::Column::StorageKey.is_in(settled.iter().map(|k| k.as_str())))
                .exec(&self.db)
                .await?;
        }
        let mut report = SweepReport { objects: listed.len(), unnamed: unnamed.len(), removed: 0 };
        for key in &unnamed {
            match seen.get(*key) {
                None => {
                    let row = sighting::ActiveModel { storage_key: Set((*key).clone()), first_seen_at: Set(now) };
                    sighting::Entity::insert(row)
                        .on_conflict(OnConflict::column(sighting::Column::StorageKey).do_nothing().to_owned())
                        .exec_without_returning(&self.db)
                        .await?;
                }
                Some(first_seen) if *first_seen <= now - grace => {
                    if !named_keys(&self.db, &[(*key).clone()]).await?.is_empty() {
                        continue;
                    }
                    blobs.delete(&BlobKey::parse(key)?).await?;
                    sighting::Entity::delete_by_id((*key).clone()).exec(&self.db).await?;
                    tracing::info!(key = %key, "orphan blob removed");
                    report.removed += 1;
                }
                Some(_) => {}
            }
        }
        Ok(report)
    }
}

/// Which of `keys` some row names.
async fn named_keys(db: &impl ConnectionTrait, keys: &[String]) -> Result<HashSet<String>, StoreError> {
    let mut named = HashSet::new();
    for (table, column) in BLOB_COLUMNS {
        for batch in keys.chunks(500) {
            let query = Query::select()
                .column(Alias::new(*column))
                .from(Alias::new(*table))
                .and_where(Expr::col(Alias::new(*column)).is_in(batch.iter().cloned()))
                .to_owned();
            let statement = db.get_database_backend().build(&query);
            for row in db.query_all_raw(statement).await? {
                named.insert(row.try_get::<String>("", column)?);
            }
        }
    }
    Ok(named)
}
