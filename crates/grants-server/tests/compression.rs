//! Text responses are compressed for clients that accept gzip or brotli and plain for the others;
//! uploaded files and `/metrics` go out as they are.

use std::io::Read;

use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};
use reqwest::multipart::{Form, Part};

/// The status, `Content-Encoding`, `Content-Type` and raw body of `path`, asked with `encoding` if any.
async fn fetch(
    app: &TestApp,
    path: &str,
    encoding: Option<&str>,
    token: Option<&str>,
) -> (StatusCode, Option<String>, String, Vec<u8>) {
    let mut request = app.client.get(format!("{}{path}", app.address));
    if let Some(encoding) = encoding {
        request = request.header(ACCEPT_ENCODING, encoding);
    }
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.unwrap();
    let header =
        |name| response.headers().get(name).map(|v: &reqwest::header::HeaderValue| v.to_str().unwrap().to_owned());
    let (status, encoded, media) =
        (response.status(), header(CONTENT_ENCODING), header(CONTENT_TYPE).unwrap_or_default());
    (status, encoded, media, response.bytes().await.unwrap().to_vec())
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut plain).unwrap();
    plain
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut plain).unwrap();
    plain
}

/// The same response, but for the sign-in form's CSRF token, new on each request (same length).
fn assert_same(decoded: &[u8], plain: &[u8], path: &str) {
    let token = |bytes: &[u8]| {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        match text.split_once("name=\"csrf\" value=\"") {
            Some((before, after)) => format!("{before}{}", after.split_once('"').map_or("", |(_, rest)| rest)),
            None => text,
        }
    };
    assert_eq!(token(decoded), token(plain), "{path} decodes to the plain response");
}

/// A small but real PDF document.
fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'%', 3000));
    bytes.extend_from_slice(b"\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    bytes
}

db_test!(
    async fn text_is_compressed_for_clients_that_accept_it_and_plain_for_the_others(app: TestApp) {
        let manager = app.manager().await;
        app.published_call(&manager, "MMD-CFP-2026-41").await;
        for path in ["/", "/static/app.css"] {
            let (status, encoding, media, plain) = fetch(&app, path, None, None).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(encoding, None, "{path} is plain for a client that accepts no encoding");
            assert!(media.starts_with("text/"), "{path}: {media}");
            assert!(plain.len() > 1024, "{path} is large enough to be worth compressing");

            let (status, encoding, _, gzipped) = fetch(&app, path, Some("gzip"), None).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(encoding.as_deref(), Some("gzip"), "{path}");
            assert!(gzipped.len() < plain.len(), "{path}: {} gzipped vs {} plain", gzipped.len(), plain.len());
            assert_same(&gunzip(&gzipped), &plain, path);

            let (_, encoding, _, squeezed) = fetch(&app, path, Some("br;q=1.0, gzip;q=0.5"), None).await;
            assert_eq!(encoding.as_deref(), Some("br"), "{path}");
            assert!(squeezed.len() < plain.len());
            assert_same(&unbrotli(&squeezed), &plain, path);
        }

        let (status, encoding, media, gzipped) = fetch(&app, "/api/v1/openapi.json", Some("gzip"), None).await;
        assert_eq!((status, encoding.as_deref()), (StatusCode::OK, Some("gzip")), "{media}");
        let document: serde_json::Value = serde_json::from_slice(&gunzip(&gzipped)).unwrap();
        assert!(document["paths"].is_object());

        let (status, encoding, media, body) = fetch(&app, "/metrics", Some("gzip, br"), None).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(encoding, None, "/metrics goes out as it is");
        assert!(media.starts_with("application/openmetrics-text"), "{media}");
        assert!(String::from_utf8(body).unwrap().contains("# TYPE"));
    }
);

db_test!(
    async fn a_downloaded_attachment_streams_out_as_uploaded(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-42").await;
        let id = app.draft(&applicant, call_id).await;
        let document = pdf();
        let form = Form::new()
            .text("kind", "statutes".to_owned())
            .part("file", Part::bytes(document.clone()).file_name("statuts.pdf".to_owned()));
        let response = app
            .client
            .post(format!("{}/api/v1/applications/{id}/attachments", app.address))
            .bearer_auth(&applicant.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let stored: serde_json::Value = response.json().await.unwrap();
        let path = format!("/api/v1/applications/{id}/attachments/{}", stored["id"]);
        let (status, encoding, media, bytes) = fetch(&app, &path, Some("gzip, br"), Some(&applicant.token)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(encoding, None);
        assert_eq!(media, "application/pdf");
        assert_eq!(bytes, document);
    }
);
