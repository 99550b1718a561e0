//! A CSO reads what a call funds and who may apply before it has an account: the calls list and a
//! published call's page are public; drafts stay hidden; the page invites the visitor to sign in or
//! create an account, and says how long is left, in the visitor's language.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

db_test!(
    async fn anyone_reads_the_published_calls_without_an_account(app: TestApp) {
        let manager = app.manager().await;
        let published = app.published_call(&manager, "MMD-CFP-2026-60").await;
        let (status, draft) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-61", 30)).await;
        assert_eq!(status, StatusCode::CREATED);
        let draft = draft["id"].as_i64().unwrap();

        let mut visitor = Browser::new(&app);
        let (status, _, headers) = visitor.get("/").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], "/calls", "the home page is the calls, for everyone");
        visitor.get("/lang/fr").await;
        let (status, list, _) = visitor.get("/calls").await;
        assert_eq!(status, StatusCode::OK, "{list}");
        assert!(list.contains("MMD-CFP-2026-60") && list.contains("lang=\"fr\""), "{list}");
        assert!(!list.contains("MMD-CFP-2026-61"), "a draft is not listed for visitors");

        let (status, page, _) = visitor.get(&format!("/calls/{published}")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Qui peut soumettre une demande") && page.contains("id=\"who-may-apply\""), "{page}");
        assert!(page.contains("clôture dans 30 jours"), "how long is left: {page}");
        assert!(page.contains("id=\"sign-in-to-apply\""), "the way to apply starts with an account: {page}");
        assert!(page.contains(&format!("/login?next=%2Fcalls%2F{published}")), "and comes back here: {page}");
        assert!(!page.contains("action=\"/calls/"), "no form a visitor cannot send: {page}");

        let (status, _, _) = visitor.get(&format!("/calls/{draft}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "a draft call stays hidden");
    }
);
