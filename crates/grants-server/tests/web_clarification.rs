//! The clarification round on the pages: the applicant reads the manager's question and when the answer
//! is due (in the call's timezone, not an ISO timestamp), answers with a file, and the manager reads the
//! answer and downloads the file.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

#[path = "support/emails.rs"]
mod emails;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn the_question_reaches_the_applicant_and_the_answer_the_manager(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-70").await;
        let id = app.draft(&applicant, call_id).await;
        assert_eq!(app.act(&applicant, id, "submit", json!({})).await.0, StatusCode::OK);
        assert_eq!(app.act(&manager, id, "open_review", json!({})).await.0, StatusCode::OK);

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        let csrf = Browser::csrf_in(&page);
        let due = (app.now() + chrono::Duration::days(10)).date_naive().to_string();
        let question = "Merci de joindre les statuts signés.";
        let (status, _, _) = desk
            .post(
                &format!("/applications/{id}/actions/request_clarification"),
                &[("csrf", &csrf), ("question", question), ("due_date", &due)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        let rendered = emails::rendered(&emails::queued(&app, "clarification_requested", "aminata@example.org").await);
        assert!(rendered.text.contains(question), "{}", rendered.text);
        assert!(rendered.text.contains("à 23 h 59 UTC") && !rendered.text.contains("T23:59"), "{}", rendered.text);
        assert!(rendered.html.contains("name=\"viewport\""), "read at a phone's width");

        let mut phone = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (status, page, _) = phone.get(&format!("/applications/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("id=\"clarification-question\"") && page.contains(question), "{page}");
        assert!(page.contains("Réponse attendue avant le"), "the due date is labelled in French: {page}");
        assert!(page.contains("(Africa/Bamako)"), "in the call's timezone, named: {page}");
        assert!(!page.contains("T23:59:59"), "no ISO timestamp: {page}");

        let csrf = Browser::csrf_in(&page);
        assert!(page.contains("id=\"clarification-file-form\""), "the applicant may add files to the answer");
        let statutes = b"%PDF-1.4\n%statuts signes\n".to_vec();
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .part("file", reqwest::multipart::Part::bytes(statutes.clone()).file_name("statuts-signes.pdf"));
        let sent = phone
            .request(reqwest::Method::POST, &format!("/applications/{id}/clarification/files"))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::SEE_OTHER, "the file is added");
        let (_, page, _) = phone.get(&format!("/applications/{id}")).await;
        assert!(page.contains("id=\"clarification-files\"") && page.contains("statuts-signes.pdf"), "{page}");
        let (status, _) = app.upload_attachment(&applicant, id, "statutes", "autre.pdf", statutes.clone()).await;
        assert_eq!(status, StatusCode::CONFLICT, "past draft, only the answer's files are taken");
        let (_, files) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        assert!(!files.to_string().contains("autre.pdf"), "the refused file is not recorded: {files}");

        let answer = "Les statuts signés sont joints à la demande.";
        let (status, _, _) =
            phone.post(&format!("/applications/{id}/actions/respond"), &[("csrf", &csrf), ("answer", answer)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        assert!(page.contains("id=\"clarification-answer\"") && page.contains(answer), "{page}");
        assert!(page.contains(question), "the question stays beside its answer");
        assert!(page.contains("id=\"clarification-files\"") && page.contains("statuts-signes.pdf"), "with its file");
        assert!(!page.contains("id=\"clarification-file-form\""), "the manager adds no file to the answer");
        let (_, files) = app.get(&manager, &format!("/api/v1/applications/{id}/attachments")).await;
        let file = files.as_array().unwrap().iter().find(|f| f["kind"] == "clarification").expect("recorded");
        let (status, body, _) = desk.get(&format!("/applications/{id}/attachments/{}", file["id"])).await;
        assert_eq!((status, body.into_bytes()), (StatusCode::OK, statutes), "the manager downloads it as sent");

        let (_, page, _) = phone.get(&format!("/applications/{id}")).await;
        assert!(!page.contains("id=\"clarification-file-form\""), "once answered, no more files");
    }
);
