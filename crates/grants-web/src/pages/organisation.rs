//! The organisation profile page: members keep their organisation's details up to date once for every
//! call; managers and auditors read it with its change history.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::OrganisationType;
use grants_store::events::Subject;
use grants_store::organisations::OrganisationChanges;
use grants_store::{Organisation, OrganisationProfile, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Posted, SignedIn};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::AppState;
use crate::access::{editor, visible_organisation};
use crate::extract::ApiPath;
use grants_store::User;

/// The profile form, as posted.
#[derive(Debug, Default, Deserialize)]
#[allow(missing_docs)]
pub struct ProfileForm {
    #[serde(default)]
    version: Option<i32>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    org_type: String,
    #[serde(default)]
    acronym: String,
    #[serde(default)]
    registration_number: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    description: String,
}

impl ProfileForm {
    fn of(organisation: &Organisation) -> Self {
        let p = organisation.profile.clone();
        ProfileForm {
            version: Some(organisation.version),
            name: organisation.name.clone(),
            country: organisation.country.clone(),
            org_type: organisation.org_type.to_string(),
            acronym: p.acronym,
            registration_number: p.registration_number,
            address: p.address,
            website: p.website,
            contact_email: p.contact_email,
            phone: p.phone,
            description: p.description,
        }
    }

    fn changes(&self) -> Result<OrganisationChanges, &'static str> {
        let org_type = self.org_type.parse::<OrganisationType>().map_err(|_| "org_type")?;
        Ok(OrganisationChanges {
            name: self.name.clone(),
            country: self.country.clone(),
            org_type,
            profile: OrganisationProfile {
                acronym: self.acronym.clone(),
                registration_number: self.registration_number.clone(),
                address: self.address.clone(),
                website: self.website.clone(),
                contact_email: self.contact_email.clone(),
                phone: self.phone.clone(),
                description: self.description.clone(),
            },
        })
    }
}

/// What the page shows besides the form: a notice and per-field errors (field name → message).
struct Outcome<'a> {
    status: StatusCode,
    notice: Option<&'a str>,
    errors: serde_json::Map<String, Value>,
}

fn field(
    state: &AppState,
    visitor: &Visitor,
    (name, kind, value): (&str, &str, &str),
    errors: &serde_json::Map<String, Value>,
) -> Value {
    json!({
        "id": format!("org-{name}"),
        "name": name,
        "kind": kind,
        "value": value,
        "label": state.pages.text(visitor.lang, &format!("org_field_{name}")),
        "error": errors.get(name),
    })
}

fn choices<'a>(terms: impl Iterator<Item = (&'a str, &'a str)>, chosen: &str) -> Vec<Value> {
    terms.map(|(code, label)| json!({ "value": code, "label": label, "selected": code == chosen })).collect()
}

async fn render(
    state: &AppState,
    (visitor, user): (&Visitor, &User),
    organisation: &Organisation,
    form: &ProfileForm,
    outcome: Outcome<'_>,
) -> Response {
    let programme = state.store.programme();
    let errors = &outcome.errors;
    let fields: Vec<Value> = [
        ("name", "text", form.name.as_str()),
        ("acronym", "text", &form.acronym),
        ("registration_number", "text", &form.registration_number),
        ("address", "textarea", &form.address),
        ("website", "url", &form.website),
        ("contact_email", "email", &form.contact_email),
        ("phone", "tel", &form.phone),
        ("description", "textarea", &form.description),
    ]
    .into_iter()
    .map(|f| field(state, visitor, f, errors))
    .collect();
    let countries =
        choices(programme.countries.iter().map(|c| (c.code.as_str(), c.label(visitor.lang))), &form.country);
    let types =
        choices(programme.applicant_types.iter().map(|t| (t.code.as_str(), t.label(visitor.lang))), &form.org_type);
    let show_actor = user.viewer().is_programme_staff();
    let history: Vec<Value> = match state.store.events(Subject::Organisation(organisation.id)).await {
        Ok(events) => events
            .into_iter()
            .rev()
            .map(|e| {
                let fields: Vec<String> =
                    e.payload.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
                let labels: Vec<String> =
                    fields.iter().map(|f| state.pages.text(visitor.lang, &format!("org_field_{f}"))).collect();
                json!({
                    "at": super::format::utc_time(e.occurred_at, visitor.lang),
                    "role": state.pages.text(visitor.lang, &format!("role_{}", e.actor_role)),
                    "actor": if show_actor { e.actor_user_id } else { None },
                    "fields": labels.join(", "),
                })
            })
            .collect(),
        Err(err) => return failure_page(state, visitor, &crate::AppError::from(err)),
    };
    let notice = outcome.notice.map(|key| state.pages.text(visitor.lang, key));
    let ctx = context(
        state,
        visitor,
        "title_organisation",
        json!({
            "organisation": {
                "id": organisation.id,
                "name": organisation.name,
                "country": programme.country(&organisation.country).map_or_else(|| organisation.country.clone(), |c| c.label(visitor.lang).to_owned()),
                "org_type": programme.applicant_types.iter().find(|t| t.code == organisation.org_type.as_ref()).map_or_else(|| organisation.org_type.to_string(), |t| t.label(visitor.lang).to_owned()),
                "profile": organisation.profile,
            },
            "editable": user.viewer().organisation_editor_role(organisation.id).is_some(),
            "version": form.version,
            "fields": fields,
            "countries": countries,
            "types": types,
            "country_error": errors.get("country"),
            "org_type_error": errors.get("org_type"),
            "notice": notice,
            "has_errors": !errors.is_empty(),
            "history": history,
        }),
    );
    page(state, outcome.status, "organisation", ctx)
}

