//! Open data (SPEC §9) after `seed-demo`: the IATI 2.03 activity file validates against the IATI schema
//! (with `xmllint`, as a publisher's registry would), one activity per funded grant with transactions that
//! add up to what was recorded; the projects export adds up to the portfolio; nothing about people is
//! published; unchanged files are answered with 304.

use std::collections::BTreeMap;
use std::process::Command;

use grants_domain::{Money, Role};
use grants_store::applications::ApplicationFilter;
use grants_store::organisations::{Editor, OrganisationChanges};
use grants_testkit::{TestApp, db_test};
use grants_workflow::ApplicationState;
use quick_xml::Reader;
use quick_xml::events::Event;
use reqwest::{StatusCode, header};
use serde_json::Value;

/// The IATI schema kept in the repository (the three files must stay in one folder).
const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/iati-schema/iati-activities-schema.xsd");

async fn seed(app: &TestApp) {
    grants_server::seed::run(app.store(), app.now()).await.expect("the demo loads");
}

/// A request as a stranger makes it: no token, no cookie.
async fn public(app: &TestApp, path: &str, headers: &[(header::HeaderName, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::new().get(format!("{}{path}", app.address));
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    request.send().await.expect("the app answers")
}

async fn public_text(app: &TestApp, path: &str) -> String {
    let response = public(app, path, &[]).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{path}: {text}");
    text
}

fn cents(text: &str) -> i64 {
    text.trim().parse::<Money>().unwrap_or_else(|e| panic!("{text}: {e}")).cents()
}

/// One activity as read back from the file: its identifier and its transactions (type code, cents).
#[derive(Debug, Default)]
struct Activity {
    identifier: String,
    transactions: Vec<(String, i64)>,
}

impl Activity {
    fn total(&self, kind: &str) -> i64 {
        self.transactions.iter().filter(|(k, _)| k == kind).map(|(_, c)| c).sum()
    }
}

fn activities(xml: &str) -> Vec<Activity> {
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut found: Vec<Activity> = Vec::new();
    let mut kind = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                let name = String::from_utf8(start.name().as_ref().to_vec()).unwrap();
                if name == "iati-activity" {
                    found.push(Activity::default());
                }
                path.push(name);
            }
            Event::Empty(empty) if empty.name().as_ref() == b"transaction-type" => {
                let code = empty.try_get_attribute("code").unwrap().expect("a transaction type code");
                kind = String::from_utf8(code.value.to_vec()).unwrap();
            }
            Event::Text(text) => {
                let text = text.decode().unwrap().into_owned();
                let current = found.last_mut();
                match (path.iter().rev().take(2).map(String::as_str).collect::<Vec<_>>().as_slice(), current) {
                    (["iati-identifier", "iati-activity"], Some(activity)) => activity.identifier = text,
                    (["value", "transaction"], Some(activity)) => {
                        activity.transactions.push((kind.clone(), cents(&text)));
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => return found,
            _ => {}
        }
    }
}

async fn funded(app: &TestApp) -> Vec<grants_store::Application> {
    let mut funded = Vec::new();
    for state in [ApplicationState::Awarded, ApplicationState::Contracted] {
        let filter = ApplicationFilter { state: Some(state), ..ApplicationFilter::default() };
        let page = app.store().list_applications(&grants_domain::ApplicationScope::All, &filter, 1, 100).await.unwrap();
        funded.extend(page.items);
    }
    funded
}

db_test!(
    async fn after_the_demo_the_iati_file_validates_and_its_transactions_add_up(app: TestApp) {
        seed(&app).await;
        let response = public(&app, "/open-data/iati-activities.xml", &[]).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/xml; charset=utf-8");
        let xml = response.text().await.unwrap();
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), &xml).unwrap();
        let checked = Command::new("xmllint")
            .args(["--noout", "--schema", SCHEMA])
            .arg(file.path())
            .output()
            .expect("xmllint runs (Debian's libxml2-utils; .ci/run installs it)");
        assert!(checked.status.success(), "{}\n{xml}", String::from_utf8_lossy(&checked.stderr));

        let activities = activities(&xml);
        let funded = funded(&app).await;
        assert_eq!(funded.len(), 2, "the demo has one awarded and one contracted grant");
        let mut expected: Vec<String> =
            funded.iter().map(|a| format!("AA-AAA-MMD-{}", a.reference.as_deref().unwrap())).collect();
        let mut published: Vec<String> = activities.iter().map(|a| a.identifier.clone()).collect();
        expected.sort();
        published.sort();
        assert_eq!(published, expected, "one activity per awarded or contracted grant");
        let mut disbursed = 0;
        for application in &funded {
            let reference = application.reference.as_deref().unwrap();
            let activity = activities.iter().find(|a| a.identifier.ends_with(reference)).unwrap();
            let file = app.store().grant_file(application.id).await.unwrap();
            let committed = file.agreement.as_ref().map_or(0, |a| a.amount.cents());
            let paid: i64 = file
                .payments
                .iter()
                .filter(|p| p.status == grants_workflow::PaymentState::Paid)
                .map(|p| p.amount.cents())
                .sum();
            assert_eq!(activity.total("2"), committed, "{reference}: the commitment is the agreement's amount");
            assert_eq!(activity.total("3"), paid, "{reference}: the disbursements are the payments made");
            disbursed += paid;
        }
        assert_eq!(disbursed, cents("160000.00"), "the demo pays the contracted grant's 80 % pre-financing");
    }
);

