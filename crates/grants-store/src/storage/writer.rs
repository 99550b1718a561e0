//! Writing one blob as its bytes arrive: hashed and counted on the way, kept in memory only up to
//! the streaming threshold, then sent in parts.

use bytes::Bytes;
use object_store::buffered::BufWriter;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::key::hex;
use super::{BlobKey, StorageError, unavailable};

/// A blob that is now in storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    /// Where it is.
    pub key: BlobKey,
    /// Its size in bytes.
    pub size: u64,
    /// Hex SHA-256 of its bytes, to be recorded with the row that names it.
    pub sha256: String,
}

/// An upload in progress. Nothing is visible under the key until [`BlobWriter::finish`] succeeds;
/// [`BlobWriter::abort`] (or a failed write) leaves nothing behind.
pub struct BlobWriter {
    key: BlobKey,
    inner: Option<BufWriter>,
    hasher: Sha256,
    size: u64,
    limit: u64,
}

impl std::fmt::Debug for BlobWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobWriter").field("key", &self.key).field("size", &self.size).finish_non_exhaustive()
    }
}

impl BlobWriter {
    pub(super) fn new(key: BlobKey, inner: BufWriter, limit: u64) -> BlobWriter {
        BlobWriter { key, inner: Some(inner), hasher: Sha256::new(), size: 0, limit }
    }

    /// Where the blob will be.
    pub fn key(&self) -> &BlobKey {
        &self.key
    }

    /// Bytes written so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Appends `chunk`. Past the writer's limit the upload is abandoned with
    /// [`StorageError::TooLarge`]; call [`BlobWriter::abort`] then.
    pub async fn write(&mut self, chunk: Bytes) -> Result<(), StorageError> {
        self.size += chunk.len() as u64;
        if self.size > self.limit {
            return Err(StorageError::TooLarge { limit: self.limit });
        }
        self.hasher.update(&chunk);
        match self.inner.as_mut() {
            Some(inner) => inner.put(chunk).await.map_err(StorageError::from),
            None => Err(StorageError::Unavailable("the upload was already closed".into())),
        }
    }

    /// Completes the upload: from here on the object exists under the key.
    pub async fn finish(mut self) -> Result<StoredBlob, StorageError> {
        let Some(mut inner) = self.inner.take() else {
            return Err(StorageError::Unavailable("the upload was already closed".into()));
        };
        // After a failed shutdown the writer cannot be aborted any more; an incomplete multipart
        // upload is invisible and expires by the bucket's lifecycle rule (deploy/README.md).
        inner.shutdown().await.map_err(unavailable)?;
        let sha256 = hex(&std::mem::take(&mut self.hasher).finalize());
        Ok(StoredBlob { key: self.key.clone(), size: self.size, sha256 })
    }

    /// Abandons the upload and removes any part already sent.
    pub async fn abort(mut self) {
        if let Some(mut inner) = self.inner.take() {
            abandon(&self.key, &mut inner).await;
        }
    }
}

async fn abandon(key: &BlobKey, inner: &mut BufWriter) {
    if let Err(err) = inner.abort().await {
        tracing::warn!(key = %key, error = %err, "abandoned upload not cleaned up");
    }
}

/// A writer dropped mid-way (the client went away and the request was cancelled) abandons its
/// upload in the background, so no part is left behind.
impl Drop for BlobWriter {
    fn drop(&mut self) {
        if let (Some(mut inner), Ok(runtime)) = (self.inner.take(), tokio::runtime::Handle::try_current()) {
            let key = self.key.clone();
            runtime.spawn(async move { abandon(&key, &mut inner).await });
        }
    }
}
