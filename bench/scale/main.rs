//! Programme scale (issue 15): N applications generated through the real API of the built
//! `mmd-grants serve` (calls, submissions, eligibility, assignment, declarations, scorecards, awards),
//! then the transitions, the whole-call reads, the lists and the public pages measured over HTTP, each
//! beside a baseline measured in the same run on the same database (`baseline.rs`), and the memory of the
//! serve process.
//!
//! Run with `bench/scale/run.sh` (or `cargo bench -p grants-server --bench scale`). Settings from the
//! environment: `SCALE_BENCH_APPLICATIONS` (default 10000), `SCALE_BENCH_EVALUATED` (default 2100),
//! `SCALE_BENCH_CONNECTIONS` (requests or transactions in flight, and the service's pool; default 16),
//! `SCALE_BENCH_READS` (requests per list measure; default 400), `GRANTS_TEST_POSTGRES_URL` (adds
//! PostgreSQL), `SCALE_BENCH_DATABASES` (`sqlite`, `postgres` or both, the default).

mod baseline;
mod client;
mod generate;
mod measure;
mod people;
mod reads;
mod server;
mod table;

use std::time::Instant;

use grants_testkit::{Backend, TestDb, postgres_url};
use reqwest::Method;
use serde_json::json;

use client::{Client, Timings};
use people::People;
use server::Server;
use table::Row;

/// Evaluators in the pool (three per evaluated application, in turn).
const EVALUATOR_POOL: usize = 30;
/// Awards made at most (the call's budget holds five of the example's size).
const AWARDS: usize = 5;

/// The sizes of a run.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub applications: usize,
    pub evaluated: usize,
    pub connections: usize,
    pub reads: usize,
}

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// What a run set up and what it measured while generating.
pub struct Programme {
    pub call_id: i64,
    pub people: People,
    pub ids: Vec<i64>,
    pub submit: Timings,
    pub open_review: Timings,
}

/// Says how far generation got (on stderr, so the tables stay clean).
fn progress(started: Instant, what: &str) {
    eprintln!("{:>6.0} s  {what}", started.elapsed().as_secs_f64());
}

fn kb_to_mb(kb: u64) -> String {
    format!("{} MB", kb / 1024)
}

/// Generates the programme through `client`, measuring submit and open_review on the way.
async fn generate(db: &TestDb, client: &Client, settings: Settings, rows: &mut Vec<Row>) -> Programme {
    let started = Instant::now();
    let people = people::create(&db.store, settings.applications + 1, EVALUATOR_POOL, settings.connections).await;
    progress(started, "people made");
    let call_id = generate::call(client, &people.manager).await;
    let applicants = &people.applicants[..settings.applications];
    let (ids, took) = generate::drafts(client, call_id, applicants, settings.connections).await;
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let per_second = ids.len() as f64 / took.as_secs_f64();
    rows.push(Row::new("create a draft over HTTP (generation)", format!("{per_second:.0} req/s"), "–", "–"));
    let work = ids.iter().zip(applicants).map(|(id, a)| (*id, a.auth.clone())).collect();
    progress(started, "drafts made");
    let submit = generate::act_all(client, work, "submit", settings.connections).await;
    let manager = people.manager.auth.clone();
    let work = ids.iter().map(|id| (*id, manager.clone())).collect();
    let open_review = generate::act_all(client, work, "open_review", settings.connections).await;
    progress(started, "submitted and under review");
    let evaluated = &ids[..settings.evaluated.min(ids.len())];
    let evaluation = generate::evaluate(client, &people, evaluated, settings.connections).await;
    rows.push(Row::new(
        "evaluate one application over HTTP (generation: checklist, eligible, 3 evaluators, 3 declarations and scorecards)",
        table::rate(&evaluation, "applications/s"),
        "–",
        "–",
    ));
    let awarded = generate::award(client, &manager, call_id, AWARDS).await;
    println!(
        "generated {} applications, {} evaluated, {awarded} awarded in {:.0} s",
        ids.len(),
        evaluated.len(),
        started.elapsed().as_secs_f64()
    );
    Programme { call_id, people, ids, submit, open_review }
}

