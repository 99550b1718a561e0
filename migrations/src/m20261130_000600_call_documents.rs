//! The documents a call publishes (guidelines, annexes, templates): uploaded by managers, downloaded by
//! anyone who may see the call. The bytes live in blob storage under `call-documents/<call>/…`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CallDocuments {
    Table,
    Id,
    CallId,
    Title,
    Filename,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CallDocuments::Table)
                    .col(big_pk_auto(CallDocuments::Id))
                    .col(big_integer(CallDocuments::CallId))
                    .col(string(CallDocuments::Title))
                    .col(string(CallDocuments::Filename))
                    .col(string(CallDocuments::ContentType))
                    .col(big_integer(CallDocuments::SizeBytes))
                    .col(string_len(CallDocuments::Sha256, 64))
                    .col(string(CallDocuments::StorageKey))
                    .col(big_integer(CallDocuments::UploadedBy))
                    .col(timestamp_with_time_zone(CallDocuments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CallDocuments::Table, CallDocuments::CallId)
                            .to(Calls::Table, Calls::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_call_documents_call")
                    .table(CallDocuments::Table)
                    .col(CallDocuments::CallId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CallDocuments::Table).to_owned()).await
    }
}
