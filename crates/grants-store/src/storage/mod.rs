//! Where file bytes live. Every kind of file (attachments today; call documents, answer attachments
//! and generated PDFs next) goes through the one [`BlobStore`], built on the `object_store` crate: a
//! local folder in the embedded default, an S3-compatible bucket when several instances run.
//!
//! The rules every user of it follows (decision 9): write the blob first, commit the row that names
//! it after; never delete an object when its row goes, the orphan sweep does that after a grace
//! period; check the SHA-256 recorded in the row on every read.

mod key;
mod reader;
mod settings;
mod writer;

use std::sync::Arc;

use bytes::{Bytes, BytesMut};
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::buffered::BufWriter;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};

pub use key::{BlobKey, Namespace, hex};
pub use reader::VerifiedStream;
pub use settings::{BlobSettings, S3Settings};
pub use writer::{BlobWriter, StoredBlob};

/// Blobs up to this size are held in memory on their way in and checked before the first byte goes
/// out; larger ones stream in parts of this size (S3's minimum part is 5 MiB).
pub const STREAM_THRESHOLD: usize = 5 * 1024 * 1024;

/// Parts of one upload in flight at once: with [`STREAM_THRESHOLD`] this bounds an upload's memory.
const PARTS_IN_FLIGHT: usize = 2;

/// Why a blob could not be stored or read.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The storage service did not answer or failed; the operation may succeed later.
    #[error("file storage is unavailable: {0}")]
    Unavailable(String),
    /// No object under a key a row names.
    #[error("blob {0} is missing from storage")]
    Missing(String),
    /// The bytes read back do not match the recorded SHA-256.
    #[error("blob {0} does not match its SHA-256")]
    Corrupt(String),
    /// An upload went past its limit.
    #[error("the file is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// A key that the layout does not allow.
    #[error("invalid blob key `{0}`")]
    InvalidKey(String),
    /// The storage settings cannot work.
    #[error("{0}")]
    Settings(String),
}

impl From<object_store::Error> for StorageError {
    fn from(err: object_store::Error) -> Self {
        match err {
            object_store::Error::NotFound { path, .. } => StorageError::Missing(path),
            object_store::Error::InvalidPath { source } => StorageError::InvalidKey(source.to_string()),
            other => unavailable(other),
        }
    }
}

fn unavailable(err: impl std::fmt::Display) -> StorageError {
    StorageError::Unavailable(err.to_string())
}

/// A blob's bytes on their way out: one checked chunk for small blobs, a [`VerifiedStream`] for
/// large ones.
pub type BlobStream = BoxStream<'static, Result<Bytes, StorageError>>;

/// The blob storage: cheap to clone, shared by every instance when it is a bucket.
#[derive(Clone)]
pub struct BlobStore {
    objects: Arc<dyn ObjectStore>,
    place: Arc<str>,
}

impl std::fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobStore").field("place", &self.place).finish_non_exhaustive()
    }
}

impl BlobStore {
    /// The store `settings` describe (a missing local folder is created; a bucket is not contacted).
    pub fn open(settings: &BlobSettings) -> Result<BlobStore, StorageError> {
        let (objects, place) = settings.build()?;
        Ok(BlobStore { objects, place: place.into() })
    }

    /// Blobs under a local folder.
    pub fn local(root: impl Into<std::path::PathBuf>) -> Result<BlobStore, StorageError> {
        BlobStore::open(&BlobSettings::Local { root: root.into() })
    }

    /// Where the blobs are, for logs (never holds a secret).
    pub fn place(&self) -> &str {
        &self.place
    }

    /// Starts writing a new blob under `key`, refused past `limit` bytes.
    pub fn writer(&self, key: BlobKey, limit: u64) -> BlobWriter {
        let inner = BufWriter::with_capacity(self.objects.clone(), path(&key), STREAM_THRESHOLD)
            .with_max_concurrency(PARTS_IN_FLIGHT);
        BlobWriter::new(key, inner, limit)
    }

    /// Stores `bytes` under `key` in one go.
    pub async fn put(&self, key: BlobKey, bytes: Bytes) -> Result<StoredBlob, StorageError> {
        let mut writer = self.writer(key, u64::MAX);
        writer.write(bytes).await?;
        writer.finish().await
    }

