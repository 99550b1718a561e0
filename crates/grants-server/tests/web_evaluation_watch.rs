//! A scoring discrepancy is in sight on the pages: flagged on the applications list, explained with both
//! totals on the application page and on the ranking page (with everything else not ready for the
//! decision); a manager records the arbitration on the page and the application completes.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

#[path = "support/emails.rs"]
mod emails;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn a_manager_sees_a_discrepancy_and_arbitrates_it_on_the_page(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let other = app.applicant("moussa@example.org", "ARD").await;
        let (generous, strict) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let call_id = app.published_call(&manager, "MMD-CFP-2026-95").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        let waiting = app.draft(&other, call_id).await;
        assert_eq!(app.act(&other, waiting, "submit", json!({})).await.0, StatusCode::OK);
        for evaluator in [&generous, &strict] {
            let path = format!("/api/v1/applications/{id}/evaluators");
            assert_eq!(app.post(&manager, &path, json!({ "evaluator_id": evaluator.id })).await.0, StatusCode::CREATED);
        }
        assert_eq!(app.act(&manager, id, "assign", json!({})).await.0, StatusCode::OK);
        for (evaluator, score) in [(&generous, 5), (&strict, 2)] {
            app.declare_no_conflict(evaluator, id).await;
            app.score(evaluator, id, score).await;
        }

        let queued = app.store().list_outbox(None, 1, 200).await.unwrap().items;
        let told: Vec<_> = queued.iter().filter(|m| m.template == "scoring_discrepancy").collect();
        assert_eq!(told.len(), 1, "the manager is emailed once, when the second scorecard opens it");
        let email = emails::rendered(told[0]);
        assert!(email.text.contains("100 and 40 points, a gap of 60 where the call allows 20"), "{}", email.text);
        assert!(email.text.contains(&format!("/applications/{id}")), "with the link to the application");

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (_, list, _) = desk.get(&format!("/applications?call={call_id}")).await;
        assert!(list.contains("scores to arbitrate"), "the list flags it: {list}");
        let ranking = format!("/calls/{call_id}/ranking");
        let (_, page, _) = desk.get(&ranking).await;
        assert!(page.contains("id=\"pending\""), "the ranking says what is not ready");
        assert!(page.contains("(100 and 40) differ by 60 points, more than the 20 allowed"), "both totals: {page}");
        assert!(page.contains("eligibility not settled"), "and what else blocks the decision");

        let application = format!("/applications/{id}");
        let (_, page, _) = desk.get(&application).await;
        assert!(page.contains("id=\"discrepancy\"") && page.contains("id=\"arbitration-form\""), "{page}");
        let arbitration = format!("{application}/arbitration");
        let mut form = Browser::form_values(&page, &arbitration);
        let (status, page, _) = desk.submit(&arbitration, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an arbitration needs its reasoning");
        assert!(page.contains("class=\"refusal\""), "said beside the form: {page}");
        let reasoning = "The second evaluator overlooked the signed partnership letters; the first assessment stands.";
        Browser::set(&mut form, "note", reasoning);
        let (status, _, headers) = desk.submit(&arbitration, &form).await;
        assert_eq!((status, headers["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, application.as_str()));

        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "evaluated", "the arbitration completes the evaluation");
        let (_, page, _) = desk.get(&application).await;
        assert!(page.contains(reasoning), "the reasoning is in the history");
        let (_, page, _) = desk.get(&ranking).await;
        assert!(!page.contains("differ by 60 points"), "nothing left to arbitrate: {page}");
        let (_, list, _) = desk.get(&format!("/applications?call={call_id}")).await;
        assert!(!list.contains("scores to arbitrate"));

        let mut phone = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (_, page, _) = phone.get(&application).await;
        assert!(!page.contains("id=\"evaluation\"") && !page.contains(reasoning), "applicants see no scoring");
    }
);
