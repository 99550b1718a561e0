//! Managers edit a draft call on its page (rules, lots, settings) until it is published; then its rules
//! are frozen and the page says so. What was typed always comes back with the errors next to the fields.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn a_manager_edits_a_draft_call_until_it_is_published(app: TestApp) {
        let manager = app.manager().await;
        app.store().set_password(manager.id, PASSWORD).await.unwrap();
        let (status, created) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2027-01", 30)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_i64().unwrap();
        let path = format!("/calls/{id}/edit");
        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/calls/{id}")).await;
        assert!(page.contains(&format!("href=\"{path}\"")), "a draft call offers its edit form");
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("value=\"MMD-CFP-2027-01\""), "the form shows the call as it is");
        let original = Browser::form_values(&page, &path);

        // "Add a lot" brings back the page with one more row and everything typed, saving nothing.
        let mut form = original.clone();
        Browser::set(&mut form, "title_en", "Mobility partnerships <b>2027</b>");
        Browser::set(&mut form, "lots_0_name", "Rabat Process");
        Browser::set(&mut form, "op", "add_lot");
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Mobility partnerships &lt;b&gt;2027&lt;/b&gt;"), "typed text comes back escaped");
        let added = Browser::form_values(&page, &path);
        assert_eq!(value(&added, "lots_0_name"), "Rabat Process", "the typed lot is kept");
        assert_eq!(value(&added, "lots_1_name"), "", "a new empty row");
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], created["version"], "adding a row saves nothing");

        // Two mistakes at once: a lot without its budget, and a minimum above the maximum.
        let mut form = added.clone();
        Browser::set(&mut form, "lots_1_name", "Khartoum Process");
        Browser::set(&mut form, "min_grant", "900000");
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"call-lots-1-budget-error\""), "the error sits beside the second lot's budget");
        assert!(page.contains("href=\"#call-lots-1-budget\""), "the summary leads to it");
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], created["version"], "a refused form changes nothing");

        // A lot the store refuses (no name) is pointed at beside that lot.
        let mut form = added.clone();
        Browser::set(&mut form, "lots_0_name", "");
        Browser::set(&mut form, "lots_0_budget", "600 000");
        Browser::set(&mut form, "lots_1_name", "Khartoum Process");
        Browser::set(&mut form, "lots_1_budget", "900 000");
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert!(page.contains("id=\"call-lots-0-name-error\""), "the store's reason sits beside the first lot");
        let kept = Browser::form_values(&page, &path);
        assert_eq!(value(&kept, "lots_1_budget"), "900 000", "the budget comes back as typed");

        // Removing a row keeps the others.
        let mut form = kept.clone();
        Browser::set(&mut form, "op", "remove_lot_0");
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::OK);
        let removed = Browser::form_values(&page, &path);
        assert_eq!(value(&removed, "lots_0_name"), "Khartoum Process");
        assert!(removed.iter().all(|(name, _)| name != "lots_1_name"), "one row left");

        let mut form = added.clone();
        Browser::set(&mut form, "title_en", "Mobility partnerships 2027");
        Browser::set(&mut form, "lots_0_budget", "600 000");
        Browser::set(&mut form, "lots_1_name", "Khartoum Process");
        Browser::set(&mut form, "lots_1_name_fr", "Processus de Khartoum");
        Browser::set(&mut form, "lots_1_budget", "400 000,00");
        Browser::set(&mut form, "evaluators_per_application", "3");
        Browser::set(&mut form, "award_order", "fill");
        Browser::set(&mut form, "comment_required_below", "2");
        Browser::set(&mut form, "discrepancy_trigger", "0,25");
        Browser::set(&mut form, "total_budget", "1000000");
        let (status, page, headers) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(headers["location"], format!("/calls/{id}").as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["title_en"], "Mobility partnerships 2027");
        assert_eq!(call["lots"].as_array().unwrap().len(), 2, "{call}");
        assert_eq!(call["lots"][0]["name"], "Rabat Process");
        assert_eq!(call["lots"][1]["name"], "Khartoum Process");
        assert_eq!(call["lots"][1]["name_fr"], "Processus de Khartoum", "both names are stored");
        assert!(call["lots"][0].get("name_fr").is_none(), "a lot without a French name has none");
        assert_eq!(call["lots"][1]["budget"], "400000.00");
        assert_eq!(call["settings"]["evaluators_per_application"], 3);
        assert_eq!(call["settings"]["award_order"], "fill");
        assert_eq!(call["settings"]["comment_required_below"], 2);
        assert_eq!(call["settings"]["discrepancy_trigger"], "0.25", "a French decimal comma is read");
        assert_eq!(call["version"], created["version"].as_i64().unwrap() + 1);

        // The first form again, on the old version: someone saved in between.
        let (status, page, _) = desk.submit(&path, &original).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        let (_, still) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(still["title_en"], "Mobility partnerships 2027");

        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, page, _) = desk.get(&format!("/calls/{id}")).await;
        assert!(!page.contains(&format!("href=\"{path}\"")), "a published call offers no edit");
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains("frozen"), "the page says why");
        let (_, page, _) = desk.get(&format!("/calls/{id}")).await;
        let csrf = Browser::csrf_in(&page);
        let mut late = original.clone();
        Browser::set(&mut late, "csrf", &csrf);
        Browser::set(&mut late, "version", &published_version(&app, &manager, id).await);
        Browser::set(&mut late, "title_en", "Changed after publication");
        let (status, page, _) = desk.submit(&path, &late).await;
        assert_eq!(status, StatusCode::CONFLICT, "refused as frozen");
        assert!(page.contains("frozen"), "the page says why");
        let (_, published) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(published["title_en"], "Mobility partnerships 2027", "a published call's rules never change");
    }
);

fn value(form: &[(String, String)], name: &str) -> String {
    form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

async fn published_version(app: &TestApp, manager: &grants_testkit::TestUser, id: i64) -> String {
    let (_, call) = app.get(manager, &format!("/api/v1/calls/{id}")).await;
    call["version"].to_string()
}

db_test!(
    async fn only_managers_reach_the_call_design_pages(app: TestApp) {
        let manager = app.manager().await;
        let auditor = app.user("auditor@example.org", &[Role::Auditor], None, Language::EN).await;
        app.store().set_password(auditor.id, PASSWORD).await.unwrap();
        let (_, created) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2027-02", 30)).await;
        let id = created["id"].as_i64().unwrap();
        let mut reader = Browser::new(&app);
        reader.sign_in("auditor@example.org", PASSWORD).await;
        let (status, page, _) = reader.get(&format!("/calls/{id}")).await;
        assert_eq!(status, StatusCode::OK, "auditors read draft calls");
        assert!(!page.contains("/edit\""), "but are offered no edit");
        let (status, _, _) = reader.get(&format!("/calls/{id}/edit")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) =
            reader.post(&format!("/calls/{id}/edit"), &[("csrf", csrf.as_str()), ("title_en", "Renamed")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["version"], created["version"]);
    }
);
