//! Users, their roles and organisations.

use chrono::{DateTime, Utc};
use grants_domain::{Language, OrganisationType, Role, ValidationErrors};
use sea_orm::sea_query::{Alias, Expr, OnConflict, Query, UnionType};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{membership, organisation, user, user_role};
use crate::records::parse;
use crate::{Organisation, OrganisationProfile, Store, StoreError, User};

/// What it takes to register an organisation.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    /// Registered name, unique.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of its seat.
    pub country: String,
    /// Its kind.
    pub org_type: OrganisationType,
}

/// What it takes to create a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Unique email address.
    pub email: String,
    /// How they are addressed.
    pub display_name: String,
    /// Their language.
    pub language: Language,
    /// At least one role.
    pub roles: Vec<Role>,
    /// The organisation they belong to, if any.
    pub organisation_id: Option<i64>,
    /// Their country (ISO code), used to keep evaluators away from applicants of their own country.
    pub country: Option<String>,
}

pub(crate) fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// Whether `email` looks like an address mail can be sent to (one `@`, a dotted domain, no spaces).
pub(crate) fn is_email(email: &str) -> bool {
    email.len() <= 320
        && !has_control(email)
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
}

impl NewOrganisation {
    pub(crate) fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        errors.require_text("/name", &self.name, 300);
        if has_control(&self.name) {
            errors.add("/name", "control_characters", "the name cannot contain line breaks or control characters");
        }
        if self.country.len() != 2 || !self.country.chars().all(|c| c.is_ascii_uppercase()) {
            errors.add("/country", "invalid_country", "give the ISO 3166-1 alpha-2 code, e.g. ML");
        }
        errors.into_result()
    }
}

impl NewUser {
    pub(crate) fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let email = self.email.trim();
        if !is_email(email) {
            errors.add("/email", "invalid_email", "give a valid email address");
        }
        errors.require_text("/display_name", &self.display_name, 200);
        if has_control(&self.display_name) {
            errors.add(
                "/display_name",
                "control_characters",
                "the name cannot contain line breaks or control characters",
            );
        }
        if let Some(country) = &self.country
            && (country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()))
        {
            errors.add("/country", "invalid_country", "give the ISO 3166-1 alpha-2 code, e.g. SN");
        }
        if self.roles.is_empty() {
            errors.add("/roles", "required", "a user needs at least one role");
        }
        errors.into_result()
    }
}

impl Store {
    /// Registers an organisation.
    pub async fn create_organisation(
        &self,
        new: NewOrganisation,
        now: DateTime<Utc>,
    ) -> Result<Organisation, StoreError> {
        new.validate()?;
        insert_organisation(&self.db, &new, now).await
    }

    /// An organisation by id.
    pub async fn organisation(&self, id: i64) -> Result<Organisation, StoreError> {
        let found =
            organisation::Entity::find_by_id(id).one(&self.db).await?.ok_or(StoreError::NotFound("organisation"))?;
        organisation_record(found)
    }

    /// Finds an organisation by its exact name.
    pub async fn organisation_by_name(&self, name: &str) -> Result<Option<Organisation>, StoreError> {
        let found =
            organisation::Entity::find().filter(organisation::Column::Name.eq(name.trim())).one(&self.db).await?;
        found.map(organisation_record).transpose()
    }

    /// Creates a user with roles and, optionally, a membership, in one transaction. Accounts made this way
    /// (by operators and managers) count as verified.
    pub async fn create_user(&self, new: NewUser, now: DateTime<Utc>) -> Result<User, StoreError> {
        new.validate()?;
        let txn = self.begin_write().await?;
        let user = insert_user(&txn, &new, now, Some(now)).await?;
        txn.commit().await?;
        Ok(user)
    }

    /// A user by id.
    pub async fn user(&self, id: i64) -> Result<User, StoreError> {
        let model = user::Entity::find_by_id(id).one(&self.db).await?.ok_or(StoreError::NotFound("user"))?;
        load_user(&self.db, model).await
    }

