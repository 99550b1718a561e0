//! Where attachment bytes live: a small interface with a local-disk implementation (the default).
//! Another backend (object storage) implements the same three calls.

use std::fmt::Debug;
use std::io;
use std::path::{Path, PathBuf};

/// Stores blobs under opaque keys. Implementations must make `put` all-or-nothing: a reader never
/// sees half a file.
pub trait BlobStore: Send + Sync + Debug + 'static {
    /// Stores `bytes` under `key`.
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()>;
    /// Reads the blob under `key`.
    fn get(&self, key: &str) -> io::Result<Vec<u8>>;
    /// Removes the blob under `key` (no error when it is already gone).
    fn delete(&self, key: &str) -> io::Result<()>;
}

/// Blobs as files under a folder (`./data/attachments` by default).
#[derive(Debug, Clone)]
pub struct LocalDisk {
    root: PathBuf,
}

impl LocalDisk {
    /// Blobs under `root`, created on first write.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LocalDisk { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        let safe = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != ".."
                    && part != "."
                    && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        if safe {
            Ok(self.root.join(key))
        } else {
            Err(io::Error::new(io::ErrorKind::InvalidInput, format!("invalid blob key `{key}`")))
        }
    }
}

impl BlobStore for LocalDisk {
    fn put(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.path(key)?;
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        let partial = path.with_extension("partial");
        std::fs::write(&partial, bytes)?;
        std::fs::rename(&partial, &path)
    }

    fn get(&self, key: &str) -> io::Result<Vec<u8>> {
        std::fs::read(self.path(key)?)
    }

    fn delete(&self, key: &str) -> io::Result<()> {
        match std::fs::remove_file(self.path(key)?) {
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refuse_escaping_keys() {
        let dir = std::env::temp_dir().join(format!("mmd-grants-blob-{}", std::process::id()));
        let disk = LocalDisk::new(&dir);
        disk.put("12/abc", b"statutes").unwrap();
        assert_eq!(disk.get("12/abc").unwrap(), b"statutes");
        disk.delete("12/abc").unwrap();
        disk.delete("12/abc").unwrap();
        assert!(disk.put("../escape", b"x").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
