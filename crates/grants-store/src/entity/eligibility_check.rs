//! The `eligibility_checks` table.

use sea_orm::entity::prelude::*;

/// One recorded result of one checklist item; the latest row per item counts, earlier ones stay as history.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "eligibility_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub item: String,
    pub passed: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub reviewer_id: i64,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
