//! Timed transitions: a call closes once at its deadline, even with two schedulers racing; its
//! submissions go to review; unanswered clarification requests expire.

use chrono::Duration;
use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

db_test!(
    async fn deadline_closes_the_call_once_and_opens_reviews(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let submitted = app.draft(&applicant, call_id).await;
        let (status, _) = app.act(&applicant, submitted, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let forgotten = app.draft(&applicant, call_id).await;
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{call_id}")).await;
        let deadline: chrono::DateTime<chrono::Utc> = call["deadline_at"].as_str().unwrap().parse().unwrap();

        let early = app.store().run_due_jobs(deadline - Duration::seconds(1)).await.unwrap();
        assert_eq!(early.calls_closed, 0, "nothing closes before the deadline");

        let store = app.store();
        let (first, second) = tokio::join!(store.run_due_jobs(deadline), store.run_due_jobs(deadline));
        let (first, second) = (first.unwrap(), second.unwrap());
        assert_eq!(first.calls_closed + second.calls_closed, 1, "closed exactly once");
        assert_eq!(first.reviews_opened + second.reviews_opened, 1);

        let (_, events) = app.get(&manager, &format!("/api/v1/calls/{call_id}/events")).await;
        let closes: Vec<_> = events.as_array().unwrap().iter().filter(|e| e["action"] == "close").collect();
        assert_eq!(closes.len(), 1, "{events}");
        assert_eq!(closes[0]["actor_role"], "system");
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{submitted}")).await;
        assert_eq!(read["state"], "eligibility_review");
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{forgotten}")).await;
        assert_eq!(read["state"], "draft", "a draft never submitted stays a draft");

        let again = app.store().run_due_jobs(deadline + Duration::hours(1)).await.unwrap();
        assert_eq!(again, grants_store::jobs::JobReport::default(), "a later pass finds nothing to do");
    }
);

db_test!(
    async fn unanswered_clarifications_expire_at_their_due_date(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        app.act(&applicant, id, "submit", json!({})).await;
        app.act(&manager, id, "open_review", json!({})).await;
        let due = app.now() + Duration::days(7);
        let (status, body) = app
            .act(
                &manager,
                id,
                "request_clarification",
                json!({"payload": {"question": "Statuts ?", "due_at": due.to_rfc3339()}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let report = app.store().run_due_jobs(due - Duration::seconds(1)).await.unwrap();
        assert_eq!(report.clarifications_expired, 0);
        let report = app.store().run_due_jobs(due).await.unwrap();
        assert_eq!(report.clarifications_expired, 1);
        let (_, read) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "ineligible");
        let (_, events) = app.get(&manager, &format!("/api/v1/applications/{id}/events")).await;
        let last = events.as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["action"], "expire");
        assert_eq!(last["actor_role"], "system");
    }
);
