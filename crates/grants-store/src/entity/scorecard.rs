//! The `scorecards` table.

use sea_orm::entity::prelude::*;

/// One evaluator scoring one application.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scorecards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assignment_id: i64,
    pub application_id: i64,
    pub evaluator_id: i64,
    #[sea_orm(column_type = "Text")]
    pub scores: String,
    #[sea_orm(column_type = "Text")]
    pub comments: String,
    #[sea_orm(column_type = "Text")]
    pub overall_comment: String,
    pub status: String,
    pub version: i32,
    pub submitted_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
