//! Browsers an account has fully signed in from. A known browser carries a random token in a long-lived
//! cookie; its guesses are counted apart from strangers', so nobody can lock a person out of the browser
//! they usually use. Only the token's SHA-256 is stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::auth::{random_token, sha256_hex};
use crate::{Store, StoreError};

mod device {
    use sea_orm::entity::prelude::*;

    /// A browser an account signed in from.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "known_devices")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub user_id: i64,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
        pub last_used_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl Store {
    /// The account a device token belongs to.
    pub async fn device_owner(&self, token: &str) -> Result<Option<i64>, StoreError> {
        if token.is_empty() || token.len() > 128 {
            return Ok(None);
        }
        let found =
            device::Entity::find().filter(device::Column::TokenHash.eq(sha256_hex(token))).one(&self.db).await?;
        Ok(found.map(|d| d.user_id))
    }

    /// Marks the browser presenting `current` (if it is already this account's) as used, or makes a new
    /// device token for `user_id`; returns the token the browser should keep.
    pub async fn remember_device(
        &self,
        user_id: i64,
        current: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        if let Some(token) = current
            && self.device_owner(token).await? == Some(user_id)
        {
            device::Entity::update_many()
                .col_expr(device::Column::LastUsedAt, Expr::value(now))
                .filter(device::Column::TokenHash.eq(sha256_hex(token)))
                .exec(&self.db)
                .await?;
            return Ok(token.to_owned());
        }
        let token = random_token();
        let row = device::ActiveModel {
            user_id: Set(user_id),
            token_hash: Set(sha256_hex(&token)),
            created_at: Set(now),
            last_used_at: Set(now),
            ..Default::default()
        };
        device::Entity::insert(row).exec_without_returning(&self.db).await?;
        Ok(token)
    }

    /// Forgets devices unused since `before`. The scheduler runs it.
    pub async fn purge_devices(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(device::Entity::delete_many()
            .filter(device::Column::LastUsedAt.lt(before))
            .exec(&self.db)
            .await?
            .rows_affected)
    }
}

/// Forgets every device of `user_id` (its account is going away).
pub(crate) async fn forget_devices(db: &impl ConnectionTrait, user_id: i64) -> Result<(), StoreError> {
    device::Entity::delete_many().filter(device::Column::UserId.eq(user_id)).exec(db).await?;
    Ok(())
}
