//! `serve`: the HTTP service, with graceful shutdown on SIGTERM and Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use grants_store::Store;
use grants_web::{AppState, SystemClock, WebSettings};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;

use std::path::Path;

use grants_store::jobs::JobReport;
use grants_store::storage::LocalDisk;
use tokio::sync::watch;

use crate::config::{Settings, load_programme, redact};

/// Opens the database with the configured pool, programme profile and attachment folder.
pub async fn open_store(config_dir: &Path, settings: &Settings) -> anyhow::Result<Store> {
    let programme = load_programme(config_dir, settings)?;
    let url = settings.database.url.expose_secret();
    let store = Store::connect(url, settings.database.max_connections)
        .await
        .with_context(|| format!("cannot open the database at {}", redact(url)))?;
    Ok(store
        .with_programme(Arc::new(programme))
        .with_blobs(Arc::new(LocalDisk::new(&settings.storage.attachments_dir))))
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
        security: crate::limits::security(&settings)?,
    };
    let state = AppState::new(store.clone(), Arc::new(SystemClock), web).map_err(|e| anyhow::anyhow!(e))?;
    let app = grants_web::router(state);
    let address = settings.bind_address()?;
    let listener = TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
    tracing::info!(address = %listener.local_addr()?, database = %redact(settings.database.url.expose_secret()), "serving");
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
        tokio::spawn(run_scheduler(store.clone(), interval, accounts, stopped))
    });
    grants_web::serving::serve(listener, app, crate::limits::serving(&settings), shutdown_signal(grace))
        .await
        .context("serving HTTP")?;
    let _ = stop.send(true);
    if let Some(scheduler) = scheduler {
        let _ = scheduler.await;
    }
    for worker in workers {
        let _ = worker.await;
    }
    store.close().await.ok();
    tracing::info!("stopped");
    Ok(())
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
            _ = ticks.tick() => {}
            _ = stop.changed() => break,
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
}

/// Resolves on SIGTERM or Ctrl-C. In-flight requests then get `grace` to finish before the process
/// exits anyway.
async fn shutdown_signal(grace: Duration) {
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
    tracing::info!(grace_seconds = grace.as_secs(), "shutdown requested; finishing in-flight requests");
    tokio::spawn(async move {
        tokio::time::sleep(grace).await;
        tracing::warn!("in-flight requests did not finish in time; exiting");
        std::process::exit(1);
    });
}
