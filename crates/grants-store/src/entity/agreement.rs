//! The `agreements` table.

use sea_orm::entity::prelude::*;

/// The grant agreement of a contracted application.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub amount_cents: i64,
    pub starts_on: Date,
    pub ends_on: Date,
    pub signed_at: DateTimeUtc,
    pub signed_by: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
