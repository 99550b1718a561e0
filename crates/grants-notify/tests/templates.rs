//! Every email the workflow can send has templates, and they render in every language with the data the
//! store queues: no missing field, no empty placeholder, no message id, HTML escaped only where it should
//! be. Their sentences are the catalogues' (`templates/i18n/<code>.ftl`), each written in English and French.

use std::collections::BTreeSet;

use grants_domain::Language;
use grants_notify::Templates;
use grants_workflow::{ApplicationMachine, CallMachine, Machine};
use serde_json::{Value, json};

/// Non-empty values for every field a template may use, distinct enough to be found in the output.
fn fixture(event: &str) -> Value {
    let mut context = json!({
        "programme": {"name": "MMD Grants"},
        "base_url": "https://grants.example.org",
        "recipient": {"name": "Aminata <script>alert(1)</script> Traoré"},
        "reason": "REASON-TEXT",
        "application": {"id": 42, "reference": "MMD-CFP-2026-01-0042", "title": "Kayes youth mobility", "state": "submitted"},
        "call": {"id": 7, "reference": "MMD-CFP-2026-01", "title": "CALL-TITLE", "title_en": "CALL-TITLE", "title_fr": "CALL-TITLE", "state": "published"},
        "payload": {"question": "QUESTION-TEXT", "due_at": "2026-12-01T12:00:00+00:00", "answer": "ANSWER-TEXT"},
        "links": {
            "application": "https://grants.example.org/applications/42",
            "call": "https://grants.example.org/calls/7",
            "scorecard": "https://grants.example.org/evaluations/9",
            "report": "https://grants.example.org/reports/3",
            "action": "https://grants.example.org/account/confirm?token=abc",
        },
        "due_at": "2026-12-01T12:00:00+00:00",
        "grant": {"reference": "MMD-CFP-2026-01-0042"},
        "report": {"kind": "interim", "period": 1, "due_at": "2027-03-01T00:00:00+00:00"},
        "payment": {"sequence": 2, "amount": "80000.00", "kind": "prefinancing"},
        "expires_in_hours": 24,
        "expires_in_days": 7,
        "amount": {"awarded": "250,000.00 EUR", "requested": "280,000.00 EUR"},
        "evaluation": {
            "total": "80.00",
            "max": "100",
            "sections": [{"label": "Relevance", "en": "Relevance", "fr": "Pertinence", "points": "24.00", "max": "30"}],
            "comments": ["COMMENT-TEXT"],
        },
        "agreement": {
            "amount": "250,000.00 EUR",
            "starts_on": "1 January 2027",
            "ends_on": "31 December 2028",
            "payments": [
                {"sequence": 1, "kind": "prefinancing", "amount": "100,000.00 EUR", "released_by_period": null},
                {"sequence": 2, "kind": "prefinancing", "amount": "100,000.00 EUR", "released_by_period": 1},
                {"sequence": 3, "kind": "balance", "amount": "50,000.00 EUR", "released_by_period": 2},
            ],
            "reports": [{"kind": "interim", "period": 1, "due_on": "1 March 2028"}, {"kind": "final", "period": 2, "due_on": "1 March 2029"}],
        },
        "discrepancy": {"first_total": "82", "second_total": "55.5", "gap": "26.5", "allowed_gap": "20"},
        "question": "QUESTION-ASKED",
        "answer": "ANSWER-PUBLISHED",
        "count": 2,
        "applications": [
            {"id": 42, "reference": "MMD-CFP-2026-01-0042", "title": "Kayes youth mobility", "organisation": "AMMD", "path": "/applications/42"},
            {"id": 43, "reference": "MMD-CFP-2026-01-0043", "title": "Dakar returnees", "organisation": "ARD", "path": "/applications/43"},
        ],
    });
    if event.starts_with("call_") {
        context.as_object_mut().unwrap().remove("application");
    }
    context
}

fn workflow_templates() -> BTreeSet<&'static str> {
    let mut names: BTreeSet<&'static str> = BTreeSet::new();
    names.extend(ApplicationMachine::table().iter().flat_map(|row| row.notices.iter().map(|n| n.template)));
    names.extend(CallMachine::table().iter().flat_map(|row| row.notices.iter().map(|n| n.template)));
    names
}

#[test]
fn every_notice_of_the_workflow_has_templates() {
    let templates = Templates::embedded().unwrap();
    let available: BTreeSet<&str> = templates.events().iter().map(String::as_str).collect();
    for name in workflow_templates() {
        assert!(available.contains(name), "no templates for {name}");
    }
    for reminder in [
        "scorecard_reminder",
        "report_due_reminder",
        "report_overdue",
        "report_submitted",
        "report_approved",
        "report_changes_requested",
        "payment_made",
        grants_store::notice_digests::DIGEST_TEMPLATE,
        grants_store::call_questions::ANSWERED_TEMPLATE,
    ] {
        assert!(available.contains(reminder), "no templates for {reminder}");
    }
}

