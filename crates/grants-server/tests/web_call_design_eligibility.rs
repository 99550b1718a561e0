//! The designer's "who and where" and reporting pages: a manager ticks applicant types, countries (one by
//! one or a whole dialogue at once) and tags, and sets the reporting plan, without typing any JSON.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

/// The values of the ticked boxes named `name`, sorted.
fn ticked(page: &str, action: &str, name: &str) -> Vec<String> {
    let mut values: Vec<String> =
        Browser::form_values(page, action).into_iter().filter(|(n, _)| n == name).map(|(_, v)| v).collect();
    values.sort();
    values
}

/// A stored list of codes, sorted.
fn stored(list: &Value) -> Vec<String> {
    let mut codes: Vec<String> = list.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect();
    codes.sort();
    codes
}

/// The form of `page` with a list button (`op`) pressed.
fn pressed(page: &str, action: &str, op: &str) -> Vec<(String, String)> {
    let mut form = Browser::form_values(page, action);
    form.push(("op".to_owned(), op.to_owned()));
    form
}

async fn french_manager(app: &TestApp) -> (TestUser, Browser) {
    let manager = app.user("gestion@example.org", &[Role::Manager], None, Language::FR).await;
    let desk = Browser::signed_in(app, &manager, "gestion@example.org", PASSWORD).await;
    (manager, desk)
}

async fn draft_call(app: &TestApp, manager: &TestUser, reference: &str) -> (i64, Value) {
    let (status, created) = app.post(manager, "/api/v1/calls", app.call_body(reference, 30)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (created["id"].as_i64().unwrap(), created)
}

db_test!(
    async fn a_manager_chooses_countries_by_dialogue_and_saves_who_and_where(app: TestApp) {
        let (manager, mut desk) = french_manager(&app).await;
        let (id, _) = draft_call(&app, &manager, "MMD-CFP-2027-11").await;
        let stored_first = json!({"settings": {"eligible_countries": ["SN", "ML"], "min_countries": 2}});
        let (status, before) = app.patch(&manager, &format!("/api/v1/calls/{id}"), stored_first).await;
        assert_eq!(status, StatusCode::OK, "{before}");
        let path = format!("/calls/{id}/design/eligibility");

        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(ticked(&page, &path, "eligible_countries"), ["ML", "SN"], "the stored countries are ticked");
        assert!(page.contains("value=\"2\""), "the stored minimum is shown");
        assert!(page.contains("Ajouter tous les pays du Processus de Khartoum"), "the dialogue buttons speak French");
        let at = |code: &str| page.find(&format!("name=\"eligible_countries\" value=\"{code}\"")).unwrap();
        assert!(at("DJ") < at("EG") && at("EG") < at("ER") && at("ER") < at("ES"), "Égypte sorts with the E's");
        assert!(at("ES") < at("FI") && at("DZ") < at("DE") && at("DE") < at("AT"), "Algérie, Allemagne, Autriche");

        let (status, cleared, _) = desk.submit(&path, &pressed(&page, &path, "no_countries")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(ticked(&cleared, &path, "eligible_countries").is_empty(), "every box cleared");
        let (status, khartoum, _) =
            desk.submit(&path, &pressed(&cleared, &path, "add_dialogue:khartoum_process")).await;
        assert_eq!(status, StatusCode::OK);
        let mut members = grants_domain::programme::mmd().dialogue_countries("khartoum_process").to_vec();
        members.sort();
        assert_eq!(ticked(&khartoum, &path, "eligible_countries"), members, "exactly the Khartoum Process");
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], before["version"], "a list button stores nothing");
        assert_eq!(stored(&unchanged["settings"]["eligible_countries"]), ["ML", "SN"]);

        let mut form = Browser::form_values(&khartoum, &path);
        form.retain(|(n, v)| !(n == "eligible_applicant_types" && v == "diaspora"));
        form.retain(|(n, v)| !(n == "dialogues" && v == "rabat_process"));
        form.retain(|(n, v)| !(n == "geographic_levels" && v == "continental"));
        Browser::set(&mut form, "min_countries", "3");
        form.push(("exclude_same_country_evaluators".into(), "on".into()));
        form.push(("op".into(), "save".into()));
        let (status, _, headers) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        let settings = &call["settings"];
        assert_eq!(stored(&settings["eligible_countries"]), members);
        assert_eq!(settings["min_countries"], 3);
        assert_eq!(settings["exclude_same_country_evaluators"], true);
        assert_eq!(stored(&settings["eligible_applicant_types"]), ["civil_society", "local_authority"]);
        assert_eq!(stored(&settings["allowed_tags"]["dialogues"]), ["c2cmmd", "khartoum_process"]);
        assert_eq!(stored(&settings["allowed_tags"]["geographic_levels"]), ["multi_country", "regional"]);
        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains("enregistré"), "the page says it saved");
        assert_eq!(ticked(&page, &path, "dialogues"), ["c2cmmd", "khartoum_process"], "and shows what is stored");
    }
);

