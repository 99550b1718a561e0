//! Random action sequences against the real store: every success follows a table row and writes exactly
//! one event and the emails the row names; every refusal changes nothing. Most steps take an action the
//! table allows from where the application stands (the others are anything at all), and a step may first
//! do what the next row's guard waits for (evaluators assigned and scoring, reports approved and payments
//! made), so walks go through evaluation, award, agreement, reports, payments and closure.

use chrono::{DateTime, Duration, Utc};
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::evaluation::Scorecard;
use grants_domain::{Language, Money, Role};
use grants_store::Store;
use grants_store::agreements::{Acting, ReportInput};
use grants_store::applications::DraftChanges;
use grants_store::calls::CallDesign;
use grants_store::transition::ActionRequest;
use grants_store::users::NewUser;
use grants_testkit::{TestApp, db_test};
use grants_workflow::machine::find;
use grants_workflow::{
    Actor, ApplicationAction, ApplicationMachine, ApplicationState, Audience, CallAction, PaymentState, ReportState,
    allowed_actions, needs_reason,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use strum::IntoEnumIterator;

/// One requested step.
#[derive(Debug, Clone)]
struct Step {
    /// Take the `index`-th action the table allows now (by one of its actors), rather than `action`.
    follow: bool,
    index: usize,
    action: ApplicationAction,
    actor: usize,
    reason: bool,
    payload: usize,
    /// First do what the next row waits for.
    prepare: bool,
    /// Days that pass before the step.
    days: i64,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let actions: Vec<ApplicationAction> = ApplicationAction::iter().collect();
    let step = (
        prop::bool::weighted(0.85),
        0..8_usize,
        proptest::sample::select(actions),
        0..4_usize,
        any::<bool>(),
        0..4_usize,
        prop::bool::weighted(0.8),
        0..2_i64,
    )
        .prop_map(|(follow, index, action, actor, reason, payload, prepare, days)| Step {
            follow,
            index,
            action,
            actor,
            reason,
            payload,
            prepare,
            days,
        });
    prop::collection::vec(step, 1..32)
}

struct World {
    store: Store,
    call_id: i64,
    organisation_id: i64,
    applicant: i64,
    manager: i64,
    evaluators: [i64; 2],
}

fn person(email: &str, role: Role, language: Language) -> NewUser {
    NewUser {
        email: email.into(),
        display_name: email.split('@').next().unwrap_or(email).into(),
        language,
        roles: vec![role],
        organisation_id: None,
        country: None,
    }
}

async fn setup(app: &TestApp) -> World {
    let store = app.store().clone();
    let now = app.now();
    let manager = app.user("manager@example.org", &[Role::Manager], None, Language::EN).await;
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
        deadline_at: now + Duration::days(90),
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
        language: Language::EN,
    };
    store.apply_call_action(call.id, CallAction::Publish, request).await.unwrap();
    // A second manager, so audiences have more than one person to resolve; two evaluators.
    store.create_user(person("second.manager@example.org", Role::Manager, Language::FR), now).await.unwrap();
    let mut evaluators = [0; 2];
    for (n, slot) in evaluators.iter_mut().enumerate() {
        let email = format!("evaluator{n}@example.org");
        *slot = store.create_user(person(&email, Role::Evaluator, Language::EN), now).await.unwrap().id;
    }
    World {
        store,
        call_id: call.id,
        organisation_id: applicant.organisation_id.unwrap(),
        applicant: applicant.id,
        manager: manager.id,
        evaluators,
    }
}

/// How many people a notice reaches on this application.
async fn audience_size(world: &World, application: i64, audience: Audience) -> Result<usize, String> {
    Ok(match audience {
        Audience::Applicant => 1,
        Audience::Managers => 2,
        Audience::Evaluators => world
            .store
            .assignments(application)
            .await
            .map_err(|e| e.to_string())?
            .iter()
            .filter(|a| a.is_active())
            .count(),
        Audience::CallApplicants => 0,
    })
}

