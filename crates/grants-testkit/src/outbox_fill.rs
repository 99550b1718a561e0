//! A full outbox in seconds: thousands of manager notices of one submission, written with multi-row
//! inserts, for the tests and benchmarks of delivery at scale. Each row renders as the real
//! `application_submitted` email would.

use chrono::Utc;
use sea_orm::{ConnectionTrait, Database, Statement, Value};

/// Rows per insert statement.
const ROWS_PER_INSERT: usize = 500;

/// Queues `count` pending manager notices (alternating English and French recipients
/// `manager<n>@example.org`) in the database at `url`, under one audit event.
pub async fn queue_notices(url: &str, count: usize) {
    let db = Database::connect(url).await.expect("connecting to fill the outbox");
    let backend = db.get_database_backend();
    let now = Utc::now();
    let event = Statement::from_sql_and_values(
        backend,
        "INSERT INTO workflow_events (subject_kind, subject_id, action, from_state, to_state, actor_role, payload, occurred_at) \
         VALUES ('application', 1, 'submit', 'draft', 'submitted', 'applicant', '{}', $1)",
        [now.into()],
    );
    db.execute_raw(event).await.expect("the event the notices belong to");
    let event_id: i64 = db
        .query_one_raw(Statement::from_string(backend, "SELECT MAX(id) AS id FROM workflow_events"))
        .await
        .expect("reading the event id")
        .expect("an event row")
        .try_get("", "id")
        .expect("the event id");
    let priority = grants_store::outbox::priority_of("application_submitted");
    for start in (0..count).step_by(ROWS_PER_INSERT) {
        let end = (start + ROWS_PER_INSERT).min(count);
        let mut rows = Vec::with_capacity(end - start);
        let mut values: Vec<Value> = Vec::new();
        for n in start..end {
            let p: Vec<String> = (values.len() + 1..=values.len() + 7).map(|i| format!("${i}")).collect();
            rows.push(format!(
                "({}, 'application_submitted', {}, {}, {}, 'pending', 0, {}, {}, {})",
                p[0], p[1], p[2], p[3], p[4], p[5], p[6]
            ));
            let payload = serde_json::json!({
                "application": { "id": 1, "reference": "MMD-CFP-2026-01-0001", "title": "Youth information desks", "state": "submitted" },
                "call": { "id": 1, "reference": "MMD-CFP-2026-01", "title_en": "Migration and mobility", "title_fr": "Migration et mobilité" },
                "recipient": { "name": format!("Manager {n}") },
                "reason": null,
            });
            values.extend([
                event_id.into(),
                format!("manager{n}@example.org").into(),
                (if n % 2 == 0 { "en" } else { "fr" }).into(),
                payload.to_string().into(),
                now.into(),
                now.into(),
                priority.into(),
            ]);
        }
        let sql = format!(
            "INSERT INTO outbox (event_id, template, recipient_email, recipient_language, payload, status, attempts, \
             next_attempt_at, created_at, priority) VALUES {}",
            rows.join(", ")
        );
        db.execute_raw(Statement::from_sql_and_values(backend, &sql, values)).await.expect("queueing notices");
    }
    db.close().await.ok();
}
