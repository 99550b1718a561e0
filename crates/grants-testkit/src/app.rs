//! The real application on a random port, and helpers to talk to it like a client would.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use grants_domain::{Language, OrganisationType, Role};
use grants_store::users::{NewOrganisation, NewUser};
use grants_store::{Backend, Store};
use grants_web::{AppState, ManualClock, WebSettings};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::net::TcpListener;

use crate::database::{DatabaseHandle, Storage, TestDb};

/// A running app with its own database and a clock the test controls.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub address: String,
    /// The app's database.
    pub db: TestDb,
    /// The app's clock; starts at the real current instant and moves only when told.
    pub clock: Arc<ManualClock>,
    /// An HTTP client.
    pub client: reqwest::Client,
    /// Which engine the database runs on.
    pub backend: Backend,
    /// The authenticator apps of the people who set up two-step sign-in through the pages.
    pub authenticators: crate::Authenticators,
}

/// A user created for a test, with an API token.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// Their id.
    pub id: i64,
    /// Their bearer token.
    pub token: String,
    /// Their organisation, if any.
    pub organisation_id: Option<i64>,
}

/// The request body limit the test app runs with.
pub const TEST_BODY_LIMIT: usize = 64 * 1024;
/// Test tokens outlive every clock move a test makes (reports are due years after an award).
const TEST_TOKEN_DAYS: i64 = 3650;

/// Serves `router` on a random loopback port the way the binary does (timeouts, connection bound, client
/// addresses); returns `http://127.0.0.1:<port>`. The listener is bound before the server is spawned, so
/// the first request never races the start-up.
async fn serve(router: axum::Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binding a test port");
    let address = format!("http://{}", listener.local_addr().expect("the bound address"));
    tokio::spawn(async move {
        let settings = grants_web::serving::ServeSettings::default();
        grants_web::serving::serve(listener, router, settings, std::future::pending()).await.expect("serving");
    });
    address
}

impl TestApp {
    /// Starts the app: database first, then the listener is bound, then the server is spawned, so the
    /// first request never races the start-up.
    pub async fn spawn(backend: Backend) -> TestApp {
        TestApp::spawn_with(backend, Storage::Local).await
    }

    /// Like [`TestApp::spawn`], with the app's files in `storage`.
    pub async fn spawn_with(backend: Backend, storage: Storage) -> TestApp {
        TestApp::start(TestDb::create_with(backend, storage).await).await
    }

    /// Like [`TestApp::spawn`], for a programme other than the built-in MMD profile (its own taxonomy, its
    /// terms' names in further languages).
    pub async fn spawn_for_programme(backend: Backend, programme: grants_domain::programme::Programme) -> TestApp {
        let mut db = TestDb::create_with(backend, Storage::Local).await;
        db.store = db.store.clone().with_programme(Arc::new(programme));
        TestApp::start(db).await
    }

    async fn start(db: TestDb) -> TestApp {
        let backend = db.store.backend();
        let clock = Arc::new(ManualClock::new(Utc::now()));
        let settings = WebSettings { max_body_bytes: TEST_BODY_LIMIT, ..WebSettings::default() };
        let state = AppState::new(db.store.clone(), clock.clone(), settings).expect("the page templates compile");
        let address = serve(grants_web::router(state)).await;
        let authenticators = crate::Authenticators::default();
        TestApp { address, db, clock, client: reqwest::Client::new(), backend, authenticators }
    }

    /// Serves a second instance of the app on the same database with other settings; returns its address.
    /// Two instances on one database is how production runs.
    pub async fn second_instance(&self, settings: WebSettings) -> String {
        let state =
            AppState::new(self.db.store.clone(), self.clock.clone(), settings).expect("the page templates compile");
        serve(grants_web::router(state)).await
    }

    pub(crate) fn database_handle(&self) -> DatabaseHandle {
        self.db.handle()
    }

    /// The app's store, for setting up and inspecting what the API cannot show.
    pub fn store(&self) -> &Store {
        &self.db.store
    }

    /// The instant the app believes it is.
    pub fn now(&self) -> DateTime<Utc> {
        use grants_web::Clock;
        self.clock.now()
    }

    /// Creates a user with `roles` and a token. With `organisation`, the user joins it (created on
    /// first use, in Mali, as a CSO).
    pub async fn user(&self, email: &str, roles: &[Role], organisation: Option<&str>, language: Language) -> TestUser {
        let store = self.store();
        let organisation_id = match organisation {
            None => None,
            Some(name) => Some(match store.organisation_by_name(name).await.expect("looking up an organisation") {
                Some(found) => found.id,
                None => {
                    store
                        .create_organisation(
                            NewOrganisation {
                                name: name.into(),
                                country: "ML".into(),
                                org_type: OrganisationType::CivilSociety,
                            },
                            self.now(),
                        )
                        .await
                        .expect("creating an organisation")
                        .id
                }
            }),
        };
        let user = store
            .create_user(
                NewUser {
                    email: email.into(),
                    display_name: email.split('@').next().unwrap_or(email).into(),
                    language,
                    roles: roles.to_vec(),
                    organisation_id,
                    country: None,
                },
                self.now(),
            )
            .await
            .expect("creating a user");
        let expires = self.now() + Duration::days(TEST_TOKEN_DAYS);
        let (token, _) = store.issue_token(user.id, "test", self.now(), expires).await.expect("issuing a token");
        TestUser { id: user.id, token, organisation_id }
    }

