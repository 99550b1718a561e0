//! `/api/v1/organisations/{id}`: the organisation profile an applicant registers once and every
//! application reuses. Members and programme staff read it; members (and admins, to correct it) change it.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use grants_domain::OrganisationType;
use grants_store::events::Subject;
use grants_store::organisations::OrganisationChanges;
use grants_store::{Organisation, OrganisationProfile, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::actions::EventView;
use crate::access::{editor, visible_organisation};
use crate::auth::CurrentUser;
use crate::extract::{ApiJson, ApiPath};
use crate::{AppError, AppState};

/// An organisation as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
#[allow(missing_docs)]
pub struct OrganisationView {
    pub id: i64,
    pub name: String,
    pub country: String,
    #[schema(value_type = String)]
    pub org_type: OrganisationType,
    pub acronym: String,
    pub registration_number: String,
    pub address: String,
    pub website: String,
    pub contact_email: String,
    pub phone: String,
    pub description: String,
    /// Send it back with a change; a different current version is refused with 409.
    pub version: i32,
    pub updated_at: Option<DateTime<Utc>>,
    /// Whether the caller may change it.
    pub editable: bool,
}

/// Changes to the profile; absent fields stay as they are, an empty string clears an optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct OrganisationPatch {
    pub name: Option<String>,
    pub country: Option<String>,
    #[schema(value_type = Option<String>)]
    pub org_type: Option<OrganisationType>,
    pub acronym: Option<String>,
    pub registration_number: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub phone: Option<String>,
    pub description: Option<String>,
    /// The version you last saw.
    pub version: Option<i32>,
}

impl OrganisationPatch {
    /// The whole new state: the current one with this patch's fields replaced.
    pub fn applied_to(self, current: &Organisation) -> OrganisationChanges {
        let p = current.profile.clone();
        OrganisationChanges {
            name: self.name.unwrap_or_else(|| current.name.clone()),
            country: self.country.unwrap_or_else(|| current.country.clone()),
            org_type: self.org_type.unwrap_or(current.org_type),
            profile: OrganisationProfile {
                acronym: self.acronym.unwrap_or(p.acronym),
                registration_number: self.registration_number.unwrap_or(p.registration_number),
                address: self.address.unwrap_or(p.address),
                website: self.website.unwrap_or(p.website),
                contact_email: self.contact_email.unwrap_or(p.contact_email),
                phone: self.phone.unwrap_or(p.phone),
                description: self.description.unwrap_or(p.description),
            },
        }
    }
}

fn view(organisation: Organisation, user: &User) -> OrganisationView {
    let p = organisation.profile;
    OrganisationView {
        editable: user.viewer().organisation_editor_role(organisation.id).is_some(),
        id: organisation.id,
        name: organisation.name,
        country: organisation.country,
        org_type: organisation.org_type,
        acronym: p.acronym,
        registration_number: p.registration_number,
        address: p.address,
        website: p.website,
        contact_email: p.contact_email,
        phone: p.phone,
        description: p.description,
        version: organisation.version,
        updated_at: organisation.updated_at,
    }
}

/// An organisation's profile.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "organisations", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = OrganisationView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn read(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrganisationView>, AppError> {
    let organisation = visible_organisation(&state, &user, id).await?;
    Ok(Json(view(organisation, &user)))
}

/// Changes the profile (members, admins). Every changed field is recorded with its old and new value.
#[utoipa::path(patch, path = "/api/v1/organisations/{id}", tag = "organisations", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = OrganisationPatch,
    responses((status = 200, body = OrganisationView), (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody), (status = 422, body = crate::error::ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<OrganisationPatch>,
) -> Result<Json<OrganisationView>, AppError> {
    let current = visible_organisation(&state, &user, id).await?;
    let editor = editor(&user, id)?;
    let version = patch.version;
    let changes = patch.applied_to(&current);
    let saved = state.store.update_organisation(id, changes, version, editor, state.clock.now()).await?;
    Ok(Json(view(saved, &user)))
}

/// The profile's change history, oldest first (members and programme staff).
#[utoipa::path(get, path = "/api/v1/organisations/{id}/events", tag = "organisations", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = [EventView]), (status = 404, body = crate::error::ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<EventView>>, AppError> {
    visible_organisation(&state, &user, id).await?;
    Ok(Json(super::actions::history(&state, &user, Subject::Organisation(id)).await?))
}
