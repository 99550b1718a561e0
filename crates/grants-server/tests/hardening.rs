//! The built binary under abuse, as an attacker on the internet would try it: thousands of concurrent
//! anonymous requests, slow and idle connections, a thousand password guesses, a hundred reset requests
//! for one mailbox. Two processes share the database where a limit must hold across instances.

use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use futures::future::join_all;
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, OrganisationType, Role};
use grants_store::calls::CallDesign;
use grants_store::users::{NewOrganisation, NewUser};
use grants_testkit::{Backend, TestDb, postgres_url};
use reqwest::{Client, StatusCode, redirect};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");
const PASSWORD: &str = "correct horse battery staple";

/// A running `mmd-grants serve`.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    /// Starts the binary on `db` in `dir` with `env` on top of a quiet JSON log; waits until it serves.
    async fn start(db: &TestDb, dir: &std::path::Path, env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(BINARY);
        command
            .arg("serve")
            .current_dir(dir)
            .env("GRANTS__DATABASE__URL", &db.url)
            .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
            .env("GRANTS__LOG__FORMAT", "json")
            .env("GRANTS__LOG__LEVEL", "info,http=warn")
            .env("GRANTS__MAIL__FILE_DIR", dir.join("mail"))
            .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("starting the server");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = tokio::time::timeout(Duration::from_mins(1), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Ok(entry) = serde_json::from_str::<Value>(&line)
                    && entry["message"] == "serving"
                {
                    return entry["address"].as_str().unwrap().to_owned();
                }
            }
            panic!("the server stopped before serving");
        })
        .await
        .expect("the server starts within a minute");
        // Keep reading the log so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server { child, address: format!("http://{address}") }
    }

    /// A figure of `/proc/<pid>/status` in kB (`VmRSS` now, `VmHWM` the peak so far).
    fn memory_kb(&self, field: &str) -> u64 {
        let pid = self.child.id().expect("a running server");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with(field)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    fn host(&self) -> &str {
        self.address.trim_start_matches("http://")
    }
}

fn run_on(backend: Backend) -> bool {
    if backend == Backend::Postgres && postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return false;
    }
    true
}