    /// The blob under `key`, checked against `sha256`. Small blobs are read and checked whole
    /// before anything is returned; larger ones stream and fail at their end if they do not match.
    pub async fn read(&self, key: &BlobKey, sha256: &str) -> Result<BlobStream, StorageError> {
        let found = self.objects.get(&path(key)).await?;
        let small = found.meta.size <= STREAM_THRESHOLD as u64;
        let chunks = found.into_stream().map_err(StorageError::from).boxed();
        let verified = VerifiedStream::new(key.clone(), chunks, sha256);
        if small {
            let whole = verified
                .try_fold(BytesMut::new(), |mut all, chunk| async move {
                    all.extend_from_slice(&chunk);
                    Ok(all)
                })
                .await?;
            Ok(futures::stream::once(async move { Ok(whole.freeze()) }).boxed())
        } else {
            Ok(verified.boxed())
        }
    }

    /// The whole blob under `key`, checked against `sha256` (for tools and tests; requests stream).
    pub async fn read_all(&self, key: &BlobKey, sha256: &str) -> Result<Bytes, StorageError> {
        let all = self
            .read(key, sha256)
            .await?
            .try_fold(BytesMut::new(), |mut all, chunk| async move {
                all.extend_from_slice(&chunk);
                Ok(all)
            })
            .await?;
        Ok(all.freeze())
    }

    /// Copies the blob under `key` from this store into `target`, streaming; returns what was
    /// written there (its SHA-256 computed from the bytes, for the caller to compare).
    pub async fn copy_to(&self, key: &BlobKey, target: &BlobStore) -> Result<StoredBlob, StorageError> {
        let mut chunks = self.objects.get(&path(key)).await?.into_stream();
        let mut writer = target.writer(key.clone(), u64::MAX);
        while let Some(chunk) = chunks.next().await {
            match chunk {
                Ok(chunk) => writer.write(chunk).await?,
                Err(err) => {
                    writer.abort().await;
                    return Err(err.into());
                }
            }
        }
        writer.finish().await
    }

    /// Removes the blob under `key`; no error when it is already gone. Only the orphan sweep and a
    /// failed upload call this (see the module notes).
    pub async fn delete(&self, key: &BlobKey) -> Result<(), StorageError> {
        match self.objects.delete(&path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(err) => Err(err.into()),
        }
    }

    /// Every key in the store, in no particular order. Objects whose names do not follow the key
    /// layout are left out (and so never touched by the sweep).
    pub fn keys(&self) -> BoxStream<'static, Result<BlobKey, StorageError>> {
        self.objects
            .list(None)
            .map_err(StorageError::from)
            .try_filter_map(|meta| async move { Ok(BlobKey::parse(meta.location.as_ref()).ok()) })
            .boxed()
    }
}

fn path(key: &BlobKey) -> ObjectPath {
    ObjectPath::from(key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_local_round_trip_is_checked() {
        let dir = tempfile_dir();
        let blobs = BlobStore::local(&dir).unwrap();
        let key = BlobKey::fresh(Namespace::Attachments, 12).unwrap();
        let stored = blobs.put(key.clone(), Bytes::from_static(b"statutes")).await.unwrap();
        assert_eq!(stored.size, 8);
        assert_eq!(blobs.read_all(&key, &stored.sha256).await.unwrap(), Bytes::from_static(b"statutes"));
        let wrong = "0".repeat(64);
        assert!(matches!(blobs.read_all(&key, &wrong).await, Err(StorageError::Corrupt(_))));
        let listed: Vec<BlobKey> = blobs.keys().try_collect().await.unwrap();
        assert_eq!(listed, vec![key.clone()]);
        blobs.delete(&key).await.unwrap();
        blobs.delete(&key).await.unwrap();
        assert!(matches!(blobs.read_all(&key, &stored.sha256).await, Err(StorageError::Missing(_))));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn an_upload_past_its_limit_leaves_nothing() {
        let dir = tempfile_dir();
        let blobs = BlobStore::local(&dir).unwrap();
        let key = BlobKey::fresh(Namespace::Attachments, 3).unwrap();
        let mut writer = blobs.writer(key, 10);
        writer.write(Bytes::from_static(b"12345")).await.unwrap();
        let refused = writer.write(Bytes::from_static(b"678901")).await;
        assert!(matches!(refused, Err(StorageError::TooLarge { limit: 10 })));
        writer.abort().await;
        let listed: Vec<BlobKey> = blobs.keys().try_collect().await.unwrap();
        assert!(listed.is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let mut random = [0_u8; 8];
        rand::RngCore::fill_bytes(&mut rand::rng(), &mut random);
        std::env::temp_dir().join(format!("mmd-grants-blobs-{}", hex(&random)))
    }
}
