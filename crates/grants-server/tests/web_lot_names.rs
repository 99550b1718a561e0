//! Lots are named in both languages: clients send and read the French name through the API, and each
//! reader sees a lot's name in their own language on the call page, the ranking and the evaluation report
//! (falling back to the name when a lot has no French one).

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn each_reader_sees_the_lot_names_in_their_language(app: TestApp) {
        let manager = app.manager().await;
        let mut body = app.call_body("MMD-CFP-2027-05", 30);
        body["lots"] = json!([
            { "name": "West Africa", "name_fr": "Afrique de l'Ouest", "budget": "900000" },
            { "name": "Horn of Africa", "budget": "600000.00" },
        ]);
        let (status, created) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(created["lots"][0]["name_fr"], "Afrique de l'Ouest");
        assert!(created["lots"][1].get("name_fr").is_none(), "no French name, none shown");
        let id = created["id"].as_i64().unwrap();
        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK);

        let francophone = app.user("gestionnaire@example.org", &[Role::Manager], None, Language::FR).await;
        let mut french = Browser::signed_in(&app, &francophone, "gestionnaire@example.org", PASSWORD).await;
        let mut english = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let paths = [
            format!("/calls/{id}"),
            format!("/calls/{id}/ranking"),
            format!("/calls/{id}/report?section=decisions"),
            format!("/calls/{id}/report/whole"),
        ];
        for path in paths {
            let (status, page, _) = french.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(page.contains("Afrique de l&#x27;Ouest"), "{path} in French");
            assert!(!page.contains("West Africa"), "{path}: no English name for a French reader");
            assert!(page.contains("Horn of Africa"), "{path}: a lot without a French name keeps its name");
            let (status, page, _) = english.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(page.contains("West Africa"), "{path} in English");
            assert!(!page.contains("Afrique de l"), "{path}: no French name for an English reader");
        }
    }
);
