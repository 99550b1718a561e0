//! Self-registration with email verification, and password reset by email. Tokens are random,
//! single-use, short-lived, stored only as SHA-256; the emails go through the outbox like any other.

use chrono::{DateTime, Duration, Utc};
use grants_domain::{Language, Role};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::auth::random_token;
use crate::entity::user;
use crate::events::{NewEvent, Subject, append};
use crate::outbox::{NewMessage, enqueue};
use crate::users::{NewOrganisation, NewUser};
use crate::{Store, StoreError, User};

/// How long a verification link works.
pub const VERIFY_HOURS: i64 = 48;
/// How long a password-reset link works.
pub const RESET_HOURS: i64 = 1;

mod token {
    use sea_orm::entity::prelude::*;

    /// A single-use account token.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub token_hash: String,
        pub user_id: i64,
        pub purpose: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn hash(token: &str) -> String {
    use std::fmt::Write as _;
    Sha256::digest(token.as_bytes()).iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
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

impl Store {
    /// Registers an applicant and their organisation, unverified, and queues the verification email.
    /// Returns the new user (the token travels only in the email).
    pub async fn register_applicant(&self, registration: Registration, now: DateTime<Utc>) -> Result<User, StoreError> {
        let organisation = self.create_organisation(registration.organisation.clone(), now).await?;
        let new = NewUser {
            email: registration.email.clone(),
            display_name: registration.name.clone(),
            language: registration.language,
            roles: vec![Role::Applicant],
            organisation_id: Some(organisation.id),
            country: Some(organisation.country.clone()),
        };
        let user = self.create_user(new, now).await?;
        user::Entity::update_many()
            .col_expr(user::Column::EmailVerifiedAt, Expr::value(None::<DateTime<Utc>>))
            .filter(user::Column::Id.eq(user.id))
            .exec(&self.db)
            .await?;
        self.set_password(user.id, &registration.password).await?;
        self.send_token(&user, "verify", "register", "email_verification", Duration::hours(VERIFY_HOURS), now).await?;
        Ok(user)
    }

    /// Confirms an email address; `true` when the token was valid.
    pub async fn verify_email(&self, token: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let Some(user_id) = self.use_token(token, "verify", now).await? else { return Ok(false) };
        user::Entity::update_many()
            .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
            .filter(user::Column::Id.eq(user_id))
            .exec(&self.db)
            .await?;
        Ok(true)
    }

    /// Queues a password-reset email when `email` belongs to a user; says nothing either way.
    pub async fn request_password_reset(&self, email: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        if let Some(user) = self.user_by_email(email).await? {
            self.send_token(
                &user,
                "reset",
                "request_password_reset",
                "password_reset",
                Duration::hours(RESET_HOURS),
                now,
            )
            .await?;
        }
        Ok(())
    }

    /// Sets a new password with a reset token; `true` when the token was valid. Also lifts a lockout.
    pub async fn reset_password(&self, token: &str, password: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        crate::auth::check_password(password)?;
        let Some(user_id) = self.use_token(token, "reset", now).await? else { return Ok(false) };
        self.set_password(user_id, password).await?;
        user::Entity::update_many()
            .col_expr(user::Column::FailedLogins, Expr::value(0))
            .col_expr(user::Column::LockedUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(user::Column::Id.eq(user_id))
            .exec(&self.db)
            .await?;
        Ok(true)
    }

    /// Whether the user has confirmed their email address.
    pub async fn is_verified(&self, user_id: i64) -> Result<bool, StoreError> {
        Ok(user::Entity::find_by_id(user_id).one(&self.db).await?.is_some_and(|u| u.email_verified_at.is_some()))
    }

    async fn send_token(
        &self,
        user: &User,
        purpose: &str,
        action: &str,
        template: &str,
        lifetime: Duration,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let token = random_token();
        let txn = self.db.begin().await?;
        token::Entity::insert(token::ActiveModel {
            token_hash: Set(hash(&token)),
            user_id: Set(user.id),
            purpose: Set(purpose.to_owned()),
            created_at: Set(now),
            expires_at: Set(now + lifetime),
            used_at: Set(None),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        let event_id = append(
            &txn,
            NewEvent {
                subject: Subject::User(user.id),
                action,
                from_state: "active",
                to_state: "active",
                actor_user_id: Some(user.id),
                actor_role: "applicant",
                reason: None,
                payload: &json!({ "purpose": purpose }),
                occurred_at: now,
            },
        )
        .await?;
        let path = if purpose == "verify" {
            format!("/verify?token={token}")
        } else {
            format!("/password/reset?token={token}")
        };
        let context = json!({ "recipient": { "name": user.display_name }, "action_path": path, "expires_in_hours": lifetime.num_hours() });
        enqueue(
            &txn,
            NewMessage {
                event_id,
                template,
                recipient_user_id: Some(user.id),
                recipient_email: &user.email,
                recipient_language: user.language,
                payload: &context,
                now,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    async fn use_token(&self, token: &str, purpose: &str, now: DateTime<Utc>) -> Result<Option<i64>, StoreError> {
        let found = token::Entity::find()
            .filter(token::Column::TokenHash.eq(hash(token)))
            .filter(token::Column::Purpose.eq(purpose))
            .filter(token::Column::UsedAt.is_null())
            .filter(token::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await?;
        let Some(model) = found else { return Ok(None) };
        let used = token::Entity::update_many()
            .col_expr(token::Column::UsedAt, Expr::value(now))
            .filter(token::Column::Id.eq(model.id))
            .filter(token::Column::UsedAt.is_null())
            .exec(&self.db)
            .await?;
        Ok((used.rows_affected == 1).then_some(model.user_id))
    }
}
