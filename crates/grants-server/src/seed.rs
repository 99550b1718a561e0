//! `seed-demo`: a small, realistic MMD call to try the product with.
//!
//! Every state change goes through the real transition executor, so the demo's audit trail and outbox
//! look exactly like real ones.

use anyhow::{Context, bail};
use chrono::{DateTime, Duration, Utc};
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::{CallSettings, Lot};
use grants_domain::{Language, OrganisationType, Role};
use grants_store::Store;
use grants_store::agreements::Acting;
use grants_store::applications::DraftChanges;
use grants_store::attachment_upload::UploadMeta;
use grants_store::calls::CallDesign;
use grants_store::transition::ActionRequest;
use grants_store::users::{NewOrganisation, NewUser};
use grants_workflow::{Actor, ApplicationAction as A, CallAction};
use serde_json::{Value, json};

/// The demo call's reference; its presence means the demo is loaded already.
pub const DEMO_CALL: &str = "MMD-CFP-2026-01";

struct Applicant {
    organisation: &'static str,
    country: &'static str,
    org_type: OrganisationType,
    contact: &'static str,
    email: &'static str,
    language: Language,
    title: &'static str,
    amount: &'static str,
    path: &'static [A],
    /// How far evaluation and award go after the path.
    then: After,
}

/// What happens to an eligible demo application after its path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    /// Nothing more.
    Stop,
    /// One evaluator has scored, the other not yet.
    HalfScored,
    /// Both evaluators scored every criterion this.
    Scored(u8),
    /// Scored, then awarded.
    Awarded(u8),
    /// Scored, awarded, and the agreement signed.
    Contracted(u8),
}

const APPLICANTS: &[Applicant] = &[
    Applicant {
        organisation: "Association Malienne Migration et Développement",
        country: "ML",
        org_type: OrganisationType::CivilSociety,
        contact: "Aminata Traoré",
        email: "aminata.traore@example.org",
        language: Language::FR,
        title: "Accompagner la réintégration des migrants de retour à Kayes",
        amount: "180000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
        then: After::Stop,
    },
    Applicant {
        organisation: "Commune de Saint-Louis",
        country: "SN",
        org_type: OrganisationType::LocalAuthority,
        contact: "Ousmane Diop",
        email: "ousmane.diop@example.org",
        language: Language::FR,
        title: "Guichet local d'information sur la migration légale",
        amount: "150000",
        path: &[A::Submit, A::OpenReview, A::RequestClarification],
        then: After::Stop,
    },
    Applicant {
        organisation: "Réseau des Compétences Marocaines à l'Étranger",
        country: "MA",
        org_type: OrganisationType::Diaspora,
        contact: "Yasmine El Idrissi",
        email: "yasmine.elidrissi@example.org",
        language: Language::FR,
        title: "Mobilising diaspora skills for youth employment in the Oriental region",
        amount: "220000",
        path: &[A::Submit],
        then: After::Stop,
    },
    Applicant {
        organisation: "Lagos Migrant Rights Initiative",
        country: "NG",
        org_type: OrganisationType::CivilSociety,
        contact: "Chinedu Okafor",
        email: "chinedu.okafor@example.org",
        language: Language::EN,
        title: "Community early warning against trafficking along the Lagos–Agadez route",
        amount: "200000",
        path: &[A::Submit, A::OpenReview],
        then: After::Stop,
    },
    Applicant {
        organisation: "Addis Protection Network",
        country: "ET",
        org_type: OrganisationType::CivilSociety,
        contact: "Hanna Tesfaye",
        email: "hanna.tesfaye@example.org",
        language: Language::EN,
        title: "Legal aid for refugees and asylum seekers in Addis Ababa",
        amount: "60000",
        path: &[A::Submit, A::OpenReview, A::DeclareIneligible],
        then: After::Stop,
    },
    Applicant {
        organisation: "Mombasa County Migration Office",
        country: "KE",
        org_type: OrganisationType::LocalAuthority,
        contact: "Wanjiru Kamau",
        email: "wanjiru.kamau@example.org",
        language: Language::EN,
        title: "Safe labour mobility information for coastal youth",
        amount: "120000",
        path: &[],
        then: After::Stop,
    },
    Applicant {
        organisation: "Tunisian Diaspora for Development",
        country: "TN",
        org_type: OrganisationType::Diaspora,
        contact: "Karim Ben Salah",
        email: "karim.bensalah@example.org",
        language: Language::FR,
        title: "Transferts de fonds et investissement productif à Sfax",
        amount: "160000",
        path: &[A::Submit, A::Withdraw],
        then: After::Stop,
    },
    Applicant {
        organisation: "Association des Jeunes de Tambacounda",
        country: "SN",
        org_type: OrganisationType::CivilSociety,
        contact: "Mamadou Ba",
        email: "mamadou.ba@example.org",
        language: Language::FR,
        title: "Informer les jeunes de Tambacounda sur les voies de migration légale",
        amount: "200000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
        then: After::Contracted(4),
    },
    Applicant {
        organisation: "Burkinabè Diaspora Network Brussels",
        country: "BF",
        org_type: OrganisationType::Diaspora,
        contact: "Awa Ouédraogo",
        email: "awa.ouedraogo@example.org",
        language: Language::FR,
        title: "Investissement de la diaspora dans l'emploi des jeunes à Bobo-Dioulasso",
        amount: "150000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
        then: After::Awarded(4),
    },
    Applicant {
        organisation: "Accra Returnees Association",
        country: "GH",
        org_type: OrganisationType::CivilSociety,
        contact: "Kwame Mensah",
        email: "kwame.mensah@example.org",
        language: Language::EN,
        title: "Reintegration support for returnees in Greater Accra",
        amount: "180000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
        then: After::Scored(3),
    },
    Applicant {
        organisation: "Conakry Women on the Move",
        country: "GN",
        org_type: OrganisationType::CivilSociety,
        contact: "Mariama Camara",
        email: "mariama.camara@example.org",
        language: Language::FR,
        title: "Prévenir la traite des femmes sur la route Conakry–Bamako",
        amount: "120000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
        then: After::HalfScored,
    },
];