/// Valid answers to the default report form.
fn report() -> ReportInput {
    ReportInput {
        answers: json!({
            "narrative": "Every activity done.",
            "indicators": [{ "jvap_domain": "legal_migration_mobility", "indicator": "People advised", "target": "400", "achieved": "412" }],
            "budget_lines": [{ "category": "human_resources", "planned": "280000.00", "spent": "280000.00" }],
        }),
    }
}

/// Does what the guard of the next step waits for, through the store's own use cases (assignments,
/// declarations, scorecards, the checklist, reports and payments); refusals are fine, they are tried.
async fn prepare(world: &World, id: i64, state: ApplicationState, step: &Step, now: DateTime<Utc>) {
    let store = &world.store;
    match state {
        ApplicationState::EligibilityReview => {
            for item in ["submitted_on_time", "complete", "declaration_signed", "lead_eligible"] {
                let passed = step.payload != 2 || item != "complete";
                let _ = store.record_check(id, item, passed, Some("checked"), world.manager, now).await;
            }
        }
        ApplicationState::Eligible | ApplicationState::InEvaluation => {
            for evaluator in world.evaluators {
                let _ = store.assign_evaluator(id, evaluator, world.manager, now).await;
                let _ = store.declare(id, evaluator, false, None, now).await;
                if state == ApplicationState::InEvaluation {
                    let points = if step.reason { 4 } else { 5 };
                    let _ = store.save_scorecard(id, evaluator, scorecard(store, id, points).await, now).await;
                    let _ = store.submit_scorecard(id, evaluator, Language::EN, now).await;
                }
            }
        }
        ApplicationState::Contracted => {
            let grantee = Acting { user_id: world.applicant, actor: Actor::APPLICANT, now, language: Language::FR };
            let manager = Acting { user_id: world.manager, actor: Actor::MANAGER, now, language: Language::EN };
            let Ok(file) = store.grant_file(id).await else { return };
            for report_row in file.reports.iter().filter(|r| r.status != ReportState::Approved) {
                let _ = store.submit_report(id, report_row.id, report(), None, grantee).await;
                let _ = store.review_report(id, report_row.id, step.reason, Some("Add the receipts."), manager).await;
            }
            let Ok(file) = store.grant_file(id).await else { return };
            for payment in file.payments.iter().filter(|p| p.status == PaymentState::Requested) {
                let _ = store.mark_paid(id, payment.id, manager).await;
            }
        }
        _ => {}
    }
}

/// Every criterion of the application's grid scored `score`, with comments.
async fn scorecard(store: &Store, id: i64, points: u8) -> Scorecard {
    let application = store.application(id).await.unwrap();
    let call = store.call(application.call_id).await.unwrap();
    let grid = call.settings.grids.of(application.stage).unwrap();
    let mut card = Scorecard::default();
    for (_, criterion) in grid.criteria() {
        card.scores.insert(criterion.code.clone(), points);
        card.comments.insert(criterion.code.clone(), "Reasoned.".into());
    }
    card.overall_comment = "Relevant to the JVAP.".into();
    card
}

/// The payload an action's row asks for.
fn payload_for(action: ApplicationAction, now: DateTime<Utc>) -> Value {
    match action {
        ApplicationAction::RequestClarification => {
            json!({ "question": "Statuts ?", "due_at": (now + Duration::days(1)).to_rfc3339() })
        }
        ApplicationAction::Respond => json!({ "answer": "Voici les statuts." }),
        ApplicationAction::SignAgreement => json!({ "starts_on": "2027-01-01", "ends_on": "2028-12-31" }),
        _ => Value::Null,
    }
}

