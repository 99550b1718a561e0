//! After the award (SPEC §8): the agreement signed with its dates, the payment schedule and reports it
//! creates, reports handed in and reviewed, payments released by approved reports and paid, and the
//! grant closed only once everything is settled. Each step is audited and emailed.

use grants_store::events::Subject;
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn awarded(app: &TestApp, manager: &TestUser, applicant: &TestUser) -> i64 {
    let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
    let pair: Vec<&TestUser> = evaluators.iter().collect();
    let call_id = app.published_call(manager, "MMD-CFP-2026-01").await;
    let id = app.evaluated_application(manager, applicant, call_id, &pair, 4).await;
    let (status, body) = app.act(manager, id, "award", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

async fn grant(app: &TestApp, user: &TestUser, id: i64) -> Value {
    let (status, body) = app.get(user, &format!("/api/v1/applications/{id}/grant")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Valid answers to the default report form: one indicator, one budget line spending `spent`.
fn report_body(narrative: &str, spent: &str) -> Value {
    json!({ "answers": {
        "narrative": narrative,
        "indicators": [{ "jvap_domain": "legal_migration_mobility", "indicator": "People advised", "target": "400", "achieved": "412" }],
        "budget_lines": [{ "category": "human_resources", "planned": "280000.00", "spent": spent }],
    } })
}

fn statuses(file: &Value, list: &str) -> Vec<String> {
    file[list].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap().to_owned()).collect()
}

db_test!(
    async fn a_grant_runs_from_signature_to_closure(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let stranger = app.applicant("moussa@example.org", "Autre").await;
        let id = awarded(&app, &manager, &applicant).await;

        let (status, body) = app
            .act(
                &manager,
                id,
                "sign_agreement",
                json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2026-06-30" } }),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body["message"].as_str().unwrap().contains("end after it starts"), "{body}");
        assert_eq!(grant(&app, &manager, id).await["agreement"], Value::Null, "a refused signature records nothing");

        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2028-12-31" } });
        let (status, body) = app.act(&manager, id, "sign_agreement", terms).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "contracted");
        let file = grant(&app, &applicant, id).await;
        assert_eq!(file["agreement"]["amount"], "280000.00");
        let amounts: Vec<&str> =
            file["payments"].as_array().unwrap().iter().map(|p| p["amount"].as_str().unwrap()).collect();
        assert_eq!(
            amounts,
            ["140000.00", "112000.00", "28000.00"],
            "yearly pre-financing within 90 %, then the balance"
        );
        assert_eq!(
            statuses(&file, "payments"),
            ["requested", "scheduled", "scheduled"],
            "the first is released at signature"
        );
        let reports = file["reports"].as_array().unwrap().clone();
        assert_eq!((reports[0]["kind"].as_str(), reports[0]["due_on"].as_str()), (Some("interim"), Some("2028-02-29")));
        assert_eq!((reports[1]["kind"].as_str(), reports[1]["due_on"].as_str()), (Some("final"), Some("2029-03-31")));
        let (interim, last) = (reports[0]["id"].as_i64().unwrap(), reports[1]["id"].as_i64().unwrap());
        let payment = |n: usize, file: &Value| file["payments"][n]["id"].as_i64().unwrap();

        let (status, _) = app.get(&stranger, &format!("/api/v1/applications/{id}/grant")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another organisation never sees the grant");
        let (status, body) = app.act(&manager, id, "close", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert!(body["message"].as_str().unwrap().contains("final report"), "{body}");

        let first = payment(0, &file);
        let (status, _) =
            app.post(&applicant, &format!("/api/v1/applications/{id}/payments/{first}/paid"), json!({})).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "grantees do not record their own payments");
        let (status, body) =
            app.post(&manager, &format!("/api/v1/applications/{id}/payments/{first}/paid"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let submit = format!("/api/v1/applications/{id}/reports/{interim}/submit");
        let review = format!("/api/v1/applications/{id}/reports/{interim}/review");
        let (status, _) = app.post(&manager, &submit, report_body("x", "1")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "managers do not write the grantee's reports");
        let (status, body) = app.post(&applicant, &submit, report_body("", "90000")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (status, body) =
            app.post(&applicant, &submit, report_body("Two information points opened.", "90000.00")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = app.post(&applicant, &submit, report_body("Again", "90000.00")).await;
        assert_eq!(status, StatusCode::CONFLICT, "a submitted report waits for its review");
        let (status, _) = app.post(&applicant, &review, json!({ "approve": true })).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _) = app.post(&manager, &review, json!({ "approve": false })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "sending back needs what to change");
        let note = "Spending covers less than 70 % of the first payment: add the second quarter's costs.";
        let (status, body) = app.post(&manager, &review, json!({ "approve": false, "note": note })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let version = grant(&app, &applicant, id).await["reports"][0]["version"].as_i64().unwrap();
        let (status, body) = app
            .post(&applicant, &submit, {
                let mut body = report_body("Two information points opened; 412 people advised.", "101500.00");
                body["version"] = json!(version);
                body
            })
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app.post(&manager, &review, json!({ "approve": true, "note": "Thank you." })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let file = grant(&app, &manager, id).await;
        assert_eq!(
            statuses(&file, "payments"),
            ["paid", "requested", "scheduled"],
            "the interim report released the second payment"
        );
        app.post(&manager, &format!("/api/v1/applications/{id}/payments/{}/paid", payment(1, &file)), json!({})).await;

        let submit = format!("/api/v1/applications/{id}/reports/{last}/submit");
        let (status, _) = app.post(&applicant, &submit, report_body("All activities done.", "280000.00")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = app
            .post(&manager, &format!("/api/v1/applications/{id}/reports/{last}/review"), json!({ "approve": true }))
            .await;
        assert_eq!(status, StatusCode::OK);
        let file = grant(&app, &manager, id).await;
        assert_eq!(statuses(&file, "payments"), ["paid", "paid", "requested"], "the final report released the balance");
        let (status, body) = app.act(&manager, id, "close", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "the balance is not paid yet: {body}");
        app.post(&manager, &format!("/api/v1/applications/{id}/payments/{}/paid", payment(2, &file)), json!({})).await;
        let (status, body) = app.act(&manager, id, "close", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["state"], "closed");
        let (status, _) = app.post(&applicant, &submit, report_body("Late", "1")).await;
        assert_eq!(status, StatusCode::CONFLICT, "nothing moves on a closed grant");

        let actions: Vec<String> =
            app.store().events(Subject::Application(id)).await.unwrap().into_iter().map(|e| e.action).collect();
        for expected in
            ["sign_agreement", "mark_paid", "submit_report", "request_report_changes", "approve_report", "close"]
        {
            assert!(actions.iter().any(|a| a == expected), "{expected} is in the audit trail: {actions:?}");
        }
        let (_, outbox) = app
            .get(
                &app.user("admin@example.org", &[grants_domain::Role::Admin], None, grants_domain::Language::EN).await,
                "/api/v1/admin/outbox?status=pending&per_page=100",
            )
            .await;
        let templates: Vec<&str> =
            outbox["items"].as_array().unwrap().iter().map(|m| m["template"].as_str().unwrap()).collect();
        for expected in [
            "agreement_signed",
            "report_submitted",
            "report_changes_requested",
            "report_approved",
            "payment_made",
            "grant_closed",
        ] {
            assert!(templates.contains(&expected), "{expected} was queued: {templates:?}");
        }
    }
);

db_test!(
    async fn too_little_spending_holds_the_next_prefinancing(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let id = awarded(&app, &manager, &applicant).await;
        let (status, _) = app
            .act(
                &manager,
                id,
                "sign_agreement",
                json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2028-12-31", "amount": "200000.00" } }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let file = grant(&app, &manager, id).await;
        assert_eq!(file["agreement"]["amount"], "200000.00", "the agreement may be below the award");
        let interim = file["reports"][0]["id"].as_i64().unwrap();
        app.post(
            &applicant,
            &format!("/api/v1/applications/{id}/reports/{interim}/submit"),
            report_body("Slow start.", "50000.00"),
        )
        .await;
        let (status, body) = app
            .post(&manager, &format!("/api/v1/applications/{id}/reports/{interim}/review"), json!({ "approve": true }))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            statuses(&grant(&app, &manager, id).await, "payments"),
            ["requested", "scheduled", "scheduled"],
            "held back"
        );
        let last = app.store().events(Subject::Application(id)).await.unwrap().pop().unwrap();
        assert_eq!(last.payload["payments"][0]["released"], false, "the audit trail says why: {}", last.payload);
        let (status, body) = app
            .act(
                &manager,
                id,
                "sign_agreement",
                json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2027-12-31", "amount": "300000.00" } }),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "signed once: {body}");
    }
);

db_test!(
    async fn grantees_are_reminded_before_a_report_is_due_and_when_it_is_late(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let id = awarded(&app, &manager, &applicant).await;
        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2027-12-31" } });
        assert_eq!(app.act(&manager, id, "sign_agreement", terms).await.0, StatusCode::OK);
        let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&chrono::Utc);
        let store = app.store();
        assert_eq!(store.send_report_reminders(at("2028-03-01T08:00:00Z")).await.unwrap(), 0, "a month ahead: quiet");
        assert_eq!(store.send_report_reminders(at("2028-03-20T08:00:00Z")).await.unwrap(), 1, "14 days ahead");
        assert_eq!(store.send_report_reminders(at("2028-03-21T08:00:00Z")).await.unwrap(), 0, "once");
        assert_eq!(store.send_report_reminders(at("2028-03-31T08:00:00Z")).await.unwrap(), 1, "the day before");
        let (first, second) = tokio::join!(
            store.send_report_reminders(at("2028-04-01T08:00:00Z")),
            store.send_report_reminders(at("2028-04-01T08:00:05Z"))
        );
        assert_eq!(first.unwrap() + second.unwrap(), 1, "overdue once, even with two schedulers");
        let events = store.events(Subject::Application(id)).await.unwrap();
        assert_eq!(events.iter().filter(|e| e.action == "remind_report").count(), 3);
        let admin =
            app.user("admin@example.org", &[grants_domain::Role::Admin], None, grants_domain::Language::EN).await;
        let (_, outbox) = app.get(&admin, "/api/v1/admin/outbox?status=pending&per_page=100").await;
        let templates: Vec<&str> =
            outbox["items"].as_array().unwrap().iter().map(|m| m["template"].as_str().unwrap()).collect();
        assert_eq!(templates.iter().filter(|t| **t == "report_due_reminder").count(), 2, "{templates:?}");
        assert_eq!(templates.iter().filter(|t| **t == "report_overdue").count(), 1);

        let report = grant(&app, &applicant, id).await["reports"][0]["id"].as_i64().unwrap();
        let submit = format!("/api/v1/applications/{id}/reports/{report}/submit");
        app.post(&applicant, &submit, report_body("Done.", "280000.00")).await;
        assert_eq!(
            store.send_report_reminders(at("2028-05-01T08:00:00Z")).await.unwrap(),
            0,
            "a submitted report is not chased"
        );
    }
);