/// The password of every demo account, for trying the web pages. Demo data only: never on a real
/// installation.
pub const DEMO_PASSWORD: &str = "mmd-demo-2026";

/// How long the demo's API tokens work.
pub const DEMO_TOKEN_DAYS: i64 = 90;

/// Loads the demo. Refuses to run twice.
pub async fn run(store: &Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    if store.list_call_summaries(None, 1, 100).await?.items.iter().any(|c| c.rules.reference == DEMO_CALL) {
        bail!("the demo is already loaded (call {DEMO_CALL} exists)");
    }
    // The programme manager also administers the people of the demo (invitations, roles, tokens).
    let manager =
        staff(store, "programme.manager@example.org", "Programme Manager", &[Role::Manager, Role::Admin], now).await?;
    let auditor = staff(store, "auditor@example.org", "External Auditor", &[Role::Auditor], now).await?;
    let evaluators = [
        staff(store, "evaluator.one@example.org", "Fatou Ndiaye", &[Role::Evaluator], now).await?,
        staff(store, "evaluator.two@example.org", "Jan de Vries", &[Role::Evaluator], now).await?,
    ];
    for user in [&manager, &auditor].into_iter().chain(evaluators.iter()) {
        store.set_password(user.id, DEMO_PASSWORD).await?;
    }
    let (second_factor, recovery_codes) = store.enable_totp(manager.id, now).await?;
    let call_id = demo_call(store, manager.id, now).await?;
    let token_expiry = now + chrono::Duration::days(DEMO_TOKEN_DAYS);
    let mut tokens =
        vec![("programme.manager@example.org", store.issue_token(manager.id, "seed-demo", now, token_expiry).await?.0)];
    for applicant in APPLICANTS {
        let evaluator_ids = [evaluators[0].id, evaluators[1].id];
        let user_id = seed_applicant(store, applicant, call_id, manager.id, &evaluator_ids, now).await?;
        store.set_password(user_id, DEMO_PASSWORD).await?;
        if applicant.country == "ML" {
            tokens.push((applicant.email, store.issue_token(user_id, "seed-demo", now, token_expiry).await?.0));
        }
    }
    eprintln!("loaded call {DEMO_CALL} with {} applications", APPLICANTS.len());
    eprintln!(
        "web sign-in: any demo email (e.g. aminata.traore@example.org, programme.manager@example.org, evaluator.one@example.org) with password {DEMO_PASSWORD}"
    );
    eprintln!(
        "programme.manager@example.org signs in in two steps: type the authenticator key {second_factor} into an authenticator app (or use a recovery code: {})",
        recovery_codes.join(" ")
    );
    eprintln!("API tokens (valid {DEMO_TOKEN_DAYS} days):");
    for (email, token) in tokens {
        println!("{email}\t{token}");
    }
    Ok(())
}

