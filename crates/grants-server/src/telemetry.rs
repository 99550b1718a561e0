//! Log setup: human-readable or JSON lines, filtered by config or `RUST_LOG`.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::{LogFormat, LogSettings};

/// Installs the global subscriber. Called once, by commands that log.
pub fn init(settings: &LogSettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let registry = tracing_subscriber::registry().with(filter);
    let installed = match settings.format {
        LogFormat::Human => registry.with(tracing_subscriber::fmt::layer().with_target(false)).try_init(),
        LogFormat::Json => registry.with(tracing_subscriber::fmt::layer().json().flatten_event(true)).try_init(),
    };
    if installed.is_err() {
        tracing::debug!("a log subscriber was already installed");
    }
}
