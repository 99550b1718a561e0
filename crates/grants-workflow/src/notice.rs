//! The emails a transition sends, named in the table and resolved to people by the store.

use serde::Serialize;

/// A group of people a transition informs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// The members of the applicant organisation.
    Applicant,
    /// The programme's grant managers.
    Managers,
    /// The evaluators assigned to the application.
    Evaluators,
    /// The applicants of every application to the call.
    CallApplicants,
}

/// One email a transition sends: which template, to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The template folder under `templates/email/`.
    pub template: &'static str,
    /// Who receives it.
    pub audience: Audience,
}

/// Shorthand for the tables.
pub const fn notice(template: &'static str, audience: Audience) -> Notice {
    Notice { template, audience }
}