db_test!(
    async fn the_projects_export_adds_up_to_the_portfolio_per_jvap_domain(app: TestApp) {
        seed(&app).await;
        let manager = app.manager().await;
        let (status, portfolio) = app.get(&manager, "/api/v1/portfolio?by=jvap_domain").await;
        assert_eq!(status, StatusCode::OK, "{portfolio}");
        let expected: BTreeMap<String, (u64, i64)> = portfolio["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["funded"].as_u64().unwrap() > 0)
            .map(|b| {
                (
                    b["key"].as_str().unwrap().to_owned(),
                    (b["funded"].as_u64().unwrap(), cents(b["awarded"].as_str().unwrap())),
                )
            })
            .collect();
        assert!(!expected.is_empty(), "the demo funds projects: {portfolio}");

        let csv = public_text(&app, "/open-data/projects.csv").await;
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} column"));
        let (domains, awarded) = (column("jvap_domains"), column("amount_awarded"));
        let mut totals: BTreeMap<String, (u64, i64)> = BTreeMap::new();
        let mut rows = 0;
        for record in reader.records() {
            let record = record.unwrap();
            rows += 1;
            let listed: Vec<&str> = record[domains].split(';').filter(|d| !d.is_empty()).collect();
            for domain in if listed.is_empty() { vec!["none"] } else { listed } {
                let total = totals.entry(domain.to_owned()).or_default();
                total.0 += 1;
                total.1 += cents(&record[awarded]);
            }
        }
        assert_eq!(totals, expected, "projects and amounts per JVAP domain, as the portfolio counts them");

        let json: Value = serde_json::from_str(&public_text(&app, "/open-data/projects.json").await).unwrap();
        let projects = json["projects"].as_array().unwrap();
        assert_eq!(projects.len(), rows, "the JSON and the CSV hold the same projects");
        let json_total: i64 = projects.iter().map(|p| cents(p["amount_awarded"].as_str().unwrap())).sum();
        let funded_total: i64 = funded(&app).await.iter().filter_map(|a| a.awarded_amount).map(Money::cents).sum();
        assert_eq!(json_total, funded_total);
        assert_eq!(json["currency"], "EUR");
    }
);

db_test!(
    async fn nothing_about_people_reaches_a_public_file(app: TestApp) {
        seed(&app).await;
        // An organisation's contact details are about the people who answer them: never published either.
        let grantee = funded(&app).await[0].organisation_id;
        let current = app.store().organisation(grantee).await.unwrap();
        let mut profile = current.profile.clone();
        profile.contact_email = "direction.privee@example.org".into();
        profile.phone = "+221 77 000 11 22".into();
        let changes = OrganisationChanges {
            name: current.name.clone(),
            country: current.country.clone(),
            org_type: current.org_type,
            profile,
        };
        let editor = Editor { user_id: app.manager().await.id, role: Role::Admin };
        app.store().update_organisation(grantee, changes, None, editor, app.now()).await.unwrap();
        let mut personal = vec!["direction.privee@example.org".to_owned(), "+221 77 000 11 22".to_owned()];
        for role in [Role::Applicant, Role::Evaluator, Role::Manager, Role::Admin, Role::Auditor] {
            for user in app.store().users_with_role(role).await.unwrap() {
                personal.push(user.email.clone());
                personal.push(user.display_name.clone());
            }
        }
        assert!(personal.len() > 20, "the demo's people are all checked: {personal:?}");
        assert!(personal.iter().any(|p| p == "Mamadou Ba"), "the contact of the contracted grantee is among them");

        let mut files = Vec::new();
        for path in ["/open-data/iati-activities.xml", "/open-data/projects.json", "/open-data/projects.csv"] {
            files.push((path.to_owned(), public_text(&app, path).await));
        }
        for lang in ["en", "fr"] {
            let page = public(&app, "/awarded", &[(header::ACCEPT_LANGUAGE, lang)]).await.text().await.unwrap();
            files.push((format!("/awarded ({lang})"), page));
        }
        for (path, text) in &files {
            assert!(text.contains("Association des Jeunes de Tambacounda"), "{path} publishes the grantee");
            for field in &personal {
                assert!(!text.contains(field.as_str()), "{path} publishes {field:?}");
            }
        }
    }
);

