//! The applications list at programme scale: a manager searches by reference, title or organisation,
//! filters by country and tag, and downloads exactly what the list shows as CSV; the API takes the same
//! filters. Another applicant's applications never show up for an applicant, whatever the filters.

use grants_domain::OrganisationType;
use grants_store::users::NewOrganisation;
use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::json;

const PASSWORD: &str = "correct horse battery staple";

db_test!(
    async fn a_manager_finds_applications_by_words_country_and_tag_and_exports_them(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-01").await;
        let kayes = app.applicant("kayes@example.org", "Réseau Kayes Mobilité").await;
        let organisation = NewOrganisation {
            name: "Association Dakar 50% Retour".into(),
            country: "SN".into(),
            org_type: OrganisationType::Diaspora,
        };
        app.store().create_organisation(organisation, app.now()).await.unwrap();
        let dakar = app.applicant("dakar@example.org", "Association Dakar 50% Retour").await;
        let mut answers = app.answers();
        answers["action"]["title"] = json!("Jeunes de Kayes en mouvement");
        answers["tags"]["jvap_domains"] = json!(["legal_migration_mobility"]);
        let first = app.draft_with(&kayes, call_id, answers.clone()).await;
        answers["action"]["title"] = json!("Réintégration durable à Dakar");
        answers["lead"]["country"] = json!("SN");
        answers["lead"]["organisation_type"] = json!("diaspora");
        answers["tags"]["jvap_domains"] = json!(["return_readmission_reintegration"]);
        let second = app.draft_with(&dakar, call_id, answers).await;
        for (applicant, id) in [(&kayes, first), (&dakar, second)] {
            let (status, body) = app.act(applicant, id, "submit", json!({})).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        desk.get("/lang/fr").await;
        let shows = |page: &str, kayes: bool, dakar: bool| {
            assert_eq!(page.contains("Jeunes de Kayes en mouvement"), kayes, "Kayes shown: {kayes}");
            assert_eq!(page.contains("Réintégration durable à Dakar"), dakar, "Dakar shown: {dakar}");
        };
        let (status, page, _) = desk.get("/applications").await;
        assert_eq!(status, StatusCode::OK);
        shows(&page, true, true);
        assert!(
            page.contains("Association Dakar 50% Retour (Sénégal)"),
            "the organisation and its country are on the row"
        );
        for (query, kayes_shown, dakar_shown) in [
            ("q=KAYES", true, false),
            ("q=r%C3%A9int%C3%A9gration", false, true),
            ("q=50%25", false, true),
            ("q=5_%25", false, false),
            ("country=SN", false, true),
            ("tag=legal_migration_mobility", true, false),
            ("tag=return_readmission_reintegration&country=ML", false, false),
        ] {
            let (status, page, _) = desk.get(&format!("/applications?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}");
            shows(&page, kayes_shown, dakar_shown);
        }
        let (_, page, _) = desk.get("/applications?country=SN&q=dakar").await;
        assert!(page.contains("value=\"dakar\""), "the search box keeps what was typed");
        assert!(
            page.contains("href=\"/applications.csv?q&#x3D;dakar&amp;country&#x3D;SN\""),
            "the export carries the filters"
        );

        let (status, csv, headers) = desk.get("/applications.csv?q=dakar&country=SN").await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2, "a heading and the one application shown: {csv}");
        assert!(lines[0].starts_with("Référence,Titre,Organisation,Pays"), "headings in French: {}", lines[0]);
        assert!(lines[1].contains("Réintégration durable à Dakar") && lines[1].contains("Sénégal"), "{}", lines[1]);

        let (status, listed) = app.get(&manager, "/api/v1/applications?q=dakar&country=sn").await;
        assert_eq!(status, StatusCode::OK, "{listed}");
        assert_eq!(listed["total"], 1);
        assert_eq!(listed["items"][0]["organisation_name"], "Association Dakar 50% Retour");
        assert_eq!(listed["items"][0]["organisation_country"], "SN");
        let (_, tagged) = app.get(&manager, "/api/v1/applications?tag=legal_migration_mobility").await;
        assert_eq!(tagged["items"][0]["id"], first);

        // An applicant's search never reaches another organisation's application.
        let (_, theirs) = app.get(&kayes, "/api/v1/applications?q=dakar").await;
        assert_eq!(theirs["total"], 0);
        let mut own = Browser::signed_in(&app, &kayes, "kayes@example.org", PASSWORD).await;
        let (_, csv, _) = own.get("/applications.csv").await;
        assert_eq!(csv.lines().count(), 2, "only their own application: {csv}");
    }
);
