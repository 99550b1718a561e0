//! Evaluation through the API: declarations before content, independent scoring, discrepancies,
//! automatic completion, ranking, and awards that never exceed a lot's budget.

use futures::future::join_all;
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

async fn assign(app: &TestApp, manager: &TestUser, id: i64, evaluator: &TestUser) {
    let (status, body) = app
        .post(manager, &format!("/api/v1/applications/{id}/evaluators"), json!({"evaluator_id": evaluator.id}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

db_test!(
    async fn evaluators_declare_before_reading_and_score_independently(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second, third, outsider) = (
            app.evaluator("e1@example.org").await,
            app.evaluator("e2@example.org").await,
            app.evaluator("e3@example.org").await,
            app.evaluator("e4@example.org").await,
        );
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        assign(&app, &manager, id, &first).await;
        let (status, refused) = app.act(&manager, id, "assign", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "one evaluator is not enough: {refused}");
        assign(&app, &manager, id, &second).await;
        let (status, body) = app.act(&manager, id, "assign", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["emails_queued"], 2, "each evaluator is told");

        let application = format!("/api/v1/applications/{id}");
        for path in [
            application.clone(),
            format!("{application}/attachments"),
            format!("{application}/scorecards"),
            format!("{application}/events"),
        ] {
            let (status, body) = app.get(&first, &path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{path} before the declaration: {body}");
            assert_eq!(body["error"], "declaration_required");
            let (status, _) = app.get(&outsider, &path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path} for an unassigned evaluator");
        }
        let (_, listed) = app.get(&first, "/api/v1/applications").await;
        assert_eq!(listed["total"], 0, "nothing listed before the declaration");

        app.declare_no_conflict(&first, id).await;
        let (status, read) = app.get(&first, &application).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(read["answers"]["action"]["title"], app.answers()["action"]["title"]);
        let (_, listed) = app.get(&first, "/api/v1/applications").await;
        assert_eq!(listed["total"], 1);

        let (status, body) = app
            .post(
                &second,
                &format!("{application}/declaration"),
                json!({"conflict_of_interest": true, "statement": "I advised the lead in 2025"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["status"], "conflict");
        let (status, _) = app.get(&second, &application).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a conflicted evaluator is off the application");
        assign(&app, &manager, id, &outsider).await;
        let (_, register) = app.get(&manager, &format!("{application}/evaluators")).await;
        let slot = register.as_array().unwrap().last().unwrap()["id"].as_i64().unwrap();
        let remove = format!("{application}/evaluators/{slot}/remove");
        let (status, _) = app.post(&manager, &remove, json!({"note": " "})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a removal needs its reason");
        let (status, removed) = app.post(&manager, &remove, json!({"note": "unavailable this month"})).await;
        assert_eq!(status, StatusCode::OK, "{removed}");
        assert_eq!(removed["status"], "removed");
        assign(&app, &manager, id, &third).await;
        app.declare_no_conflict(&third, id).await;

        app.score(&first, id, 4).await;
        let scorecard = format!("{application}/scorecard");
        let (status, _) =
            app.send(reqwest::Method::PUT, Some(&third.token), &scorecard, Some(TestApp::scorecard(4))).await;
        assert_eq!(status, StatusCode::OK);
        let (_, seen) = app.get(&third, &format!("{application}/scorecards")).await;
        let authors: Vec<i64> = seen.as_array().unwrap().iter().map(|s| s["evaluator_id"].as_i64().unwrap()).collect();
        assert_eq!(authors, [third.id], "no other scorecard before submitting one's own");
        let (status, _) = app.post(&third, &format!("{scorecard}/submit"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, seen) = app.get(&third, &format!("{application}/scorecards")).await;
        assert_eq!(seen.as_array().unwrap().len(), 2, "after submitting, the others are visible");

        let (_, read) = app.get(&manager, &application).await;
        assert_eq!(read["state"], "evaluated", "two scorecards in, no discrepancy: complete");
        let (_, evaluation) = app.get(&manager, &format!("{application}/evaluation")).await;
        assert_eq!(evaluation["consolidation"]["total"], "80");
        assert_eq!(evaluation["complete"], true);
        let (_, register) = app.get(&manager, &format!("{application}/evaluators")).await;
        let statuses: Vec<&str> = register.as_array().unwrap().iter().map(|a| a["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["declared", "conflict", "removed", "declared"], "the register keeps every change");
    }
);

db_test!(
    async fn a_discrepancy_waits_for_an_arbitration(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        let (status, made) = app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{made}");
        assert_eq!(made.as_array().unwrap().len(), 2);
        app.act(&manager, id, "assign", json!({})).await;
        for evaluator in [&first, &second] {
            app.declare_no_conflict(evaluator, id).await;
        }
        app.score(&first, id, 5).await;
        app.score(&second, id, 2).await;
        let path = format!("/api/v1/applications/{id}");
        let (_, read) = app.get(&manager, &path).await;
        assert_eq!(read["state"], "in_evaluation", "100 against 40: a third opinion is needed");
        let (_, evaluation) = app.get(&manager, &format!("{path}/evaluation")).await;
        assert!(evaluation["missing"].as_str().unwrap().contains("discrepancy"), "{evaluation}");
        let (status, _) = app
            .post(
                &manager,
                &format!("{path}/arbitration"),
                json!({"note": "Evaluator 2 misread the budget annex; 5 stands for capacity."}),
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, read) = app.get(&manager, &path).await;
        assert_eq!(read["state"], "evaluated");
    }
);

db_test!(
    async fn thirty_two_concurrent_awards_never_exceed_the_lot_budget(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        // Each application asks 280 000 EUR; the single lot holds 2 800 000 EUR: ten awards fit.
        let mut body = app.call_body("MMD-CFP-2026-01", 30);
        body["total_budget"] = json!("2800000.00");
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let mut ids = Vec::new();
        for _ in 0..32 {
            ids.push(app.eligible_application(&manager, &applicant, call_id).await);
        }
        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        for id in &ids {
            let (status, body) = app.act(&manager, *id, "assign", json!({})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            for evaluator in [&first, &second] {
                app.declare_no_conflict(evaluator, *id).await;
                app.score(evaluator, *id, 4).await;
            }
        }
        let (_, evaluated) =
            app.get(&manager, &format!("/api/v1/applications?call_id={call_id}&state=evaluated&per_page=100")).await;
        assert_eq!(evaluated["total"], 32);

        let answers =
            join_all(ids.iter().map(|id| app.act(&manager, *id, "award", json!({"reason": "ranked within budget"}))))
                .await;
        let awarded = answers.iter().filter(|(status, _)| *status == StatusCode::OK).count();
        let refused: Vec<_> = answers.iter().filter(|(status, _)| *status == StatusCode::CONFLICT).collect();
        assert_eq!(awarded, 10, "{answers:?}");
        assert_eq!(refused.len(), 22);
        assert!(refused.iter().all(|(_, body)| body["message"].as_str().unwrap().contains("EUR left")), "{refused:?}");
        let (_, list) =
            app.get(&manager, &format!("/api/v1/applications?call_id={call_id}&state=awarded&per_page=100")).await;
        let sum: rust_decimal::Decimal = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["requested_amount"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap())
            .sum();
        assert!(sum <= rust_decimal::Decimal::from(2_800_000), "awarded {sum}");
        assert_eq!(list["total"], 10);

        let (status, ranking) = app.get(&manager, &format!("/api/v1/calls/{call_id}/ranking")).await;
        assert_eq!(status, StatusCode::OK, "{ranking}");
        assert_eq!(ranking["proposals"][0]["awarded"].as_array().unwrap().len(), 10);
    }
);

db_test!(
    async fn decisions_follow_the_proposal_and_the_report_adds_up(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let mut body = app.call_body("MMD-CFP-2026-01", 30);
        body["total_budget"] = json!("560000.00");
        let (_, call) = app.post(&manager, "/api/v1/calls", body).await;
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let mut ids = Vec::new();
        for _ in 0..4 {
            ids.push(app.eligible_application(&manager, &applicant, call_id).await);
        }
        app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        // Scores 5, 4, 3 and 2 on every criterion: totals 100, 80, 60 and 40; the last fails the
        // capacity minimum (8 < 12).
        for (id, score) in ids.iter().zip([5, 4, 3, 2]) {
            app.act(&manager, *id, "assign", json!({})).await;
            for evaluator in [&first, &second] {
                app.declare_no_conflict(evaluator, *id).await;
                app.score(evaluator, *id, score).await;
            }
        }
        let (_, ranking) = app.get(&manager, &format!("/api/v1/calls/{call_id}/ranking")).await;
        let proposal = &ranking["proposals"][0];
        let awarded: Vec<i64> =
            proposal["awarded"].as_array().unwrap().iter().map(|a| a["application_id"].as_i64().unwrap()).collect();
        assert_eq!(awarded, [ids[0], ids[1]], "{ranking}");
        assert_eq!(proposal["reserve"], json!([ids[2]]));
        assert_eq!(ranking["eliminated"][0]["application_id"], ids[3]);

        for (id, action, body) in [
            (ids[0], "award", json!({"reason": "rank 1"})),
            (ids[1], "award", json!({"reason": "rank 2"})),
            (ids[2], "reserve", json!({"reason": "rank 3: no budget left"})),
            (ids[3], "reject", json!({"reason": "capacity below the eliminatory minimum"})),
        ] {
            let (status, answer) = app.act(&manager, id, action, body).await;
            assert_eq!(status, StatusCode::OK, "{action}: {answer}");
        }
        let (status, body) = app.act(&applicant, ids[1], "decline", json!({"reason": "our partner withdrew"})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, offered) = app.get(&manager, &format!("/api/v1/applications/{}", ids[2])).await;
        assert_eq!(offered["state"], "awarded", "the first reserve that fits is offered the award");

        let response = app
            .client
            .get(format!("{}/api/v1/calls/{call_id}/evaluation-report.csv", app.address))
            .bearer_auth(&manager.token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = response.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let awarded_column = headers.iter().position(|h| h == "awarded_amount").unwrap();
        let evaluator_column = headers.iter().position(|h| h == "evaluator").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 8, "one row per application and evaluator");
        assert!(rows.iter().all(|r| !r[evaluator_column].is_empty()));
        let sum: rust_decimal::Decimal = rows
            .iter()
            .filter(|r| !r[awarded_column].is_empty())
            .map(|r| r[awarded_column].parse::<rust_decimal::Decimal>().unwrap())
            .sum();
        assert_eq!(sum.to_string(), "560000.00", "the awarded column adds up to the awarded total");

        let (_, report) = app.get(&manager, &format!("/api/v1/calls/{call_id}/evaluation-report")).await;
        assert_eq!(report["awarded_total"], "560000.00");
        assert_eq!(report["declarations"].as_array().unwrap().len(), 8);
        let page = app
            .client
            .get(format!("{}/api/v1/calls/{call_id}/evaluation-report.html", app.address))
            .bearer_auth(&manager.token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        for section in ["Opening record", "Eligibility", "Consolidated scores", "Reserve list", "conflicts of interest"]
        {
            assert!(page.contains(section), "{section}");
        }
        let (status, _) = app.get(&applicant, &format!("/api/v1/calls/{call_id}/evaluation-report")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    async fn a_shortlisted_concept_note_becomes_a_locked_full_application(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (first, second) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let mut body = app.call_body("MMD-CFP-2026-30", 30);
        body["procedure"] = json!("restricted");
        let deadline: chrono::DateTime<chrono::Utc> = body["deadline_at"].as_str().unwrap().parse().unwrap();
        let full_deadline = deadline + chrono::Duration::days(60);
        body["settings"] = json!({"full_application_deadline": full_deadline.to_rfc3339()});
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
        app.act(&applicant, id, "submit", json!({})).await;
        app.clock.set(deadline + chrono::Duration::minutes(1));
        let report = app.store().run_due_jobs(app.now()).await.unwrap();
        assert_eq!((report.calls_closed, report.reviews_opened), (1, 1));
        app.pass_checklist(&manager, id).await;
        app.act(&manager, id, "declare_eligible", json!({})).await;
        app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        app.act(&manager, id, "assign", json!({})).await;
        let grid = grants_domain::evaluation::Grid::concept_note_default();
        for evaluator in [&first, &second] {
            app.declare_no_conflict(evaluator, id).await;
            let path = format!("/api/v1/applications/{id}/scorecard");
            let (status, body) = app
                .send(reqwest::Method::PUT, Some(&evaluator.token), &path, Some(TestApp::scorecard_for(&grid, 4)))
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            app.post(evaluator, &format!("{path}/submit"), json!({})).await;
        }
        let (_, ranking) = app.get(&manager, &format!("/api/v1/calls/{call_id}/ranking")).await;
        assert_eq!(ranking["proposals"][0]["shortlist"], json!([id]), "{ranking}");
        let (status, refused) = app.act(&manager, id, "award", json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "a concept note is shortlisted, not awarded: {refused}");
        let (status, shortlisted) =
            app.act(&manager, id, "shortlist", json!({"reason": "within twice the lot budget"})).await;
        assert_eq!(status, StatusCode::OK, "{shortlisted}");
        assert_eq!(shortlisted["state"], "invited");

        let (_, list) = app.get(&applicant, &format!("/api/v1/applications?call_id={call_id}&state=draft")).await;
        let invited = &list["items"][0];
        assert_eq!(invited["stage"], "full_application");
        assert_eq!(invited["concept_note_id"], id);
        assert!(invited.get("answers").is_none(), "lists carry summaries, not answers");
        let full_id = invited["id"].as_i64().unwrap();
        let path = format!("/api/v1/applications/{full_id}");
        let (_, invited) = app.get(&applicant, &path).await;
        assert_eq!(invited["answers"]["lead"], full["lead"], "carried over from the concept note");

        let mut changed = full.clone();
        changed["lead"]["name"] = json!("Another organisation");
        let (status, refused) = app.patch(&applicant, &path, json!({"answers": changed})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["details"]["fields"][0]["code"], "locked_field");

        let mut greedy = full.clone();
        greedy["budget"]["requested_amount"] = json!("345000.00");
        greedy["budget"]["own_contribution"] = json!("0.00");
        greedy["budget"]["total"] = json!("345000.00");
        let (status, _) = app.patch(&applicant, &path, json!({"answers": greedy})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, refused) = app.act(&applicant, full_id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let codes: Vec<&str> = refused["details"]["failures"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["fields"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()))
            .collect();
        assert!(codes.contains(&"requested_variation"), "{codes:?}");

        let (status, _) = app.patch(&applicant, &path, json!({"answers": full})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, submitted) = app.act(&applicant, full_id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "the call is closed but full applications are due later: {submitted}");
    }
);
