//! Who performs a transition.

use grants_domain::Role;
use serde::Serialize;
use std::fmt;

/// A person acting in one of their roles, or the system acting on time (deadlines, expiry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// A user acting in this role.
    Role(Role),
    /// The scheduler or another automatic rule.
    System,
}

impl Actor {
    /// Shorthand used by the tables.
    pub const APPLICANT: Actor = Actor::Role(Role::Applicant);
    /// Shorthand used by the tables.
    pub const EVALUATOR: Actor = Actor::Role(Role::Evaluator);
    /// Shorthand used by the tables.
    pub const MANAGER: Actor = Actor::Role(Role::Manager);
    /// Shorthand used by the tables.
    pub const ADMIN: Actor = Actor::Role(Role::Admin);

    /// The name recorded in the audit trail: the role, or `system`.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Role(role) => match role {
                Role::Applicant => "applicant",
                Role::Evaluator => "evaluator",
                Role::Manager => "manager",
                Role::Admin => "admin",
                Role::Auditor => "auditor",
            },
            Actor::System => "system",
        }
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
