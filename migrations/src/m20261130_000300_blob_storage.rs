//! Blob storage shared by every instance: attachment keys gain their namespace
//! (`<application>/<id>` becomes `attachments/<application>/<id>`), and the orphan sweep gets a table
//! recording when it first saw an object that no row names.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BlobOrphans {
    Table,
    StorageKey,
    FirstSeenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE attachments SET storage_key = 'attachments/' || storage_key \
                 WHERE storage_key NOT LIKE 'attachments/%'",
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BlobOrphans::Table)
                    .col(string(BlobOrphans::StorageKey).primary_key())
                    .col(timestamp_with_time_zone(BlobOrphans::FirstSeenAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BlobOrphans::Table).to_owned()).await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE attachments SET storage_key = substr(storage_key, 13) WHERE storage_key LIKE 'attachments/%'",
            )
            .await
            .map(|_| ())
    }
}
