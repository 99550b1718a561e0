//! A manager starts a new call from an earlier one: the new-call form comes filled with everything the
//! earlier call says except its reference and dates, and saving it makes a new draft with the same
//! settings while the earlier call stays as it was.

use grants_testkit::{Browser, TestApp, db_test};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";

/// The call as the API returns it, without what a copy is expected to change.
fn without_identity(mut call: Value) -> Value {
    let object = call.as_object_mut().unwrap();
    for key in [
        "id",
        "reference",
        "opens_at",
        "deadline_at",
        "state",
        "allowed_actions",
        "version",
        "created_at",
        "updated_at",
    ] {
        object.remove(key);
    }
    for lot in object.get_mut("lots").and_then(Value::as_array_mut).into_iter().flatten() {
        lot.as_object_mut().unwrap().remove("id");
    }
    call
}

db_test!(
    async fn a_manager_copies_a_published_call_into_a_new_draft(app: TestApp) {
        let manager = app.manager().await;
        let (status, created) = app.post(&manager, "/api/v1/calls", app.call_body("MMD-CFP-2026-01", 30)).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let old = created["id"].as_i64().unwrap();
        let mut grid = created["settings"]["grids"]["full_application"].clone();
        grid["total_minimum"] = json!("55");
        let patch = json!({
            "version": created["version"],
            "settings": { "grids": { "full_application": grid }, "eligible_countries": ["ML", "SN", "GM"] },
        });
        let (status, changed) = app.patch(&manager, &format!("/api/v1/calls/{old}"), patch).await;
        assert_eq!(status, StatusCode::OK, "{changed}");
        let (status, _) = app.post(&manager, &format!("/api/v1/calls/{old}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, before) = app.get(&manager, &format!("/api/v1/calls/{old}")).await;

        let mut desk = Browser::signed_in(&app, &manager, "manager@example.org", PASSWORD).await;
        let (_, page, _) = desk.get(&format!("/calls/{old}")).await;
        let copy_link = format!("/calls/new?copy_of={old}");
        assert!(page.contains(&format!("href=\"{copy_link}\"")), "a published call offers its copy");
        let (status, page, _) = desk.get(&copy_link).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("give it a new reference"), "the reference hint says it must be new");
        let form = Browser::form_values(&page, "/calls/new");
        let value = |form: &[(String, String)], name: &str| {
            form.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
        };
        assert_eq!(value(&form, "reference"), "", "the reference is left for the manager");
        assert_eq!(value(&form, "title_en"), before["title_en"].as_str().unwrap());
        assert_eq!(value(&form, "copy_of"), old.to_string());

        // The old reference is refused; everything typed comes back, the copy included.
        let mut taken = form.clone();
        Browser::set(&mut taken, "reference", "MMD-CFP-2026-01");
        Browser::set(&mut taken, "title_en", "Second round");
        let (status, page, _) = desk.submit("/calls/new", &taken).await;
        assert_eq!(status, StatusCode::CONFLICT, "{page}");
        let kept = Browser::form_values(&page, "/calls/new");
        assert_eq!(value(&kept, "title_en"), "Second round");
        assert_eq!(value(&kept, "copy_of"), old.to_string(), "the copy survives a refusal");

        let mut fresh = kept.clone();
        Browser::set(&mut fresh, "reference", "MMD-CFP-2027-01");
        Browser::set(&mut fresh, "title_en", before["title_en"].as_str().unwrap());
        let (status, page, headers) = desk.submit("/calls/new", &fresh).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        let new: i64 = headers["location"].to_str().unwrap().trim_start_matches("/calls/").parse().unwrap();
        let (_, copy) = app.get(&manager, &format!("/api/v1/calls/{new}")).await;
        assert_eq!(copy["state"], "draft");
        assert_eq!(copy["reference"], "MMD-CFP-2027-01");
        assert_eq!(copy["settings"]["eligible_countries"], json!(["ML", "SN", "GM"]));
        let (copied, original) = (without_identity(copy.clone()), without_identity(before.clone()));
        for (key, value) in original.as_object().unwrap() {
            if key == "settings" {
                for (setting, value) in value.as_object().unwrap() {
                    assert_eq!(&copied["settings"][setting], value, "setting {setting} is copied");
                }
            }
            assert_eq!(&copied[key], value, "{key} is copied");
        }
        assert_eq!(copied, original, "the same rules and settings");
        assert_ne!(copy["deadline_at"], before["deadline_at"], "the dates start again");
        let (_, after) = app.get(&manager, &format!("/api/v1/calls/{old}")).await;
        assert_eq!(after, before, "the copied call is unchanged");
    }
);
