//! Managers design a draft call's scoring grid and eligibility checklist on pages, without typing JSON:
//! lists edited with buttons, totals shown as they type, codes kept or made for them, refusals shown
//! beside the fields with everything typed kept, and nothing changed once the call is published.

use grants_domain::{Language, Role};
use grants_testkit::{Browser, TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

async fn french_manager(app: &TestApp) -> TestUser {
    let manager = app.user("gestion@example.org", &[Role::Manager], None, Language::FR).await;
    app.store().set_password(manager.id, PASSWORD).await.unwrap();
    manager
}

async fn draft_call(app: &TestApp, manager: &TestUser, reference: &str) -> (i64, Value) {
    let (status, created) = app.post(manager, "/api/v1/calls", app.call_body(reference, 30)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (created["id"].as_i64().unwrap(), created)
}

/// Presses the button `op` of the form on `page` after `changes`, as a browser would.
async fn press(
    desk: &mut Browser,
    page: &str,
    action: &str,
    op: &str,
    changes: &[(&str, &str)],
) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let mut form = Browser::form_values(page, action);
    for (name, value) in changes {
        Browser::set(&mut form, name, value);
    }
    Browser::set(&mut form, "op", op);
    desk.submit(action, &form).await
}

/// The most points of a grid as the API returns it.
fn max_total(grid: &Value) -> u64 {
    let criteria = grid["sections"].as_array().unwrap().iter().flat_map(|s| s["criteria"].as_array().unwrap());
    criteria.map(|c| c["scale_max"].as_u64().unwrap() * c["weight"].as_u64().unwrap()).sum()
}

db_test!(
    async fn a_manager_builds_the_scoring_grid_on_the_page_in_french(app: TestApp) {
        let manager = french_manager(&app).await;
        let (id, created) = draft_call(&app, &manager, "MMD-CFP-2027-11").await;
        let stored = created["settings"]["grids"]["full_application"].clone();
        let path = format!("/calls/{id}/design/grid");
        let mut desk = Browser::new(&app);
        desk.sign_in("gestion@example.org", PASSWORD).await;

        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Enregistrer la grille"), "the page speaks French");
        for section in stored["sections"].as_array().unwrap() {
            let title = section["fr"].as_str().unwrap().replace('\'', "&#x27;");
            assert!(page.contains(&format!("value=\"{title}\"")), "the stored section {title} is shown");
        }
        assert!(page.contains(&format!("{} points", max_total(&stored))), "the stored total is shown");

        // The last section goes, a new one comes with its first criterion, a criterion joins the first
        // section, and the five usual words of the scale are described.
        let (status, page, _) = press(&mut desk, &page, &path, "remove_section-4", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let (_, page, _) = press(&mut desk, &page, &path, "add_section", &[]).await;
        let (_, page, _) = press(&mut desk, &page, &path, "add_criterion-0", &[]).await;
        let mut page = page;
        for _ in 0..5 {
            page = press(&mut desk, &page, &path, "add_descriptor", &[]).await.1;
        }
        let words = [
            ("very poor", "très insuffisant"),
            ("poor", "insuffisant"),
            ("fair", "passable"),
            ("good", "bien"),
            ("very good", "très bien"),
        ];
        let mut changes: Vec<(String, String)> = vec![
            ("s4-en".into(), "Gender equality".into()),
            ("s4-fr".into(), "Égalité des genres".into()),
            ("s4-c0-en".into(), "Are women and men equally involved?".into()),
            ("s4-c0-fr".into(), "Les femmes et les hommes sont-ils également impliqués ?".into()),
            ("s4-c0-weight".into(), "2".into()),
            ("s0-c4-en".into(), "Experience with diaspora organisations".into()),
            ("s0-c4-fr".into(), "Expérience avec les organisations de la diaspora".into()),
            ("s0-c4-scale_max".into(), "10".into()),
            ("total_minimum".into(), "60".into()),
        ];
        for (d, (en, fr)) in words.iter().enumerate() {
            changes.push((format!("d{d}-score"), (d + 1).to_string()));
            changes.push((format!("d{d}-en"), (*en).into()));
            changes.push((format!("d{d}-fr"), (*fr).into()));
        }
        let changes: Vec<(&str, &str)> = changes.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let (status, totals_page, _) = press(&mut desk, &page, &path, "totals", &changes).await;
        assert_eq!(status, StatusCode::OK);
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], created["version"], "updating the totals saves nothing");

        // Two mistakes: a minimum above its section's maximum, a blank French question.
        let (status, refused, _) =
            press(&mut desk, &totals_page, &path, "save", &[("s1-minimum", "999"), ("s4-c0-fr", " ")]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(refused.contains("id=\"s1-minimum-error\""), "the minimum's reason is beside it");
        assert!(refused.contains("id=\"s4-c0-fr-error\""), "the question's reason is beside it");
        assert!(refused.contains("Ce champ est obligatoire."), "in French");
        assert!(refused.contains("href=\"#s1-minimum\""), "the summary links to the field");
        assert!(refused.contains("value=\"999\""), "what was typed is kept");
        assert!(refused.contains("value=\"Gender equality\""), "what was typed is kept");
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], created["version"], "a refused grid is not stored");

        let (status, _, headers) = press(&mut desk, &totals_page, &path, "save", &[]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        let grid = &call["settings"]["grids"]["full_application"];
        let sections = grid["sections"].as_array().unwrap();
        assert_eq!(sections.len(), 5);
        assert_eq!(sections[4]["fr"], "Égalité des genres");
        assert_eq!(sections[4]["code"], "gender_equality", "a new section's code comes from its English title");
        assert_eq!(sections[4]["criteria"][0]["weight"], 2);
        assert_eq!(sections[0]["code"], stored["sections"][0]["code"], "stored codes are kept");
        assert_eq!(sections[0]["criteria"][4]["code"], "experience_with_diaspora_organisations");
        assert_eq!(sections[0]["criteria"][4]["scale_max"], 10);
        assert_eq!(grid["total_minimum"], "60");
        assert_eq!(grid["descriptors"][4]["fr"], "très bien");
        assert_eq!(grid["descriptors"].as_array().unwrap().len(), 5);
        let total = max_total(grid);
        assert_ne!(total, max_total(&stored));
        assert!(totals_page.contains(&format!("{total} points")), "the page showed the total before saving");

        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains("La grille d&#x27;évaluation est enregistrée."), "{page}");
        assert!(page.contains("value=\"Égalité des genres\""), "the saved grid is shown");

        // The page read before the save, saved again: someone saved in between.
        let (status, page, _) = press(&mut desk, &totals_page, &path, "save", &[]).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        assert!(page.contains("Quelqu&#x27;un a enregistré cet appel"));
    }
);

