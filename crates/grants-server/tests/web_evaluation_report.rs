//! The evaluation report is read on screen one part at a time and downloaded whole, each written as it
//! is read: every part, the whole printable page and the JSON and CSV exports tell the same story.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";

/// A published call with three evaluated applications, scored by both evaluators.
async fn evaluated_call(app: &TestApp, manager: &TestUser) -> (i64, Vec<String>) {
    let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
    let pair: Vec<&TestUser> = evaluators.iter().collect();
    let call_id = app.published_call(manager, "MMD-CFP-2027-21").await;
    let mut references = Vec::new();
    for n in 0..3u8 {
        let applicant = app.applicant(&format!("applicant{n}@example.org"), &format!("Association {n}")).await;
        let id = app.evaluated_application(manager, &applicant, call_id, &pair, 3 + n).await;
        let (_, read) = app.get(manager, &format!("/api/v1/applications/{id}")).await;
        references.push(read["reference"].as_str().unwrap().to_owned());
    }
    (call_id, references)
}

db_test!(
    async fn the_report_is_read_by_part_on_screen_and_whole_for_printing(app: TestApp) {
        let manager = app.manager().await;
        let (call_id, references) = evaluated_call(&app, &manager).await;
        let reader = app.user("gestionnaire@example.org", &[Role::Manager], None, Language::FR).await;
        let mut desk = Browser::signed_in(&app, &reader, "gestionnaire@example.org", PASSWORD).await;

        let (status, opening, _) = desk.get(&format!("/calls/{call_id}/report")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(opening.contains("Procès-verbal d&#x27;ouverture"), "the first part opens the report, in French");
        assert!(references.iter().all(|r| opening.contains(r.as_str())), "every application is opened");
        assert!(!opening.contains("id=\"scores\""), "one part at a time on screen");
        let links = opening.replace("&#x3D;", "=").replace("&amp;", "&");
        for part in ["eligibility", "scores", "decisions", "declarations"] {
            assert!(links.contains(&format!("/calls/{call_id}/report?section={part}&page=1")), "{part} linked");
        }
        assert!(opening.contains(&format!("/calls/{call_id}/report/whole")), "the whole report is linked");

        let (status, scores, _) = desk.get(&format!("/calls/{call_id}/report?section=scores")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(scores.matches("<tr><td>MMD-CFP-2027-21").count(), 6, "two scorecards per application");
        let (_, declarations, _) = desk.get(&format!("/calls/{call_id}/report?section=declarations&page=9")).await;
        assert!(declarations.contains("Déclarations d&#x27;impartialité"), "a page past the end shows the last");
        assert_eq!(declarations.matches("<tr><td>MMD-CFP-2027-21").count(), 6);

        let (status, whole, _) = desk.get(&format!("/calls/{call_id}/report/whole")).await;
        assert_eq!(status, StatusCode::OK);
        for id in ["opening", "eligibility", "scores", "decisions", "reserve", "declarations"] {
            assert!(whole.contains(&format!("<h2 id=\"{id}\">")), "the whole report has the part {id}");
        }
        assert_eq!(whole.matches("<tr><td>MMD-CFP-2027-21").count(), 3 + 3 + 6 + 3 + 6);
        assert!(whole.trim_end().ends_with("</html>"), "the page is complete");
        // Each part is read with only what it shows; each still shows all of it.
        let part = |from: &str, to: &str| {
            let start = whole.find(&format!("<h2 id=\"{from}\">")).unwrap();
            let end = whole.find(&format!("<h2 id=\"{to}\">")).unwrap();
            whole[start..end].to_owned()
        };
        let opening = part("opening", "eligibility");
        assert!((0..3).all(|n| opening.contains(&format!("Association {n}"))), "organisations opened: {opening}");
        let eligibility = part("eligibility", "scores");
        assert!(eligibility.contains("Satisfait"), "the checks recorded: {eligibility}");
        let scores = part("scores", "decisions");
        for evaluator in ["e1", "e2"] {
            let named = format!("<td translate=\"no\">{evaluator}</td>");
            assert_eq!(scores.matches(&named).count(), 3, "{evaluator} named on each scorecard: {scores}");
        }
        // Both evaluators gave each application the same points, so its consolidated score is the total
        // of each of its scorecards: the decisions part shows every one of them.
        let totals: Vec<&str> =
            scores.split("<td class=\"number\">").skip(1).filter_map(|cell| cell.split('<').next()).collect();
        assert_eq!(totals.len(), 6, "{scores}");
        let decisions = part("decisions", "reserve");
        for total in totals {
            assert!(!total.is_empty(), "{scores}");
            assert!(
                decisions.contains(&format!("<td class=\"number\">{total}</td><td>")),
                "score {total}: {decisions}"
            );
        }
    }
);

db_test!(
    async fn the_report_exports_agree_with_each_other(app: TestApp) {
        let manager = app.manager().await;
        let (call_id, references) = evaluated_call(&app, &manager).await;
        let (status, report) = app.get(&manager, &format!("/api/v1/calls/{call_id}/evaluation-report")).await;
        assert_eq!(status, StatusCode::OK, "{report}");
        let listed: Vec<&str> =
            report["applications"].as_array().unwrap().iter().map(|a| a["reference"].as_str().unwrap()).collect();
        let mut expected: Vec<&str> = references.iter().map(String::as_str).collect();
        expected.sort_unstable();
        assert_eq!(listed, expected, "every application once, by reference");
        assert_eq!(report["declarations"].as_array().unwrap().len(), 6);
        assert!(
            report["applications"].as_array().unwrap().iter().all(|a| a["scorecards"].as_array().unwrap().len() == 2)
        );

        let csv = app
            .client
            .get(format!("{}/api/v1/calls/{call_id}/evaluation-report.csv", app.address))
            .bearer_auth(&manager.token)
            .send()
            .await
            .unwrap();
        assert!(csv.headers()["content-disposition"].to_str().unwrap().contains("MMD-CFP-2027-21-evaluation.csv"));
        let text = csv.text().await.unwrap();
        assert_eq!(text.lines().count(), 1 + 6, "a heading, then one row per application and evaluator");
    }
);
