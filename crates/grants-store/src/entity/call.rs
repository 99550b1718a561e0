//! The `calls` table.

use sea_orm::entity::prelude::*;

/// A call for proposals.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calls")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub reference: String,
    pub title_en: String,
    pub title_fr: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    #[sea_orm(column_type = "Text")]
    pub description_fr: String,
    pub procedure: String,
    pub total_budget_cents: i64,
    pub min_grant_cents: i64,
    pub max_grant_cents: i64,
    pub opens_at: DateTimeUtc,
    pub deadline_at: DateTimeUtc,
    pub display_timezone: String,
    pub state: String,
    pub version: i32,
    pub submission_count: i32,
    pub created_by: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub programme: String,
    #[sea_orm(column_type = "Text")]
    pub settings: String,
    /// Copied from the settings whenever they are written, so public views filter in SQL.
    pub publish_awards: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
