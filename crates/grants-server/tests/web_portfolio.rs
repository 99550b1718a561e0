//! Portfolio insight: submitted and funded applications by dimension (API, CSV, a dashboard with charts
//! drawn on the server) for staff, and the public list of awarded projects for calls that opt in.

use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

async fn call(app: &TestApp, manager: &TestUser, reference: &str, publish: bool) -> i64 {
    let mut body = app.call_body(reference, 30);
    body["settings"] = json!({ "publish_awards": publish });
    let (status, created) = app.post(manager, "/api/v1/calls", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    app.post(manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
    id
}

fn bucket<'a>(view: &'a Value, key: &str) -> &'a Value {
    view["buckets"].as_array().unwrap().iter().find(|b| b["key"] == key).unwrap_or_else(|| panic!("{key} in {view}"))
}

db_test!(
    async fn the_portfolio_counts_what_was_submitted_and_funded(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let open_call = call(&app, &manager, "MMD-CFP-2026-01", true).await;
        let quiet_call = call(&app, &manager, "MMD-CFP-2026-02", false).await;
        let malian = app.applicant("aminata@example.org", "AMMD").await;
        let senegalese = app.applicant("fatou@example.org", "Jappo Dakar").await;
        let org = senegalese.organisation_id.unwrap();
        let (status, _) =
            app.patch(&senegalese, &format!("/api/v1/organisations/{org}"), json!({ "country": "SN" })).await;
        assert_eq!(status, StatusCode::OK);
        let funded = app.evaluated_application(&manager, &malian, open_call, &pair, 4).await;
        app.act(&manager, funded, "award", json!({})).await;
        let submitted = app.draft(&senegalese, open_call).await;
        app.act(&senegalese, submitted, "submit", json!({})).await;
        let hidden = app.evaluated_application(&manager, &senegalese, quiet_call, &pair, 4).await;
        app.act(&manager, hidden, "award", json!({})).await;
        app.draft(&malian, quiet_call).await;

        let (status, by_country) = app.get(&manager, "/api/v1/portfolio?by=country").await;
        assert_eq!(status, StatusCode::OK, "{by_country}");
        assert_eq!(bucket(&by_country, "ML")["submitted"], 1, "drafts are not counted: {by_country}");
        assert_eq!(bucket(&by_country, "ML")["awarded"], "280000.00");
        assert_eq!(bucket(&by_country, "SN")["submitted"], 2);
        assert_eq!(bucket(&by_country, "SN")["funded"], 1);
        assert_eq!(bucket(&by_country, "SN")["label_fr"], "Sénégal");
        let (_, by_domain) = app.get(&manager, "/api/v1/portfolio?by=jvap_domain").await;
        assert_eq!(bucket(&by_domain, "development_root_causes")["submitted"], 3);
        assert_eq!(bucket(&by_domain, "development_root_causes")["funded"], 2);
        let (status, body) = app.get(&manager, "/api/v1/portfolio?by=colour").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, _) = app.get(&malian, "/api/v1/portfolio").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "applicants do not see the portfolio");

        let csv = app
            .client
            .get(format!("{}/api/v1/portfolio.csv?by=call", app.address))
            .bearer_auth(&manager.token)
            .send()
            .await
            .unwrap();
        assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
        let text = csv.text().await.unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "call,label_en,label_fr,submitted,requested_eur,funded,awarded_eur");
        assert!(lines.contains(&"MMD-CFP-2026-01,MMD-CFP-2026-01,MMD-CFP-2026-01,2,560000.00,1,280000.00"), "{text}");

        app.store().set_password(manager.id, PASSWORD).await.unwrap();
        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (status, page, _) = desk.get("/portfolio").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page.matches("<svg").count(), 6, "one chart per dimension");
        assert!(page.contains("Senegal") && page.contains("Rabat Process"), "labels from the programme");
        assert!(page.len() < 60 * 1024, "{} bytes", page.len());

        let public = reqwest::Client::new().get(format!("{}/awarded", app.address)).send().await.unwrap();
        assert_eq!(public.status(), StatusCode::OK, "no sign-in needed");
        let page = public.text().await.unwrap();
        let (_, awarded) = app.get(&manager, &format!("/api/v1/applications/{funded}")).await;
        let (_, quiet) = app.get(&manager, &format!("/api/v1/applications/{hidden}")).await;
        assert!(page.contains(awarded["reference"].as_str().unwrap()), "the opted-in call's award is public");
        assert!(page.contains("AMMD") && page.contains("€280,000"));
        assert!(!page.contains(quiet["reference"].as_str().unwrap()), "a call that did not opt in stays private");
        assert!(!page.contains("MMD-CFP-2026-01-0002"), "a submitted, unfunded application is not published");
        for path in ["/open-data/iati-activities.xml", "/open-data/projects.json", "/open-data/projects.csv"] {
            let file = reqwest::Client::new().get(format!("{}{path}", app.address)).send().await.unwrap();
            let file = file.text().await.unwrap();
            assert!(file.contains(awarded["reference"].as_str().unwrap()), "{path} holds the opted-in award");
            assert!(!file.contains(quiet["reference"].as_str().unwrap()), "{path}: a call that did not opt in");
            assert!(!file.contains("Jappo Dakar"), "{path}: nor its organisation");
        }
    }
);

