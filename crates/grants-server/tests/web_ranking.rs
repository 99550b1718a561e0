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
        let auditor = app.user("auditor@example.org", &[Role::Auditor], None, Language::EN).await;
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
        assert!(page.contains("awarded €560,000"), "the lot's awarded total, written as the reader writes amounts");

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

/// The page budget: a ranking page stays under it whatever the number of applications.
const PAGE_BUDGET: usize = 60 * 1024;

db_test!(
    async fn a_long_ranking_is_shown_a_page_at_a_time_within_the_page_budget(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-51").await;
        let mut references = Vec::new();
        for n in 0..48_u8 {
            let applicant = app.applicant(&format!("r{n}@example.org"), &format!("Ranked organisation {n}")).await;
            let id = app.evaluated_application(&manager, &applicant, call_id, &pair, 3 + n % 3).await;
            let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
            references.push(read["reference"].as_str().unwrap().to_owned());
        }

        let mut desk = signed_in(&app, &manager, "manager@example.org").await;
        let mut path = format!("/calls/{call_id}/ranking");
        let mut seen: Vec<String> = Vec::new();
        let mut pages = 0;
        loop {
            let (status, page, _) = desk.get(&path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(page.len() < PAGE_BUDGET, "{path} is {} bytes, over the {PAGE_BUDGET} byte budget", page.len());
            pages += 1;
            assert!(pages <= 10, "the pages end: {path}");
            seen.extend(references.iter().filter(|r| page.contains(&format!(">{r}</a>"))).cloned());
            let next = page.split_once(r#"class="pagination""#).and_then(|(_, nav)| {
                let (before, _) = nav.split_once("Next page")?;
                let href = before.rsplit_once(r#"href=""#)?.1;
                Some(href.split_once('"')?.0.replace("&#x3D;", "=").replace("&amp;", "&"))
            });
            match next {
                Some(next) => path = next,
                None => break,
            }
        }
        assert!(pages > 1, "48 applications do not fit on one page");

        // A decision taken on a later page comes back to that page.
        let (_, page, _) = desk.get(&path).await;
        let id = page.split_once(r#"action="/applications/"#).and_then(|(_, rest)| rest.split_once('/')).unwrap().0;
        let csrf = Browser::csrf_in(&page);
        let form = [("csrf", csrf.as_str()), ("back", path.as_str())];
        let (status, _, headers) = desk.post(&format!("/applications/{id}/actions/reserve"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        seen.sort();
        let mut expected = references.clone();
        expected.sort();
        assert_eq!(seen, expected, "every application appears once, on one of the pages");
    }
);

db_test!(
    async fn a_long_list_of_what_blocks_the_decision_is_cut_and_counted(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-41").await;
        for n in 0..23 {
            let applicant = app.applicant(&format!("a{n}@example.org"), &format!("Organisation {n}")).await;
            let id = app.draft(&applicant, call_id).await;
            let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
        let mut desk = signed_in(&app, &manager, "manager@example.org").await;
        let (status, page, _) = desk.get(&format!("/calls/{call_id}/ranking")).await;
        assert_eq!(status, StatusCode::OK);
        let pending =
            page.split("id=\"pending\"").nth(1).expect("the blocking list").split("</section>").next().unwrap();
        assert_eq!(pending.matches("<li").count(), 20, "twenty are named");
        assert!(pending.contains("and 3 more applications waiting"), "the rest are counted: {pending}");
        assert!(
            pending.replace("&#x3D;", "=").contains(&format!("/applications?call={call_id}")),
            "and listed elsewhere"
        );
    }
);