async fn check(world: &World, start: DateTime<Utc>, steps: Vec<Step>) -> Result<(), String> {
    let store = &world.store;
    let content = DraftChanges { answers: Some(grants_domain::form::mmd_full_application_example()), lot_id: None };
    let application = store
        .create_application(world.call_id, world.organisation_id, world.applicant, content, start)
        .await
        .map_err(|e| e.to_string())?;
    let id = application.id;
    let mut now = start;
    for step in steps {
        now += Duration::days(step.days);
        let state = store.application(id).await.map_err(|e| e.to_string())?.state;
        let allowed = allowed_actions::<ApplicationMachine>(state);
        let action = if step.follow {
            let Some(action) = allowed.get(step.index % allowed.len().max(1)).copied() else { continue };
            action
        } else {
            step.action
        };
        let actor = match (step.follow, find::<ApplicationMachine>(state, action)) {
            (true, Some(row)) => row.actors[step.actor % row.actors.len()],
            _ => [Actor::APPLICANT, Actor::MANAGER, Actor::ADMIN, Actor::System][step.actor],
        };
        let user = match actor {
            Actor::System => None,
            Actor::Role(Role::Applicant) => Some(world.applicant),
            Actor::Role(_) => Some(world.manager),
        };
        if step.prepare {
            prepare(world, id, state, &step, now).await;
        }
        let before = store.application(id).await.map_err(|e| e.to_string())?;
        let outbox_before = store.count_outbox().await.map_err(|e| e.to_string())?;
        let events_before = store.count_events().await.map_err(|e| e.to_string())?;
        let payload = if step.follow {
            payload_for(action, now)
        } else {
            [
                Value::Null,
                payload_for(ApplicationAction::RequestClarification, now),
                payload_for(ApplicationAction::Respond, now),
                payload_for(ApplicationAction::SignAgreement, now),
            ][step.payload]
                .clone()
        };
        let wants_reason = step.reason || (step.follow && needs_reason::<ApplicationMachine>(before.state, action));
        let reason = wants_reason.then_some("recorded reason");
        let request = ActionRequest {
            actor,
            actor_user_id: user,
            reason,
            payload: &payload,
            expected_version: None,
            now,
            language: Language::FR,
        };
        let result = store.apply_application_action(id, action, request).await;
        let after = store.application(id).await.map_err(|e| e.to_string())?;
        let events_after = store.count_events().await.map_err(|e| e.to_string())?;
        let outbox_after = store.count_outbox().await.map_err(|e| e.to_string())?;
        match result {
            Ok((_, outcome)) => {
                let row = find::<ApplicationMachine>(before.state, action).ok_or("a success without a table row")?;
                if after.state != row.to || after.version != before.version + 1 {
                    return Err(format!("{action:?} from {} led to {} v{}", before.state, after.state, after.version));
                }
                // A decline may offer the lot to the reserve list: that is another application's event.
                if events_after != events_before + 1 && action != ApplicationAction::Decline {
                    return Err(format!("{action:?} wrote {} events", events_after - events_before));
                }
                let mut expected = 0;
                for notice in row.notices {
                    expected += audience_size(world, id, notice.audience).await?;
                }
                let written = store.outbox_for_event(outcome.event_id).await.map_err(|e| e.to_string())?;
                if written.len() != expected {
                    return Err(format!("{action:?} queued {} emails, its row names {expected}", written.len()));
                }
                if action != ApplicationAction::Decline && outbox_after - outbox_before != expected as u64 {
                    return Err(format!("{action:?} queued {} emails in all", outbox_after - outbox_before));
                }
            }
            Err(_) => {
                if after != before || events_after != events_before || outbox_after != outbox_before {
                    return Err(format!("refused {action:?} from {} changed something", before.state));
                }
            }
        }
    }
    Ok(())
}

db_test!(
    async fn random_action_sequences_respect_the_table(app: TestApp) {
        let world = setup(&app).await;
        let start = app.now();
        let handle = tokio::runtime::Handle::current();
        tokio::task::block_in_place(|| {
            let mut runner = TestRunner::new(Config { cases: 48, failure_persistence: None, ..Config::default() });
            runner
                .run(&steps(), |steps| handle.block_on(check(&world, start, steps)).map_err(TestCaseError::fail))
                .unwrap();
        });
    }
);
