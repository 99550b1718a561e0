//! A call's documents: a manager publishes the guidelines on the call page; a visitor without an account
//! downloads them byte for byte; a file that is not a document is refused beside the form in the
//! manager's language with the title kept; a withdrawn document is gone.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";
const GUIDELINES: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

db_test!(
    async fn a_manager_publishes_the_guidelines_and_anyone_downloads_them(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-95").await;
        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/calls/{call_id}")).await;
        assert!(page.contains(&format!("action=\"/calls/{call_id}/documents\"")), "managers publish here: {page}");
        let csrf = Browser::csrf_in(&page);
        let publish = |title: &str, bytes: &[u8], name: &str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("title", title.to_owned())
                .part("file", reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned()));
            desk.request(reqwest::Method::POST, &format!("/calls/{call_id}/documents")).multipart(form).send()
        };
        let executable = [vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0], vec![0; 600]].concat();
        let refused = publish("Lignes directrices", &executable, "guidelines.pdf").await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = refused.text().await.unwrap();
        assert!(page.contains("PDF, Word, Excel, OpenDocument") && page.contains("role=\"alert\""), "{page}");
        assert!(page.contains("value=\"Lignes directrices\""), "the title is kept: {page}");
        assert!(app.store().call_documents(call_id).await.unwrap().is_empty(), "nothing was published");

        let published = publish("Guidelines for applicants", GUIDELINES, "guidelines.pdf").await.unwrap();
        assert_eq!(published.status(), StatusCode::SEE_OTHER);
        let document = app.store().call_documents(call_id).await.unwrap()[0].id;

        let mut visitor = Browser::new(&app);
        let (status, page, _) = visitor.get(&format!("/calls/{call_id}")).await;
        assert_eq!(status, StatusCode::OK);
        let link = format!("/calls/{call_id}/documents/{document}");
        assert!(page.contains(&link) && page.contains("Guidelines for applicants"), "{page}");
        assert!(!page.contains("/remove"), "a visitor cannot withdraw it");
        let download = visitor.request(reqwest::Method::GET, &link).send().await.unwrap();
        assert_eq!(download.status(), StatusCode::OK);
        assert_eq!(download.headers()["content-type"], "application/pdf");
        assert_eq!(download.bytes().await.unwrap().to_vec(), GUIDELINES, "byte for byte");

        let (status, _, _) = desk.post(&format!("{link}/remove"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, _) = visitor.get(&link).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "withdrawn");
    }
);
