//! Decisions whose rules live once, below the web layer: a decline offers the lot to the reserve list in
//! its own transaction whether it comes from the API or a page; the ranking's awarded total is the budget
//! guard's; a call is decided once every application has its decision, and archiving rejects the reserve.

use grants_store::Event;
use grants_store::events::Subject;
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

/// A call with one lot of 560 000 EUR where requests are 280 000 EUR: scores 5 and 4 are awarded, score 3
/// goes on the reserve list. Returns the call and the three applications, best first, with their applicants.
async fn two_awards_and_a_reserve(
    app: &TestApp,
    manager: &TestUser,
    evaluators: &[&TestUser],
    reference: &str,
) -> (i64, Vec<(i64, TestUser, String)>) {
    let mut body = app.call_body(reference, 30);
    body["total_budget"] = json!("560000.00");
    let (status, call) = app.post(manager, "/api/v1/calls", body).await;
    assert_eq!(status, StatusCode::CREATED, "{call}");
    let call_id = call["id"].as_i64().unwrap();
    app.post(manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
    let mut ranked = Vec::new();
    for score in [5, 4, 3] {
        let email = format!("{}-{score}@example.org", reference.to_lowercase());
        let applicant = app.applicant(&email, &format!("{reference} organisation {score}")).await;
        let id = app.evaluated_application(manager, &applicant, call_id, evaluators, score).await;
        ranked.push((id, applicant, email));
    }
    for (n, action) in ["award", "award", "reserve"].into_iter().enumerate() {
        let (status, body) = app.act(manager, ranked[n].0, action, json!({})).await;
        assert_eq!(status, StatusCode::OK, "{action}: {body}");
    }
    (call_id, ranked)
}

async fn last_event(app: &TestApp, id: i64) -> Event {
    app.store().events(Subject::Application(id)).await.unwrap().pop().unwrap()
}

/// What a step leaves for people to see: the event's action, states and role, and the emails it queued.
async fn trace(app: &TestApp, event: &Event) -> (String, String, String, String, Vec<String>) {
    let mut templates: Vec<String> =
        app.store().outbox_for_event(event.id).await.unwrap().into_iter().map(|m| m.template).collect();
    templates.sort();
    (event.action.clone(), event.from_state.clone(), event.to_state.clone(), event.actor_role.clone(), templates)
}

db_test!(
    async fn a_decline_on_the_page_offers_the_reserve_exactly_as_the_api_does(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let (_, by_api) = two_awards_and_a_reserve(&app, &manager, &pair, "MMD-CFP-2026-11").await;
        let (_, by_page) = two_awards_and_a_reserve(&app, &manager, &pair, "MMD-CFP-2026-12").await;

        let (status, body) = app.act(&by_api[1].1, by_api[1].0, "decline", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (declining, grantee, email) = (&by_page[1].0, &by_page[1].1, &by_page[1].2);
        let mut browser = Browser::signed_in(&app, grantee, email, PASSWORD).await;
        let (status, page, _) = browser.get(&format!("/applications/{declining}")).await;
        assert_eq!(status, StatusCode::OK);
        let form = format!("/applications/{declining}/actions/decline");
        let values = Browser::form_values(&page, &form);
        assert!(!values.is_empty(), "the grantee is offered the decline button");
        let (status, confirmation, _) = browser.submit(&form, &values).await;
        assert_eq!(status, StatusCode::OK, "declining is asked twice");
        assert_ne!(last_event(&app, *declining).await.action, "decline", "nothing happens before the confirmation");
        assert!(
            confirmation.contains("action=\"/applications/")
                && confirmation.contains("name=\"confirmed\" value=\"yes\"")
        );
        let values = Browser::form_values(&confirmation, &form);
        let (status, _, headers) = browser.submit(&form, &values).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], format!("/applications/{declining}"));

        let mut traces = Vec::new();
        for ranked in [&by_api, &by_page] {
            let (decline, offer) = (last_event(&app, ranked[1].0).await, last_event(&app, ranked[2].0).await);
            assert_eq!(decline.action, "decline");
            assert_eq!(offer.action, "award", "the reserve is awarded the freed budget");
            assert_eq!(offer.actor_role, "system");
            assert_eq!(offer.id, decline.id + 1, "the offer is recorded right after the decline, in its transaction");
            assert_eq!(offer.occurred_at, decline.occurred_at);
            let (_, reserve) = app.get(&manager, &format!("/api/v1/applications/{}", ranked[2].0)).await;
            assert_eq!(reserve["state"], "awarded");
            assert_eq!(reserve["awarded_amount"], "280000.00");
            traces.push((trace(&app, &decline).await, trace(&app, &offer).await));
        }
        assert_eq!(traces[0], traces[1], "the page and the API leave the same events and emails");
        assert_eq!(traces[0].0.4, ["award_declined"], "the manager hears of the decline");
        assert_eq!(traces[0].1.4, ["application_awarded"], "the reserve's applicant gets the award letter");
    }
);

