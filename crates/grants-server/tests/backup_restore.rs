//! `mmd-grants backup` then `mmd-grants restore` into an empty database and an empty storage: a
//! programme caught mid-evaluation comes back whole (applications, audit events, scorecards, emails,
//! files) and its evaluation goes on. SQLite with a local folder; PostgreSQL with an S3 bucket.

use std::path::Path;

use chrono::Utc;
use grants_domain::Language;
use grants_store::Store;
use grants_store::storage::BlobStore;
use grants_testkit::{Backend, EmptyDb, S3Server, Storage, TestDb, postgres_url, s3};
use grants_workflow::ApplicationState;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

/// Everything the programme holds, as comparable text: one line per row of each table that matters.
async fn census(store_url: &str) -> Vec<String> {
    let queries = [
        "SELECT id || ':' || state || ':' || version AS line FROM applications ORDER BY id",
        "SELECT id || ':' || subject_kind || ':' || subject_id || ':' || action AS line FROM workflow_events ORDER BY id",
        "SELECT id || ':' || evaluator_id || ':' || status || ':' || scores AS line FROM scorecards ORDER BY id",
        "SELECT id || ':' || recipient_email || ':' || template || ':' || status AS line FROM outbox ORDER BY id",
        "SELECT id || ':' || application_id || ':' || sha256 || ':' || storage_key AS line FROM attachments ORDER BY id",
    ];
    let db = sea_orm::Database::connect(store_url).await.unwrap();
    let mut lines = Vec::new();
    for sql in queries {
        for row in db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap() {
            lines.push(row.try_get::<String>("", "line").unwrap());
        }
    }
    db.close().await.ok();
    lines
}

fn run(args: &[&str], url: &str, storage: &[(&'static str, String)], dir: &Path) {
    let output = std::process::Command::new(BINARY)
        .args(args)
        .current_dir(dir)
        .env("GRANTS__DATABASE__URL", url)
        .envs(storage.iter().cloned())
        .output()
        .expect("running mmd-grants");
    assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
}

fn local_env(folder: &Path) -> Vec<(&'static str, String)> {
    vec![("GRANTS__STORAGE__BACKEND", "local".into()), ("GRANTS__STORAGE__LOCAL_DIR", folder.display().to_string())]
}

async fn round_trip(backend: Backend, storage: Storage) {
    let source = TestDb::create_with(backend, storage).await;
    grants_server::seed::run(&source.store, Utc::now()).await.unwrap();
    let before = census(&source.url).await;
    let files = before.iter().filter(|l| l.contains("attachments/")).count();
    assert!(files >= 10 && before.iter().any(|l| l.contains(":submitted:")), "a programme mid-evaluation");
    let source_env = match &source.s3 {
        Some(server) => server.lock().await.env(&source.s3_prefix),
        None => local_env(&source.folder.path().join("blobs")),
    };
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("backup");
    run(&["backup", "--to", &folder.display().to_string()], &source.url, &source_env, work.path());

    let target = EmptyDb::create(backend).await;
    let target_server = match storage {
        Storage::S3 => Some(S3Server::start().await.expect("an S3 server")),
        Storage::Local => None,
    };
    let (target_env, target_blobs) = if let Some(server) = &target_server {
        (server.env("restored"), BlobStore::open(&server.settings("restored")).unwrap())
    } else {
        let blobs = target.folder.path().join("blobs");
        (local_env(&blobs), BlobStore::local(&blobs).unwrap())
    };
    run(&["restore", "--from", &folder.display().to_string()], &target.url, &target_env, work.path());
    assert_eq!(census(&target.url).await, before, "every application, event, scorecard, email and file record");

    let restored = Store::connect(&target.url, 5).await.unwrap().with_blobs(target_blobs);
    let mut compared = 0;
    for (application_id, attachment_id) in attachment_ids(&source.url).await {
        let original = content(&source.store, application_id, attachment_id).await;
        assert_eq!(content(&restored, application_id, attachment_id).await, original, "checked and identical");
        compared += 1;
    }
    assert_eq!(compared, files, "every file was compared");

    let (application_id, card) = restored_half_scored(&target.url).await;
    let evaluator = restored.user_by_email("evaluator.two@example.org").await.unwrap().unwrap();
    restored.save_scorecard(application_id, evaluator.id, card, Utc::now()).await.unwrap();
    restored.submit_scorecard(application_id, evaluator.id, Language::EN, Utc::now()).await.unwrap();
    restored.complete_if_ready(application_id, Utc::now()).await.unwrap();
    assert_eq!(
        restored.application(application_id).await.unwrap().state,
        ApplicationState::Evaluated,
        "the evaluation goes on after the restore"
    );
    restored.close().await.ok();
    target.remove().await;
    source.remove().await;
}

async fn attachment_ids(url: &str) -> Vec<(i64, i64)> {
    let db = sea_orm::Database::connect(url).await.unwrap();
    let sql = "SELECT application_id, id FROM attachments ORDER BY id";
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    db.close().await.ok();
    rows.iter().map(|r| (r.try_get("", "application_id").unwrap(), r.try_get("", "id").unwrap())).collect()
}

/// A file's bytes as a download reads them (checked against its SHA-256).
async fn content(store: &Store, application_id: i64, attachment_id: i64) -> Vec<u8> {
    use futures::TryStreamExt;
    let (_, stream) = store.attachment_content(application_id, attachment_id).await.unwrap();
    let chunks: Vec<bytes::Bytes> = stream.try_collect().await.unwrap();
    chunks.concat()
}

/// The restored application with one submitted scorecard out of two, and that scorecard's content.
async fn restored_half_scored(url: &str) -> (i64, grants_domain::evaluation::Scorecard) {
    let db = sea_orm::Database::connect(url).await.unwrap();
    let sql = "SELECT application_id, scores, comments, overall_comment FROM scorecards s \
               WHERE status = 'submitted' AND application_id IN \
               (SELECT id FROM applications WHERE state = 'in_evaluation')";
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    let parse = |column: &str| serde_json::from_str::<Value>(&row.try_get::<String>("", column).unwrap()).unwrap();
    let card = json!({
        "scores": parse("scores"),
        "comments": parse("comments"),
        "overall_comment": row.try_get::<String>("", "overall_comment").unwrap(),
    });
    let id = row.try_get::<i64>("", "application_id").unwrap();
    db.close().await.ok();
    (id, serde_json::from_value(card).unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_programme_mid_evaluation_comes_back_on_sqlite() {
    round_trip(Backend::Sqlite, Storage::Local).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_programme_mid_evaluation_comes_back_on_postgres() {
    if postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return;
    }
    let storage = if s3::s3_server_binary().is_some() { Storage::S3 } else { Storage::Local };
    round_trip(Backend::Postgres, storage).await;
}