async fn staff(
    store: &Store,
    email: &str,
    name: &str,
    roles: &[Role],
    now: DateTime<Utc>,
) -> anyhow::Result<grants_store::User> {
    let new = NewUser {
        email: email.into(),
        display_name: name.into(),
        language: Language::EN,
        roles: roles.to_vec(),
        organisation_id: None,
        country: None,
    };
    Ok(store.create_user(new, now).await?)
}

/// Creates and publishes the demo call; returns its id.
async fn demo_call(store: &Store, manager_id: i64, now: DateTime<Utc>) -> anyhow::Result<i64> {
    let rules = CallRules {
        reference: DEMO_CALL.into(),
        title_en: "MMD grants for local authorities, CSOs and diaspora organisations 2026".into(),
        title_fr: "Subventions MMD pour autorités locales, OSC et organisations de la diaspora 2026".into(),
        description_en: "Initiatives that translate the commitments of the Rabat Process, the Khartoum Process and \
                         the C2CMMD into action under the five domains of the Joint Valletta Action Plan."
            .into(),
        description_fr: "Initiatives traduisant en actions les engagements du Processus de Rabat, du Processus de \
                         Khartoum et du C2CMMD, dans les cinq domaines du Plan d'action conjoint de La Valette."
            .into(),
        procedure: Procedure::Open,
        total_budget: "1500000".parse()?,
        min_grant: "50000".parse()?,
        max_grant: "250000".parse()?,
        opens_at: now - Duration::days(14),
        deadline_at: now + Duration::days(45),
        display_timezone: "Africa/Bamako".into(),
    };
    let mut settings = CallSettings::defaults_for(store.programme());
    settings.publish_awards = true;
    let lots = vec![
        Lot {
            name: "Lot 1 — Rabat Process countries".into(),
            name_fr: Some("Lot 1 — Pays du Processus de Rabat".into()),
            budget: "900000".parse()?,
        },
        Lot {
            name: "Lot 2 — Khartoum Process countries".into(),
            name_fr: Some("Lot 2 — Pays du Processus de Khartoum".into()),
            budget: "600000".parse()?,
        },
    ];
    let call = store.create_call(CallDesign { rules, settings, lots }, manager_id, now).await?;
    let publish = ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager_id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::EN,
    };
    store.apply_call_action(call.id, CallAction::Publish, publish).await.context("publishing the demo call")?;
    publish_guidelines(store, call.id, manager_id, now).await?;
    Ok(call.id)
}

/// Publishes the demo call's guidelines, a PDF set like any record the service writes.
async fn publish_guidelines(store: &Store, call_id: i64, manager_id: i64, now: DateTime<Utc>) -> anyhow::Result<()> {
    use grants_web::pages::pdf_document::{Block, Style, render};
    let blocks = [
        Block::new(Style::Title, "Guidelines for applicants — Lignes directrices à l'intention des demandeurs"),
        Block::new(Style::Heading, DEMO_CALL),
        Block::new(
            Style::Body,
            "Who may apply, what the call funds, how proposals are evaluated and how to submit before the deadline.",
        ),
    ];
    let bytes = render("Guidelines for applicants", &blocks).context("writing the demo guidelines")?;
    let document = grants_store::call_documents::NewDocument {
        title: "Guidelines for applicants / Lignes directrices",
        filename: "guidelines.pdf",
        uploaded_by: manager_id,
        now,
    };
    store.add_call_document(call_id, document, bytes.into()).await.context("publishing the demo guidelines")?;
    Ok(())
}