db_test!(
    async fn the_grid_of_a_published_call_cannot_change(app: TestApp) {
        let manager = french_manager(&app).await;
        let id = app.published_call(&manager, "MMD-CFP-2027-12").await;
        let (_, before) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        let mut desk = Browser::new(&app);
        desk.sign_in("gestion@example.org", PASSWORD).await;
        let (_, call_page, _) = desk.get(&format!("/calls/{id}")).await;
        let csrf = Browser::csrf_in(&call_page);
        for part in ["grid", "checklist"] {
            let path = format!("/calls/{id}/design/{part}");
            let (status, _, _) = desk.get(&path).await;
            assert_eq!(status, StatusCode::CONFLICT, "{path}");
            let version = before["version"].to_string();
            let fields = [("csrf", csrf.as_str()), ("version", version.as_str()), ("s0-en", "Changed"), ("op", "save")];
            let (status, _, _) = desk.post(&path, &fields).await;
            assert_eq!(status, StatusCode::CONFLICT, "{path}");
        }
        let (_, after) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(after["settings"], before["settings"]);
    }
);

db_test!(
    async fn evaluators_read_the_words_of_the_scale_beside_the_scores_in_their_language(app: TestApp) {
        let manager = app.manager().await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let evaluator = app.user("evaluatrice@example.org", &[Role::Evaluator], None, Language::FR).await;
        app.store().set_password(evaluator.id, PASSWORD).await.unwrap();
        let mut body = app.call_body("MMD-CFP-2027-13", 30);
        body["settings"] = json!({ "evaluators_per_application": 1, "grids": { "full_application": { "descriptors": [
            { "score": 1, "en": "missing", "fr": "absent" },
            { "score": 4, "en": "promising", "fr": "prometteur" },
        ] } } });
        let (status, call) = app.post(&manager, "/api/v1/calls", body).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let call_id = call["id"].as_i64().unwrap();
        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{call_id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let id = app.eligible_application(&manager, &applicant, call_id).await;
        let path = format!("/api/v1/applications/{id}/evaluators");
        let (status, body) = app.post(&manager, &path, json!({ "evaluator_id": evaluator.id })).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let (status, body) = app.act(&manager, id, "assign", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        app.declare_no_conflict(&evaluator, id).await;

        let mut browser = Browser::new(&app);
        browser.sign_in("evaluatrice@example.org", PASSWORD).await;
        let (status, page, _) = browser.get(&format!("/applications/{id}/scorecard")).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("Signification des notes"), "the scale is explained: {page}");
        assert!(page.contains("4 — prometteur") && page.contains("1 — absent"), "beside the scores, in French");
        assert!(!page.contains("promising"), "not in English");
        assert!(!page.contains("3 — moyen"), "the call's words replace the usual ones");
    }
);

db_test!(
    async fn a_manager_edits_the_eligibility_checklist_on_the_page(app: TestApp) {
        let manager = french_manager(&app).await;
        let (id, created) = draft_call(&app, &manager, "MMD-CFP-2027-14").await;
        let stored = created["settings"]["checklist"].as_array().unwrap().clone();
        let path = format!("/calls/{id}/design/checklist");
        let mut desk = Browser::new(&app);
        desk.sign_in("gestion@example.org", PASSWORD).await;
        let (status, page, _) = desk.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let first = stored[0]["fr"].as_str().unwrap().replace('\'', "&#x27;");
        assert!(page.contains(&format!("value=\"{first}\"")), "the stored questions are shown");

        let last = stored.len();
        let (status, page, _) = press(&mut desk, &page, &path, "add_item", &[]).await;
        assert_eq!(status, StatusCode::OK);
        let (_, page, _) = press(&mut desk, &page, &path, &format!("up_item-{last}"), &[]).await;
        let moved = last - 1;
        let (_, page, _) = press(&mut desk, &page, &path, "remove_item-0", &[]).await;
        let new = moved - 1;
        let (en, fr) = (format!("i{new}-en"), format!("i{new}-fr"));
        let typed = [(en.as_str(), "Gender balance described"), (fr.as_str(), "")];
        let (status, refused, _) = press(&mut desk, &page, &path, "save", &typed).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(refused.contains(&format!("id=\"{fr}-error\"")) && refused.contains("Ce champ est obligatoire."));
        assert!(refused.contains("value=\"Gender balance described\""), "what was typed is kept");
        let (_, unchanged) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        assert_eq!(unchanged["version"], created["version"], "a refused checklist is not stored");

        let typed = [(en.as_str(), "Gender balance described"), (fr.as_str(), "Équilibre femmes-hommes décrit")];
        let (status, _, headers) = press(&mut desk, &refused, &path, "save", &typed).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(headers["location"], path.as_str());
        let (_, call) = app.get(&manager, &format!("/api/v1/calls/{id}")).await;
        let checklist = call["settings"]["checklist"].as_array().unwrap();
        assert_eq!(checklist.len(), stored.len(), "one question removed, one added");
        assert_eq!(checklist[0], stored[1], "the others keep their code and text");
        assert_eq!(checklist[new]["code"], "gender_balance_described");
        assert_eq!(checklist[new]["fr"], "Équilibre femmes-hommes décrit");
        assert_eq!(checklist[new + 1], stored[last - 1], "the new question sits above the last one");
        let (_, page, _) = desk.get(&path).await;
        assert!(page.contains("La liste de vérification est enregistrée."));
    }
);
