//! Sliding-window counters kept in the database, so every instance sharing it sees the same counts: how
//! many sign-in guesses an account took from one client, from strangers, from a known browser, how many
//! second-factor codes were tried. Keys are stored as SHA-256, never as the email or address itself.
//!
//! A mark is reserved before the work it limits (checking a password) and given back when the work
//! succeeds, so concurrent attempts can never exceed a limit: the check and the reservation are one
//! transaction, serialised per key (PostgreSQL advisory lock, SQLite's write lock).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Statement,
};
use sha2::{Digest, Sha256};

use crate::{Backend, Store, StoreError};

mod mark {
    use sea_orm::entity::prelude::*;

    /// One counted event under a throttle key.
    #[sea_orm::compact_model]
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "throttle_marks")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i64,
        pub scope: String,
        pub key_hash: String,
        pub marked_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// One limit: at most `limit` marks within `window` under a key of `scope`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    /// What is counted, e.g. `client` (guesses per account and client address).
    pub scope: &'static str,
    /// The SHA-256 of what is counted against (see [`key`]).
    pub key: String,
    /// How many marks the window holds.
    pub limit: u32,
    /// How far back marks count.
    pub window: Duration,
}

/// Why a reservation was refused: how long until every limit has room, and which were full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Full {
    /// How long until every limit asked for has room again.
    pub wait: Duration,
    /// The scopes that were full.
    pub scopes: Vec<&'static str>,
}

/// The stored form of a throttle key made of `parts` (an email, a client address…).
pub fn key(parts: &[&str]) -> String {
    use std::fmt::Write as _;
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher.finalize().iter().fold(String::with_capacity(64), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Takes the write lock that serialises the check-and-reserve of `lock_key` across instances.
pub(crate) async fn lock(txn: &DatabaseTransaction, backend: Backend, lock_key: &str) -> Result<(), StoreError> {
    if backend == Backend::Postgres {
        let digest = Sha256::digest(lock_key.as_bytes());
        let mut first = [0_u8; 8];
        first.copy_from_slice(&digest[..8]);
        let id = i64::from_be_bytes(first);
        txn.execute_raw(Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// How long until `limit` has room again at `now`; `None` when it has room now.
pub(crate) async fn wait_for(
    db: &impl ConnectionTrait,
    limit: &Limit,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, StoreError> {
    let since = now - limit.window;
    let query = mark::Entity::find()
        .filter(mark::Column::Scope.eq(limit.scope))
        .filter(mark::Column::KeyHash.eq(limit.key.as_str()))
        .filter(mark::Column::MarkedAt.gt(since));
    let count = query.clone().count(db).await?;
    if count < u64::from(limit.limit) {
        return Ok(None);
    }
    let skip = count - u64::from(limit.limit);
    let oldest = query.order_by_asc(mark::Column::MarkedAt).paginate(db, 1).fetch_page(skip).await?;
    let frees_at = oldest.first().map_or(now + limit.window, |m| m.marked_at + limit.window);
    Ok(Some((frees_at - now).max(Duration::seconds(1))))
}

/// Records one mark under `limit`'s key; returns its id.
pub(crate) async fn mark(db: &impl ConnectionTrait, limit: &Limit, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let row = mark::ActiveModel {
        scope: Set(limit.scope.to_owned()),
        key_hash: Set(limit.key.clone()),
        marked_at: Set(now),
        ..Default::default()
    };
    Ok(mark::Entity::insert(row).exec_with_returning(db).await?.id)
}

impl Store {
    /// Reserves one mark under each of `limits` when every one has room; otherwise reserves nothing and
    /// says how long until they all have room again, and which scopes are full.
    pub(crate) async fn reserve(
        &self,
        lock_key: &str,
        limits: &[Limit],
        now: DateTime<Utc>,
    ) -> Result<Result<Vec<i64>, Full>, StoreError> {
        let txn = self.begin_write().await?;
        lock(&txn, self.backend(), lock_key).await?;
        let mut full = Full { wait: Duration::zero(), scopes: Vec::new() };
        for limit in limits {
            if let Some(wait) = wait_for(&txn, limit, now).await? {
                full.wait = full.wait.max(wait);
                full.scopes.push(limit.scope);
            }
        }
        if !full.scopes.is_empty() {
            txn.rollback().await?;
            return Ok(Err(full));
        }
        let mut ids = Vec::with_capacity(limits.len());
        for limit in limits {
            ids.push(mark(&txn, limit, now).await?);
        }
        txn.commit().await?;
        Ok(Ok(ids))
    }

    /// Gives reserved marks back (the attempt they were reserved for succeeded).
    pub(crate) async fn release(&self, ids: &[i64]) -> Result<(), StoreError> {
        if !ids.is_empty() {
            mark::Entity::delete_many().filter(mark::Column::Id.is_in(ids.iter().copied())).exec(&self.db).await?;
        }
        Ok(())
    }

    /// Forgets every mark of a key (a client that signed in successfully starts afresh).
    pub(crate) async fn clear_marks(&self, scope: &str, key_hash: &str) -> Result<(), StoreError> {
        mark::Entity::delete_many()
            .filter(mark::Column::Scope.eq(scope))
            .filter(mark::Column::KeyHash.eq(key_hash))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Deletes marks older than `before`: they no longer count in any window. The scheduler runs it.
    pub async fn purge_throttle_marks(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(mark::Entity::delete_many().filter(mark::Column::MarkedAt.lt(before)).exec(&self.db).await?.rows_affected)
    }
}
