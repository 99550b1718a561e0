//! `backup` and `restore`: a consistent snapshot of the database (SQLite: an online `VACUUM INTO`
//! copy; PostgreSQL: `pg_dump`) followed by a copy of every stored file, and the way back into an
//! empty database and an empty storage. Files are copied after the database snapshot: objects are
//! only deleted after the sweep's grace period (decision 9), so every file the snapshot names is
//! still there while the copy runs.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use grants_store::Backend;
use grants_store::storage::{BlobKey, BlobStore};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::pg_tools;
use crate::serve::open_store;

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "database.sqlite";
const PG_FILE: &str = "database.pgdump";
const BLOBS: &str = "blobs";

/// What a backup folder holds, written last so a folder with a manifest is complete.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    /// The layout version of the folder.
    pub format: u32,
    /// When the database snapshot was taken.
    pub created_at: DateTime<Utc>,
    /// `sqlite` or `postgres`: a backup restores into the same engine.
    pub database: String,
    /// Every file copied, with the SHA-256 of the bytes copied.
    pub blobs: Vec<BlobEntry>,
}

/// One stored file in a backup.
#[derive(Debug, Serialize, Deserialize)]
pub struct BlobEntry {
    /// Its key.
    pub key: String,
    /// Its size in bytes.
    pub size: u64,
    /// Hex SHA-256.
    pub sha256: String,
}

fn engine(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

/// Writes a backup of the configured database and storage into `folder` (new or empty).
pub async fn backup(config_dir: &Path, settings: &Settings, folder: &Path) -> anyhow::Result<Manifest> {
    if folder.exists() {
        ensure!(
            std::fs::read_dir(folder)?.next().is_none(),
            "{} is not empty; back up into a new folder",
            folder.display()
        );
    }
    std::fs::create_dir_all(folder).with_context(|| format!("creating {}", folder.display()))?;
    let store = open_store(config_dir, settings).await?;
    let created_at = Utc::now();
    match store.backend() {
        Backend::Sqlite => store.snapshot_sqlite(&folder.join(SQLITE_FILE)).await.context("copying the database")?,
        Backend::Postgres => pg_tools::dump(settings.database.url.expose_secret(), &folder.join(PG_FILE)).await?,
    }
    let source = store.blobs()?;
    let copy = BlobStore::local(folder.join(BLOBS))?;
    let keys: Vec<BlobKey> = source.keys().try_collect().await.context("listing the stored files")?;
    let mut blobs = Vec::with_capacity(keys.len());
    for key in keys {
        let copied = source.copy_to(&key, &copy).await.with_context(|| format!("copying {key}"))?;
        blobs.push(BlobEntry { key: key.to_string(), size: copied.size, sha256: copied.sha256 });
    }
    let manifest = Manifest { format: 1, created_at, database: engine(store.backend()).into(), blobs };
    std::fs::write(folder.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    store.close().await.ok();
    Ok(manifest)
}

/// Restores the backup in `folder` into the configured database and storage, which must both be
/// empty, then applies any newer migrations and checks that every file a row names is back.
pub async fn restore(config_dir: &Path, settings: &Settings, folder: &Path) -> anyhow::Result<Manifest> {
    let text = std::fs::read(folder.join(MANIFEST))
        .with_context(|| format!("{} has no {MANIFEST}: not a complete backup", folder.display()))?;
    let manifest: Manifest = serde_json::from_slice(&text).context("reading the backup manifest")?;
    ensure!(manifest.format == 1, "backup format {} is not known to this version", manifest.format);
    let store = open_store(config_dir, settings).await?;
    ensure!(
        engine(store.backend()) == manifest.database,
        "this backup is of a {} database; the configured database is {}",
        manifest.database,
        engine(store.backend())
    );
    ensure!(store.is_empty_database().await?, "the configured database is not empty; restore into an empty one");
    let target = store.blobs()?.clone();
    ensure!(
        target.keys().try_next().await.context("listing the configured storage")?.is_none(),
        "the configured storage ({}) is not empty; restore into an empty one",
        target.place()
    );
    let url = settings.database.url.expose_secret().to_owned();
    let store = match store.backend() {
        Backend::Sqlite => {
            store.close().await.ok();
            let file = grants_store::sqlite_file(&url).context("the SQLite URL names no file")?;
            replace_sqlite_file(&folder.join(SQLITE_FILE), Path::new(file))?;
            open_store(config_dir, settings).await?
        }
        Backend::Postgres => {
            pg_tools::restore(&url, &folder.join(PG_FILE)).await?;
            store
        }
    };
    store.migrate().await.context("applying migrations to the restored database")?;
    let copy = BlobStore::local(folder.join(BLOBS))?;
    for entry in &manifest.blobs {
        let key = BlobKey::parse(&entry.key)?;
        let restored = copy.copy_to(&key, &target).await.with_context(|| format!("restoring {key}"))?;
        if restored.sha256 != entry.sha256 {
            bail!("{key} in the backup does not match its SHA-256: the backup is damaged");
        }
    }
    let copied: HashMap<&str, &BlobEntry> = manifest.blobs.iter().map(|b| (b.key.as_str(), b)).collect();
    let missing: Vec<String> =
        store.named_blob_keys().await?.into_iter().filter(|k| !copied.contains_key(k.as_str())).collect();
    ensure!(missing.is_empty(), "the backup lacks files the database names: {}", missing.join(", "));
    store.close().await.ok();
    Ok(manifest)
}

/// Puts the snapshot where the configured SQLite file is, with no leftover journal beside it.
fn replace_sqlite_file(snapshot: &Path, file: &Path) -> anyhow::Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut side = file.as_os_str().to_owned();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            std::fs::remove_file(&side)?;
        }
    }
    std::fs::copy(snapshot, file).with_context(|| format!("copying the database to {}", file.display()))?;
    Ok(())
}
