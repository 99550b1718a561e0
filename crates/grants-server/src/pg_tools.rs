//! Driving PostgreSQL's own `pg_dump` and `pg_restore` for backups (they must be installed, in a
//! version at least that of the server). The password travels in `PGPASSWORD`, never on a command line.

use std::path::Path;

use anyhow::{Context, ensure};
use tokio::process::Command;

/// The URL without its password, and the password.
fn split_password(url: &str) -> anyhow::Result<(String, Option<String>)> {
    let mut parsed = url::Url::parse(url).context("the database URL is not a URL")?;
    let password = parsed.password().map(ToOwned::to_owned);
    if password.is_some() {
        let _ = parsed.set_password(None);
    }
    Ok((parsed.to_string(), password))
}

async fn run(program: &str, args: &[&str], url: &str) -> anyhow::Result<()> {
    let (url, password) = split_password(url)?;
    let mut command = Command::new(program);
    command.args(args).arg(format!("--dbname={url}"));
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = command.output().await.with_context(|| format!("running {program} (is it installed?)"))?;
    ensure!(output.status.success(), "{program} failed: {}", String::from_utf8_lossy(&output.stderr).trim());
    Ok(())
}

/// A consistent dump of the whole database in `pg_dump`'s custom format.
pub async fn dump(url: &str, file: &Path) -> anyhow::Result<()> {
    let file = file.to_string_lossy();
    run("pg_dump", &["--format=custom", "--no-owner", "--no-privileges", "--file", &file], url).await
}

/// Loads a dump into an empty database.
pub async fn restore(url: &str, file: &Path) -> anyhow::Result<()> {
    let file = file.to_string_lossy();
    run("pg_restore", &["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", &file], url).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_password_leaves_the_url() {
        let (url, password) = super::split_password("postgres://grants:s3cret@db:5432/grants").unwrap();
        assert_eq!(url, "postgres://grants@db:5432/grants");
        assert_eq!(password.as_deref(), Some("s3cret"));
    }
}
