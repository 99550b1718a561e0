//! Server processes delivering one outbox over SMTP, for the tests of shutdown and exactly-once
//! delivery: start the built binary, read its JSON log, send it SIGTERM, count at the mail server.

#![allow(dead_code)] // each test file uses the part it needs

use std::collections::BTreeSet;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use grants_testkit::{SmtpSink, TestDb, postgres_url};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

/// A `serve` process (SMTP transport) delivering over SMTP to `port`, with its JSON log lines collected.
pub struct Server {
    child: Child,
    logs: Arc<Mutex<Vec<Value>>>,
}

impl Server {
    pub fn start(db: &TestDb, dir: &std::path::Path, port: u16, workers: u32, in_flight: u32) -> Server {
        Server::start_with(db, dir, port, workers, in_flight, &[])
    }

    /// The same, with further `GRANTS__…` settings.
    pub fn start_with(
        db: &TestDb,
        dir: &std::path::Path,
        port: u16,
        workers: u32,
        in_flight: u32,
        settings: &[(&str, &str)],
    ) -> Server {
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
            .envs(settings.iter().copied())
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
    pub async fn terminate(&mut self, limit: Duration) -> (bool, Duration) {
        let pid = self.child.id().expect("a running process").to_string();
        let signalled = Instant::now();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().await.unwrap().success());
        let status = tokio::time::timeout(limit, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("the process did not exit within {limit:?} of SIGTERM"))
            .unwrap();
        (status.success(), signalled.elapsed())
    }

    pub fn log(&self, message: &str) -> Option<Value> {
        self.logs.lock().unwrap().iter().find(|entry| entry["message"] == message).cloned()
    }
}

pub async fn wait_until(what: &str, limit: Duration, mut done: impl AsyncFnMut() -> bool) {
    let started = Instant::now();
    while !done().await {
        assert!(started.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub async fn total(db: &TestDb, status: &str) -> u64 {
    db.store.list_outbox(Some(status), 1, 1).await.unwrap().total
}

pub fn assert_each_once(sink: &SmtpSink, expected: usize) {
    let ids = sink.message_ids();
    let distinct: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len(), "no email arrived twice");
    assert_eq!(ids.len(), expected, "every email arrived");
}

/// Whether the PostgreSQL variant runs (it must when CI requires PostgreSQL).
pub fn postgres_runs() -> bool {
    if postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return false;
    }
    true
}
