//! How to reach the blob storage: a local folder (the embedded default) or an S3-compatible service.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::prefix::PrefixStore;
use object_store::{BackoffConfig, ClientOptions, RetryConfig};
use secrecy::{ExposeSecret, SecretString};

use super::StorageError;

/// Where blobs live.
#[derive(Debug, Clone)]
pub enum BlobSettings {
    /// Files under a folder; one machine only.
    Local {
        /// The folder (created when missing). Nothing else may live in it: the orphan sweep removes
        /// what no row names.
        root: PathBuf,
    },
    /// A bucket of an S3-compatible service shared by every instance.
    S3(S3Settings),
}

/// An S3-compatible bucket. Anything left empty falls back to the standard `AWS_*` environment
/// variables (and, on AWS, to instance or web-identity credentials).
#[derive(Clone, Default)]
pub struct S3Settings {
    /// The service URL, e.g. `http://minio:9000`; empty for AWS itself.
    pub endpoint: String,
    /// The bucket (it must exist).
    pub bucket: String,
    /// The region; on-premises servers usually accept anything, e.g. `us-east-1`.
    pub region: String,
    /// A folder inside the bucket, so one bucket can hold several installations.
    pub prefix: String,
    /// `bucket` in the path (`endpoint/bucket/key`) rather than in the host name; what most
    /// on-premises servers need.
    pub path_style: bool,
    /// Permit an `http://` endpoint (a server on a private network or the test server).
    pub allow_http: bool,
    /// The access key id.
    pub access_key_id: String,
    /// The secret key. Never printed.
    pub secret_access_key: SecretString,
    /// How long one request may take, and how long retries of a failing request may go on.
    pub timeout: Duration,
}

impl fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("prefix", &self.prefix)
            .field("path_style", &self.path_style)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"***")
            .finish_non_exhaustive()
    }
}

impl BlobSettings {
    /// Builds the object store these settings describe. Nothing is contacted yet.
    pub(super) fn build(&self) -> Result<(Arc<dyn ObjectStore>, String), StorageError> {
        match self {
            BlobSettings::Local { root } => {
                std::fs::create_dir_all(root)
                    .map_err(|e| StorageError::Settings(format!("cannot create {}: {e}", root.display())))?;
                let local = LocalFileSystem::new_with_prefix(root)
                    .map_err(|e| StorageError::Settings(format!("cannot use {}: {e}", root.display())))?
                    .with_automatic_cleanup(true);
                Ok((Arc::new(local), format!("folder {}", root.display())))
            }
            BlobSettings::S3(s3) => s3.build(),
        }
    }
}

impl S3Settings {
    fn build(&self) -> Result<(Arc<dyn ObjectStore>, String), StorageError> {
        if self.bucket.trim().is_empty() {
            return Err(StorageError::Settings("storage.s3_bucket is required with the s3 backend".into()));
        }
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(&self.bucket);
        if !self.endpoint.is_empty() {
            builder = builder.with_endpoint(&self.endpoint);
        }
        if !self.region.is_empty() {
            builder = builder.with_region(&self.region);
        }
        if !self.access_key_id.is_empty() {
            builder = builder.with_access_key_id(&self.access_key_id);
        }
        if !self.secret_access_key.expose_secret().is_empty() {
            builder = builder.with_secret_access_key(self.secret_access_key.expose_secret());
        }
        let client = ClientOptions::new()
            .with_allow_http(self.allow_http)
            .with_connect_timeout(Duration::from_secs(3).min(self.timeout))
            .with_timeout(self.timeout);
        let retry = RetryConfig {
            backoff: BackoffConfig {
                init_backoff: Duration::from_millis(100),
                max_backoff: Duration::from_secs(2),
                base: 2.0,
            },
            max_retries: 3,
            retry_timeout: self.timeout,
        };
        let s3 = builder
            .with_virtual_hosted_style_request(!self.path_style)
            .with_client_options(client)
            .with_retry(retry)
            .build()
            .map_err(|e| StorageError::Settings(format!("S3 settings: {e}")))?;
        let place =
            format!("bucket {} at {}", self.bucket, if self.endpoint.is_empty() { "AWS" } else { &self.endpoint });
        let prefix = self.prefix.trim_matches('/');
        if prefix.is_empty() {
            Ok((Arc::new(s3), place))
        } else {
            Ok((Arc::new(PrefixStore::new(s3, prefix)), format!("{place}, under {prefix}/")))
        }
    }
}
