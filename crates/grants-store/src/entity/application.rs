//! The `applications` table.

use sea_orm::entity::prelude::*;

/// An application (concept note or full application) to a call.
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub call_id: i64,
    pub organisation_id: i64,
    pub created_by: i64,
    pub stage: String,
    pub reference: Option<String>,
    pub title: String,
    pub requested_amount_cents: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub answers: String,
    pub state: String,
    pub version: i32,
    pub clarification_due_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub lot_id: Option<i64>,
    #[sea_orm(column_type = "Text")]
    pub eligibility_flags: String,
    pub concept_note_id: Option<i64>,
    pub awarded_amount_cents: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
