//! The programme, built through the real API: a published call, one draft per applicant, submissions,
//! eligibility review, evaluators assigned and declared, three submitted scorecards per evaluated
//! application, and awards.

use std::time::{Duration, Instant};

use chrono::Utc;
use futures::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};

use crate::client::{Auth, Client, Timings, timed_all};
use crate::people::{People, Person};

/// Evaluators per evaluated application (each submits a scorecard).
pub const EVALUATORS_PER_APPLICATION: usize = 3;

/// Creates and publishes a call open for 60 days; returns its id.
pub async fn call(client: &Client, manager: &Person) -> i64 {
    let now = Utc::now();
    let body = json!({
        "reference": "MMD-CFP-2026-99",
        "title_en": "Grants for local authorities, CSOs and diaspora organisations",
        "title_fr": "Subventions pour autorités locales, OSC et organisations de la diaspora",
        "description_en": "Initiatives following up the Joint Valletta Action Plan.",
        "description_fr": "Initiatives de suivi du Plan d'action conjoint de La Valette.",
        "procedure": "open",
        "total_budget": "1500000.00",
        "min_grant": "50000",
        "max_grant": "300000.00",
        "opens_at": (now - chrono::Duration::days(1)).to_rfc3339(),
        "deadline_at": (now + chrono::Duration::days(60)).to_rfc3339(),
        "display_timezone": "Africa/Bamako",
        "settings": { "evaluators_per_application": EVALUATORS_PER_APPLICATION },
    });
    let call = client.call(Method::POST, &manager.auth, "/api/v1/calls", Some(body)).await;
    let id = call["id"].as_i64().unwrap_or_else(|| panic!("a call id in {call}"));
    client.call(Method::POST, &manager.auth, &format!("/api/v1/calls/{id}/actions/publish"), Some(json!({}))).await;
    id
}

/// One complete draft per applicant, `concurrency` at a time: the ids (in the applicants' order) and the
/// time it took.
pub async fn drafts(client: &Client, call_id: i64, applicants: &[Person], concurrency: usize) -> (Vec<i64>, Duration) {
    let started = Instant::now();
    let ids = futures::stream::iter(applicants.iter().enumerate())
        .map(|(n, applicant)| async move {
            let mut answers = grants_domain::form::mmd_full_application_example();
            answers["action"]["title"] = json!(format!("Jeunes de la région {n} en mouvement"));
            let body = json!({ "call_id": call_id, "answers": answers });
            let created = client.call(Method::POST, &applicant.auth, "/api/v1/applications", Some(body)).await;
            created["id"].as_i64().expect("an application id")
        })
        .buffered(concurrency)
        .collect()
        .await;
    (ids, started.elapsed())
}

/// Performs `action` on each application as its actor, `concurrency` at a time, timing each request.
pub async fn act_all(client: &Client, work: Vec<(i64, Auth)>, action: &str, concurrency: usize) -> Timings {
    timed_all(work, concurrency, |(id, auth)| async move {
        let path = format!("/api/v1/applications/{id}/actions/{action}");
        let (status, _) = client.try_call(Method::POST, &auth, &path, Some(json!({}))).await;
        status.is_success()
    })
    .await
}

/// Eligibility review of an application under review: every checklist item passed, then eligible.
async fn declare_eligible(client: &Client, manager: &Auth, id: i64) {
    let lines = client.call(Method::GET, manager, &format!("/api/v1/applications/{id}/checklist"), None).await;
    for line in lines.as_array().cloned().unwrap_or_default() {
        let item = line["item"].as_str().unwrap_or_default();
        let path = format!("/api/v1/applications/{id}/checklist/{item}");
        client.call(Method::PUT, manager, &path, Some(json!({ "passed": true }))).await;
    }
    let path = format!("/api/v1/applications/{id}/actions/declare_eligible");
    client.call(Method::POST, manager, &path, Some(json!({}))).await;
}

/// A complete scorecard of the default grid giving every criterion `score`.
fn scorecard(score: u8) -> Value {
    let grid = grants_domain::evaluation::Grid::full_application_default();
    let mut scores = serde_json::Map::new();
    let mut comments = serde_json::Map::new();
    for (_, criterion) in grid.criteria() {
        scores.insert(criterion.code.clone(), json!(score));
        comments.insert(criterion.code.clone(), json!(format!("{} scored {score}", criterion.code)));
    }
    json!({ "scores": scores, "comments": comments, "overall_comment": "Clear, feasible and relevant to the JVAP." })
}

/// Takes application `id` (the `n`th, under review) to `evaluated`: eligible, three evaluators of the
/// pool assigned and declared, each scoring every criterion alike (3 to 5 by application).
async fn evaluate_one(client: &Client, people: &People, n: usize, id: i64) {
    let manager = &people.manager.auth;
    declare_eligible(client, manager, id).await;
    let pool = people.evaluators.len();
    let chosen: Vec<&Person> = (0..EVALUATORS_PER_APPLICATION)
        .map(|k| &people.evaluators[(n * EVALUATORS_PER_APPLICATION + k) % pool])
        .collect();
    for evaluator in &chosen {
        let body = json!({ "evaluator_id": evaluator.id });
        client.call(Method::POST, manager, &format!("/api/v1/applications/{id}/evaluators"), Some(body)).await;
    }
    client.call(Method::POST, manager, &format!("/api/v1/applications/{id}/actions/assign"), Some(json!({}))).await;
    let score = 3 + u8::try_from(n % 3).unwrap_or_default();
    for evaluator in chosen {
        let declaration = json!({ "conflict_of_interest": false });
        let path = format!("/api/v1/applications/{id}/declaration");
        client.call(Method::POST, &evaluator.auth, &path, Some(declaration)).await;
        let path = format!("/api/v1/applications/{id}/scorecard");
        client.call(Method::PUT, &evaluator.auth, &path, Some(scorecard(score))).await;
        client.call(Method::POST, &evaluator.auth, &format!("{path}/submit"), Some(json!({}))).await;
    }
}

/// Evaluates the applications `ids`, `concurrency` at a time; times each application's whole sequence.
pub async fn evaluate(client: &Client, people: &People, ids: &[i64], concurrency: usize) -> Timings {
    let work: Vec<(usize, i64)> = ids.iter().copied().enumerate().collect();
    timed_all(work, concurrency, |(n, id)| async move {
        evaluate_one(client, people, n, id).await;
        true
    })
    .await
}

/// Awards the best-ranked applications while the budget lasts; returns how many were awarded.
pub async fn award(client: &Client, manager: &Auth, call_id: i64, at_most: usize) -> usize {
    let ranking = client.call(Method::GET, manager, &format!("/api/v1/calls/{call_id}/ranking"), None).await;
    let mut ids: Vec<i64> = Vec::new();
    collect_ids(&ranking, &mut ids);
    let mut awarded = 0;
    for id in ids.into_iter().take(at_most) {
        let path = format!("/api/v1/applications/{id}/actions/award");
        let (status, _) =
            client.try_call(Method::POST, manager, &path, Some(json!({ "reason": "ranked within budget" }))).await;
        if status.is_success() {
            awarded += 1;
        }
    }
    awarded
}

/// Every `application_id` in a ranking, in order.
fn collect_ids(value: &Value, ids: &mut Vec<i64>) {
    match value {
        Value::Object(map) => {
            if let Some(id) = map.get("application_id").and_then(Value::as_i64) {
                ids.push(id);
            }
            map.values().for_each(|v| collect_ids(v, ids));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        _ => {}
    }
}
