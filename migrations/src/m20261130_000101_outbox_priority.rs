//! Outbox priority: transactional emails (receipts, password resets, verification) before bulk ones
//! (reminders, notices to many managers). Workers claim by priority, then age; the sent-at index lets
//! `/metrics` and the admin page read the delivery rate cheaply.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Status,
    Priority,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Outbox::Table).add_column(small_integer(Outbox::Priority).default(1)).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_claim_order")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::Priority)
                    .col(Outbox::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_outbox_sent_at").table(Outbox::Table).col(Outbox::SentAt).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_outbox_sent_at").table(Outbox::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_outbox_claim_order").table(Outbox::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::Priority).to_owned()).await
    }
}
