//! Persistence for MMD Grants on SQLite (the embedded default) and PostgreSQL.
//!
//! Repositories hand out plain records; every state change goes through [`transition`], which runs the
//! workflow table's decision, a compare-and-set on the version column, the audit event and the outbox
//! rows in one database transaction.

pub mod accounts;
pub mod agreements;
pub mod applications;
pub mod assignments;
pub mod attachments;
mod audience;
pub mod auth;
pub mod calls;
pub mod checklist;
mod db;
pub mod entity;
mod error;
pub mod events;
pub mod jobs;
pub mod organisations;
pub mod outbox;
pub mod outbox_claims;
pub mod outbox_stats;
pub mod portfolio;
pub mod ranking;
pub mod records;
pub mod reminders;
pub mod report;
pub mod report_reminders;
pub mod scoring;
pub mod statistics;
pub mod storage;
pub mod transition;
pub mod users;
pub mod workload;

pub use db::{Backend, Store};
pub use error::StoreError;
pub use records::*;
