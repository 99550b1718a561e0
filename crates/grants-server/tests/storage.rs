//! Stored files on a local folder and on a real S3-compatible server: storage down during an upload,
//! a record that fails after its file was written, large files in parts, and the orphan sweep.

use futures::TryStreamExt;
use grants_testkit::{Backend, Browser, Storage, TestApp, TestUser, run_test_with, storage_test};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// A real PDF document of about `size` bytes.
fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend((0..size).map(|i| b"0123456789abcdef"[i % 16]));
    bytes.extend_from_slice(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    bytes
}

async fn upload(app: &TestApp, user: &TestUser, id: i64, bytes: Vec<u8>) -> (StatusCode, Value) {
    app.upload_attachment(user, id, "statutes", "statuts.pdf", bytes).await
}

async fn download(app: &TestApp, user: &TestUser, id: i64, attachment: &Value) -> Vec<u8> {
    let path = format!("{}/api/v1/applications/{id}/attachments/{}", app.address, attachment["id"]);
    let response = app.client.get(path).bearer_auth(&user.token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}

async fn stored_objects(app: &TestApp) -> usize {
    let keys: Vec<_> = app.store().blobs().unwrap().keys().try_collect().await.unwrap();
    keys.len()
}

/// A draft of a French-speaking applicant on a call accepting files up to `max_bytes`.
async fn draft(app: &TestApp, max_bytes: u64) -> (TestUser, i64) {
    let manager = app.manager().await;
    let applicant = app.applicant("aminata@example.org", "AMMD").await;
    let mut body = app.call_body("MMD-CFP-2026-01", 30);
    body["settings"] = json!({"attachment_max_bytes": max_bytes});
    let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
    assert_eq!(status, StatusCode::CREATED, "{call}");
    let call_id = call["id"].as_i64().unwrap();
    app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
    let id = app.draft(&applicant, call_id).await;
    (applicant, id)
}

async fn storage_down_during_an_upload(app: TestApp) {
    let (applicant, id) = draft(&app, 1024 * 1024).await;
    let server = app.db.s3.clone().expect("an S3 test");
    server.lock().await.stop().await;

    let (status, body) = upload(&app, &applicant, id, pdf(2000)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"], "storage_unavailable");
    let message = body["message"].as_str().unwrap();
    assert!(message.starts_with("Le stockage des fichiers est momentanément indisponible"), "{message}");

    let mut browser = Browser::signed_in(&app, &applicant, "aminata@example.org", "correct horse battery 2026").await;
    let (_, page, _) = browser.get(&format!("/applications/{id}/edit")).await;
    let form = Form::new()
        .text("csrf", Browser::csrf_in(&page))
        .text("kind", "statutes")
        .part("file", Part::bytes(pdf(2000)).file_name("statuts.pdf"));
    let response = browser
        .request(reqwest::Method::POST, &format!("/applications/{id}/attachments"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = response.text().await.unwrap();
    assert!(page.contains("Le stockage des fichiers est momentanément indisponible"), "the page says it in French");
    assert!(!page.contains("File storage is unavailable"), "no English on the French page");

    let (_, listed) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
    assert_eq!(listed, json!([]), "no row was written while storage was down");

    server.lock().await.restart().await;
    let document = pdf(2000);
    let (status, stored) = upload(&app, &applicant, id, document.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "the same upload works once storage is back: {stored}");
    assert_eq!(download(&app, &applicant, id, &stored).await, document);
    assert_eq!(stored_objects(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn storage_down_during_an_upload_on_sqlite() {
    run_test_with(Backend::Sqlite, Storage::S3, storage_down_during_an_upload).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn storage_down_during_an_upload_on_postgres() {
    run_test_with(Backend::Postgres, Storage::S3, storage_down_during_an_upload).await;
}

/// Makes every insert into `attachments` fail inside the database, as a failed commit would.
async fn refuse_attachment_rows(app: &TestApp) {
    let sql = match app.backend {
        Backend::Sqlite => vec![
            "CREATE TRIGGER refuse_attachments BEFORE INSERT ON attachments \
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
        ],
        Backend::Postgres => vec![
            "CREATE FUNCTION refuse_attachments() RETURNS trigger LANGUAGE plpgsql AS \
             $$ BEGIN RAISE EXCEPTION 'refused for the test'; END $$",
            "CREATE TRIGGER refuse_attachments BEFORE INSERT ON attachments \
             FOR EACH ROW EXECUTE FUNCTION refuse_attachments()",
        ],
    };
    let db = sea_orm::Database::connect(&app.db.url).await.unwrap();
    for statement in sql {
        db.execute_unprepared(statement).await.unwrap();
    }
    db.close().await.unwrap();
}

storage_test!(
    async fn a_record_that_fails_leaves_no_row_and_no_file(app: TestApp) {
        let (applicant, id) = draft(&app, 1024 * 1024).await;
        refuse_attachment_rows(&app).await;
        let (status, body) = upload(&app, &applicant, id, pdf(3000)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
        let (_, listed) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        assert_eq!(listed, json!([]));
        assert_eq!(stored_objects(&app).await, 0, "the file written before the failed record was removed");
    }
);

storage_test!(
    async fn large_files_stream_through_in_parts(app: TestApp) {
        let (applicant, id) = draft(&app, 20 * 1024 * 1024).await;
        let document = pdf(12 * 1024 * 1024);
        let (status, stored) = upload(&app, &applicant, id, document.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(stored["size_bytes"].as_u64(), Some(document.len() as u64));
        let back = download(&app, &applicant, id, &stored).await;
        assert!(back == document, "12 MiB come back byte for byte");
        let (status, refused) = upload(&app, &applicant, id, pdf(21 * 1024 * 1024)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{refused}");
        assert_eq!(stored_objects(&app).await, 1, "the refused file left nothing, not even parts");
    }
);

storage_test!(
    async fn the_sweep_removes_unnamed_files_after_the_grace_period(app: TestApp) {
        use grants_store::storage::{BlobKey, Namespace};
        let (applicant, id) = draft(&app, 1024 * 1024).await;
        let (_, kept) = upload(&app, &applicant, id, pdf(100)).await;
        let (_, removed) = upload(&app, &applicant, id, pdf(200)).await;
        let (status, _) = app
            .send(
                reqwest::Method::DELETE,
                Some(&applicant.token),
                &format!("/api/v1/applications/{id}/attachments/{}", removed["id"]),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let blobs = app.store().blobs().unwrap();
        let stray = BlobKey::fresh(Namespace::Attachments, id).unwrap();
        blobs.put(stray, bytes::Bytes::from_static(b"an upload whose record never came")).await.unwrap();
        assert_eq!(stored_objects(&app).await, 3, "a removed row leaves its file until the sweep");

        let grace = chrono::Duration::hours(24);
        let first = app.store().sweep_orphan_blobs(app.now(), grace).await.unwrap();
        assert_eq!((first.objects, first.unnamed, first.removed), (3, 2, 0), "first seen, not yet removed");
        let early = app.store().sweep_orphan_blobs(app.now() + chrono::Duration::hours(23), grace).await.unwrap();
        assert_eq!(early.removed, 0, "still within the grace period");
        let late = app.store().sweep_orphan_blobs(app.now() + chrono::Duration::hours(25), grace).await.unwrap();
        assert_eq!(late.removed, 2);
        assert_eq!(stored_objects(&app).await, 1);
        assert_eq!(download(&app, &applicant, id, &kept).await, pdf(100), "the named file is untouched");
    }
);
