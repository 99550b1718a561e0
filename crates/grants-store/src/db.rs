//! Connecting, migrating and checking readiness.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use grants_domain::programme::Programme;
use grants_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

use crate::StoreError;
use crate::storage::{BlobStore, StorageError};

/// Which database engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default.
    Sqlite,
    /// Production, shared by several app instances.
    Postgres,
}

/// The handle every repository works through. Cheap to clone (a connection pool).
#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) db: DatabaseConnection,
    pub(crate) programme: Arc<Programme>,
    pub(crate) blobs: Option<BlobStore>,
    /// How many SQL statements this store (and its clones) has run, when counting was asked for.
    pub(crate) statements: Option<Arc<AtomicU64>>,
}

/// An arbitrary constant identifying the migration lock among PostgreSQL advisory locks.
const MIGRATION_LOCK_KEY: i64 = 0x4d4d_4447_7261_6e74;

impl Store {
    /// Opens a pool on `url`. SQLite files get WAL mode, a busy timeout and foreign keys, and their
    /// folder is created when missing so the embedded default works on a fresh machine.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Store, StoreError> {
        if let Some(parent) = sqlite_file(url).and_then(|p| Path::new(p).parent()).filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Database(sea_orm::DbErr::Custom(format!("cannot create {}: {e}", parent.display())))
            })?;
        }
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false)
            .map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
            });
        let db = Database::connect(options).await?;
        Ok(Store { db, programme: Arc::new(grants_domain::programme::mmd()), blobs: None, statements: None })
    }

    /// Uses `programme` (loaded from `config/programmes/`) for new calls and their checks instead of
    /// the built-in MMD profile.
    #[must_use]
    pub fn with_programme(mut self, programme: Arc<Programme>) -> Store {
        self.programme = programme;
        self
    }

    /// Keeps file bytes (attachments and every other blob) in `blobs`. A store without one refuses
    /// blob operations; `serve` always configures one (a local folder by default).
    #[must_use]
    pub fn with_blobs(mut self, blobs: BlobStore) -> Store {
        self.blobs = Some(blobs);
        self
    }

    /// Counts every SQL statement run through this store from now on, in this handle and the clones made
    /// after this call (tests use it to check that a read costs the same number of queries whatever the
    /// number of rows). Counting is an atomic increment per statement.
    #[must_use]
    pub fn counting_statements(mut self) -> Store {
        let counter = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&counter);
        self.db.set_metric_callback(move |_: &sea_orm::metric::Info<'_>| {
            seen.fetch_add(1, Ordering::Relaxed);
        });
        self.statements = Some(counter);
        self
    }

    /// Hands every SQL statement run through this store (and the clones made after this call) to `watch`,
    /// with how long the database took over it, in place of counting: the programme-scale benchmark
    /// (`bench/scale`) replays the statements a request ran as its baseline.
    #[must_use]
    pub fn watching_statements(mut self, watch: impl Fn(&sea_orm::metric::Info<'_>) + Send + Sync + 'static) -> Store {
        self.db.set_metric_callback(watch);
        self.statements = None;
        self
    }

    /// The SQL statements run so far, when [`Store::counting_statements`] was called; `None` otherwise.
    pub fn statements_run(&self) -> Option<u64> {
        self.statements.as_ref().map(|c| c.load(Ordering::Relaxed))
    }

    /// The blob storage in use.
    pub fn blobs(&self) -> Result<&BlobStore, StorageError> {
        self.blobs.as_ref().ok_or_else(|| StorageError::Settings("no blob storage is configured".into()))
    }

    /// The programme profile in force.
    pub fn programme(&self) -> &Programme {
        &self.programme
    }

    /// Which engine this store talks to.
    pub fn backend(&self) -> Backend {
        match self.db.get_database_backend() {
            DbBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// Applies pending migrations. On PostgreSQL, instances starting together take turns through an
    /// advisory lock, so each migration runs once.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        if self.backend() == Backend::Postgres {
            let txn = self.db.begin().await?;
            txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")).await?;
            Migrator::up(&txn, None).await?;
            txn.commit().await?;
        } else {
            Migrator::up(&self.db, None).await?;
        }
        Ok(())
    }

    /// Ready means: the database answers and no migration is pending.
    pub async fn readiness(&self) -> Result<(), String> {
        self.db.ping().await.map_err(|e| format!("database unreachable: {e}"))?;
        let pending = Migrator::get_pending_migrations_read_only(&self.db)
            .await
            .map_err(|e| format!("cannot read migration state: {e}"))?;
        if pending.is_empty() { Ok(()) } else { Err(format!("{} migration(s) pending", pending.len())) }
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so concurrent writers wait their turn instead of failing on lock upgrade.
    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(self) -> Result<(), StoreError> {
        Ok(self.db.close().await?)
    }
}

/// The file path of an SQLite URL, when it names a file.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then_some(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sqlite_file_is_found_in_urls() {
        assert_eq!(super::sqlite_file("sqlite://data/grants.db?mode=rwc"), Some("data/grants.db"));
        assert_eq!(super::sqlite_file("sqlite::memory:"), None);
        assert_eq!(super::sqlite_file("postgres://localhost/test"), None);
    }
}
