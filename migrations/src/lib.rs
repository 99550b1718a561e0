//! The database schema as an ordered list of migrations: the only way any table is created, in
//! production and in tests alike.
//!
//! Each migration names its tables and columns with its own `Iden` enums, never with entity types, so
//! a migration never changes when an entity does.

// Migrations read best with the schema helpers and prelude in scope, as sea-orm documents them.
// A migration is a declarative listing of tables: long, but read top to bottom.
#![allow(clippy::wildcard_imports, clippy::too_many_lines)]

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_identity;
mod m20261128_000002_calls_applications;
mod m20261128_000003_events_outbox;
mod m20261128_000004_call_rules_and_eligibility;
mod m20261128_000005_outbox_delivery;
mod m20261128_000006_evaluation;
mod m20261128_000007_sessions;
mod m20261128_000008_account_tokens;
mod m20261128_000009_organisation_profile;
mod m20261128_000010_agreements;
mod m20261128_000011_report_answers;
mod m20261130_000100_outbox_claims;
mod m20261130_000101_outbox_priority;
mod m20261130_000200_calls_publish_awards;
mod m20261130_000300_blob_storage;
mod m20261130_000400_account_security;
mod m20261130_000500_notice_digests;
mod m20261130_000600_call_documents;
mod m20261130_000700_call_questions;
mod m20261201_000100_lot_names_fr;
mod m20261201_000200_user_deactivation;
mod m20261201_000300_user_expertise;
mod m20261201_000400_list_indexes;
mod m20261201_000500_application_tags;
mod m20261201_000600_list_counts;

/// Applies the migrations in order; `serve` (when configured), `migrate` and the test harness run it.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_identity::Migration),
            Box::new(m20261128_000002_calls_applications::Migration),
            Box::new(m20261128_000003_events_outbox::Migration),
            Box::new(m20261128_000004_call_rules_and_eligibility::Migration),
            Box::new(m20261128_000005_outbox_delivery::Migration),
            Box::new(m20261128_000006_evaluation::Migration),
            Box::new(m20261128_000007_sessions::Migration),
            Box::new(m20261128_000008_account_tokens::Migration),
            Box::new(m20261128_000009_organisation_profile::Migration),
            Box::new(m20261128_000010_agreements::Migration),
            Box::new(m20261128_000011_report_answers::Migration),
            Box::new(m20261130_000100_outbox_claims::Migration),
            Box::new(m20261130_000101_outbox_priority::Migration),
            Box::new(m20261130_000200_calls_publish_awards::Migration),
            Box::new(m20261130_000300_blob_storage::Migration),
            Box::new(m20261130_000400_account_security::Migration),
            Box::new(m20261130_000500_notice_digests::Migration),
            Box::new(m20261130_000600_call_documents::Migration),
            Box::new(m20261130_000700_call_questions::Migration),
            Box::new(m20261201_000100_lot_names_fr::Migration),
            Box::new(m20261201_000200_user_deactivation::Migration),
            Box::new(m20261201_000300_user_expertise::Migration),
            Box::new(m20261201_000400_list_indexes::Migration),
            Box::new(m20261201_000500_application_tags::Migration),
            Box::new(m20261201_000600_list_counts::Migration),
        ]
    }
}