/// The statements of one submit and one open_review, recorded on a new draft of the spare applicant.
async fn transition_statements(recorder: &baseline::Recorder, programme: &Programme) -> (usize, usize) {
    let spare = &programme.people.applicants.last().expect("a spare applicant").auth;
    let mut answers = grants_domain::form::mmd_full_application_example();
    answers["action"]["title"] = json!("Spare application for counting statements");
    let body = json!({ "call_id": programme.call_id, "answers": answers });
    let (_, draft) = recorder.statements(Method::POST, spare, "/api/v1/applications", Some(body)).await;
    let id = draft["id"].as_i64().expect("an application id");
    let path = |action: &str| format!("/api/v1/applications/{id}/actions/{action}");
    let (submit, _) = recorder.statements(Method::POST, spare, &path("submit"), Some(json!({}))).await;
    let manager = &programme.people.manager.auth;
    let (open, _) = recorder.statements(Method::POST, manager, &path("open_review"), Some(json!({}))).await;
    (submit.len(), open.len())
}

/// One database: generate, measure, stop the service, measure the baselines.
async fn run(backend: Backend, settings: Settings) -> Vec<Row> {
    let db = TestDb::create(backend).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let server = Server::start(&db.url, dir.path(), settings.connections).await;
    let idle = server.memory_kb("VmRSS");
    let client = Client::new(&server.address, settings.connections);
    let mut rows = Vec::new();
    let programme = generate(&db, &client, settings, &mut rows).await;
    if backend == Backend::Postgres {
        // What autovacuum does after a bulk load (it is on by default, but off on some test servers):
        // without statistics the planner picks nested loops that take seconds per list page.
        baseline::analyze(&db.url).await;
    }
    let service_reads = reads::service(&client, &programme, settings).await;
    let after = server.memory_kb("VmRSS");
    let peak = server.memory_kb("VmHWM");
    server.stop().await;

    let raw = baseline::raw_pool(&db.url, settings.connections).await;
    let recorder = baseline::Recorder::start(&db.store).await;
    let (submit_statements, open_statements) = transition_statements(&recorder, &programme).await;
    let baseline_reads = reads::baselines(&recorder, &raw, &programme, settings).await;
    let writes = baseline::raw_writes(&raw, &programme.ids, programme.people.manager.id, settings.connections).await;
    let raw_label = |timings: &Timings| {
        format!("raw transaction (UPDATE + INSERT event + INSERT outbox): {}", table::rate(timings, "TPS"))
    };
    for (label, timings, statements) in [
        ("`submit` over HTTP", &programme.submit, submit_statements),
        ("`open_review` over HTTP", &programme.open_review, open_statements),
    ] {
        rows.push(Row::new(
            format!("{label} ({statements} statements each)"),
            table::rate(timings, "req/s"),
            raw_label(&writes),
            table::percent(timings.per_second(), writes.per_second()),
        ));
    }
    rows.extend(reads::rows(&programme, &service_reads, &baseline_reads));
    rows.push(Row::new("RSS of serve: idle after start", kb_to_mb(idle), "–", "–"));
    rows.push(Row::new(
        "RSS of serve: after the run / peak (VmHWM)",
        format!("{} / {}", kb_to_mb(after), kb_to_mb(peak)),
        "–",
        "–",
    ));
    raw.close().await.ok();
    db.remove().await;
    rows
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of tests; there are none
    }
    let applications = setting("SCALE_BENCH_APPLICATIONS", 10_000);
    let settings = Settings {
        applications,
        evaluated: setting("SCALE_BENCH_EVALUATED", 2_100).min(applications),
        connections: setting("SCALE_BENCH_CONNECTIONS", 16).max(1),
        reads: setting("SCALE_BENCH_READS", 400).max(1),
    };
    let wanted = std::env::var("SCALE_BENCH_DATABASES").unwrap_or_default();
    let mut backends = Vec::new();
    if wanted.is_empty() || wanted.contains("sqlite") {
        backends.push((Backend::Sqlite, "SQLite"));
    }
    if (wanted.is_empty() || wanted.contains("postgres")) && postgres_url().is_some() {
        backends.push((Backend::Postgres, "PostgreSQL"));
    }
    let mut report = String::new();
    for (backend, name) in backends {
        let started = Instant::now();
        let rows = run(backend, settings).await;
        let heading = format!(
            "### {name}: {} applications, {} evaluated, {} connections ({} s, {})",
            settings.applications,
            settings.evaluated,
            settings.connections,
            started.elapsed().as_secs(),
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        );
        let table = table::render(&heading, &rows);
        println!("{table}");
        report.push_str(&table);
        report.push('\n');
    }
    let file = server::target_dir().join("scale-bench.md");
    std::fs::write(&file, report).expect("writing the results");
    println!("written to {}", file.display());
}
