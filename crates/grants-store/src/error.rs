//! Errors the store reports to its callers.

use grants_domain::ValidationErrors;
use grants_workflow::TransitionError;
use sea_orm::{DbErr, SqlErr};

use crate::storage::StorageError;

/// Why a store operation did not happen. Whenever one of these is returned, nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist (or the caller may not know it does).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller's version is not the current one: someone else changed the record first.
    #[error("the {subject} was changed by someone else (version {actual}, you sent {expected})")]
    StaleVersion {
        /// `call` or `application`.
        subject: &'static str,
        /// The version the caller based its change on.
        expected: i32,
        /// The current version.
        actual: i32,
        /// The current state.
        state: String,
        /// What may be done from the current state.
        allowed: Vec<String>,
    },
    /// The record's state does not allow the change (e.g. editing a published call).
    #[error("{message}")]
    WrongState {
        /// What was refused and why.
        message: String,
        /// The current state.
        state: String,
        /// What may be done from the current state.
        allowed: Vec<String>,
    },
    /// The workflow table refused the transition.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// The input is invalid field by field.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// An upload is larger than the call allows.
    #[error("{0}")]
    TooLarge(String),
    /// A unique value is taken (e.g. a call reference or an email).
    #[error("{0} is already taken")]
    Duplicate(String),
    /// The blob storage failed or refused; `Unavailable` is worth retrying later.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A new password is refused: too short, too long or too easy to guess.
    #[error("{}", .0.message())]
    WeakPassword(grants_domain::password::PasswordProblem),
    /// A page number so large that no page can be there.
    #[error("page {0} is out of range")]
    PageOutOfRange(u64),
    /// The database cannot be reached right now (down, restarting, pool exhausted): try again later.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] DbErr),
    /// The database failed; the cause goes to the log, never to the client.
    #[error("database error: {0}")]
    Database(#[source] DbErr),
}

impl From<DbErr> for StoreError {
    fn from(err: DbErr) -> Self {
        if is_unavailable(&err) {
            return StoreError::Unavailable(err);
        }
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => StoreError::Duplicate(detail),
            _ => StoreError::Database(err),
        }
    }
}

/// Whether `err` says the database cannot be reached (as opposed to refusing a statement): no
/// connection could be had, or the connection broke.
fn is_unavailable(err: &DbErr) -> bool {
    use sea_orm::RuntimeErr;
    use sea_orm::sqlx::Error as Sqlx;
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(sqlx)) | DbErr::Query(RuntimeErr::SqlxError(sqlx)) => {
            matches!(sqlx.as_ref(), Sqlx::Io(_) | Sqlx::PoolTimedOut | Sqlx::PoolClosed | Sqlx::WorkerCrashed)
        }
        _ => false,
    }
}
