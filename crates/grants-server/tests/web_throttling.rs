//! Sign-in throttling that slows guessing without locking the rightful person out (decision 11): guesses
//! are counted per account and client address, and per account across strangers; a browser the account
//! signed in from before keeps working through any attack, and from anywhere else a right password gets
//! an emailed sign-in link; account forms are rate-limited per client.

use std::net::IpAddr;

use grants_testkit::{Browser, TestApp, db_test};
use grants_web::WebSettings;
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";

fn from(last: u8) -> IpAddr {
    IpAddr::from([127, 0, 0, last])
}

/// An instance on the test's database with small sign-in limits.
async fn strict_instance(app: &TestApp) -> String {
    let mut settings = WebSettings { max_body_bytes: grants_testkit::TEST_BODY_LIMIT, ..WebSettings::default() };
    settings.security.sign_in.per_client = 3;
    settings.security.sign_in.per_account = 5;
    settings.security.auth_per_client_per_minute = 1000;
    app.second_instance(settings).await
}

async fn statuses(browser: &mut Browser, password: &str, times: usize) -> Vec<StatusCode> {
    let mut seen = Vec::new();
    for _ in 0..times {
        seen.push(browser.sign_in("aminata@example.org", password).await.0);
    }
    seen
}

db_test!(
    async fn strangers_cannot_lock_the_owner_out(app: TestApp) {
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        app.store().set_password(applicant.id, PASSWORD).await.unwrap();
        let strict = strict_instance(&app).await;
        let mut usual = Browser::on_instance(&app, &strict, from(1));
        assert_eq!(usual.sign_in("aminata@example.org", PASSWORD).await.0, StatusCode::SEE_OTHER, "before the attack");

        let mut first = Browser::on_instance(&app, &strict, from(3));
        let seen = statuses(&mut first, "wrong guess one", 8).await;
        assert_eq!(
            seen.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count(),
            3,
            "three guesses checked: {seen:?}"
        );
        assert!(seen[3..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "then refused unchecked: {seen:?}");
        assert_eq!(first.sign_in("aminata@example.org", PASSWORD).await.0, StatusCode::TOO_MANY_REQUESTS);

        let mut colleague = Browser::on_instance(&app, &strict, from(9));
        let (status, _) = colleague.sign_in("aminata@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "another address is not affected");
        let mut second = Browser::on_instance(&app, &strict, from(4));
        let seen = statuses(&mut second, "wrong guess two", 4).await;
        assert_eq!(
            seen.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count(),
            2,
            "the account-wide cap of five: {seen:?}"
        );
        let links = || async {
            let outbox = app.store().list_outbox(None, 1, 100).await.unwrap();
            outbox
                .items
                .into_iter()
                .filter(|m| m.template == "sign_in_link")
                .map(|m| m.payload["action_path"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        let mut guesser = Browser::on_instance(&app, &strict, from(6));
        let (status, wrong) = guesser.sign_in("aminata@example.org", "wrong guess three").await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the account's budget for strangers is spent");
        assert!(links().await.is_empty(), "a wrong password sends nothing");
        let mut owner_elsewhere = Browser::on_instance(&app, &strict, from(5));
        let (status, right) = owner_elsewhere.sign_in("aminata@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "no session for a stranger's right password either");
        let said = |page: &str| page.split("id=\"login-error\">").nth(1).unwrap().split('<').next().unwrap().to_owned();
        assert_eq!(said(&right), said(&wrong), "the same answer");
        assert!(said(&right).contains("emailed"), "{}", said(&right));
        let sent = links().await;
        assert_eq!(sent.len(), 1, "but the account is emailed a sign-in link");
        let (status, _, headers) = owner_elsewhere.get(&sent[0]).await;
        assert_eq!((status, headers["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, "/"));
        assert!(owner_elsewhere.is_signed_in(), "whoever reads the mailbox gets in, from anywhere");
        let (status, _, _) = owner_elsewhere.get(&sent[0]).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a link works once");

        usual.cookies.remove("mmdg_session");
        let (status, _) = usual.sign_in("aminata@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "the owner's usual browser still signs in");
        app.clock.advance(chrono::Duration::minutes(61));
        let mut later = Browser::on_instance(&app, &strict, from(10));
        assert_eq!(later.sign_in("aminata@example.org", PASSWORD).await.0, StatusCode::SEE_OTHER, "the window passes");
    }
);

db_test!(
    async fn unknown_addresses_are_throttled_alike(app: TestApp) {
        app.applicant("aminata@example.org", "AMMD").await;
        let strict = strict_instance(&app).await;
        let mut browser = Browser::on_instance(&app, &strict, from(6));
        let mut pages = Vec::new();
        for email in ["aminata@example.org", "nobody@example.org"] {
            let mut seen = Vec::new();
            for _ in 0..4 {
                let (status, page) = browser.sign_in(email, "wrong guess").await;
                seen.push(status);
                pages.push(page.replace(email, ""));
            }
            assert_eq!(seen[3], StatusCode::TOO_MANY_REQUESTS, "{email}: {seen:?}");
        }
        assert_eq!(pages[3], pages[7], "the throttled page says the same for both");
    }
);

db_test!(
    async fn account_forms_are_rate_limited_per_client(app: TestApp) {
        let mut settings = WebSettings { max_body_bytes: grants_testkit::TEST_BODY_LIMIT, ..WebSettings::default() };
        settings.security.auth_per_client_per_minute = 5;
        let instance = app.second_instance(settings).await;
        let mut browser = Browser::on_instance(&app, &instance, from(7));
        let (_, page, _) = browser.get("/password/forgot").await;
        let csrf = Browser::csrf_in(&page);
        let mut seen = Vec::new();
        for _ in 0..7 {
            let (status, _, headers) =
                browser.post("/password/forgot", &[("csrf", &csrf), ("email", "x@example.org")]).await;
            seen.push((status, headers.contains_key("retry-after")));
        }
        assert_eq!(seen[..5].iter().filter(|(s, _)| *s == StatusCode::OK).count(), 5, "{seen:?}");
        assert_eq!(seen[5..], [(StatusCode::TOO_MANY_REQUESTS, true), (StatusCode::TOO_MANY_REQUESTS, true)]);
        let mut elsewhere = Browser::on_instance(&app, &instance, from(8));
        let (_, page, _) = elsewhere.get("/password/forgot").await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = elsewhere.post("/password/forgot", &[("csrf", &csrf), ("email", "x@example.org")]).await;
        assert_eq!(status, StatusCode::OK, "another client has its own share");
    }
);
