//! Lots named in both languages: a French name beside the name, empty for the lots that have none (their
//! readers see the name).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Lots {
    Table,
    NameFr,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Lots::Table).add_column(string_len_null(Lots::NameFr, 200)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Lots::Table).drop_column(Lots::NameFr).to_owned()).await
    }
}
