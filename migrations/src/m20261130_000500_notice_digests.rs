//! Fewer emails where people want fewer: a manager may take the notices of new submissions as one digest
//! per call every N minutes instead of one email each. `notice_preferences` holds the choice;
//! `notice_digest_items` holds each notice kept back until its digest is queued.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum NoticePreferences {
    Table,
    UserId,
    SubmissionDigestMinutes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum NoticeDigestItems {
    Table,
    Id,
    UserId,
    CallId,
    ApplicationId,
    EventId,
    HeldAt,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NoticePreferences::Table)
                    .col(big_integer(NoticePreferences::UserId).primary_key())
                    .col(integer(NoticePreferences::SubmissionDigestMinutes))
                    .col(timestamp_with_time_zone(NoticePreferences::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoticePreferences::Table, NoticePreferences::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NoticeDigestItems::Table)
                    .col(big_pk_auto(NoticeDigestItems::Id))
                    .col(big_integer(NoticeDigestItems::UserId))
                    .col(big_integer(NoticeDigestItems::CallId))
                    .col(big_integer(NoticeDigestItems::ApplicationId))
                    .col(big_integer(NoticeDigestItems::EventId))
                    .col(timestamp_with_time_zone(NoticeDigestItems::HeldAt))
                    .col(timestamp_with_time_zone_null(NoticeDigestItems::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoticeDigestItems::Table, NoticeDigestItems::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notice_digest_items_waiting")
                    .table(NoticeDigestItems::Table)
                    .col(NoticeDigestItems::SentAt)
                    .col(NoticeDigestItems::UserId)
                    .col(NoticeDigestItems::CallId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(NoticeDigestItems::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(NoticePreferences::Table).to_owned()).await
    }
}
