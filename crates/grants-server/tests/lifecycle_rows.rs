//! The rows no other journey takes, each driven through the API on both engines so every row of every
//! table is exercised: a call cancelled from each of its states, withdrawals from every state before a decision, a
//! concept note not shortlisted (which needs its reason), a grant terminated, an evaluator removed after
//! declaring, and a submitted scorecard reopened.

use grants_store::events::Subject;
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn call_state(app: &TestApp, manager: &TestUser, id: i64) -> String {
    let (_, call) = app.get(manager, &format!("/api/v1/calls/{id}")).await;
    call["state"].as_str().unwrap_or_default().to_owned()
}

async fn state(app: &TestApp, user: &TestUser, id: i64) -> String {
    let (_, read) = app.get(user, &format!("/api/v1/applications/{id}")).await;
    read["state"].as_str().unwrap_or_default().to_owned()
}

db_test!(
    async fn a_call_can_be_cancelled_from_every_state_before_the_end_with_its_reason(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let draft = {
            let (_, call) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-40", 30)).await;
            call["id"].as_i64().unwrap()
        };
        let published = app.published_call(&manager, "MMD-CFP-2026-41").await;
        let closed = app.published_call(&manager, "MMD-CFP-2026-42").await;
        let evaluating = app.published_call(&manager, "MMD-CFP-2026-43").await;
        let decided = app.published_call(&manager, "MMD-CFP-2026-44").await;
        let applied = app.draft(&applicant, published).await;
        assert_eq!(app.act(&applicant, applied, "submit", json!({})).await.0, StatusCode::OK);

        let act = |id: i64, action: &'static str| format!("/api/v1/calls/{id}/actions/{action}");
        let (status, body) = app.post(&manager, &act(published, "cancel"), json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a cancellation needs its reason: {body}");
        assert_eq!(call_state(&app, &manager, published).await, "published");

        app.clock.advance(chrono::Duration::days(31));
        for id in [closed, evaluating, decided] {
            assert_eq!(app.post(&manager, &act(id, "close"), json!({})).await.0, StatusCode::OK);
        }
        for id in [evaluating, decided] {
            assert_eq!(app.post(&manager, &act(id, "start_evaluation"), json!({})).await.0, StatusCode::OK);
        }
        let (status, body) = app.post(&manager, &act(decided, "decide"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "a call without applications has nothing left to decide: {body}");

        for (id, from) in [
            (draft, "draft"),
            (published, "published"),
            (closed, "closed"),
            (evaluating, "evaluating"),
            (decided, "decided"),
        ] {
            let reason = json!({ "reason": "The programme's funding was withdrawn." });
            let (status, body) = app.post(&manager, &act(id, "cancel"), reason).await;
            assert_eq!(status, StatusCode::OK, "cancel from {from}: {body}");
            assert_eq!(body["state"], "cancelled");
        }
        let cancelled = app.store().events(Subject::Call(published)).await.unwrap().pop().unwrap();
        let told: Vec<String> =
            app.store().outbox_for_event(cancelled.id).await.unwrap().into_iter().map(|m| m.recipient_email).collect();
        assert!(told.contains(&"aminata@example.org".to_owned()), "the call's applicants are told: {told:?}");
        assert_eq!(cancelled.reason.as_deref(), Some("The programme's funding was withdrawn."));
    }
);

db_test!(
    async fn an_applicant_withdraws_from_every_state_before_the_evaluation(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-46").await;
        let due = (app.now() + chrono::Duration::days(7)).to_rfc3339();
        let question = json!({ "payload": { "question": "Merci de joindre les statuts.", "due_at": due } });
        let steps: [(&str, &[(&str, serde_json::Value)]); 4] = [
            ("draft", &[]),
            ("submitted", &[("submit", json!({}))]),
            ("eligibility_review", &[("submit", json!({})), ("open_review", json!({}))]),
            (
                "clarification_requested",
                &[("submit", json!({})), ("open_review", json!({})), ("request_clarification", question.clone())],
            ),
        ];
        for (n, (from, path)) in steps.iter().enumerate() {
            let applicant = app.applicant(&format!("early{n}@example.org"), &format!("Early {n}")).await;
            let id = app.draft(&applicant, call_id).await;
            for (action, body) in *path {
                let actor = if *action == "submit" { &applicant } else { &manager };
                let (status, answer) = app.act(actor, id, action, body.clone()).await;
                assert_eq!(status, StatusCode::OK, "{action} on the way to {from}: {answer}");
            }
            assert_eq!(state(&app, &applicant, id).await, *from);
            let (status, body) = app.act(&applicant, id, "withdraw", json!({ "reason": "Our partner left." })).await;
            assert_eq!(status, StatusCode::OK, "withdraw from {from}: {body}");
            assert_eq!(body["state"], "withdrawn");
        }
        let eligible_applicant = app.applicant("early-eligible@example.org", "Early eligible").await;
        let eligible = app.eligible_application(&manager, &eligible_applicant, call_id).await;
        let (status, body) = app.act(&eligible_applicant, eligible, "withdraw", json!({})).await;
        assert_eq!(status, StatusCode::OK, "withdraw from eligible: {body}");
        assert_eq!(body["state"], "withdrawn");
    }
);

db_test!(
    async fn an_applicant_withdraws_late_and_a_manager_terminates_a_grant(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-45").await;
        let applicants = [
            app.applicant("a1@example.org", "In evaluation").await,
            app.applicant("a2@example.org", "Evaluated").await,
            app.applicant("a3@example.org", "Reserve").await,
            app.applicant("a4@example.org", "Grantee").await,
        ];

        let in_evaluation = app.eligible_application(&manager, &applicants[0], call_id).await;
        for evaluator in &evaluators {
            let path = format!("/api/v1/applications/{in_evaluation}/evaluators");
            assert_eq!(app.post(&manager, &path, json!({ "evaluator_id": evaluator.id })).await.0, StatusCode::CREATED);
        }
        assert_eq!(app.act(&manager, in_evaluation, "assign", json!({})).await.0, StatusCode::OK);
        let evaluated = app.evaluated_application(&manager, &applicants[1], call_id, &pair, 4).await;
        let reserve = app.evaluated_application(&manager, &applicants[2], call_id, &pair, 3).await;
        assert_eq!(app.act(&manager, reserve, "reserve", json!({})).await.0, StatusCode::OK);
        for (id, applicant, from) in [
            (in_evaluation, &applicants[0], "in_evaluation"),
            (evaluated, &applicants[1], "evaluated"),
            (reserve, &applicants[2], "reserve_listed"),
        ] {
            assert_eq!(state(&app, applicant, id).await, from);
            let (status, body) = app.act(applicant, id, "withdraw", json!({ "reason": "Our partner left." })).await;
            assert_eq!(status, StatusCode::OK, "withdraw from {from}: {body}");
            assert_eq!(body["state"], "withdrawn");
        }

        let grant = app.evaluated_application(&manager, &applicants[3], call_id, &pair, 5).await;
        assert_eq!(app.act(&manager, grant, "award", json!({})).await.0, StatusCode::OK);
        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2028-12-31" } });
        assert_eq!(app.act(&manager, grant, "sign_agreement", terms).await.0, StatusCode::OK);
        let (status, body) = app.act(&manager, grant, "terminate", json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a termination needs its reason: {body}");
        let (status, body) =
            app.act(&manager, grant, "terminate", json!({ "reason": "Funds were used outside the agreement." })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "terminated");
        let letter = app.store().events(Subject::Application(grant)).await.unwrap().pop().unwrap();
        let templates: Vec<String> =
            app.store().outbox_for_event(letter.id).await.unwrap().into_iter().map(|m| m.template).collect();
        assert_eq!(templates, ["grant_terminated"]);
    }
);

db_test!(
    async fn a_manager_removes_a_declared_evaluator_and_reopens_a_scorecard(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let evaluators = [
            app.evaluator("e1@example.org").await,
            app.evaluator("e2@example.org").await,
            app.evaluator("e3@example.org").await,
        ];
        let call_id = app.published_call(&manager, "MMD-CFP-2026-46").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        let mut assignments = Vec::new();
        for evaluator in &evaluators {
            let path = format!("/api/v1/applications/{id}/evaluators");
            let (status, body) = app.post(&manager, &path, json!({ "evaluator_id": evaluator.id })).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            assignments.push(body["id"].as_i64().unwrap());
            app.declare_no_conflict(evaluator, id).await;
        }
        assert_eq!(app.act(&manager, id, "assign", json!({})).await.0, StatusCode::OK);

        let remove = format!("/api/v1/applications/{id}/evaluators/{}/remove", assignments[2]);
        let (status, body) = app.post(&manager, &remove, json!({ "reason": "Language mismatch." })).await;
        assert_eq!(status, StatusCode::OK, "a declared evaluator with no scorecard can be removed: {body}");
        assert_eq!(body["status"], "removed");

        app.score(&evaluators[0], id, 4).await;
        let (_, cards) = app.get(&manager, &format!("/api/v1/applications/{id}/scorecards")).await;
        let card = cards[0]["id"].as_i64().unwrap();
        let reopen = format!("/api/v1/applications/{id}/scorecards/{card}/reopen");
        let (status, body) =
            app.post(&manager, &reopen, json!({ "reason": "The relevance comment is missing." })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "draft");
        let path = format!("/api/v1/applications/{id}/scorecard");
        let (status, body) =
            app.send(Method::PUT, Some(&evaluators[0].token), &path, Some(TestApp::scorecard(5))).await;
        assert_eq!(status, StatusCode::OK, "a reopened scorecard can be changed: {body}");
    }
);

db_test!(
    async fn a_concept_note_not_shortlisted_is_told_why(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let mut body = app.call_body("MMD-CFP-2026-47", 30);
        body["procedure"] = json!("restricted");
        let deadline: chrono::DateTime<chrono::Utc> = body["deadline_at"].as_str().unwrap().parse().unwrap();
        body["settings"] = json!({"full_application_deadline": (deadline + chrono::Duration::days(60)).to_rfc3339()});
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let full = app.answers();
        let mut concept = full.clone();
        concept.as_object_mut().unwrap().remove("logframe");
        concept["budget"] =
            json!({"total": full["budget"]["total"], "requested_amount": full["budget"]["requested_amount"]});
        let id = app.draft_with(&applicant, call_id, concept).await;
        assert_eq!(app.act(&applicant, id, "submit", json!({})).await.0, StatusCode::OK);
        assert_eq!(app.act(&manager, id, "open_review", json!({})).await.0, StatusCode::OK);
        app.pass_checklist(&manager, id).await;
        assert_eq!(app.act(&manager, id, "declare_eligible", json!({})).await.0, StatusCode::OK);
        for evaluator in &evaluators {
            let path = format!("/api/v1/applications/{id}/evaluators");
            assert_eq!(app.post(&manager, &path, json!({ "evaluator_id": evaluator.id })).await.0, StatusCode::CREATED);
        }
        assert_eq!(app.act(&manager, id, "assign", json!({})).await.0, StatusCode::OK);
        let grid = grants_domain::evaluation::Grid::concept_note_default();
        for evaluator in &evaluators {
            app.declare_no_conflict(evaluator, id).await;
            let path = format!("/api/v1/applications/{id}/scorecard");
            let card = TestApp::scorecard_for(&grid, 2);
            assert_eq!(app.send(Method::PUT, Some(&evaluator.token), &path, Some(card)).await.0, StatusCode::OK);
            assert_eq!(app.post(evaluator, &format!("{path}/submit"), json!({})).await.0, StatusCode::OK);
        }
        assert_eq!(state(&app, &manager, id).await, "evaluated");
        let (status, body) = app.act(&manager, id, "not_shortlist", json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the applicant must be told why: {body}");
        let reason = "The concept note scored below the pass mark of 30.";
        let (status, body) = app.act(&manager, id, "not_shortlist", json!({ "reason": reason })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "not_shortlisted");
        let event = app.store().events(Subject::Application(id)).await.unwrap().pop().unwrap();
        let letters = app.store().outbox_for_event(event.id).await.unwrap();
        assert_eq!(letters.len(), 1);
        assert_eq!(letters[0].template, "concept_note_not_shortlisted");
        assert_eq!(letters[0].payload["reason"], reason, "the letter carries the reason");
    }
);
