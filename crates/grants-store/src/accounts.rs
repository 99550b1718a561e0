//! Self-registration with email verification. Everything is checked before anything is written, and the
//! organisation, the user and the verification email are written in one transaction: a refused sign-up
//! leaves nothing behind. An address that already has an account gets a notice instead of a second
//! account, and the person signing up sees the same answer either way. Unconfirmed registrations expire:
//! their address and organisation name become free again.

use chrono::{DateTime, Duration, Utc};
use grants_domain::{Language, Role};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait};
use serde_json::json;

use crate::account_mail::{AccountMail, send_capped, spend_tokens, token, token_owner};
use crate::entity::{application, membership, organisation, user, user_role, workflow_event};
use crate::passwords::{check_new_password, hash_password, write_password};
use crate::sign_in::normalise_email;
use crate::users::{NewOrganisation, NewUser, insert_organisation, insert_user};
use crate::{Store, StoreError};

/// How long a verification link works, and how long an unconfirmed registration is kept.
pub const VERIFY_HOURS: i64 = 48;

/// Limits on what anyone can make the service do for an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountLimits {
    /// Verification, reset and "already registered" emails per address and hour.
    pub emails_per_address_per_hour: u32,
    /// How long an unconfirmed registration is kept (and its link works), in hours.
    pub unverified_hours: i64,
}

impl Default for AccountLimits {
    fn default() -> Self {
        AccountLimits { emails_per_address_per_hour: 3, unverified_hours: VERIFY_HOURS }
    }
}

/// What an applicant gives when registering.
#[derive(Debug, Clone)]
pub struct Registration {
    /// Their email (verified by the link sent to it).
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their language.
    pub language: Language,
    /// Their password.
    pub password: String,
    /// The organisation they register.
    pub organisation: NewOrganisation,
}

/// What a registration did. The person registering is told the same in both cases ("check your
/// mailbox"), so the form does not reveal which addresses have accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    /// A new, unconfirmed account; the verification email is queued (unless the address had its share).
    Created(i64),
    /// The address already has an account; its owner is told by email.
    AddressTaken,
}

