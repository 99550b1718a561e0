//! Outbox throughput: N queued emails drained by the built `mmd-grants serve` to a local SMTP server, in
//! emails per second, beside the file transport and beside the SMTP server's own ceiling measured in the
//! same run; one and two processes; every message counted once at the server by Message-ID.
//!
//! Run with `bench/mail/run.sh` (or `cargo bench -p grants-server --bench mail_outbox`). Settings from the
//! environment: `MAIL_BENCH_EMAILS` (default 20000), `MAIL_BENCH_IN_FLIGHT` (default: the service's
//! default), `GRANTS_TEST_POSTGRES_URL` (adds the PostgreSQL rows).

use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use futures::StreamExt;
use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{Backend, SmtpSink, TestDb, postgres_url};
use lettre::message::Mailbox;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn rate(count: usize, took: Duration) -> f64 {
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    let count = count as f64;
    count / took.as_secs_f64()
}

/// How fast the SMTP server takes messages from a pooled client with `in_flight` sends at once and no
/// database at all: the most any delivery to it can reach.
async fn smtp_ceiling(emails: usize, in_flight: usize) -> f64 {
    let sink = SmtpSink::start();
    let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous("127.0.0.1")
        .port(sink.port)
        .pool_config(PoolConfig::new().max_size(u32::try_from(in_flight).unwrap_or(8)))
        .build();
    let from: Mailbox = "MMD Grants <no-reply@grants.example.org>".parse().unwrap();
    let started = Instant::now();
    let sends = futures::stream::iter(0..emails).map(|n| {
        let transport = transport.clone();
        let message = Message::builder()
            .from(from.clone())
            .to(format!("manager{n}@example.org").parse().unwrap())
            .subject(format!("[MMD Grants] New application MMD-CFP-2026-01-{n:04}"))
            .message_id(Some(format!("<ceiling-{n}@grants.example.org>")))
            .body(format!("Dear Manager {n},\n\nA new application has been submitted.\n"))
            .unwrap();
        async move { transport.send(message).await.map(|_| ()) }
    });
    let results: Vec<_> = sends.buffer_unordered(in_flight).collect().await;
    let took = started.elapsed();
    assert!(results.iter().all(Result::is_ok), "the SMTP server took every message");
    assert_eq!(sink.count(), emails);
    rate(emails, took)
}

fn serve(db: &TestDb, dir: &Path, transport: &[(&str, String)], in_flight: Option<usize>) -> Child {
    let mut command = Command::new(BINARY);
    command
        .arg("serve")
        .current_dir(dir)
        .env("GRANTS__DATABASE__URL", &db.url)
        .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
        .env("GRANTS__LOG__LEVEL", "warn")
        .env("GRANTS__SCHEDULER__ENABLED", "false")
        .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
        .env("GRANTS__MAIL__FROM", "MMD Grants <no-reply@grants.example.org>")
        .envs(transport.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true);
    if let Some(in_flight) = in_flight {
        command.env("GRANTS__MAIL__MAX_IN_FLIGHT", in_flight.to_string());
    }
    command.spawn().expect("starting mmd-grants serve")
}

/// What one drain measured.
struct Drain {
    per_second: f64,
    exactly_once: bool,
}

/// Drains `emails` queued notices with `processes` server processes over SMTP (or into files when
/// `smtp` is false) and checks each arrived once.
async fn drain(backend: Backend, emails: usize, processes: usize, smtp: bool, in_flight: Option<usize>) -> Drain {
    let db = TestDb::create(backend).await;
    queue_notices(&db.url, emails).await;
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start();
    let folder = dir.path().join("mail");
    let transport: Vec<(&str, String)> = if smtp {
        vec![
            ("GRANTS__MAIL__TRANSPORT", "smtp".into()),
            ("GRANTS__MAIL__SMTP_HOST", "127.0.0.1".into()),
            ("GRANTS__MAIL__SMTP_PORT", sink.port.to_string()),
        ]
    } else {
        vec![("GRANTS__MAIL__TRANSPORT", "file".into()), ("GRANTS__MAIL__FILE_DIR", folder.display().to_string())]
    };
    let started = Instant::now();
    let mut children: Vec<Child> = (0..processes).map(|_| serve(&db, dir.path(), &transport, in_flight)).collect();
    let target = u64::try_from(emails).unwrap();
    loop {
        let done = if smtp {
            sink.count() >= emails
        } else {
            db.store.list_outbox(Some("sent"), 1, 1).await.unwrap().total >= target
        };
        if done {
            break;
        }
        assert!(started.elapsed() < Duration::from_mins(30), "the outbox did not drain");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let took = started.elapsed();
    // Let any duplicate arrive before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for child in &mut children {
        child.kill().await.ok();
    }
    let exactly_once = if smtp {
        let ids = sink.message_ids();
        ids.len() == emails && ids.iter().collect::<HashSet<_>>().len() == emails
    } else {
        std::fs::read_dir(&folder)
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .count()
            == emails
    };
    db.remove().await;
    Drain { per_second: rate(emails, took), exactly_once }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` asks for the list of tests; there are none
    }
    let emails = setting("MAIL_BENCH_EMAILS", 20_000);
    let in_flight = std::env::var("MAIL_BENCH_IN_FLIGHT").ok().and_then(|v| v.parse().ok());
    let ceiling = smtp_ceiling(emails, in_flight.unwrap_or(32)).await; // 32: the service's default
    println!("mail outbox benchmark: {emails} emails per run, 2 cores");
    println!();
    println!("| database | delivery | processes | emails/s | exactly once |");
    println!("|---|---|---|---|---|");
    println!("| none | SMTP server ceiling (pooled client, no database) | 1 | {ceiling:.0} | yes |");
    let mut backends = vec![Backend::Sqlite];
    if postgres_url().is_some() {
        backends.push(Backend::Postgres);
    }
    for backend in backends {
        let name = if backend == Backend::Sqlite { "SQLite" } else { "PostgreSQL" };
        for (label, smtp, processes) in
            [("file (.eml)", false, 1), ("SMTP", true, 1), ("file (.eml)", false, 2), ("SMTP", true, 2)]
        {
            let drained = drain(backend, emails, processes, smtp, in_flight).await;
            let once = if drained.exactly_once { "yes" } else { "NO" };
            println!("| {name} | {label} | {processes} | {:.0} | {once} |", drained.per_second);
        }
    }
}
