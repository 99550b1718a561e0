//! A manager who chose a digest gets one email per call listing the new submissions, once their interval
//! has passed, instead of one email each; other managers and the applicants' receipts are unchanged.
//! Two schedulers racing queue each digest once.

use chrono::Duration;
use grants_domain::{Language, Role};
use grants_store::outbox::OutboxMessage;
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

fn to<'a>(messages: &'a [OutboxMessage], template: &str, email: &str) -> Vec<&'a OutboxMessage> {
    messages.iter().filter(|m| m.template == template && m.recipient_email == email).collect()
}

async fn outbox(app: &TestApp) -> Vec<OutboxMessage> {
    app.store().list_outbox(None, 1, 200).await.unwrap().items
}

db_test!(
    async fn a_manager_takes_new_submissions_as_one_digest_per_call(app: TestApp) {
        let manager = app.manager().await;
        let chef = app.user("chef@example.org", &[Role::Manager], None, Language::FR).await;
        let mut browser = Browser::signed_in(&app, &chef, "chef@example.org", "correct horse battery staple").await;
        let (status, page, _) = browser.get("/account/notices").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains(r#"value="each" checked"#), "one email each until chosen otherwise: {page}");
        let csrf = Browser::csrf_in(&page);

        let (status, page, _) = browser.post("/account/notices", &[("csrf", &csrf), ("submission_notices", "7")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains(r#"id="notices-error""#), "the refusal is beside the choices: {page}");
        assert_eq!(app.store().submission_digest_minutes(chef.id).await.unwrap(), None, "nothing changed");

        let (status, _, headers) =
            browser.post("/account/notices", &[("csrf", &csrf), ("submission_notices", "60")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let next = headers.get("location").and_then(|l| l.to_str().ok()).unwrap().to_owned();
        let (_, page, _) = browser.get(&next).await;
        assert!(page.contains(r#"value="60" checked"#) && page.contains(r#"id="notices-saved""#), "{page}");

        let first_call = app.published_call(&manager, "MMD-CFP-2026-50").await;
        let second_call = app.published_call(&manager, "MMD-CFP-2026-51").await;
        let start = app.now();
        let mut submitted = Vec::new();
        for (n, call_id) in [first_call, first_call, second_call].into_iter().enumerate() {
            let applicant = app.applicant(&format!("a{n}@example.org"), &format!("Association {n}")).await;
            let id = app.draft(&applicant, call_id).await;
            let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            submitted.push(id);
        }
        let queued = outbox(&app).await;
        assert_eq!(to(&queued, "application_submitted", "manager@example.org").len(), 3, "one email each");
        assert!(to(&queued, "application_submitted", "chef@example.org").is_empty(), "kept for the digest");
        let receipts = queued.iter().filter(|m| m.template == "application_submitted_receipt").count();
        assert_eq!(receipts, 3, "applicants still get their own receipt");

        let early = app.store().run_due_jobs(start + Duration::minutes(59)).await.unwrap();
        assert_eq!(early.digests_sent, 0, "nothing before the interval has passed");
        let due = app.store().run_due_jobs(start + Duration::minutes(60)).await.unwrap();
        assert_eq!(due.digests_sent, 2, "one digest per call");
        let queued = outbox(&app).await;
        let digests = to(&queued, "submissions_digest", "chef@example.org");
        let mut listed: Vec<Vec<i64>> = digests
            .iter()
            .map(|m| m.payload["applications"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect())
            .collect();
        listed.sort();
        assert_eq!(listed, vec![vec![submitted[0], submitted[1]], vec![submitted[2]]]);
        assert!(digests.iter().all(|m| m.recipient_language == "fr"), "in the manager's language");
        assert_eq!(to(&queued, "submissions_digest", "manager@example.org").len(), 0);

        let later = app.store().run_due_jobs(start + Duration::hours(2)).await.unwrap();
        assert_eq!(later.digests_sent, 0, "each notice goes in one digest only");

        let applicant = app.applicant("late@example.org", "Association tardive").await;
        let late = app.draft(&applicant, first_call).await;
        assert_eq!(app.act(&applicant, late, "submit", json!({})).await.0, StatusCode::OK);
        let store = app.store();
        let when = app.now() + Duration::hours(1);
        let (one, other) = tokio::join!(store.send_notice_digests(when), store.send_notice_digests(when));
        assert_eq!(one.unwrap() + other.unwrap(), 1, "two schedulers queue the digest once");
        assert_eq!(to(&outbox(&app).await, "submissions_digest", "chef@example.org").len(), 3);
    }
);

db_test!(
    async fn going_back_to_one_email_each_sends_what_was_kept_at_once(app: TestApp) {
        let manager = app.manager().await;
        app.store().set_submission_digest(manager.id, Some(1440), app.now()).await.unwrap();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-52").await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let id = app.draft(&applicant, call_id).await;
        assert_eq!(app.act(&applicant, id, "submit", json!({})).await.0, StatusCode::OK);
        assert_eq!(app.store().run_due_jobs(app.now() + Duration::hours(1)).await.unwrap().digests_sent, 0);

        app.store().set_submission_digest(manager.id, None, app.now()).await.unwrap();
        let report = app.store().run_due_jobs(app.now() + Duration::minutes(1)).await.unwrap();
        assert_eq!(report.digests_sent, 1, "what was kept back is not lost");
        let other = app.applicant("moussa@example.org", "ARD").await;
        let next = app.draft(&other, call_id).await;
        assert_eq!(app.act(&other, next, "submit", json!({})).await.0, StatusCode::OK);
        let queued = outbox(&app).await;
        assert_eq!(to(&queued, "application_submitted", "manager@example.org").len(), 1, "one email each again");
    }
);
