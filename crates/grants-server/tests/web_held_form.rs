//! A session that ends while a form is being filled loses nothing: the sign-in page comes back holding
//! what was typed, and after the password a page sends it as it was. A page opened while signed out
//! returns after signing in. A form posted from another site is never held.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn a_form_sent_after_the_session_ended_is_kept_and_sent_after_signing_in(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-91").await;
        let id = app.draft(&applicant, call_id).await;
        let edit = format!("/applications/{id}/edit");
        let mut phone = Browser::signed_in(&app, &applicant, "aminata@example.org", PASSWORD).await;
        let (_, page, _) = phone.get(&edit).await;
        let mut typed = Browser::form_values(&page, &edit);
        let title = "Informer les jeunes de Kayes, écrit pendant une longue soirée";
        Browser::set(&mut typed, "/action/title", title);

        app.clock.advance(chrono::Duration::minutes(61));
        let (status, page, _) = phone.submit(&edit, &typed).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "the session has ended");
        assert!(page.contains("id=\"held-notice\""), "the sign-in page says what was typed is kept");
        let (_, stored) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_ne!(stored["answers"]["action"]["title"], title, "nothing is saved without a session");

        let mut sign_in = Browser::form_values(&page, "/login");
        Browser::set(&mut sign_in, "email", "aminata@example.org");
        Browser::set(&mut sign_in, "password", PASSWORD);
        let (status, page, _) = phone.submit("/login", &sign_in).await;
        assert_eq!(status, StatusCode::OK, "signed in again, the held form is offered: {page}");
        assert!(phone.is_signed_in());
        assert!(page.contains(&format!("href=\"{edit}\"")), "or back to the page without sending");
        let resent = Browser::form_values(&page, &edit);
        assert!(resent.iter().any(|(k, v)| k == "/action/title" && v == title), "what was typed is carried");
        let (status, _, _) = phone.submit(&edit, &resent).await;
        assert_eq!(status, StatusCode::OK, "the form page comes back, saved");
        let (_, stored) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(stored["answers"]["action"]["title"], title, "sent with the new session");

        // A post from elsewhere, with no session cookie, is never held.
        let mut stranger = Browser::new(&app);
        let (status, page, _) = stranger.submit(&edit, &typed).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(!page.contains("id=\"held-notice\"") && !page.contains(title), "a forged post is not held");
    }
);

db_test!(
    async fn a_page_opened_while_signed_out_returns_after_signing_in(app: TestApp) {
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        app.store().set_password(applicant.id, PASSWORD).await.unwrap();
        let mut phone = Browser::new(&app);
        let (status, _, headers) = phone.get("/account/notices").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let to_login = headers["location"].to_str().unwrap().to_owned();
        assert_eq!(to_login, "/login?next=%2Faccount%2Fnotices");
        let (_, page, _) = phone.get(&to_login).await;
        let mut sign_in = Browser::form_values(&page, "/login");
        Browser::set(&mut sign_in, "email", "aminata@example.org");
        Browser::set(&mut sign_in, "password", PASSWORD);
        let (status, _, headers) = phone.submit("/login", &sign_in).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], "/account/notices", "back to the page asked for");
    }
);
