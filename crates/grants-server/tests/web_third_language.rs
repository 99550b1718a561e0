//! A third language is a catalogue file and the programme profile's names, nothing else: with `pt.ftl`
//! in the folder the settings name and Portuguese labels in the profile, a reader whose browser asks for
//! Portuguese gets the pages in it, and a user who reads Portuguese gets the emails in it. Amounts and dates
//! are written as the catalogue says, the programme's terms are named by the profile, and the language menu
//! offers it. A message the small catalogue lacks reads in English, never as its id. The catalogues are
//! read once per process, which is why this test has a file of its own.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration};
use grants_domain::programme::Programme;
use grants_domain::{Language, Role};
use grants_server::config::{Settings, load_programme, read_catalogues};
use grants_testkit::{Backend, Browser, TestApp, run_test_for_programme};
use reqwest::StatusCode;

#[path = "support/emails.rs"]
mod emails;

const PORTUGUESE_MONTHS: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// The fixture catalogue's folder.
fn catalogues() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n")
}

/// A configuration folder naming the catalogues folder and a profile whose applicant types have
/// Portuguese names, read the way `serve` reads it.
fn portuguese_programme() -> Programme {
    let config = tempfile::tempdir().unwrap();
    let settings_file =
        format!("[programme]\nname = \"mmd\"\ncatalogues_dir = {:?}\n", catalogues().display().to_string());
    std::fs::write(config.path().join("default.toml"), settings_file).unwrap();
    let mut profile = grants_domain::programme::MMD_PROFILE.to_owned();
    for (french, portuguese) in [
        ("Autorité locale", "Autoridade local"),
        ("Organisation de la société civile", "Organização da sociedade civil"),
        ("Organisation de la diaspora", "Organização da diáspora"),
    ] {
        let line = format!("fr = \"{french}\"\n");
        assert!(profile.contains(&line), "the shipped profile names {french}");
        profile = profile.replacen(&line, &format!("{line}labels = {{ pt = \"{portuguese}\" }}\n"), 1);
    }
    std::fs::create_dir(config.path().join("programmes")).unwrap();
    std::fs::write(config.path().join("programmes/mmd.toml"), profile).unwrap();
    let settings = Settings::load(config.path()).unwrap();
    read_catalogues(&settings).unwrap();
    load_programme(config.path(), &settings).unwrap()
}

async fn a_portuguese_reader_gets_the_pages_in_portuguese(app: TestApp) {
    let manager = app.manager().await;
    let call = app.published_call(&manager, "MMD-CFP-2026-70").await;

    let mut reader = Browser::new(&app);
    let response = reader
        .request(reqwest::Method::GET, "/calls")
        .header("accept", "text/html")
        .header("accept-language", "pt-PT,pt;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let status = response.status();
    let list = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(list.contains("<html lang=\"pt\""), "the browser's language is spoken: {list}");
    assert!(list.contains("Convites à apresentação de propostas"), "the catalogue's words: {list}");
    assert!(
        list.contains("hreflang=\"pt\"") && list.contains(">Português</a>"),
        "the language menu offers it by its own name: {list}"
    );
    assert!(list.contains(">English</a>") && list.contains(">Français</a>"), "beside the others: {list}");

    reader.get("/lang/pt").await;
    let (status, page, _) = reader.get(&format!("/calls/{call}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert!(page.contains("lang=\"pt\""), "{page}");
    assert!(page.contains("Quem pode candidatar-se"), "{page}");
    assert!(page.contains("1.500.000 €"), "amounts as the catalogue writes them: {page}");
    assert!(page.contains("Organização da sociedade civil"), "the profile's names for its terms: {page}");
    assert!(page.contains("encerra dentro de 30 dias"), "plural rules of the catalogue: {page}");
    let deadline = app.now() + Duration::days(30);
    let month = PORTUGUESE_MONTHS[usize::try_from(deadline.month0()).unwrap()];
    assert!(page.contains(&format!("de {month} de {}", deadline.year())), "dates in Portuguese: {page}");
    assert!(
        page.contains("Back to the calls for proposals"),
        "what the catalogue does not translate yet reads in English: {page}"
    );
    assert!(!page.contains("back_to_calls"), "never a message id: {page}");

    let (status, _, _) = reader.get("/lang/xx").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a language without a catalogue is still refused");
}

async fn a_portuguese_applicant_gets_the_emails_in_portuguese(app: TestApp) {
    let manager = app.manager().await;
    let call = app.published_call(&manager, "MMD-CFP-2026-71").await;
    let portuguese: Language = "pt".parse().unwrap();
    let ana = app.user("ana@example.org", &[Role::Applicant], Some("Associação Lusa"), portuguese).await;
    let id = app.draft(&ana, call).await;
    let (status, body) = app.act(&ana, id, "submit", serde_json::json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let receipt = emails::queued(&app, "application_submitted_receipt", "ana@example.org").await;
    assert_eq!(receipt.language(), portuguese, "the outbox keeps the reader's language");
    let email = emails::rendered(&receipt);
    let reference = "MMD-CFP-2026-71-0001";

    assert_eq!(email.subject, format!("[MMD Grants] Candidatura recebida: {reference}"));
    assert!(email.text.starts_with("Olá "), "the catalogue's greeting: {}", email.text);
    assert!(email.text.contains("Recebemos a sua candidatura «"), "the catalogue's sentence: {}", email.text);
    assert!(email.text.contains(" ao convite "), "{}", email.text);
    assert!(
        email.text.contains("Your application reference is:") && email.text.contains("Kind regards,"),
        "what pt.ftl lacks reads in English: {}",
        email.text
    );
    assert!(email.html.contains("<html lang=\"pt\">") && email.html.contains("<div lang=\"pt\""), "{}", email.html);
    assert!(email.html.contains("Ver a sua candidatura</a>"), "{}", email.html);
    assert!(email.html.contains("<h1") && email.html.contains(">Candidatura recebida</h1>"), "{}", email.html);
    for part in [&email.subject, &email.text, &email.html] {
        assert!(!part.contains("email-"), "never a message id: {part}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn emails_sqlite() {
    run_test_for_programme(
        Backend::Sqlite,
        portuguese_programme(),
        a_portuguese_applicant_gets_the_emails_in_portuguese,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn emails_postgres() {
    run_test_for_programme(
        Backend::Postgres,
        portuguese_programme(),
        a_portuguese_applicant_gets_the_emails_in_portuguese,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite() {
    run_test_for_programme(Backend::Sqlite, portuguese_programme(), a_portuguese_reader_gets_the_pages_in_portuguese)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres() {
    run_test_for_programme(Backend::Postgres, portuguese_programme(), a_portuguese_reader_gets_the_pages_in_portuguese)
        .await;
}
