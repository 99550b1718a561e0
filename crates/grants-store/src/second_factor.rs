//! The TOTP second factor of an account: enrolment (a secret confirmed by a first code), checks at sign-in
//! (each 30-second code works once, wrong codes are throttled) and recovery codes for a lost authenticator
//! (single use, stored as SHA-256). See decision 12.

use chrono::{DateTime, Duration, Utc};
use grants_domain::second_factor::{self as totp, RECOVERY_CODES, SECRET_BYTES};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::auth::{end_all_sessions, sha256_hex};
use crate::entity::user;
use crate::events::{NewEvent, Subject, append};
use crate::throttle::{Limit, key};
use crate::{Store, StoreError};

mod recovery {
    use sea_orm::entity::prelude::*;

    /// A single-use code that stands in for a lost authenticator.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "recovery_codes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub code_hash: String,
        pub created_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// How many wrong codes an account may receive per window before its code checks pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLimits {
    /// Wrong codes per window.
    pub limit: u32,
    /// The window.
    pub window: Duration,
}

impl Default for CodeLimits {
    fn default() -> Self {
        CodeLimits { limit: 10, window: Duration::hours(1) }
    }
}

/// The answer to a typed code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeCheck {
    /// Right, and not used before.
    Accepted,
    /// Wrong, expired or already used.
    Refused,
    /// Too many wrong codes lately: try again after this long.
    Throttled(Duration),
}

/// A secret waiting for its first code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrolment {
    /// The base32 secret to type into an authenticator.
    pub secret: String,
    /// The `otpauth://` address the QR code carries.
    pub url: String,
}

fn bad_secret(err: &totp::BadSecret) -> StoreError {
    StoreError::Database(sea_orm::DbErr::Custom(err.to_string()))
}

async fn load(db: &impl ConnectionTrait, user_id: i64) -> Result<user::Model, StoreError> {
    user::Entity::find_by_id(user_id).one(db).await?.ok_or(StoreError::NotFound("user"))
}

impl Store {
    /// Starts (or restarts) an enrolment for `user_id`: a fresh secret, kept unconfirmed until a first
    /// code proves the authenticator holds it. A confirmed second factor stays in force meanwhile.
    pub async fn begin_totp_enrolment(&self, user_id: i64, issuer: &str) -> Result<Enrolment, StoreError> {
        let model = load(&self.db, user_id).await?;
        let secret = if let (Some(waiting), None) = (&model.totp_secret, model.totp_enabled_at) {
            waiting.clone()
        } else {
            let mut bytes = [0_u8; SECRET_BYTES];
            rand::rng().fill_bytes(&mut bytes);
            totp::encode_secret(&bytes)
        };
        if model.totp_enabled_at.is_none() {
            user::Entity::update_many()
                .col_expr(user::Column::TotpSecret, Expr::value(secret.clone()))
                .filter(user::Column::Id.eq(user_id))
                .exec(&self.db)
                .await?;
        }
        let url = totp::enrolment_url(&secret, &model.email, issuer).map_err(|e| bad_secret(&e))?;
        Ok(Enrolment { secret, url })
    }

    /// Whether `user_id` signs in with a second factor.
    pub async fn has_totp(&self, user_id: i64) -> Result<bool, StoreError> {
        Ok(load(&self.db, user_id).await?.totp_enabled_at.is_some())
    }

