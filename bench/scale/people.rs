//! The people of the bench, made directly in the store as the test kit does (the API has no sign-up
//! for tokens): one manager with a token and a browser session, a pool of evaluators, and one applicant
//! per application, each with their own organisation.

use chrono::{Duration, Utc};
use futures::StreamExt;
use grants_domain::{Language, OrganisationType, Role};
use grants_store::Store;
use grants_store::users::{NewOrganisation, NewUser};

use crate::client::Auth;

/// Where the organisations are based, in turn: a country filter keeps one in five.
const COUNTRIES: [&str; 5] = ["ML", "SN", "GN", "CI", "BF"];

/// Someone with an API token.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: i64,
    pub auth: Auth,
}

/// Everyone the bench acts as.
pub struct People {
    pub manager: Person,
    /// The manager's signed-in browser.
    pub manager_session: Auth,
    pub evaluators: Vec<Person>,
    pub applicants: Vec<Person>,
}

async fn person(store: &Store, email: String, role: Role, organisation_id: Option<i64>) -> Person {
    let now = Utc::now();
    let new = NewUser {
        display_name: email.split('@').next().unwrap_or("someone").to_owned(),
        email,
        language: if role == Role::Applicant { Language::FR } else { Language::EN },
        roles: vec![role],
        organisation_id,
        country: None,
    };
    let user = store.create_user(new, now).await.expect("creating a user");
    let (token, _) = store.issue_token(user.id, "bench", now, now + Duration::days(30)).await.expect("a token");
    Person { id: user.id, auth: Auth::Bearer(token) }
}

async fn applicant(store: &Store, n: usize) -> Person {
    let organisation = NewOrganisation {
        name: format!("Association {n} pour la mobilité"),
        country: COUNTRIES[n % COUNTRIES.len()].to_owned(),
        org_type: OrganisationType::CivilSociety,
    };
    let organisation = store.create_organisation(organisation, Utc::now()).await.expect("an organisation");
    person(store, format!("applicant{n}@example.org"), Role::Applicant, Some(organisation.id)).await
}

/// Creates the manager, `evaluators` evaluators and `applicants` applicants, `concurrency` at a time.
pub async fn create(store: &Store, applicants: usize, evaluators: usize, concurrency: usize) -> People {
    let manager = person(store, "manager@example.org".into(), Role::Manager, None).await;
    let session = store.create_session(manager.id, Utc::now(), Duration::hours(12)).await.expect("a session");
    let evaluators = futures::stream::iter(0..evaluators)
        .map(|n| person(store, format!("evaluator{n}@example.org"), Role::Evaluator, None))
        .buffered(concurrency)
        .collect()
        .await;
    let applicants =
        futures::stream::iter(0..applicants).map(|n| applicant(store, n)).buffered(concurrency).collect().await;
    People { manager, manager_session: Auth::Session(session.token), evaluators, applicants }
}
