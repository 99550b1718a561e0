//! `mmd-grants`: the MMD Grants service and its administration commands.

use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: glibc keeps one arena per thread (every SQLite connection has
/// its own), and after a large evaluation report they held more than twice the memory the service
/// needed; under load a fifth of the service's CPU went to malloc and free (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    match Box::pin(grants_server::cli::run()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}: {err:#}", grants_server::BINARY);
            ExitCode::FAILURE
        }
    }
}
