//! People administration through the pages: an admin invites an evaluator by email, the invitation
//! arrives in the invitee's language with a link to choose a password, automatic assignment prefers
//! them for a French applicant, and deactivation ends their session and API token at once. Only admins
//! open the pages, and the last admin cannot be deactivated.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const STRONG: &str = "une phrase de passe longue";

fn location(headers: &reqwest::header::HeaderMap) -> String {
    headers.get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_owned()
}

/// A French applicant's eligible application on a new call `reference`, evaluators assigned
/// automatically by `manager`: the evaluators' ids, and the assignments as the API lists them.
async fn auto_assigned(app: &TestApp, manager: &TestUser, reference: &str, email: &str) -> (Vec<i64>, Value) {
    let call_id = app.published_call(manager, reference).await;
    let applicant = app.applicant(email, &format!("Organisation of {email}")).await;
    let application_id = app.eligible_application(manager, &applicant, call_id).await;
    let (status, body) = app.post(manager, &format!("/api/v1/calls/{call_id}/evaluators/auto"), json!({})).await;
    assert!(status.is_success(), "{body}");
    let (_, assigned) = app.get(manager, &format!("/api/v1/applications/{application_id}/evaluators")).await;
    let evaluators = assigned.as_array().unwrap().iter().map(|a| a["evaluator_id"].as_i64().unwrap()).collect();
    (evaluators, assigned)
}

db_test!(
    async fn an_invited_french_evaluator_gets_the_french_applicant_until_deactivated(app: TestApp) {
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::EN).await;
        let mut desk = Browser::signed_in(&app, &admin, "admin@example.org", "correct horse battery staple").await;
        let manager = app.manager().await;
        app.evaluator("ben@example.org").await;
        app.evaluator("carl@example.org").await;

        let (status, page, _) = desk.get("/admin/people/invite").await;
        assert_eq!(status, StatusCode::OK);
        let mut form = Browser::form_values(&page, "/admin/people/invite");
        Browser::set(&mut form, "display_name", "Awa Diop");
        Browser::set(&mut form, "email", "Awa@Example.org");
        Browser::set(&mut form, "language", "fr");
        Browser::set(&mut form, "country", "be");
        form.push(("roles".into(), "evaluator".into()));
        let (status, _, headers) = desk.submit("/admin/people/invite", &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let person_path = location(&headers);
        let awa_id: i64 = person_path.rsplit('/').next().unwrap().parse().unwrap();

        let (status, page, _) = desk.submit("/admin/people/invite", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the same email twice is refused");
        assert!(page.contains("This email already has an account."), "{page}");
        assert!(page.contains("value=\"Awa Diop\""), "what was typed is kept: {page}");

        let outbox = app.store().list_outbox(None, 1, 100).await.unwrap();
        let invitation = outbox.items.iter().find(|m| m.template == "invitation").expect("an invitation queued");
        assert_eq!(invitation.recipient_email, "awa@example.org");
        assert_eq!(invitation.recipient_language, "fr");
        let link = invitation.payload["action_path"].as_str().unwrap().to_owned();

        let mut laptop = Browser::new(&app);
        let (status, page, _) = laptop.get(&link).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Choose your password"), "{page}");
        let csrf = Browser::csrf_in(&page);
        let token = link.split("token=").nth(1).unwrap().to_owned();
        let (status, _, _) =
            laptop.post("/password/reset", &[("csrf", &csrf), ("token", &token), ("password", STRONG)]).await;
        assert_eq!(status, StatusCode::OK);
        laptop.sign_in("awa@example.org", STRONG).await;
        assert!(laptop.is_signed_in(), "the invitee signs in with the password they chose");

        let (evaluators, assigned) = auto_assigned(&app, &manager, "MMD-PEOPLE-01", "aminata@example.org").await;
        assert!(evaluators.contains(&awa_id), "the French speaker evaluates the French applicant: {assigned}");
        let carl = app.store().user_by_email("carl@example.org").await.unwrap().unwrap();
        assert!(!evaluators.contains(&carl.id), "rather than the second English speaker: {assigned}");

        let (_, page, _) = desk.get(&person_path).await;
        let mut form = Browser::form_values(&page, &format!("{person_path}/tokens"));
        Browser::set(&mut form, "token_name", "scripts");
        let (status, page, _) = desk.submit(&format!("{person_path}/tokens"), &form).await;
        assert_eq!(status, StatusCode::OK);
        let secret = page.split("<code id=\"new-token\" translate=\"no\">").nth(1).unwrap().split('<').next().unwrap();
        let (status, _) = app.send(Method::GET, Some(secret), "/api/v1/tokens", None).await;
        assert_eq!(status, StatusCode::OK, "the token works while they are active");

        let (status, page, _) = desk
            .submit(
                &format!("{person_path}/deactivate"),
                &Browser::form_values(&page, &format!("{person_path}/deactivate")),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "deactivation is asked twice");
        let confirm = Browser::form_values(&page, &format!("{person_path}/deactivate"));
        let (status, _, _) = desk.submit(&format!("{person_path}/deactivate"), &confirm).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        let (status, _, _) = laptop.get("/assignments").await;
        assert_eq!(status, StatusCode::SEE_OTHER, "their open session is signed out");
        let (status, _) = app.send(Method::GET, Some(secret), "/api/v1/tokens", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "their token stops at once");
        let (status, _) = Browser::new(&app).sign_in("awa@example.org", STRONG).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "sign-in answers as for a wrong password");
        let events = app.store().events(grants_store::events::Subject::User(awa_id)).await.unwrap();
        let deactivation = events.iter().find(|e| e.action == "deactivate").expect("deactivation recorded");
        assert_eq!(deactivation.actor_user_id, Some(admin.id));
    }
);

