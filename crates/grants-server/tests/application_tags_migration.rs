//! The migration that brings `application_tags` fills it from the answers already written: after the
//! upgrade the portfolio and the tag filter count applications saved before it as they did.

use grants_migration::{Migrator, MigratorTrait};
use grants_testkit::{TestApp, db_test};
use reqwest::StatusCode;
use sea_orm::Database;
use serde_json::json;

db_test!(
    async fn applications_saved_before_the_upgrade_keep_their_tags(app: TestApp) {
        let manager = app.manager().await;
        let call_id = app.published_call(&manager, "MMD-CFP-2026-06").await;
        let applicant = app.applicant("aminata@example.org", "AMMD").await;
        let mut answers = app.answers();
        answers["tags"]["jvap_domains"] = json!(["protection_asylum", "legal_migration_mobility"]);
        answers["tags"]["dialogues"] = json!(["c2cmmd"]);
        let level = answers["tags"]["geographic_level"].as_str().expect("the example has a level").to_owned();
        let id = app.draft_with(&applicant, call_id, answers).await;
        let (status, body) = app.act(&applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, before) = app.get(&manager, "/api/v1/portfolio?by=jvap_domain").await;

        // Back to the schema before the table (the applications stay), then the upgrade.
        let connection = Database::connect(&app.db.url).await.unwrap();
        let since_the_table = Migrator::get_applied_migrations(&connection)
            .await
            .unwrap()
            .iter()
            .rev()
            .take_while(|m| m.name() != "m20261201_000400_list_indexes")
            .count();
        Migrator::down(&connection, Some(u32::try_from(since_the_table).unwrap())).await.unwrap();
        Migrator::up(&connection, None).await.unwrap();
        connection.close().await.ok();

        let (status, after) = app.get(&manager, "/api/v1/portfolio?by=jvap_domain").await;
        assert_eq!(status, StatusCode::OK, "{after}");
        assert_eq!(after, before, "the portfolio reads the same after the upgrade");
        let keys: Vec<&str> = after["buckets"].as_array().unwrap().iter().map(|b| b["key"].as_str().unwrap()).collect();
        assert_eq!(keys, ["legal_migration_mobility", "protection_asylum"]);
        for tag in ["protection_asylum", "c2cmmd", level.as_str()] {
            let (_, found) = app.get(&manager, &format!("/api/v1/applications?tag={tag}")).await;
            assert_eq!(found["total"], 1, "{tag}: {found}");
            assert_eq!(found["items"][0]["id"], id, "{tag}: {found}");
        }
    }
);
