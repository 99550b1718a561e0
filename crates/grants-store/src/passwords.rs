//! Password hashes (argon2id) and the checks a new password passes before it is kept.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use grants_domain::password::{self, PasswordProblem};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entity::user;
use crate::{Store, StoreError};

/// A hash of a password nobody has, verified against unknown emails so both answers take as long.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$3mrGNB/cfqAzmaq6VmVO4SCV6Nd3Yrlhk5ipsBEZK3I";

/// Refuses a new password that is too short, too long or too easy to guess; `hints` are what others know
/// of the person (email, name, organisation).
pub fn check_new_password(password: &str, hints: &[&str]) -> Result<(), StoreError> {
    password::check(password, hints).map_err(StoreError::WeakPassword)
}

/// The argon2id hash of `password` with a fresh salt.
pub(crate) fn hash_password(password: &str) -> Result<String, StoreError> {
    let length = password.chars().count();
    if length < password::MIN_LENGTH {
        return Err(StoreError::WeakPassword(PasswordProblem::TooShort));
    }
    if length > password::MAX_LENGTH {
        return Err(StoreError::WeakPassword(PasswordProblem::TooLong));
    }
    let mut salt_bytes = [0_u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("salt failed: {e}"))))?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| StoreError::Database(sea_orm::DbErr::Custom(format!("hashing failed: {e}"))))?
        .to_string())
}

/// Whether `password` matches `stored`; with no stored hash a decoy is verified, so an unknown account
/// or one without a password answers in the same time as a wrong password.
pub(crate) fn verify_password(password: &str, stored: Option<&str>) -> bool {
    let Some(hash) = stored.and_then(|s| PasswordHash::new(s).ok()) else {
        if let Ok(decoy) = PasswordHash::new(DECOY) {
            let _ = Argon2::default().verify_password(password.as_bytes(), &decoy);
        }
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &hash).is_ok()
}

pub(crate) async fn write_password(db: &impl ConnectionTrait, user_id: i64, hash: String) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

impl Store {
    /// Sets a user's password (argon2id). Operators and the demo use it as is; people choosing their own
    /// password go through [`check_new_password`] first (sign-up, reset).
    pub async fn set_password(&self, user_id: i64, password: &str) -> Result<(), StoreError> {
        let hash = hash_password(password)?;
        write_password(&self.db, user_id, hash).await
    }
}
