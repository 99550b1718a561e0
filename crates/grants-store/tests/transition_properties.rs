//! Random action sequences against the real store: every success follows a table row and writes exactly
//! one event and the emails the row names; every refusal changes nothing.

use chrono::{Duration, Utc};
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, Money, Role};
use grants_store::Store;
use grants_store::applications::DraftChanges;
use grants_store::calls::CallDesign;
use grants_store::transition::ActionRequest;
use grants_store::users::NewUser;
use grants_testkit::{TestApp, db_test};
use grants_workflow::machine::find;
use grants_workflow::{Actor, ApplicationAction, ApplicationMachine, Audience, CallAction};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use strum::IntoEnumIterator;

/// One requested step: which action, by whom, with a reason or not, with which payload.
#[derive(Debug, Clone)]
struct Step {
    action: ApplicationAction,
    actor: usize,
    reason: bool,
    payload: usize,
    checklist: bool,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let actions: Vec<ApplicationAction> = ApplicationAction::iter().collect();
    let step = (proptest::sample::select(actions), 0..4_usize, any::<bool>(), 0..3_usize, any::<bool>())
        .prop_map(|(action, actor, reason, payload, checklist)| Step { action, actor, reason, payload, checklist });
    prop::collection::vec(step, 1..20)
}

struct World {
    store: Store,
    call_id: i64,
    organisation_id: i64,
    applicant: i64,
    manager: i64,
}

async fn setup(app: &TestApp) -> World {
    let store = app.store().clone();
    let now = Utc::now();
    let manager = app.user("manager@example.org", &[Role::Manager], None, Language::En).await;
    let applicant = app.applicant("aminata@example.org", "AMMD").await;
    let rules = CallRules {
        reference: "MMD-CFP-2026-01".into(),
        title_en: "Call".into(),
        title_fr: "Appel".into(),
        description_en: "Description".into(),
        description_fr: "Description".into(),
        procedure: Procedure::Open,
        total_budget: Money::from_cents(150_000_000),
        min_grant: Money::from_cents(5_000_000),
        max_grant: Money::from_cents(30_000_000),
        opens_at: now - Duration::days(1),
        deadline_at: now + Duration::days(60),
        display_timezone: "UTC".into(),
    };
    let design = CallDesign { rules, settings: CallSettings::defaults_for(store.programme()), lots: Vec::new() };
    let call = store.create_call(design, manager.id, now).await.unwrap();
    let request = ActionRequest {
        actor: Actor::MANAGER,
        actor_user_id: Some(manager.id),
        reason: None,
        payload: &Value::Null,
        expected_version: None,
        now,
        language: Language::En,
    };
    store.apply_call_action(call.id, CallAction::Publish, request).await.unwrap();
    // A second manager and a user with no part in the application, so audiences have something to resolve.
    store
        .create_user(
            NewUser {
                email: "second.manager@example.org".into(),
                display_name: "Second".into(),
                language: Language::Fr,
                roles: vec![Role::Manager],
                organisation_id: None,
                country: None,
            },
            now,
        )
        .await
        .unwrap();
    World {
        store,
        call_id: call.id,
        organisation_id: applicant.organisation_id.unwrap(),
        applicant: applicant.id,
        manager: manager.id,
    }
}

fn audience_size(audience: Audience) -> usize {
    match audience {
        Audience::Applicant => 1,
        Audience::Managers => 2,
        Audience::Evaluators | Audience::CallApplicants => 0,
    }
}

async fn check(world: &World, steps: Vec<Step>) -> Result<(), String> {
    let now = Utc::now();
    let store = &world.store;
    let content = DraftChanges { answers: Some(grants_domain::form::mmd_full_application_example()), lot_id: None };
    let application = store
        .create_application(world.call_id, world.organisation_id, world.applicant, content, now)
        .await
        .map_err(|e| e.to_string())?;
    for step in steps {
        let before = store.application(application.id).await.map_err(|e| e.to_string())?;
        let outbox_before = store.count_outbox().await.map_err(|e| e.to_string())?;
        let (actor, user) = match step.actor {
            0 => (Actor::APPLICANT, Some(world.applicant)),
            1 => (Actor::MANAGER, Some(world.manager)),
            2 => (Actor::ADMIN, Some(world.manager)),
            _ => (Actor::System, None),
        };
        let payload = match step.payload {
            0 => Value::Null,
            1 => json!({ "question": "Statuts ?", "due_at": (now + Duration::days(5)).to_rfc3339() }),
            _ => json!({ "answer": "Voici les statuts." }),
        };
        let reason = step.reason.then_some("recorded reason");
        if step.checklist && before.state == grants_workflow::ApplicationState::EligibilityReview {
            for item in ["submitted_on_time", "complete", "declaration_signed", "lead_eligible"] {
                let passed = step.payload != 2 || item != "complete";
                store
                    .record_check(application.id, item, passed, Some("checked"), world.manager, now)
                    .await
                    .map_err(|e| e.to_string())?;
            }
        }
        let events_before = store.count_events().await.map_err(|e| e.to_string())?;
        let request = ActionRequest {
            actor,
            actor_user_id: user,
            reason,
            payload: &payload,
            expected_version: None,
            now,
            language: Language::Fr,
        };
        let result = store.apply_application_action(application.id, step.action, request).await;
        let after = store.application(application.id).await.map_err(|e| e.to_string())?;
        let events_after = store.count_events().await.map_err(|e| e.to_string())?;
        let outbox_after = store.count_outbox().await.map_err(|e| e.to_string())?;
        match result {
            Ok((_, outcome)) => {
                let row =
                    find::<ApplicationMachine>(before.state, step.action).ok_or("a success without a table row")?;
                if after.state != row.to || after.version != before.version + 1 {
                    return Err(format!(
                        "{:?} from {} led to {} v{}",
                        step.action, before.state, after.state, after.version
                    ));
                }
                if events_after != events_before + 1 {
                    return Err(format!("{:?} wrote {} events", step.action, events_after - events_before));
                }
                let expected: usize = row.notices.iter().map(|n| audience_size(n.audience)).sum();
                let written = store.outbox_for_event(outcome.event_id).await.map_err(|e| e.to_string())?;
                if written.len() != expected || outbox_after - outbox_before != expected as u64 {
                    return Err(format!("{:?} queued {} emails, its row names {expected}", step.action, written.len()));
                }
            }
            Err(_) => {
                if after != before || events_after != events_before || outbox_after != outbox_before {
                    return Err(format!("refused {:?} from {} changed something", step.action, before.state));
                }
            }
        }
    }
    Ok(())
}

db_test!(
    async fn random_action_sequences_respect_the_table(app: TestApp) {
        let world = setup(&app).await;
        let handle = tokio::runtime::Handle::current();
        tokio::task::block_in_place(|| {
            let mut runner = TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
            runner.run(&steps(), |steps| handle.block_on(check(&world, steps)).map_err(TestCaseError::fail)).unwrap();
        });
    }
);
