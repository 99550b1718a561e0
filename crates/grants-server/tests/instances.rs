//! Two `mmd-grants serve` processes on one PostgreSQL database and one S3 bucket, as production
//! runs: a file uploaded through one downloads byte-identical through the other, and with both
//! schedulers and both mail workers running, every timed transition and every email happens once.

use std::collections::HashSet;
use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, Role};
use grants_store::calls::CallDesign;
use grants_store::events::Subject;
use grants_store::transition::ActionRequest;
use grants_testkit::{Backend, SmtpSink, Storage, TestDb, postgres_url, s3};
use grants_workflow::{Actor, ApplicationState, CallAction, CallState};
use reqwest::multipart::{Form, Part};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

/// Starts `serve` on a free port and returns it with its address, read from its "serving" log line.
async fn server(db: &TestDb, smtp: &SmtpSink, dir: &std::path::Path) -> (Child, String) {
    let server = db.s3.as_ref().expect("files in S3").lock().await;
    let mut child = Command::new(BINARY)
        .arg("serve")
        .current_dir(dir)
        .env("GRANTS__DATABASE__URL", &db.url)
        .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
        .env("GRANTS__SCHEDULER__INTERVAL_MS", "100")
        .env("GRANTS__MAIL__TRANSPORT", "smtp")
        .env("GRANTS__MAIL__SMTP_HOST", "127.0.0.1")
        .env("GRANTS__MAIL__SMTP_PORT", smtp.port.to_string())
        .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
        .env("GRANTS__LOG__FORMAT", "json")
        .env("GRANTS__LOG__LEVEL", "info")
        .envs(server.env(&db.s3_prefix))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("starting a server process");
    let mut lines = BufReader::new(child.stdout.take().expect("its output")).lines();
    let address = tokio::time::timeout(Duration::from_secs(45), async {
        while let Ok(Some(line)) = lines.next_line().await {
            let entry: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
            if entry["message"] == "serving" {
                return entry["address"].as_str().map(|a| format!("http://{a}"));
            }
        }
        None
    })
    .await
    .ok()
    .flatten()
    .expect("the server logs its address");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, address)
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    let connection = sea_orm::Database::connect(&db.url).await.unwrap();
    let row = connection.query_one_raw(Statement::from_string(connection.get_database_backend(), sql)).await.unwrap();
    connection.close().await.ok();
    row.unwrap().try_get("", "n").unwrap()
}

