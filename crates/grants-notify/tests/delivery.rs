//! Delivery against a real SMTP server over TCP: what arrives, in which language, exactly once —
//! also when the server is down for a while and when two workers drain the same outbox.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Duration, Utc};
use grants_domain::{Language, Role};
use grants_notify::{Delivery, DeliveryReport, DeliverySettings, Mailer, SmtpSecurity, SmtpSettings, Templates};
use grants_store::Store;
use grants_store::users::NewUser;
use grants_testkit::{SmtpSink, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

fn delivery(store: Store, port: u16) -> Delivery {
    let mailer = Mailer::smtp(&SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::None,
        credentials: None,
        timeout: std::time::Duration::from_secs(5),
        pool_size: 4,
    })
    .unwrap();
    Delivery::new(
        store,
        Arc::new(Templates::embedded().unwrap()),
        mailer,
        DeliverySettings {
            from: "MMD Grants <no-reply@grants.example.org>".parse().unwrap(),
            base_url: "https://grants.example.org".into(),
            programme_name: "MMD Grants".into(),
            max_attempts: 5,
            batch_max: 50,
            lease: Duration::seconds(60),
            send_timeout: Duration::seconds(5),
            lease_margin: Duration::seconds(2),
            max_in_flight: 4,
            backoff_base: Duration::seconds(30),
            backoff_max: Duration::hours(1),
        },
    )
}

/// Delivers until a pass finds nothing to do; returns what all the passes did.
async fn passes(delivery: &Delivery, now: chrono::DateTime<Utc>) -> DeliveryReport {
    let mut total = DeliveryReport::default();
    loop {
        let report = delivery.deliver_due(now).await.unwrap();
        total += report;
        if report.claimed == 0 {
            return total;
        }
    }
}

/// Delivers until a pass finds nothing to do; returns how many were sent.
async fn drain(delivery: &Delivery, now: chrono::DateTime<Utc>) -> usize {
    passes(delivery, now).await.sent
}

db_test!(
    async fn a_submission_sends_one_french_receipt_and_one_manager_notice(app: TestApp) {
        let sink = SmtpSink::start();
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        let (status, _) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let worker = delivery(app.store().clone(), sink.port);
        assert_eq!(drain(&worker, Utc::now()).await, 3, "call published, receipt, manager notice");

        let reference = "MMD-CFP-2026-01-0001";
        let received = sink.received();
        let to_applicant: Vec<_> = received.iter().filter(|m| m.to == ["aminata@example.org"]).collect();
        assert_eq!(to_applicant.len(), 1, "exactly one receipt");
        let receipt = to_applicant[0];
        assert!(receipt.subject().contains(reference), "{}", receipt.subject());
        assert!(receipt.text().contains(reference));
        assert!(receipt.html().contains("lang=\"fr\""), "a French-speaking applicant reads French");
        let english = Templates::embedded()
            .unwrap()
            .render(
                "application_submitted_receipt",
                Language::EN,
                &json!({
                    "programme": {"name": "MMD Grants"}, "base_url": "x", "recipient": {"name": "x"}, "reason": null,
                    "application": {"id": 1, "reference": reference, "title": "x", "state": "submitted"},
                    "call": {"reference": "x", "title": "x"}, "links": {"application": "x"},
                }),
            )
            .unwrap();
        assert_ne!(receipt.subject(), english.subject, "not the English subject");
        assert!(receipt.message_id().starts_with("outbox-"));

        let to_manager: Vec<_> =
            received.iter().filter(|m| m.to == ["manager@example.org"] && m.subject().contains(reference)).collect();
        assert_eq!(to_manager.len(), 1, "exactly one notice to the managers");
    }
);

