//! Blob keys: `<namespace>/<owner>/<random id>`, the only names objects get in storage.

use std::fmt;

use rand::RngCore;

use super::StorageError;

/// What a blob belongs to; the first segment of its key. A new kind of file (call documents,
/// clarification-answer attachments, generated PDFs) adds a variant here and stores its key in a
/// column named `storage_key` (see [`crate::blob_sweep::BLOB_COLUMNS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    /// Files attached to applications; the owner is the application id.
    Attachments,
    /// Documents a call publishes (guidelines, annexes); the owner is the call id.
    CallDocuments,
}

impl Namespace {
    /// The key segment.
    pub fn as_str(self) -> &'static str {
        match self {
            Namespace::Attachments => "attachments",
            Namespace::CallDocuments => "call-documents",
        }
    }
}

/// A checked key: segments of ASCII letters, digits, `-` and `_`, joined by `/`. Keys never contain
/// `..`, so a local folder cannot be escaped, and they never depend on what the user named the file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlobKey(String);

impl BlobKey {
    /// A new key for a blob of `owner` (for example an application id) in `namespace`, with a
    /// random 128-bit id so two uploads never share an object.
    pub fn fresh(namespace: Namespace, owner: impl fmt::Display) -> Result<BlobKey, StorageError> {
        let mut random = [0_u8; 16];
        rand::rng().fill_bytes(&mut random);
        BlobKey::parse(&format!("{}/{owner}/{}", namespace.as_str(), hex(&random)))
    }

    /// Checks a key read back from the database.
    pub fn parse(key: &str) -> Result<BlobKey, StorageError> {
        let valid = !key.is_empty()
            && key.len() <= 512
            && key.split('/').all(|part| {
                !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
        if valid { Ok(BlobKey(key.to_owned())) } else { Err(StorageError::InvalidKey(key.to_owned())) }
    }

    /// The key as stored in the database.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BlobKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub use crate::digest::hex;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_keys_are_namespaced_and_unique() {
        let one = BlobKey::fresh(Namespace::Attachments, 12).unwrap();
        let two = BlobKey::fresh(Namespace::Attachments, 12).unwrap();
        assert!(one.as_str().starts_with("attachments/12/"), "{one}");
        assert_ne!(one, two);
    }

    #[test]
    fn keys_that_could_escape_or_surprise_are_refused() {
        for bad in ["", "../x", "a//b", "a/./b", "a/b c", "a/b/", "/a", "a\\b"] {
            assert!(BlobKey::parse(bad).is_err(), "{bad:?} is refused");
        }
        assert!(BlobKey::parse("attachments/7/0a1b").is_ok());
    }
}
