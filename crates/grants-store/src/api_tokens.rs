//! API tokens for machine clients: random, stored as SHA-256, each with an expiry, listed and revocable
//! by their owner (and by admins). See decision 4.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect};

use crate::auth::sha256_hex;
use crate::entity::{api_token, user};
use crate::{Store, StoreError, User};

/// Prefix of every API token, so a leaked one is recognisable in logs and scanners.
pub const TOKEN_PREFIX: &str = "mmdg_";
/// Tokens issued before expiry dates existed expire this long after they were issued.
pub const LEGACY_LIFETIME_DAYS: i64 = 365;
/// The longest lifetime a token may be given.
pub const MAX_LIFETIME_DAYS: i64 = 3 * 365;

/// A token as its owner sees it (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Its id, to revoke it by.
    pub id: i64,
    /// Whose it is.
    pub user_id: i64,
    /// What it is for, as its owner wrote.
    pub label: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it last authenticated a request (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiToken {
    /// Whether it still authenticates at `now`.
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at > now
    }
}

fn record(model: api_token::Model) -> ApiToken {
    ApiToken {
        id: model.id,
        user_id: model.user_id,
        expires_at: model.expires_at.unwrap_or(model.created_at + Duration::days(LEGACY_LIFETIME_DAYS)),
        label: model.label,
        created_at: model.created_at,
        last_used_at: model.last_used_at,
        revoked_at: model.revoked_at,
    }
}

impl Store {
    /// Issues a new API token for `user_id` that works until `expires_at`. The token is returned once;
    /// only its hash is kept.
    pub async fn issue_token(
        &self,
        user_id: i64,
        label: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(String, ApiToken), StoreError> {
        let mut secret = [0_u8; 32];
        rand::rng().fill_bytes(&mut secret);
        let token = format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(secret));
        let row = api_token::ActiveModel {
            user_id: Set(user_id),
            token_hash: Set(sha256_hex(&token)),
            label: Set(label.chars().filter(|c| !c.is_control()).take(200).collect()),
            created_at: Set(now),
            revoked_at: Set(None),
            expires_at: Set(Some(expires_at)),
            last_used_at: Set(None),
            ..Default::default()
        };
        let model = api_token::Entity::insert(row).exec_with_returning(&self.db).await?;
        Ok((token, record(model)))
    }

    /// The user a bearer token belongs to, unless it is unknown, revoked or expired at `now`, or its owner
    /// was deactivated.
    pub async fn authenticate_token(&self, token: &str, now: DateTime<Utc>) -> Result<Option<User>, StoreError> {
        if !token.starts_with(TOKEN_PREFIX) || token.len() > 128 {
            return Ok(None);
        }
        // The token and its owner in one query: every API call starts here.
        let owner_of_token =
            api_token::Entity::belongs_to(user::Entity).from(api_token::Column::UserId).to(user::Column::Id).into();
        let found = api_token::Entity::find()
            .join(JoinType::InnerJoin, owner_of_token)
            .select_also(user::Entity)
            .filter(api_token::Column::TokenHash.eq(sha256_hex(token)))
            .filter(api_token::Column::RevokedAt.is_null())
            .one(&self.db)
            .await?;
        let Some((model, Some(owner))) = found else { return Ok(None) };
        let stale = model.last_used_at.is_none_or(|at| now - at > Duration::minutes(1));
        let token = record(model);
        if !token.is_active(now) {
            return Ok(None);
        }
        if stale {
            api_token::Entity::update_many()
                .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
                .filter(api_token::Column::Id.eq(token.id))
                .exec(&self.db)
                .await?;
        }
        let owner = crate::users::load_user(&self.db, owner).await?;
        Ok(owner.is_active().then_some(owner))
    }

    /// The tokens of `user_id`, newest first, revoked and expired ones included.
    pub async fn api_tokens(&self, user_id: i64) -> Result<Vec<ApiToken>, StoreError> {
        let rows = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .order_by_desc(api_token::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(record).collect())
    }

    /// One token by id.
    pub async fn api_token(&self, id: i64) -> Result<ApiToken, StoreError> {
        api_token::Entity::find_by_id(id).one(&self.db).await?.map(record).ok_or(StoreError::NotFound("token"))
    }

    /// Revokes a token; it stops working at once. Revoking a revoked token changes nothing.
    pub async fn revoke_token(&self, id: i64, now: DateTime<Utc>) -> Result<ApiToken, StoreError> {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::RevokedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(id))
            .filter(api_token::Column::RevokedAt.is_null())
            .exec(&self.db)
            .await?;
        self.api_token(id).await
    }
}
