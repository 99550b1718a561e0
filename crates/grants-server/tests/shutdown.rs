//! Graceful shutdown of the built binary with a full outbox (SPEC §12): after SIGTERM the mail workers
//! finish the emails they are sending, hand back the rest at once and the process exits 0; a second
//! process then delivers what is left, and every email arrives exactly once.

use std::collections::BTreeSet;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{Backend, SmtpSink, TestDb, postgres_url};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

/// A `serve` process delivering over SMTP to `port`, with its JSON log lines collected.
struct Server {
    child: Child,
    logs: Arc<Mutex<Vec<Value>>>,
}

impl Server {
    fn start(db: &TestDb, dir: &std::path::Path, port: u16, workers: u32, in_flight: u32) -> Server {
        let mut child = Command::new(BINARY)
            .arg("serve")
            .current_dir(dir)
            .env("GRANTS__DATABASE__URL", &db.url)
            .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
            .env("GRANTS__LOG__FORMAT", "json")
            .env("GRANTS__LOG__LEVEL", "info")
            .env("GRANTS__MAIL__TRANSPORT", "smtp")
            .env("GRANTS__MAIL__SMTP_HOST", "127.0.0.1")
            .env("GRANTS__MAIL__SMTP_PORT", port.to_string())
            .env("GRANTS__MAIL__FROM", "MMD Grants <no-reply@grants.example.org>")
            .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
            .env("GRANTS__MAIL__TIMEOUT_SECONDS", "10")
            .env("GRANTS__MAIL__WORKERS", workers.to_string())
            .env("GRANTS__MAIL__MAX_IN_FLIGHT", in_flight.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("starting a server process");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let mut lines = BufReader::new(child.stdout.take().expect("piped output")).lines();
        let kept = logs.clone();
        tokio::spawn(async move {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Ok(entry) = serde_json::from_str::<Value>(&line) {
                    kept.lock().unwrap().push(entry);
                }
            }
        });
        Server { child, logs }
    }

    /// Sends SIGTERM and waits at most `limit` for the exit; returns whether it was clean and how long
    /// it took.
    async fn terminate(&mut self, limit: Duration) -> (bool, Duration) {
        let pid = self.child.id().expect("a running process").to_string();
        let signalled = Instant::now();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().await.unwrap().success());
        let status = tokio::time::timeout(limit, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("the process did not exit within {limit:?} of SIGTERM"))
            .unwrap();
        (status.success(), signalled.elapsed())
    }

    fn log(&self, message: &str) -> Option<Value> {
        self.logs.lock().unwrap().iter().find(|entry| entry["message"] == message).cloned()
    }
}

async fn wait_until(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(started.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn total(db: &TestDb, status: &str) -> u64 {
    db.store.list_outbox(Some(status), 1, 1).await.unwrap().total
}

fn assert_each_once(sink: &SmtpSink, expected: usize) {
    let ids = sink.message_ids();
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "no email arrived twice");
    assert_eq!(ids.len(), expected, "every email arrived");
}

async fn a_full_outbox_stops_in_time_and_a_second_process_drains_it(backend: Backend) {
    const EMAILS: usize = 5_000;
    let db = TestDb::create(backend).await;
    queue_notices(&db.url, EMAILS).await;
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();

    let mut first = Server::start(&db, dir.path(), sink.port, 1, 8);
    wait_until("the first deliveries", Duration::from_mins(1), async || sink.count() >= 100).await;
    let (clean, took) = first.terminate(Duration::from_secs(5)).await;
    assert!(clean, "SIGTERM is a clean stop: exit status 0");
    assert!(took < Duration::from_secs(5), "stopped in {took:?}");
    assert_eq!(total(&db, "sending").await, 0, "nothing is left claimed");
    let stopped = first.log("mail workers stopped").expect("the log says what the workers did");
    assert!(stopped["handed_back"].is_u64() && stopped["finished_after_signal"].is_u64(), "{stopped}");
    let left = total(&db, "pending").await;
    assert!(left > 0, "the first process stopped before draining the outbox");
    assert_eq!(total(&db, "sent").await + left, EMAILS as u64);
    assert_eq!(sink.count() as u64, total(&db, "sent").await, "what arrived is what is recorded as sent");

    let mut second = Server::start(&db, dir.path(), sink.port, 1, 8);
    wait_until("the rest of the outbox", Duration::from_mins(2), async || total(&db, "sent").await == EMAILS as u64)
        .await;
    let (clean, _) = second.terminate(Duration::from_secs(5)).await;
    assert!(clean);
    assert_each_once(&sink, EMAILS);
    db.remove().await;
}

async fn a_slow_mail_server_delays_the_stop_by_one_message_at_most(backend: Backend) {
    const EMAILS: usize = 24;
    let delay = Duration::from_secs(2);
    let db = TestDb::create(backend).await;
    queue_notices(&db.url, EMAILS).await;
    let sink = SmtpSink::start_slow(delay);
    let dir = tempfile::tempdir().unwrap();

    let mut first = Server::start(&db, dir.path(), sink.port, 2, 4);
    wait_until("the first sends under way", Duration::from_secs(30), async || total(&db, "sending").await > 0).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (clean, took) = first.terminate(delay + Duration::from_millis(2_500)).await;
    assert!(clean, "SIGTERM is a clean stop: exit status 0");
    assert!(took < delay + Duration::from_millis(2_500), "stopped in {took:?}");
    let stopped = first.log("mail workers stopped").expect("the log says what the workers did");
    assert!(stopped["finished_after_signal"].as_u64().unwrap() > 0, "the sends under way were finished: {stopped}");
    assert!(stopped["handed_back"].as_u64().unwrap() > 0, "unstarted emails were handed back: {stopped}");
    assert_eq!(total(&db, "sending").await, 0, "nothing is left claimed");
    assert_eq!(sink.count() as u64, total(&db, "sent").await, "every email that arrived is recorded as sent");

    let mut second = Server::start(&db, dir.path(), sink.port, 2, 4);
    wait_until("the rest of the outbox", Duration::from_mins(1), async || total(&db, "sent").await == EMAILS as u64)
        .await;
    second.terminate(Duration::from_secs(5)).await;
    assert_each_once(&sink, EMAILS);
    db.remove().await;
}

fn postgres_runs() -> bool {
    if postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return false;
    }
    true
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_5000_pending_emails_on_sqlite() {
    a_full_outbox_stops_in_time_and_a_second_process_drains_it(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_with_5000_pending_emails_on_postgres() {
    if postgres_runs() {
        a_full_outbox_stops_in_time_and_a_second_process_drains_it(Backend::Postgres).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_slow_sends_on_sqlite() {
    a_slow_mail_server_delays_the_stop_by_one_message_at_most(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_during_slow_sends_on_postgres() {
    if postgres_runs() {
        a_slow_mail_server_delays_the_stop_by_one_message_at_most(Backend::Postgres).await;
    }
}
