//! The account lifecycle through the pages: sign-up checked first and written whole, the same answer for
//! taken and free addresses, strong passwords (advice in French and English), a new verification link,
//! unconfirmed registrations that expire, and resets that end every session and every other link.

use std::time::Instant;

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

const STRONG: &str = "une phrase de passe longue";

async fn signup(browser: &mut Browser, email: &str, password: &str, organisation: &str) -> (StatusCode, String) {
    let (_, page, _) = browser.get("/signup").await;
    let csrf = Browser::csrf_in(&page);
    let form = [
        ("csrf", csrf.as_str()),
        ("name", "Aminata Traoré"),
        ("email", email),
        ("password", password),
        ("organisation", organisation),
        ("country", "ML"),
        ("org_type", "civil_society"),
        ("language", "fr"),
    ];
    let (status, body, _) = browser.post("/signup", &form).await;
    (status, body)
}

async fn counts(app: &TestApp) -> (bool, bool) {
    let user = app.store().user_by_email("aminata@example.org").await.unwrap();
    let organisation = app.store().organisation_by_name("AMMD").await.unwrap();
    (user.is_some(), organisation.is_some())
}

fn queued(messages: &grants_store::Page<grants_store::outbox::OutboxMessage>, template: &str, to: &str) -> usize {
    messages.items.iter().filter(|m| m.template == template && m.recipient_email == to).count()
}

db_test!(
    async fn a_refused_sign_up_leaves_nothing_and_a_taken_address_learns_nothing(app: TestApp) {
        let mut browser = Browser::new(&app);
        browser.get("/lang/fr").await;
        for weak in ["password", "12345678", "aminata@example.org"] {
            let (status, page) = signup(&mut browser, "aminata@example.org", weak, "AMMD").await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{weak} is refused");
            assert!(page.contains("trop facile à deviner"), "the advice is in French: {page}");
            assert_eq!(counts(&app).await, (false, false), "a refused sign-up writes nothing ({weak})");
        }
        let (status, page) = signup(&mut browser, "aminata@example.org", STRONG, "AMMD").await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(counts(&app).await, (true, true), "the same address can register once refused");

        let mut stranger = Browser::new(&app);
        let (status, page) = signup(&mut stranger, "aminata@example.org", STRONG, "Organisation fantôme").await;
        assert_eq!(status, StatusCode::OK, "a taken address gets the same answer");
        let (_, fresh) = signup(&mut Browser::new(&app), "ousmane@example.org", STRONG, "Commune de Kayes").await;
        assert_eq!(page, fresh, "word for word");
        assert!(app.store().organisation_by_name("Organisation fantôme").await.unwrap().is_none(), "no squatting");
        let outbox = app.store().list_outbox(None, 1, 100).await.unwrap();
        assert_eq!(queued(&outbox, "account_exists", "aminata@example.org"), 1, "the owner is told instead");
        for message in &outbox.items {
            assert!(!message.payload.to_string().contains("Aminata Traoré"), "no name chosen by a stranger is mailed");
        }

        let mut english = Browser::new(&app);
        english.get("/lang/en").await;
        let (status, page) = signup(&mut english, "moussa@example.org", "azertyuiop", "Diaspora Sahel").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("too easy to guess"), "and in English: {page}");
    }
);

db_test!(
    async fn unconfirmed_registrations_can_ask_again_and_expire(app: TestApp) {
        let mut browser = Browser::new(&app);
        signup(&mut browser, "aminata@example.org", STRONG, "AMMD").await;
        let (status, page) = browser.sign_in("aminata@example.org", STRONG).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(page.contains("/verify/resend"), "the sign-in page offers a new link");

        let (_, page, _) = browser.get("/verify/resend").await;
        let csrf = Browser::csrf_in(&page);
        let (status, known, _) =
            browser.post("/verify/resend", &[("csrf", &csrf), ("email", "aminata@example.org")]).await;
        assert_eq!(status, StatusCode::OK);
        let (_, unknown, _) = browser.post("/verify/resend", &[("csrf", &csrf), ("email", "nobody@example.org")]).await;
        assert_eq!(known, unknown, "the same answer for an unknown address");
        let outbox = app.store().list_outbox(None, 1, 100).await.unwrap();
        assert_eq!(queued(&outbox, "email_verification", "aminata@example.org"), 2, "a second link went out");

        let limits = grants_store::accounts::AccountLimits::default();
        app.clock.advance(chrono::Duration::hours(limits.unverified_hours + 1));
        let done = app.store().housekeeping(limits, app.now()).await.unwrap();
        assert_eq!(done.registrations, 1);
        assert_eq!(counts(&app).await, (false, false), "the address and the organisation name are free again");
        let (status, _) = signup(&mut Browser::new(&app), "aminata@example.org", STRONG, "AMMD").await;
        assert_eq!(status, StatusCode::OK, "and can register anew");
    }
);

