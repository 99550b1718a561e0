//! Cheaper counts for the applications list at programme scale. The list's total counts a call's
//! applications of organisations in a country: with `(call_id, organisation_id)` indexed the count reads
//! the index alone (SQLite always, PostgreSQL once the visibility map is set), never the rows. And on
//! PostgreSQL the answers document (several kB of JSON that compresses to about 2 kB) is kept out of
//! line, so scanning `applications` reads rows of a few hundred bytes instead of one page per few rows;
//! reading one application's answers costs a TOAST lookup. Rows written before keep their layout until
//! they are next written (or `VACUUM FULL applications`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    CallId,
    OrganisationId,
}

const CALL_ORGANISATION: &str = "idx_applications_call_organisation";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(CALL_ORGANISATION)
                    .table(Applications::Table)
                    .col(Applications::CallId)
                    .col(Applications::OrganisationId)
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            // Rows over 128 bytes get their long values compressed and, if still too long, moved out.
            manager
                .get_connection()
                .execute_unprepared("ALTER TABLE applications SET (toast_tuple_target = 128)")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("ALTER TABLE applications RESET (toast_tuple_target)").await?;
        }
        manager.drop_index(Index::drop().name(CALL_ORGANISATION).table(Applications::Table).to_owned()).await
    }
}
