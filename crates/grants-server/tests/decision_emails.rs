//! The decision letters as the applicant receives them, rendered from what the store queued in the
//! decision's transaction (not a fixture): the amount in the reader's notation, the consolidated score
//! by section, the evaluators' comments without their names, in French and in English; the agreement
//! email's amount, dates, payment schedule and report due dates.

use grants_domain::Language;
use grants_testkit::{TestApp, TestUser, db_test};
use reqwest::StatusCode;
use serde_json::json;

#[path = "support/emails.rs"]
mod emails;

async fn letter(app: &TestApp, template: &str, to: &str) -> grants_notify::RenderedEmail {
    emails::rendered(&emails::queued(app, template, to).await)
}

db_test!(
    async fn award_and_rejection_letters_carry_the_amount_the_scores_and_the_comments(app: TestApp) {
        let manager = app.manager().await;
        let evaluators =
            [app.evaluator("ousmane.diallo@example.org").await, app.evaluator("claire.martin@example.org").await];
        let pair: Vec<&TestUser> = evaluators.iter().collect();
        let call_id = app.published_call(&manager, "MMD-CFP-2026-80").await;
        let winner = app.applicant("aminata@example.org", "AMMD").await;
        let other =
            app.user("john@example.org", &[grants_domain::Role::Applicant], Some("Diaspora UK"), Language::EN).await;
        let awarded = app.evaluated_application(&manager, &winner, call_id, &pair, 4).await;
        let rejected = app.evaluated_application(&manager, &other, call_id, &pair, 2).await;
        let (status, body) = app.act(&manager, awarded, "award", json!({ "payload": { "amount": "250000.00" } })).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = app.act(&manager, rejected, "reject", json!({ "reason": "Below the threshold." })).await;
        assert_eq!(status, StatusCode::OK, "{body}");

        let award = letter(&app, "application_awarded", "aminata@example.org").await;
        assert!(award.text.contains("Montant accordé : 250\u{202f}000\u{a0}€"), "{}", award.text);
        assert!(award.text.contains("Note consolidée : 80") && award.text.contains("/ 100"), "{}", award.text);
        assert!(award.text.contains("Clear, feasible and relevant to the JVAP."), "the comments: {}", award.text);
        for evaluator in &evaluators {
            let name = app.store().user(evaluator.id).await.unwrap().display_name;
            assert!(!award.text.contains(&name) && !award.html.contains(&name), "never {name}'s name");
        }
        assert!(award.html.contains("250\u{202f}000\u{a0}€"), "{}", award.html);

        let terms = json!({ "payload": { "starts_on": "2027-01-01", "ends_on": "2028-12-31" } });
        let (status, body) = app.act(&manager, awarded, "sign_agreement", terms).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let agreement = letter(&app, "agreement_signed", "aminata@example.org").await;
        assert!(agreement.text.contains("Montant de la subvention : 250\u{202f}000\u{a0}€"), "{}", agreement.text);
        assert!(agreement.text.contains("du 1 janvier 2027 au 31 décembre 2028"), "{}", agreement.text);
        assert!(
            agreement.text.contains("1. ") && agreement.text.contains("versé à la signature"),
            "{}",
            agreement.text
        );
        assert!(agreement.text.contains("solde, à l'approbation du rapport final"), "{}", agreement.text);
        assert!(agreement.text.contains("Rapport final : "), "the reports and their due dates: {}", agreement.text);

        let rejection = letter(&app, "application_rejected", "john@example.org").await;
        assert!(
            rejection.text.contains("Consolidated score: 40") && rejection.text.contains("/ 100"),
            "{}",
            rejection.text
        );
        assert!(rejection.text.contains("Amount requested: €280,000"), "{}", rejection.text);
        assert!(rejection.text.contains("Below the threshold."), "the reason");
    }
);