/// Registers one applicant organisation and its contact, drafts its application and walks it along
/// its path through the real transitions. Returns the contact's user id.
async fn seed_applicant(
    store: &Store,
    applicant: &Applicant,
    call_id: i64,
    manager_id: i64,
    evaluators: &[i64; 2],
    now: DateTime<Utc>,
) -> anyhow::Result<i64> {
    let organisation = NewOrganisation {
        name: applicant.organisation.into(),
        country: applicant.country.into(),
        org_type: applicant.org_type,
    };
    let organisation = store.create_organisation(organisation, now).await?;
    let user = NewUser {
        email: applicant.email.into(),
        display_name: applicant.contact.into(),
        language: applicant.language,
        roles: vec![Role::Applicant],
        organisation_id: Some(organisation.id),
        country: None,
    };
    let user = store.create_user(user, now).await?;
    let lot = store.call(call_id).await?.lots[usize::from(applicant.country == "ET" || applicant.country == "KE")].id;
    let content = DraftChanges { answers: Some(answers_for(applicant)?), lot_id: Some(lot) };
    let application = store.create_application(call_id, organisation.id, user.id, content, now).await?;
    attach_statutes(store, application.id, user.id, applicant.organisation, now).await?;
    for action in applicant.path {
        match action {
            A::DeclareEligible => {
                for item in store.call(call_id).await?.settings.checklist {
                    store.record_check(application.id, &item.code, true, None, manager_id, now).await?;
                }
            }
            A::DeclareIneligible => {
                let note = "the registration certificate of the lead organisation has expired";
                store.record_check(application.id, "lead_eligible", false, Some(note), manager_id, now).await?;
            }
            _ => {}
        }
        let payload = match action {
            A::RequestClarification => json!({
                "question": "Merci de joindre les statuts signés de la commune partenaire.",
                "due_at": (now + Duration::days(10)).to_rfc3339(),
            }),
            _ => Value::Null,
        };
        let (actor, actor_user_id) = match action {
            A::Submit | A::Withdraw => (Actor::APPLICANT, user.id),
            _ => (Actor::MANAGER, manager_id),
        };
        let request = ActionRequest {
            actor,
            actor_user_id: Some(actor_user_id),
            reason: None,
            payload: &payload,
            expected_version: None,
            now,
            language: applicant.language,
        };
        store
            .apply_application_action(application.id, *action, request)
            .await
            .with_context(|| format!("{action} on {}", applicant.title))?;
    }
    if applicant.then != After::Stop {
        evaluate(store, application.id, manager_id, evaluators, applicant.then, now)
            .await
            .with_context(|| format!("evaluating {}", applicant.title))?;
    }
    Ok(user.id)
}

/// Every demo application carries its organisation's statutes, a small PDF in the file storage.
async fn attach_statutes(
    store: &Store,
    application_id: i64,
    user_id: i64,
    organisation: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let pdf = format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Statutes of {organisation}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    );
    let mut upload = store.begin_attachment(application_id).await?;
    upload.write(bytes::Bytes::from(pdf.into_bytes())).await?;
    let meta = UploadMeta { kind: "statutes", filename: "statutes.pdf", uploaded_by: user_id, now };
    upload.commit(meta).await?;
    Ok(())
}

