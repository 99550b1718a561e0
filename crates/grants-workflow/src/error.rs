//! Why a transition was refused.

use serde::Serialize;

/// What kind of condition a guard found unmet; the web layer maps it to a status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// The request itself lacks something (a reason, a due date): fix the request (422).
    InvalidInput,
    /// The world is not in the state the action needs (deadline passed, checklist open): 409.
    Precondition,
    /// The action depends on data this installation does not record yet: 409, naming what is missing.
    NotYetAvailable,
}

/// One unmet condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuardFailure {
    /// The guard's stable name, e.g. `call_open_for_submission`.
    pub guard: &'static str,
    /// How to classify it.
    pub kind: FailureKind,
    /// A sentence saying what is missing or wrong.
    pub message: String,
    /// Field by field, when the condition is about the content (form errors, eligibility rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<grants_domain::FieldError>,
}

/// A refused transition. Nothing has changed when one of these is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// There is no row for this action from the current state.
    #[error("`{action}` is not possible while the {subject} is `{state}`")]
    NotAllowed {
        /// `call` or `application`.
        subject: &'static str,
        /// The current state.
        state: String,
        /// The refused action.
        action: String,
        /// What may be done from this state.
        allowed: Vec<String>,
    },
    /// The row exists but this actor may not perform it.
    #[error("`{action}` may be performed by {allowed_actors:?}, not by {actor}")]
    ActorNotAllowed {
        /// The refused action.
        action: String,
        /// Who tried.
        actor: String,
        /// Who may.
        allowed_actors: Vec<String>,
    },
    /// The row and actor fit, but conditions are unmet.
    #[error("`{action}` cannot be done now: {}", .failures.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; "))]
    GuardFailed {
        /// The refused action.
        action: String,
        /// Every unmet condition.
        failures: Vec<GuardFailure>,
    },
}
