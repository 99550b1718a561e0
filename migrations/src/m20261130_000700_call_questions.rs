//! Questions about a call and the programme's published answers (PRAG: questions until 21 days before
//! the deadline, answers visible to every applicant alike).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Calls {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CallQuestions {
    Table,
    Id,
    CallId,
    AskedBy,
    Question,
    AskedAt,
    Answer,
    AnsweredBy,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CallQuestions::Table)
                    .col(big_pk_auto(CallQuestions::Id))
                    .col(big_integer(CallQuestions::CallId))
                    .col(big_integer(CallQuestions::AskedBy))
                    .col(text(CallQuestions::Question))
                    .col(timestamp_with_time_zone(CallQuestions::AskedAt))
                    .col(text_null(CallQuestions::Answer))
                    .col(big_integer_null(CallQuestions::AnsweredBy))
                    .col(timestamp_with_time_zone_null(CallQuestions::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CallQuestions::Table, CallQuestions::CallId)
                            .to(Calls::Table, Calls::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CallQuestions::Table, CallQuestions::AskedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_call_questions_call")
                    .table(CallQuestions::Table)
                    .col(CallQuestions::CallId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CallQuestions::Table).to_owned()).await
    }
}
