//! Outbox delivery: a lease so several workers never hold the same message, and a register of
//! reminders so each goes once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    LeaseUntil,
}

#[derive(DeriveIden)]
enum RemindersSent {
    Table,
    Id,
    Kind,
    DueKey,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(timestamp_with_time_zone_null(Outbox::LeaseUntil))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RemindersSent::Table)
                    .col(big_pk_auto(RemindersSent::Id))
                    .col(string_len(RemindersSent::Kind, 64))
                    .col(string_len(RemindersSent::DueKey, 200))
                    .col(timestamp_with_time_zone(RemindersSent::SentAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .unique()
                    .name("idx_reminders_sent_once")
                    .table(RemindersSent::Table)
                    .col(RemindersSent::Kind)
                    .col(RemindersSent::DueKey)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RemindersSent::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::LeaseUntil).to_owned()).await
    }
}
