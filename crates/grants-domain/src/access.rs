//! Who may see and do what: the one place role and object checks are decided (SPEC §11).
//!
//! Handlers never test roles themselves; they ask a [`Viewer`]. An object a viewer may not see is
//! reported as absent (404), so its existence does not leak.

use crate::Role;

/// The authenticated user as the access rules see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// The user's id.
    pub user_id: i64,
    /// Every role the user holds.
    pub roles: Vec<Role>,
    /// The organisations the user is a member of.
    pub organisation_ids: Vec<i64>,
}

/// Which applications a viewer may list and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicationScope {
    /// Programme staff and auditors see every application.
    All,
    /// Applicants see their own organisations' applications.
    Organisations(Vec<i64>),
    /// These applications only: an evaluator's declared assignments.
    Applications(Vec<i64>),
    /// Nothing (evaluators see applications only through their assignments).
    Nothing,
}

impl Viewer {
    /// Whether the user holds `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Managers, admins and auditors: those who see the whole programme, audit trail included.
    pub fn is_programme_staff(&self) -> bool {
        self.has(Role::Manager) || self.has(Role::Admin) || self.has(Role::Auditor)
    }

    /// The applications this viewer may list.
    pub fn application_scope(&self) -> ApplicationScope {
        if self.is_programme_staff() {
            ApplicationScope::All
        } else if self.has(Role::Applicant) && !self.organisation_ids.is_empty() {
            ApplicationScope::Organisations(self.organisation_ids.clone())
        } else {
            ApplicationScope::Nothing
        }
    }

    /// Whether this viewer may read an application of `organisation_id`.
    pub fn can_view_application(&self, organisation_id: i64) -> bool {
        match self.application_scope() {
            ApplicationScope::All => true,
            ApplicationScope::Organisations(ids) => ids.contains(&organisation_id),
            ApplicationScope::Applications(_) | ApplicationScope::Nothing => false,
        }
    }

    /// Whether this viewer acts for `organisation_id` as its applicant (creating and editing drafts,
    /// submitting, withdrawing).
    pub fn is_applicant_for(&self, organisation_id: i64) -> bool {
        self.has(Role::Applicant) && self.organisation_ids.contains(&organisation_id)
    }

    /// Whether this viewer designs and runs calls.
    pub fn can_manage_calls(&self) -> bool {
        self.has(Role::Manager)
    }

    /// Whether this viewer sees calls that are not yet published.
    pub fn sees_draft_calls(&self) -> bool {
        self.is_programme_staff()
    }

    /// Whether this viewer may read `organisation_id`'s profile: its own members and programme staff.
    /// Evaluators never do, so anonymous evaluation stays anonymous.
    pub fn can_view_organisation(&self, organisation_id: i64) -> bool {
        self.is_programme_staff() || self.is_applicant_for(organisation_id)
    }

    /// The role in which this viewer may change `organisation_id`'s profile: a member as its applicant,
    /// or an admin correcting it; managers and auditors read only.
    pub fn organisation_editor_role(&self, organisation_id: i64) -> Option<Role> {
        if self.is_applicant_for(organisation_id) {
            Some(Role::Applicant)
        } else if self.has(Role::Admin) {
            Some(Role::Admin)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(roles: &[Role], orgs: &[i64]) -> Viewer {
        Viewer { user_id: 1, roles: roles.to_vec(), organisation_ids: orgs.to_vec() }
    }

    #[test]
    fn applicants_see_only_their_organisations() {
        let v = viewer(&[Role::Applicant], &[7]);
        assert!(v.can_view_application(7));
        assert!(!v.can_view_application(8));
        assert!(v.is_applicant_for(7));
        assert!(!v.sees_draft_calls());
    }

    #[test]
    fn staff_see_everything_and_evaluators_nothing_by_default() {
        assert!(viewer(&[Role::Auditor], &[]).can_view_application(8));
        assert_eq!(viewer(&[Role::Evaluator], &[3]).application_scope(), ApplicationScope::Nothing);
        assert!(!viewer(&[Role::Manager], &[7]).is_applicant_for(7));
    }

    #[test]
    fn organisation_profiles_are_edited_by_members_and_admins_only() {
        assert_eq!(viewer(&[Role::Applicant], &[7]).organisation_editor_role(7), Some(Role::Applicant));
        assert_eq!(viewer(&[Role::Applicant], &[7]).organisation_editor_role(8), None);
        assert!(!viewer(&[Role::Applicant], &[7]).can_view_organisation(8));
        assert_eq!(viewer(&[Role::Admin], &[]).organisation_editor_role(8), Some(Role::Admin));
        assert_eq!(viewer(&[Role::Manager], &[]).organisation_editor_role(8), None);
        assert!(viewer(&[Role::Auditor], &[]).can_view_organisation(8));
        assert!(!viewer(&[Role::Evaluator], &[]).can_view_organisation(8));
    }
}
