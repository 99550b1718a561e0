//! Indexes for the applications list at programme scale: a call's applications in reference order (the
//! list sorted by reference stops after one page instead of sorting the call), and organisations by
//! country (the country filter).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    CallId,
    Reference,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Country,
}

const CALL_REFERENCE: &str = "idx_applications_call_reference";
const COUNTRY: &str = "idx_organisations_country";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(CALL_REFERENCE)
                    .table(Applications::Table)
                    .col(Applications::CallId)
                    .col(Applications::Reference)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name(COUNTRY).table(Organisations::Table).col(Organisations::Country).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(COUNTRY).table(Organisations::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name(CALL_REFERENCE).table(Applications::Table).to_owned()).await
    }
}