db_test!(
    async fn mail_waits_while_the_server_is_down_and_arrives_once_when_it_is_back(app: TestApp) {
        let port = SmtpSink::unused_port();
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        for n in 0..3 {
            let applicant = app.applicant(&format!("applicant{n}@example.org"), &format!("Organisation {n}")).await;
            let id = app.draft(&applicant, call_id).await;
            let (status, _) = app.act(&applicant, id, "submit", json!({})).await;
            assert_eq!(status, StatusCode::OK, "transitions succeed while mail is down");
        }
        let worker = delivery(app.store().clone(), port);
        let report = passes(&worker, Utc::now()).await;
        assert_eq!((report.sent, report.retried), (0, 7));
        let waiting = app.store().list_outbox(Some("pending"), 1, 100).await.unwrap();
        assert_eq!(waiting.total, 7);
        assert!(waiting.items.iter().all(|m| m.last_error.is_some() && m.attempts == 1));
        assert_eq!(worker.deliver_due(Utc::now()).await.unwrap().retried, 0, "the backoff holds them");

        let sink = SmtpSink::start_on(port);
        assert_eq!(drain(&worker, Utc::now() + Duration::hours(2)).await, 7);
        assert_eq!(drain(&worker, Utc::now() + Duration::days(2)).await, 0, "nothing is sent twice");
        let received = sink.received();
        assert_eq!(received.len(), 7);
        let ids: BTreeSet<String> = received.iter().map(grants_testkit::Received::message_id).collect();
        assert_eq!(ids.len(), 7, "no message arrived twice");
        assert_eq!(app.store().list_outbox(Some("sent"), 1, 100).await.unwrap().total, 7);
    }
);

db_test!(
    async fn two_workers_drain_a_thousand_emails_exactly_once(app: TestApp) {
        let sink = SmtpSink::start();
        let manager = app.manager().await;
        for n in 1..1000 {
            let user = NewUser {
                email: format!("manager{n}@example.org"),
                display_name: format!("Manager {n}"),
                language: if n % 2 == 0 { Language::FR } else { Language::EN },
                roles: vec![Role::Manager],
                organisation_id: None,
                country: None,
            };
            app.store().create_user(user, Utc::now()).await.unwrap();
        }
        app.published_call(&manager, "MMD-CFP-2026-01").await;
        assert_eq!(app.store().count_outbox().await.unwrap(), 1000);

        // A second pool, as a second server process would have.
        let other = Store::connect(&app.db.url, 5).await.unwrap();
        let (first, second) = (delivery(app.store().clone(), sink.port), delivery(other, sink.port));
        let (a, b) = tokio::join!(drain(&first, Utc::now()), drain(&second, Utc::now()));
        assert_eq!(a + b, 1000, "{a} + {b}");
        assert!(a > 0 && b > 0, "both workers took part: {a} and {b}");

        let received = sink.received();
        assert_eq!(received.len(), 1000, "each email arrived");
        let recipients: BTreeSet<&String> = received.iter().flat_map(|m| m.to.iter()).collect();
        assert_eq!(recipients.len(), 1000, "each manager got exactly one");
        let ids: BTreeSet<String> = received.iter().map(grants_testkit::Received::message_id).collect();
        assert_eq!(ids.len(), 1000);
        assert_eq!(app.store().list_outbox(Some("sent"), 1, 1).await.unwrap().total, 1000);
    }
);

db_test!(
    async fn names_and_addresses_with_line_breaks_are_refused_at_input(app: TestApp) {
        for (email, name) in [
            ("a@example.org\r\nBcc: victim@example.org", "Aminata"),
            ("b@example.org", "Aminata\r\nBcc: victim@example.org"),
        ] {
            let user = NewUser {
                email: email.into(),
                display_name: name.into(),
                language: Language::FR,
                roles: vec![Role::Applicant],
                organisation_id: None,
                country: None,
            };
            let refused = app.store().create_user(user, Utc::now()).await;
            assert!(matches!(refused, Err(grants_store::StoreError::Validation(_))), "{email:?} {name:?}");
        }
    }
);