#[test]
fn every_template_renders_in_every_language_without_gaps() {
    let templates = Templates::embedded().unwrap();
    for event in templates.events() {
        for lang in Language::all() {
            let email =
                templates.render(event, lang, &fixture(event)).unwrap_or_else(|e| panic!("{event} {lang}: {e}"));
            assert!(email.subject.starts_with("[MMD Grants] "), "{event} {lang}: {}", email.subject);
            assert!(!email.subject.contains('\n'));
            for (part, body) in [("text", &email.text), ("html", &email.html)] {
                assert!(!body.contains("{{") && !body.contains("}}"), "{event}/{part}.{lang} left a placeholder");
                assert!(
                    !body.contains("()") && !body.contains("« »") && !body.contains("\"\""),
                    "{event}/{part}.{lang} has an empty placeholder:\n{body}"
                );
                assert!(body.contains("https://grants.example.org/"), "{event}/{part}.{lang} has no link");
                assert!(
                    !body.contains("email-") && !body.contains("{$"),
                    "{event}/{part}.{lang}: a message is missing:\n{body}"
                );
            }
            assert!(!email.subject.contains("email-"), "{event}.{lang}: {}", email.subject);
            assert!(email.text.contains("Aminata <script>"), "text parts are not HTML-escaped");
            assert!(!email.html.contains("<script>"), "{event}.{lang}: HTML parts are escaped");
            assert!(email.html.contains("&lt;script&gt;"), "{event}.{lang}: the name is shown, escaped");
            assert!(email.html.contains("name=\"viewport\""), "{event}.{lang}: phones render it at their width");
        }
    }
}

#[test]
fn french_and_english_differ() {
    let templates = Templates::embedded().unwrap();
    let en = templates
        .render("application_submitted_receipt", Language::EN, &fixture("application_submitted_receipt"))
        .unwrap();
    let fr = templates
        .render("application_submitted_receipt", Language::FR, &fixture("application_submitted_receipt"))
        .unwrap();
    assert_ne!(en.subject, fr.subject);
    assert!(en.subject.contains("MMD-CFP-2026-01-0042") && fr.subject.contains("MMD-CFP-2026-01-0042"));
    assert!(fr.html.contains("lang=\"fr\""));
}

#[test]
fn a_folder_overrides_single_templates_and_a_broken_one_stops_loading() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(folder.path().join("call_closed")).unwrap();
    std::fs::write(folder.path().join("call_closed/subject.en.hbs"), "[{{programme.name}}] Closed: {{call.reference}}")
        .unwrap();
    let templates = Templates::load(Some(folder.path())).unwrap();
    let email = templates.render("call_closed", Language::EN, &fixture("call_closed")).unwrap();
    assert_eq!(email.subject, "[MMD Grants] Closed: MMD-CFP-2026-01");
    let french = templates.render("call_closed", Language::FR, &fixture("call_closed")).unwrap();
    assert_eq!(
        french.subject, "[MMD Grants] Appel clôturé : MMD-CFP-2026-01",
        "a file for English is for English only"
    );

    std::fs::write(
        folder.path().join("call_closed/subject.hbs"),
        "{{t \"email-call-closed-heading\"}}: {{call.reference}}",
    )
    .unwrap();
    let templates = Templates::load(Some(folder.path())).unwrap();
    let french = templates.render("call_closed", Language::FR, &fixture("call_closed")).unwrap();
    assert_eq!(french.subject, "Appel clôturé: MMD-CFP-2026-01", "a shared file replaces the shared one");
    let english = templates.render("call_closed", Language::EN, &fixture("call_closed")).unwrap();
    assert_eq!(english.subject, "[MMD Grants] Closed: MMD-CFP-2026-01", "the English file still comes first");

    std::fs::write(folder.path().join("call_closed/subject.en.hbs"), "{{#if call.reference}}unclosed").unwrap();
    assert!(Templates::load(Some(folder.path())).is_err());
    std::fs::write(folder.path().join("call_closed/subject.en.hbs"), "{{t \"email-call-closd-subject\"}}").unwrap();
    let error = Templates::load(Some(folder.path())).unwrap_err().to_string();
    assert!(error.contains("email-call-closd-subject"), "a message no catalogue has stops loading: {error}");
}

#[test]
fn sentences_are_escaped_in_html_only_and_numbers_choose_the_plural() {
    let templates = Templates::embedded().unwrap();
    let mut context = fixture("password_reset");
    context["programme"]["name"] = json!("R&D <Grants>");
    context["expires_in_hours"] = json!(1);
    let email = templates.render("password_reset", Language::EN, &context).unwrap();
    assert!(email.text.contains("your R&D <Grants> account"), "{}", email.text);
    assert!(email.html.contains("your R&amp;D &lt;Grants&gt; account"), "{}", email.html);
    assert!(email.text.contains("This link expires in 1 hour."), "{}", email.text);
    context["expires_in_hours"] = json!(2);
    let email = templates.render("password_reset", Language::FR, &context).unwrap();
    assert!(email.text.contains("Ce lien expire dans 2 heures."), "{}", email.text);
    assert!(email.html.contains("<div lang=\"fr\""), "{}", email.html);
}

#[test]
fn strict_mode_refuses_missing_data() {
    let templates = Templates::embedded().unwrap();
    let mut context = fixture("application_submitted_receipt");
    context.as_object_mut().unwrap().remove("recipient");
    assert!(templates.render("application_submitted_receipt", Language::EN, &context).is_err());
}