db_test!(
    async fn a_reset_ends_every_session_and_every_other_link(app: TestApp) {
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let laptop = Browser::signed_in(&app, &applicant, "aminata@example.org", "correct horse battery staple").await;
        let mut phone = Browser::new(&app);
        phone.sign_in("aminata@example.org", "correct horse battery staple").await;
        assert_eq!(app.store().open_sessions(applicant.id, app.now()).await.unwrap(), 2);

        let mut desk = Browser::new(&app);
        let (_, page, _) = desk.get("/password/forgot").await;
        let csrf = Browser::csrf_in(&page);
        for _ in 0..2 {
            desk.post("/password/forgot", &[("csrf", &csrf), ("email", "aminata@example.org")]).await;
        }
        let outbox = app.store().list_outbox(None, 1, 100).await.unwrap();
        let links: Vec<String> = outbox
            .items
            .iter()
            .filter(|m| m.template == "password_reset")
            .map(|m| m.payload["action_path"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(links.len(), 2);
        let (_, page, _) = desk.get(&links[0]).await;
        let csrf = Browser::csrf_in(&page);
        let token = |link: &str| link.split("token=").nth(1).unwrap().to_owned();
        let (status, page, _) = desk
            .post("/password/reset", &[("csrf", &csrf), ("token", &token(&links[0])), ("password", "motdepasse")])
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a weak new password is refused");
        assert!(page.contains("password-error"), "{page}");
        let (status, _, _) =
            desk.post("/password/reset", &[("csrf", &csrf), ("token", &token(&links[0])), ("password", STRONG)]).await;
        assert_eq!(status, StatusCode::OK, "the refused attempt left the link usable");
        assert_eq!(app.store().open_sessions(applicant.id, app.now()).await.unwrap(), 0, "every session ended");
        let mut laptop = laptop;
        let (status, _, _) = laptop.get("/applications").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "the laptop is signed out");
        let (status, _, _) = desk
            .post(
                "/password/reset",
                &[("csrf", &csrf), ("token", &token(&links[1])), ("password", "another long phrase here")],
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "the other link no longer works");
        let (status, _) = desk.sign_in("aminata@example.org", STRONG).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
);

db_test!(
    async fn forms_answer_alike_and_as_slowly_for_known_and_unknown_addresses(app: TestApp) {
        app.applicant("aminata@example.org", "AMMD").await;
        let mut browser = Browser::new(&app);
        let (_, page, _) = browser.get("/password/forgot").await;
        let csrf = Browser::csrf_in(&page);
        let floor = grants_web::security::SecuritySettings::default().account_answer_time;
        let mut answers = Vec::new();
        for email in ["aminata@example.org", "nobody@example.org"] {
            let started = Instant::now();
            let (status, body, _) = browser.post("/password/forgot", &[("csrf", &csrf), ("email", email)]).await;
            assert!(started.elapsed() >= floor, "{email} answered before the floor");
            answers.push((status, body));
        }
        assert_eq!(answers[0], answers[1], "identical answers");
        let (status, page) = browser.sign_in("nobody@example.org", "whatever it is").await;
        let (again, known) = browser.sign_in("aminata@example.org", "whatever it is").await;
        assert_eq!((status, again), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
        let strip = |page: &str| page.replace("nobody@example.org", "").replace("aminata@example.org", "");
        assert_eq!(strip(&page), strip(&known), "the sign-in page says the same for both");
    }
);