    /// Confirms an enrolment with a first code; returns the new recovery codes (shown once), or `None`
    /// when the code is wrong.
    pub async fn confirm_totp(
        &self,
        user_id: i64,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<String>>, StoreError> {
        let model = load(&self.db, user_id).await?;
        let Some(secret) = model.totp_secret.filter(|_| model.totp_enabled_at.is_none()) else { return Ok(None) };
        let Some(step) = totp::check(&secret, code, now).map_err(|e| bad_secret(&e))? else { return Ok(None) };
        let txn = self.begin_write().await?;
        let codes = activate(&txn, user_id, &secret, Some(step), now).await?;
        txn.commit().await?;
        Ok(Some(codes))
    }

    /// Turns the second factor on for an account an operator prepares (the demo data): a fresh secret,
    /// returned with the recovery codes for the operator to hand over. People enrol through
    /// [`Store::begin_totp_enrolment`] and [`Store::confirm_totp`] instead.
    pub async fn enable_totp(&self, user_id: i64, now: DateTime<Utc>) -> Result<(String, Vec<String>), StoreError> {
        let mut bytes = [0_u8; SECRET_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        let secret = totp::encode_secret(&bytes);
        let txn = self.begin_write().await?;
        let codes = activate(&txn, user_id, &secret, None, now).await?;
        txn.commit().await?;
        Ok((secret, codes))
    }

    /// Checks a code from the authenticator at sign-in. Each step's code works once.
    pub async fn check_totp(
        &self,
        user_id: i64,
        code: &str,
        limits: CodeLimits,
        now: DateTime<Utc>,
    ) -> Result<CodeCheck, StoreError> {
        let counted = Limit {
            scope: "code",
            key: key(&["code", &user_id.to_string()]),
            limit: limits.limit,
            window: limits.window,
        };
        let reserved = match self.reserve(&counted.key, std::slice::from_ref(&counted), now).await? {
            Ok(ids) => ids,
            Err(full) => return Ok(CodeCheck::Throttled(full.wait)),
        };
        let model = load(&self.db, user_id).await?;
        let Some(secret) = model.totp_secret.filter(|_| model.totp_enabled_at.is_some()) else {
            return Ok(CodeCheck::Refused);
        };
        let Some(step) = totp::check(&secret, code, now).map_err(|e| bad_secret(&e))? else {
            return Ok(CodeCheck::Refused);
        };
        let fresh = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(user_id))
            .filter(Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
            .exec(&self.db)
            .await?;
        if fresh.rows_affected != 1 {
            return Ok(CodeCheck::Refused);
        }
        self.release(&reserved).await?;
        Ok(CodeCheck::Accepted)
    }

    /// Signs in with a recovery code in place of a lost authenticator: the code is spent, the lost
    /// authenticator and the other codes stop working, and every session of the account ends. The person
    /// then sets up a new authenticator (required for managers and admins).
    pub async fn use_recovery_code(
        &self,
        user_id: i64,
        code: &str,
        limits: CodeLimits,
        now: DateTime<Utc>,
    ) -> Result<CodeCheck, StoreError> {
        let counted = Limit {
            scope: "code",
            key: key(&["code", &user_id.to_string()]),
            limit: limits.limit,
            window: limits.window,
        };
        let reserved = match self.reserve(&counted.key, std::slice::from_ref(&counted), now).await? {
            Ok(ids) => ids,
            Err(full) => return Ok(CodeCheck::Throttled(full.wait)),
        };
        let hash = sha256_hex(totp::normalise_recovery_code(code));
        let txn = self.begin_write().await?;
        let spent = recovery::Entity::update_many()
            .col_expr(recovery::Column::UsedAt, Expr::value(now))
            .filter(recovery::Column::UserId.eq(user_id))
            .filter(recovery::Column::CodeHash.eq(hash))
            .filter(recovery::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if spent.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(CodeCheck::Refused);
        }
        user::Entity::update_many()
            .col_expr(user::Column::TotpSecret, Expr::value(None::<String>))
            .col_expr(user::Column::TotpEnabledAt, Expr::value(None::<DateTime<Utc>>))
            .col_expr(user::Column::TotpLastStep, Expr::value(None::<i64>))
            .filter(user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
        recovery::Entity::delete_many()
            .filter(recovery::Column::UserId.eq(user_id))
            .filter(recovery::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        end_all_sessions(&txn, user_id).await?;
        audit(&txn, user_id, "recover_second_factor", now).await?;
        txn.commit().await?;
        self.release(&reserved).await?;
        tracing::warn!(user_id, "second factor reset with a recovery code");
        Ok(CodeCheck::Accepted)
    }

    /// How many unused recovery codes `user_id` has left.
    pub async fn recovery_codes_left(&self, user_id: i64) -> Result<u64, StoreError> {
        Ok(recovery::Entity::find()
            .filter(recovery::Column::UserId.eq(user_id))
            .filter(recovery::Column::UsedAt.is_null())
            .count(&self.db)
            .await?)
    }
}

/// Turns the second factor on with `secret` (the last step used, if a code proved it) and replaces the
/// recovery codes; returns the new codes.
async fn activate(
    db: &impl ConnectionTrait,
    user_id: i64,
    secret: &str,
    step: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<String>, StoreError> {
    user::Entity::update_many()
        .col_expr(user::Column::TotpSecret, Expr::value(secret.to_owned()))
        .col_expr(user::Column::TotpEnabledAt, Expr::value(now))
        .col_expr(user::Column::TotpLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    recovery::Entity::delete_many().filter(recovery::Column::UserId.eq(user_id)).exec(db).await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0_u8; 10];
        rand::rng().fill_bytes(&mut bytes);
        let code = totp::format_recovery_code(&bytes);
        let row = recovery::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(sha256_hex(totp::normalise_recovery_code(&code))),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        };
        recovery::Entity::insert(row).exec_without_returning(db).await?;
        codes.push(code);
    }
    audit(db, user_id, "enrol_second_factor", now).await?;
    Ok(codes)
}

async fn audit(db: &impl ConnectionTrait, user_id: i64, action: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    append(
        db,
        NewEvent {
            subject: Subject::User(user_id),
            action,
            from_state: "active",
            to_state: "active",
            actor_user_id: Some(user_id),
            actor_role: "user",
            reason: None,
            payload: &json!({}),
            occurred_at: now,
        },
    )
    .await?;
    Ok(())
}
