//! The `payments` table.

use sea_orm::entity::prelude::*;

/// One payment of a grant's schedule.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub application_id: i64,
    pub sequence: i32,
    pub kind: String,
    pub amount_cents: i64,
    pub released_by_period: Option<i32>,
    pub status: String,
    pub requested_at: Option<DateTimeUtc>,
    pub paid_at: Option<DateTimeUtc>,
    pub paid_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
