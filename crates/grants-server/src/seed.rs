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
use grants_store::applications::DraftChanges;
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
}

const APPLICANTS: &[Applicant] = &[
    Applicant {
        organisation: "Association Malienne Migration et Développement",
        country: "ML",
        org_type: OrganisationType::CivilSociety,
        contact: "Aminata Traoré",
        email: "aminata.traore@example.org",
        language: Language::Fr,
        title: "Accompagner la réintégration des migrants de retour à Kayes",
        amount: "180000",
        path: &[A::Submit, A::OpenReview, A::DeclareEligible],
    },
    Applicant {
        organisation: "Commune de Saint-Louis",
        country: "SN",
        org_type: OrganisationType::LocalAuthority,
        contact: "Ousmane Diop",
        email: "ousmane.diop@example.org",
        language: Language::Fr,
        title: "Guichet local d'information sur la migration légale",
        amount: "150000",
        path: &[A::Submit, A::OpenReview, A::RequestClarification],
    },
    Applicant {
        organisation: "Réseau des Compétences Marocaines à l'Étranger",
        country: "MA",
        org_type: OrganisationType::Diaspora,
        contact: "Yasmine El Idrissi",
        email: "yasmine.elidrissi@example.org",
        language: Language::Fr,
        title: "Mobilising diaspora skills for youth employment in the Oriental region",
        amount: "220000",
        path: &[A::Submit],
    },
    Applicant {
        organisation: "Lagos Migrant Rights Initiative",
        country: "NG",
        org_type: OrganisationType::CivilSociety,
        contact: "Chinedu Okafor",
        email: "chinedu.okafor@example.org",
        language: Language::En,
        title: "Community early warning against trafficking along the Lagos–Agadez route",
        amount: "200000",
        path: &[A::Submit, A::OpenReview],
    },
    Applicant {
        organisation: "Addis Protection Network",
        country: "ET",
        org_type: OrganisationType::CivilSociety,
        contact: "Hanna Tesfaye",
        email: "hanna.tesfaye@example.org",
        language: Language::En,
        title: "Legal aid for refugees and asylum seekers in Addis Ababa",
        amount: "60000",
        path: &[A::Submit, A::OpenReview, A::DeclareIneligible],
    },
    Applicant {
        organisation: "Mombasa County Migration Office",
        country: "KE",
        org_type: OrganisationType::LocalAuthority,
        contact: "Wanjiru Kamau",
        email: "wanjiru.kamau@example.org",
        language: Language::En,
        title: "Safe labour mobility information for coastal youth",
        amount: "120000",
        path: &[],
    },
    Applicant {
        organisation: "Tunisian Diaspora for Development",
        country: "TN",
        org_type: OrganisationType::Diaspora,
        contact: "Karim Ben Salah",
        email: "karim.bensalah@example.org",
        language: Language::Fr,
        title: "Transferts de fonds et investissement productif à Sfax",
        amount: "160000",
        path: &[A::Submit, A::Withdraw],
    },
];

/// The password of every demo account, for trying the web pages. Demo data only: never on a real
/// installation.
pub const DEMO_PASSWORD: &str = "mmd-demo-2026";

/// Loads the demo. Refuses to run twice.
pub async fn run(store: &Store, now: DateTime<Utc>) -> anyhow::Result<()> {
    if store.list_calls(None, 1, 100).await?.items.iter().any(|c| c.rules.reference == DEMO_CALL) {
        bail!("the demo is already loaded (call {DEMO_CALL} exists)");
    }
    let manager = staff(store, "programme.manager@example.org", "Programme Manager", Role::Manager, now).await?;
    let auditor = staff(store, "auditor@example.org", "External Auditor", Role::Auditor, now).await?;
    let evaluators = [
        staff(store, "evaluator.one@example.org", "Fatou Ndiaye", Role::Evaluator, now).await?,
        staff(store, "evaluator.two@example.org", "Jan de Vries", Role::Evaluator, now).await?,
    ];
    for user in [&manager, &auditor].into_iter().chain(evaluators.iter()) {
        store.set_password(user.id, DEMO_PASSWORD).await?;
    }
    let call_id = demo_call(store, manager.id, now).await?;
    let mut tokens = vec![("programme.manager@example.org", store.issue_token(manager.id, "seed-demo", now).await?)];
    for applicant in APPLICANTS {
        let user_id = seed_applicant(store, applicant, call_id, manager.id, now).await?;
        store.set_password(user_id, DEMO_PASSWORD).await?;
        if applicant.country == "ML" {
            tokens.push((applicant.email, store.issue_token(user_id, "seed-demo", now).await?));
        }
    }
    eprintln!("loaded call {DEMO_CALL} with {} applications", APPLICANTS.len());
    eprintln!(
        "web sign-in: any demo email (e.g. aminata.traore@example.org, programme.manager@example.org, evaluator.one@example.org) with password {DEMO_PASSWORD}"
    );
    eprintln!("API tokens:");
    for (email, token) in tokens {
        println!("{email}\t{token}");
    }
    Ok(())
}

async fn staff(
    store: &Store,
    email: &str,
    name: &str,
    role: Role,
    now: DateTime<Utc>,
) -> anyhow::Result<grants_store::User> {
    let new = NewUser {
        email: email.into(),
        display_name: name.into(),
        language: Language::En,
        roles: vec![role],
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
    let settings = CallSettings::defaults_for(store.programme());
    let lots = vec![
        Lot { name: "Lot 1 — Rabat Process countries".into(), budget: "900000".parse()? },
        Lot { name: "Lot 2 — Khartoum Process countries".into(), budget: "600000".parse()? },
    ];
    let call = store.create_call(CallDesign { rules, settings, lots }, manager_id, now).await?;
    let publish = ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager_id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::En,
    };
    store.apply_call_action(call.id, CallAction::Publish, publish).await.context("publishing the demo call")?;
    Ok(call.id)
}

/// Registers one applicant organisation and its contact, drafts its application and walks it along
/// its path through the real transitions. Returns the contact's user id.
async fn seed_applicant(
    store: &Store,
    applicant: &Applicant,
    call_id: i64,
    manager_id: i64,
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
    Ok(user.id)
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
