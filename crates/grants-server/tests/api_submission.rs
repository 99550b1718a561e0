//! Submission checks: the call's form (every error, in the applicant's language) and the automatic
//! eligibility rules (each refusal names its rule).

use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Submits and returns (status, failures' fields as (path, code, message)).
async fn submit(app: &TestApp, applicant: &TestUser, id: i64) -> (StatusCode, Value, Vec<(String, String, String)>) {
    let (status, body) = app.act(applicant, id, "submit", json!({})).await;
    let mut fields = Vec::new();
    for failure in body["details"]["failures"].as_array().cloned().unwrap_or_default() {
        for field in failure["fields"].as_array().cloned().unwrap_or_default() {
            fields.push((
                field["field"].as_str().unwrap().to_owned(),
                field["code"].as_str().unwrap().to_owned(),
                field["message"].as_str().unwrap().to_owned(),
            ));
        }
    }
    (status, body, fields)
}

async fn call_with(app: &TestApp, manager: &TestUser, reference: &str, changes: Value) -> i64 {
    let mut body = app.call_body(reference, 30);
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    let (status, call) = app.post(manager, "/api/v1/calls", body).await;
    assert_eq!(status, StatusCode::CREATED, "{call}");
    let id = call["id"].as_i64().unwrap();
    let (status, published) = app.post(manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{published}");
    id
}

db_test!(
    async fn five_form_errors_come_back_together_in_french(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut answers = app.answers();
        answers["action"].as_object_mut().unwrap().remove("title");
        answers["lead"]["country"] = json!("Mali");
        answers["budget"]["lines"][1]["amount"] = json!("12,5");
        answers["logframe"]["objectives"] = json!([]);
        answers["logframe"]["indicators"][0].as_object_mut().unwrap().remove("target");
        let id = app.draft_with(&applicant, call_id, answers).await;

        let (status, body, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let paths: Vec<&str> = fields.iter().map(|(path, _, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/action/title",
                "/budget/lines/1/amount",
                "/lead/country",
                "/logframe/indicators/0/target",
                "/logframe/objectives"
            ],
            "{body}"
        );
        let messages: Vec<&str> = fields.iter().map(|(_, _, m)| m.as_str()).collect();
        assert!(messages[0].contains("est obligatoire"), "{messages:?}");
        for message in &messages {
            assert!(!message.contains(" is ") && !message.contains(" must "), "French only: {message}");
        }
        let (_, still) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(still["state"], "draft");
        assert_eq!(still["reference"], Value::Null, "a refused submission takes no reference");
    }
);

db_test!(
    async fn an_english_speaker_reads_the_same_errors_in_english(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app
            .user("chinedu@example.org", &[grants_domain::Role::Applicant], Some("LMRI"), grants_domain::Language::EN)
            .await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut answers = app.answers();
        answers["action"].as_object_mut().unwrap().remove("title");
        let id = app.draft_with(&applicant, call_id, answers).await;
        let (status, _, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].2, "Action title is required");
    }
);

db_test!(
    async fn eligibility_rules_refuse_and_name_the_rule(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;

        // The applicant organisation is Malian; this call is open to Senegal, Burkina Faso and Niger only.
        let elsewhere = call_with(
            &app,
            &manager,
            "MMD-CFP-2026-11",
            json!({"settings": {"eligible_countries": ["SN", "BF", "NE"]}}),
        )
        .await;
        let id = app.draft(&applicant, elsewhere).await;
        let (status, body, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let rules: Vec<&str> = fields.iter().map(|(_, code, _)| code.as_str()).collect();
        assert!(rules.contains(&"lead_country"), "{rules:?}");
        assert!(rules.contains(&"implementation_country"), "{rules:?}");
        assert!(body["message"].as_str().unwrap().contains("(ML)"), "{body}");

        // 280 000 EUR asked where the maximum grant is 250 000.
        let small = call_with(&app, &manager, "MMD-CFP-2026-12", json!({"max_grant": "250000"})).await;
        let id = app.draft(&applicant, small).await;
        let (status, _, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].1, "requested_above_maximum");
        assert!(fields[0].2.contains("250000.00"), "{fields:?}");

        // 300 000 of 320 000 EUR is 93.75 %, above the 90 % co-financing cap.
        let capped = app.published_call(&manager, "MMD-CFP-2026-13").await;
        let mut answers = app.answers();
        answers["budget"]["requested_amount"] = json!("300000.00");
        answers["budget"]["own_contribution"] = json!("20000.00");
        let id = app.draft_with(&applicant, capped, answers).await;
        let (status, _, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields.len(), 1, "{fields:?}");
        assert_eq!(fields[0].0, "/budget/requested_amount");
        assert_eq!(fields[0].1, "cofinancing_cap");
        assert!(fields[0].2.contains("90 %"), "{fields:?}");

        let (_, list) = app.get(&applicant, "/api/v1/applications?state=submitted").await;
        assert_eq!(list["total"], 0, "nothing was submitted");
        assert_eq!(app.store().count_outbox().await.unwrap(), 3, "only the three publication notices were queued");
    }
);

db_test!(
    async fn soft_rules_flag_without_blocking(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut answers = app.answers();
        answers["lead"]["organisation_type"] = json!("diaspora");
        let id = app.draft_with(&applicant, call_id, answers).await;
        let (status, body, _) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, seen_by_manager) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(seen_by_manager["eligibility_flags"][0]["code"], "declared_type_differs");
        let (_, seen_by_applicant) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(seen_by_applicant["eligibility_flags"], json!([]), "flags are for managers");
    }
);

db_test!(
    async fn calls_refuse_broken_rules_and_freeze_at_publication(app: TestApp) {
        let manager = app.manager().await;
        let mut body = app.call_body("MMD-CFP-2026-01", 30);
        body["settings"] = json!({
            "eligible_countries": ["ML", "US"],
            "forms": {"full_application": {"type": "nonsense"}},
            "max_cofinancing_rate": "1.5",
        });
        body["lots"] = json!([{"name": "West", "budget": "1000000"}, {"name": "East", "budget": "100000"}]);
        let (status, refused) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let fields: Vec<&str> =
            refused["details"]["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
        for expected in [
            "/settings/max_cofinancing_rate",
            "/settings/eligible_countries/1",
            "/settings/forms/full_application",
            "/lots",
        ] {
            assert!(fields.contains(&expected), "{expected} in {fields:?}");
        }

        let mut body = app.call_body("MMD-CFP-2026-02", 30);
        body["lots"] =
            json!([{"name": "West Africa", "budget": "900000"}, {"name": "Horn of Africa", "budget": "600000.00"}]);
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        assert_eq!(call["lots"][1]["budget"], "600000.00");
        assert_eq!(call["settings"]["max_cofinancing_rate"], "0.90");
        assert_eq!(call["settings"]["evaluators_per_application"], 2);
        assert_eq!(call["settings"]["eligible_countries"].as_array().unwrap().len(), 66);
        let id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        let (status, refused) =
            app.patch(&manager, &format!("/api/v1/calls/{id}"), json!({"settings": {"min_countries": 2}})).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["settings"]["min_countries"], 1, "the published rules did not change");

        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (status, refused) = app.post(&applicant, "/api/v1/applications", json!({"call_id": id})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "two lots: the applicant must choose: {refused}");
        let lot = call["lots"][1]["id"].as_i64().unwrap();
        let (status, created) =
            app.post(&applicant, "/api/v1/applications", json!({"call_id": id, "lot_id": lot})).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["lot_id"], lot);
    }
);

