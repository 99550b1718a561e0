//! The `organisations` table.

use sea_orm::entity::prelude::*;

/// An applicant organisation (CSO, local authority, diaspora organisation).
#[sea_orm::compact_model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub country: String,
    pub org_type: String,
    pub created_at: DateTimeUtc,
    pub acronym: String,
    pub registration_number: String,
    pub address: String,
    pub website: String,
    pub contact_email: String,
    pub phone: String,
    pub description: String,
    pub version: i32,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