/// A published call (deadline in an hour) and an applicant's token.
async fn open_call(store: &grants_store::Store) -> (i64, String) {
    let now = Utc::now();
    let user = |email: &str, role: Role, organisation_id: Option<i64>| grants_store::users::NewUser {
        email: email.into(),
        display_name: email.into(),
        language: Language::FR,
        roles: vec![role],
        organisation_id,
        country: None,
    };
    let manager = store.create_user(user("manager@example.org", Role::Manager, None), now).await.unwrap();
    let organisation = store
        .create_organisation(
            grants_store::users::NewOrganisation {
                name: "AMMD".into(),
                country: "ML".into(),
                org_type: grants_domain::OrganisationType::CivilSociety,
            },
            now,
        )
        .await
        .unwrap();
    let applicant =
        store.create_user(user("aminata@example.org", Role::Applicant, Some(organisation.id)), now).await.unwrap();
    let (token, _) = store.issue_token(applicant.id, "test", now, now + chrono::Duration::days(30)).await.unwrap();
    let rules = CallRules {
        reference: "MMD-CFP-2026-01".into(),
        title_en: "Call".into(),
        title_fr: "Appel".into(),
        description_en: "Description".into(),
        description_fr: "Description".into(),
        procedure: Procedure::Open,
        total_budget: "1000000".parse().unwrap(),
        min_grant: "50000".parse().unwrap(),
        max_grant: "300000".parse().unwrap(),
        opens_at: now - chrono::Duration::days(1),
        deadline_at: now + chrono::Duration::hours(1),
        display_timezone: "Africa/Bamako".into(),
    };
    let settings = CallSettings::defaults_for(store.programme());
    let call = store.create_call(CallDesign { rules, settings, lots: Vec::new() }, manager.id, now).await.unwrap();
    let as_manager = ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager.id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::EN,
    };
    store.apply_call_action(call.id, CallAction::Publish, as_manager).await.unwrap();

    (call.id, token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_files_and_do_timed_work_once() {
    if postgres_url().is_none() || s3::s3_server_binary().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("not run: needs PostgreSQL and an S3 server (CI has both)");
        return;
    }
    let db = TestDb::create_with(Backend::Postgres, Storage::S3).await;
    let store = db.store.clone();
    let (call_id, token) = open_call(&store).await;
    let smtp = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let (mut first, one) = server(&db, &smtp, dir.path()).await;
    let (mut second, two) = server(&db, &smtp, dir.path()).await;
    let client = reqwest::Client::new();

    let example = grants_domain::form::mmd_full_application_example();
    let created: Value = client
        .post(format!("{one}/api/v1/applications"))
        .bearer_auth(&token)
        .json(&json!({ "call_id": call_id, "answers": example }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap_or_else(|| panic!("a draft: {created}"));
    let document: Vec<u8> = [b"%PDF-1.4\n".to_vec(), (0..200_000_u32).map(|i| (i % 251) as u8).collect()].concat();
    let form =
        Form::new().text("kind", "statutes").part("file", Part::bytes(document.clone()).file_name("statuts.pdf"));
    let response = client
        .post(format!("{one}/api/v1/applications/{id}/attachments"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::CREATED);
    let attachment: Value = response.json().await.unwrap();
    let response = client
        .get(format!("{two}/api/v1/applications/{id}/attachments/{}", attachment["id"]))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK);
    assert!(response.bytes().await.unwrap().to_vec() == document, "the second instance serves the identical file");

    let response = client
        .post(format!("{two}/api/v1/applications/{id}/actions/submit"))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::OK, "{}", response.text().await.unwrap());
    let connection = sea_orm::Database::connect(&db.url).await.unwrap();
    connection
        .execute_raw(Statement::from_sql_and_values(
            connection.get_database_backend(),
            "UPDATE calls SET deadline_at = $1 WHERE id = $2",
            [(Utc::now() - chrono::Duration::seconds(1)).into(), call_id.into()],
        ))
        .await
        .unwrap();
    connection.close().await.ok();

    let settled = async {
        loop {
            let closed = store.call(call_id).await.unwrap().state == CallState::Closed;
            let reviewed = store.application(id).await.unwrap().state == ApplicationState::EligibilityReview;
            let waiting = count(&db, "SELECT count(*) AS n FROM outbox WHERE status <> 'sent'").await;
            if closed && reviewed && waiting == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(45), settled).await.expect("the deadline passes and every email leaves");
    // Several more scheduler and mail passes of both processes, in which anything could happen twice.
    tokio::time::sleep(Duration::from_secs(1)).await;
    for child in [&mut first, &mut second] {
        assert!(child.try_wait().unwrap().is_none(), "both servers are still running");
        child.kill().await.ok();
    }
    let closes = store.events(Subject::Call(call_id)).await.unwrap().iter().filter(|e| e.action == "close").count();
    let reviews =
        store.events(Subject::Application(id)).await.unwrap().iter().filter(|e| e.action == "open_review").count();
    let queued = count(&db, "SELECT count(*) AS n FROM outbox").await;
    let received = smtp.received();
    let ids: HashSet<String> = received.iter().map(grants_testkit::Received::message_id).collect();
    db.remove().await;
    assert_eq!(closes, 1, "the call was closed once");
    assert_eq!(reviews, 1, "the application went to review once");
    assert!(queued >= 2, "the submission queued its emails ({queued})");
    assert_eq!(received.len(), usize::try_from(queued).unwrap(), "every email was delivered once");
    assert_eq!(ids.len(), received.len(), "no message was delivered twice");
}