    /// A manager.
    pub async fn manager(&self) -> TestUser {
        self.user("manager@example.org", &[Role::Manager], None, Language::EN).await
    }

    /// An applicant of `organisation`.
    pub async fn applicant(&self, email: &str, organisation: &str) -> TestUser {
        self.user(email, &[Role::Applicant], Some(organisation), Language::FR).await
    }

    /// Sends a request and returns the status and the JSON body (`Value::Null` when there is none).
    pub async fn send(
        &self,
        method: Method,
        token: Option<&str>,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("the test app answers");
        let status = response.status();
        let text = response.text().await.expect("a readable body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// GET as `user`.
    pub async fn get(&self, user: &TestUser, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, Some(&user.token), path, None).await
    }

    /// POST a JSON body as `user`.
    pub async fn post(&self, user: &TestUser, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, Some(&user.token), path, Some(body)).await
    }

    /// PATCH a JSON body as `user`.
    pub async fn patch(&self, user: &TestUser, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PATCH, Some(&user.token), path, Some(body)).await
    }

    /// A realistic call body whose deadline is `days` days ahead of the app's clock.
    pub fn call_body(&self, reference: &str, days: i64) -> Value {
        let now = self.now();
        json!({
            "reference": reference,
            "title_en": "Grants for local authorities, CSOs and diaspora organisations",
            "title_fr": "Subventions pour autorités locales, OSC et organisations de la diaspora",
            "description_en": "Initiatives following up the Joint Valletta Action Plan.",
            "description_fr": "Initiatives de suivi du Plan d'action conjoint de La Valette.",
            "procedure": "open",
            "total_budget": "1500000.00",
            "min_grant": "50000",
            "max_grant": "300000.00",
            "opens_at": (now - Duration::days(1)).to_rfc3339(),
            "deadline_at": (now + Duration::days(days)).to_rfc3339(),
            "display_timezone": "Africa/Bamako",
        })
    }

    /// Creates and publishes a call as `manager`; returns its id.
    pub async fn published_call(&self, manager: &TestUser, reference: &str) -> i64 {
        let (status, call) = self.post(manager, "/api/v1/calls", self.call_body(reference, 30)).await;
        assert_eq!(status, StatusCode::CREATED, "{call}");
        let id = call["id"].as_i64().expect("a call id");
        let (status, body) = self.post(manager, &format!("/api/v1/calls/{id}/actions/publish"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        id
    }

    /// Complete, valid answers for the default form: a Malian CSO with a Senegalese partner asking
    /// 280 000 EUR of 320 000 EUR.
    pub fn answers(&self) -> Value {
        grants_domain::form::mmd_full_application_example()
    }

    /// Creates a complete draft as `applicant` on `call_id`; returns its id.
    pub async fn draft(&self, applicant: &TestUser, call_id: i64) -> i64 {
        self.draft_with(applicant, call_id, self.answers()).await
    }

    /// Creates a draft with the given answers as `applicant` on `call_id`; returns its id.
    pub async fn draft_with(&self, applicant: &TestUser, call_id: i64, answers: Value) -> i64 {
        let body = json!({ "call_id": call_id, "answers": answers });
        let (status, created) = self.post(applicant, "/api/v1/applications", body).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        created["id"].as_i64().expect("an application id")
    }

    /// Passes every checklist item of an application under review, as `manager`.
    pub async fn pass_checklist(&self, manager: &TestUser, application_id: i64) {
        let (status, lines) = self.get(manager, &format!("/api/v1/applications/{application_id}/checklist")).await;
        assert_eq!(status, StatusCode::OK, "{lines}");
        for line in lines.as_array().expect("checklist lines") {
            let item = line["item"].as_str().expect("an item code");
            let path = format!("/api/v1/applications/{application_id}/checklist/{item}");
            let (status, body) =
                self.send(Method::PUT, Some(&manager.token), &path, Some(json!({"passed": true}))).await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    }

    /// An evaluator.
    pub async fn evaluator(&self, email: &str) -> TestUser {
        self.user(email, &[Role::Evaluator], None, Language::EN).await
    }

    /// Takes a new draft of `applicant` through submission and eligibility review to `eligible`.
    pub async fn eligible_application(&self, manager: &TestUser, applicant: &TestUser, call_id: i64) -> i64 {
        let id = self.draft(applicant, call_id).await;
        let (status, body) = self.act(applicant, id, "submit", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = self.act(manager, id, "open_review", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        self.pass_checklist(manager, id).await;
        let (status, body) = self.act(manager, id, "declare_eligible", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        id
    }

    /// Takes a new draft of `applicant` all the way to `evaluated`: eligible, `evaluators` assigned and
    /// declared, each scoring every criterion `score`.
    pub async fn evaluated_application(
        &self,
        manager: &TestUser,
        applicant: &TestUser,
        call_id: i64,
        evaluators: &[&TestUser],
        score: u8,
    ) -> i64 {
        let id = self.eligible_application(manager, applicant, call_id).await;
        for evaluator in evaluators {
            let path = format!("/api/v1/applications/{id}/evaluators");
            let (status, body) = self.post(manager, &path, json!({ "evaluator_id": evaluator.id })).await;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        let (status, body) = self.act(manager, id, "assign", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        for evaluator in evaluators {
            self.declare_no_conflict(evaluator, id).await;
            self.score(evaluator, id, score).await;
        }
        id
    }

    /// A complete scorecard of the default full-application grid giving every criterion `score`.
    pub fn scorecard(score: u8) -> Value {
        Self::scorecard_for(&grants_domain::evaluation::Grid::full_application_default(), score)
    }

    /// A complete scorecard of `grid` giving every criterion `score`.
    pub fn scorecard_for(grid: &grants_domain::evaluation::Grid, score: u8) -> Value {
        let mut scores = serde_json::Map::new();
        let mut comments = serde_json::Map::new();
        for (_, criterion) in grid.criteria() {
            scores.insert(criterion.code.clone(), json!(score));
            comments.insert(criterion.code.clone(), json!(format!("{} scored {score}", criterion.code)));
        }
        json!({ "scores": scores, "comments": comments, "overall_comment": "Clear, feasible and relevant to the JVAP." })
    }

    /// Saves and submits `evaluator`'s scorecard giving every criterion `score`.
    pub async fn score(&self, evaluator: &TestUser, application_id: i64, score: u8) {
        let path = format!("/api/v1/applications/{application_id}/scorecard");
        let (status, body) = self.send(Method::PUT, Some(&evaluator.token), &path, Some(Self::scorecard(score))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = self.post(evaluator, &format!("{path}/submit"), json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// Uploads `bytes` as a file of `kind` named `filename` to an application through the API: status
    /// and body.
    pub async fn upload_attachment(
        &self,
        user: &TestUser,
        application_id: i64,
        kind: &str,
        filename: &str,
        bytes: Vec<u8>,
    ) -> (StatusCode, Value) {
        let form = reqwest::multipart::Form::new()
            .text("kind", kind.to_owned())
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name(filename.to_owned()));
        let response = self
            .client
            .post(format!("{}/api/v1/applications/{application_id}/attachments", self.address))
            .bearer_auth(&user.token)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Signs `evaluator`'s declaration of no conflict for an application.
    pub async fn declare_no_conflict(&self, evaluator: &TestUser, application_id: i64) {
        let path = format!("/api/v1/applications/{application_id}/declaration");
        let (status, body) = self.post(evaluator, &path, json!({"conflict_of_interest": false})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// Performs an action through the API.
    pub async fn act(&self, user: &TestUser, application_id: i64, action: &str, body: Value) -> (StatusCode, Value) {
        self.post(user, &format!("/api/v1/applications/{application_id}/actions/{action}"), body).await
    }

    /// Takes an awarded application through signature, every report handed in and approved and every
    /// payment made, to `closed`.
    pub async fn close_grant(&self, manager: &TestUser, grantee: &TestUser, id: i64) {
        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2028-12-31" } });
        let (status, body) = self.act(manager, id, "sign_agreement", terms).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let grant = format!("/api/v1/applications/{id}/grant");
        let (_, file) = self.get(manager, &grant).await;
        for report in file["reports"].as_array().cloned().unwrap_or_default() {
            let report_id = report["id"].as_i64().unwrap_or_default();
            let answers = json!({ "answers": {
                "narrative": "Every activity done.",
                "indicators": [{ "jvap_domain": "legal_migration_mobility", "indicator": "People advised", "target": "400", "achieved": "412" }],
                "budget_lines": [{ "category": "human_resources", "planned": "280000.00", "spent": "280000.00" }],
            } });
            let path = format!("/api/v1/applications/{id}/reports/{report_id}");
            let (status, body) = self.post(grantee, &format!("{path}/submit"), answers).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let (status, body) = self.post(manager, &format!("{path}/review"), json!({ "approve": true })).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let (_, file) = self.get(manager, &grant).await;
            for payment in file["payments"].as_array().cloned().unwrap_or_default() {
                if payment["status"] == "requested" {
                    let paid = format!("/api/v1/applications/{id}/payments/{}/paid", payment["id"]);
                    let (status, body) = self.post(manager, &paid, json!({})).await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                }
            }
        }
        let (status, body) = self.act(manager, id, "close", json!({})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}
