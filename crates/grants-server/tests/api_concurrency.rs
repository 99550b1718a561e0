//! Races: many identical requests at once must change the application exactly once.

use futures::future::join_all;
use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

db_test!(
    async fn fifty_identical_transitions_succeed_once(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        let (status, _) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let events_before = app.store().count_events().await.unwrap();
        let outbox_before = app.store().count_outbox().await.unwrap();

        let attempts = (0..50).map(|_| app.act(&manager, id, "open_review", json!({"reason": "race"})));
        let answers = join_all(attempts).await;

        let ok = answers.iter().filter(|(status, _)| *status == StatusCode::OK).count();
        let conflicts: Vec<_> = answers.iter().filter(|(status, _)| *status == StatusCode::CONFLICT).collect();
        assert_eq!(ok, 1, "{answers:?}");
        assert_eq!(conflicts.len(), 49, "{answers:?}");
        for (_, body) in &conflicts {
            let code = body["error"].as_str().unwrap();
            assert!(code == "action_not_allowed" || code == "stale_version", "{body}");
            assert!(body["details"]["allowed_actions"].is_array(), "{body}");
        }
        assert_eq!(app.store().count_events().await.unwrap(), events_before + 1, "exactly one new event row");
        assert_eq!(app.store().count_outbox().await.unwrap(), outbox_before, "open_review sends no email");
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "eligibility_review");
        assert_eq!(read["version"], 3);
    }
);