/// The keys and submitted counts of a portfolio view, in its order.
fn counts(view: &Value) -> Vec<(String, u64)> {
    let buckets = view["buckets"].as_array().unwrap();
    buckets.iter().map(|b| (b["key"].as_str().unwrap().to_owned(), b["submitted"].as_u64().unwrap())).collect()
}

db_test!(
    async fn the_tags_follow_an_edit_of_the_answers_into_the_list_and_the_portfolio(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-05").await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let mut answers = app.answers();
        answers["tags"]["jvap_domains"] = json!(["legal_migration_mobility"]);
        answers["tags"]["dialogues"] = json!(["rabat_process"]);
        let id = app.draft_with(&applicant, call_id, answers.clone()).await;
        let tagged = |tag: &str| format!("/api/v1/applications?tag={tag}");
        let (_, found) = app.get(&manager, &tagged("legal_migration_mobility")).await;
        assert_eq!(found["total"], 1, "a new draft is found by its tag: {found}");

        answers["tags"]["jvap_domains"] = json!(["return_readmission_reintegration", "development_root_causes"]);
        answers["tags"]["dialogues"] = json!(["khartoum_process", "c2cmmd"]);
        let (status, body) =
            app.patch(&applicant, &format!("/api/v1/applications/{id}"), json!({ "answers": answers })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, found) = app.get(&manager, &tagged("legal_migration_mobility")).await;
        assert_eq!(found["total"], 0, "the tag taken out of the answers no longer finds it: {found}");
        let (_, found) = app.get(&manager, &tagged("khartoum_process")).await;
        assert_eq!(found["items"][0]["id"], id, "the tag put in finds it: {found}");
        let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let (_, by_domain) = app.get(&manager, "/api/v1/portfolio?by=jvap_domain").await;
        let expected = [("development_root_causes".to_owned(), 1), ("return_readmission_reintegration".to_owned(), 1)];
        assert_eq!(counts(&by_domain), expected, "counted under each domain of the last save: {by_domain}");
        let (_, by_dialogue) = app.get(&manager, "/api/v1/portfolio?by=dialogue").await;
        let expected = [("c2cmmd".to_owned(), 1), ("khartoum_process".to_owned(), 1)];
        assert_eq!(counts(&by_dialogue), expected, "counted under each dialogue of the last save: {by_dialogue}");
        let (_, by_year) = app.get(&manager, "/api/v1/portfolio?by=year").await;
        assert_eq!(counts(&by_year), [(chrono::Datelike::year(&app.now()).to_string(), 1)], "{by_year}");
        assert_eq!(bucket(&by_year, &chrono::Datelike::year(&app.now()).to_string())["requested"], "280000.00");

        answers["tags"]["dialogues"] = json!([]);
        let other = app.applicant("fatou@example.org", "Jappo Dakar").await;
        let without_dialogue = app.draft_with(&other, call_id, answers).await;
        let (status, body) = app.act(&other, without_dialogue, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, by_dialogue) = app.get(&manager, "/api/v1/portfolio?by=dialogue").await;
        let expected = [("c2cmmd".to_owned(), 1), ("khartoum_process".to_owned(), 1), ("none".to_owned(), 1)];
        assert_eq!(counts(&by_dialogue), expected, "no dialogue is counted as none: {by_dialogue}");
    }
);
