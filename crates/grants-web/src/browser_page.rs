//! Answers for a browser that the pages' templates cannot give: when the service sheds load, times
//! out, or fails before a page handler runs (an unreadable address, say), a person still gets a short
//! page in their language with the way back, not the API's JSON. Machines (the API, clients that do not
//! ask for HTML) keep the JSON body.

use axum::http::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use grants_domain::Language;

use crate::pages::session::{LANG_COOKIE, header_cookie};

/// The language of a browser's page request, `None` for the API and for clients that do not ask for HTML.
pub fn page_language(headers: &HeaderMap, path: &str) -> Option<Language> {
    let wants_html =
        headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|accept| accept.contains("text/html"));
    if path.starts_with("/api/") || !wants_html {
        return None;
    }
    Some(requested_language(headers).unwrap_or_default())
}

/// The language the reader chose (the language switch's cookie), else the first the browser accepts.
pub fn requested_language(headers: &HeaderMap) -> Option<Language> {
    header_cookie(headers, LANG_COOKIE).and_then(|c| c.parse().ok()).or_else(|| accepted_language(headers))
}

/// The first language of `Accept-Language` the product has a catalogue for: the tag itself (`pt-BR`),
/// else its language (`pt`).
pub fn accepted_language(headers: &HeaderMap) -> Option<Language> {
    let accepted = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let known = Language::all();
    let spoken = |wanted: &str| known.iter().copied().find(|lang| lang.code().eq_ignore_ascii_case(wanted));
    accepted.split(',').find_map(|part| {
        let tag = part.split(';').next()?.trim();
        spoken(tag).or_else(|| spoken(tag.split('-').next()?))
    })
}

/// A short page saying `message` (a catalogue id) with `status`, in `lang`, styled by the site's sheet.
pub fn plain_page(lang: Language, status: StatusCode, message: &str) -> Response {
    let text = |id: &str| escape(&lang.text(id, &[]));
    let body = format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{heading}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
         <body><main><h1>{heading}</h1><p>{message}</p><p class=\"hint\">{status_label} {status}</p>\
         <p><a href=\"/\">{home}</a></p></main></body></html>\n",
        code = lang.code(),
        heading = text("error_heading"),
        message = text(message),
        status_label = text("error_status"),
        status = status.as_u16(),
        home = text("error_home_link"),
    );
    let mut response = (status, body).into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

/// The catalogue id of the sentence for a page that failed with `status` before any handler could word it.
pub fn message_for(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "error_bad_request",
        StatusCode::FORBIDDEN => "error_forbidden",
        StatusCode::NOT_FOUND => "error_not_found",
        StatusCode::PAYLOAD_TOO_LARGE => "error_too_large",
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE | StatusCode::REQUEST_TIMEOUT => "error_busy",
        _ => "error_generic",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn browsers_get_a_page_in_their_language_and_machines_keep_json() {
        let browser = headers(&[("accept", "text/html,*/*"), ("accept-language", "fr-ML,fr;q=0.9,en;q=0.5")]);
        assert_eq!(page_language(&browser, "/calls"), Some(Language::FR));
        assert_eq!(page_language(&browser, "/api/v1/calls"), None, "the API answers JSON");
        assert_eq!(page_language(&headers(&[("accept", "application/json")]), "/calls"), None);
        let chosen = headers(&[("accept", "text/html"), ("accept-language", "fr"), ("cookie", "mmdg_lang=en")]);
        assert_eq!(page_language(&chosen, "/"), Some(Language::EN), "the reader's choice wins");
    }
}
