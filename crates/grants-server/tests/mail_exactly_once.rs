//! Exactly once in practice (SPEC §7): two server processes with two workers each drain one outbox
//! through an SMTP server that takes 4 s per message, with a lease far shorter than a batch takes to
//! send. A worker renews its lease before a send would outlast it and never sends a message another
//! worker has taken over, so each email arrives once (counted at the server by Message-ID).

use std::time::Duration;

use grants_testkit::outbox_fill::queue_notices;
use grants_testkit::{Backend, SmtpSink, TestDb};

mod mail_process;

use mail_process::{Server, assert_each_once, postgres_runs, total, wait_until};

async fn two_processes_send_each_email_once_through_a_slow_server(backend: Backend) {
    const EMAILS: usize = 200;
    let db = TestDb::create(backend).await;
    queue_notices(&db.url, EMAILS).await;
    let sink = SmtpSink::start_slow(Duration::from_secs(4));
    let dir = tempfile::tempdir().unwrap();
    // A send may take 5 s and a claim lasts 7 s: every batch outlives its first lease, so workers must
    // renew, and a message waiting behind others loses its lease to the other process unless renewed.
    let short_lease = [
        ("GRANTS__MAIL__TIMEOUT_SECONDS", "5"),
        ("GRANTS__MAIL__LEASE_SECONDS", "7"),
        ("GRANTS__MAIL__LEASE_MARGIN_SECONDS", "1"),
    ];
    let mut first = Server::start_with(&db, dir.path(), sink.port, 2, 10, &short_lease);
    let mut second = Server::start_with(&db, dir.path(), sink.port, 2, 10, &short_lease);
    wait_until("every email delivered", Duration::from_mins(3), async || total(&db, "sent").await == EMAILS as u64)
        .await;
    // Leases of any duplicate claim run out within 7 s: give a wrongly re-sent message time to arrive.
    tokio::time::sleep(Duration::from_secs(5)).await;
    for server in [&mut first, &mut second] {
        let (clean, _) = server.terminate(Duration::from_secs(10)).await;
        assert!(clean);
    }
    assert_each_once(&sink, EMAILS);
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_and_a_slow_mail_server_on_sqlite() {
    two_processes_send_each_email_once_through_a_slow_server(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_and_a_slow_mail_server_on_postgres() {
    if postgres_runs() {
        two_processes_send_each_email_once_through_a_slow_server(Backend::Postgres).await;
    }
}
