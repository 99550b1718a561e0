//! The built binary against account abuse, two processes sharing one database: a thousand wrong passwords
//! from one address get the configured number of guesses and do not stop the owner elsewhere; a hundred
//! reset requests for one address send at most the hourly cap. The limits hold across instances.

#[path = "support/binary.rs"]
mod binary;

use std::time::Duration;

use binary::{PASSWORD, Server, applicant, run_on};
use futures::future::join_all;
use grants_testkit::{Backend, TestDb};
use reqwest::{Client, StatusCode, redirect};

/// POSTs the sign-in form from `client`; the status.
async fn sign_in(client: &Client, server: &str, password: &str) -> StatusCode {
    client
        .post(format!("{server}/login"))
        .header("cookie", "mmdg_csrf=hardening")
        .form(&[("email", "aminata@example.org"), ("password", password), ("csrf", "hardening")])
        .send()
        .await
        .unwrap()
        .status()
}

async fn guesses_do_not_lock_out_the_owner(backend: Backend) {
    let db = TestDb::create(backend).await;
    applicant(&db, "aminata@example.org").await;
    let dir = tempfile::tempdir().unwrap();
    let limits = [
        ("GRANTS__SCHEDULER__ENABLED", "false"),
        ("GRANTS__LIMITS__SIGN_IN_PER_CLIENT_PER_HOUR", "10"),
        // Lift the per-address form rate so every guess reaches the account throttle, which must hold on
        // its own, across both processes.
        ("GRANTS__LIMITS__AUTH_PER_CLIENT_PER_MINUTE", "100000"),
    ];
    let servers = [Server::start(&db, dir.path(), &limits).await, Server::start(&db, dir.path(), &limits).await];
    let attacker = Client::builder()
        .redirect(redirect::Policy::none())
        .local_address(std::net::IpAddr::from([127, 0, 0, 1]))
        .build()
        .unwrap();
    let mut statuses = Vec::new();
    for batch in 0..20 {
        let round = join_all((0..50).map(|n| {
            let server = &servers[(batch * 50 + n) % 2].address;
            let guess = format!("guess number {batch}-{n}");
            let attacker = &attacker;
            async move { sign_in(attacker, server, &guess).await }
        }))
        .await;
        statuses.extend(round);
    }
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    eprintln!("{backend:?}: 1000 wrong passwords over two processes: {checked} checked, {refused} refused unchecked");
    assert_eq!(checked + refused, 1000, "nothing else: {statuses:?}");
    assert_eq!(checked, 10, "at most the configured ten guesses an hour");
    assert_eq!(sign_in(&attacker, &servers[0].address, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);

    let owner = Client::builder()
        .redirect(redirect::Policy::none())
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()
        .unwrap();
    for server in &servers {
        assert_eq!(
            sign_in(&owner, &server.address, PASSWORD).await,
            StatusCode::SEE_OTHER,
            "the owner signs in from 127.0.0.2"
        );
    }
    drop(servers);
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_wrong_passwords_do_not_lock_out_the_owner_on_sqlite() {
    guesses_do_not_lock_out_the_owner(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_wrong_passwords_do_not_lock_out_the_owner_on_postgres() {
    if run_on(Backend::Postgres) {
        guesses_do_not_lock_out_the_owner(Backend::Postgres).await;
    }
}

async fn resets_are_capped(backend: Backend) {
    let db = TestDb::create(backend).await;
    applicant(&db, "aminata@example.org").await;
    let dir = tempfile::tempdir().unwrap();
    let env = [
        ("GRANTS__SCHEDULER__ENABLED", "false"),
        ("GRANTS__LIMITS__AUTH_PER_CLIENT_PER_MINUTE", "100000"),
        ("GRANTS__LIMITS__EMAILS_PER_ADDRESS_PER_HOUR", "3"),
    ];
    let servers = [Server::start(&db, dir.path(), &env).await, Server::start(&db, dir.path(), &env).await];
    let client = Client::new();
    for batch in 0..10 {
        let answers = join_all((0..10).map(|n| {
            client
                .post(format!("{}/password/forgot", servers[n % 2].address))
                .header("cookie", "mmdg_csrf=hardening")
                .form(&[("email", "aminata@example.org"), ("csrf", "hardening")])
                .send()
        }))
        .await;
        assert!(answers.iter().all(|a| a.as_ref().is_ok_and(|r| r.status() == StatusCode::OK)), "batch {batch}");
    }
    let queued = db.store.list_outbox(None, 1, 100).await.unwrap();
    let resets = queued.items.iter().filter(|m| m.template == "password_reset").count();
    let mail = dir.path().join("mail");
    let delivered = async {
        loop {
            let files = emails(&mail);
            if files >= resets {
                return files;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    let files = tokio::time::timeout(Duration::from_secs(30), delivered).await.expect("the capped emails go out");
    tokio::time::sleep(Duration::from_millis(500)).await;
    eprintln!("{backend:?}: 100 reset requests for one address: {resets} emails queued, {files} delivered");
    assert_eq!(resets, 3, "at most the cap of three an hour");
    assert_eq!(emails(&mail), 3, "and no more delivered");
    drop(servers);
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_reset_requests_send_at_most_the_cap_on_sqlite() {
    resets_are_capped(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_hundred_reset_requests_send_at_most_the_cap_on_postgres() {
    if run_on(Backend::Postgres) {
        resets_are_capped(Backend::Postgres).await;
    }
}

/// How many `.eml` files the file transport wrote to `dir`.
fn emails(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map_or(0, |d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "eml")).count())
}
