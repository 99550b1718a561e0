//! Evaluation stays confidential (SPEC §6): the history shows no other evaluator's score to an evaluator
//! who has not handed in, and nothing of the evaluation to applicants; a call evaluated anonymously hides
//! the applicant from its evaluators in the API, the pages, the attachments and the emails.

use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn assign(app: &TestApp, manager: &TestUser, id: i64, evaluator: &TestUser) {
    let path = format!("/api/v1/applications/{id}/evaluators");
    let (status, body) = app.post(manager, &path, json!({"evaluator_id": evaluator.id})).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// An application of `applicant` in evaluation with `evaluators` assigned and declared, on `call_id`.
async fn in_evaluation(
    app: &TestApp,
    manager: &TestUser,
    applicant: &TestUser,
    call_id: i64,
    evaluators: &[&TestUser],
) -> i64 {
    let id = app.eligible_application(manager, applicant, call_id).await;
    for evaluator in evaluators {
        assign(app, manager, id, evaluator).await;
    }
    let (status, body) = app.act(manager, id, "assign", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    for evaluator in evaluators {
        app.declare_no_conflict(evaluator, id).await;
    }
    id
}

fn scorecard_events(history: &Value) -> Vec<&Value> {
    history.as_array().unwrap().iter().filter(|e| e["action"] == "submit_scorecard").collect()
}

db_test!(
    async fn the_history_keeps_scores_from_evaluators_who_have_not_handed_in_and_from_applicants(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = in_evaluation(&app, &manager, &applicant, call_id, &[&first, &second]).await;
        app.score(&first, id, 2).await;
        let events = format!("/api/v1/applications/{id}/events");

        let (status, seen) = app.get(&second, &events).await;
        assert_eq!(status, StatusCode::OK, "{seen}");
        let handed_in = scorecard_events(&seen);
        assert_eq!(handed_in.len(), 1, "the evaluator sees that a card was handed in");
        assert!(handed_in[0]["payload"].get("total").is_none(), "but not its total: {seen}");
        assert!(handed_in[0]["actor_user_id"].is_null(), "nor who handed it in");
        assert!(
            !seen.to_string().contains(&format!("\"evaluator_id\":{}", first.id)),
            "nor who else evaluates: {seen}"
        );

        let (status, applicants_view) = app.get(&applicant, &events).await;
        assert_eq!(status, StatusCode::OK);
        assert!(scorecard_events(&applicants_view).is_empty(), "applicants see no scorecard: {applicants_view}");
        for evaluator in [&first, &second] {
            assert!(
                !applicants_view.to_string().contains(&format!("\"evaluator_id\":{}", evaluator.id)),
                "applicants never see evaluator ids: {applicants_view}"
            );
        }
        assert!(
            applicants_view.as_array().unwrap().iter().any(|e| e["action"] == "assign"),
            "transitions stay visible"
        );
        assert!(applicants_view.as_array().unwrap().iter().all(|e| e["actor_user_id"].is_null()));

        app.score(&second, id, 3).await;
        let (_, after) = app.get(&second, &events).await;
        let totals: Vec<&Value> = scorecard_events(&after).iter().map(|e| &e["payload"]["total"]).collect();
        assert!(totals.iter().all(|t| t.is_string()), "once their own card is in, the others' totals show: {after}");
        let (_, staff) = app.get(&manager, &events).await;
        assert!(scorecard_events(&staff).iter().all(|e| e["actor_user_id"].is_i64()), "staff see who scored");
    }
);

/// A published call that evaluates anonymously; its form marks the action summary as identifying too.
async fn anonymous_call(app: &TestApp, manager: &TestUser) -> i64 {
    let mut form = grants_domain::form::mmd_full_application();
    form["properties"]["action"]["properties"]["summary"]["x-identity"] = json!(true);
    let mut body = app.call_body("MMD-CFP-2026-07", 30);
    body["settings"] = json!({ "anonymous_evaluation": true, "forms": { "full_application": form } });
    let (status, call) = app.post(manager, "/api/v1/calls", body).await;
    assert_eq!(status, StatusCode::CREATED, "{call}");
    let id = call["id"].as_i64().unwrap();
    let (status, body) = app.post(manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

db_test!(
    async fn anonymous_evaluation_hides_the_applicant_from_evaluators(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "Association Malienne Migration et Développement").await;
        let evaluator = app.evaluator("e1@example.org").await;
        let other = app.evaluator("e2@example.org").await;
        let call_id = anonymous_call(&app, &manager).await;
        let mut answers = app.answers();
        answers["lead"]["name"] = json!("Association Malienne Migration et Développement");
        answers["partners"][0]["name"] = json!("Jeunesse de Tambacounda");
        let draft = app.draft_with(&applicant, call_id, answers.clone()).await;
        let upload = reqwest::multipart::Form::new().text("kind", "statutes").part(
            "file",
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n%AMMD statutes\n".to_vec()).file_name("Statuts AMMD Kayes.pdf"),
        );
        let uploaded = app
            .client
            .post(format!("{}/api/v1/applications/{draft}/attachments", app.address))
            .bearer_auth(&applicant.token)
            .multipart(upload)
            .send()
            .await
            .unwrap();
        assert_eq!(uploaded.status(), StatusCode::CREATED);
        let (status, body) = app.act(&applicant, draft, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app.act(&manager, draft, "open_review", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.pass_checklist(&manager, draft).await;
        let (status, body) = app.act(&manager, draft, "declare_eligible", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for e in [&evaluator, &other] {
            assign(&app, &manager, draft, e).await;
        }
        let (status, body) = app.act(&manager, draft, "assign", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.declare_no_conflict(&evaluator, draft).await;

        let (status, read) = app.get(&evaluator, &format!("/api/v1/applications/{draft}")).await;
        assert_eq!(status, StatusCode::OK, "{read}");
        let text = read.to_string();
        for name in ["Association Malienne", "Jeunesse de Tambacounda"] {
            assert!(!text.contains(name), "{name} is hidden from the evaluator: {text}");
        }
        assert!(read["answers"]["action"].get("summary").is_none(), "the field the form marks is hidden");
        assert_eq!(read["answers"]["action"]["title"], answers["action"]["title"], "the rest is there to score");
        assert_eq!(read["answers"]["lead"]["country"], "ML");
        let (_, files) = app.get(&evaluator, &format!("/api/v1/applications/{draft}/attachments")).await;
        let name = files[0]["filename"].as_str().unwrap();
        assert_eq!(name, format!("attachment-{}.pdf", files[0]["id"]), "a neutral file name");
        let download = app
            .client
            .get(format!("{}/api/v1/applications/{draft}/attachments/{}", app.address, files[0]["id"]))
            .bearer_auth(&evaluator.token)
            .send()
            .await
            .unwrap();
        let disposition = download.headers()["content-disposition"].to_str().unwrap().to_owned();
        assert!(!disposition.contains("AMMD"), "{disposition}");

        let (_, staff_view) = app.get(&manager, &format!("/api/v1/applications/{draft}")).await;
        assert_eq!(staff_view["answers"]["lead"]["name"], "Association Malienne Migration et Développement");
        let (_, own_view) = app.get(&applicant, &format!("/api/v1/applications/{draft}/attachments")).await;
        assert_eq!(own_view[0]["filename"], "Statuts AMMD Kayes.pdf", "the applicant keeps their names");

        app.store().set_password(evaluator.id, "correct horse battery staple").await.unwrap();
        let mut browser = Browser::new(&app);
        browser.sign_in("e1@example.org", "correct horse battery staple").await;
        let (status, page, _) = browser.get(&format!("/applications/{draft}")).await;
        assert_eq!(status, StatusCode::OK);
        for name in ["Association Malienne", "Jeunesse de Tambacounda", "Statuts AMMD"] {
            assert!(!page.contains(name), "{name} is hidden on the evaluator's page");
        }
        assert!(page.contains("evaluated anonymously"), "the page says why the name is missing");

        let emails = app.store().list_outbox(None, 1, 100).await.unwrap();
        for message in emails.items.iter().filter(|m| m.recipient_user_id == Some(evaluator.id)) {
            assert!(!message.payload.to_string().contains("Association Malienne"), "{:?}", message.payload);
        }
    }
);