/// An applicant with a password, verified, ready to sign in.
async fn applicant(db: &TestDb, email: &str) -> i64 {
    let store = &db.store;
    let organisation = store
        .create_organisation(
            NewOrganisation {
                name: format!("Org of {email}"),
                country: "ML".into(),
                org_type: OrganisationType::CivilSociety,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let user = store
        .create_user(
            NewUser {
                email: email.into(),
                display_name: "Aminata".into(),
                language: Language::Fr,
                roles: vec![Role::Applicant],
                organisation_id: Some(organisation.id),
                country: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    store.set_password(user.id, PASSWORD).await.unwrap();
    user.id
}

/// Published calls that publish their awards, and many organisations: what the public pages read.
async fn public_data(db: &TestDb, calls: usize, organisations: usize) {
    let store = &db.store;
    let manager = store
        .create_user(
            NewUser {
                email: "manager@example.org".into(),
                display_name: "Manager".into(),
                language: Language::En,
                roles: vec![Role::Manager],
                organisation_id: None,
                country: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let now = Utc::now();
    for n in 0..calls {
        let rules = CallRules {
            reference: format!("MMD-CFP-2027-{n:02}"),
            title_en: "Grants for local authorities, CSOs and diaspora organisations".into(),
            title_fr: "Subventions pour autorités locales, OSC et organisations de la diaspora".into(),
            description_en: "Initiatives following up the Joint Valletta Action Plan. ".repeat(20),
            description_fr: "Initiatives de suivi du Plan d'action conjoint de La Valette. ".repeat(20),
            procedure: Procedure::Open,
            total_budget: "1500000".parse().unwrap(),
            min_grant: "50000".parse().unwrap(),
            max_grant: "300000".parse().unwrap(),
            opens_at: now - chrono::Duration::days(1),
            deadline_at: now + chrono::Duration::days(60),
            display_timezone: "Africa/Bamako".into(),
        };
        let mut settings = CallSettings::defaults_for(store.programme());
        settings.publish_awards = true;
        store.create_call(CallDesign { rules, settings, lots: Vec::new() }, manager.id, now).await.unwrap();
    }
    for n in 0..organisations {
        let organisation = NewOrganisation {
            name: format!("Association pour la mobilité des jeunes de la région n° {n}"),
            country: "SN".into(),
            org_type: OrganisationType::Diaspora,
        };
        store.create_organisation(organisation, now).await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_thousand_concurrent_anonymous_requests_keep_memory_bounded() {
    let db = TestDb::create(Backend::Sqlite).await;
    public_data(&db, 8, 600).await;
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db, dir.path(), &[("GRANTS__SCHEDULER__ENABLED", "false")]).await;
    let baseline = server.memory_kb("VmRSS:");
    let client = Client::builder().timeout(Duration::from_mins(2)).build().unwrap();
    let paths = ["/awarded", "/api/v1/openapi.json", "/signup", "/login", "/healthz"];
    let started = Instant::now();
    let answers = join_all((0..2000).map(|n| {
        let request = client.get(format!("{}{}", server.address, paths[n % paths.len()]));
        async move { request.send().await.map(|r| r.status()) }
    }))
    .await;
    let elapsed = started.elapsed();
    let peak = server.memory_kb("VmHWM:");
    let mut tally = std::collections::BTreeMap::new();
    for answer in &answers {
        let key =
            answer.as_ref().map_or_else(|e| format!("error: {:?}", std::error::Error::source(e)), ToString::to_string);
        *tally.entry(key).or_insert(0) += 1;
    }
    eprintln!(
        "2000 concurrent anonymous requests in {:.1} s: {tally:?}; RSS {} MB at rest, peak {} MB",
        elapsed.as_secs_f64(),
        baseline / 1024,
        peak / 1024
    );
    assert!(
        answers.iter().all(|a| matches!(a, Ok(s) if *s == StatusCode::OK || *s == StatusCode::SERVICE_UNAVAILABLE)),
        "every answer is 200 or 503: {tally:?}"
    );
    assert!(tally.get("200 OK").copied().unwrap_or(0) > 0, "some were served: {tally:?}");
    assert!(peak < 256 * 1024, "peak RSS {} MB", peak / 1024);
    let after = client.get(format!("{}/awarded", server.address)).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::OK, "the service answers normally afterwards");
    drop(server);
    db.remove().await;
}

/// Reads from `stream` until the server closes it; how long that took.
async fn until_closed(stream: &mut TcpStream, started: Instant) -> Duration {
    let mut buffer = [0_u8; 4096];
    loop {
        let read = tokio::time::timeout(Duration::from_secs(40), stream.read(&mut buffer))
            .await
            .expect("the connection is closed within 40 s");
        if !matches!(read, Ok(n) if n > 0) {
            return started.elapsed();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn slow_and_idle_connections_are_closed_within_thirty_seconds() {
    let db = TestDb::create(Backend::Sqlite).await;
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&db, dir.path(), &[("GRANTS__SCHEDULER__ENABLED", "false")]).await;

    let started = Instant::now();
    let mut slowloris = TcpStream::connect(server.host()).await.unwrap();
    slowloris.write_all(b"GET /login HTTP/1.1\r\nHost: grants\r\n").await.unwrap();
    let trickle = async {
        for n in 0..30 {
            tokio::time::sleep(Duration::from_secs(2)).await;
            if slowloris.write_all(format!("X-Slow-{n}: 1\r\n").as_bytes()).await.is_err() {
                break;
            }
        }
    };
    let mut idle = TcpStream::connect(server.host()).await.unwrap();
    let idle_started = Instant::now();
    let ((), idle_for) = tokio::join!(trickle, until_closed(&mut idle, idle_started));
    let slow_for = until_closed(&mut slowloris, started).await;
    assert!(slow_for < Duration::from_secs(30), "headers sent a line every 2 s: closed after {slow_for:?}");
    assert!(idle_for < Duration::from_secs(30), "a silent connection: closed after {idle_for:?}");

    let mut kept_alive = TcpStream::connect(server.host()).await.unwrap();
    kept_alive.write_all(b"GET /healthz HTTP/1.1\r\nHost: grants\r\n\r\n").await.unwrap();
    let answered = Instant::now();
    let kept_for = until_closed(&mut kept_alive, answered).await;
    assert!(kept_for < Duration::from_secs(30), "an idle kept-alive connection: closed after {kept_for:?}");
    let ok = reqwest::get(format!("{}/healthz", server.address)).await.unwrap();
    assert_eq!(ok.status(), StatusCode::OK, "others were served all along");
    eprintln!("slow headers closed after {slow_for:?}, silent after {idle_for:?}, kept-alive after {kept_for:?}");
    drop(server);

    let quick = Server::start(
        &db,
        dir.path(),
        &[("GRANTS__SCHEDULER__ENABLED", "false"), ("GRANTS__SERVER__REQUEST_TIMEOUT_SECONDS", "4")],
    )
    .await;
    let started = Instant::now();
    let mut slow_body = TcpStream::connect(quick.host()).await.unwrap();
    slow_body
        .write_all(b"POST /password/forgot HTTP/1.1\r\nHost: grants\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nemail=")
        .await
        .unwrap();
    let drip = async {
        for _ in 0..20 {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if slow_body.write_all(b"a").await.is_err() {
                break;
            }
        }
    };
    drip.await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), slow_body.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.starts_with("HTTP/1.1 503") || answer.is_empty(),
        "a body dripping a byte a second is cut off: {text}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    drop(quick);
    db.remove().await;
}

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
