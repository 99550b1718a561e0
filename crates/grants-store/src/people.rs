//! People administration: admins list the staff (managers, evaluators, auditors, admins), change their
//! roles, language and country, and deactivate or reactivate them. Every change is an event on the
//! person (`Subject::User`) naming the admin who made it (ADR 0002: one audit table). At least one
//! active admin always remains.

use chrono::{DateTime, Utc};
use grants_domain::{Language, Role, ValidationErrors};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use serde_json::json;

use crate::auth::end_all_sessions;
use crate::entity::{user, user_role};
use crate::events::{NewEvent, Subject, append};
use crate::throttle::{key, lock};
use crate::users::{has_control, load_user};
use crate::{Store, StoreError, User};

/// The roles this page hands out; applicants register themselves.
pub const STAFF_ROLES: [Role; 4] = [Role::Manager, Role::Evaluator, Role::Auditor, Role::Admin];

/// Where a person's access stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonState {
    /// They have a password and may sign in.
    Active,
    /// Invited, their password not chosen yet.
    Invited,
    /// An admin ended their access.
    Deactivated,
}

impl PersonState {
    /// The stored-style name, used as a catalogue key suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonState::Active => "active",
            PersonState::Invited => "invited",
            PersonState::Deactivated => "deactivated",
        }
    }
}

/// A member of staff as the admin pages show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The account.
    pub user: User,
    /// Whether they may sign in.
    pub state: PersonState,
}

/// What an admin may change on a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonChange {
    /// Their staff roles (an applicant role they hold is kept).
    pub roles: Vec<Role>,
    /// The language of their pages and emails.
    pub language: Language,
    /// Their country (ISO code), for the same-country exclusion of evaluators.
    pub country: Option<String>,
    /// What they know, as JVAP domain codes of the programme (used by automatic assignment).
    pub expertise: Vec<String>,
}

/// Whether `country` is empty or an ISO 3166-1 alpha-2 code.
pub(crate) fn check_country(errors: &mut ValidationErrors, country: Option<&str>) {
    if let Some(country) = country
        && (country.len() != 2 || !country.chars().all(|c| c.is_ascii_uppercase()))
    {
        errors.add("/country", "invalid_country", "give the ISO 3166-1 alpha-2 code, e.g. SN");
    }
}

/// Refuses roles outside the staff roles, and an empty set.
pub(crate) fn check_roles(errors: &mut ValidationErrors, roles: &[Role]) {
    if roles.is_empty() {
        errors.add("/roles", "required", "choose at least one role");
    } else if roles.iter().any(|r| !STAFF_ROLES.contains(r)) {
        errors.add("/roles", "not_staff", "only manager, evaluator, auditor and admin are given here");
    }
}

fn person(model: &user::Model, user: User) -> Person {
    let state = if model.deactivated_at.is_some() {
        PersonState::Deactivated
    } else if model.password_hash.is_none() {
        PersonState::Invited
    } else {
        PersonState::Active
    };
    Person { user, state }
}

/// Takes the lock that serialises every change to who is an admin, then counts the active admins other
/// than `user_id`.
async fn other_admins(txn: &DatabaseTransaction, store: &Store, user_id: i64) -> Result<usize, StoreError> {
    lock(txn, store.backend(), &key(&["admins"])).await?;
    let ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(Role::Admin.to_string()))
        .filter(user_role::Column::UserId.ne(user_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|r| r.user_id)
        .collect();
    let active = user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::DeactivatedAt.is_null())
        .all(txn)
        .await?;
    Ok(active.len())
}

fn last_admin(field: &str) -> StoreError {
    let mut errors = ValidationErrors::default();
    errors.add(field, "last_admin", "at least one active admin must remain");
    errors.into()
}

/// Appends the audit event of an admin's change to a person (`None`: an operator on the command line).
pub(crate) async fn audit(
    db: &impl ConnectionTrait,
    user_id: i64,
    action: &str,
    states: (&str, &str),
    actor_id: Option<i64>,
    payload: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    append(
        db,
        NewEvent {
            subject: Subject::User(user_id),
            action,
            from_state: states.0,
            to_state: states.1,
            actor_user_id: actor_id,
            actor_role: if actor_id.is_some() { "admin" } else { "operator" },
            reason: None,
            payload,
            occurred_at: now,
        },
    )
    .await
}

