//! A real S3-compatible server (`s3s-fs`) for one test, on a port of its own, with a bucket ready.
//! It can be stopped and started again on the same port, so tests can take storage away mid-way.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use grants_store::storage::{BlobSettings, S3Settings};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Names the `s3s-fs` binary (`.ci/run` installs it). Unset, the S3 variants are not run.
pub const S3_SERVER_ENV: &str = "GRANTS_TEST_S3_SERVER";
/// Set by CI: the S3 variants must run, never be passed over.
pub const REQUIRE_S3_ENV: &str = "GRANTS_REQUIRE_S3";
/// The bucket every test server has.
pub const BUCKET: &str = "mmd-grants";
const ACCESS_KEY: &str = "mmd-grants-test";
const SECRET_KEY: &str = "mmd-grants-test-secret";

/// The S3 server binary, when configured. Panics when CI requires S3 and none is configured.
pub fn s3_server_binary() -> Option<PathBuf> {
    let found = std::env::var_os(S3_SERVER_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
    if found.is_none() {
        assert!(std::env::var_os(REQUIRE_S3_ENV).is_none(), "{REQUIRE_S3_ENV} is set but {S3_SERVER_ENV} is not");
    }
    found
}

/// A running (or stopped) S3-compatible server whose data lives in a temporary folder.
pub struct S3Server {
    binary: PathBuf,
    root: tempfile::TempDir,
    port: u16,
    child: Option<Child>,
}

impl S3Server {
    /// Starts a server with an empty bucket [`BUCKET`]; `None` when no server binary is configured.
    pub async fn start() -> Option<S3Server> {
        let binary = s3_server_binary()?;
        let root = tempfile::tempdir().expect("a folder for the S3 server");
        std::fs::create_dir(root.path().join(BUCKET)).expect("creating the bucket folder");
        let mut server = S3Server { binary, root, port: 0, child: None };
        server.launch().await;
        Some(server)
    }

    async fn launch(&mut self) {
        let mut child = Command::new(&self.binary)
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--access-key", ACCESS_KEY, "--secret-key", SECRET_KEY])
            .arg(self.root.path())
            .env("RUST_LOG", "info")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", self.binary.display()));
        let mut lines = BufReader::new(child.stdout.take().expect("the server's output")).lines();
        let announced = async {
            while let Ok(Some(line)) = lines.next_line().await {
                if let Some((_, address)) = line.split_once("server is running at http://") {
                    return address.trim().rsplit(':').next().and_then(|p| p.parse::<u16>().ok());
                }
            }
            None
        };
        let port = tokio::time::timeout(Duration::from_secs(30), announced)
            .await
            .ok()
            .flatten()
            .expect("the S3 server announces its address");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        self.port = port;
        self.child = Some(child);
    }

    /// `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Blob settings for this server's bucket, under `prefix`.
    pub fn settings(&self, prefix: &str) -> BlobSettings {
        BlobSettings::S3(S3Settings {
            endpoint: self.endpoint(),
            bucket: BUCKET.into(),
            region: "us-east-1".into(),
            prefix: prefix.into(),
            path_style: true,
            allow_http: true,
            access_key_id: ACCESS_KEY.into(),
            secret_access_key: SECRET_KEY.to_owned().into(),
            timeout: Duration::from_secs(5),
        })
    }

    /// The environment a `mmd-grants` process needs to use this bucket.
    pub fn env(&self, prefix: &str) -> Vec<(&'static str, String)> {
        vec![
            ("GRANTS__STORAGE__BACKEND", "s3".into()),
            ("GRANTS__STORAGE__S3_ENDPOINT", self.endpoint()),
            ("GRANTS__STORAGE__S3_BUCKET", BUCKET.into()),
            ("GRANTS__STORAGE__S3_PREFIX", prefix.into()),
            ("GRANTS__STORAGE__S3_ALLOW_HTTP", "true".into()),
            ("GRANTS__STORAGE__S3_ACCESS_KEY_ID", ACCESS_KEY.into()),
            ("GRANTS__STORAGE__S3_SECRET_ACCESS_KEY", SECRET_KEY.into()),
        ]
    }

    /// Stops the server (as an outage would); its data stays.
    pub async fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().await.ok();
        }
    }

    /// Starts the server again on the same port, with the same data.
    pub async fn restart(&mut self) {
        self.stop().await;
        self.launch().await;
    }
}
