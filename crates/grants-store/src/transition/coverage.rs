//! Which rows of which tables the test suite exercised. When `GRANTS_TRANSITION_COVERAGE` names a
//! folder, every applied row adds a line `engine subject from action` to a file of this process there;
//! `transition-coverage` (in `grants-testkit`) turns the folder into `docs/transition-coverage.md`.
//! Without the variable nothing is written.

use std::io::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;

use grants_workflow::lifecycles::RowName;
use sea_orm::{ConnectionTrait, DbBackend};

/// The variable naming the folder the hits go to.
pub const COVERAGE_ENV: &str = "GRANTS_TRANSITION_COVERAGE";

fn target() -> Option<&'static PathBuf> {
    static TARGET: OnceLock<Option<PathBuf>> = OnceLock::new();
    TARGET
        .get_or_init(|| {
            let folder = PathBuf::from(std::env::var_os(COVERAGE_ENV)?);
            std::fs::create_dir_all(&folder).ok()?;
            Some(folder.join(format!("hits-{}.txt", std::process::id())))
        })
        .as_ref()
}

/// Counts one application of `row` of the `subject` table on the engine behind `db`.
pub(crate) fn hit(db: &impl ConnectionTrait, subject: &str, row: RowName) {
    let Some(path) = target() else { return };
    let engine = match db.get_database_backend() {
        DbBackend::Postgres => "postgres",
        _ => "sqlite",
    };
    let line = format!("{engine} {subject} {} {}\n", row.from, row.action);
    // One short append per line: concurrent writers of this process and others never interleave a line.
    if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
        let _ = file.write_all(line.as_bytes());
    }
}
