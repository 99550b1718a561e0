//! Managers design a call's application form on pages: questions listed in order, added, edited, moved
//! and removed one by one, previewed in both languages; what is stored is the JSON Schema applicants'
//! answers are then validated against. Nobody types JSON.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::Value;

const PASSWORD: &str = "correct horse battery staple";

/// Adds a question through its page and returns where the browser was sent next.
async fn add(desk: &mut Browser, id: i64, parent: &str, fields: &[(&str, &str)]) -> String {
    let (status, page, _) =
        desk.get(&format!("/calls/{id}/design/question?stage=full_application&parent={parent}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let action = format!("/calls/{id}/design/question");
    let mut form = Browser::form_values(&page, &action);
    for (name, value) in fields {
        Browser::set(&mut form, name, value);
    }
    let (status, page, headers) = desk.submit(&action, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
    headers["location"].to_str().unwrap().to_owned()
}

async fn stored_form(app: &TestApp, manager: &grants_testkit::TestUser, id: i64) -> (Value, i64) {
    let (_, call) = app.get(manager, &format!("/api/v1/calls/{id}")).await;
    (call["settings"]["forms"]["full_application"].clone(), call["version"].as_i64().unwrap())
}

db_test!(
    async fn a_manager_adds_a_section_with_a_repeating_group_and_previews_it_in_both_languages(app: TestApp) {
        let manager = app.manager().await;
        let (status, created) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2027-07", 30)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_i64().unwrap();
        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        desk.get("/lang/fr").await;

        let (status, page, _) = desk.get(&format!("/calls/{id}/design/form")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Durée (mois)"), "the stored questions are listed in French");
        assert!(page.contains("utilisée par les contrôles"), "engine questions are marked");

        // A section, then a repeating group inside it, then a field inside the group.
        let count = stored_form(&app, &manager, id).await.0["properties"].as_object().unwrap().len();
        let next =
            add(&mut desk, id, "", &[("kind", "section"), ("en", "Co-financing"), ("fr", "Cofinancement")]).await;
        assert_eq!(
            next,
            format!("/calls/{id}/design/question?stage=full_application&parent={count}"),
            "a new section asks for its first question"
        );
        let next = add(
            &mut desk,
            id,
            &count.to_string(),
            &[
                ("kind", "group"),
                ("en", "Co-financing sources"),
                ("fr", "Sources de cofinancement"),
                ("item_en", "Source"),
                ("item_fr", "Source"),
                ("min", "1"),
                ("max", "10"),
                ("required", "on"),
            ],
        )
        .await;
        assert!(next.ends_with(&format!("parent={count}.0")), "{next}");
        add(
            &mut desk,
            id,
            &format!("{count}.0"),
            &[("kind", "short_text"), ("en", "Funder"), ("fr", "Bailleur"), ("required", "on")],
        )
        .await;
        add(
            &mut desk,
            id,
            &format!("{count}.0"),
            &[("kind", "money"), ("en", "Amount"), ("fr", "Montant"), ("required", "on")],
        )
        .await;
        add(
            &mut desk,
            id,
            &count.to_string(),
            &[
                ("kind", "choice"),
                ("en", "Secured?"),
                ("fr", "Acquis\u{a0}?"),
                ("choices", "Confirmed | Confirmé\nRequested | Demandé"),
                ("help_en", "Say where each source stands."),
                ("help_fr", "Dites où en est chaque source."),
            ],
        )
        .await;
        add(
            &mut desk,
            id,
            &count.to_string(),
            &[("kind", "yes_no"), ("en", "Already funded before?"), ("fr", "Déjà financé\u{a0}?")],
        )
        .await;
        add(&mut desk, id, &count.to_string(), &[("kind", "date"), ("en", "Start date"), ("fr", "Date de début")])
            .await;

        let (schema, version) = stored_form(&app, &manager, id).await;
        let section = &schema["properties"]["co_financing"];
        assert_eq!(section["x-title-fr"], "Cofinancement");
        let group = &section["properties"]["co_financing_sources"];
        assert_eq!(group["type"], "array");
        assert_eq!(group["maxItems"], 10);
        assert_eq!(group["items"]["properties"]["amount"]["$ref"], "#/$defs/money");
        assert_eq!(section["properties"]["secured"]["x-enum-labels-fr"]["confirmed"], "Confirmé");
        assert_eq!(section["properties"]["already_funded_before"]["type"], "boolean");
        assert_eq!(section["properties"]["start_date"]["format"], "date");
        assert_eq!(section["required"], serde_json::json!(["co_financing_sources"]));

        // A choice with one option is refused beside its input, everything typed kept, nothing stored.
        let (_, page, _) =
            desk.get(&format!("/calls/{id}/design/question?stage=full_application&parent={count}")).await;
        let action = format!("/calls/{id}/design/question");
        let mut form = Browser::form_values(&page, &action);
        Browser::set(&mut form, "kind", "choices");
        Browser::set(&mut form, "en", "Partners' roles");
        Browser::set(&mut form, "fr", "Rôles <des> partenaires");
        Browser::set(&mut form, "choices", "Lead | Chef de file");
        let (status, page, _) = desk.submit(&action, &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(page.contains("Donnez au moins deux options"), "the reason is in French");
        assert!(page.contains("id=\"question-choices-error\""), "beside the options");
        assert!(page.contains("value=\"Rôles &lt;des&gt; partenaires\""), "typed text comes back escaped");
        assert_eq!(stored_form(&app, &manager, id).await.1, version, "a refusal stores nothing");

        // An engine question cannot be removed; an added one can, and moves.
        let (_, page, _) = desk.get(&format!("/calls/{id}/design/form")).await;
        let mut form = Browser::form_values(&page, &format!("/calls/{id}/design/form"));
        Browser::set(&mut form, "op", "remove:0.0");
        let (status, page, _) = desk.submit(&format!("/calls/{id}/design/form"), &form).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(page.contains("ne peut pas être supprimée"));
        let mut form = Browser::form_values(&page, &format!("/calls/{id}/design/form"));
        Browser::set(&mut form, "op", &format!("up:{count}.3"));
        let (status, _, _) = desk.submit(&format!("/calls/{id}/design/form"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, page, _) = desk.get(&format!("/calls/{id}/design/form")).await;
        let mut form = Browser::form_values(&page, &format!("/calls/{id}/design/form"));
        Browser::set(&mut form, "op", &format!("remove:{count}.3"));
        let (status, _, _) = desk.submit(&format!("/calls/{id}/design/form"), &form).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (schema, _) = stored_form(&app, &manager, id).await;
        let keys: Vec<&String> =
            schema["properties"]["co_financing"]["properties"].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["co_financing_sources", "secured", "start_date"],
            "the date went above the yes/no, which was then removed"
        );

        // The preview shows the form as applicants will see it, in either language.
        let (status, page, _) = desk.get(&format!("/calls/{id}/design/preview")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Sources de cofinancement") && page.contains("Dites où en est chaque source."));
        assert!(page.contains(">Confirmé<"), "choices are offered in French");
        let (_, page, _) = desk.get(&format!("/calls/{id}/design/preview?in=en")).await;
        assert!(page.contains("Co-financing sources") && page.contains(">Confirmed<"));
        assert!(page.contains("<div class=\"preview\" lang=\"en\""), "the previewed form is marked as English");
        assert!(page.contains("<html lang=\"fr\""), "the page around it stays in the manager's French");
    }
);

db_test!(
    async fn a_published_calls_form_can_no_longer_be_designed(app: TestApp) {
        let manager = app.manager().await;
        let (_, created) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2027-08", 30)).await;
        let id = created["id"].as_i64().unwrap();
        let (status, body) =
            app.post(&manager, &format!("/api/v1/calls/{id}/actions/publish"), serde_json::json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (status, _, _) = desk.get(&format!("/calls/{id}/design/form")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let (status, page, _) = desk.get(&format!("/calls/{id}/design/preview")).await;
        assert_eq!(status, StatusCode::OK, "the frozen form can still be previewed");
        assert!(page.contains("Action title"));
    }
);
