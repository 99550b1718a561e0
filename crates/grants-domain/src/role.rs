//! The roles a user can hold (SPEC §1).

use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString};

/// A role decides which portal a user sees and which workflow actions they may take.
///
/// A user holds one or more roles; the workflow tables name the roles allowed for each action.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Staff of an applicant organisation.
    Applicant,
    /// Internal or external expert scoring applications.
    Evaluator,
    /// Programme staff running calls and decisions.
    Manager,
    /// Operator managing users and settings.
    Admin,
    /// Read-only access to everything, including the audit trail.
    Auditor,
}
