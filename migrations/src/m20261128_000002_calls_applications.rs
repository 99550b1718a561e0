//! Calls for proposals and applications, each with a state and a version for compare-and-set.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    Reference,
    TitleEn,
    TitleFr,
    DescriptionEn,
    DescriptionFr,
    Procedure,
    TotalBudgetCents,
    MinGrantCents,
    MaxGrantCents,
    OpensAt,
    DeadlineAt,
    DisplayTimezone,
    State,
    Version,
    SubmissionCount,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    CallId,
    OrganisationId,
    CreatedBy,
    Stage,
    Reference,
    Title,
    RequestedAmountCents,
    Answers,
    State,
    Version,
    ClarificationDueAt,
    SubmittedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Calls::Table)
                    .col(big_pk_auto(Calls::Id))
                    .col(string_len_uniq(Calls::Reference, 40))
                    .col(string_len(Calls::TitleEn, 200))
                    .col(string_len(Calls::TitleFr, 200))
                    .col(text(Calls::DescriptionEn))
                    .col(text(Calls::DescriptionFr))
                    .col(string_len(Calls::Procedure, 16))
                    .col(big_integer(Calls::TotalBudgetCents))
                    .col(big_integer(Calls::MinGrantCents))
                    .col(big_integer(Calls::MaxGrantCents))
                    .col(timestamp_with_time_zone(Calls::OpensAt))
                    .col(timestamp_with_time_zone(Calls::DeadlineAt))
                    .col(string_len(Calls::DisplayTimezone, 64))
                    .col(string_len(Calls::State, 32))
                    .col(integer(Calls::Version))
                    .col(integer(Calls::SubmissionCount).default(0))
                    .col(big_integer(Calls::CreatedBy))
                    .col(timestamp_with_time_zone(Calls::CreatedAt))
                    .col(timestamp_with_time_zone(Calls::UpdatedAt))
                    .foreign_key(ForeignKey::create().from(Calls::Table, Calls::CreatedBy).to(Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Applications::Table)
                    .col(big_pk_auto(Applications::Id))
                    .col(big_integer(Applications::CallId))
                    .col(big_integer(Applications::OrganisationId))
                    .col(big_integer(Applications::CreatedBy))
                    .col(string_len(Applications::Stage, 32))
                    .col(string_len_null(Applications::Reference, 64).unique_key())
                    .col(string_len(Applications::Title, 300))
                    .col(big_integer_null(Applications::RequestedAmountCents))
                    .col(text(Applications::Answers))
                    .col(string_len(Applications::State, 32))
                    .col(integer(Applications::Version))
                    .col(timestamp_with_time_zone_null(Applications::ClarificationDueAt))
                    .col(timestamp_with_time_zone_null(Applications::SubmittedAt))
                    .col(timestamp_with_time_zone(Applications::CreatedAt))
                    .col(timestamp_with_time_zone(Applications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::CallId)
                            .to(Calls::Table, Calls::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::OrganisationId)
                            .to(Organisations::Table, Organisations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Applications::Table, Applications::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_applications_call_state", vec![Applications::CallId, Applications::State]),
            ("idx_applications_organisation", vec![Applications::OrganisationId]),
        ] {
            let mut index = Index::create().name(name).table(Applications::Table).to_owned();
            for c in col {
                index.col(c);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Applications::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Calls::Table).to_owned()).await
    }
}
