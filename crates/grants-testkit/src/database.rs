//! One fresh database per test.

use grants_store::storage::LocalDisk;
use grants_store::{Backend, Store};
use sea_orm::{ConnectionTrait, Database};

/// The environment variable naming a PostgreSQL server for the PostgreSQL variants, e.g.
/// `postgres://postgres@127.0.0.1:5432/test`. Test databases are created next to the one it names.
pub const POSTGRES_ENV: &str = "GRANTS_TEST_POSTGRES_URL";

/// The PostgreSQL server to test against, if one is configured.
pub fn postgres_url() -> Option<String> {
    std::env::var(POSTGRES_ENV).ok().filter(|v| !v.trim().is_empty())
}

/// A migrated database that exists for one test.
pub struct TestDb {
    /// The store on it.
    pub store: Store,
    /// Its URL, for processes started by the test.
    pub url: String,
    /// Holds the attachment files (and the SQLite file) of this test.
    pub folder: std::sync::Arc<tempfile::TempDir>,
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
        let store = Store::connect(&url, 10)
            .await
            .expect("connecting to the test database")
            .with_blobs(std::sync::Arc::new(LocalDisk::new(folder.path().join("attachments"))));
        store.migrate().await.expect("running the migrations on the test database");
        TestDb { store, url, folder, place }
    }

    /// Closes the pool and removes the database (for tests that manage a database themselves).
    pub async fn remove(self) {
        self.handle().remove().await;
    }

    pub(crate) fn handle(&self) -> DatabaseHandle {
        DatabaseHandle { store: self.store.clone(), place: self.place.clone() }
    }
}

/// What is needed to remove a test database once its test is over.
pub(crate) struct DatabaseHandle {
    store: Store,
    place: Place,
}

impl DatabaseHandle {
    /// Closes the pool and removes the database.
    pub async fn remove(self) {
        self.store.close().await.ok();
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
