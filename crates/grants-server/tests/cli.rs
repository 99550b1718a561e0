//! The built binary, as an operator runs it: no config at all, the embedded default, signals.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

const BINARY: &str = env!("CARGO_BIN_EXE_mmd-grants");

/// Every application state SPEC §5 names, written out by hand so the test does not merely echo the code.
const SPEC_STATES: &[&str] = &[
    "draft",
    "submitted",
    "eligibility_review",
    "clarification_requested",
    "eligible",
    "ineligible",
    "in_evaluation",
    "evaluated",
    "invited",
    "not_shortlisted",
    "awarded",
    "reserve_listed",
    "rejected",
    "declined",
    "contracted",
    "closed",
    "terminated",
    "withdrawn",
];

fn command(dir: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command.current_dir(dir).env_clear().env("PATH", std::env::var("PATH").unwrap_or_default()).kill_on_drop(true);
    command
}

#[tokio::test]
async fn workflow_prints_a_mermaid_diagram_with_every_state() {
    let dir = tempfile::tempdir().unwrap();
    let output = command(dir.path()).arg("workflow").output().await.unwrap();
    assert!(output.status.success());
    let diagram = String::from_utf8(output.stdout).unwrap();
    assert!(diagram.starts_with("stateDiagram-v2\n"));
    for state in SPEC_STATES {
        assert!(
            diagram.lines().any(|l| l.split_whitespace().any(|w| w == *state || w == format!("{state}:"))),
            "{state} missing"
        );
    }
    assert!(diagram.contains("draft --> submitted: submit (applicant)"));
    let call = command(dir.path()).args(["workflow", "--lifecycle", "call"]).output().await.unwrap();
    let call = String::from_utf8(call.stdout).unwrap();
    assert!(call.contains("published --> closed: close (manager, system)"), "{call}");
}

/// Reads JSON log lines (standard output) until one with `message`, returning it.
async fn wait_for_log(lines: &mut Lines<BufReader<ChildStdout>>, message: &str) -> Value {
    let read = async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Ok(entry) = serde_json::from_str::<Value>(&line)
                && entry["message"] == message
            {
                return entry;
            }
        }
        panic!("the process ended before logging `{message}`");
    };
    tokio::time::timeout(Duration::from_mins(1), read).await.unwrap_or_else(|_| panic!("no `{message}` log line"))
}

async fn wait_for_exit(child: &mut Child) -> std::process::ExitStatus {
    tokio::time::timeout(Duration::from_secs(30), child.wait()).await.expect("the process exits").unwrap()
}

#[tokio::test]
async fn serve_runs_on_the_embedded_default_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    // A config file that asks for a port the test must not get: the environment variable wins.
    std::fs::create_dir(dir.path().join("config")).unwrap();
    std::fs::write(dir.path().join("config/default.toml"), "[server]\nbind = \"127.0.0.1:9\"\n").unwrap();
    let seeded = command(dir.path()).arg("seed-demo").output().await.unwrap();
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let mut child = command(dir.path())
        .arg("serve")
        .env("GRANTS__MAIL__POLL_INTERVAL_MS", "100")
        .env("GRANTS__SERVER__BIND", "127.0.0.1:0")
        .env("GRANTS__LOG__FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut logs = BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = wait_for_log(&mut logs, "serving").await;
    let address = serving["address"].as_str().unwrap().to_owned();
    assert_ne!(address, "127.0.0.1:9");
    assert!(dir.path().join("data/grants.db").exists(), "the embedded SQLite file is created under ./data");

    let client = reqwest::Client::new();
    for path in ["/healthz", "/readyz"] {
        let response = client.get(format!("http://{address}{path}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
    }
    let public = client.get(format!("http://{address}/awarded")).send().await.unwrap().text().await.unwrap();
    assert!(
        public.contains("Informer les jeunes de Tambacounda") && public.contains("Bobo-Dioulasso"),
        "the demo carries applications through evaluation to award and signature"
    );
    assert!(!public.contains("Reintegration support for returnees"), "scored but not awarded: not published");
    let logged = wait_for_log(&mut logs, "request").await;
    assert_eq!(logged["method"], "GET");
    assert_eq!(logged["path"], "/healthz");
    assert_eq!(logged["status"], 200);
    assert!(logged["latency_ms"].is_string());

    let added = command(dir.path())
        .args(["user", "add", "--email", "manager@example.org", "--name", "Programme Manager", "--role", "manager"])
        .output()
        .await
        .unwrap();
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let token = String::from_utf8(added.stdout).unwrap().trim().to_owned();
    assert!(token.starts_with("mmdg_"));
    let listed = client.get(format!("http://{address}/api/v1/calls")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(listed.status(), 200, "the printed token authenticates");

    let mail = dir.path().join("data/mail");
    let delivered = async {
        loop {
            let count = std::fs::read_dir(&mail)
                .map_or(0, |d| d.flatten().filter(|e| e.path().extension().is_some_and(|x| x == "eml")).count());
            if count > 0 {
                return count;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), delivered).await.expect("the demo's emails are written");
    let first =
        std::fs::read_dir(&mail).unwrap().flatten().find(|e| e.path().extension().is_some_and(|x| x == "eml")).unwrap();
    let raw = std::fs::read_to_string(first.path()).unwrap();
    assert!(raw.contains("Message-ID: <outbox-"), "{raw}");

    let pid = child.id().unwrap().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().await.unwrap();
    assert!(killed.success());
    wait_for_log(&mut logs, "stopped").await;
    assert!(wait_for_exit(&mut child).await.success(), "a SIGTERM is a clean stop");
}

#[tokio::test]
async fn broken_configuration_stops_start_up_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let output = command(dir.path())
        .arg("serve")
        .env("GRANTS__DATABASE__URL", "mysql://root:hunter2@localhost/grants")
        .output()
        .await
        .unwrap();
    assert!(!output.status.success());
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("database.url"), "{message}");
    assert!(!message.contains("hunter2"), "secrets never reach the output: {message}");
}

#[tokio::test]
async fn a_broken_programme_profile_stops_start_up_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("config/programmes")).unwrap();
    let profile = grants_domain::programme::MMD_PROFILE.replacen("code = \"SN\"", "code = \"ML\"", 1);
    let line = profile.lines().position(|l| l.contains("code = \"ML\"")).unwrap();
    let duplicate = profile.lines().enumerate().skip(line + 1).find(|(_, l)| l.contains("code = \"ML\""));
    let expected_line = duplicate.map_or(line, |(index, _)| index) + 1;
    std::fs::write(dir.path().join("config/programmes/mmd.toml"), &profile).unwrap();
    let output = command(dir.path()).arg("serve").env("GRANTS__SERVER__BIND", "127.0.0.1:0").output().await.unwrap();
    assert!(!output.status.success());
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains(&format!("line {expected_line}")), "{message}");
    assert!(message.contains("ML"), "{message}");
}
