//! `serve`: the HTTP service, with graceful shutdown on SIGTERM and Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use grants_store::Store;
use grants_web::{AppState, SystemClock, WebSettings};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;

use crate::config::{Settings, redact};

/// Opens the database (migrating when configured) with the configured pool.
pub async fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let url = settings.database.url.expose_secret();
    let store = Store::connect(url, settings.database.max_connections)
        .await
        .with_context(|| format!("cannot open the database at {}", redact(url)))?;
    Ok(store)
}

/// Runs the service until a shutdown signal, then lets in-flight requests finish.
pub async fn serve(settings: Settings) -> anyhow::Result<()> {
    let store = open_store(&settings).await?;
    if settings.database.migrate_on_start {
        store.migrate().await.context("applying migrations")?;
    }
    let state = AppState { store: store.clone(), clock: Arc::new(SystemClock) };
    let app = grants_web::router(state, &WebSettings { max_body_bytes: settings.server.max_body_bytes });
    let address = settings.bind_address()?;
    let listener = TcpListener::bind(address).await.with_context(|| format!("cannot listen on {address}"))?;
    tracing::info!(address = %listener.local_addr()?, database = %redact(settings.database.url.expose_secret()), "serving");
    let grace = Duration::from_secs(settings.server.shutdown_grace_seconds);
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal(grace)).await.context("serving HTTP")?;
    store.close().await.ok();
    tracing::info!("stopped");
    Ok(())
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
