//! The designer's documents page: a manager ticks the documents an application must carry, adds one the
//! list lacks by its name, picks the file types and the largest size, in French, without typing a code, a
//! media type or JSON; the applicant's submission is then refused until the named document is there.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

fn ticked(page: &str, action: &str, name: &str) -> Vec<String> {
    let mut values: Vec<String> =
        Browser::form_values(page, action).into_iter().filter(|(n, _)| n == name).map(|(_, v)| v).collect();
    values.sort();
    values
}

async fn french_manager(app: &TestApp) -> (TestUser, Browser) {
    let manager = app.user("gestion@example.org", &[Role::Manager], None, Language::FR).await;
    let desk = Browser::signed_in(app, &manager, "gestion@example.org", PASSWORD).await;
    (manager, desk)
}

async fn draft_call(app: &TestApp, manager: &TestUser, reference: &str) -> (i64, Value) {
    let (status, created) = app.post(manager, "/api/v1/calls", app.call_body(reference, 30)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (created["id"].as_i64().unwrap(), created)
}

db_test!(
    async fn a_manager_chooses_the_calls_documents_on_their_page(app: TestApp) {
        let (manager, mut desk) = french_manager(&app).await;
        let (id, created) = draft_call(&app, &manager, "MMD-CFP-2027-21").await;
        let path = format!("/calls/{id}/design/documents");
        let (_, elsewhere, _) = desk.get(&format!("/calls/{id}/design/eligibility")).await;
        assert!(elsewhere.contains(&format!("href=\"{path}\"")), "every designer page links to it");
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Pièces obligatoires à la soumission"), "the page speaks French: {page}");
        assert!(page.contains("Statuts"), "the kinds are named in French");
        assert!(page.contains("PDF (.pdf)"), "types are named as people know them");
        let form = Browser::form_values(&page, &path);
        let stored_types = ticked(&page, &path, "attachment_types");
        assert!(!stored_types.is_empty(), "the stored types are ticked");

        // Refused: no type, a size beyond what any call allows, a name with no letter; all kept as typed.
        let mut wrong: Vec<(String, String)> = form.iter().filter(|(n, _)| n != "attachment_types").cloned().collect();
        Browser::set(&mut wrong, "max_megabytes", "500");
        Browser::set(&mut wrong, "other_document", "!!");
        wrong.push(("required_attachments".into(), "statutes".into()));
        let (status, refused, _) = desk.submit(&path, &wrong).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.contains("Cochez au moins un type de fichier."), "{refused}");
        assert!(refused.contains("Saisissez une taille en mégaoctets"), "{refused}");
        assert!(refused.contains("Donnez à la pièce un nom"), "{refused}");
        assert!(refused.contains("value=\"500\"") && refused.contains("value=\"!!\""), "what was typed is kept");
        assert_eq!(ticked(&refused, &path, "required_attachments"), ["statutes"], "the ticks are kept");
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["version"], created["version"], "nothing was stored");

        let mut form: Vec<(String, String)> =
            form.into_iter().filter(|(n, _)| n != "attachment_types" && n != "required_attachments").collect();
        form.push(("required_attachments".into(), "statutes".into()));
        form.push(("attachment_types".into(), "application/pdf".into()));
        Browser::set(&mut form, "other_document", "Relevé d'identité bancaire");
        Browser::set(&mut form, "max_megabytes", "2,5");
        let (status, _, headers) = desk.submit(&path, &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(call["settings"]["required_attachments"], json!(["statutes", "releve_d_identite_bancaire"]));
        assert_eq!(call["settings"]["attachment_types"], json!(["application/pdf"]));
        assert_eq!(call["settings"]["attachment_max_bytes"], 2_500_000);
        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains("Les pièces de l&#x27;appel sont enregistrées."), "the page says it saved: {page}");
        assert!(page.contains("value=\"2,5\""), "the size reads back in French");
        assert_eq!(
            ticked(&page, &path, "required_attachments"),
            ["releve_d_identite_bancaire", "statutes"],
            "the added document is listed and ticked"
        );

        // The rules page no longer offers a JSON box nor a second place for these settings.
        let (_, rules, _) = desk.get(&format!("/calls/{id}/edit")).await;
        assert!(!rules.contains("settings_patch") && !rules.contains("required_attachments"), "{rules}");
        assert!(!rules.contains("name=\"eligible_applicant_types\""), "applicant types have one home");

        // An applicant cannot submit without the documents named.
        let (status, body) = app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let application = app.draft(&applicant, id).await;
        let (status, refused) = app.act(&applicant, application, "submit", json!({})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let missing: Vec<&str> = refused["details"]["failures"][0]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "required_attachment")
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(missing, ["/attachments/statutes", "/attachments/releve_d_identite_bancaire"], "{refused}");
    }
);
