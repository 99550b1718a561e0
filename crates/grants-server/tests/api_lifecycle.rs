//! The lifecycle through the API alone: a call is published, an application is drafted, submitted,
//! reviewed and declared eligible; refusals and object checks along the way.

use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

db_test!(
    async fn application_goes_from_draft_to_eligible(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "Association Malienne Migration et Développement").await;
        let other = app.applicant("ousmane@example.org", "Commune de Saint-Louis").await;

        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let (status, call) = app.get(&applicant, &format!("/api/v1/calls/{call_id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(call["state"], "published");
        assert_eq!(call["total_budget"], "1500000.00");

        let id = app.draft(&applicant, call_id).await;
        let (status, submitted) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{submitted}");
        assert_eq!(submitted["state"], "submitted");
        assert_eq!(submitted["emails_queued"], 2, "a receipt to the applicant and a notice to the manager");

        let (status, body) = app.act(&manager, id, "open_review", json!({"reason": "administrative check"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, early) = app.act(&manager, id, "declare_eligible", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "the checklist comes first: {early}");
        assert!(early["message"].as_str().unwrap().contains("submitted_on_time"), "{early}");
        app.pass_checklist(&manager, id).await;
        let (status, body) = app
            .act(&manager, id, "declare_eligible", json!({"reason": "all criteria met", "version": body["version"]}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "eligible");

        let (status, refused) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"], "action_not_allowed");
        assert_eq!(refused["details"]["allowed_actions"], json!(["assign", "withdraw"]));

        let (status, read) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read["reference"], "MMD-CFP-2026-01-0001");
        assert_eq!(read["allowed_actions"], json!(["withdraw"]), "the applicant may only withdraw now");

        for (path, method) in [
            (format!("/api/v1/applications/{id}"), "GET"),
            (format!("/api/v1/applications/{id}/events"), "GET"),
            (format!("/api/v1/applications/{id}/actions/withdraw"), "POST"),
            (format!("/api/v1/applications/{id}"), "PATCH"),
        ] {
            let (status, body) = match method {
                "GET" => app.get(&other, &path).await,
                "POST" => app.post(&other, &path, json!({})).await,
                _ => app.patch(&other, &path, json!({"answers": {}})).await,
            };
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {body}");
            assert_eq!(body["error"], "not_found");
        }
        let (_, list) = app.get(&other, "/api/v1/applications").await;
        assert_eq!(list["total"], 0, "another organisation lists nothing of ours");

        let (status, events) = app.get(&manager, &format!("/api/v1/applications/{id}/events")).await;
        assert_eq!(status, StatusCode::OK);
        let steps: Vec<_> =
            events.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
        assert_eq!(steps, ["submit", "open_review", "declare_eligible"]);
        let events = events.as_array().unwrap();
        assert_eq!(events[0]["actor_user_id"], applicant.id);
        assert_eq!(events[0]["actor_role"], "applicant");
        assert_eq!(events[1]["actor_user_id"], manager.id);
        assert_eq!(events[1]["reason"], "administrative check");
        assert_eq!(events[2]["reason"], "all criteria met");
        assert_eq!(events[2]["from_state"], "eligibility_review");
        assert_eq!(events[2]["to_state"], "eligible");
        for event in events {
            assert!(event["occurred_at"].as_str().unwrap().ends_with('Z'), "instants are shown in UTC");
        }

        let (_, own_view) = app.get(&applicant, &format!("/api/v1/applications/{id}/events")).await;
        assert!(
            own_view.as_array().unwrap().iter().all(|e| e["actor_user_id"].is_null()),
            "applicants see roles, not people"
        );
    }
);

db_test!(
    async fn published_call_rules_are_frozen(app: TestApp) {
        let manager = app.manager().await;
        let (status, call) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-02", 30)).await;
        assert_eq!(status, StatusCode::CREATED);
        let id = call["id"].as_i64().unwrap();
        let (status, edited) =
            app.patch(&manager, &format!("/api/v1/calls/{id}"), json!({"max_grant": "200000"})).await;
        assert_eq!(status, StatusCode::OK, "{edited}");
        assert_eq!(edited["max_grant"], "200000.00");
        assert_eq!(edited["version"], 2);

        let (status, _) =
            app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({"version": 2})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, refused) =
            app.patch(&manager, &format!("/api/v1/calls/{id}"), json!({"max_grant": "300000"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(refused["error"], "wrong_state");
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["max_grant"], "200000.00", "nothing changed");
    }
);

db_test!(
    async fn draft_calls_are_hidden_from_applicants(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (_, call) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-03", 30)).await;
        let id = call["id"].as_i64().unwrap();
        let (status, _) = app.get(&applicant, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, list) = app.get(&applicant, "/api/v1/calls").await;
        assert_eq!(list["total"], 0);
        let (status, body) = app.post(&applicant, "/api/v1/applications", json!({"call_id": id})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (_, list) = app.get(&manager, "/api/v1/calls?state=draft").await;
        assert_eq!(list["total"], 1);
    }
);

db_test!(
    async fn submission_closes_at_the_deadline_instant(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-04").await;
        let first = app.draft(&applicant, call_id).await;
        let second = app.draft(&applicant, call_id).await;
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{call_id}")).await;
        let deadline: chrono::DateTime<chrono::Utc> = call["deadline_at"].as_str().unwrap().parse().unwrap();

        app.clock.set(deadline - chrono::Duration::seconds(1));
        let (status, body) = app.act(&applicant, first, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "one second before the deadline: {body}");

        app.clock.set(deadline + chrono::Duration::seconds(1));
        let (status, body) = app.act(&applicant, second, "submit", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("deadline has passed"), "{body}");
        let (_, still) = app.get(&applicant, &format!("/api/v1/applications/{second}")).await;
        assert_eq!(still["state"], "draft");
    }
);

db_test!(
    async fn assignment_needs_enough_evaluators(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-05").await;
        let id = app.draft(&applicant, call_id).await;
        for (user, action) in [(&applicant, "submit"), (&manager, "open_review")] {
            let (status, answer) = app.act(user, id, action, json!({})).await;
            assert_eq!(status, StatusCode::OK, "{action}: {answer}");
        }
        app.pass_checklist(&manager, id).await;
        let (status, answer) = app.act(&manager, id, "declare_eligible", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        let (status, refused) = app.act(&manager, id, "assign", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"], "guard_failed");
        assert_eq!(refused["details"]["failures"][0]["kind"], "precondition");
        assert!(refused["message"].as_str().unwrap().contains("2 evaluators are needed; 0 assigned"), "{refused}");
    }
);

db_test!(
    async fn clarification_round_trip_and_reasons(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-06").await;
        let id = app.draft(&applicant, call_id).await;
        app.act(&applicant, id, "submit", json!({})).await;
        app.act(&manager, id, "open_review", json!({})).await;

        let (status, refused) =
            app.act(&manager, id, "request_clarification", json!({"payload": {"question": "Statuts ?"}})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a due date is required: {refused}");
        let due = (app.now() + chrono::Duration::days(7)).to_rfc3339();
        let (status, body) = app
            .act(
                &manager,
                id,
                "request_clarification",
                json!({"payload": {"question": "Merci de joindre les statuts.", "due_at": due}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["emails_queued"], 1);
        let (_, read) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert!(read["clarification_due_at"].is_string());

        let (status, _) =
            app.act(&applicant, id, "respond", json!({"payload": {"answer": "Voici les statuts."}})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, refused) = app.act(&manager, id, "declare_ineligible", json!({"reason": "not convinced"})).await;
        assert_eq!(status, StatusCode::CONFLICT, "a failed checklist item is the reason: {refused}");
        let item = format!("/api/v1/applications/{id}/checklist/lead_eligible");
        let (status, refused) =
            app.send(reqwest::Method::PUT, Some(&manager.token), &item, Some(json!({"passed": false}))).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a failed item needs a note: {refused}");
        let note = json!({"passed": false, "note": "lead not registered in an eligible country"});
        let (status, lines) = app.send(reqwest::Method::PUT, Some(&manager.token), &item, Some(note)).await;
        assert_eq!(status, StatusCode::OK, "{lines}");
        let lead = lines.as_array().unwrap().iter().find(|l| l["item"] == "lead_eligible").unwrap();
        assert_eq!(lead["latest"]["reviewer_id"], manager.id);
        assert_eq!(lead["latest"]["passed"], false);
        let (status, body) = app.act(&manager, id, "declare_ineligible", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "ineligible");
        let (_, events) = app.get(&manager, &format!("/api/v1/applications/{id}/events")).await;
        let last = events.as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["reason"], "lead_eligible: lead not registered in an eligible country", "{last}");
        let (status, refused) = app.act(&applicant, id, "withdraw", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(refused["details"]["allowed_actions"], json!([]), "ineligible is final");
    }
);
