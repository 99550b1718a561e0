//! Who may read and act on what, for the API and the pages alike: the checks that need the HTTP layer's
//! error type on top of the store's `access` rules. Neither front end carries its own copy.

use grants_domain::Role;
use grants_store::agreements::{Acting, GrantFile};
use grants_store::organisations::Editor;
use grants_store::{Organisation, User};
use grants_workflow::Actor;

use crate::{AppError, AppState};

/// Refuses anyone but grant managers.
pub(crate) fn require_manager(user: &User) -> Result<(), AppError> {
    if user.viewer().can_manage_calls() { Ok(()) } else { Err(AppError::forbidden("only grant managers do this")) }
}

/// Refuses anyone but programme staff and auditors.
pub(crate) fn require_staff(user: &User) -> Result<(), AppError> {
    if user.viewer().is_programme_staff() {
        Ok(())
    } else {
        Err(AppError::forbidden("shown to programme staff and auditors"))
    }
}

/// The grant file when `user` may read it: the grantee's members and programme staff (not evaluators).
pub async fn readable_file(
    state: &AppState,
    user: &User,
    id: i64,
) -> Result<(grants_store::Application, GrantFile), AppError> {
    let application = state.store.visible_application(user, id).await?;
    if !user.viewer().can_view_application(application.organisation_id) {
        return Err(AppError::forbidden("the grant file is for the grantee and programme staff"));
    }
    Ok((application, state.store.grant_file(id).await?))
}

/// Acting as the grantee: a member of the applicant organisation.
pub fn as_grantee(user: &User, application: &grants_store::Application, state: &AppState) -> Result<Acting, AppError> {
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return Err(AppError::forbidden("only the grantee's members submit its reports"));
    }
    Ok(Acting {
        user_id: user.id,
        actor: Actor::Role(Role::Applicant),
        now: state.clock.now(),
        language: user.language,
    })
}

/// Acting as a grant manager.
pub fn as_manager(user: &User, state: &AppState) -> Result<Acting, AppError> {
    if !user.viewer().can_manage_calls() {
        return Err(AppError::forbidden("only grant managers review reports and record payments"));
    }
    Ok(Acting { user_id: user.id, actor: Actor::Role(Role::Manager), now: state.clock.now(), language: user.language })
}

/// The organisation when the user may see it; 404 otherwise, so ids of other organisations reveal nothing.
pub async fn visible_organisation(state: &AppState, user: &User, id: i64) -> Result<Organisation, AppError> {
    if !user.viewer().can_view_organisation(id) {
        return Err(AppError::not_found("organisation"));
    }
    Ok(state.store.organisation(id).await?)
}

/// Who changes the profile and in which role: a member, or an admin; anyone else is refused.
pub fn editor(user: &User, id: i64) -> Result<Editor, AppError> {
    match user.viewer().organisation_editor_role(id) {
        Some(role) => Ok(Editor { user_id: user.id, role }),
        None => Err(AppError::forbidden("only the organisation's own members (or an admin) can change its profile")),
    }
}
