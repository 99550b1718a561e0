//! Running the built binary in tests: start `mmd-grants serve` on a test database, read its address from
//! its log, watch its memory, and prepare accounts it will serve.

// Each test file that includes this module uses part of it.
#![allow(dead_code)]

use std::process::Stdio;
use std::time::Duration;

use chrono::Utc;
use grants_domain::{Language, OrganisationType, Role};
use grants_store::users::{NewOrganisation, NewUser};
use grants_testkit::{Backend, TestDb, postgres_url};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");
/// The password of the accounts [`applicant`] prepares.
pub const PASSWORD: &str = "correct horse battery staple";

/// A running `mmd-grants serve`.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub address: String,
}

impl Server {
    /// Starts the binary on `db` in `dir` with `env` on top of a quiet JSON log; waits until it serves.
    pub async fn start(db: &TestDb, dir: &std::path::Path, env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(BINARY);
        command
            .arg("serve")
            .current_dir(dir)
            .env("GRANTS__DATABASE__URL", &db.url)
            .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
            .env("GRANTS__LOG__FORMAT", "json")
            .env("GRANTS__LOG__LEVEL", "info,http=warn")
            .env("GRANTS__MAIL__FILE_DIR", dir.join("mail"))
            .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("starting the server");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = tokio::time::timeout(Duration::from_mins(1), async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Ok(entry) = serde_json::from_str::<Value>(&line)
                    && entry["message"] == "serving"
                {
                    return entry["address"].as_str().unwrap().to_owned();
                }
            }
            panic!("the server stopped before serving");
        })
        .await
        .expect("the server starts within a minute");
        // Keep reading the log so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Server { child, address: format!("http://{address}") }
    }

    /// A figure of `/proc/<pid>/status` in kB (`VmRSS` now, `VmHWM` the peak so far).
    pub fn memory_kb(&self, field: &str) -> u64 {
        let pid = self.child.id().expect("a running server");
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        let line = status.lines().find(|l| l.starts_with(field)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// `127.0.0.1:<port>`.
    pub fn host(&self) -> &str {
        self.address.trim_start_matches("http://")
    }
}

/// Whether the `backend` variant runs here (PostgreSQL only when a server is configured; required in CI).
pub fn run_on(backend: Backend) -> bool {
    if backend == Backend::Postgres && postgres_url().is_none() {
        assert!(std::env::var_os(grants_testkit::REQUIRE_POSTGRES_ENV).is_none(), "PostgreSQL is required");
        eprintln!("PostgreSQL variant not run: set {} to run it", grants_testkit::POSTGRES_ENV);
        return false;
    }
    true
}

/// An applicant with a password, verified, ready to sign in.
pub async fn applicant(db: &TestDb, email: &str) -> i64 {
    let store = &db.store;
    let organisation = store
        .create_organisation(
            NewOrganisation {
                name: format!("Org of {email}"),
                country: "ML".into(),
                org_type: OrganisationType::CivilSociety,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let user = store
        .create_user(
            NewUser {
                email: email.into(),
                display_name: "Aminata".into(),
                language: Language::FR,
                roles: vec![Role::Applicant],
                organisation_id: Some(organisation.id),
                country: None,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    store.set_password(user.id, PASSWORD).await.unwrap();
    user.id
}
