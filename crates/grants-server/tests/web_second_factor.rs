//! Two-step sign-in (SPEC §11): managers and admins set up an authenticator before their first session,
//! then type its code at every sign-in; a code works once; a lost authenticator is recovered with a
//! recovery code, after which a new one is set up. Others may opt in.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";

async fn post_password(browser: &mut Browser, email: &str) -> (StatusCode, String) {
    let (_, page, _) = browser.get("/login").await;
    let csrf = Browser::csrf_in(&page);
    let (status, _, headers) =
        browser.post("/login", &[("email", email), ("password", PASSWORD), ("csrf", &csrf)]).await;
    (status, headers.get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default())
}

db_test!(
    async fn a_manager_sets_up_an_authenticator_then_signs_in_with_its_codes(app: TestApp) {
        let manager = app.manager().await;
        app.store().set_password(manager.id, PASSWORD).await.unwrap();
        let mut browser = Browser::new(&app);
        let (status, location) = post_password(&mut browser, "manager@example.org").await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/account/second-factor"));
        assert!(!browser.is_signed_in(), "no session before the second factor");
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "the half-open session opens no page");
        let (status, page, _) = browser.get("/account/second-factor").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("id=\"totp-secret\"") && page.contains("data:image/svg+xml"), "a key and its QR code");
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = browser.post("/account/second-factor", &[("csrf", &csrf), ("code", "000000")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a wrong first code sets nothing up");
        assert!(!app.store().has_totp(manager.id).await.unwrap());

        let (status, page) = browser.set_up_authenticator("manager@example.org").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(browser.is_signed_in(), "the first code opens the session");
        let authenticator = app.authenticators.get("manager@example.org").unwrap();
        assert_eq!(authenticator.recovery_codes.len(), 10, "ten recovery codes, shown once");
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::OK);

        let mut office = Browser::new(&app);
        let (status, location) = post_password(&mut office, "manager@example.org").await;
        assert_eq!((status, location.as_str()), (StatusCode::SEE_OTHER, "/login/code"));
        let (_, page, _) = office.get("/login/code").await;
        let csrf = Browser::csrf_in(&page);
        let used = grants_domain::second_factor::code_at(&authenticator.secret, app.now()).unwrap();
        let (status, _, _) = office.post("/login/code", &[("csrf", &csrf), ("code", &used)]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the code the set-up used does not work twice");
        let (status, _) = office.second_step("manager@example.org").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "the next code does");
        assert!(office.is_signed_in());
        let events = app.store().events(grants_store::events::Subject::User(manager.id)).await.unwrap();
        assert!(events.iter().any(|e| e.action == "enrol_second_factor"), "the set-up is in the audit trail");
    }
);

db_test!(
    async fn a_lost_authenticator_is_recovered_with_a_recovery_code(app: TestApp) {
        let manager = app.manager().await;
        let mut browser = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let lost = app.authenticators.lose("manager@example.org").expect("set up at first sign-in");
        assert_eq!(app.store().open_sessions(manager.id, app.now()).await.unwrap(), 1);

        let mut new_phone = Browser::new(&app);
        let (_, location) = post_password(&mut new_phone, "manager@example.org").await;
        assert_eq!(location, "/login/code");
        let (_, page, _) = new_phone.get("/login/recovery").await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = new_phone.post("/login/recovery", &[("csrf", &csrf), ("code", "aaaaa-bbbbb")]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "an invented code is refused");
        let typed = lost.recovery_codes[3].to_uppercase().replace('-', " ");
        let (status, _, headers) = new_phone.post("/login/recovery", &[("csrf", &csrf), ("code", &typed)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], "/account/second-factor", "a manager sets up a new authenticator next");
        assert!(!new_phone.is_signed_in(), "not before the new authenticator works");
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "whoever holds the old session is signed out");
        let (status, _) = new_phone.set_up_authenticator("manager@example.org").await;
        assert_eq!(status, StatusCode::OK);
        assert!(new_phone.is_signed_in());

        let when = app.now() + chrono::Duration::seconds(30);
        let old_code = grants_domain::second_factor::code_at(&lost.secret, when).unwrap();
        let mut thief = Browser::new(&app);
        post_password(&mut thief, "manager@example.org").await;
        app.clock.advance(chrono::Duration::seconds(30));
        let (_, page, _) = thief.get("/login/code").await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = thief.post("/login/code", &[("csrf", &csrf), ("code", &old_code)]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the lost authenticator no longer works");
        let (_, page, _) = thief.get("/login/recovery").await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = thief.post("/login/recovery", &[("csrf", &csrf), ("code", &lost.recovery_codes[4])]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "nor do the other old recovery codes");
        let events = app.store().events(grants_store::events::Subject::User(manager.id)).await.unwrap();
        assert!(events.iter().any(|e| e.action == "recover_second_factor"));
    }
);

db_test!(
    async fn others_may_opt_in_and_are_asked_for_codes_once_they_do(app: TestApp) {
        let evaluator = app.user("e1@example.org", &[Role::Evaluator], None, Language::FR).await;
        let mut browser = Browser::signed_in(&app, &evaluator, "e1@example.org", PASSWORD).await;
        assert!(app.authenticators.get("e1@example.org").is_none(), "no second factor asked of an evaluator");
        let (status, page, _) = browser.get("/account/second-factor").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Connexion en deux étapes"), "in French: {page}");
        let (status, _) = browser.set_up_authenticator("e1@example.org").await;
        assert_eq!(status, StatusCode::OK);
        let mut later = Browser::new(&app);
        let (_, location) = post_password(&mut later, "e1@example.org").await;
        assert_eq!(location, "/login/code", "once set up, the code is asked");
    }
);
