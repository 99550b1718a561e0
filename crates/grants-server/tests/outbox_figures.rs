//! The outbox's figures for operators: `/metrics` and the admin outbox page show how many emails wait,
//! how long the oldest has waited and how many left in the last minute, read from the shared database.

use chrono::{Duration, Utc};
use grants_domain::{Language, Role};
use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{Browser, TestApp, db_test};

const PASSWORD: &str = "correct horse battery staple";

fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series).and_then(|rest| rest.trim().parse().ok()))
}

async fn scrape(app: &TestApp) -> String {
    app.client.get(format!("{}/metrics", app.address)).send().await.unwrap().text().await.unwrap()
}

db_test!(
    async fn metrics_and_the_admin_page_show_queue_depth_oldest_age_and_delivery_rate(app: TestApp) {
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::FR).await;
        app.store().set_password(admin.id, PASSWORD).await.unwrap();
        queue_notices(&app.db.url, 5).await;
        let store = app.store();
        let claim = store.claim_due(Utc::now(), Duration::minutes(1), 2).await.unwrap();
        let ids: Vec<i64> = claim.messages.iter().map(|m| m.id).collect();
        assert_eq!(store.mark_sent(&claim.token, &ids, app.now()).await.unwrap(), 2);
        store
            .request_password_reset("admin@example.org", grants_store::accounts::AccountLimits::default(), app.now())
            .await
            .unwrap();

        let text = scrape(&app).await;
        assert_eq!(sample(&text, "mmdg_email_queue_depth "), Some(4.0), "three notices and a reset wait: {text}");
        assert_eq!(sample(&text, "mmdg_email_queue_transactional "), Some(1.0), "{text}");
        let rate = sample(&text, "mmdg_email_delivery_rate_per_second ").unwrap();
        assert!((rate - 2.0 / 60.0).abs() < 1e-9, "two sent in the last minute: {rate}");

        app.clock.advance(Duration::minutes(10));
        let text = scrape(&app).await;
        let oldest = sample(&text, "mmdg_email_oldest_pending_age_seconds ").unwrap();
        assert!((600.0..700.0).contains(&oldest), "the oldest has waited ten minutes: {oldest}");
        assert_eq!(sample(&text, "mmdg_email_delivery_rate_per_second "), Some(0.0), "nothing left since");

        let mut desk = Browser::new(&app);
        desk.sign_in("admin@example.org", PASSWORD).await;
        let (status, page, _) = desk.get("/admin/outbox").await;
        assert_eq!(status, reqwest::StatusCode::OK);
        let figures = page.split("id=\"outbox-figures\"").nth(1).expect("the figures are on the page");
        let figures = figures.split("</dl>").next().unwrap();
        assert!(figures.contains("En attente ou en cours d&#x27;envoi</dt><dd>4</dd>"), "{figures}");
        assert!(figures.contains("Envoyés au cours de la dernière minute</dt><dd>0</dd>"), "{figures}");
        assert!(figures.contains("(secondes)</dt><dd>6"), "{figures}");
    }
);
