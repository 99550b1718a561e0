//! Conditional requests (RFC 9110 §13): a client that already holds the current version of a file gets
//! 304 Not Modified instead of the file.

use axum::http::HeaderMap;
use axum::http::header::{IF_MODIFIED_SINCE, IF_NONE_MATCH};
use chrono::{DateTime, Utc};

/// `t` as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`).
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Whether the client's copy is current: `If-None-Match` names `etag` (weak comparison, or `*`), or,
/// without `If-None-Match`, nothing changed after `If-Modified-Since` (to the second).
pub fn client_is_current(headers: &HeaderMap, etag: &str, last_modified: Option<DateTime<Utc>>) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if let Some(value) = headers.get(IF_NONE_MATCH) {
        let Ok(value) = value.to_str() else { return false };
        return value.split(',').any(|candidate| candidate.trim() == "*" || opaque(candidate) == opaque(etag));
    }
    let since =
        headers.get(IF_MODIFIED_SINCE).and_then(|v| v.to_str().ok()).and_then(|v| DateTime::parse_from_rfc2822(v).ok());
    match (since, last_modified) {
        (Some(since), Some(modified)) => modified.timestamp() <= since.timestamp(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;
    use chrono::TimeZone;

    use super::*;

    fn headers(name: axum::http::HeaderName, value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(name, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_matching_entity_tag_is_current_and_another_is_not() {
        let tag = "W/\"abc\"";
        assert!(client_is_current(&headers(IF_NONE_MATCH, "W/\"abc\""), tag, None));
        assert!(client_is_current(&headers(IF_NONE_MATCH, "\"xyz\", \"abc\""), tag, None));
        assert!(client_is_current(&headers(IF_NONE_MATCH, "*"), tag, None));
        assert!(!client_is_current(&headers(IF_NONE_MATCH, "\"xyz\""), tag, None));
        assert!(!client_is_current(&HeaderMap::new(), tag, None));
    }

    #[test]
    fn if_modified_since_compares_to_the_second_and_yields_to_if_none_match() {
        let modified = Utc.with_ymd_and_hms(2026, 11, 30, 10, 0, 0).unwrap() + chrono::Duration::milliseconds(250);
        let date = http_date(modified);
        assert_eq!(date, "Mon, 30 Nov 2026 10:00:00 GMT");
        assert!(client_is_current(&headers(IF_MODIFIED_SINCE, &date), "\"a\"", Some(modified)));
        let earlier = http_date(modified - chrono::Duration::seconds(1));
        assert!(!client_is_current(&headers(IF_MODIFIED_SINCE, &earlier), "\"a\"", Some(modified)));
        let mut both = headers(IF_MODIFIED_SINCE, &date);
        both.insert(IF_NONE_MATCH, HeaderValue::from_static("\"old\""));
        assert!(!client_is_current(&both, "\"a\"", Some(modified)), "If-None-Match decides when present");
    }
}
