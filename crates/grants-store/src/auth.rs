//! Web sign-in: argon2id password hashes, temporary lockout after repeated failures (logged and in the
//! audit trail), and sessions kept in the database under the SHA-256 of their token.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use grants_domain::ValidationErrors;
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::entity::user;
use crate::events::{NewEvent, Subject, append};
use crate::users::load_user;
use crate::{Store, StoreError, User};

/// Failed sign-ins in a row that lock an account.
pub const LOCKOUT_THRESHOLD: i32 = 20;
/// How long a locked account stays locked.
pub const LOCKOUT_MINUTES: i64 = 15;
/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 8;
/// Longest password accepted (long passphrases welcome).
pub const MAX_PASSWORD: usize = 128;

/// Why a sign-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginFailure {
    /// Unknown email or wrong password (never says which).
    Invalid,
    /// Too many failures: locked until this instant.
    Locked(DateTime<Utc>),
    /// Right password, but the email address is not confirmed yet.
    Unverified,
}

/// Refuses passwords shorter than `MIN_PASSWORD` or longer than `MAX_PASSWORD` characters.
pub fn check_password(password: &str) -> Result<(), StoreError> {
    let length = password.chars().count();
    if (MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
        Ok(())
    } else {
        let mut errors = ValidationErrors::default();
        errors.add(
            "/password",
            "invalid_length",
            format!("a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters"),
        );
        Err(errors.into())
    }
}

/// A new session: the token goes into the cookie, the CSRF token into forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// The cookie value (only its hash is stored).
    pub token: String,
    /// The token every state-changing form must carry.
    pub csrf: String,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    /// Who is signed in.
    pub user: User,
    /// The session's CSRF token.
    pub csrf: String,
}

mod session {
    use sea_orm::entity::prelude::*;

    /// A signed-in browser.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub token_hash: String,
        pub user_id: i64,
        pub csrf_token: String,
        pub created_at: DateTimeUtc,
        pub last_seen_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// 32 random bytes, base64url.
pub fn random_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn sha256_hex(text: &str) -> String {
    use std::fmt::Write as _;
    Sha256::digest(text.as_bytes()).iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// A hash of a password nobody has, verified against unknown emails so both answers take as long.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3mrGNB/cfqAzmaq6VmVO4SCV6Nd3Yrlhk5ipsBEZK3I";

impl Store {
    /// Sets a user's password (argon2id).
    pub async fn set_password(&self, user_id: i64, password: &str) -> Result<(), StoreError> {
        let length = password.chars().count();
        if !(MIN_PASSWORD..=MAX_PASSWORD).contains(&length) {
            let mut errors = ValidationErrors::default();
            errors.add(
                "/password",
                "invalid_length",
                format!("a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters"),
            );
            return Err(errors.into());
        }
        let mut salt_bytes = [0_u8; 16];
        rand::rng().fill_bytes(&mut salt_bytes);
        let salt = SaltString::encode_b64(&salt_bytes)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("salt failed: {e}"))))?;
        let hash = Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("hashing failed: {e}"))))?
            .to_string();
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(hash))
            .filter(user::Column::Id.eq(user_id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Checks an email and password. Counts failures; the `LOCKOUT_THRESHOLD`th locks the account for
    /// `LOCKOUT_MINUTES`, which is logged and recorded in the audit trail.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<User, LoginFailure>, StoreError> {
        let found =
            user::Entity::find().filter(user::Column::Email.eq(email.trim().to_lowercase())).one(&self.db).await?;
        let Some(model) = found else {
            let _ = Argon2::default()
                .verify_password(password.as_bytes(), &PasswordHash::new(DECOY).expect("a valid decoy hash"));
            return Ok(Err(LoginFailure::Invalid));
        };
        if let Some(until) = model.locked_until.filter(|until| *until > now) {
            return Ok(Err(LoginFailure::Locked(until)));
        }
        let verified = model
            .password_hash
            .as_deref()
            .and_then(|stored| PasswordHash::new(stored).ok())
            .is_some_and(|hash| Argon2::default().verify_password(password.as_bytes(), &hash).is_ok());
        if verified && model.email_verified_at.is_none() {
            return Ok(Err(LoginFailure::Unverified));
        }
        if verified {
            user::Entity::update_many()
                .col_expr(user::Column::FailedLogins, Expr::value(0))
                .col_expr(user::Column::LockedUntil, Expr::value(None::<DateTime<Utc>>))
                .filter(user::Column::Id.eq(model.id))
                .exec(&self.db)
                .await?;
            return Ok(Ok(load_user(&self.db, model).await?));
        }
        let txn = self.begin_write().await?;
        let current = user::Entity::find_by_id(model.id).one(&txn).await?.ok_or(StoreError::NotFound("user"))?;
        let failures = current.failed_logins + 1;
        let lock = (failures >= LOCKOUT_THRESHOLD).then(|| now + Duration::minutes(LOCKOUT_MINUTES));
        let mut row: user::ActiveModel = current.into();
        row.failed_logins = Set(if lock.is_some() { 0 } else { failures });
        row.locked_until = Set(lock);
        user::Entity::update(row).exec(&txn).await?;
        if let Some(until) = lock {
            tracing::warn!(user_id = model.id, failures, locked_until = %until.to_rfc3339(), "account locked after repeated failed sign-ins");
            append(
                &txn,
                NewEvent {
                    subject: Subject::User(model.id),
                    action: "lock_account",
                    from_state: "active",
                    to_state: "locked",
                    actor_user_id: None,
                    actor_role: "system",
                    reason: Some("repeated failed sign-ins"),
                    payload: &json!({ "failed_attempts": failures, "locked_until": until.to_rfc3339() }),
                    occurred_at: now,
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(Err(lock.map_or(LoginFailure::Invalid, LoginFailure::Locked)))
    }

    /// Opens a session for `user_id` lasting at most `lifetime`.
    pub async fn create_session(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<NewSession, StoreError> {
        let token = random_token();
        let csrf = random_token();
        let row = session::ActiveModel {
            token_hash: Set(sha256_hex(&token)),
            user_id: Set(user_id),
            csrf_token: Set(csrf.clone()),
            created_at: Set(now),
            last_seen_at: Set(now),
            expires_at: Set(now + lifetime),
            ..Default::default()
        };
        session::Entity::insert(row).exec_without_returning(&self.db).await?;
        Ok(NewSession { token, csrf })
    }

    /// The session of `token`, unless it expired (absolute lifetime) or sat idle longer than `idle`.
    pub async fn session(
        &self,
        token: &str,
        now: DateTime<Utc>,
        idle: Duration,
    ) -> Result<Option<SessionUser>, StoreError> {
        let found =
            session::Entity::find().filter(session::Column::TokenHash.eq(sha256_hex(token))).one(&self.db).await?;
        let Some(model) = found else { return Ok(None) };
        if model.expires_at <= now || model.last_seen_at + idle <= now {
            session::Entity::delete_by_id(model.id).exec(&self.db).await?;
            return Ok(None);
        }
        if now - model.last_seen_at > Duration::minutes(1) {
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, Expr::value(now))
                .filter(session::Column::Id.eq(model.id))
                .exec(&self.db)
                .await?;
        }
        Ok(Some(SessionUser { user: self.user(model.user_id).await?, csrf: model.csrf_token }))
    }

    /// Ends the session of `token`.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        session::Entity::delete_many().filter(session::Column::TokenHash.eq(sha256_hex(token))).exec(&self.db).await?;
        Ok(())
    }
}
