//! Editing the organisation profile: registered once, reused by every application, and each change kept
//! in the audit trail so a manager can tell what the organisation said at the time of a decision.

use chrono::{DateTime, Utc};
use grants_domain::{OrganisationType, ValidationErrors};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value, json};

use crate::entity::organisation;
use crate::events::{NewEvent, Subject, append};
use crate::users::{has_control, is_email, organisation_record};
use crate::{Organisation, OrganisationProfile, Store, StoreError};

/// The whole editable part of an organisation: what its edit form and `PATCH` send.
#[derive(Debug, Clone)]
pub struct OrganisationChanges {
    /// Registered name, unique across organisations.
    pub name: String,
    /// ISO code of its seat, one of the programme's countries.
    pub country: String,
    /// Local authority, CSO or diaspora organisation.
    pub org_type: OrganisationType,
    /// Everything else.
    pub profile: OrganisationProfile,
}

/// Who changes the profile, for the audit trail.
#[derive(Debug, Clone, Copy)]
pub struct Editor {
    /// The user.
    pub user_id: i64,
    /// The role they act in (applicant for a member, admin for an operator's correction).
    pub role: grants_domain::Role,
}

impl OrganisationChanges {
    fn validate(&self, programme: &grants_domain::programme::Programme) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        errors.require_text("/name", &self.name, 300);
        let p = &self.profile;
        for (field, value, max) in [
            ("/name", &self.name, 300),
            ("/acronym", &p.acronym, 50),
            ("/registration_number", &p.registration_number, 100),
            ("/website", &p.website, 300),
            ("/contact_email", &p.contact_email, 320),
            ("/phone", &p.phone, 50),
        ] {
            if has_control(value) {
                errors.add(field, "control_characters", "this field cannot contain line breaks or control characters");
            } else if field != "/name" && value.trim().chars().count() > max {
                errors.add(field, "too_long", format!("{} must be at most {max} characters", &field[1..]));
            }
        }
        for (field, value, max) in [("/address", &p.address, 1000), ("/description", &p.description, 4000)] {
            if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
                errors.add(field, "control_characters", "this field cannot contain control characters");
            } else if value.trim().chars().count() > max {
                errors.add(field, "too_long", format!("{} must be at most {max} characters", &field[1..]));
            }
        }
        if !programme.has_country(&self.country) {
            errors.add("/country", "invalid_country", "choose one of the programme's participating countries");
        }
        let website = p.website.trim();
        if !website.is_empty()
            && (!(website.starts_with("https://") || website.starts_with("http://"))
                || website.contains(char::is_whitespace))
        {
            errors.add("/website", "invalid_website", "give the full address, starting with https://");
        }
        if !p.contact_email.trim().is_empty() && !is_email(p.contact_email.trim()) {
            errors.add("/contact_email", "invalid_email", "give a valid email address");
        }
        errors.into_result()
    }

    fn trimmed(mut self) -> Self {
        for field in [
            &mut self.name,
            &mut self.country,
            &mut self.profile.acronym,
            &mut self.profile.registration_number,
            &mut self.profile.address,
            &mut self.profile.website,
            &mut self.profile.contact_email,
            &mut self.profile.phone,
            &mut self.profile.description,
        ] {
            *field = field.trim().to_owned();
        }
        self
    }
}

/// The fields that differ, each as `{"from": …, "to": …}`: the audit record of one edit.
fn differences(before: &Organisation, after: &OrganisationChanges) -> Map<String, Value> {
    let mut changed = Map::new();
    let mut compare = |field: &str, from: &str, to: &str| {
        if from != to {
            changed.insert(field.to_owned(), json!({ "from": from, "to": to }));
        }
    };
    compare("name", &before.name, &after.name);
    compare("country", &before.country, &after.country);
    compare("org_type", before.org_type.as_ref(), after.org_type.as_ref());
    let (b, a) = (&before.profile, &after.profile);
    compare("acronym", &b.acronym, &a.acronym);
    compare("registration_number", &b.registration_number, &a.registration_number);
    compare("address", &b.address, &a.address);
    compare("website", &b.website, &a.website);
    compare("contact_email", &b.contact_email, &a.contact_email);
    compare("phone", &b.phone, &a.phone);
    compare("description", &b.description, &a.description);
    changed
}

impl Store {
    /// Replaces an organisation's details. Refused with a stale-version error when someone saved in
    /// between; a name another organisation holds is a field error. The change and its audit record
    /// (every changed field, before and after) commit together; saving without a change writes nothing.
    pub async fn update_organisation(
        &self,
        id: i64,
        changes: OrganisationChanges,
        expected_version: Option<i32>,
        editor: Editor,
        now: DateTime<Utc>,
    ) -> Result<Organisation, StoreError> {
        let changes = changes.trimmed();
        changes.validate(self.programme())?;
        let txn = self.begin_write().await?;
        let current = organisation_record(
            organisation::Entity::find_by_id(id).one(&txn).await?.ok_or(StoreError::NotFound("organisation"))?,
        )?;
        let version = expected_version.unwrap_or(current.version);
        if version != current.version {
            return Err(StoreError::StaleVersion {
                subject: "organisation",
                expected: version,
                actual: current.version,
                state: "registered".into(),
                allowed: Vec::new(),
            });
        }
        let differing = differences(&current, &changes);
        if differing.is_empty() {
            return Ok(current);
        }
        let taken = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(changes.name.as_str()))
            .filter(organisation::Column::Id.ne(id))
            .one(&txn)
            .await?;
        if taken.is_some() {
            let mut errors = ValidationErrors::default();
            errors.add("/name", "name_taken", "another organisation is registered under this name");
            return Err(errors.into());
        }
        let p = &changes.profile;
        let updated = organisation::Entity::update_many()
            .col_expr(organisation::Column::Name, Expr::value(changes.name.clone()))
            .col_expr(organisation::Column::Country, Expr::value(changes.country.clone()))
            .col_expr(organisation::Column::OrgType, Expr::value(changes.org_type.to_string()))
            .col_expr(organisation::Column::Acronym, Expr::value(p.acronym.clone()))
            .col_expr(organisation::Column::RegistrationNumber, Expr::value(p.registration_number.clone()))
            .col_expr(organisation::Column::Address, Expr::value(p.address.clone()))
            .col_expr(organisation::Column::Website, Expr::value(p.website.clone()))
            .col_expr(organisation::Column::ContactEmail, Expr::value(p.contact_email.clone()))
            .col_expr(organisation::Column::Phone, Expr::value(p.phone.clone()))
            .col_expr(organisation::Column::Description, Expr::value(p.description.clone()))
            .col_expr(organisation::Column::Version, Expr::value(version + 1))
            .col_expr(organisation::Column::UpdatedAt, Expr::value(Some(now)))
            .filter(organisation::Column::Id.eq(id))
            .filter(organisation::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if updated.rows_affected != 1 {
            return Err(StoreError::StaleVersion {
                subject: "organisation",
                expected: version,
                actual: version + 1,
                state: "registered".into(),
                allowed: Vec::new(),
            });
        }
        append(
            &txn,
            NewEvent {
                subject: Subject::Organisation(id),
                action: "update_profile",
                from_state: "registered",
                to_state: "registered",
                actor_user_id: Some(editor.user_id),
                actor_role: editor.role.as_ref(),
                reason: None,
                payload: &Value::Object(differing),
                occurred_at: now,
            },
        )
        .await?;
        let saved = organisation_record(
            organisation::Entity::find_by_id(id).one(&txn).await?.ok_or(StoreError::NotFound("organisation"))?,
        )?;
        txn.commit().await?;
        Ok(saved)
    }
}
