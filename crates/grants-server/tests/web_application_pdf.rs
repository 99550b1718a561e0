//! The submitted application as a PDF, in the reader's language: its text (read with `pdftotext`, as a
//! person's viewer would) holds the reference, the answers and each file's SHA-256; a draft has none;
//! someone else's application is not found.

use std::io::Write;
use std::process::{Command, Stdio};

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

fn text_of(pdf: &[u8]) -> String {
    let mut reader = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext runs (Debian's poppler-utils; .ci/run installs it)");
    reader.stdin.take().unwrap().write_all(pdf).unwrap();
    let output = reader.wait_with_output().unwrap();
    assert!(output.status.success(), "pdftotext reads the file");
    String::from_utf8(output.stdout).unwrap()
}

db_test!(
    async fn the_submitted_application_downloads_as_a_pdf_in_the_applicants_language(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let stranger = app.applicant("moussa@example.org", "ARD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-90").await;
        let id = app.draft(&applicant, call_id).await;
        let pdf = b"%PDF-1.4\n%statuts\n".to_vec();
        let (status, _) = app.upload_attachment(&applicant, id, "statutes", "statuts.pdf", pdf).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, files) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        let sha256 = files[0]["sha256"].as_str().unwrap().to_owned();

        let mut phone = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (status, _, _) = phone.get(&format!("/applications/{id}.pdf")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a draft has no PDF: its answers are not final");
        assert_eq!(app.act(&applicant, id, "submit", json!({})).await.0, StatusCode::OK);
        let (_, page, _) = phone.get(&format!("/applications/{id}")).await;
        assert!(page.contains(&format!("/applications/{id}.pdf")), "the page offers the PDF: {page}");

        let response = phone.request(reqwest::Method::GET, &format!("/applications/{id}.pdf")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        let text = text_of(&response.bytes().await.unwrap());
        assert!(text.contains("MMD-CFP-2026-90-0001"), "the reference: {text}");
        assert!(text.contains("Réponses") && text.contains("Soumise le"), "in French: {text}");
        assert!(text.contains("Tambacounda"), "the answers: {text}");
        assert!(text.contains(&sha256), "each file's SHA-256, to check a printed copy: {text}");

        let mut other = Browser::signed_in(&app, &stranger, "moussa@example.org", PASSWORD).await;
        let (status, _, _) = other.get(&format!("/applications/{id}.pdf")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "someone else's application is not found");
    }
);
