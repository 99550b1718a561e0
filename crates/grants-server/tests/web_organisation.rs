//! The organisation profile: registered once, edited by its members on a page or through the API,
//! reused by every new application, each change in the audit trail, and invisible to other organisations.

use grants_store::events::Subject;
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

fn profile_form<'a>(csrf: &'a str, version: &'a str, website: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("version", version),
        ("name", "Association des Maliens de Kayes"),
        ("country", "ML"),
        ("org_type", "diaspora"),
        ("acronym", "AMK"),
        ("registration_number", "0123/MATCL-DNI"),
        ("address", "Rue 12, Kayes\nMali"),
        ("website", website),
        ("contact_email", "contact@amk.example.org"),
        ("phone", "+223 20 22 00 00"),
        ("description", "<script>alert('x')</script> Nous accompagnons les migrants de retour."),
    ]
}

db_test!(
    async fn members_keep_the_profile_and_new_applications_reuse_it(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMK").await;
        app.store().set_password(applicant.id, PASSWORD).await.unwrap();
        let organisation = applicant.organisation_id.unwrap();
        let mut browser = Browser::new(&app);
        browser.sign_in("aminata@example.org", PASSWORD).await;

        let (status, _, headers) = browser.get("/organisation").await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let path = headers["location"].to_str().unwrap().to_owned();
        assert_eq!(path, format!("/organisations/{organisation}"));
        let (status, page, _) = browser.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Profil de l&#x27;organisation") || page.contains("Profil de l'organisation"));
        let csrf = Browser::csrf_in(&page);

        // A mistake: the website without its scheme. The French message sits next to the field, what was
        // typed is kept, and nothing is saved.
        let (status, page, _) = browser.post(&path, &profile_form(&csrf, "1", "amk.example.org")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("id=\"org-website-error\""), "the error is attached to the website field");
        assert!(page.contains("Indiquez l&#x27;adresse complète") || page.contains("Indiquez l'adresse complète"));
        assert!(page.contains("value=\"0123/MATCL-DNI\""), "typed values are kept");
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>alert"), "typed markup comes back escaped");
        assert!(app.store().events(Subject::Organisation(organisation)).await.unwrap().is_empty());
        assert_eq!(app.store().organisation(organisation).await.unwrap().profile.acronym, "");

        let (status, page, _) = browser.post(&path, &profile_form(&csrf, "1", "https://amk.example.org")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Le profil est enregistré"));
        let saved = app.store().organisation(organisation).await.unwrap();
        assert_eq!(saved.name, "Association des Maliens de Kayes");
        assert_eq!(saved.org_type.as_ref(), "diaspora");
        assert_eq!(saved.profile.address, "Rue 12, Kayes\nMali");
        assert_eq!(saved.version, 2);
        let events = app.store().events(Subject::Organisation(organisation)).await.unwrap();
        assert_eq!(events.len(), 1, "one audit record for one save");
        assert_eq!(events[0].actor_user_id, Some(applicant.id));
        assert_eq!(events[0].payload["name"], json!({ "from": "AMK", "to": "Association des Maliens de Kayes" }));
        assert_eq!(events[0].payload["org_type"]["from"], "civil_society");

        // The same form sent again, based on the old version: someone saved in between.
        let (status, page, _) = browser.post(&path, &profile_form(&csrf, "1", "https://amk.example.org/fr")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains("Quelqu&#x27;un d&#x27;autre") || page.contains("Quelqu'un d'autre"));
        assert_eq!(app.store().organisation(organisation).await.unwrap().profile.website, "https://amk.example.org");

        // A new application starts with what the profile says.
        let call = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let (status, created) = app.post(&applicant, "/api/v1/applications", json!({ "call_id": call })).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!(
            created["answers"]["lead"],
            json!({ "name": "Association des Maliens de Kayes", "country": "ML", "organisation_type": "diaspora" })
        );
    }
);

db_test!(
    async fn other_organisations_never_see_it_and_staff_only_read_it(app: TestApp) {
        let manager = app.manager().await;
        let member = app.applicant("aminata@example.org", "AMK").await;
        let stranger = app.applicant("moussa@example.org", "Autre association").await;
        let organisation = member.organisation_id.unwrap();
        let path = format!("/api/v1/organisations/{organisation}");

        let (status, body) = app.get(&stranger, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let (status, _) = app.patch(&stranger, &path, json!({ "phone": "+223 1" })).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = app.get(&manager, &path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["editable"], false);
        let (status, body) = app.patch(&manager, &path, json!({ "phone": "+223 1" })).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

        let (status, body) =
            app.patch(&member, &path, json!({ "country": "US", "contact_email": "not an email" })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> =
            body["details"]["fields"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["/country", "/contact_email"], "{body}");
        let (status, body) = app.patch(&member, &path, json!({ "name": "Autre association" })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "another organisation's name: {body}");
        assert_eq!(body["details"]["fields"][0]["code"], "name_taken");
        let (status, body) = app.patch(&member, &path, json!({ "phone": "+223 20 22 00 00", "version": 1 })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["version"], 2);
        let (status, body) = app.patch(&member, &path, json!({ "phone": "+223 20 22 00 01", "version": 1 })).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"], "stale_version");

        let (status, events) = app.get(&manager, &format!("{path}/events")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(events.as_array().unwrap().len(), 1, "only the accepted change is recorded: {events}");
        assert_eq!(events[0]["payload"]["phone"]["to"], "+223 20 22 00 00");
    }
);
