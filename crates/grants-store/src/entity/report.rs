//! The `reports` table.

use sea_orm::entity::prelude::*;

/// One interim or final report of a grant.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub kind: String,
    pub period: i32,
    pub covers_from: Date,
    pub covers_to: Date,
    pub due_on: Date,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub narrative: String,
    pub spent_cents: Option<i64>,
    pub submitted_at: Option<DateTimeUtc>,
    pub reviewed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub review_note: Option<String>,
    pub version: i32,
    #[sea_orm(column_type = "Text")]
    pub answers: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
