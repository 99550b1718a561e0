//! The ranking page: consolidated scores ranked per lot, the award proposal beside each application,
//! decisions one by one or the whole proposal at once, each recorded and announced; read-only for auditors.

use grants_domain::{Language, Role};
use grants_store::events::Subject;
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

async fn signed_in(app: &TestApp, user: &TestUser, email: &str) -> Browser {
    Browser::signed_in(app, user, email, PASSWORD).await
}

async fn state_of(app: &TestApp, manager: &TestUser, id: i64) -> (String, serde_json::Value) {
    let (_, read) = app.get(manager, &format!("/api/v1/applications/{id}")).await;
    (read["state"].as_str().unwrap().to_owned(), read["awarded_amount"].clone())
}

db_test!(
    async fn a_manager_ranks_and_records_the_award_proposal(app: TestApp) {
        let manager = app.manager().await;
        let auditor = app.user("auditor@example.org", &[Role::Auditor], None, Language::En).await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        // One lot of 600 000 EUR: two requests of 280 000 fit, the third waits on the reserve list.
        let mut body = app.call_body("MMD-CFP-2026-07", 30);
        body["total_budget"] = json!("600000.00");
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let mut ids = Vec::new();
        for (n, score) in [(1, 3), (2, 5), (3, 1), (4, 4)] {
            let applicant = app.applicant(&format!("a{n}@example.org"), &format!("Organisation {n}")).await;
            ids.push((app.evaluated_application(&manager, &applicant, call_id, &pair, score).await, score));
        }
        let id_scoring = |score| ids.iter().find(|(_, s)| *s == score).unwrap().0;
        let (best, second, third, eliminated) = (id_scoring(5), id_scoring(4), id_scoring(3), id_scoring(1));
        let mut refs = Vec::new();
        for id in [best, second, third, eliminated] {
            let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
            refs.push(read["reference"].as_str().unwrap().to_owned());
        }

        let mut desk = signed_in(&app, &manager, "manager@example.org").await;
        let path = format!("/calls/{call_id}/ranking");
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        let positions: Vec<usize> =
            refs.iter().map(|r| page.find(r.as_str()).expect("every application is listed")).collect();
        assert!(positions[0] < positions[1] && positions[1] < positions[2], "best first");
        assert!(positions[3] > positions[2], "the eliminated one comes after the ranked ones");
        assert!(page.contains("Below a minimum score"));
        assert!(page.contains(">100<") && page.contains(">80<"), "consolidated totals are shown");
        assert_eq!(page.matches("Reserve list</td>").count(), 1, "one proposed for the reserve list");

        // One decision taken on its own, from its row: back on the ranking afterwards.
        let csrf = Browser::csrf_in(&page);
        let form = [("csrf", csrf.as_str()), ("back", path.as_str())];
        let (status, _, headers) = desk.post(&format!("/applications/{third}/actions/reserve"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let outside = [("csrf", csrf.as_str()), ("back", "https://elsewhere.example/")];
        let (status, _, headers) = desk.post(&format!("/applications/{second}/actions/award"), &outside).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], format!("/applications/{second}").as_str(), "never sent to another site");

        // The rest at once; rejections need their reason first.
        let before = app.store().count_events().await.unwrap();
        let apply = format!("{path}/apply");
        let (status, page, _) = desk.post(&apply, &[("csrf", csrf.as_str()), ("reason", " ")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
        assert_eq!(app.store().count_events().await.unwrap(), before, "refused before deciding anything");
        let reason = "Below the minimum score for quality of the action.";
        let (status, _, _) = desk.post(&apply, &[("csrf", csrf.as_str()), ("reason", reason)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(state_of(&app, &manager, best).await, ("awarded".to_owned(), json!("280000.00")));
        assert_eq!(state_of(&app, &manager, second).await.0, "awarded");
        assert_eq!(state_of(&app, &manager, third).await.0, "reserve_listed");
        assert_eq!(state_of(&app, &manager, eliminated).await.0, "rejected");
        let history = app.store().events(Subject::Application(eliminated)).await.unwrap();
        let rejection = history.last().unwrap();
        assert_eq!((rejection.action.as_str(), rejection.reason.as_deref()), ("reject", Some(reason)));
        assert_eq!(rejection.actor_user_id, Some(manager.id), "the manager is on record");

        let (_, page, _) = desk.get(&path).await;
        assert!(!page.contains("/ranking/apply"), "nothing left to record");
        assert!(page.contains("560000"), "the lot's awarded total");

        let mut reader = signed_in(&app, &auditor, "auditor@example.org").await;
        let (status, page, _) = reader.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("/actions/") && !page.contains("/ranking/apply"), "auditors get no buttons");
        let (status, _, _) =
            reader.post(&apply, &[("csrf", Browser::csrf_in(&page).as_str()), ("reason", reason)]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    async fn the_api_records_the_proposal_and_says_where_it_stopped(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-08").await;
        let applicant = app.applicant("a1@example.org", "Organisation 1").await;
        let id = app.evaluated_application(&manager, &applicant, call_id, &pair, 4).await;
        let path = format!("/api/v1/calls/{call_id}/ranking/apply");
        let (status, body) = app.post(&applicant, &path, json!({ "reason": "r" })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        let (status, decided) = app.post(&manager, &path, json!({ "reason": "" })).await;
        assert_eq!(status, StatusCode::OK, "no rejection, no reason needed: {decided}");
        assert_eq!(decided, json!([{ "application_id": id, "reference": decided[0]["reference"], "action": "award" }]));
        let (status, again) = app.post(&manager, &path, json!({ "reason": "" })).await;
        assert_eq!((status, again), (StatusCode::OK, json!([])), "running it again decides nothing twice");
    }
);
