//! `/metrics`: Prometheus text with this instance's requests per route pattern and the programme's records
//! per state from the shared database; a configured token closes it to everyone else.

use grants_testkit::{TestApp, db_test};
use grants_web::WebSettings;
use reqwest::StatusCode;
use serde_json::json;

fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines().find_map(|line| line.strip_prefix(series).and_then(|rest| rest.trim().parse().ok()))
}

db_test!(
    async fn metrics_count_requests_per_route_and_records_per_state(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        for _ in 0..2 {
            let id = app.draft(&applicant, call_id).await;
            app.act(&applicant, id, "submit", json!({})).await;
        }
        app.draft(&applicant, call_id).await;
        for _ in 0..3 {
            app.get(&manager, &format!("/api/v1/calls/{call_id}")).await;
        }
        let response = app.client.get(format!("{}/metrics", app.address)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/openmetrics-text"));
        let text = response.text().await.unwrap();
        assert_eq!(sample(&text, "mmdg_records{kind=\"application\",state=\"submitted\"}"), Some(2.0), "{text}");
        assert_eq!(sample(&text, "mmdg_records{kind=\"application\",state=\"draft\"}"), Some(1.0));
        assert_eq!(sample(&text, "mmdg_records{kind=\"call\",state=\"published\"}"), Some(1.0));
        let calls = "mmdg_http_requests_total{method=\"GET\",route=\"/api/v1/calls/{id}\",status=\"200\"}";
        assert_eq!(sample(&text, calls), Some(3.0), "requests are counted under the route pattern: {text}");
        assert!(!text.contains(&format!("/api/v1/calls/{call_id}\"")), "never under the raw path");
        assert!(text.contains("mmdg_http_request_duration_seconds_bucket{"), "latencies are histograms");
        assert!(text.trim_end().ends_with("# EOF"));
    }
);

db_test!(
    async fn a_configured_token_closes_the_metrics(app: TestApp) {
        let settings = WebSettings { metrics_token: Some("scrape-secret".into()), ..WebSettings::default() };
        let other = app.second_instance(settings).await;
        let client = reqwest::Client::new();
        let refused = client.get(format!("{other}/metrics")).send().await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
        let body: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized");
        let wrong = client.get(format!("{other}/metrics")).bearer_auth("scrape-secreT").send().await.unwrap();
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        let scraped = client.get(format!("{other}/metrics")).bearer_auth("scrape-secret").send().await.unwrap();
        assert_eq!(scraped.status(), StatusCode::OK);
        let text = scraped.text().await.unwrap();
        let refusals = "mmdg_http_requests_total{method=\"GET\",route=\"/metrics\",status=\"401\"}";
        assert_eq!(sample(&text, refusals), Some(2.0), "the refused scrapes are counted: {text}");
    }
);
