//! Small things that matter on the open internet: redirects stay on the site, page numbers are checked,
//! CSV exports cannot run formulas, HSTS behind HTTPS, no caching of signed-in answers, 503 with a generic
//! body while the database is down, and a readiness check that shows no driver error.

use grants_testkit::{Browser, TestApp, db_test};
use grants_web::WebSettings;
use reqwest::{Client, StatusCode, redirect};
use serde_json::json;

fn no_redirects() -> Client {
    Client::builder().redirect(redirect::Policy::none()).build().unwrap()
}

db_test!(
    async fn next_parameters_never_leave_the_site(app: TestApp) {
        let client = no_redirects();
        for next in [
            "/%5Cevil.example",
            "/%5cevil.example",
            "//evil.example",
            "https://evil.example",
            "/%2F%2Fevil.example",
            "/\tevil",
        ] {
            let encoded: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
            let response = client.get(format!("{}/lang/en?next={encoded}", app.address)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            assert_eq!(response.headers()["location"], "/", "{next} falls back to the home page");
        }
        let response =
            client.get(format!("{}/lang/fr?next=/calls%3Fstate%3Dpublished", app.address)).send().await.unwrap();
        assert_eq!(response.headers()["location"], "/calls?state=published", "a page of the site is fine");
    }
);

db_test!(
    async fn absurd_page_numbers_are_refused_not_crashed_on(app: TestApp) {
        let manager = app.manager().await;
        let admin =
            app.user("admin@example.org", &[grants_domain::Role::Admin], None, grants_domain::Language::EN).await;
        for path in ["/api/v1/applications", "/api/v1/calls", "/api/v1/admin/outbox"] {
            let (status, body) = app.get(&admin, &format!("{path}?page=92233720368547760")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
            assert_eq!(body["error"], "invalid_query");
        }
        let mut browser =
            Browser::signed_in(&app, &manager, "manager@example.org", "correct horse battery staple").await;
        let (status, _, _) = browser.get("/applications?page=92233720368547760").await;
        assert!(status.is_client_error(), "the page answers {status}");
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::OK, "and the server is still there");
    }
);

db_test!(
    async fn csv_cells_cannot_run_as_formulas(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "=HYPERLINK(\"http://evil.example\",\"click\")").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut answers = app.answers();
        answers["action"]["title"] = json!("+cmd|' /C calc'!A0");
        let id = app.draft_with(&applicant, call_id, answers).await;
        let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let response = app
            .client
            .get(format!("{}/api/v1/calls/{call_id}/evaluation-report.csv", app.address))
            .bearer_auth(&manager.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let report = response.text().await.unwrap();
        let mut browser =
            Browser::signed_in(&app, &manager, "manager@example.org", "correct horse battery staple").await;
        let (status, list, _) = browser.get("/applications.csv").await;
        assert_eq!(status, StatusCode::OK);
        for text in [&report, &list] {
            let mut reader = csv::Reader::from_reader(text.as_bytes());
            for record in reader.records() {
                for cell in &record.unwrap() {
                    assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a live formula: {cell}");
                }
            }
            assert!(text.contains("'=HYPERLINK"), "the organisation is there, neutralised: {text}");
        }
        assert!(list.contains("'+cmd"), "the title is there, neutralised: {list}");
    }
);

db_test!(
    async fn hsts_behind_https_and_no_caching_of_signed_in_answers(app: TestApp) {
        let manager = app.manager().await;
        let response =
            app.client.get(format!("{}/api/v1/calls", app.address)).bearer_auth(&manager.token).send().await.unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store");
        assert!(response.headers().get("strict-transport-security").is_none(), "plain HTTP: no HSTS");
        let mut browser =
            Browser::signed_in(&app, &manager, "manager@example.org", "correct horse battery staple").await;
        let (_, _, headers) = browser.get("/calls").await;
        assert_eq!(headers["cache-control"], "no-store", "signed-in pages are not cached");
        let (_, _, headers) = browser.get("/static/app.css").await;
        assert_eq!(headers["cache-control"], "no-store", "nothing sent with a session is cached");
        let anonymous = app.client.get(format!("{}/static/app.css", app.address)).send().await.unwrap();
        assert!(anonymous.headers()["cache-control"].to_str().unwrap().contains("max-age"), "public files are");

        let secure = WebSettings { secure_cookies: true, ..WebSettings::default() };
        let https = app.second_instance(secure).await;
        let response = app.client.get(format!("{https}/login")).send().await.unwrap();
        let hsts = response.headers()["strict-transport-security"].to_str().unwrap();
        assert!(hsts.starts_with("max-age=31536000"), "{hsts}");
    }
);

db_test!(
    async fn a_database_outage_is_a_503_with_a_generic_body(app: TestApp) {
        let manager = app.manager().await;
        let (status, _) = app.get(&manager, "/api/v1/calls").await;
        assert_eq!(status, StatusCode::OK);
        app.store().clone().close().await.unwrap();
        let response =
            app.client.get(format!("{}/api/v1/calls", app.address)).bearer_auth(&manager.token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key("retry-after"));
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["error"], "unavailable");
        let ready = app.client.get(format!("{}/readyz", app.address)).send().await.unwrap();
        assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
        let text = ready.text().await.unwrap();
        for leak in ["pool", "closed", "sqlx", "database unreachable", "connection"] {
            assert!(!text.to_lowercase().contains(leak), "/readyz shows no driver detail ({leak}): {text}");
        }
        let health = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();
        assert_eq!(health.status(), StatusCode::OK, "the process itself is up");
    }
);

db_test!(
    async fn list_query_parameters_are_documented_as_query_parameters(app: TestApp) {
        let (status, document) = app.send(reqwest::Method::GET, None, "/api/v1/openapi.json", None).await;
        assert_eq!(status, StatusCode::OK);
        for (path, names) in [
            ("/api/v1/calls", &["page", "per_page", "state"][..]),
            ("/api/v1/applications", &["page", "per_page", "call_id", "state"][..]),
            ("/api/v1/admin/outbox", &["page", "per_page", "status"][..]),
            ("/api/v1/portfolio", &["by"][..]),
            ("/api/v1/portfolio.csv", &["by"][..]),
        ] {
            let parameters = document["paths"][path]["get"]["parameters"].as_array().unwrap();
            for name in names {
                let found = parameters.iter().find(|p| p["name"] == *name).unwrap_or_else(|| panic!("{path} {name}"));
                assert_eq!(found["in"], "query", "{path} {name}");
            }
        }
    }
);
