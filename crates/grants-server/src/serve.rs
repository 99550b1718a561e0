//! `serve`: the HTTP service, the mail workers and the scheduler, with one graceful shutdown.
//!
//! SIGTERM or Ctrl-C reaches all three through one watch channel: the server stops accepting and
//! finishes the requests under way, each mail worker finishes the emails it is sending and hands back
//! those it had claimed but not started, the scheduler finishes its pass. The process then exits 0; only
//! work still running after `server.shutdown_grace_seconds` makes it exit 1.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use grants_store::Store;
use grants_web::{AppState, SystemClock, WebSettings};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;

use std::path::Path;

use grants_notify::DeliveryReport;
use grants_store::jobs::JobReport;
use grants_store::storage::BlobStore;
use tokio::sync::watch;

use crate::config::{Settings, load_programme, redact};

/// Opens the database with the configured pool, programme profile and blob storage.
pub async fn open_store(config_dir: &Path, settings: &Settings) -> anyhow::Result<Store> {
    crate::config::read_catalogues(settings)?;
    let programme = load_programme(config_dir, settings)?;
    let url = settings.database.url.expose_secret();
    let store = Store::connect(url, settings.database.max_connections)
        .await
        .with_context(|| format!("cannot open the database at {}", redact(url)))?;
    let blobs = BlobStore::open(&settings.storage.blob_settings()).context("opening the file storage")?;
    Ok(store.with_programme(Arc::new(programme)).with_blobs(blobs))
}

/// Runs the service until a shutdown signal, then lets in-flight requests finish.
pub async fn serve(config_dir: &Path, settings: Settings) -> anyhow::Result<()> {
    let store = open_store(config_dir, &settings).await?;
    if settings.database.migrate_on_start {
        store.migrate().await.context("applying migrations")?;
    }
    let web = WebSettings {
        max_body_bytes: settings.server.max_body_bytes,
        secure_cookies: settings.server.secure_cookies,
        session_idle: chrono::Duration::minutes(settings.server.session_idle_minutes),
        session_lifetime: chrono::Duration::hours(settings.server.session_lifetime_hours),
        metrics_token: settings
            .server
            .metrics_token
            .as_ref()
            .map(|t| t.expose_secret().to_owned())
            .filter(|t| !t.is_empty()),
        base_url: settings.server.base_url.trim_end_matches('/').to_owned(),
        security: crate::limits::security(&settings)?,
    };
    let state = AppState::new(store.clone(), Arc::new(SystemClock), web).map_err(|e| anyhow::anyhow!(e))?;
    let app = grants_web::router(state);
    let address = settings.bind_address()?;
    let listener = TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
    let files = store.blobs().map(|b| b.place().to_owned()).unwrap_or_default();
    tracing::info!(address = %listener.local_addr()?, database = %redact(settings.database.url.expose_secret()), files = %files, "serving");
    let grace = Duration::from_secs(settings.server.shutdown_grace_seconds);
    let (stop, stopped) = watch::channel(false);
    let mut workers = Vec::new();
    if settings.mail.workers_enabled {
        let delivery = crate::mail::delivery(&settings, store.clone())?;
        for _ in 0..settings.mail.workers {
            let interval = Duration::from_millis(settings.mail.poll_interval_ms);
            workers.push(tokio::spawn(delivery.clone().run(interval, stopped.clone())));
        }
    }
    let accounts = web_accounts(&settings);
    let scheduler = settings.scheduler.enabled.then(|| {
        let interval = Duration::from_millis(settings.scheduler.interval_ms);
        tokio::spawn(run_scheduler(store.clone(), interval, accounts, stopped.clone()))
    });
    let sweep = tokio::spawn(run_sweep(
        store.clone(),
        Duration::from_secs(settings.storage.sweep_interval_minutes * 60),
        chrono::Duration::minutes(settings.storage.orphan_grace_minutes),
        stopped.clone(),
    ));
    let signals = tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!(
            grace_seconds = grace.as_secs(),
            "shutdown requested; finishing requests, emails and jobs under way"
        );
        let _ = stop.send(true);
        tokio::time::sleep(grace).await;
        tracing::warn!("work under way did not finish within the grace time; exiting");
        std::process::exit(1);
    });
    let served =
        grants_web::serving::serve(listener, app, crate::limits::serving(&settings), requested(stopped.clone())).await;
    if let Err(err) = served {
        signals.abort();
        return Err(err).context("serving HTTP");
    }
    if let Some(scheduler) = scheduler {
        let _ = scheduler.await;
    }
    let _ = sweep.await;
    let mut mail = DeliveryReport::default();
    for worker in workers {
        if let Ok(report) = worker.await {
            mail += report;
        }
    }
    tracing::info!(
        sent = mail.sent,
        finished_after_signal = mail.finished_after_stop,
        handed_back = mail.handed_back,
        "mail workers stopped"
    );
    signals.abort();
    store.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

/// Resolves once a stop is requested on `stop` (or nobody can request one any more).
async fn requested(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopping| *stopping).await;
}

/// The account limits the housekeeping pass applies (how long unconfirmed registrations live).
fn web_accounts(settings: &Settings) -> grants_store::accounts::AccountLimits {
    grants_store::accounts::AccountLimits {
        emails_per_address_per_hour: settings.limits.emails_per_address_per_hour,
        unverified_hours: settings.limits.unverified_account_hours,
    }
}

/// Runs the timed transitions and the security housekeeping every `interval` until told to stop; a pass
/// in progress finishes first.
async fn run_scheduler(
    store: Store,
    interval: Duration,
    accounts: grants_store::accounts::AccountLimits,
    mut stop: watch::Receiver<bool>,
) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            biased;
            _ = stop.wait_for(|stopping| *stopping) => break,
            _ = ticks.tick() => {}
        }
        match store.run_due_jobs(chrono::Utc::now()).await {
            Ok(report) if report != JobReport::default() => tracing::info!(
                calls_closed = report.calls_closed,
                reviews_opened = report.reviews_opened,
                clarifications_expired = report.clarifications_expired,
                evaluations_completed = report.evaluations_completed,
                reminders_sent = report.reminders_sent,
                "scheduler pass"
            ),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "scheduler pass failed"),
        }
        match store.housekeeping(accounts, chrono::Utc::now()).await {
            Ok(done) if done != grants_store::housekeeping::Housekeeping::default() => tracing::info!(
                throttle_marks = done.marks,
                devices = done.devices,
                registrations = done.registrations,
                "housekeeping pass"
            ),
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "housekeeping pass failed"),
        }
    }
    tracing::info!("scheduler stopped after its last pass");
}

/// Removes, every `interval`, the stored files no row has named for `grace` (decision 9). Every
/// instance may sweep; the first pass comes one interval after start.
async fn run_sweep(store: Store, interval: Duration, grace: chrono::Duration, mut stop: watch::Receiver<bool>) {
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + interval, interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = stop.changed() => break,
        }
        match store.sweep_orphan_blobs(chrono::Utc::now(), grace).await {
            Ok(report) if report.removed > 0 => {
                tracing::info!(objects = report.objects, removed = report.removed, "orphan sweep");
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "orphan sweep failed; trying again next time"),
        }
    }
}

/// Resolves on SIGTERM or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