db_test!(
    async fn an_unchanged_file_is_answered_with_304_and_a_change_makes_it_new(app: TestApp) {
        let empty = public(&app, "/open-data/iati-activities.xml", &[]).await;
        assert_eq!(empty.status(), StatusCode::NOT_FOUND, "an IATI file needs at least one activity");
        let error: Value = empty.json().await.unwrap();
        assert!(error["message"].as_str().unwrap().contains("no awarded project"), "{error}");
        let csv = public_text(&app, "/open-data/projects.csv").await;
        assert_eq!(csv.lines().count(), 1, "the header alone: {csv}");

        seed(&app).await;
        for path in ["/open-data/iati-activities.xml", "/open-data/projects.json", "/open-data/projects.csv"] {
            let first = public(&app, path, &[]).await;
            assert_eq!(first.status(), StatusCode::OK);
            let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
            let modified = first.headers()[header::LAST_MODIFIED].to_str().unwrap().to_owned();
            let again = public(&app, path, &[(header::IF_NONE_MATCH, &etag)]).await;
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
            assert_eq!(again.headers()[header::ETAG], etag.as_str());
            assert!(again.bytes().await.unwrap().is_empty());
            let since = public(&app, path, &[(header::IF_MODIFIED_SINCE, &modified)]).await;
            assert_eq!(since.status(), StatusCode::NOT_MODIFIED, "{path}");
        }
        let first = public(&app, "/open-data/projects.csv", &[]).await;
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();

        let grantee = funded(&app).await[0].organisation_id;
        let current = app.store().organisation(grantee).await.unwrap();
        let renamed = OrganisationChanges {
            name: "Jeunesse Tambacounda Mobilité".into(),
            country: current.country.clone(),
            org_type: current.org_type,
            profile: current.profile.clone(),
        };
        let editor = Editor { user_id: app.manager().await.id, role: Role::Admin };
        app.clock.advance(chrono::Duration::seconds(2));
        app.store().update_organisation(grantee, renamed, None, editor, app.now()).await.unwrap();
        let changed = public(&app, "/open-data/projects.csv", &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(changed.status(), StatusCode::OK, "the organisation's new name is news");
        assert_ne!(changed.headers()[header::ETAG], etag.as_str());
        assert!(changed.text().await.unwrap().contains("Jeunesse Tambacounda Mobilité"));
    }
);

db_test!(
    async fn the_public_page_filters_and_pages_the_same_projects(app: TestApp) {
        seed(&app).await;
        let all = public_text(&app, "/awarded").await;
        assert!(all.contains("Bobo-Dioulasso") && all.contains("Informer les jeunes de Tambacounda"));
        assert!(!all.contains("<table"), "cards, not a wide table");
        assert!(
            all.contains("href=\"/open-data/iati-activities.xml\"") && all.contains("href=\"/open-data/projects.csv\"")
        );
        assert!(all.len() < 60 * 1024, "{} bytes", all.len());
        let burkina = public_text(&app, "/awarded?country=BF").await;
        assert!(burkina.contains("Bobo-Dioulasso") && !burkina.contains("Informer les jeunes de Tambacounda"));
        let protection = public_text(&app, "/awarded?domain=protection_asylum&dialogue=").await;
        assert!(protection.contains("No published project matches these filters."), "{protection}");
        let khartoum = public(&app, "/awarded?dialogue=khartoum_process", &[(header::ACCEPT_LANGUAGE, "fr")]).await;
        assert!(khartoum.text().await.unwrap().contains("Aucun projet publié ne correspond à ces filtres."));
        let call_id = app.store().publishing_calls().await.unwrap()[0].id;
        let by_call = public_text(&app, &format!("/awarded?call={call_id}&domain=legal_migration_mobility")).await;
        assert!(by_call.contains("Bobo-Dioulasso") && by_call.contains("Tambacounda"), "both serve legal migration");
        assert!(
            by_call.contains("€200,000") && by_call.contains("€160,000"),
            "awarded and paid, as English writes euros"
        );
        let beyond = public_text(&app, "/awarded?page=9").await.replace("&#x3D;", "=");
        assert!(beyond.contains("href=\"/awarded?page=1\""), "a page past the end links back to the last one");

        // The files are written batch by batch; batches of one still give every project once.
        let store = app.store();
        let first = store.published_projects_after(0, 1).await.unwrap();
        let second = store.published_projects_after(first[0].id, 1).await.unwrap();
        let rest = store.published_projects_after(second[0].id, 1).await.unwrap();
        assert_eq!((first.len(), second.len(), rest.len()), (1, 1, 0));
        assert!(second[0].agreement.is_some() || first[0].agreement.is_some(), "grant files come with each batch");
    }
);
