//! Responses compressed on the way out (gzip or brotli, as the client accepts): text only — pages, style
//! sheets, JSON, CSV, XML. Uploaded files go out as stored (they are mostly compressed already, and a
//! download streams untouched), and so does `/metrics` (Prometheus text, read by scrapers nearby).

use axum::http::{Extensions, HeaderMap, StatusCode, Version, header};
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::{CompressionLayer, CompressionLevel};

/// Bodies smaller than this go as they are: compressing them saves less than the headers cost.
const SMALLEST: u16 = 1024;

/// The media types worth compressing.
const TEXT: [&str; 7] = [
    "text/html",
    "text/css",
    "text/csv",
    "application/json",
    "application/problem+json",
    "application/xml",
    "text/javascript",
];

/// Marks a response that goes out byte for byte as stored (an uploaded file), whatever its media type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsStored;

/// Whether a response's media type is one of [`TEXT`] and it is not marked [`AsStored`].
fn is_text(_: StatusCode, _: Version, headers: &HeaderMap, extensions: &Extensions) -> bool {
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase());
    extensions.get::<AsStored>().is_none() && media.is_some_and(|m| TEXT.contains(&m.as_str()))
}

/// The compression level of answers made on the fly. The libraries' default for brotli is its slowest
/// level (11), meant for files compressed once: on a report or a ranking it took several times as long as
/// reading the data. Level 4 keeps most of the saving (see docs/performance.md) at a small part of the time.
const LEVEL: i32 = 4;

/// The layer: gzip and brotli for text responses of at least [`SMALLEST`] bytes.
pub(crate) fn layer() -> CompressionLayer<impl Predicate> {
    CompressionLayer::new()
        .gzip(true)
        .br(true)
        .quality(CompressionLevel::Precise(LEVEL))
        .compress_when(SizeAbove::new(SMALLEST).and(is_text))
}