db_test!(
    async fn only_admins_open_people_and_the_last_admin_stays(app: TestApp) {
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::FR).await;
        let manager = app.manager().await;
        let mut office =
            Browser::signed_in(&app, &manager, "manager@example.org", "correct horse battery staple").await;
        let (status, _, _) = office.get("/admin/people").await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        let mut desk = Browser::signed_in(&app, &admin, "admin@example.org", "correct horse battery staple").await;
        let (status, page, _) = desk.get("/admin/people").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("manager@example.org"), "{page}");
        let path = format!("/admin/people/{}/deactivate", admin.id);
        let (_, page, _) = desk.get(&format!("/admin/people/{}", admin.id)).await;
        let mut form = Browser::form_values(&page, &path);
        form.push(("confirmed".into(), "yes".into()));
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Au moins un administrateur actif doit rester."), "{page}");
        assert!(app.store().user(admin.id).await.unwrap().is_active());
    }
);

db_test!(
    async fn an_evaluator_who_knows_the_applications_domain_is_assigned_first(app: TestApp) {
        let admin = app.user("admin@example.org", &[Role::Admin], None, Language::FR).await;
        let mut desk = Browser::signed_in(&app, &admin, "admin@example.org", "correct horse battery staple").await;
        let manager = app.manager().await;
        let first = app.evaluator("first@example.org").await;
        let second = app.evaluator("second@example.org").await;
        let expert = app.evaluator("expert@example.org").await;
        let domain = app.answers()["tags"]["jvap_domains"][0].as_str().unwrap().to_owned();

        let path = format!("/admin/people/{}", expert.id);
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Expertise (évaluateurs)"), "the expertise is offered in French");
        let mut form = Browser::form_values(&page, &path);
        form.push(("expertise".into(), "not_a_domain".into()));
        let (status, page, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "an unknown domain is refused");
        assert!(page.contains("Choisissez parmi les domaines du PACV"), "{page}");
        form.retain(|(name, _)| name != "expertise");
        form.push(("expertise".into(), domain.clone()));
        let (status, _, _) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains(&format!("value=\"{domain}\" checked")), "the expertise is read back");

        let (evaluators, assigned) = auto_assigned(&app, &manager, "MMD-PEOPLE-02", "kayes@example.org").await;
        assert!(evaluators.contains(&expert.id), "the evaluator who knows {domain} is assigned: {assigned}");
        assert!(
            evaluators.contains(&first.id) && !evaluators.contains(&second.id),
            "then the first by order: {assigned}"
        );
    }
);
