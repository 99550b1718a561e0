//! The built binary under load, as an attacker on the internet would try it: two thousand concurrent
//! anonymous requests must leave memory bounded and every answer a 200 or a 503; slow, silent and idle
//! connections must be closed within thirty seconds.

#[path = "support/binary.rs"]
mod binary;

use std::time::{Duration, Instant};

use binary::Server;
use chrono::Utc;
use futures::future::join_all;
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, OrganisationType, Role};
use grants_store::calls::CallDesign;
use grants_store::users::{NewOrganisation, NewUser};
use grants_testkit::{Backend, TestDb};
use reqwest::{Client, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Published calls that publish their awards, and many organisations: what the public pages read.
async fn public_data(db: &TestDb, calls: usize, organisations: usize) {
    let store = &db.store;
    let manager = store
        .create_user(
            NewUser {
                email: "manager@example.org".into(),
                display_name: "Manager".into(),
                language: Language::EN,
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

/// What one burst of 2 000 concurrent anonymous requests did to a server.
struct Burst {
    tally: std::collections::BTreeMap<String, usize>,
    at_rest_mb: u64,
    peak_mb: u64,
    seconds: f64,
}

/// Starts the binary on `db` with `env`, fires 2 000 concurrent anonymous requests at public pages and
/// documents, and reads the memory peak from `/proc`.
async fn burst(db: &TestDb, env: &[(&str, &str)]) -> Burst {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(db, dir.path(), env).await;
    let at_rest = server.memory_kb("VmRSS:");
    let client = Client::builder().timeout(Duration::from_mins(2)).build().unwrap();
    let paths = ["/awarded", "/api/v1/openapi.json", "/signup", "/login", "/healthz"];
    let started = Instant::now();
    let answers = join_all((0..2000).map(|n| {
        let request = client.get(format!("{}{}", server.address, paths[n % paths.len()]));
        async move { request.send().await.map(|r| r.status()) }
    }))
    .await;
    let seconds = started.elapsed().as_secs_f64();
    let peak = server.memory_kb("VmHWM:");
    assert_recovers(&client, &format!("{}/awarded", server.address)).await;
    let mut tally = std::collections::BTreeMap::new();
    for answer in &answers {
        let key =
            answer.as_ref().map_or_else(|e| format!("error: {:?}", std::error::Error::source(e)), ToString::to_string);
        *tally.entry(key).or_insert(0) += 1;
    }
    Burst { tally, at_rest_mb: at_rest / 1024, peak_mb: peak / 1024, seconds }
}

/// The burst's connections close on the server's side a moment after the client drops them, and until
/// then a new connection may be turned away with 503 and `Retry-After: 1`: a client honouring it must be
/// served normally within a few seconds of the burst.
async fn assert_recovers(client: &Client, url: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let status = client.get(url).send().await.unwrap().status();
        if status == StatusCode::OK {
            return;
        }
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "only a busy answer may come before recovery");
        assert!(Instant::now() < deadline, "the service still answers 503 fifteen seconds after the burst");
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_thousand_concurrent_anonymous_requests_keep_memory_bounded() {
    let db = TestDb::create(Backend::Sqlite).await;
    public_data(&db, 8, 600).await;
    let quiet = ("GRANTS__SCHEDULER__ENABLED", "false");
    // The baseline, measured in the same run: the same binary with its bounds lifted, as it was before
    // they existed.
    let unbounded = burst(
        &db,
        &[
            quiet,
            ("GRANTS__SERVER__MAX_IN_FLIGHT", "100000"),
            ("GRANTS__SERVER__MAX_CONNECTIONS", "100000"),
            ("GRANTS__SERVER__QUEUE_WAIT_MS", "120000"),
        ],
    )
    .await;
    let bounded = burst(&db, &[quiet]).await;
    for (name, run) in [("without bounds", &unbounded), ("with the default bounds", &bounded)] {
        eprintln!(
            "2000 concurrent anonymous requests {name}: {:.1} s, {:?}; RSS {} MB at rest, peak {} MB",
            run.seconds, run.tally, run.at_rest_mb, run.peak_mb
        );
    }
    let answered: usize = ["200 OK", "503 Service Unavailable"].iter().filter_map(|k| bounded.tally.get(*k)).sum();
    assert_eq!(answered, 2000, "every answer is 200 or 503: {:?}", bounded.tally);
    assert!(bounded.tally.get("200 OK").copied().unwrap_or(0) > 0, "some were served: {:?}", bounded.tally);
    assert!(bounded.peak_mb < 256, "peak RSS {} MB (without bounds: {} MB)", bounded.peak_mb, unbounded.peak_mb);
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
