//! The mmd-grants binary: configuration, telemetry, CLI, serving and shutdown.
