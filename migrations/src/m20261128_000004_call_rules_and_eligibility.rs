//! The full rules of a call (settings and lots), eligibility review records, attachments.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
    Programme,
    Settings,
}

#[derive(DeriveIden)]
enum Lots {
    Table,
    Id,
    CallId,
    Position,
    Name,
    BudgetCents,
}

#[derive(DeriveIden)]
enum Applications {
    Table,
    Id,
    LotId,
    EligibilityFlags,
    ConceptNoteId,
}

#[derive(DeriveIden)]
enum EligibilityChecks {
    Table,
    Id,
    ApplicationId,
    Item,
    Passed,
    Note,
    ReviewerId,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    ApplicationId,
    Kind,
    Filename,
    ContentType,
    SizeBytes,
    Sha256,
    StorageKey,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Calls::Table)
                    .add_column(string_len(Calls::Programme, 64).default("mmd"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table(Calls::Table).add_column(text(Calls::Settings).default("{}")).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Lots::Table)
                    .col(big_pk_auto(Lots::Id))
                    .col(big_integer(Lots::CallId))
                    .col(integer(Lots::Position))
                    .col(string_len(Lots::Name, 200))
                    .col(big_integer(Lots::BudgetCents))
                    .foreign_key(ForeignKey::create().from(Lots::Table, Lots::CallId).to(Calls::Table, Calls::Id))
                    .to_owned(),
            )
            .await?;
        for column in [
            big_integer_null(Applications::LotId),
            text(Applications::EligibilityFlags).default("[]").take(),
            big_integer_null(Applications::ConceptNoteId),
        ] {
            manager.alter_table(Table::alter().table(Applications::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(EligibilityChecks::Table)
                    .col(big_pk_auto(EligibilityChecks::Id))
                    .col(big_integer(EligibilityChecks::ApplicationId))
                    .col(string_len(EligibilityChecks::Item, 64))
                    .col(boolean(EligibilityChecks::Passed))
                    .col(text_null(EligibilityChecks::Note))
                    .col(big_integer(EligibilityChecks::ReviewerId))
                    .col(timestamp_with_time_zone(EligibilityChecks::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EligibilityChecks::Table, EligibilityChecks::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EligibilityChecks::Table, EligibilityChecks::ReviewerId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(big_pk_auto(Attachments::Id))
                    .col(big_integer(Attachments::ApplicationId))
                    .col(string_len(Attachments::Kind, 64))
                    .col(string_len(Attachments::Filename, 255))
                    .col(string_len(Attachments::ContentType, 128))
                    .col(big_integer(Attachments::SizeBytes))
                    .col(string_len(Attachments::Sha256, 64))
                    .col(string_len_uniq(Attachments::StorageKey, 200))
                    .col(big_integer(Attachments::UploadedBy))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachments::Table, Attachments::ApplicationId)
                            .to(Applications::Table, Applications::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachments::Table, Attachments::UploadedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes = [
            Index::create()
                .unique()
                .name("idx_lots_call_position")
                .table(Lots::Table)
                .col(Lots::CallId)
                .col(Lots::Position)
                .to_owned(),
            Index::create()
                .name("idx_eligibility_checks_application")
                .table(EligibilityChecks::Table)
                .col(EligibilityChecks::ApplicationId)
                .col(EligibilityChecks::Id)
                .to_owned(),
            Index::create()
                .name("idx_attachments_application")
                .table(Attachments::Table)
                .col(Attachments::ApplicationId)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Attachments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(EligibilityChecks::Table).to_owned()).await?;
        for column in [Applications::ConceptNoteId, Applications::EligibilityFlags, Applications::LotId] {
            manager.alter_table(Table::alter().table(Applications::Table).drop_column(column).to_owned()).await?;
        }
        manager.drop_table(Table::drop().table(Lots::Table).to_owned()).await?;
        for column in [Calls::Settings, Calls::Programme] {
            manager.alter_table(Table::alter().table(Calls::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
