//! Attachments: checked by content and size, stored with a checksum, visible like their application,
//! required at submission when the call says so. A refused upload stores nothing.

use grants_testkit::{TestApp, storage_test};
use reqwest::StatusCode;
use serde_json::json;

/// A small but real PDF document.
fn pdf(padding: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'%', padding));
    bytes.extend_from_slice(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    bytes
}

/// The start of a Linux executable, as a renamed binary would begin.
fn executable() -> Vec<u8> {
    let mut bytes = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0];
    bytes.extend(std::iter::repeat_n(0_u8, 600));
    bytes
}

/// The objects in the app's storage (its folder or its bucket).
async fn stored_files(app: &TestApp) -> usize {
    use futures::TryStreamExt;
    let keys: Vec<_> = app.store().blobs().unwrap().keys().try_collect().await.unwrap();
    keys.len()
}

storage_test!(
    async fn uploads_are_checked_stored_and_required(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let other = app.applicant("ousmane@example.org", "Commune de Saint-Louis").await;
        let mut body = app.call_body("MMD-CFP-2026-01", 30);
        body["settings"] = json!({"required_attachments": ["statutes"], "attachment_max_bytes": 4096});
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let id = app.draft(&applicant, call_id).await;

        let (status, refused) = app.upload_attachment(&applicant, id, "statutes", "statuts.pdf", pdf(8000)).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{refused}");
        let (status, refused) = app.upload_attachment(&applicant, id, "statutes", "statuts.pdf", executable()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["details"]["fields"][0]["code"], "type_not_allowed");
        assert!(
            refused["details"]["fields"][0]["message"].as_str().unwrap().contains("application/x-executable"),
            "{refused}"
        );
        let (status, _) = app.upload_attachment(&other, id, "statutes", "statuts.pdf", pdf(10)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another organisation cannot even see the application");
        let (_, listed) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        assert_eq!(listed, json!([]), "refused uploads left no record");
        assert_eq!(stored_files(&app).await, 0, "refused uploads left no file");

        let (status, refused) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["details"]["failures"][0]["fields"][0]["code"], "required_attachment");

        let document = pdf(100);
        let (status, stored) =
            app.upload_attachment(&applicant, id, "statutes", "../../statuts signés.pdf", document.clone()).await;
        assert_eq!(status, StatusCode::CREATED, "{stored}");
        assert_eq!(stored["content_type"], "application/pdf");
        assert_eq!(stored["filename"], "statuts signés.pdf", "no path survives in the name");
        assert_eq!(stored["sha256"].as_str().unwrap().len(), 64);
        assert_eq!(stored_files(&app).await, 1);

        let attachment = stored["id"].as_i64().unwrap();
        let path = format!("{}/api/v1/applications/{id}/attachments/{attachment}", app.address);
        let download = app.client.get(&path).bearer_auth(&manager.token).send().await.unwrap();
        assert_eq!(download.status(), StatusCode::OK);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.bytes().await.unwrap().to_vec(), document);
        let foreign = app.client.get(&path).bearer_auth(&other.token).send().await.unwrap();
        assert_eq!(foreign.status(), StatusCode::NOT_FOUND);

        let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, refused) = app.upload_attachment(&applicant, id, "cv", "cv.pdf", pdf(10)).await;
        assert_eq!(status, StatusCode::CONFLICT, "a submitted application's files are frozen: {refused}");
    }
);
