//! The organisation profile: what an applicant registers once and every application reuses (contact
//! details, registration number, a short presentation), with a version for concurrent edits.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Acronym,
    RegistrationNumber,
    Address,
    Website,
    ContactEmail,
    Phone,
    Description,
    Version,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            string_len(Organisations::Acronym, 50).default("").to_owned(),
            string_len(Organisations::RegistrationNumber, 100).default("").to_owned(),
            text(Organisations::Address).default("").to_owned(),
            string_len(Organisations::Website, 300).default("").to_owned(),
            string_len(Organisations::ContactEmail, 320).default("").to_owned(),
            string_len(Organisations::Phone, 50).default("").to_owned(),
            text(Organisations::Description).default("").to_owned(),
            integer(Organisations::Version).default(1).to_owned(),
            timestamp_with_time_zone_null(Organisations::UpdatedAt),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table(Organisations::Table).add_column(&mut column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Organisations::Acronym,
            Organisations::RegistrationNumber,
            Organisations::Address,
            Organisations::Website,
            Organisations::ContactEmail,
            Organisations::Phone,
            Organisations::Description,
            Organisations::Version,
            Organisations::UpdatedAt,
        ] {
            manager.alter_table(Table::alter().table(Organisations::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