/// `/organisation`: the signed-in applicant's own organisation.
pub async fn mine(State(state): State<AppState>, signed: SignedIn) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    match user.organisation_ids.first() {
        Some(id) => see_other(&format!("/organisations/{id}")),
        None => error_page(&state, &visitor, StatusCode::NOT_FOUND, "error_not_found"),
    }
}

/// An organisation's profile: a form for its members, a reading view for programme staff.
pub async fn show(State(state): State<AppState>, signed: SignedIn, ApiPath(id): ApiPath<i64>) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    match visible_organisation(&state, &user, id).await {
        Ok(organisation) => {
            let form = ProfileForm::of(&organisation);
            let outcome = Outcome { status: StatusCode::OK, notice: None, errors: serde_json::Map::new() };
            render(&state, (&visitor, &user), &organisation, &form, outcome).await
        }
        Err(err) => failure_page(&state, &visitor, &err),
    }
}

/// Saves the profile; a refused field comes back next to its input, with everything typed kept.
pub async fn update(State(state): State<AppState>, ApiPath(id): ApiPath<i64>, posted: Posted<ProfileForm>) -> Response {
    let Posted { visitor, user, form, .. } = posted;
    let current = match visible_organisation(&state, &user, id).await {
        Ok(organisation) => organisation,
        Err(err) => return failure_page(&state, &visitor, &err),
    };
    let Ok(editor) = editor(&user, id) else {
        return error_page(&state, &visitor, StatusCode::FORBIDDEN, "error_forbidden");
    };
    let mut errors = serde_json::Map::new();
    let changes = match form.changes() {
        Ok(changes) => changes,
        Err(field) => {
            errors.insert(field.into(), json!(state.pages.text(visitor.lang, "org_error_invalid_choice")));
            let outcome = Outcome { status: StatusCode::UNPROCESSABLE_ENTITY, notice: None, errors };
            return render(&state, (&visitor, &user), &current, &form, outcome).await;
        }
    };
    match state.store.update_organisation(id, changes, form.version, editor, state.clock.now()).await {
        Ok(saved) => {
            let outcome = Outcome { status: StatusCode::OK, notice: Some("org_saved"), errors };
            render(&state, (&visitor, &user), &saved, &ProfileForm::of(&saved), outcome).await
        }
        Err(StoreError::Validation(found)) => {
            for e in &found.errors {
                let message = state.pages.text(visitor.lang, &format!("org_error_{}", e.code));
                errors.entry(e.field.trim_start_matches('/').to_owned()).or_insert_with(|| json!(message));
            }
            let outcome = Outcome { status: StatusCode::UNPROCESSABLE_ENTITY, notice: None, errors };
            render(&state, (&visitor, &user), &current, &form, outcome).await
        }
        Err(StoreError::StaleVersion { .. }) => {
            let outcome = Outcome { status: StatusCode::CONFLICT, notice: Some("org_stale"), errors };
            render(&state, (&visitor, &user), &current, &ProfileForm::of(&current), outcome).await
        }
        Err(other) => failure_page(&state, &visitor, &crate::AppError::from(other)),
    }
}
