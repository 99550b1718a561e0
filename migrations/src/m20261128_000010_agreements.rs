//! Grant agreements (SPEC §8): the agreement recorded at signature, its payment schedule and its reports.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Agreements {
    Table,
    Id,
    ApplicationId,
    AmountCents,
    StartsOn,
    EndsOn,
    SignedAt,
    SignedBy,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    ApplicationId,
    Sequence,
    Kind,
    AmountCents,
    ReleasedByPeriod,
    Status,
    RequestedAt,
    PaidAt,
    PaidBy,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    ApplicationId,
    Kind,
    Period,
    CoversFrom,
    CoversTo,
    DueOn,
    Status,
    Narrative,
    SpentCents,
    SubmittedAt,
    ReviewedAt,
    ReviewNote,
    Version,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agreements::Table)
                    .col(big_pk_auto(Agreements::Id))
                    .col(big_integer_uniq(Agreements::ApplicationId))
                    .col(big_integer(Agreements::AmountCents))
                    .col(date(Agreements::StartsOn))
                    .col(date(Agreements::EndsOn))
                    .col(timestamp_with_time_zone(Agreements::SignedAt))
                    .col(big_integer(Agreements::SignedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Agreements::Table, Agreements::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Payments::Table)
                    .col(big_pk_auto(Payments::Id))
                    .col(big_integer(Payments::ApplicationId))
                    .col(integer(Payments::Sequence))
                    .col(string_len(Payments::Kind, 16))
                    .col(big_integer(Payments::AmountCents))
                    .col(integer_null(Payments::ReleasedByPeriod))
                    .col(string_len(Payments::Status, 16))
                    .col(timestamp_with_time_zone_null(Payments::RequestedAt))
                    .col(timestamp_with_time_zone_null(Payments::PaidAt))
                    .col(big_integer_null(Payments::PaidBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Payments::Table, Payments::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_payments_application_sequence")
                    .table(Payments::Table)
                    .col(Payments::ApplicationId)
                    .col(Payments::Sequence)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .col(big_pk_auto(Reports::Id))
                    .col(big_integer(Reports::ApplicationId))
                    .col(string_len(Reports::Kind, 16))
                    .col(integer(Reports::Period))
                    .col(date(Reports::CoversFrom))
                    .col(date(Reports::CoversTo))
                    .col(date(Reports::DueOn))
                    .col(string_len(Reports::Status, 24))
                    .col(text(Reports::Narrative).default(""))
                    .col(big_integer_null(Reports::SpentCents))
                    .col(timestamp_with_time_zone_null(Reports::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Reports::ReviewedAt))
                    .col(text_null(Reports::ReviewNote))
                    .col(integer(Reports::Version).default(1))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_reports_application_kind_period")
                    .table(Reports::Table)
                    .col(Reports::ApplicationId)
                    .col(Reports::Kind)
                    .col(Reports::Period)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Reports::Table.into_iden(), Payments::Table.into_iden(), Agreements::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
