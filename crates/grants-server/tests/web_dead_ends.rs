//! Where a person's browser lands when the address is wrong: an old link, a mistyped number, a language
//! the product does not have. Each answers with the site's page in the reader's language and the way
//! home; the API keeps answering JSON at the same addresses' API twins.

use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT, ACCEPT_LANGUAGE, CONTENT_TYPE};

/// What a French phone's browser gets at `path`: status, content type, body.
async fn as_french_browser(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = reqwest::Client::new()
        .get(format!("{}{path}", app.address))
        .header(ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .header(ACCEPT_LANGUAGE, "fr-ML,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let status = response.status();
    let kind = response.headers().get(CONTENT_TYPE).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (status, kind, response.text().await.unwrap())
}

db_test!(
    async fn a_wrong_address_in_a_browser_gets_a_page_in_french_with_the_way_home(app: TestApp) {
        let (status, kind, page) = as_french_browser(&app, "/appels/ancien-lien").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(kind.starts_with("text/html"), "{kind}");
        assert!(page.contains("lang=\"fr\""), "{page}");
        assert!(page.contains("Cette page n&#x27;existe pas") || page.contains("Cette page n'existe pas"), "{page}");
        assert!(page.contains("href=\"/\""), "the way home");

        let (status, kind, page) = as_french_browser(&app, "/calls/douze").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(kind.starts_with("text/html"), "{kind}: {page}");
        assert!(page.contains("n'a pas pu être compris"), "{page}");
        assert!(!page.contains("invalid_path"), "no code for developers: {page}");

        let (status, kind, page) = as_french_browser(&app, "/lang/xx?next=/calls").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(kind.starts_with("text/html") && page.contains("lang=\"fr\""), "{page}");

        // The API keeps its JSON, whatever the client accepts.
        let (status, kind, body) = as_french_browser(&app, "/api/v1/appels").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(kind.starts_with("application/json"), "{kind}: {body}");
        let (status, body) = app.send(reqwest::Method::GET, None, "/appels/ancien-lien", None).await;
        assert_eq!((status, body["error"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")), "a machine gets JSON");
    }
);