db_test!(
    async fn a_refused_choice_keeps_what_was_ticked_and_stores_nothing(app: TestApp) {
        let (manager, mut desk) = french_manager(&app).await;
        let (id, created) = draft_call(&app, &manager, "MMD-CFP-2027-12").await;
        let path = format!("/calls/{id}/design/eligibility");
        let (_, page, _) = desk.get(&path).await;

        let (_, cleared, _) = desk.submit(&path, &pressed(&page, &path, "no_countries")).await;
        let mut form = Browser::form_values(&cleared, &path);
        form.retain(|(n, v)| !(n == "jvap_domains" && v == "protection_asylum"));
        form.push(("op".into(), "save".into()));
        let (status, refused, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.contains("Cochez au moins un pays."), "the reason, in French");
        assert!(refused.contains("href=\"#elig-eligible_countries\""), "the summary links to the countries");
        assert!(!ticked(&refused, &path, "jvap_domains").contains(&"protection_asylum".to_owned()), "kept unticked");

        let (_, two, _) = desk.submit(&path, &pressed(&refused, &path, "add_dialogue:rabat_process")).await;
        let mut form = Browser::form_values(&two, &path);
        form.retain(|(n, v)| n != "eligible_countries" || v == "SN" || v == "ML");
        Browser::set(&mut form, "min_countries", "5");
        form.push(("op".into(), "save".into()));
        let (status, refused, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.contains("au plus le nombre de pays cochés"), "{refused}");
        assert!(refused.contains("aria-invalid=\"true\""), "the minimum is marked");
        assert_eq!(ticked(&refused, &path, "eligible_countries"), ["ML", "SN"], "the ticked countries are kept");
        assert!(refused.contains("value=\"5\""), "the typed minimum is kept");

        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["version"], created["version"], "nothing was stored");
    }
);

db_test!(
    async fn a_published_calls_who_and_where_is_frozen(app: TestApp) {
        let (manager, mut desk) = french_manager(&app).await;
        let (id, _) = draft_call(&app, &manager, "MMD-CFP-2027-13").await;
        let path = format!("/calls/{id}/design/eligibility");
        let (_, page, _) = desk.get(&path).await;
        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let mut form = Browser::form_values(&page, &path);
        form.retain(|(n, _)| n != "eligible_applicant_types");
        form.push(("eligible_applicant_types".into(), "diaspora".into()));
        let (status, _, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(stored(&call["settings"]["eligible_applicant_types"]).len(), 3, "the published rules stand");
    }
);

db_test!(
    async fn the_reporting_plan_set_on_its_page_dates_the_reports_of_the_calls_agreements(app: TestApp) {
        let (manager, mut desk) = french_manager(&app).await;
        let (id, created) = draft_call(&app, &manager, "MMD-CFP-2027-14").await;
        let path = format!("/calls/{id}/design/reporting");
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("périodes de 12 mois"), "the plan explained in French: {page}");
        let form = Browser::form_values(&page, &path);
        let value = |name: &str| form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap();
        assert_eq!((value("period_months"), value("interim_report_days")), ("12".into(), "60".into()));

        let mut wrong = form.clone();
        Browser::set(&mut wrong, "period_months", "36");
        Browser::set(&mut wrong, "final_report_months", "trois");
        let (status, refused, _) = desk.submit(&path, &wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.contains("Saisissez un nombre entier de mois, par exemple 3."), "{refused}");
        assert!(refused.contains("value=\"trois\"") && refused.contains("value=\"36\""), "what was typed is kept");
        let mut wrong = form.clone();
        Browser::set(&mut wrong, "period_months", "36");
        let (status, refused, _) = desk.submit(&path, &wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.contains("entre 3 et 24 mois"), "{refused}");
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["version"], created["version"], "nothing was stored");

        let mut form = form.clone();
        Browser::set(&mut form, "period_months", "6");
        Browser::set(&mut form, "interim_report_days", "30");
        Browser::set(&mut form, "final_report_months", "2");
        let (status, _, headers) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        let plan = json!({"period_months": 6, "interim_report_days": 30, "final_report_months": 2});
        assert_eq!(call["settings"]["reporting_plan"], plan);
        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains("Le plan de rapports est enregistré."), "the page says it saved");

        // An agreement signed under this call reports every six months.
        let (status, body) = app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::CONFLICT, "a published call's plan is frozen");
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let application = app.evaluated_application(&manager, &applicant, id, &pair, 4).await;
        assert_eq!(app.act(&manager, application, "award", json!({})).await.0, StatusCode::OK);
        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2027-12-31" } });
        let (status, body) = app.act(&manager, application, "sign_agreement", terms).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{application}/grant")).await;
        let due: Vec<&str> =
            file["reports"].as_array().unwrap().iter().map(|r| r["due_on"].as_str().unwrap()).collect();
        assert_eq!(due, ["2027-07-30", "2028-02-29"], "30 days after the first half-year; 2 months after the end");
    }
);
