//! `mmd-grants`: the MMD Grants service and its administration commands.

use std::process::ExitCode;

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
