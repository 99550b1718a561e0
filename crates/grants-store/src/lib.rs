//! Persistence for MMD Grants on SQLite (the embedded default) and PostgreSQL.
//!
//! Repositories hand out plain records; every state change goes through [`transition`], which runs the
//! workflow table's decision, a compare-and-set on the version column, the audit event and the outbox
//! rows in one database transaction.

pub mod access;
pub mod account_mail;
pub mod accounts;
pub mod agreements;
pub mod api_tokens;
mod application_tags;
pub mod applications;
pub mod assignments;
pub mod attachment_upload;
pub mod attachments;
mod audience;
pub mod auth;
pub mod blob_sweep;
pub mod call_documents;
pub mod call_questions;
pub mod calls;
pub mod checklist;
pub mod confidential;
mod db;
pub mod decision_letter;
pub mod decisions;
pub mod devices;
mod digest;
pub mod entity;
mod error;
pub mod events;
pub mod housekeeping;
pub mod invitation;
pub mod jobs;
pub mod listing;
pub mod notice_digests;
pub mod open_data;
pub mod organisations;
pub mod outbox;
pub mod outbox_claims;
pub mod outbox_stats;
pub mod password_reset;
pub mod passwords;
pub mod people;
pub mod portfolio;
pub mod ranking;
pub mod records;
pub mod reminders;
pub mod report;
pub mod report_reminders;
pub mod scoring;
pub mod second_factor;
pub mod sign_in;
pub mod snapshot;
pub mod statistics;
pub mod storage;
pub mod throttle;
pub mod transition;
pub mod users;
pub mod workload;

pub use db::{Backend, Store, sqlite_file};
pub use error::StoreError;
pub use records::*;
