//! Whether a call publishes its awards becomes a column of its own, copied from the call's settings
//! document, so the public open-data views can select the publishing calls in SQL instead of reading
//! every call's settings (forms, grids) on each request.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    PublishAwards,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Calls::Table).add_column(boolean(Calls::PublishAwards).default(false)).to_owned(),
            )
            .await?;
        let copy = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "UPDATE calls SET publish_awards = TRUE WHERE (settings::jsonb ->> 'publish_awards') = 'true'"
            }
            _ => "UPDATE calls SET publish_awards = 1 WHERE json_extract(settings, '$.publish_awards') = 1",
        };
        manager.get_connection().execute_unprepared(copy).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Calls::Table).drop_column(Calls::PublishAwards).to_owned()).await
    }
}