    /// Every user holding `role`, by name.
    pub async fn users_with_role(&self, role: Role) -> Result<Vec<User>, StoreError> {
        let ids: Vec<i64> = user_role::Entity::find()
            .filter(user_role::Column::Role.eq(role.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        let mut users = Vec::new();
        for model in user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .order_by_asc(user::Column::DisplayName)
            .all(&self.db)
            .await?
        {
            users.push(load_user(&self.db, model).await?);
        }
        Ok(users)
    }

    /// A user by email address.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        let found =
            user::Entity::find().filter(user::Column::Email.eq(email.trim().to_lowercase())).one(&self.db).await?;
        match found {
            Some(model) => load_user(&self.db, model).await.map(Some),
            None => Ok(None),
        }
    }
}

/// Writes an organisation (already validated).
pub(crate) async fn insert_organisation(
    db: &impl ConnectionTrait,
    new: &NewOrganisation,
    now: DateTime<Utc>,
) -> Result<Organisation, StoreError> {
    let row = organisation::ActiveModel {
        name: Set(new.name.trim().to_owned()),
        country: Set(new.country.clone()),
        org_type: Set(new.org_type.to_string()),
        created_at: Set(now),
        acronym: Set(String::new()),
        registration_number: Set(String::new()),
        address: Set(String::new()),
        website: Set(String::new()),
        contact_email: Set(String::new()),
        phone: Set(String::new()),
        description: Set(String::new()),
        version: Set(1),
        updated_at: Set(None),
        ..Default::default()
    };
    organisation_record(organisation::Entity::insert(row).exec_with_returning(db).await?)
}

/// Writes a user (already validated) with roles and membership; `verified_at` is when the email address
/// was confirmed (`None` for a self-registration awaiting its link).
pub(crate) async fn insert_user(
    db: &impl ConnectionTrait,
    new: &NewUser,
    now: DateTime<Utc>,
    verified_at: Option<DateTime<Utc>>,
) -> Result<User, StoreError> {
    let row = user::ActiveModel {
        email: Set(new.email.trim().to_lowercase()),
        display_name: Set(new.display_name.trim().to_owned()),
        language: Set(new.language.to_string()),
        created_at: Set(now),
        country: Set(new.country.clone()),
        password_hash: Set(None),
        email_verified_at: Set(verified_at),
        // Set, not left to the column's default: SQLite returns no value for a defaulted added column.
        expertise: Set(String::new()),
        ..Default::default()
    };
    let model = user::Entity::insert(row).exec_with_returning(db).await?;
    for role in &new.roles {
        let role_row = user_role::ActiveModel { user_id: Set(model.id), role: Set(role.to_string()) };
        user_role::Entity::insert(role_row)
            .on_conflict(
                OnConflict::columns([user_role::Column::UserId, user_role::Column::Role]).do_nothing().to_owned(),
            )
            .exec_without_returning(db)
            .await?;
    }
    if let Some(organisation_id) = new.organisation_id {
        let member = membership::ActiveModel { user_id: Set(model.id), organisation_id: Set(organisation_id) };
        membership::Entity::insert(member).exec_without_returning(db).await?;
    }
    load_user(db, model).await
}

/// The user of `model` with their roles and organisations, read in one query (every signed-in request
/// and every API call reads them).
pub(crate) async fn load_user(db: &impl ConnectionTrait, model: user::Model) -> Result<User, StoreError> {
    let both = Query::select()
        .column(user_role::Column::Role)
        .expr_as(Expr::cust("CAST(NULL AS BIGINT)"), Alias::new("organisation_id"))
        .from(user_role::Entity)
        .and_where(user_role::Column::UserId.eq(model.id))
        .union(
            UnionType::All,
            Query::select()
                .expr_as(Expr::cust("CAST(NULL AS TEXT)"), Alias::new("role"))
                .column(membership::Column::OrganisationId)
                .from(membership::Entity)
                .and_where(membership::Column::UserId.eq(model.id))
                .to_owned(),
        )
        .to_owned();
    let rows = db.query_all(&both).await?;
    let mut roles = Vec::new();
    let mut organisation_ids = Vec::new();
    for row in rows {
        if let Some(role) = row.try_get_by_index::<Option<String>>(0)? {
            roles.push(parse::<Role>("role", &role)?);
        }
        if let Some(organisation_id) = row.try_get_by_index::<Option<i64>>(1)? {
            organisation_ids.push(organisation_id);
        }
    }
    roles.sort_by_key(ToString::to_string);
    organisation_ids.sort_unstable();
    Ok(User {
        id: model.id,
        email: model.email,
        display_name: model.display_name,
        language: parse("language", &model.language)?,
        roles,
        organisation_ids,
        country: model.country,
        deactivated_at: model.deactivated_at,
        expertise: model.expertise.split(',').map(str::trim).filter(|c| !c.is_empty()).map(ToOwned::to_owned).collect(),
    })
}

pub(crate) fn organisation_record(model: organisation::Model) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: model.id,
        org_type: parse("organisation type", &model.org_type)?,
        name: model.name,
        country: model.country,
        profile: OrganisationProfile {
            acronym: model.acronym,
            registration_number: model.registration_number,
            address: model.address,
            website: model.website,
            contact_email: model.contact_email,
            phone: model.phone,
            description: model.description,
        },
        version: model.version,
        updated_at: model.updated_at,
    })
}
