//! Web sessions, kept in the database under the SHA-256 of their token so any instance serves any request.
//!
//! A session is `full` once the person has passed every step of signing in, or `password` while the
//! second factor (or its enrolment) is still owed: such a session opens nothing but the second-factor
//! pages, and lives a few minutes only.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QuerySelect};

use crate::entity::user;
use crate::{Store, StoreError, User};

pub use crate::sign_in::{LoginFailure, SecondFactor, SignInAttempt, SignInLimits, SignInOutcome};

/// How long a half-open session (password given, second factor owed) lasts.
pub const PENDING_MINUTES: i64 = 10;
/// The stage of a session that has passed every step.
pub(crate) const FULL: &str = "full";
/// The stage of a session whose second factor (or its enrolment) is still owed.
pub(crate) const PASSWORD_ONLY: &str = "password";

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

pub(crate) mod session {
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
        pub stage: String,
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

pub(crate) use crate::digest::sha256_hex;

/// Ends every session of `user_id` (a password reset, a lost second factor).
pub(crate) async fn end_all_sessions(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, StoreError> {
    Ok(session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?.rows_affected)
}

impl Store {
    /// Opens a full session for `user_id` lasting at most `lifetime`.
    pub async fn create_session(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        lifetime: Duration,
    ) -> Result<NewSession, StoreError> {
        self.open_session(user_id, now, lifetime, FULL).await
    }

    /// Opens a half-open session for `user_id`: the password was right, the second factor is owed.
    pub async fn create_pending_session(&self, user_id: i64, now: DateTime<Utc>) -> Result<NewSession, StoreError> {
        self.open_session(user_id, now, Duration::minutes(PENDING_MINUTES), PASSWORD_ONLY).await
    }

    async fn open_session(
        &self,
        user_id: i64,
        now: DateTime<Utc>,
        lifetime: Duration,
        stage: &str,
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
            stage: Set(stage.to_owned()),
            ..Default::default()
        };
        session::Entity::insert(row).exec_without_returning(&self.db).await?;
        Ok(NewSession { token, csrf })
    }

    /// The full session of `token`, unless it expired (absolute lifetime) or sat idle longer than `idle`.
    pub async fn session(
        &self,
        token: &str,
        now: DateTime<Utc>,
        idle: Duration,
    ) -> Result<Option<SessionUser>, StoreError> {
        self.live_session(token, now, idle, FULL).await
    }

    /// The half-open session of `token` (second factor owed), unless it expired.
    pub async fn pending_session(&self, token: &str, now: DateTime<Utc>) -> Result<Option<SessionUser>, StoreError> {
        self.live_session(token, now, Duration::minutes(PENDING_MINUTES), PASSWORD_ONLY).await
    }

    async fn live_session(
        &self,
        token: &str,
        now: DateTime<Utc>,
        idle: Duration,
        stage: &str,
    ) -> Result<Option<SessionUser>, StoreError> {
        // The session and its user in one query: every signed-in page starts here.
        let user_of_session =
            session::Entity::belongs_to(user::Entity).from(session::Column::UserId).to(user::Column::Id).into();
        let found = session::Entity::find()
            .join(JoinType::InnerJoin, user_of_session)
            .select_also(user::Entity)
            .filter(session::Column::TokenHash.eq(sha256_hex(token)))
            .one(&self.db)
            .await?;
        let Some((model, Some(owner))) = found else { return Ok(None) };
        if model.expires_at <= now || model.last_seen_at + idle <= now {
            session::Entity::delete_by_id(model.id).exec(&self.db).await?;
            return Ok(None);
        }
        if model.stage != stage {
            return Ok(None);
        }
        if now - model.last_seen_at > Duration::minutes(1) {
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, Expr::value(now))
                .filter(session::Column::Id.eq(model.id))
                .exec(&self.db)
                .await?;
        }
        let user = crate::users::load_user(&self.db, owner).await?;
        if !user.is_active() {
            session::Entity::delete_by_id(model.id).exec(&self.db).await?;
            return Ok(None);
        }
        Ok(Some(SessionUser { user, csrf: model.csrf_token }))
    }

    /// Ends the session of `token`.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        session::Entity::delete_many().filter(session::Column::TokenHash.eq(sha256_hex(token))).exec(&self.db).await?;
        Ok(())
    }

    /// How many sessions `user_id` has open (full or half-open): lets tests and admins see a reset ended
    /// them all.
    pub async fn open_sessions(&self, user_id: i64, now: DateTime<Utc>) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(session::Entity::find()
            .filter(session::Column::UserId.eq(user_id))
            .filter(session::Column::ExpiresAt.gt(now))
            .count(&self.db)
            .await?)
    }
}