impl Store {
    /// Registers an applicant and their organisation, unverified, and queues the verification email, all
    /// in one transaction after every check passed.
    pub async fn register_applicant(
        &self,
        registration: Registration,
        limits: AccountLimits,
        now: DateTime<Utc>,
    ) -> Result<Registered, StoreError> {
        let email = normalise_email(&registration.email);
        let new_user = NewUser {
            email: email.clone(),
            display_name: registration.name.clone(),
            language: registration.language,
            roles: vec![Role::Applicant],
            organisation_id: None,
            country: Some(registration.organisation.country.clone()),
        };
        let mut problems = registration.organisation.validate().err().unwrap_or_default();
        if let Err(more) = new_user.validate() {
            problems.errors.extend(more.errors);
        }
        problems.into_result()?;
        check_new_password(&registration.password, &[&email, &registration.name, &registration.organisation.name])?;
        let hash = hash_password(&registration.password)?;
        let txn = self.begin_write().await?;
        if let Some(existing) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&txn).await? {
            let stale = existing.email_verified_at.is_none()
                && existing.created_at + Duration::hours(limits.unverified_hours) <= now;
            if !stale {
                let mail = AccountMail {
                    user_id: existing.id,
                    email: &existing.email,
                    language: existing.language.parse().unwrap_or_default(),
                    template: "account_exists",
                    action: "register_again",
                    token: None,
                    extra: json!({}),
                };
                send_capped(&txn, self.backend(), mail, limits.emails_per_address_per_hour, now).await?;
                txn.commit().await?;
                return Ok(Registered::AddressTaken);
            }
            retire(&txn, existing.id).await?;
        }
        let organisation = insert_organisation(&txn, &registration.organisation, now).await.map_err(|e| match e {
            StoreError::Duplicate(_) => StoreError::Duplicate("organisation name".into()),
            other => other,
        })?;
        let new_user = NewUser { organisation_id: Some(organisation.id), ..new_user };
        let user = insert_user(&txn, &new_user, now, None).await?;
        write_password(&txn, user.id, hash).await?;
        let mail = AccountMail {
            user_id: user.id,
            email: &user.email,
            language: user.language,
            template: "email_verification",
            action: "register",
            token: Some(("verify", Duration::hours(limits.unverified_hours), "/verify")),
            extra: json!({}),
        };
        send_capped(&txn, self.backend(), mail, limits.emails_per_address_per_hour, now).await?;
        txn.commit().await?;
        Ok(Registered::Created(user.id))
    }

    /// Confirms an email address; `true` when the token was valid. Older verification links stop working.
    pub async fn verify_email(&self, token: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let txn = self.begin_write().await?;
        let Some(found) = token_owner(&txn, token, "verify", now).await? else { return Ok(false) };
        if !spend_tokens(&txn, found.user_id, "verify", found.id, now).await? {
            return Ok(false);
        }
        user::Entity::update_many()
            .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
            .filter(user::Column::Id.eq(found.user_id))
            .filter(user::Column::EmailVerifiedAt.is_null())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(true)
    }

    /// Sends a new verification link when `email` has an unconfirmed, unexpired registration; says
    /// nothing either way.
    pub async fn resend_verification(
        &self,
        email: &str,
        limits: AccountLimits,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let email = normalise_email(email);
        let txn = self.begin_write().await?;
        let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&txn).await?;
        let Some(pending) = found
            .filter(|u| u.email_verified_at.is_none() && u.created_at + Duration::hours(limits.unverified_hours) > now)
        else {
            return Ok(());
        };
        let mail = AccountMail {
            user_id: pending.id,
            email: &pending.email,
            language: pending.language.parse().unwrap_or_default(),
            template: "email_verification",
            action: "resend_verification",
            token: Some(("verify", pending.created_at + Duration::hours(limits.unverified_hours) - now, "/verify")),
            extra: json!({}),
        };
        send_capped(&txn, self.backend(), mail, limits.emails_per_address_per_hour, now).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Whether the user has confirmed their email address.
    pub async fn is_verified(&self, user_id: i64) -> Result<bool, StoreError> {
        Ok(user::Entity::find_by_id(user_id).one(&self.db).await?.is_some_and(|u| u.email_verified_at.is_some()))
    }

    /// Removes registrations still unconfirmed `unverified_hours` after they were made, with the
    /// organisation each created (when nobody else joined it and it never applied). The scheduler runs it.
    pub async fn purge_unverified(&self, limits: AccountLimits, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let expired = user::Entity::find()
            .filter(user::Column::EmailVerifiedAt.is_null())
            .filter(user::Column::CreatedAt.lte(now - Duration::hours(limits.unverified_hours)))
            .all(&self.db)
            .await?;
        let mut removed = 0;
        for model in expired {
            let txn = self.db.begin().await?;
            retire(&txn, model.id).await?;
            txn.commit().await?;
            removed += 1;
        }
        Ok(removed)
    }
}

/// Removes an unconfirmed account and what it alone held: its tokens, sessions, roles, memberships, and
/// each organisation it registered that has no other member and no application. An account that the
/// audit trail names as an actor is kept under a freed address instead of being deleted.
async fn retire(txn: &DatabaseTransaction, user_id: i64) -> Result<(), StoreError> {
    let organisations: Vec<i64> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    token::Entity::delete_many().filter(token::Column::UserId.eq(user_id)).exec(txn).await?;
    crate::auth::end_all_sessions(txn, user_id).await?;
    crate::devices::forget_devices(txn, user_id).await?;
    user_role::Entity::delete_many().filter(user_role::Column::UserId.eq(user_id)).exec(txn).await?;
    membership::Entity::delete_many().filter(membership::Column::UserId.eq(user_id)).exec(txn).await?;
    for organisation_id in organisations {
        let members = membership::Entity::find()
            .filter(membership::Column::OrganisationId.eq(organisation_id))
            .count(txn)
            .await?;
        let applications = application::Entity::find()
            .filter(application::Column::OrganisationId.eq(organisation_id))
            .count(txn)
            .await?;
        if members == 0 && applications == 0 {
            organisation::Entity::delete_by_id(organisation_id).exec(txn).await?;
        }
    }
    let named =
        workflow_event::Entity::find().filter(workflow_event::Column::ActorUserId.eq(user_id)).count(txn).await?;
    if named == 0 {
        user::Entity::delete_by_id(user_id).exec(txn).await?;
    } else {
        user::Entity::update_many()
            .col_expr(user::Column::Email, Expr::value(format!("expired-{user_id}@invalid.invalid")))
            .col_expr(user::Column::PasswordHash, Expr::value(None::<String>))
            .filter(user::Column::Id.eq(user_id))
            .exec(txn)
            .await?;
    }
    tracing::info!(user_id, "unconfirmed registration expired");
    Ok(())
}
