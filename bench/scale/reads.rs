//! The reads measured over HTTP and their baselines: the statements the service runs for the same
//! request, replayed raw on the same database.

use reqwest::Method;
use sea_orm::DatabaseConnection;

use crate::baseline::{Recorder, replay_load, replay_ms, slowest};
use crate::client::{Auth, Client, Timings};
use crate::measure::{Single, load, single};
use crate::table::{self, Row};
use crate::{Programme, Settings};

/// Times a whole-call read is repeated (the median is kept).
const REPEATS: usize = 3;

/// How a read is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Alone, one after another: first byte, whole, bytes.
    Single,
    /// Many at once: requests per second, p50, p99.
    Load,
}

/// A read of the bench.
struct Read {
    label: &'static str,
    path: String,
    auth: Auth,
    kind: Kind,
}

fn reads(programme: &Programme) -> Vec<Read> {
    let id = programme.call_id;
    let token = programme.people.manager.auth.clone();
    let session = programme.people.manager_session.clone();
    let read = |label, path: String, auth: &Auth, kind| Read { label, path, auth: auth.clone(), kind };
    vec![
        read("`GET /api/v1/calls/{id}/ranking`", format!("/api/v1/calls/{id}/ranking"), &token, Kind::Single),
        read("evaluation report JSON", format!("/api/v1/calls/{id}/evaluation-report"), &token, Kind::Single),
        read("evaluation report CSV", format!("/api/v1/calls/{id}/evaluation-report.csv"), &token, Kind::Single),
        read("evaluation report HTML", format!("/api/v1/calls/{id}/evaluation-report.html"), &token, Kind::Single),
        read("ranking page `/calls/{id}/ranking` (first page)", format!("/calls/{id}/ranking"), &session, Kind::Single),
        read("portfolio page `/portfolio`", "/portfolio".into(), &session, Kind::Single),
        read("portfolio API `/api/v1/portfolio`", "/api/v1/portfolio".into(), &token, Kind::Single),
        read(
            "`GET /api/v1/applications` (call and country filter, first page of 50)",
            format!("/api/v1/applications?call_id={id}&country=ML&per_page=50"),
            &token,
            Kind::Load,
        ),
        read(
            "`/applications` page (signed in; call and country filter, sorted by reference, first page of 25)",
            format!("/applications?call={id}&country=ML&sort=reference"),
            &session,
            Kind::Load,
        ),
        read("public call page `/calls/{id}`", format!("/calls/{id}"), &Auth::Anonymous, Kind::Load),
        read("public call list `/calls`", "/calls".into(), &Auth::Anonymous, Kind::Load),
    ]
}

/// What one read measured over HTTP.
pub enum Measured {
    Single(Single),
    Load(Timings),
}

/// What one read's baseline measured.
pub struct Baseline {
    statements: usize,
    sequential_ms: f64,
    load: Option<Timings>,
}

/// Every read over HTTP, in order.
pub async fn service(client: &Client, programme: &Programme, settings: Settings) -> Vec<Measured> {
    let mut measured = Vec::new();
    for read in reads(programme) {
        measured.push(match read.kind {
            Kind::Single => Measured::Single(single(client, &read.auth, &read.path, REPEATS).await),
            Kind::Load => {
                // One read first, so the first request of the batch is not the first of its kind.
                single(client, &read.auth, &read.path, 1).await;
                Measured::Load(load(client, &read.auth, &read.path, settings.reads, settings.connections).await)
            }
        });
    }
    measured
}

/// Every read's statements, recorded and replayed raw, in order.
pub async fn baselines(
    recorder: &Recorder,
    raw: &DatabaseConnection,
    programme: &Programme,
    settings: Settings,
) -> Vec<Baseline> {
    let mut baselines = Vec::new();
    for read in reads(programme) {
        let (statements, _) = recorder.statements(Method::GET, &read.auth, &read.path, None).await;
        let sequential_ms = replay_ms(raw, &statements, REPEATS).await;
        let (worst_ms, worst_sql) = slowest(raw, &statements).await;
        eprintln!("{}: slowest statement {worst_ms:.1} ms of {sequential_ms:.1} ms: {worst_sql}", read.label);
        let load = match read.kind {
            Kind::Single => None,
            Kind::Load => Some(replay_load(raw, &statements, settings.reads, settings.connections).await),
        };
        baselines.push(Baseline { statements: statements.len(), sequential_ms, load });
    }
    baselines
}

/// The table rows of the reads, in the order of `measured` and `baselines`.
pub fn rows(programme: &Programme, measured: &[Measured], baselines: &[Baseline]) -> Vec<Row> {
    reads(programme)
        .iter()
        .zip(measured.iter().zip(baselines))
        .map(|(read, (measured, baseline))| {
            let statements = baseline.statements;
            let replayed = format!("its {statements} statements replayed raw: {:.1} ms", baseline.sequential_ms);
            match measured {
                Measured::Load(timings) => match &baseline.load {
                    Some(raw) => Row::new(
                        read.label,
                        table::rate(timings, "req/s"),
                        format!("its {statements} statements replayed raw: {}", table::rate(raw, "sets/s")),
                        table::percent(timings.per_second(), raw.per_second()),
                    ),
                    None => Row::new(read.label, table::rate(timings, "req/s"), replayed, "–"),
                },
                Measured::Single(one) => Row::new(
                    read.label,
                    format!(
                        "first byte {:.1} ms, whole {:.1} ms, {} (HTTP {})",
                        one.first_byte_ms,
                        one.whole_ms,
                        table::kb(one.bytes),
                        one.status
                    ),
                    replayed,
                    table::times(one.whole_ms, baseline.sequential_ms),
                ),
            }
        })
        .collect()
}
