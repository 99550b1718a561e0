//! Reads that cover a whole call cost the same number of SQL statements whatever the number of
//! applications (issue 15): the ranking, the evaluation report, the application lists and the portfolio
//! are read with joins, aggregates and a fixed number of batch loads, never a query per application.

use grants_domain::{Language, Role};
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::StatusCode;

/// The reads whose cost must not grow with the call.
fn reads(call_id: i64) -> Vec<String> {
    vec![
        format!("/api/v1/calls/{call_id}/ranking"),
        format!("/api/v1/calls/{call_id}/evaluation-report"),
        format!("/api/v1/calls/{call_id}/evaluation-report.csv"),
        format!("/api/v1/calls/{call_id}/evaluation-report.html"),
        format!("/api/v1/applications?call_id={call_id}&per_page=100"),
        "/api/v1/applications".to_owned(),
        "/api/v1/portfolio".to_owned(),
    ]
}

/// A published call with `count` evaluated applications, the `n`th scored `score(n)` by both evaluators:
/// the call and the applications.
async fn evaluated_call(
    app: &TestApp,
    manager: &TestUser,
    evaluators: &[&TestUser],
    reference: &str,
    count: u8,
    score: impl Fn(u8) -> u8,
) -> (i64, Vec<i64>) {
    let call_id = app.published_call(manager, reference).await;
    let mut ids = Vec::new();
    for n in 0..count {
        let applicant =
            app.applicant(&format!("{reference}-{n}@example.org"), &format!("{reference} organisation {n}")).await;
        ids.push(app.evaluated_application(manager, &applicant, call_id, evaluators, score(n)).await);
    }
    (call_id, ids)
}

/// A published call with `count` evaluated applications, scored 3 to 5 by both evaluators.
async fn call_with(app: &TestApp, manager: &TestUser, evaluators: &[&TestUser], reference: &str, count: u8) -> i64 {
    evaluated_call(app, manager, evaluators, reference, count, |n| 3 + n % 3).await.0
}

/// The statements the store runs while answering `path`.
async fn statements(app: &TestApp, user: &TestUser, path: &str) -> u64 {
    let before = app.store().statements_run().expect("the test store counts its statements");
    let (status, body) = app.get(user, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    app.store().statements_run().expect("the test store counts its statements") - before
}

async fn costs(app: &TestApp, user: &TestUser, call_id: i64) -> Vec<u64> {
    let mut counted = Vec::new();
    for path in reads(call_id) {
        counted.push(statements(app, user, &path).await);
    }
    counted
}

db_test!(
    async fn whole_call_reads_cost_the_same_statements_at_five_and_forty_applications(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let small = call_with(&app, &manager, &pair, "MMD-CFP-2026-31", 5).await;
        let at_five = costs(&app, &manager, small).await;
        let large = call_with(&app, &manager, &pair, "MMD-CFP-2026-32", 40).await;
        let at_forty = costs(&app, &manager, large).await;
        let report: Vec<String> = reads(large)
            .iter()
            .zip(at_five.iter().zip(&at_forty))
            .map(|(path, (five, forty))| format!("{path}: {five} at 5, {forty} at 40"))
            .collect();
        println!("{}", report.join("\n"));
        assert_eq!(at_five, at_forty, "statements per read grew with the call:\n{}", report.join("\n"));
    }
);

/// The statements one API action costs, from the bearer token to the commit.
async fn action_statements(app: &TestApp, user: &TestUser, id: i64, action: &str) -> u64 {
    let before = app.store().statements_run().expect("the test store counts its statements");
    let (status, body) = app.act(user, id, action, serde_json::json!({})).await;
    assert_eq!(status, StatusCode::OK, "{action}: {body}");
    app.store().statements_run().expect("the test store counts its statements") - before
}

db_test!(
    async fn a_transition_costs_the_same_statements_whatever_the_number_of_recipients(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-33").await;
        let first = app.applicant("first@example.org", "First organisation").await;
        let one = app.draft(&first, call_id).await;
        let submit_to_one = action_statements(&app, &first, one, "submit").await;
        let review_one = action_statements(&app, &manager, one, "open_review").await;

        for n in 0..4 {
            app.user(&format!("manager{n}@example.org"), &[Role::Manager], None, Language::FR).await;
        }
        let second = app.applicant("second@example.org", "Second organisation").await;
        let other = app.draft(&second, call_id).await;
        let submit_to_five = action_statements(&app, &second, other, "submit").await;
        let review_other = action_statements(&app, &manager, other, "open_review").await;
        println!("submit: {submit_to_one} with one manager, {submit_to_five} with five; open_review: {review_one}");
        assert_eq!(submit_to_one, submit_to_five, "the emails of a transition are queued in one statement");
        assert_eq!(review_one, review_other);
        // Token and owner (1), roles and organisations (1), the application the caller may act on (1), then
        // in the transaction the application, the call, its lots, the update returning the row and the
        // event: no re-read after the write.
        assert!(review_one <= 8, "open_review ran {review_one} statements");
    }
);

/// A published call with `count` awarded applications whose agreements are signed: each grant now waits
/// for its first report.
async fn grants_running(
    app: &TestApp,
    manager: &TestUser,
    evaluators: &[&TestUser],
    reference: &str,
    count: u8,
) -> i64 {
    let (call_id, ids) = evaluated_call(app, manager, evaluators, reference, count, |_| 4).await;
    for id in ids {
        let (status, body) = app.act(manager, id, "award", serde_json::json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let terms = serde_json::json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2027-12-31" } });
        let (status, body) = app.act(manager, id, "sign_agreement", terms).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    call_id
}

db_test!(
    async fn the_list_of_running_grants_shows_each_next_report_at_the_same_cost_for_two_and_five(app: TestApp) {
        let manager = app.manager().await;
        let evaluators = [app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let mut desk =
            grants_testkit::Browser::signed_in(&app, &manager, "manager@example.org", "correct horse battery staple")
                .await;
        let mut costs = Vec::new();
        for (reference, count) in [("MMD-CFP-2026-34", 2), ("MMD-CFP-2026-35", 5)] {
            let call_id = grants_running(&app, &manager, &pair, reference, count).await;
            let path = format!("/applications?call={call_id}&state=contracted");
            let before = app.store().statements_run().expect("the test store counts its statements");
            let (status, page, _) = desk.get(&path).await;
            costs.push(app.store().statements_run().expect("the test store counts its statements") - before);
            assert_eq!(status, StatusCode::OK);
            let next_reports = page.matches("Next report").count();
            assert_eq!(next_reports, usize::from(count), "every running grant shows the report it waits for");
        }
        assert_eq!(costs[0], costs[1], "the list's statements grew with its grants: {costs:?}");
    }
);
