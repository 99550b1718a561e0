//! The built `mmd-grants serve` on the bench database: started in a temporary folder (its mail goes there
//! through the file transport), its address read from its log, its memory read from `/proc`, killed at the
//! end.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");
/// Rate limits far above what the bench sends from its one address and its few accounts.
const NO_LIMIT: &str = "1000000000";

/// The folder the release build lives in (`target/release`'s parent): where the results are written.
pub fn target_dir() -> PathBuf {
    let binary = Path::new(BINARY);
    binary.parent().and_then(Path::parent).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A running `mmd-grants serve`.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub address: String,
}

impl Server {
    /// Starts the binary on `url` in `dir` with a pool of `connections` and waits until `/readyz` answers.
    pub async fn start(url: &str, dir: &Path, connections: usize) -> Server {
        let mut command = Command::new(BINARY);
        command
            .arg("serve")
            .current_dir(dir)
            .env("GRANTS__DATABASE__URL", url)
            .env("GRANTS__DATABASE__MAX_CONNECTIONS", connections.to_string())
            .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
            .env("GRANTS__LOG__FORMAT", "json")
            .env("GRANTS__LOG__LEVEL", "info,http=warn")
            .env("GRANTS__SCHEDULER__ENABLED", "false")
            .env("GRANTS__MAIL__TRANSPORT", "file")
            .env("GRANTS__MAIL__FILE_DIR", dir.join("mail"))
            .env("GRANTS__LIMITS__API_PER_CLIENT_PER_MINUTE", NO_LIMIT)
            .env("GRANTS__LIMITS__API_PER_ACCOUNT_PER_MINUTE", NO_LIMIT)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let mut child = command.spawn().expect("starting mmd-grants serve");
        let mut lines = BufReader::new(child.stdout.take().expect("the log pipe")).lines();
        let address = tokio::time::timeout(Duration::from_mins(2), async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Ok(entry) = serde_json::from_str::<Value>(&line)
                    && entry["message"] == "serving"
                {
                    return entry["address"].as_str().expect("the address in the log").to_owned();
                }
            }
            panic!("the server stopped before serving");
        })
        .await
        .expect("the server starts within two minutes");
        // Keep reading the log so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let server = Server { child, address: format!("http://{address}") };
        let client = reqwest::Client::new();
        for _ in 0..600 {
            let ready = client.get(format!("{}/readyz", server.address)).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("/readyz never answered");
    }

    /// A figure of `/proc/<pid>/status` in kB (`VmRSS` now, `VmHWM` the peak so far).
    pub fn memory_kb(&self, field: &str) -> u64 {
        let pid = self.child.id().expect("a running server");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("the server's status");
        status
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or_default()
    }

    /// Stops the process.
    pub async fn stop(mut self) {
        self.child.kill().await.ok();
    }
}
