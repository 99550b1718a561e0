//! Bad requests get 4xx JSON errors in our format, and change nothing.

use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Everything a bad request might have touched.
async fn snapshot(app: &TestApp, manager: &TestUser, id: i64) -> (u64, u64, Value, u64) {
    let (_, application) = app.get(manager, &format!("/api/v1/applications/{id}")).await;
    let (_, calls) = app.get(manager, "/api/v1/calls").await;
    (
        app.store().count_events().await.unwrap(),
        app.store().count_outbox().await.unwrap(),
        application,
        calls["total"].as_u64().unwrap(),
    )
}

/// (token, method, path, body, expected status, expected error code)
type Case<'a> = (Option<&'a str>, Method, String, String, StatusCode, &'a str);

async fn raw(app: &TestApp, token: Option<&str>, method: Method, path: &str, body: &str) -> (StatusCode, Value) {
    let mut request =
        app.client.request(method, format!("{}{path}", app.address)).header("content-type", "application/json");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.body(body.to_owned()).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

db_test!(
    async fn bad_requests_are_refused_and_change_nothing(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        let before = snapshot(&app, &manager, id).await;
        let token = Some(applicant.token.as_str());
        let patch = format!("/api/v1/applications/{id}");
        let huge = format!("{{\"answers\": {{\"x\": \"{}\"}}}}", "x".repeat(grants_testkit::TEST_BODY_LIMIT + 10));

        let cases: Vec<Case> = vec![
            (token, Method::PATCH, patch.clone(), "{\"answers\": ".into(), StatusCode::BAD_REQUEST, "malformed_json"),
            (
                token,
                Method::PATCH,
                patch.clone(),
                "{\"lot_id\": \"first\"}".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
            ),
            (
                token,
                Method::PATCH,
                patch.clone(),
                "{\"version\": -1.5}".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
            ),
            (
                token,
                Method::PATCH,
                patch.clone(),
                "{\"colour\": \"red\"}".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
            ),
            (token, Method::PATCH, patch.clone(), huge.clone(), StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            (
                token,
                Method::POST,
                format!("{patch}/actions/submit"),
                huge,
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
            ),
            (
                token,
                Method::POST,
                format!("{patch}/actions/submit"),
                "{\"reason\": ".into(),
                StatusCode::BAD_REQUEST,
                "malformed_json",
            ),
            (
                token,
                Method::POST,
                format!("{patch}/actions/submit"),
                "{\"version\": \"one\"}".into(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
            ),
            (
                token,
                Method::POST,
                format!("{patch}/actions/teleport"),
                "{}".into(),
                StatusCode::NOT_FOUND,
                "unknown_action",
            ),
            (
                token,
                Method::POST,
                format!("{patch}/actions/submit"),
                "{\"version\": 99}".into(),
                StatusCode::CONFLICT,
                "stale_version",
            ),
            (
                token,
                Method::GET,
                "/api/v1/applications/abc".into(),
                String::new(),
                StatusCode::BAD_REQUEST,
                "invalid_path",
            ),
            (
                token,
                Method::GET,
                "/api/v1/applications?per_page=1000".into(),
                String::new(),
                StatusCode::BAD_REQUEST,
                "invalid_query",
            ),
            (
                token,
                Method::GET,
                "/api/v1/applications?state=lost".into(),
                String::new(),
                StatusCode::BAD_REQUEST,
                "invalid_query",
            ),
            (
                None,
                Method::PATCH,
                patch.clone(),
                "{\"title\": \"x\"}".into(),
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
            ),
            (
                Some("mmdg_not-a-real-token"),
                Method::GET,
                patch.clone(),
                String::new(),
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
            ),
            (
                token,
                Method::POST,
                "/api/v1/calls".into(),
                app.call_body("MMD-CFP-2026-77", 10).to_string(),
                StatusCode::FORBIDDEN,
                "forbidden",
            ),
            (
                Some(manager.token.as_str()),
                Method::POST,
                format!("{patch}/actions/withdraw"),
                "{}".into(),
                StatusCode::FORBIDDEN,
                "forbidden",
            ),
            (token, Method::DELETE, patch.clone(), String::new(), StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            (token, Method::GET, "/api/v1/nowhere".into(), String::new(), StatusCode::NOT_FOUND, "not_found"),
        ];
        for (token, method, path, body, status, code) in cases {
            let (got, answer) = raw(&app, token, method.clone(), &path, &body).await;
            assert_eq!(got, status, "{method} {path} {}: {answer}", &body[..body.len().min(40)]);
            assert_eq!(answer["error"], code, "{method} {path}: {answer}");
            assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{answer}");
            assert!(answer["details"].is_object(), "{answer}");
        }
        assert_eq!(snapshot(&app, &manager, id).await, before, "nothing changed");
    }
);

db_test!(
    async fn invalid_calls_report_every_field(app: TestApp) {
        let manager = app.manager().await;
        let mut body = app.call_body("not a reference", 10);
        body["title_en"] = json!("");
        body["min_grant"] = json!("900000");
        let (status, answer) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["error"], "validation_failed");
        let fields: Vec<_> =
            answer["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["/reference", "/title_en", "/min_grant"]);
        let (status, answer) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-01", 10)).await;
        assert_eq!(status, StatusCode::CREATED, "{answer}");
        let (status, answer) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-01", 10)).await;
        assert_eq!(status, StatusCode::CONFLICT, "{answer}");
        assert_eq!(answer["error"], "duplicate");
        let (_, list) = app.get(&manager, "/api/v1/calls").await;
        assert_eq!(list["total"], 1);
    }
);

db_test!(
    async fn audit_trail_refuses_edits_at_the_database(app: TestApp) {
        use sea_orm::ConnectionTrait;
        let manager = app.manager().await;
        app.published_call(&manager, "MMD-CFP-2026-01").await;
        let db = sea_orm::Database::connect(&app.db.url).await.unwrap();
        let update = db.execute_unprepared("UPDATE workflow_events SET reason = 'rewritten'").await;
        assert!(update.is_err(), "an event row cannot be changed");
        let delete = db.execute_unprepared("DELETE FROM workflow_events").await;
        assert!(delete.is_err(), "an event row cannot be removed");
        db.close().await.ok();
        assert_eq!(app.store().count_events().await.unwrap(), 1);
    }
);

db_test!(
    async fn openapi_document_describes_the_api(app: TestApp) {
        let (status, doc) = app.send(Method::GET, None, "/api/v1/openapi.json", None).await;
        assert_eq!(status, StatusCode::OK);
        for path in [
            "/api/v1/calls",
            "/api/v1/applications/{id}/actions/{action}",
            "/api/v1/applications/{id}/events",
            "/api/v1/workflow",
        ] {
            assert!(doc["paths"][path].is_object(), "{path} is documented");
        }
        assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
        let manager = app.manager().await;
        let (status, tables) = app.get(&manager, "/api/v1/workflow").await;
        assert_eq!(status, StatusCode::OK);
        let submit =
            tables["application"]["transitions"].as_array().unwrap().iter().find(|r| r["action"] == "submit").unwrap();
        assert_eq!(submit["guards"], json!(["call_open_for_submission", "form_valid", "eligibility_rules"]));
        assert_eq!(submit["actors"], json!(["applicant"]));
    }
);
