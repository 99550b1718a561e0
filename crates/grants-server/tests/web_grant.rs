//! The grant on the pages: the manager records the signed agreement from the application page, the grantee
//! writes the report on its page (errors in French, what was typed kept), the manager reviews it and
//! records the payment; nobody else reaches the report.

use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

async fn signed_in(app: &TestApp, user: &TestUser, email: &str) -> Browser {
    Browser::signed_in(app, user, email, PASSWORD).await
}

db_test!(
    async fn a_grant_is_signed_reported_and_paid_from_the_pages(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let stranger = app.applicant("moussa@example.org", "Autre").await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.evaluated_application(&manager, &applicant, call_id, &pair, 4).await;
        app.act(&manager, id, "award", json!({})).await;

        let mut desk = signed_in(&app, &manager, "manager@example.org").await;
        let page_path = format!("/applications/{id}");
        let (_, page, _) = desk.get(&page_path).await;
        let sign = format!("/applications/{id}/actions/sign_agreement");
        let mut form = Browser::form_values(&page, &sign);
        Browser::set(&mut form, "starts_on", "2027-01-01");
        Browser::set(&mut form, "ends_on", "2027-12-31");
        let (status, _, _) = desk.submit(&sign, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = desk.get(&page_path).await;
        assert!(
            page.contains("Grant agreement") && page.contains("1 January 2027 – 31 December 2027"),
            "the grant section"
        );
        assert!(page.contains("€224,000") && page.contains("€56,000"), "80 % at signature, then the balance");
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        let report = file["reports"][0]["id"].as_i64().unwrap();
        let first_payment = file["payments"][0]["id"].as_i64().unwrap();
        let paid = format!("/applications/{id}/payments/{first_payment}/paid");
        assert!(page.contains(&paid), "the released payment has its button");
        let (status, confirmation, _) = desk.post(&paid, &[("csrf", &Browser::csrf_in(&page))]).await;
        assert_eq!(status, StatusCode::OK, "recording a payment is asked twice");
        assert!(confirmation.contains("This cannot be undone"), "the page says what cannot be undone");
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        assert_ne!(file["payments"][0]["status"], "paid", "nothing is recorded before the confirmation");
        let values = Browser::form_values(&confirmation, &paid);
        let (status, _, _) = desk.submit(&paid, &values).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        assert_eq!(file["payments"][0]["status"], "paid");

        let report_path = format!("/applications/{id}/reports/{report}");
        let mut grantee = signed_in(&app, &applicant, "aminata@example.org").await;
        let (_, list, _) = grantee.get("/applications").await;
        assert!(
            list.contains(&format!("href=\"{report_path}\"")) && list.contains("31 mars 2028"),
            "the list points to the report due"
        );
        let (status, page, _) = grantee.get(&report_path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Rapport final"), "in French");
        assert!(page.contains(">Ressources humaines</option>"), "cost categories read in French, not as codes");
        let mut form = Browser::form_values(&page, &report_path);
        Browser::set(&mut form, "/narrative", "<script>alert(1)</script> Deux points d'information ouverts.");
        Browser::set(&mut form, "/indicators/0/jvap_domain", "legal_migration_mobility");
        Browser::set(&mut form, "/indicators/0/indicator", "Personnes conseillées");
        Browser::set(&mut form, "/indicators/0/target", "400");
        Browser::set(&mut form, "/indicators/0/achieved", "412");
        Browser::set(&mut form, "/budget_lines/0/category", "human_resources");
        Browser::set(&mut form, "/budget_lines/0/planned", "280000.00");
        Browser::set(&mut form, "/budget_lines/0/spent", "beaucoup");
        let (status, page, _) = grantee.submit(&report_path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"f-budget_lines-0-spent-error\""), "the error sits next to the amount: {page}");
        assert!(page.contains("un montant en euros"), "the error in French");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Deux points") && !page.contains("<script>alert"));
        assert!(page.contains("value=\"Personnes conseillées\""), "what was typed is kept");
        Browser::set(&mut form, "/budget_lines/0/spent", "224000.00");
        let (status, _, _) = grantee.submit(&report_path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        assert_eq!(file["reports"][0]["spent"], "224000.00", "spending is the budget lines added up");
        assert_eq!(file["reports"][0]["answers"]["indicators"][0]["achieved"], "412");

        let (_, own_page, _) = grantee.get(&report_path).await;
        let own_csrf = Browser::csrf_in(&own_page);
        let (status, _, _) = grantee
            .post(&format!("{report_path}/review"), &[("csrf", own_csrf.as_str()), ("decision", "approve")])
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "grantees do not review their own report");
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        assert_eq!(file["reports"][0]["status"], "submitted", "and it stays waiting for a manager");

        let mut outsider = signed_in(&app, &stranger, "moussa@example.org").await;
        let (status, _, _) = outsider.get(&report_path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another organisation never sees the report");
        let mut evaluator = signed_in(&app, &evaluators[0], "e1@example.org").await;
        let (status, _, _) = evaluator.get(&report_path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "evaluators do not follow the grant");

        let (_, page, _) = desk.get(&report_path).await;
        assert!(page.contains("&lt;script&gt;"), "escaped for the manager too");
        let review = format!("{report_path}/review");
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) =
            desk.post(&review, &[("csrf", csrf.as_str()), ("note", " "), ("decision", "changes")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "sending back needs a note");
        let (status, _, _) =
            desk.post(&review, &[("csrf", csrf.as_str()), ("note", ""), ("decision", "approve")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, file) = app.get(&manager, &format!("/api/v1/applications/{id}/grant")).await;
        assert_eq!(file["reports"][0]["status"], "approved");
        assert_eq!(file["payments"][1]["status"], "requested", "the final report released the balance");
    }
);
