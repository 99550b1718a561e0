//! Account security: TOTP second factor with recovery codes, two-step sessions, API token expiry, sign-in
//! throttling counted in the database (so every instance sees the same counts), the browsers a user has
//! signed in from, and an index for counting the emails sent to one address.
//!
//! The lockout columns of `users` go: an account is no longer locked by failed sign-ins (a stranger could
//! keep it locked); guesses are throttled per account and client instead.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    TotpSecret,
    TotpEnabledAt,
    TotpLastStep,
    FailedLogins,
    LockedUntil,
}

#[derive(DeriveIden)]
enum RecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    CreatedAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Stage,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    ExpiresAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum ThrottleMarks {
    Table,
    Id,
    Scope,
    KeyHash,
    MarkedAt,
}

#[derive(DeriveIden)]
enum KnownDevices {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    RecipientEmail,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            text_null(Users::TotpSecret),
            timestamp_with_time_zone_null(Users::TotpEnabledAt),
            big_integer_null(Users::TotpLastStep),
        ] {
            manager.alter_table(Table::alter().table(Users::Table).add_column(column).to_owned()).await?;
        }
        for column in [Users::FailedLogins, Users::LockedUntil] {
            manager.alter_table(Table::alter().table(Users::Table).drop_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(RecoveryCodes::Table)
                    .col(big_pk_auto(RecoveryCodes::Id))
                    .col(big_integer(RecoveryCodes::UserId))
                    .col(string_len(RecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone(RecoveryCodes::CreatedAt))
                    .col(timestamp_with_time_zone_null(RecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RecoveryCodes::Table, RecoveryCodes::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_recovery_codes_user")
                    .table(RecoveryCodes::Table)
                    .col(RecoveryCodes::UserId)
                    .to_owned(),
            )
            .await?;
        // `password`: the password was right, the second factor (or its enrolment) is still owed; `full`.
        manager
            .alter_table(
                Table::alter()
                    .table(Sessions::Table)
                    .add_column(string_len(Sessions::Stage, 16).default("full"))
                    .to_owned(),
            )
            .await?;
        for column in
            [timestamp_with_time_zone_null(ApiTokens::ExpiresAt), timestamp_with_time_zone_null(ApiTokens::LastUsedAt)]
        {
            manager.alter_table(Table::alter().table(ApiTokens::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ThrottleMarks::Table)
                    .col(big_pk_auto(ThrottleMarks::Id))
                    .col(string_len(ThrottleMarks::Scope, 16))
                    .col(string_len(ThrottleMarks::KeyHash, 64))
                    .col(timestamp_with_time_zone(ThrottleMarks::MarkedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_throttle_marks_key")
                    .table(ThrottleMarks::Table)
                    .col(ThrottleMarks::Scope)
                    .col(ThrottleMarks::KeyHash)
                    .col(ThrottleMarks::MarkedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(KnownDevices::Table)
                    .col(big_pk_auto(KnownDevices::Id))
                    .col(big_integer(KnownDevices::UserId))
                    .col(string_len_uniq(KnownDevices::TokenHash, 64))
                    .col(timestamp_with_time_zone(KnownDevices::CreatedAt))
                    .col(timestamp_with_time_zone(KnownDevices::LastUsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(KnownDevices::Table, KnownDevices::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_recipient_created")
                    .table(Outbox::Table)
                    .col(Outbox::RecipientEmail)
                    .col(Outbox::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_outbox_recipient_created").table(Outbox::Table).to_owned()).await?;
        for table in
            [KnownDevices::Table.into_iden(), ThrottleMarks::Table.into_iden(), RecoveryCodes::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        for column in [ApiTokens::LastUsedAt, ApiTokens::ExpiresAt] {
            manager.alter_table(Table::alter().table(ApiTokens::Table).drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Sessions::Table).drop_column(Sessions::Stage).to_owned()).await?;
        for column in
            [integer(Users::FailedLogins).default(0).take(), timestamp_with_time_zone_null(Users::LockedUntil)]
        {
            manager.alter_table(Table::alter().table(Users::Table).add_column(column).to_owned()).await?;
        }
        for column in [Users::TotpLastStep, Users::TotpEnabledAt, Users::TotpSecret] {
            manager.alter_table(Table::alter().table(Users::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
