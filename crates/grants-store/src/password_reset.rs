//! Password reset by email. Asking says nothing of whether the address has an account; using a link
//! sets the new password, confirms the address (the link proved the mailbox), spends every other reset
//! link of the account and ends every session, so whoever knew the old password is out.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::account_mail::{AccountMail, send_capped, spend_tokens, token_owner};
use crate::accounts::AccountLimits;
use crate::auth::end_all_sessions;
use crate::entity::user;
use crate::passwords::{check_new_password, hash_password, write_password};
use crate::sign_in::normalise_email;
use crate::{Store, StoreError};

/// How long a password-reset link works.
pub const RESET_HOURS: i64 = 1;

impl Store {
    /// Queues a password-reset email when `email` belongs to an account (within the address's hourly
    /// share of emails); says nothing either way.
    pub async fn request_password_reset(
        &self,
        email: &str,
        limits: AccountLimits,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let email = normalise_email(email);
        let txn = self.begin_write().await?;
        let found = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&txn).await?;
        let Some(found) = found.filter(|u| u.deactivated_at.is_none()) else {
            return Ok(());
        };
        let mail = AccountMail {
            user_id: found.id,
            email: &found.email,
            language: found.language.parse().unwrap_or_default(),
            template: "password_reset",
            action: "request_password_reset",
            token: Some(("reset", Duration::hours(RESET_HOURS), "/password/reset")),
            extra: json!({ "recipient": { "name": found.display_name } }),
        };
        send_capped(&txn, self.backend(), mail, limits.emails_per_address_per_hour, now).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a new password with a reset token; the account's id when the token was valid. The password is
    /// checked before the token is spent, so a refused password leaves the link usable.
    pub async fn reset_password(
        &self,
        token: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let Some(found) = token_owner(&self.db, token, "reset", now).await? else { return Ok(None) };
        let owner = self.user(found.user_id).await?;
        check_new_password(password, &[&owner.email, &owner.display_name])?;
        let hash = hash_password(password)?;
        let txn = self.begin_write().await?;
        if !spend_tokens(&txn, found.user_id, "reset", found.id, now).await? {
            return Ok(None);
        }
        write_password(&txn, found.user_id, hash).await?;
        user::Entity::update_many()
            .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
            .filter(user::Column::Id.eq(found.user_id))
            .filter(user::Column::EmailVerifiedAt.is_null())
            .exec(&txn)
            .await?;
        let ended = end_all_sessions(&txn, found.user_id).await?;
        txn.commit().await?;
        tracing::info!(user_id = found.user_id, sessions_ended = ended, "password reset");
        Ok(Some(found.user_id))
    }
}
