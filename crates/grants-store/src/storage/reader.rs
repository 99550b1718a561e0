//! Reading one blob back, checked against the SHA-256 recorded when it was written.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;
use futures::stream::BoxStream;
use sha2::{Digest, Sha256};

use super::key::hex;
use super::{BlobKey, StorageError};

/// A blob's bytes as they arrive from storage. The checksum is compared when the last chunk has
/// arrived; a mismatch ends the stream with [`StorageError::Corrupt`] instead of its end, so a
/// client never receives a damaged file as complete.
pub struct VerifiedStream {
    key: BlobKey,
    inner: BoxStream<'static, Result<Bytes, StorageError>>,
    hasher: Option<Sha256>,
    expected: String,
}

impl std::fmt::Debug for VerifiedStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedStream").field("key", &self.key).finish_non_exhaustive()
    }
}

impl VerifiedStream {
    pub(super) fn new(
        key: BlobKey,
        inner: BoxStream<'static, Result<Bytes, StorageError>>,
        expected_sha256: &str,
    ) -> VerifiedStream {
        VerifiedStream { key, inner, hasher: Some(Sha256::new()), expected: expected_sha256.to_owned() }
    }
}

impl Stream for VerifiedStream {
    type Item = Result<Bytes, StorageError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.as_mut().get_mut();
        let Some(hasher) = this.hasher.as_mut() else { return Poll::Ready(None) };
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                hasher.update(&chunk);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(err))) => {
                self.hasher = None;
                Poll::Ready(Some(Err(err)))
            }
            Poll::Ready(None) => {
                let digest = self.hasher.take().map(|h| hex(&h.finalize())).unwrap_or_default();
                if digest == self.expected {
                    Poll::Ready(None)
                } else {
                    tracing::error!(key = %self.key, "blob fails its SHA-256 check");
                    Poll::Ready(Some(Err(StorageError::Corrupt(self.key.to_string()))))
                }
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
