//! The lists people work from: an evaluator's assignments with their progress, and the managers'
//! applications table filtered by call.

use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

async fn signed_in(app: &TestApp, user: &TestUser, email: &str) -> Browser {
    Browser::signed_in(app, user, email, PASSWORD).await
}

db_test!(
    async fn an_evaluator_sees_what_is_left_to_do(app: TestApp) {
        let manager = app.manager().await;
        let evaluator = app.evaluator("e1@example.org").await;
        let colleague = app.evaluator("e2@example.org").await;
        let idle = app.evaluator("idle@example.org").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut ids = Vec::new();
        for n in 1..=2 {
            let applicant = app.applicant(&format!("a{n}@example.org"), &format!("Organisation {n}")).await;
            let id = app.eligible_application(&manager, &applicant, call_id).await;
            for person in [&evaluator, &colleague] {
                let path = format!("/api/v1/applications/{id}/evaluators");
                let (status, body) = app.post(&manager, &path, json!({ "evaluator_id": person.id })).await;
                assert_eq!(status, StatusCode::CREATED, "{body}");
            }
            app.act(&manager, id, "assign", json!({})).await;
            ids.push(id);
        }
        let title = app.answers()["action"]["title"].as_str().unwrap().to_owned();
        let mut browser = signed_in(&app, &evaluator, "e1@example.org").await;
        let (status, page, _) = browser.get("/assignments").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("<strong>0 / 2</strong>"), "nothing handed in yet");
        assert_eq!(page.matches("Declaration to sign").count(), 2);
        assert!(page.contains(&format!("/applications/{}/declaration", ids[0])));
        assert!(!page.contains(&title), "no content before the declaration");

        app.declare_no_conflict(&evaluator, ids[0]).await;
        app.declare_no_conflict(&evaluator, ids[1]).await;
        let scorecard = format!("/api/v1/applications/{}/scorecard", ids[1]);
        let (status, _) =
            app.send(reqwest::Method::PUT, Some(&evaluator.token), &scorecard, Some(TestApp::scorecard(3))).await;
        assert_eq!(status, StatusCode::OK);
        app.score(&evaluator, ids[0], 4).await;
        let (_, page, _) = browser.get("/assignments").await;
        assert!(page.contains("<strong>1 / 2</strong>"), "one handed in");
        assert!(page.contains("Draft saved") && page.contains("Handed in"));
        assert!(page.contains(&title), "declared: the title is shown");
        assert!(page.contains(&format!("/applications/{}/scorecard", ids[1])));

        let mut other = signed_in(&app, &idle, "idle@example.org").await;
        let (_, page, _) = other.get("/assignments").await;
        assert!(page.contains("No application is assigned to you"));
        assert!(!page.contains("MMD-CFP-2026-01-"), "another evaluator's work is not listed");
        let applicant = app.applicant("a9@example.org", "Organisation 9").await;
        let mut outsider = signed_in(&app, &applicant, "a9@example.org").await;
        let (status, _, _) = outsider.get("/assignments").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    async fn managers_filter_applications_by_call(app: TestApp) {
        let manager = app.manager().await;
        let first = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let second = app.published_call(&manager, "MMD-CFP-2026-02").await;
        for (n, call) in [(1, first), (2, second), (3, second)] {
            let applicant = app.applicant(&format!("a{n}@example.org"), &format!("Organisation {n}")).await;
            let id = app.draft(&applicant, call).await;
            app.act(&applicant, id, "submit", json!({})).await;
        }
        let mut desk = signed_in(&app, &manager, "manager@example.org").await;
        let (_, page, _) = desk.get(&format!("/applications?call={second}")).await;
        assert!(page.contains("MMD-CFP-2026-02-0001") && page.contains("MMD-CFP-2026-02-0002"));
        assert!(!page.contains("MMD-CFP-2026-01-0001"), "the other call's applications are filtered out");
        assert!(page.contains(&format!("<option value=\"{second}\" selected>")), "the filter shows what is chosen");
        let (_, page, _) = desk.get(&format!("/applications?call={first}&state=submitted")).await;
        assert!(page.contains("MMD-CFP-2026-01-0001") && !page.contains("MMD-CFP-2026-02-"));
    }
);
