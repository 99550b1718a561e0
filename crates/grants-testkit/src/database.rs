//! One fresh database per test.

use std::sync::Arc;

use grants_store::storage::BlobStore;
use grants_store::{Backend, Store};
use tokio::sync::Mutex;

use crate::s3::S3Server;
use sea_orm::{ConnectionTrait, Database};

/// The environment variable naming a PostgreSQL server for the PostgreSQL variants, e.g.
/// `postgres://postgres@127.0.0.1:5432/test`. Test databases are created next to the one it names.
pub const POSTGRES_ENV: &str = "GRANTS_TEST_POSTGRES_URL";

/// The PostgreSQL server to test against, if one is configured.
pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|v| !v.trim().is_empty())
}

/// Where a test's files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// A folder (`<folder>/blobs`), as the embedded default.
    Local,
    /// A bucket on an S3-compatible server started for the test.
    S3,
}

/// A migrated database that exists for one test.
pub struct TestDb {
    /// The store on it.
    pub store: Store,
    /// Its URL, for processes started by the test.
    pub url: String,
    /// Holds the local blob folder (and the SQLite file) of this test.
    pub folder: std::sync::Arc<tempfile::TempDir>,
    /// The S3 server of this test, when its files go to S3 (stop it to simulate an outage).
    pub s3: Option<Arc<Mutex<S3Server>>>,
    /// The folder inside the bucket this test's files go to (for processes started by the test).
    pub s3_prefix: String,
    place: Place,
}

/// Where the database lives, to remove it afterwards.
#[derive(Clone)]
pub(crate) enum Place {
    Sqlite(std::sync::Arc<tempfile::TempDir>),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// Creates and migrates a database on `backend`. Panics (failing the test) when PostgreSQL is
    /// configured but unreachable.
    pub async fn create(backend: Backend) -> TestDb {
        TestDb::create_with(backend, Storage::Local).await
    }

    /// Like [`TestDb::create`], with files in `storage`. Panics when S3 is asked for but no server
    /// binary is configured (callers check [`crate::s3::s3_server_binary`] first).
    pub async fn create_with(backend: Backend, storage: Storage) -> TestDb {
        let EmptyDb { url, folder, place } = EmptyDb::create(backend).await;
        let s3_prefix = format!("test-{}", uuid::Uuid::new_v4().simple());
        let (blobs, s3) = match storage {
            Storage::Local => (BlobStore::local(folder.path().join("blobs")).expect("a local blob folder"), None),
            Storage::S3 => {
                let server = S3Server::start().await.expect("an S3 server binary is configured");
                let blobs = BlobStore::open(&server.settings(&s3_prefix)).expect("S3 blob settings");
                (blobs, Some(Arc::new(Mutex::new(server))))
            }
        };
        let store = Store::connect(&url, 10)
            .await
            .expect("connecting to the test database")
            .with_blobs(blobs)
            .counting_statements();
        store.migrate().await.expect("running the migrations on the test database");
        TestDb { store, url, folder, s3, s3_prefix, place }
    }

    /// Closes the pool and removes the database (for tests that manage a database themselves).
    pub async fn remove(self) {
        self.handle().remove().await;
    }

    pub(crate) fn handle(&self) -> DatabaseHandle {
        DatabaseHandle { store: Some(self.store.clone()), place: self.place.clone() }
    }
}

/// A database with nothing in it, not even the migrations (a backup is restored into one).
pub struct EmptyDb {
    /// Its URL.
    pub url: String,
    /// A temporary folder that lives as long as the database (the SQLite file goes there).
    pub folder: Arc<tempfile::TempDir>,
    place: Place,
}

impl EmptyDb {
    /// Creates it on `backend` (on SQLite: names a file that does not exist yet).
    pub async fn create(backend: Backend) -> EmptyDb {
        let folder = std::sync::Arc::new(tempfile::tempdir().expect("a temporary folder for the test"));
        let (url, place) = match backend {
            Backend::Sqlite => {
                let url = format!("sqlite://{}?mode=rwc", folder.path().join("grants.db").display());
                (url, Place::Sqlite(folder.clone()))
            }
            Backend::Postgres => {
                let admin_url = postgres_url().expect("GRANTS_TEST_POSTGRES_URL is set");
                let name = format!("grants_test_{}", uuid::Uuid::new_v4().simple());
                let admin = Database::connect(&admin_url)
                    .await
                    .unwrap_or_else(|e| panic!("PostgreSQL at {POSTGRES_ENV} is unreachable: {e}"));
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                    .await
                    .expect("creating the test database");
                admin.close().await.ok();
                let mut url = url::Url::parse(&admin_url).expect("GRANTS_TEST_POSTGRES_URL is a URL");
                url.set_path(&name);
                (url.to_string(), Place::Postgres { admin_url, name })
            }
        };
        EmptyDb { url, folder, place }
    }

    /// Removes the database.
    pub async fn remove(self) {
        DatabaseHandle { store: None, place: self.place }.remove().await;
    }
}

/// What is needed to remove a test database once its test is over.
pub(crate) struct DatabaseHandle {
    store: Option<Store>,
    place: Place,
}

impl DatabaseHandle {
    /// Closes the pool and removes the database.
    pub async fn remove(self) {
        if let Some(store) = self.store {
            store.close().await.ok();
        }
        match self.place {
            Place::Sqlite(folder) => drop(folder),
            Place::Postgres { admin_url, name } => {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                    admin.close().await.ok();
                }
            }
        }
    }
}