db_test!(
    async fn a_closed_grant_still_counts_on_the_ranking_page_as_in_the_budget_guard(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let (call_id, ranked) = two_awards_and_a_reserve(&app, &manager, &pair, "MMD-CFP-2026-13").await;
        app.close_grant(&manager, &ranked[0].1, ranked[0].0).await;

        let (status, body) = app.act(&manager, ranked[2].0, "award", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "the guard still counts the closed grant: {body}");
        assert!(body["message"].as_str().unwrap().contains("0.00 EUR left"), "{body}");

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (status, page, _) = desk.get(&format!("/calls/{call_id}/ranking")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("awarded €560,000"), "the page adds the closed grant as the guard does");
        let (_, closed) = app.get(&manager, &format!("/api/v1/applications/{}", ranked[0].0)).await;
        assert_eq!(closed["state"], "closed");
        assert!(page.contains(closed["reference"].as_str().unwrap()), "a closed grant keeps its place in the ranking");
    }
);

db_test!(
    async fn a_call_is_decided_once_every_application_is_and_archiving_rejects_the_reserve(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let mut body = app.call_body("MMD-CFP-2026-14", 30);
        body["total_budget"] = json!("300000.00");
        let deadline: chrono::DateTime<chrono::Utc> = body["deadline_at"].as_str().unwrap().parse().unwrap();
        let valid_until = deadline + chrono::Duration::days(90);
        body["settings"] = json!({ "reserve_list_valid_until": valid_until.to_rfc3339() });
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        let call_action = |action: &str| format!("/api/v1/calls/{call_id}/actions/{action}");
        app.post(&manager, &call_action("publish"), json!({})).await;
        let winner = app.applicant("winner@example.org", "Winner").await;
        let runner_up = app.applicant("runner@example.org", "Runner-up").await;
        let late = app.applicant("late@example.org", "Late").await;
        let awarded = app.evaluated_application(&manager, &winner, call_id, &pair, 5).await;
        let reserved = app.evaluated_application(&manager, &runner_up, call_id, &pair, 4).await;
        let waiting = app.draft(&late, call_id).await;
        assert_eq!(app.act(&late, waiting, "submit", json!({})).await.0, StatusCode::OK);
        assert_eq!(app.act(&manager, awarded, "award", json!({})).await.0, StatusCode::OK);
        assert_eq!(app.act(&manager, reserved, "reserve", json!({})).await.0, StatusCode::OK);

        app.clock.set(deadline + chrono::Duration::minutes(1));
        assert_eq!(app.post(&manager, &call_action("close"), json!({})).await.0, StatusCode::OK);
        assert_eq!(app.post(&manager, &call_action("start_evaluation"), json!({})).await.0, StatusCode::OK);
        let (status, body) = app.post(&manager, &call_action("decide"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (_, submitted) = app.get(&manager, &format!("/api/v1/applications/{waiting}")).await;
        let reference = submitted["reference"].as_str().unwrap();
        assert!(body["message"].as_str().unwrap().contains(reference), "the refusal names what waits: {body}");

        assert_eq!(app.act(&late, waiting, "withdraw", json!({})).await.0, StatusCode::OK);
        let (status, body) = app.post(&manager, &call_action("decide"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "decided");
        let decided = app.store().events(Subject::Call(call_id)).await.unwrap().pop().unwrap();
        let notices = app.store().outbox_for_event(decided.id).await.unwrap();
        assert!(
            !notices.is_empty() && notices.iter().all(|m| m.template == "call_decided"),
            "managers hear of the decision"
        );

        let (status, body) = app.post(&manager, &call_action("archive"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "the reserve list is still valid: {body}");
        app.clock.set(valid_until + chrono::Duration::minutes(1));
        let (status, body) = app.post(&manager, &call_action("archive"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "archived");
        let (_, left) = app.get(&manager, &format!("/api/v1/applications/{reserved}")).await;
        assert_eq!(left["state"], "rejected", "archiving rejects what is left on the reserve list");
        let rejection = last_event(&app, reserved).await;
        let letters = app.store().outbox_for_event(rejection.id).await.unwrap();
        assert_eq!(letters.len(), 1);
        assert_eq!(letters[0].template, "application_rejected");
        assert_eq!(letters[0].recipient_email, "runner@example.org");
        let (_, kept) = app.get(&manager, &format!("/api/v1/applications/{awarded}")).await;
        assert_eq!(kept["state"], "awarded", "an award is not touched by archiving");
    }
);
