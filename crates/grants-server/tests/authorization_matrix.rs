//! Every route × every role, each with its expected outcome written down: the one place to read who
//! may see and do what, checked against the running app.

use grants_domain::{Language, Role};
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ROLES: [&str; 8] =
    ["anonymous", "applicant_a", "applicant_b", "evaluator_assigned", "evaluator_other", "manager", "admin", "auditor"];

/// (method, path, body, expected status per role in `ROLES` order).
type Row = (Method, String, Option<Value>, [u16; 8]);

fn api_rows(call: i64, app: i64, call_body: &Value) -> Vec<Row> {
    let a = format!("/api/v1/applications/{app}");
    let c = format!("/api/v1/calls/{call}");
    vec![
        (Method::GET, "/api/v1/workflow".into(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, "/api/v1/calls".into(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, c.clone(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        (Method::POST, "/api/v1/calls".into(), Some(call_body.clone()), [401, 403, 403, 403, 403, 201, 403, 403]),
        (Method::POST, format!("{c}/actions/cancel"), Some(json!({})), [401, 403, 403, 403, 403, 422, 403, 403]),
        (Method::GET, format!("{c}/events"), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::GET, format!("{c}/ranking"), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (
            Method::POST,
            format!("{c}/ranking/apply"),
            Some(json!({"reason": "r"})),
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        (Method::GET, format!("{c}/evaluation-report"), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::POST, format!("{c}/evaluators/auto"), Some(json!({})), [401, 403, 403, 403, 403, 200, 403, 403]),
        (Method::GET, "/api/v1/applications".into(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, a.clone(), None, [401, 200, 404, 200, 404, 200, 200, 200]),
        (Method::GET, format!("{a}/events"), None, [401, 200, 404, 200, 404, 200, 200, 200]),
        (Method::GET, format!("{a}/attachments"), None, [401, 200, 404, 200, 404, 200, 200, 200]),
        (Method::PATCH, a.clone(), Some(json!({"answers": {}})), [401, 409, 404, 403, 404, 403, 403, 403]),
        (
            Method::POST,
            format!("{a}/actions/declare_eligible"),
            Some(json!({})),
            [401, 409, 404, 409, 404, 409, 409, 409],
        ),
        (
            Method::POST,
            format!("{a}/actions/withdraw"),
            Some(json!({"version": 1})),
            [401, 409, 404, 403, 404, 403, 403, 403],
        ),
        (Method::GET, format!("{a}/checklist"), None, [401, 403, 404, 403, 404, 200, 200, 200]),
        (Method::GET, format!("{a}/evaluators"), None, [401, 403, 404, 403, 404, 200, 200, 200]),
        (Method::GET, format!("{a}/scorecards"), None, [401, 403, 404, 200, 404, 200, 200, 200]),
        (Method::GET, format!("{a}/evaluation"), None, [401, 403, 404, 403, 404, 200, 200, 200]),
        (
            Method::POST,
            format!("{a}/arbitration"),
            Some(json!({"note": "n"})),
            [401, 403, 404, 403, 404, 409, 403, 403],
        ),
        (Method::GET, "/api/v1/admin/outbox".into(), None, [401, 403, 403, 403, 403, 403, 200, 403]),
        (Method::POST, "/api/v1/admin/outbox/retry".into(), Some(json!({})), [401, 403, 403, 403, 403, 403, 200, 403]),
        (
            Method::POST,
            "/api/v1/admin/outbox/999/retry".into(),
            Some(json!({})),
            [401, 403, 403, 403, 403, 403, 409, 403],
        ),
        (Method::PATCH, c.clone(), Some(json!({"title_en": "Renamed"})), [401, 403, 403, 403, 403, 409, 403, 403]),
        (Method::POST, format!("{c}/actions/publish"), Some(json!({})), [401, 409, 409, 409, 409, 409, 409, 409]),
        (Method::GET, format!("{c}/evaluation-report.csv"), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::GET, format!("{c}/evaluation-report.html"), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (
            Method::PUT,
            format!("{a}/checklist/complete"),
            Some(json!({"passed": true})),
            [401, 403, 404, 403, 404, 409, 403, 403],
        ),
        (Method::GET, format!("{a}/attachments/999"), None, [401, 404, 404, 404, 404, 404, 404, 404]),
        (Method::DELETE, format!("{a}/attachments/999"), None, [401, 409, 404, 403, 404, 403, 403, 403]),
        (
            Method::POST,
            format!("{a}/scorecards/999/reopen"),
            Some(json!({"reason": "r"})),
            [401, 403, 404, 403, 404, 404, 403, 403],
        ),
        (
            Method::POST,
            format!("{a}/evaluators/999/remove"),
            Some(json!({"note": "n"})),
            [401, 403, 404, 403, 404, 404, 403, 403],
        ),
        (
            Method::POST,
            format!("{a}/declaration"),
            Some(json!({"conflict_of_interest": false})),
            [401, 404, 404, 409, 404, 404, 404, 404],
        ),
        (Method::PUT, format!("{a}/scorecard"), Some(TestApp::scorecard(4)), [401, 403, 404, 200, 404, 403, 403, 403]),
        (Method::POST, format!("{a}/scorecard/submit"), Some(json!({})), [401, 404, 404, 200, 404, 404, 404, 404]),
        (
            Method::POST,
            "/api/v1/applications".into(),
            Some(json!({"call_id": call})),
            [401, 201, 201, 403, 403, 403, 403, 403],
        ),
        // Last: it assigns the other evaluator again, which changes what they may see.
        (
            Method::POST,
            format!("{a}/evaluators"),
            Some(json!({"evaluator_id": 5})),
            [401, 403, 404, 403, 404, 201, 403, 403],
        ),
    ]
}

/// The grant after signature (the application here is still in evaluation: it has no reports or payments,
/// so those who may act on them are told they do not exist).
fn grant_rows(app: i64) -> Vec<Row> {
    let a = format!("/api/v1/applications/{app}");
    vec![
        (Method::GET, format!("{a}/grant"), None, [401, 200, 404, 403, 403, 200, 200, 200]),
        (
            Method::POST,
            format!("{a}/reports/999/submit"),
            Some(json!({"answers": {"narrative": "n"}})),
            [401, 404, 404, 403, 403, 403, 403, 403],
        ),
        (
            Method::POST,
            format!("{a}/reports/999/review"),
            Some(json!({"approve": true})),
            [401, 403, 404, 403, 403, 404, 403, 403],
        ),
        (Method::POST, format!("{a}/payments/999/paid"), Some(json!({})), [401, 403, 404, 403, 403, 404, 403, 403]),
    ]
}

/// Open to everyone: health, metrics (no token configured in tests), the API description.
fn public_rows() -> Vec<Row> {
    vec![
        (Method::GET, "/healthz".into(), None, [200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, "/metrics".into(), None, [200, 200, 200, 200, 200, 200, 200, 200]),
        (Method::GET, "/api/v1/portfolio".into(), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::GET, "/api/v1/portfolio.csv?by=year".into(), None, [401, 403, 403, 403, 403, 200, 200, 200]),
        (Method::GET, "/api/v1/openapi.json".into(), None, [200, 200, 200, 200, 200, 200, 200, 200]),
    ]
}

fn organisation_rows(org: i64) -> Vec<Row> {
    let o = format!("/api/v1/organisations/{org}");
    vec![
        (Method::GET, o.clone(), None, [401, 200, 404, 404, 404, 200, 200, 200]),
        (Method::GET, format!("{o}/events"), None, [401, 200, 404, 404, 404, 200, 200, 200]),
        (
            Method::PATCH,
            o.clone(),
            Some(json!({"phone": "+223 20 22 00 00"})),
            [401, 200, 404, 404, 404, 403, 200, 403],
        ),
    ]
}

fn page_rows(call: i64, app: i64, org: i64) -> Vec<(String, [u16; 8])> {
    vec![
        ("/organisation".into(), [303, 303, 303, 404, 404, 404, 404, 404]),
        ("/assignments".into(), [303, 403, 403, 200, 200, 403, 403, 403]),
        ("/portfolio".into(), [303, 403, 403, 403, 403, 200, 200, 200]),
        ("/awarded".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        (format!("/applications/{app}/reports/999"), [303, 404, 404, 403, 403, 404, 404, 404]),
        (format!("/organisations/{org}"), [303, 200, 404, 404, 404, 200, 200, 200]),
        ("/calls".into(), [200, 200, 200, 200, 200, 200, 200, 200]),
        (format!("/applications/{app}/edit"), [303, 303, 404, 403, 403, 403, 403, 403]),
        // The assigned evaluator has submitted: the scorecard reads as recorded.
        (format!("/applications/{app}/scorecard"), [303, 404, 404, 200, 303, 404, 404, 404]),
        (format!("/applications/{app}/declaration"), [303, 404, 404, 303, 200, 404, 404, 404]),
        (format!("/calls/{call}"), [200, 200, 200, 200, 200, 200, 200, 200]),
        (format!("/calls/{call}/report"), [303, 403, 403, 403, 403, 200, 200, 200]),
        (format!("/calls/{call}/ranking"), [303, 403, 403, 403, 403, 200, 200, 200]),
        (format!("/calls/{call}/edit"), [303, 403, 403, 403, 403, 409, 403, 403]),
        ("/calls/new".into(), [303, 403, 403, 403, 403, 200, 403, 403]),
        ("/admin/outbox".into(), [303, 403, 403, 403, 403, 403, 200, 403]),
        ("/applications?state=in_evaluation&sort=reference&page=1".into(), [303, 200, 200, 200, 200, 200, 200, 200]),
        ("/applications".into(), [303, 200, 200, 200, 200, 200, 200, 200]),
        // The other evaluator is assigned again by the last API row, not yet declared: sent to the declaration.
        (format!("/applications/{app}"), [303, 200, 404, 200, 303, 200, 200, 200]),
    ]
}

db_test!(
    async fn every_route_answers_every_role_as_written(app: TestApp) {
        let manager = app.manager().await;
        let applicant_a = app.applicant("a@example.org", "Organisation A").await;
        let applicant_b = app.applicant("b@example.org", "Organisation B").await;
        let assigned = app.evaluator("assigned@example.org").await;
        let other = app.evaluator("other@example.org").await;
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::EN).await;
        let auditor = app.user("auditor@example.org", &[Role::Auditor], None, Language::EN).await;
        let call = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.eligible_application(&manager, &applicant_a, call).await;
        for evaluator in [&assigned, &other] {
            let (status, body) = app
                .post(&manager, &format!("/api/v1/applications/{id}/evaluators"), json!({"evaluator_id": evaluator.id}))
                .await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        app.act(&manager, id, "assign", json!({})).await;
        app.declare_no_conflict(&assigned, id).await;
        // The second evaluator is removed again: assigned once, now unrelated to the application.
        let (_, register) = app.get(&manager, &format!("/api/v1/applications/{id}/evaluators")).await;
        let slot = register[1]["id"].as_i64().unwrap();
        app.post(
            &manager,
            &format!("/api/v1/applications/{id}/evaluators/{slot}/remove"),
            json!({"note": "unavailable"}),
        )
        .await;

        let users: [Option<&TestUser>; 8] = [
            None,
            Some(&applicant_a),
            Some(&applicant_b),
            Some(&assigned),
            Some(&other),
            Some(&manager),
            Some(&admin),
            Some(&auditor),
        ];
        let mut failures = Vec::new();
        let mut counter = 0;
        let org = applicant_a.organisation_id.unwrap();
        for (method, path, body, expected) in api_rows(call, id, &app.call_body("MMD-CFP-2026-99", 30))
            .into_iter()
            .chain(organisation_rows(org))
            .chain(public_rows())
            .chain(grant_rows(id))
        {
            for (index, user) in users.iter().enumerate() {
                let body = body.clone().map(|mut b| {
                    if b.get("reference").is_some() {
                        counter += 1;
                        b["reference"] = json!(format!("MMD-CFP-2026-{counter:02}X"));
                    }
                    b
                });
                let (status, answer) = app.send(method.clone(), user.map(|u| u.token.as_str()), &path, body).await;
                if status.as_u16() != expected[index] {
                    failures.push(format!(
                        "{method} {path} as {}: {} expected {} ({answer})",
                        ROLES[index],
                        status.as_u16(),
                        expected[index]
                    ));
                }
            }
        }

        // Uploads are multipart, so they get their own row. The other evaluator is assigned again by the
        // last API row and has not declared: refused as such (403), like every read of the application.
        let upload_expected = [401, 409, 404, 403, 403, 403, 403, 403];
        for (index, user) in users.iter().enumerate() {
            let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
            let form = reqwest::multipart::Form::new()
                .text("kind", "statutes")
                .part("file", reqwest::multipart::Part::bytes(pdf).file_name("statuts.pdf"));
            let mut request =
                app.client.post(format!("{}/api/v1/applications/{id}/attachments", app.address)).multipart(form);
            if let Some(user) = user {
                request = request.bearer_auth(&user.token);
            }
            let status = request.send().await.unwrap().status().as_u16();
            if status != upload_expected[index] {
                failures.push(format!(
                    "POST attachments as {}: {status} expected {}",
                    ROLES[index], upload_expected[index]
                ));
            }
        }

        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        for (path, expected) in page_rows(call, id, org) {
            for (index, user) in users.iter().enumerate() {
                let mut request = client.get(format!("{}{path}", app.address));
                if let Some(user) = user {
                    let session =
                        app.store().create_session(user.id, app.now(), chrono::Duration::hours(1)).await.unwrap();
                    request = request.header("cookie", format!("mmdg_session={}", session.token));
                }
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                if status != expected[index] {
                    let body: String = response.text().await.unwrap_or_default().chars().take(300).collect();
                    failures
                        .push(format!("page {path} as {}: {status} expected {} {body}", ROLES[index], expected[index]));
                }
            }
        }
        // Every state-changing form refuses a forged CSRF token: 403, or 404/303 when the visitor may not
        // reach the form at all (signed-out visitors are sent to sign in, or shown it holding what they
        // typed). Nothing changes either way.
        let forms = [
            format!("/calls/{call}/apply"),
            format!("/calls/{call}/assign-evaluators"),
            format!("/applications/{id}/edit"),
            format!("/applications/{id}/checklist"),
            format!("/applications/{id}/arbitration"),
            format!("/applications/{id}/actions/withdraw"),
            format!("/applications/{id}/declaration"),
            format!("/applications/{id}/scorecard"),
            "/admin/outbox/retry".to_owned(),
            format!("/organisations/{org}"),
            format!("/calls/{call}/ranking/apply"),
            format!("/applications/{id}/reports/999"),
            format!("/applications/{id}/reports/999/review"),
            format!("/applications/{id}/payments/999/paid"),
            format!("/calls/{call}/edit"),
            "/calls/new".to_owned(),
            "/logout".to_owned(),
        ];
        let before = app.store().count_events().await.unwrap();
        for path in &forms {
            for (index, user) in users.iter().enumerate() {
                let mut request =
                    client.post(format!("{}{path}", app.address)).form(&[("csrf", "forged"), ("intent", "submit")]);
                if let Some(user) = user {
                    let session =
                        app.store().create_session(user.id, app.now(), chrono::Duration::hours(1)).await.unwrap();
                    request = request.header("cookie", format!("mmdg_session={}", session.token));
                }
                let status = request.send().await.unwrap().status().as_u16();
                let allowed = if user.is_none() { [303, 401].as_slice() } else { [403, 404, 303].as_slice() };
                if !allowed.contains(&status) {
                    failures.push(format!("forged POST {path} as {}: {status}", ROLES[index]));
                }
            }
        }
        assert_eq!(app.store().count_events().await.unwrap(), before, "forged forms changed nothing");
        assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
    }
);