/// Takes an eligible application through evaluation (both evaluators declare and score), then to award
/// and signature as `then` says, all through the real store operations.
async fn evaluate(
    store: &Store,
    application_id: i64,
    manager_id: i64,
    evaluators: &[i64; 2],
    then: After,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let as_manager = || ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager_id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::EN,
    };
    for evaluator in evaluators {
        store.assign_evaluator(application_id, *evaluator, manager_id, now).await?;
    }
    store.apply_application_action(application_id, A::Assign, as_manager()).await?;
    let points = match then {
        After::Scored(given) | After::Awarded(given) | After::Contracted(given) => given,
        After::HalfScored | After::Stop => 4,
    };
    let grid = store.call(store.application(application_id).await?.call_id).await?.settings.grids.full_application;
    let card: grants_domain::evaluation::Scorecard = serde_json::from_value(json!({
        "scores": grid.criteria().map(|(_, c)| (c.code.clone(), json!(points))).collect::<serde_json::Map<_, _>>(),
        "comments": grid.criteria().map(|(_, c)| (c.code.clone(), json!(format!("{}: clear and well argued.", c.en)))).collect::<serde_json::Map<_, _>>(),
        "overall_comment": "Relevant to the JVAP, feasible, and realistically budgeted.",
    }))?;
    let scoring = if then == After::HalfScored { &evaluators[..1] } else { &evaluators[..] };
    for evaluator in evaluators {
        store.declare(application_id, *evaluator, false, None, now).await?;
    }
    for evaluator in scoring {
        store.save_scorecard(application_id, *evaluator, card.clone(), now).await?;
        store.submit_scorecard(application_id, *evaluator, Language::EN, now).await?;
    }
    store.complete_if_ready(application_id, now).await?;
    if matches!(then, After::Awarded(_) | After::Contracted(_)) {
        store.apply_application_action(application_id, A::Award, as_manager()).await?;
    }
    if matches!(then, After::Contracted(_)) {
        let starts = (now + Duration::days(30)).date_naive();
        let ends = (now + Duration::days(30 + 365)).date_naive();
        let terms = json!({ "starts_on": starts.to_string(), "ends_on": ends.to_string() });
        let request = ActionRequest { payload: &terms, ..as_manager() };
        store.apply_application_action(application_id, A::SignAgreement, request).await?;
        pay_pre_financing(store, application_id, manager_id, now).await?;
    }
    Ok(())
}

/// Pays the pre-financing released at signature, so the demo's open data shows a disbursement.
async fn pay_pre_financing(
    store: &Store,
    application_id: i64,
    manager_id: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let file = store.grant_file(application_id).await?;
    let acting = Acting { user_id: manager_id, actor: Actor::MANAGER, now, language: Language::EN };
    for payment in file.payments.iter().filter(|p| p.status == grants_workflow::PaymentState::Requested) {
        store.mark_paid(application_id, payment.id, acting).await.context("paying the demo pre-financing")?;
    }
    Ok(())
}

/// The example answers, adapted to `applicant`: its organisation leads, in its country, with a budget
/// that meets the call's rules (the grant covers five sixths of the cost).
fn answers_for(applicant: &Applicant) -> anyhow::Result<Value> {
    let requested: i64 = applicant.amount.parse()?;
    let own = requested / 5;
    let total = requested + own;
    let staff = total / 2;
    let travel = total / 5;
    let indirect = (total - staff - travel) / 10;
    let other = total - staff - travel - indirect;
    let money = |euros: i64| format!("{euros}.00");
    let mut answers = grants_domain::form::mmd_full_application_example();
    answers["lead"] = json!({
        "name": applicant.organisation,
        "country": applicant.country,
        "organisation_type": applicant.org_type.to_string(),
    });
    answers["action"]["title"] = json!(applicant.title);
    let second = if applicant.country == "SN" { "ML" } else { "SN" };
    answers["action"]["countries"] = json!([applicant.country, second]);
    answers["budget"] = json!({
        "lines": [
            { "category": "human_resources", "description": "Project team", "amount": money(staff) },
            { "category": "travel", "description": "Field missions", "amount": money(travel) },
            { "category": "other_costs", "description": "Activities and materials", "amount": money(other) },
            { "category": "indirect_costs", "description": "Indirect costs", "amount": money(indirect) },
        ],
        "total": money(total),
        "requested_amount": money(requested),
        "own_contribution": money(own),
    });
    Ok(answers)
}