db_test!(
    async fn a_hundred_concurrent_submissions_get_consecutive_references(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-09").await;
        let mut drafts = Vec::new();
        for n in 0..100 {
            let applicant = app.applicant(&format!("applicant{n}@example.org"), &format!("Organisation {n}")).await;
            let id = app.draft(&applicant, call_id).await;
            drafts.push((applicant, id));
        }
        let answers = futures::future::join_all(
            drafts.iter().map(|(applicant, id)| app.act(applicant, *id, "submit", json!({}))),
        )
        .await;
        assert!(answers.iter().all(|(status, _)| *status == StatusCode::OK), "{answers:?}");
        let (_, list) = app.get(&manager, &format!("/api/v1/applications?call_id={call_id}&per_page=100")).await;
        let mut references: Vec<String> =
            list["items"].as_array().unwrap().iter().map(|a| a["reference"].as_str().unwrap().to_owned()).collect();
        references.sort();
        let expected: Vec<String> = (1..=100).map(|n| format!("MMD-CFP-2026-09-{n:04}")).collect();
        assert_eq!(references, expected);
    }
);

db_test!(
    async fn restricted_calls_start_with_a_concept_note(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let mut body = app.call_body("MMD-CFP-2026-20", 30);
        body["procedure"] = json!("restricted");
        let deadline: chrono::DateTime<chrono::Utc> = body["deadline_at"].as_str().unwrap().parse().unwrap();
        body["settings"] = json!({"full_application_deadline": (deadline - chrono::Duration::days(1)).to_rfc3339()});
        let (status, refused) = app.post(&manager, "/api/v1/calls", body.clone()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert_eq!(refused["details"]["fields"][0]["field"], "/settings/full_application_deadline");
        body["settings"] = json!({"full_application_deadline": (deadline + chrono::Duration::days(60)).to_rfc3339()});
        body["reference"] = json!("MMD-CFP-2026-21");
        let call_id = call_with(&app, &manager, "MMD-CFP-2026-21", body).await;

        let full = app.answers();
        let id = app.draft_with(&applicant, call_id, full.clone()).await;
        let (_, draft) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(draft["stage"], "concept_note");
        let (status, _, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the concept-note form has no logframe");
        assert!(fields.iter().any(|(path, code, _)| path == "/" && code == "additional_properties"), "{fields:?}");

        let mut concept = full.clone();
        let object = concept.as_object_mut().unwrap();
        object.remove("logframe");
        object.insert(
            "budget".into(),
            json!({"total": full["budget"]["total"], "requested_amount": full["budget"]["requested_amount"]}),
        );
        let (status, updated) =
            app.patch(&applicant, &format!("/api/v1/applications/{id}"), json!({"answers": concept})).await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        let (status, body, fields) = submit(&app, &applicant, id).await;
        assert_eq!(status, StatusCode::OK, "{body} {fields:?}");
        let (_, read) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["reference"], "MMD-CFP-2026-21-0001");
    }
);
