//! Graceful shutdown of the built binary with a full outbox (SPEC §12): after SIGTERM the mail workers
//! finish the emails they are sending, hand back the rest at once and the process exits 0; a second
//! process then delivers what is left, and every email arrives exactly once.

use std::time::Duration;

use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{Backend, SmtpSink, TestDb};

mod mail_process;

use mail_process::{Server, assert_each_once, postgres_runs, total, wait_until};

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
