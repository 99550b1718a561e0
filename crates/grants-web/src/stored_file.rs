//! A stored file sent back as it was uploaded, the one way the API and the pages answer a download:
//! its media type, a `Content-Disposition` whose name cannot break the header, its length and SHA-256,
//! and the body streamed untouched (never compressed, the checksum checked as it goes).

use axum::body::Body;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use grants_store::storage::BlobStream;

/// What is known of a stored file before its bytes.
#[derive(Debug, Clone, Copy)]
pub struct StoredFile<'a> {
    /// Its media type, read from its bytes at upload.
    pub content_type: &'a str,
    /// The name it was uploaded under.
    pub filename: &'a str,
    /// Hex SHA-256 of its bytes.
    pub sha256: &'a str,
    /// Its size in bytes.
    pub size_bytes: i64,
}

/// `attachment` (save) or `inline` (open) with a file name of ASCII letters, digits, `.`, `-` and `_`
/// only, so no name a person typed can break the header or the path it is saved under.
pub fn content_disposition(filename: &str, inline: bool) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    format!("{}; filename=\"{ascii}\"", if inline { "inline" } else { "attachment" })
}

/// The download of `file`, its bytes streamed from storage.
pub fn download(file: StoredFile<'_>, bytes: BlobStream) -> Response {
    (
        [
            (header::CONTENT_TYPE, file.content_type.to_owned()),
            (header::CONTENT_DISPOSITION, content_disposition(file.filename, false)),
            (header::HeaderName::from_static("x-content-sha256"), file.sha256.to_owned()),
            (header::CONTENT_LENGTH, file.size_bytes.to_string()),
        ],
        axum::Extension(crate::compression::AsStored),
        Body::from_stream(bytes),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_people_type_cannot_break_the_header() {
        assert_eq!(
            content_disposition("Statuts \"AMMD\"/Kayes.pdf", false),
            "attachment; filename=\"Statuts__AMMD__Kayes.pdf\""
        );
        assert_eq!(
            content_disposition("MMD-CFP-2026-01-0001.pdf", true),
            "inline; filename=\"MMD-CFP-2026-01-0001.pdf\""
        );
    }
}