db_test!(
    async fn admins_see_failed_mail_and_retry_it(app: TestApp) {
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::EN).await;
        let manager = app.manager().await;
        app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut worker = delivery(app.store().clone(), SmtpSink::unused_port());
        worker = worker.with_max_attempts(1);
        let report = worker.deliver_due(Utc::now()).await.unwrap();
        assert_eq!(report.failed, 1);

        let (status, refused) = app.get(&manager, "/api/v1/admin/outbox").await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        let (status, failed) = app.get(&admin, "/api/v1/admin/outbox?status=failed").await;
        assert_eq!(status, StatusCode::OK, "{failed}");
        assert_eq!(failed["total"], 1);
        let message = &failed["items"][0];
        assert_eq!(message["template"], "call_published");
        assert!(message["last_error"].as_str().is_some_and(|e| !e.is_empty()), "{message}");
        let id = message["id"].as_i64().unwrap();

        let (status, retried) = app.post(&admin, &format!("/api/v1/admin/outbox/{id}/retry"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{retried}");
        assert_eq!(retried["requeued"], 1);
        let (status, _) = app.post(&admin, &format!("/api/v1/admin/outbox/{id}/retry"), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "only failed messages are retried");
        let sink = SmtpSink::start();
        assert_eq!(drain(&delivery(app.store().clone(), sink.port), Utc::now()).await, 1);
        assert_eq!(sink.received().len(), 1);
        let (_, bad) = app.get(&admin, "/api/v1/admin/outbox?status=lost").await;
        assert_eq!(bad["error"], "invalid_query");
    }
);

db_test!(
    async fn evaluators_are_reminded_once_before_the_evaluation_deadline(app: TestApp) {
        let sink = SmtpSink::start();
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let (done, late) = (app.evaluator("e1@example.org").await, app.evaluator("e2@example.org").await);
        let deadline = Utc::now() + Duration::days(10);
        let mut body = app.call_body("MMD-CFP-2026-01", 5);
        body["settings"] = json!({"evaluation_deadline": deadline.to_rfc3339()});
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        app.act(&manager, id, "assign", json!({})).await;
        for evaluator in [&done, &late] {
            app.declare_no_conflict(evaluator, id).await;
        }
        app.score(&done, id, 4).await;

        let early = app.store().run_due_jobs(deadline - Duration::days(4)).await.unwrap();
        assert_eq!(early.reminders_sent, 0, "too early");
        let store = app.store();
        let at = deadline - Duration::days(2);
        let (a, b) = tokio::join!(store.run_due_jobs(at), store.run_due_jobs(at));
        assert_eq!(a.unwrap().reminders_sent + b.unwrap().reminders_sent, 1, "one reminder, though two schedulers ran");
        assert_eq!(store.run_due_jobs(at + Duration::hours(12)).await.unwrap().reminders_sent, 0, "not again");

        let worker = delivery(app.store().clone(), sink.port);
        drain(&worker, at).await;
        let reminders: Vec<_> = sink.received().into_iter().filter(|m| m.to == ["e2@example.org"]).collect();
        assert_eq!(reminders.len(), 2, "the assignment notice and one reminder");
        assert!(
            reminders.iter().any(|m| m.text().contains("/applications/") && m.text().contains("scorecard")),
            "{:?}",
            reminders.iter().map(grants_testkit::Received::text).collect::<Vec<_>>()
        );
        assert!(
            sink.received().iter().filter(|m| m.to == ["e1@example.org"]).count() == 1,
            "the evaluator who submitted gets no reminder"
        );
    }
);

db_test!(
    async fn a_password_reset_queued_behind_ten_thousand_notices_arrives_within_seconds(app: TestApp) {
        let sink = SmtpSink::start();
        let user = NewUser {
            email: "aminata@example.org".into(),
            display_name: "Aminata".into(),
            language: Language::FR,
            roles: vec![Role::Applicant],
            organisation_id: None,
            country: None,
        };
        app.store().create_user(user, Utc::now()).await.unwrap();
        grants_testkit::outbox_fill::queue_notices(&app.db.url, 10_000).await;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker =
            tokio::spawn(delivery(app.store().clone(), sink.port).run(std::time::Duration::from_millis(100), stopped));
        while sink.count() < 100 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }

        let queued = std::time::Instant::now();
        app.store()
            .request_password_reset("aminata@example.org", grants_store::accounts::AccountLimits::default(), Utc::now())
            .await
            .unwrap();
        let position = loop {
            let received = sink.received();
            if let Some(position) = received.iter().position(|m| m.to == ["aminata@example.org"]) {
                break position;
            }
            assert!(queued.elapsed() < std::time::Duration::from_secs(10), "no reset after {:?}", queued.elapsed());
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        };
        let waited = queued.elapsed();
        let _ = stop.send(true);
        let report = worker.await.unwrap();
        let notices_before = position;
        eprintln!(
            "password reset delivered {waited:?} after it was queued; {notices_before} notices arrived before it"
        );
        assert!(waited < std::time::Duration::from_secs(5), "the reset took {waited:?}");
        assert!(notices_before < 400, "the reset overtook the notices: {notices_before} of 10,000 went first");
        assert!(report.sent < 10_000, "the notices were still being sent: {report:?}");
        assert!(sink.received()[position].text().contains("/password/reset?token="));
    }
);
