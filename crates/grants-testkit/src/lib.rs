//! The test harness: every test gets a fresh database (an SQLite file in a temporary folder, or a
//! uniquely named PostgreSQL database dropped afterwards), the real migrations, and the real app
//! listening on a random port.
//!
//! [`db_test!`] turns one test body into a SQLite test and a PostgreSQL test. The PostgreSQL one runs
//! when `GRANTS_TEST_POSTGRES_URL` names a server (CI always sets it, and then an unreachable server
//! fails the test rather than skipping it).

mod app;
mod authenticator;
mod browser;
mod database;
pub mod outbox_fill;
pub mod s3;
pub mod smtp;

pub use app::{TEST_BODY_LIMIT, TestApp, TestUser};
pub use authenticator::{Authenticator, Authenticators};
pub use browser::Browser;
pub use database::{EmptyDb, POSTGRES_ENV, Storage, TestDb, postgres_url};
pub use grants_store::Backend;
pub use s3::S3Server;
pub use smtp::{Received, SmtpSink};

use std::future::Future;

/// Set by CI: the PostgreSQL variants must run, never be passed over.
pub const REQUIRE_POSTGRES_ENV: &str = "GRANTS_REQUIRE_POSTGRES";

/// Runs `test` against a fresh app on `backend`, then removes the database, also when the test panics.
pub async fn run_test<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    run_test_with(backend, Storage::Local, test).await;
}

/// Like [`run_test`], with the app's files in `storage`. The S3 variant runs when
/// `GRANTS_TEST_S3_SERVER` names an `s3s-fs` binary (CI installs one and requires it).
pub async fn run_test_with<F, Fut>(backend: Backend, storage: Storage, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if storage == Storage::S3 && s3::s3_server_binary().is_none() {
        eprintln!("S3 variant not run: set {} to an s3s-fs binary to run it (CI does)", s3::S3_SERVER_ENV);
        return;
    }
    if !postgres_reachable(backend) {
        return;
    }
    run_on(TestApp::spawn_with(backend, storage).await, test).await;
}

/// Like [`run_test`], on an app serving `programme` rather than the built-in MMD profile.
pub async fn run_test_for_programme<F, Fut>(backend: Backend, programme: grants_domain::programme::Programme, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if postgres_reachable(backend) {
        run_on(TestApp::spawn_for_programme(backend, programme).await, test).await;
    }
}

/// Whether a test on `backend` can run: false (said on stderr) for PostgreSQL without its URL, and a
/// failure when CI requires PostgreSQL.
fn postgres_reachable(backend: Backend) -> bool {
    if backend == Backend::Postgres && postgres_url().is_none() {
        assert!(
            std::env::var_os(REQUIRE_POSTGRES_ENV).is_none(),
            "{REQUIRE_POSTGRES_ENV} is set but {POSTGRES_ENV} is not"
        );
        eprintln!("PostgreSQL variant not run: set {POSTGRES_ENV} to run it (CI does)");
        return false;
    }
    true
}

async fn run_on<F, Fut>(app: TestApp, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let database = app.database_handle();
    let outcome = tokio::spawn(test(app)).await;
    database.remove().await;
    if let Err(failure) = outcome {
        match failure.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(err) => panic!("test task failed: {err}"),
        }
    }
}

/// Declares a test that runs once on SQLite and once on PostgreSQL:
///
/// ```text
/// db_test!(async fn manager_publishes(app: TestApp) { /* … */ });
/// ```
#[macro_export]
macro_rules! db_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident : $app_type:ty) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($app: $app_type) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                $crate::run_test($crate::Backend::Sqlite, body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                $crate::run_test($crate::Backend::Postgres, body).await;
            }
        }
    };
}

/// Declares a test of stored files that runs on both engines with files in a local folder and in
/// an S3 bucket: `sqlite_local`, `sqlite_s3`, `postgres_local`, `postgres_s3`.
#[macro_export]
macro_rules! storage_test {
    ($(#[$meta:meta])* async fn $name:ident($app:ident : $app_type:ty) $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn body($app: $app_type) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite_local() {
                $crate::run_test_with($crate::Backend::Sqlite, $crate::Storage::Local, body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite_s3() {
                $crate::run_test_with($crate::Backend::Sqlite, $crate::Storage::S3, body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres_local() {
                $crate::run_test_with($crate::Backend::Postgres, $crate::Storage::Local, body).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres_s3() {
                $crate::run_test_with($crate::Backend::Postgres, $crate::Storage::S3, body).await;
            }
        }
    };
}
