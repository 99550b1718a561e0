//! Evaluation: assignments with conflict-of-interest declarations, scorecards, arbitrations, and the
//! amount awarded to an application.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Country,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    AwardedAmountCents,
}

#[derive(DeriveIden)]
enum Assignments {
    Table,
    Id,
    ApplicationId,
    EvaluatorId,
    AssignedBy,
    AssignedAt,
    Status,
    DeclaredAt,
    Declaration,
    EndedAt,
    EndReason,
}

#[derive(DeriveIden)]
enum Scorecards {
    Table,
    Id,
    AssignmentId,
    ApplicationId,
    EvaluatorId,
    Scores,
    Comments,
    OverallComment,
    Status,
    Version,
    SubmittedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Arbitrations {
    Table,
    Id,
    ApplicationId,
    ManagerId,
    Note,
    RecordedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Users::Table).add_column(string_len_null(Users::Country, 2)).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Applications::Table)
                    .add_column(big_integer_null(Applications::AwardedAmountCents))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Assignments::Table)
                    .col(big_pk_auto(Assignments::Id))
                    .col(big_integer(Assignments::ApplicationId))
                    .col(big_integer(Assignments::EvaluatorId))
                    .col(big_integer(Assignments::AssignedBy))
                    .col(timestamp_with_time_zone(Assignments::AssignedAt))
                    .col(string_len(Assignments::Status, 16))
                    .col(timestamp_with_time_zone_null(Assignments::DeclaredAt))
                    .col(text_null(Assignments::Declaration))
                    .col(timestamp_with_time_zone_null(Assignments::EndedAt))
                    .col(text_null(Assignments::EndReason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Assignments::Table, Assignments::EvaluatorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Scorecards::Table)
                    .col(big_pk_auto(Scorecards::Id))
                    .col(big_integer_uniq(Scorecards::AssignmentId))
                    .col(big_integer(Scorecards::ApplicationId))
                    .col(big_integer(Scorecards::EvaluatorId))
                    .col(text(Scorecards::Scores))
                    .col(text(Scorecards::Comments))
                    .col(text(Scorecards::OverallComment))
                    .col(string_len(Scorecards::Status, 16))
                    .col(integer(Scorecards::Version))
                    .col(timestamp_with_time_zone_null(Scorecards::SubmittedAt))
                    .col(timestamp_with_time_zone(Scorecards::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Scorecards::Table, Scorecards::AssignmentId)
                            .to(Assignments::Table, Assignments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Arbitrations::Table)
                    .col(big_pk_auto(Arbitrations::Id))
                    .col(big_integer(Arbitrations::ApplicationId))
                    .col(big_integer(Arbitrations::ManagerId))
                    .col(text(Arbitrations::Note))
                    .col(timestamp_with_time_zone(Arbitrations::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Arbitrations::Table, Arbitrations::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for index in [
            Index::create()
                .name("idx_assignments_application")
                .table(Assignments::Table)
                .col(Assignments::ApplicationId)
                .to_owned(),
            Index::create()
                .name("idx_assignments_evaluator")
                .table(Assignments::Table)
                .col(Assignments::EvaluatorId)
                .to_owned(),
            Index::create()
                .name("idx_scorecards_application")
                .table(Scorecards::Table)
                .col(Scorecards::ApplicationId)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [Arbitrations::Table.into_iden(), Scorecards::Table.into_iden(), Assignments::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter().table(Applications::Table).drop_column(Applications::AwardedAmountCents).to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::Country).to_owned()).await
    }
}
