//! The `assignments` table.

use sea_orm::entity::prelude::*;

/// An evaluator assigned to an application, with their conflict-of-interest declaration.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub evaluator_id: i64,
    pub assigned_by: i64,
    pub assigned_at: DateTimeUtc,
    pub status: String,
    pub declared_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub declaration: Option<String>,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub end_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
