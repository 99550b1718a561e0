//! The audit trail (append-only, enforced by the database) and the email outbox.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WorkflowEvents {
    Table,
    Id,
    SubjectKind,
    SubjectId,
    Action,
    FromState,
    ToState,
    ActorUserId,
    ActorRole,
    Reason,
    Payload,
    OccurredAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    EventId,
    Template,
    RecipientUserId,
    RecipientEmail,
    RecipientLanguage,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

const SQLITE_GUARDS: &[&str] = &[
    "CREATE TRIGGER workflow_events_no_update BEFORE UPDATE ON workflow_events \
     BEGIN SELECT RAISE(ABORT, 'workflow_events is append-only'); END",
    "CREATE TRIGGER workflow_events_no_delete BEFORE DELETE ON workflow_events \
     BEGIN SELECT RAISE(ABORT, 'workflow_events is append-only'); END",
];

const POSTGRES_GUARDS: &[&str] = &[
    "CREATE FUNCTION workflow_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS \
     $$ BEGIN RAISE EXCEPTION 'workflow_events is append-only'; END $$",
    "CREATE TRIGGER workflow_events_append_only BEFORE UPDATE OR DELETE ON workflow_events \
     FOR EACH ROW EXECUTE FUNCTION workflow_events_refuse_change()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WorkflowEvents::Table)
                    .col(big_pk_auto(WorkflowEvents::Id))
                    .col(string_len(WorkflowEvents::SubjectKind, 16))
                    .col(big_integer(WorkflowEvents::SubjectId))
                    .col(string_len(WorkflowEvents::Action, 64))
                    .col(string_len(WorkflowEvents::FromState, 32))
                    .col(string_len(WorkflowEvents::ToState, 32))
                    .col(big_integer_null(WorkflowEvents::ActorUserId))
                    .col(string_len(WorkflowEvents::ActorRole, 16))
                    .col(text_null(WorkflowEvents::Reason))
                    .col(text(WorkflowEvents::Payload))
                    .col(timestamp_with_time_zone(WorkflowEvents::OccurredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkflowEvents::Table, WorkflowEvents::ActorUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_workflow_events_subject")
                    .table(WorkflowEvents::Table)
                    .col(WorkflowEvents::SubjectKind)
                    .col(WorkflowEvents::SubjectId)
                    .col(WorkflowEvents::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(big_integer(Outbox::EventId))
                    .col(string_len(Outbox::Template, 64))
                    .col(big_integer_null(Outbox::RecipientUserId))
                    .col(string_len(Outbox::RecipientEmail, 320))
                    .col(string_len(Outbox::RecipientLanguage, 8))
                    .col(text(Outbox::Payload))
                    .col(string_len(Outbox::Status, 16))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Outbox::Table, Outbox::EventId)
                            .to(WorkflowEvents::Table, WorkflowEvents::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        let guards = match manager.get_database_backend() {
            DbBackend::Postgres => POSTGRES_GUARDS,
            _ => SQLITE_GUARDS,
        };
        for statement in guards {
            manager.get_connection().execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Outbox::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(WorkflowEvents::Table).to_owned()).await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP FUNCTION workflow_events_refuse_change()").await?;
        }
        Ok(())
    }
}
