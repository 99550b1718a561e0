//! Several server processes sharing one database: a passing deadline closes the call exactly once.

use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use grants_domain::Language;
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_store::calls::CallDesign;
use grants_store::events::Subject;
use grants_store::transition::ActionRequest;
use grants_testkit::{Backend, TestDb, postgres_url};
use grants_workflow::{Actor, CallAction, CallState};
use serde_json::Value;
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

fn server(db: &TestDb, dir: &std::path::Path) -> Child {
    Command::new(BINARY)
        .arg("serve")
        .current_dir(dir)
        .env("GRANTS__DATABASE__URL", &db.url)
        .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
        .env("GRANTS__SCHEDULER__INTERVAL_MS", "100")
        .env("GRANTS__LOG__LEVEL", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("starting a server process")
}

async fn closes_once_with_two_processes(backend: Backend) {
    let db = TestDb::create(backend).await;
    let store = db.store.clone();
    let manager = store
        .create_user(
            grants_store::users::NewUser {
                email: "manager@example.org".into(),
                display_name: "Manager".into(),
                language: Language::EN,
                roles: vec![grants_domain::Role::Manager],
                organisation_id: None,
                country: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let now = Utc::now();
    let rules = CallRules {
        reference: "MMD-CFP-2026-01".into(),
        title_en: "Call".into(),
        title_fr: "Appel".into(),
        description_en: "Description".into(),
        description_fr: "Description".into(),
        procedure: Procedure::Open,
        total_budget: "1000000".parse().unwrap(),
        min_grant: "50000".parse().unwrap(),
        max_grant: "250000".parse().unwrap(),
        opens_at: now - chrono::Duration::days(1),
        deadline_at: now + chrono::Duration::seconds(2),
        display_timezone: "Africa/Bamako".into(),
    };
    let design = CallDesign { rules, settings: CallSettings::defaults_for(store.programme()), lots: Vec::new() };
    let call = store.create_call(design, manager.id, now).await.unwrap();
    let publish = ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager.id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::EN,
    };
    store.apply_call_action(call.id, CallAction::Publish, publish).await.unwrap();

    let dir = tempfile::tempdir().unwrap();
    let mut first = server(&db, dir.path());
    let mut second = server(&db, dir.path());
    let wait_for_close = async {
        loop {
            if store.call(call.id).await.unwrap().state == CallState::Closed {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), wait_for_close)
        .await
        .expect("a server closes the call after its deadline");
    // Give the other process several more passes in which it could close the call again.
    tokio::time::sleep(Duration::from_millis(800)).await;
    for child in [&mut first, &mut second] {
        assert!(child.try_wait().unwrap().is_none(), "both servers are still running");
        child.kill().await.ok();
    }
    let closes =
        store.events(Subject::Call(call.id)).await.unwrap().into_iter().filter(|e| e.action == "close").count();
    db.remove().await;
    assert_eq!(closes, 1, "the call was closed exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_sqlite_close_the_call_once() {
    closes_once_with_two_processes(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_postgres_close_the_call_once() {
    if postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return;
    }
    closes_once_with_two_processes(Backend::Postgres).await;
}
