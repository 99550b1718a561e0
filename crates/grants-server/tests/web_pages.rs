//! The web front end as a browser without JavaScript sees it: sign-in with a session cookie, CSRF on
//! every form, escaped output, small pages, security headers, no lockout by strangers' guesses.

use grants_store::events::Subject;
use grants_testkit::{Browser, TestApp, TestUser, db_test, storage_test};
use reqwest::{Client, StatusCode, redirect};
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

async fn with_password(app: &TestApp, user: &TestUser) {
    app.store().set_password(user.id, PASSWORD).await.unwrap();
}

db_test!(
    async fn an_applicant_signs_in_and_follows_their_application(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        with_password(&app, &applicant).await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut answers = app.answers();
        answers["action"]["title"] = json!("<script>alert('x')</script> Kayes");
        let id = app.draft_with(&applicant, call_id, answers).await;

        let mut browser = Browser::new(&app);
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "signed out: to the sign-in page");
        let (status, _) = browser.sign_in("aminata@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert!(browser.cookies.contains_key("mmdg_session"));

        let (status, calls, headers) = browser.get("/calls").await;
        assert_eq!(status, StatusCode::OK);
        assert!(calls.contains("MMD-CFP-2026-01"));
        assert!(calls.contains("lang=\"fr\""), "a French-speaking applicant reads French");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(headers["x-content-type-options"], "nosniff");

        let (_, list, _) = browser.get("/applications").await;
        assert!(!list.contains("<script>alert") && list.contains("&lt;script&gt;"), "escaped in the list too");
        let (status, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("<script>alert"), "typed markup is never executed");
        assert!(page.contains("&lt;script&gt;"), "it is shown, escaped");
        let (_, css, _) = browser.get("/static/app.css").await;
        assert!(page.len() + css.len() < 60 * 1024, "page and stylesheet: {} bytes", page.len() + css.len());

        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = browser.post(&format!("/applications/{id}/actions/submit"), &[("csrf", "forged")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "no valid CSRF token: refused");
        let (_, still) = app.get(&applicant, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(still["state"], "draft", "and nothing changed");
        let (status, _, headers) =
            browser.post(&format!("/applications/{id}/actions/submit"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], format!("/applications/{id}"));
        let (_, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert!(page.contains("MMD-CFP-2026-01-0001"), "the reference is shown after submission");

        let (status, _, _) = browser.post("/logout", &[("csrf", "forged")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::OK, "a forged logout changes nothing");
        let (status, _, _) = browser.post("/logout", &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, _) = browser.get("/applications").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "signed out");
    }
);

db_test!(
    async fn twenty_wrong_passwords_lock_nobody_out(app: TestApp) {
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        with_password(&app, &applicant).await;
        let mut stranger = Browser::from_address(&app, std::net::IpAddr::from([127, 0, 0, 3]));
        let mut seen = Vec::new();
        for _ in 0..20 {
            let (status, page) = stranger.sign_in("aminata@example.org", "wrong password").await;
            assert!(page.contains("aria-invalid"), "the form says what went wrong");
            assert!(page.contains("aminata@example.org"), "the typed email is kept");
            seen.push(status);
        }
        let limit = grants_store::sign_in::SignInLimits::default().per_client as usize;
        assert!(seen[..limit].iter().all(|s| *s == StatusCode::UNAUTHORIZED), "{seen:?}");
        assert!(seen[limit..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "then slowed down: {seen:?}");
        let mut owner = Browser::from_address(&app, std::net::IpAddr::from([127, 0, 0, 2]));
        let (status, _) = owner.sign_in("aminata@example.org", PASSWORD).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "the owner is not locked out");
        let events = app.store().events(Subject::User(applicant.id)).await.unwrap();
        assert!(events.iter().all(|e| e.action != "lock_account"), "no account is locked any more");
    }
);

db_test!(
    async fn the_sign_in_form_needs_its_csrf_token_and_pages_speak_the_browser_language(app: TestApp) {
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        with_password(&app, &applicant).await;
        let client = Client::builder().redirect(redirect::Policy::none()).build().unwrap();
        let forged = client
            .post(format!("{}/login", app.address))
            .form(&[("email", "aminata@example.org"), ("password", PASSWORD), ("csrf", "x")])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), StatusCode::FORBIDDEN);
        let french = client
            .get(format!("{}/login", app.address))
            .header("accept-language", "fr-FR,fr;q=0.9")
            .send()
            .await
            .unwrap();
        assert!(french.text().await.unwrap().contains("lang=\"fr\""));
        let english =
            client.get(format!("{}/login", app.address)).header("accept-language", "en-GB").send().await.unwrap();
        assert!(english.text().await.unwrap().contains("lang=\"en\""));
        let switched = client.get(format!("{}/lang/fr?next=//evil.example.org", app.address)).send().await.unwrap();
        assert_eq!(switched.headers()["location"], "/", "the switch only returns within the site");
    }
);

/// The fields a browser would post for `answers`, as the form renders them.
fn form_pairs(answers: &serde_json::Value) -> Vec<(String, String)> {
    let schema = grants_domain::form::mmd_full_application();
    let programme = grants_domain::programme::mmd();
    let countries: Vec<String> = programme.countries.iter().map(|c| c.code.clone()).collect();
    let ctx = grants_web::pages::form::FormContext {
        schema: &schema,
        lang: grants_domain::Language::FR,
        programme: &programme,
        countries: &countries,
        yes_no: ("Oui".into(), "Non".into()),
    };
    let mut pairs = Vec::new();
    for field in grants_web::pages::form::fields(&ctx, answers, &[]) {
        let name = field["name"].as_str().unwrap_or_default().to_owned();
        match field["kind"].as_str().unwrap() {
            "text" | "textarea" | "number" | "select" => {
                pairs.push((name, field["value"].as_str().unwrap().to_owned()));
            }
            "checkboxes" => {
                for option in field["options"].as_array().unwrap().iter().filter(|o| o["selected"] == true) {
                    pairs.push((name.clone(), option["value"].as_str().unwrap().to_owned()));
                }
            }
            _ => {}
        }
    }
    pairs
}

db_test!(
    async fn an_applicant_fills_the_form_in_french_fixes_a_mistake_and_submits(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        with_password(&app, &applicant).await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let mut browser = Browser::new(&app);
        browser.sign_in("aminata@example.org", PASSWORD).await;
        let (_, call_page, _) = browser.get(&format!("/calls/{call_id}")).await;
        let csrf = Browser::csrf_in(&call_page);
        let (status, _, headers) = browser.post(&format!("/calls/{call_id}/apply"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers["location"].to_str().unwrap().to_owned();
        let (status, _, again) = browser.post(&format!("/calls/{call_id}/apply"), &[("csrf", &csrf)]).await;
        assert_eq!((status, again["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, location.as_str()));
        let (_, mine) = app.get(&applicant, "/api/v1/applications").await;
        assert_eq!(mine["total"], 1, "a second click opens the draft instead of starting another: {mine}");
        let (status, form_page, _) = browser.get(&format!("{location}/edit")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            form_page.contains("Titre de l&#x27;action") || form_page.contains("Titre de l'action"),
            "French labels"
        );

        let mut answers = app.answers();
        answers["action"]["title"] = json!("");
        let mut pairs = form_pairs(&answers);
        pairs.push(("csrf".into(), csrf.clone()));
        pairs.push(("intent".into(), "submit".into()));
        pairs.push(("confirm".into(), "yes".into()));
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, page, _) = browser.post(&format!("{location}/edit"), &borrowed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("est obligatoire"), "the error is in French");
        assert!(page.contains("aria-invalid=\"true\""), "and marks its field");
        assert!(page.contains("Tambacounda"), "what was typed is kept");
        assert!(page.len() < 60 * 1024, "the form page weighs {} bytes", page.len());

        let mut fixed = form_pairs(&app.answers());
        fixed.push(("csrf".into(), csrf.clone()));
        fixed.push(("intent".into(), "submit".into()));
        fixed.push(("confirm".into(), "yes".into()));
        let borrowed: Vec<(&str, &str)> = fixed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _, _) = browser.post(&format!("{location}/edit"), &borrowed).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = browser.get(&location).await;
        assert!(page.contains("MMD-CFP-2026-01-0001"), "the reference is shown");
        assert!(page.contains("Votre demande a été soumise."), "the page says what happened: {page}");
        let (_, page, _) = browser.get(&location).await;
        assert!(!page.contains("Votre demande a été soumise."), "once: a reload does not say it again");
    }
);

db_test!(
    async fn an_organisation_registers_in_french_confirms_its_email_and_resets_its_password(app: TestApp) {
        let mut browser = Browser::new(&app);
        let (status, page, _) = browser.get("/signup").await;
        assert_eq!(status, StatusCode::OK);
        let csrf = Browser::csrf_in(&page);
        let form = [
            ("csrf", csrf.as_str()),
            ("name", "Aminata Traoré"),
            ("email", "aminata@example.org"),
            ("password", "une phrase de passe longue"),
            ("organisation", "Association Malienne Migration et Développement"),
            ("country", "ML"),
            ("org_type", "civil_society"),
            ("language", "fr"),
        ];
        let (status, _, _) = browser.post("/signup", &form).await;
        assert_eq!(status, StatusCode::OK, "registered");
        let (status, _) = browser.sign_in("aminata@example.org", "une phrase de passe longue").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "not before the email is confirmed");

        let pending = app.store().list_outbox(Some("pending"), 1, 50).await.unwrap();
        let verification =
            pending.items.iter().find(|m| m.template == "email_verification").expect("a verification email");
        assert_eq!(verification.recipient_language, "fr");
        let context = grants_notify::context::email_context(verification, "https://grants.example.org", "MMD Grants");
        let email = grants_notify::Templates::embedded()
            .unwrap()
            .render("email_verification", grants_domain::Language::FR, &context)
            .unwrap();
        let link = context["links"]["action"].as_str().unwrap().to_owned();
        assert!(email.text.contains(&link), "the email carries the link");
        let path = link.trim_start_matches("https://grants.example.org");
        let (status, page, _) = browser.get(path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let (status, _, _) = browser.get(path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "a link works once");
        let (status, _) = browser.sign_in("aminata@example.org", "une phrase de passe longue").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "confirmed: signed in");

        let mut other = Browser::new(&app);
        let (_, page, _) = other.get("/password/forgot").await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = other.post("/password/forgot", &[("csrf", &csrf), ("email", "aminata@example.org")]).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = other.post("/password/forgot", &[("csrf", &csrf), ("email", "nobody@example.org")]).await;
        assert_eq!(status, StatusCode::OK, "the same answer for an unknown address");
        let pending = app.store().list_outbox(Some("pending"), 1, 50).await.unwrap();
        let reset = pending.items.iter().find(|m| m.template == "password_reset").expect("a reset email");
        let path = reset.payload["action_path"].as_str().unwrap().to_owned();
        let token = path.split("token=").nth(1).unwrap().to_owned();
        let (_, page, _) = other.get(&path).await;
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = other
            .post("/password/reset", &[("csrf", &csrf), ("token", &token), ("password", "a much longer passphrase")])
            .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = other.sign_in("aminata@example.org", "a much longer passphrase").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
);

/// The scorecard form's fields giving every criterion `score`, with comments only when `commented`.
fn scorecard_pairs(score: u8, commented: bool) -> Vec<(String, String)> {
    let grid = grants_domain::evaluation::Grid::full_application_default();
    let mut pairs = Vec::new();
    for (_, criterion) in grid.criteria() {
        pairs.push((format!("score:{}", criterion.code), score.to_string()));
        if commented {
            pairs.push((format!("comment:{}", criterion.code), "Justifié par l'annexe budgétaire".to_owned()));
        }
    }
    pairs.push(("overall".into(), "Une action pertinente et bien construite.".into()));
    pairs
}

db_test!(
    async fn an_evaluator_declares_and_scores_and_a_manager_awards_through_the_pages(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let evaluator = app.evaluator("e1@example.org").await;
        let second = app.evaluator("e2@example.org").await;
        for user in [&manager, &evaluator] {
            with_password(&app, user).await;
        }
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        app.post(&manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
        app.act(&manager, id, "assign", json!({})).await;
        app.declare_no_conflict(&second, id).await;
        app.score(&second, id, 4).await;

        let mut browser = Browser::new(&app);
        browser.sign_in("e1@example.org", PASSWORD).await;
        let (status, _, headers) = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "content waits for the declaration");
        assert_eq!(headers["location"], format!("/applications/{id}/declaration"));
        let (_, page, _) = browser.get(&format!("/applications/{id}/declaration")).await;
        assert!(page.contains("id=\"declaration-applicant\"") && page.contains("AMMD"), "whom it is about: {page}");
        assert!(page.contains("Tambacounda"), "the partners are named, so a conflict can be judged: {page}");
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) =
            browser.post(&format!("/applications/{id}/declaration"), &[("csrf", &csrf), ("conflict", "no")]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(&format!("/applications/{id}/scorecard")), "the scorecard is offered");
        assert!(page.contains("Tambacounda"), "the evaluator reads the application itself");

        let path = format!("/applications/{id}/scorecard");
        let mut pairs = scorecard_pairs(2, false);
        pairs.extend([("csrf".to_owned(), csrf.clone()), ("intent".to_owned(), "submit".to_owned())]);
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, page, _) = browser.post(&path, &borrowed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "low scores need comments");
        assert!(page.contains("role=\"alert\""));
        assert!(page.contains("40 / 100"), "the running total of what was saved");
        let mut pairs = scorecard_pairs(4, true);
        pairs.extend([("csrf".to_owned(), csrf.clone()), ("intent".to_owned(), "submit".to_owned())]);
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, _, _) = browser.post(&path, &borrowed).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "evaluated");
        let (_, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert!(page.contains(&path), "the submitted scorecard is still offered, to re-read");
        let (status, page, _) = browser.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("id=\"scorecard-submitted\"") && page.contains("80 / 100"), "read as recorded: {page}");
        assert!(!page.contains("name=\"intent\""), "and no longer a form");
        assert!(page.contains("4 — good") || page.contains("4 — bon"), "each score with its descriptor: {page}");

        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        assert!(page.contains(&format!("/applications/{id}/actions/award")), "the award button comes from the table");
        let csrf = Browser::csrf_in(&page);
        assert!(page.contains("name=\"amount\""), "the award amount can be adjusted");
        let form = [("csrf", csrf.as_str()), ("reason", "rank 1"), ("amount", "250000.00")];
        let (status, _, _) = desk.post(&format!("/applications/{id}/actions/award"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "awarded");
        let (_, report) = app.get(&manager, &format!("/api/v1/calls/{call_id}/evaluation-report")).await;
        assert_eq!(report["awarded_total"], "250000.00", "the manager's adjusted amount is what is awarded");
    }
);

db_test!(
    async fn a_manager_reviews_eligibility_and_assigns_evaluators_from_the_pages(app: TestApp) {
        let manager = app.manager().await;
        with_password(&app, &manager).await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        for n in 1..=2 {
            app.evaluator(&format!("e{n}@example.org")).await;
        }
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        app.act(&applicant, id, "submit", json!({})).await;
        app.act(&manager, id, "open_review", json!({})).await;

        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        let csrf = Browser::csrf_in(&page);
        let form: Vec<(&str, &str)> = vec![
            ("csrf", &csrf),
            ("pass:submitted_on_time", "yes"),
            ("pass:complete", "yes"),
            ("pass:declaration_signed", "yes"),
            ("pass:lead_eligible", "yes"),
        ];
        let (status, _, _) = desk.post(&format!("/applications/{id}/checklist"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, _) =
            desk.post(&format!("/applications/{id}/actions/declare_eligible"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, call_page, _) = desk.get(&format!("/calls/{call_id}")).await;
        assert!(call_page.contains("assign-evaluators"));
        let (status, _, _) = desk.post(&format!("/calls/{call_id}/assign-evaluators"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _, _) = desk.post(&format!("/applications/{id}/actions/assign"), &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "in_evaluation");
    }
);

db_test!(
    async fn a_clarification_is_asked_and_answered_through_the_pages(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        for user in [&manager, &applicant] {
            with_password(&app, user).await;
        }
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        app.act(&applicant, id, "submit", json!({})).await;
        app.act(&manager, id, "open_review", json!({})).await;

        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        let csrf = Browser::csrf_in(&page);
        let due = (app.now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
        let form =
            [("csrf", csrf.as_str()), ("question", "Merci de joindre les statuts signés."), ("due_date", due.as_str())];
        let (status, _, _) = desk.post(&format!("/applications/{id}/actions/request_clarification"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        let mut browser = Browser::new(&app);
        browser.sign_in("aminata@example.org", PASSWORD).await;
        let (_, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert!(page.contains("name=\"answer\""), "the applicant is offered an answer field");
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = browser
            .post(
                &format!("/applications/{id}/actions/respond"),
                &[("csrf", &csrf), ("answer", "Les statuts sont joints.")],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, read) = app.get(&manager, &format!("/api/v1/applications/{id}")).await;
        assert_eq!(read["state"], "eligibility_review");
        let (_, events) = app.get(&manager, &format!("/api/v1/applications/{id}/events")).await;
        let respond = events.as_array().unwrap().iter().find(|e| e["action"] == "respond").unwrap().clone();
        assert_eq!(respond["payload"]["answer"], "Les statuts sont joints.");
    }
);

db_test!(
    async fn an_admin_retries_failed_mail_and_a_manager_filters_applications(app: TestApp) {
        let admin =
            app.user("admin@example.org", &[grants_domain::Role::Admin], None, grants_domain::Language::EN).await;
        let manager = app.manager().await;
        for user in [&admin, &manager] {
            with_password(&app, user).await;
        }
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        for n in 0..3 {
            let id = app.draft(&applicant, call_id).await;
            if n > 0 {
                app.act(&applicant, id, "submit", json!({})).await;
            }
        }
        // Every queued email fails at once: there is no mail server on that port.
        let claimed = app
            .store()
            .claim_due(app.now() + chrono::Duration::hours(1), chrono::Duration::minutes(1), 100)
            .await
            .unwrap();
        for message in &claimed.messages {
            app.store().mark_failed(&claimed.token, message.id, "connection refused").await.unwrap();
        }

        let mut desk = Browser::new(&app);
        desk.sign_in("admin@example.org", PASSWORD).await;
        let (status, page, _) = desk.get("/admin/outbox").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("connection refused"), "the last error is shown");
        let csrf = Browser::csrf_in(&page);
        let (status, _, _) = desk.post("/admin/outbox/retry", &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(app.store().list_outbox(Some("failed"), 1, 1).await.unwrap().total, 0);

        let mut office = Browser::new(&app);
        office.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = office.get("/applications?state=submitted").await;
        assert!(page.contains("MMD-CFP-2026-01-0001") && page.contains("MMD-CFP-2026-01-0002"));
        let (_, page, _) = office.get("/applications?state=draft").await;
        assert!(!page.contains("MMD-CFP-2026-01-0001"), "filtered by state");
    }
);

db_test!(
    async fn a_manager_creates_and_publishes_a_call_from_the_pages(app: TestApp) {
        let manager = app.manager().await;
        with_password(&app, &manager).await;
        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, calls, _) = desk.get("/calls").await;
        assert!(calls.contains("/calls/new"));
        let (status, page, _) = desk.get("/calls/new").await;
        assert_eq!(status, StatusCode::OK);
        let mut form = Browser::form_values(&page, "/calls/new");
        for (name, value) in [
            ("reference", "MMD-CFP-2027-01"),
            ("title_en", "Diaspora engagement 2027"),
            ("title_fr", "Engagement de la diaspora 2027"),
            ("description_en", "Diaspora-led initiatives."),
            ("description_fr", "Initiatives menées par la diaspora."),
            ("total_budget", "abc"),
            ("min_grant", "50000"),
            ("max_grant", "200000"),
            ("display_timezone", "Africa/Dakar"),
        ] {
            Browser::set(&mut form, name, value);
        }
        let (status, page, _) = desk.submit("/calls/new", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Diaspora engagement 2027"), "typed values are kept");
        assert!(page.contains("id=\"call-total_budget-error\""), "the error sits next to the budget");
        Browser::set(&mut form, "total_budget", "1000000");
        let (status, _, headers) = desk.submit("/calls/new", &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let location = headers["location"].to_str().unwrap().to_owned();
        let (_, page, _) = desk.get(&location).await;
        assert!(page.contains("/actions/publish"), "publish comes from the call table");
        let csrf = Browser::csrf_in(&page);
        let publish = format!("{location}/actions/publish");
        let (status, confirmation, _) = desk.post(&publish, &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::OK, "publishing is asked twice");
        let id = location.rsplit('/').next().unwrap();
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["state"], "draft", "nothing happens before the confirmation");
        let (status, _, _) = desk.submit(&publish, &Browser::form_values(&confirmation, &publish)).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["state"], "published");
        assert_eq!(call["display_timezone"], "Africa/Dakar");
    }
);

storage_test!(
    async fn an_applicant_attaches_files_from_the_form_page(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        with_password(&app, &applicant).await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.draft(&applicant, call_id).await;
        let mut browser = Browser::new(&app);
        browser.sign_in("aminata@example.org", PASSWORD).await;
        let (_, page, _) = browser.get(&format!("/applications/{id}/edit")).await;
        let csrf = Browser::csrf_in(&page);
        let upload = |bytes: Vec<u8>, name: &str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", csrf.clone())
                .text("kind", "statutes")
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
            browser.request(reqwest::Method::POST, &format!("/applications/{id}/attachments")).multipart(form).send()
        };
        let executable = [vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0], vec![0; 600]].concat();
        let refused = upload(executable, "statuts.pdf").await.unwrap();
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let refusal = refused.text().await.unwrap();
        assert!(
            refusal.contains("Ce type de fichier n&#x27;est pas accepté")
                || refusal.contains("Ce type de fichier n'est pas accepté"),
            "the reason is shown in French: {refusal}"
        );
        assert!(refusal.contains("Formats acceptés : PDF"), "with what is accepted, as people name it: {refusal}");
        let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec();
        let stored = upload(pdf.clone(), "statuts.pdf").await.unwrap();
        assert_eq!(stored.status(), StatusCode::SEE_OTHER);
        let (_, page, _) = browser.get(&format!("/applications/{id}/edit")).await;
        assert!(page.contains("statuts.pdf"));
        let (_, list) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        let attachment = list[0]["id"].as_i64().unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1, "only the accepted file is stored");
        let response = browser
            .request(reqwest::Method::GET, &format!("/applications/{id}/attachments/{attachment}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-type"], "application/pdf");
        assert_eq!(response.bytes().await.unwrap().to_vec(), pdf);

        let (_, page, _) = browser.get(&format!("/applications/{id}")).await;
        let link = format!("/applications/{id}/attachments/{attachment}");
        assert!(page.contains(&link) && page.contains("Statuts"), "listed on the application page, in French: {page}");
        let remove = format!("{link}/remove");
        assert!(page.contains(&remove), "a draft's file can be removed: {page}");
        let (status, _, _) = browser.post(&remove, &[("csrf", &csrf)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, list) = app.get(&applicant, &format!("/api/v1/applications/{id}/attachments")).await;
        assert_eq!(list, serde_json::json!([]), "removed");
        let (_, page, _) = browser.get(&format!("/applications/{id}")).await;
        assert!(!page.contains(&link) && page.contains("Aucun fichier joint"), "{page}");
    }
);

db_test!(
    async fn a_manager_assigns_and_removes_evaluators_by_hand(app: TestApp) {
        let manager = app.manager().await;
        with_password(&app, &manager).await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let first = app.evaluator("e1@example.org").await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        let mut desk = Browser::new(&app);
        desk.sign_in("manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/applications/{id}")).await;
        assert!(page.contains("name=\"evaluator_id\""), "the evaluator picker is offered");
        let csrf = Browser::csrf_in(&page);
        let evaluator = first.id.to_string();
        let (status, _, _) = desk
            .post(&format!("/applications/{id}/evaluators"), &[("csrf", &csrf), ("evaluator_id", &evaluator)])
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, register) = app.get(&manager, &format!("/api/v1/applications/{id}/evaluators")).await;
        let assignment = register[0]["id"].as_i64().unwrap();
        let (status, _, _) = desk
            .post(
                &format!("/applications/{id}/evaluators/{assignment}/remove"),
                &[("csrf", &csrf), ("reason", "on leave")],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, register) = app.get(&manager, &format!("/api/v1/applications/{id}/evaluators")).await;
        assert_eq!(register[0]["status"], "removed");
        assert_eq!(register[0]["end_reason"], "on leave");
    }
);
