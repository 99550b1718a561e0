//! Who may see which record, answered once for the API and the pages: the applications a user may read
//! (an evaluator only after the declaration, and as `crate::confidential` lets them read it), the calls
//! they may see (drafts only for programme staff) and the roles in which they act on an application. The role rules
//! themselves are `grants_domain::access`; this module adds what needs the database.

use grants_domain::{ApplicationScope, Role, Viewer};
use grants_workflow::{Actor, CallState};

use crate::assignments::EvaluatorAccess;
use crate::{Application, Call, Store, StoreError, User};

/// Why a record is not shown.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Absent, or hidden from this user (reported alike, so existence does not leak).
    #[error("{0} not found")]
    Hidden(&'static str),
    /// An evaluator assigned to the application who has not signed the declaration yet.
    #[error("sign the declaration of impartiality and confidentiality for this application before reading it")]
    DeclarationRequired,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Whether a call in `state` is visible to `viewer` (`None`: someone not signed in): drafts only to
/// programme staff, every other state to anyone.
pub fn call_visible(viewer: Option<&Viewer>, state: CallState) -> bool {
    state != CallState::Draft || viewer.is_some_and(Viewer::sees_draft_calls)
}

/// The call states `viewer` may see, for lists.
pub fn visible_call_states(viewer: Option<&Viewer>) -> Vec<CallState> {
    use strum::IntoEnumIterator;
    CallState::iter().filter(|s| call_visible(viewer, *s)).collect()
}

/// The roles in which `user` may act on an application of `organisation_id`: the applicant role only for
/// members of that organisation.
pub fn acting_roles(user: &User, organisation_id: i64) -> Vec<Actor> {
    let viewer = user.viewer();
    user.roles
        .iter()
        .filter(|role| **role != Role::Applicant || viewer.is_applicant_for(organisation_id))
        .map(|role| Actor::Role(*role))
        .collect()
}

impl Store {
    /// Application `id` if `user` may read it, as they may read it (`crate::confidential`).
    pub async fn visible_application(&self, user: &User, id: i64) -> Result<Application, AccessError> {
        let application = match self.application(id).await {
            Ok(application) => application,
            Err(StoreError::NotFound(_)) => return Err(AccessError::Hidden("application")),
            Err(other) => return Err(other.into()),
        };
        let viewer = user.viewer();
        if !viewer.can_view_application(application.organisation_id) {
            if !viewer.has(Role::Evaluator) {
                return Err(AccessError::Hidden("application"));
            }
            match self.evaluator_access(id, user.id).await? {
                EvaluatorAccess::Granted(_) => {}
                EvaluatorAccess::MustDeclare(_) => return Err(AccessError::DeclarationRequired),
                EvaluatorAccess::None => return Err(AccessError::Hidden("application")),
            }
        }
        // As this reader may read it: no applicant identity for evaluators of an anonymous call.
        let mut shown = self.as_read_by(vec![application], &viewer).await?;
        shown.pop().ok_or(AccessError::Hidden("application"))
    }

    /// Call `id` if `viewer` (`None`: not signed in) may see it.
    pub async fn visible_call(&self, viewer: Option<&Viewer>, id: i64) -> Result<Call, AccessError> {
        match self.call(id).await {
            Ok(call) if call_visible(viewer, call.state) => Ok(call),
            Ok(_) | Err(StoreError::NotFound(_)) => Err(AccessError::Hidden("call")),
            Err(other) => Err(other.into()),
        }
    }

    /// The applications `user` may list: an evaluator's are those they declared for.
    pub async fn application_scope(&self, user: &User) -> Result<ApplicationScope, StoreError> {
        let scope = user.viewer().application_scope();
        if scope == ApplicationScope::Nothing && user.viewer().has(Role::Evaluator) {
            return Ok(ApplicationScope::Applications(self.declared_application_ids(user.id).await?));
        }
        Ok(scope)
    }
}

/// The roles in which `user` acts on a call: every role they hold.
pub fn call_roles(user: &User) -> Vec<Actor> {
    user.roles.iter().map(|role| Actor::Role(*role)).collect()
}
