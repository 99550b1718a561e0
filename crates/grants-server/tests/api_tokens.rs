//! API tokens expire, are listed and are revoked (SPEC §11); the API throttles each account.

use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

db_test!(
    async fn tokens_expire_are_listed_and_revoked(app: TestApp) {
        let manager = app.manager().await;
        let admin =
            app.user("admin@example.org", &[grants_domain::Role::Admin], None, grants_domain::Language::EN).await;
        let (status, issued) =
            app.post(&manager, "/api/v1/tokens", json!({"label": "reporting script", "expires_in_days": 7})).await;
        assert_eq!(status, StatusCode::CREATED, "{issued}");
        let script =
            grants_testkit::TestUser { token: issued["token"].as_str().unwrap().to_owned(), ..manager.clone() };
        assert!(script.token.starts_with("mmdg_"));
        let (status, _) = app.get(&script, "/api/v1/calls").await;
        assert_eq!(status, StatusCode::OK, "the new token works");

        let (_, listed) = app.get(&manager, "/api/v1/tokens").await;
        let labels: Vec<&str> = listed.as_array().unwrap().iter().map(|t| t["label"].as_str().unwrap()).collect();
        assert_eq!(labels, ["reporting script", "test"], "newest first: {listed}");
        assert!(listed.to_string().find("mmdg_").is_none(), "secrets are never listed");
        assert!(listed[0]["last_used_at"].is_string(), "its last use is recorded");

        let (status, _) = app.get(&manager, &format!("/api/v1/tokens?user_id={}", admin.id)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "someone else's tokens are not listed");
        let (status, _) = app
            .post(&manager, &format!("/api/v1/tokens/{}/revoke", listed[0]["id"].as_i64().unwrap() + 100), json!({}))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        app.clock.advance(chrono::Duration::days(8));
        let (status, body) = app.get(&script, "/api/v1/calls").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "expired after its seven days: {body}");
        let (_, listed) = app.get(&manager, "/api/v1/tokens").await;
        assert_eq!(listed[0]["active"], false);

        let (status, issued) = app.post(&manager, "/api/v1/tokens", json!({"label": "laptop"})).await;
        assert_eq!(status, StatusCode::CREATED);
        let laptop =
            grants_testkit::TestUser { token: issued["token"].as_str().unwrap().to_owned(), ..manager.clone() };
        let path = format!("/api/v1/tokens/{}/revoke", issued["id"]);
        let (status, revoked) = app.post(&admin, &path, json!({})).await;
        assert_eq!(status, StatusCode::OK, "admins revoke anyone's token: {revoked}");
        assert!(revoked["revoked_at"].is_string());
        let (status, _) = app.get(&laptop, "/api/v1/calls").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "a revoked token stops at once");

        for body in [
            json!({"label": "x", "expires_in_days": 0}),
            json!({"label": "x", "expires_in_days": 5000}),
            json!({"label": " "}),
        ] {
            let (status, refused) = app.post(&manager, "/api/v1/tokens", body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        }
    }
);

db_test!(
    async fn each_account_has_its_share_of_api_requests(app: TestApp) {
        let mut settings = grants_web::WebSettings::default();
        settings.security.api_per_account_per_minute = 5;
        let instance = app.second_instance(settings).await;
        let manager = app.manager().await;
        let mut seen = Vec::new();
        for _ in 0..7 {
            let response =
                app.client.get(format!("{instance}/api/v1/calls")).bearer_auth(&manager.token).send().await.unwrap();
            seen.push((response.status(), response.headers().contains_key("retry-after")));
        }
        assert!(seen[..5].iter().all(|(s, _)| *s == StatusCode::OK), "{seen:?}");
        assert_eq!(seen[5..], [(StatusCode::TOO_MANY_REQUESTS, true), (StatusCode::TOO_MANY_REQUESTS, true)]);
        let other = app.applicant("aminata@example.org", "AMMD").await;
        let response =
            app.client.get(format!("{instance}/api/v1/calls")).bearer_auth(&other.token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "another account is not slowed");
    }
);