impl Store {
    /// Everyone holding a staff role whose name or email contains `query` (any case), by name.
    pub async fn staff(&self, query: &str) -> Result<Vec<Person>, StoreError> {
        let ids: Vec<i64> = user_role::Entity::find()
            .filter(user_role::Column::Role.is_in(STAFF_ROLES.iter().map(ToString::to_string)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| r.user_id)
            .collect();
        let needle = query.trim().to_lowercase();
        let mut people = Vec::new();
        for model in user::Entity::find().filter(user::Column::Id.is_in(ids)).all(&self.db).await? {
            let matches = needle.is_empty()
                || model.email.to_lowercase().contains(&needle)
                || model.display_name.to_lowercase().contains(&needle);
            if matches {
                let loaded = load_user(&self.db, model.clone()).await?;
                people.push(person(&model, loaded));
            }
        }
        people.sort_by_key(|p| (p.user.display_name.to_lowercase(), p.user.id));
        Ok(people)
    }

    /// One person with their state.
    pub async fn person(&self, id: i64) -> Result<Person, StoreError> {
        let model = user::Entity::find_by_id(id).one(&self.db).await?.ok_or(StoreError::NotFound("user"))?;
        let loaded = load_user(&self.db, model.clone()).await?;
        Ok(person(&model, loaded))
    }

    /// Changes a person's staff roles, language and country; refuses taking the admin role from the last
    /// active admin.
    pub async fn change_person(
        &self,
        id: i64,
        change: PersonChange,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Person, StoreError> {
        let mut errors = ValidationErrors::default();
        check_roles(&mut errors, &change.roles);
        check_country(&mut errors, change.country.as_deref());
        if change.expertise.iter().any(|code| !self.programme().is_jvap_domain(code)) {
            errors.add("/expertise", "unknown_domain", "choose domains of the programme");
        }
        errors.into_result()?;
        let before = self.person(id).await?;
        let txn = self.begin_write().await?;
        let was_admin = before.user.roles.contains(&Role::Admin) && before.user.is_active();
        if was_admin && !change.roles.contains(&Role::Admin) && other_admins(&txn, self, id).await? == 0 {
            return Err(last_admin("/roles"));
        }
        user::Entity::update_many()
            .col_expr(user::Column::Language, Expr::value(change.language.to_string()))
            .col_expr(user::Column::Country, Expr::value(change.country.clone()))
            .col_expr(user::Column::Expertise, Expr::value(change.expertise.join(",")))
            .filter(user::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        user_role::Entity::delete_many()
            .filter(user_role::Column::UserId.eq(id))
            .filter(user_role::Column::Role.is_in(STAFF_ROLES.iter().map(ToString::to_string)))
            .exec(&txn)
            .await?;
        for role in &change.roles {
            let row = user_role::ActiveModel { user_id: Set(id), role: Set(role.to_string()) };
            user_role::Entity::insert(row).exec_without_returning(&txn).await?;
        }
        let payload = json!({
            "before": {
                "roles": before.user.roles, "language": before.user.language, "country": before.user.country,
                "expertise": before.user.expertise,
            },
            "after": {
                "roles": change.roles, "language": change.language, "country": change.country,
                "expertise": change.expertise,
            },
        });
        let state = before.state.as_str();
        audit(&txn, id, "change_person", (state, state), Some(actor_id), &payload, now).await?;
        txn.commit().await?;
        self.person(id).await
    }

    /// Ends a person's access at once: their sessions are closed, their tokens stop authenticating and
    /// they get no new assignments. Refused for the last active admin; deactivating twice changes nothing.
    /// `actor_id` is the admin, `None` for an operator on the command line.
    pub async fn deactivate_person(
        &self,
        id: i64,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Person, StoreError> {
        let before = self.person(id).await?;
        if before.state == PersonState::Deactivated {
            return Ok(before);
        }
        let txn = self.begin_write().await?;
        if before.user.roles.contains(&Role::Admin) && other_admins(&txn, self, id).await? == 0 {
            return Err(last_admin("/state"));
        }
        user::Entity::update_many()
            .col_expr(user::Column::DeactivatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(id))
            .filter(user::Column::DeactivatedAt.is_null())
            .exec(&txn)
            .await?;
        let ended = end_all_sessions(&txn, id).await?;
        let payload = json!({ "sessions_ended": ended });
        audit(&txn, id, "deactivate", (before.state.as_str(), "deactivated"), actor_id, &payload, now).await?;
        txn.commit().await?;
        tracing::info!(user_id = id, actor_id, sessions_ended = ended, "person deactivated");
        self.person(id).await
    }

    /// Lets a deactivated person sign in again (their old sessions stay closed).
    pub async fn reactivate_person(&self, id: i64, actor_id: i64, now: DateTime<Utc>) -> Result<Person, StoreError> {
        let before = self.person(id).await?;
        if before.state != PersonState::Deactivated {
            return Ok(before);
        }
        let txn = self.begin_write().await?;
        user::Entity::update_many()
            .col_expr(user::Column::DeactivatedAt, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(user::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        audit(&txn, id, "reactivate", ("deactivated", "active"), Some(actor_id), &json!({}), now).await?;
        txn.commit().await?;
        self.person(id).await
    }
}

/// Whether `name` is a name we may store (no line breaks or control characters).
pub(crate) fn check_name(errors: &mut ValidationErrors, name: &str) {
    errors.require_text("/display_name", name, 200);
    if has_control(name) {
        errors.add("/display_name", "control_characters", "the name cannot contain line breaks or control characters");
    }
}

impl Store {
    /// Records on a person's history an admin's action that changes nothing of the account row itself
    /// (an API token issued or revoked for them).
    pub async fn record_person_action(
        &self,
        id: i64,
        action: &str,
        actor_id: i64,
        payload: &serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let state = self.person(id).await?.state.as_str();
        audit(&self.db, id, action, (state, state), Some(actor_id), payload, now).await?;
        Ok(())
    }
}
