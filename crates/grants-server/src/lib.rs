//! The `mmd-grants` binary's library half: configuration, telemetry, the CLI and its commands, kept
//! out of `main.rs` so integration tests can drive them.

pub mod backup;
pub mod cli;
pub mod config;
pub mod limits;
pub mod mail;
pub mod pg_tools;
pub mod seed;
pub mod serve;
pub mod telemetry;
pub mod token_cli;

/// The one name of the binary, used in help and messages.
pub const BINARY: &str = "mmd-grants";
