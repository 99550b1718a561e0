//! `decide` against every (state, action) pair, and random walks over the table.

use chrono::{Duration, Utc};
use grants_domain::Money;
use grants_domain::call::{CallRules, Procedure, Stage};
use grants_workflow::machine::find;
use grants_workflow::{
    Actor, ApplicationAction, ApplicationFacts, ApplicationMachine, ApplicationState, CallFacts, CallState,
    FailureKind, GuardInput, TransitionError, allowed_actions, decide, is_final,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use strum::IntoEnumIterator;

fn facts(call_state: CallState) -> ApplicationFacts {
    let now = Utc::now();
    ApplicationFacts {
        call: CallFacts {
            state: call_state,
            rules: CallRules {
                reference: "MMD-CFP-2026-01".into(),
                title_en: "t".into(),
                title_fr: "t".into(),
                description_en: "d".into(),
                description_fr: "d".into(),
                procedure: Procedure::Open,
                total_budget: Money::from_cents(100_000_000),
                min_grant: Money::from_cents(1_000_000),
                max_grant: Money::from_cents(10_000_000),
                opens_at: now - Duration::days(1),
                deadline_at: now + Duration::days(1),
                display_timezone: "UTC".into(),
            },
            full_application_deadline: None,
            undecided: None,
            reserve_list_valid_until: None,
        },
        stage: Stage::FullApplication,
        clarification_due_at: None,
        form_errors: Vec::new(),
        eligibility_failures: Vec::new(),
        checklist: vec![("submitted_on_time".into(), Some(true)), ("complete".into(), Some(true))],
        evaluators: None,
        evaluation_missing: None,
        award: None,
        reserve: None,
        agreement_problems: None,
        settlement_missing: None,
    }
}

fn input<'a>(facts: &'a ApplicationFacts, payload: &'a Value) -> GuardInput<'a, ApplicationFacts> {
    GuardInput { now: Utc::now(), reason: Some("checked"), payload, facts }
}

#[test]
fn refusals_name_the_allowed_actions() {
    let facts = facts(CallState::Published);
    let payload = Value::Null;
    for state in ApplicationState::iter() {
        for action in ApplicationAction::iter() {
            let result = decide::<ApplicationMachine>(state, action, Actor::System, &input(&facts, &payload));
            match find::<ApplicationMachine>(state, action) {
                None => match result {
                    Err(TransitionError::NotAllowed { allowed, .. }) => {
                        let expected: Vec<String> =
                            allowed_actions::<ApplicationMachine>(state).iter().map(ToString::to_string).collect();
                        assert_eq!(allowed, expected);
                    }
                    other => panic!("({state}, {action}) has no row but gave {other:?}"),
                },
                Some(row) if !row.actors.contains(&Actor::System) => {
                    assert!(matches!(result, Err(TransitionError::ActorNotAllowed { .. })), "{state} {action}");
                }
                Some(_) => {}
            }
        }
    }
}

#[test]
fn submission_deadline_is_exclusive() {
    let mut facts = facts(CallState::Published);
    let payload = Value::Null;
    let deadline = facts.call.rules.deadline_at;
    let at = |now| GuardInput { now, reason: None, payload: &payload, facts: &facts };
    let before = decide::<ApplicationMachine>(
        ApplicationState::Draft,
        ApplicationAction::Submit,
        Actor::APPLICANT,
        &at(deadline - Duration::seconds(1)),
    );
    assert_eq!(before.unwrap().to, ApplicationState::Submitted);
    let after = decide::<ApplicationMachine>(
        ApplicationState::Draft,
        ApplicationAction::Submit,
        Actor::APPLICANT,
        &at(deadline),
    );
    match after {
        Err(TransitionError::GuardFailed { failures, .. }) => {
            assert!(failures[0].message.contains("deadline has passed"));
        }
        other => panic!("expected refusal, got {other:?}"),
    }
    facts.form_errors.push(grants_domain::FieldError {
        field: "/action/title".into(),
        code: "required",
        message: "« Titre de l'action » est obligatoire".into(),
    });
    let incomplete = decide::<ApplicationMachine>(
        ApplicationState::Draft,
        ApplicationAction::Submit,
        Actor::APPLICANT,
        &GuardInput { now: deadline - Duration::hours(1), reason: None, payload: &payload, facts: &facts },
    );
    assert!(
        matches!(incomplete, Err(TransitionError::GuardFailed { ref failures, .. }) if failures[0].kind == FailureKind::InvalidInput)
    );
}

#[test]
fn actions_needing_later_modules_are_refused_with_what_is_missing() {
    let facts = facts(CallState::Evaluating);
    let payload = Value::Null;
    let refused = decide::<ApplicationMachine>(
        ApplicationState::Eligible,
        ApplicationAction::Assign,
        Actor::MANAGER,
        &input(&facts, &payload),
    );
    match refused {
        Err(TransitionError::GuardFailed { failures, .. }) => {
            assert_eq!(failures[0].kind, FailureKind::NotYetAvailable);
            assert!(failures[0].message.contains("evaluator assignments"));
        }
        other => panic!("assign must not pass blindly: {other:?}"),
    }
}

fn actors() -> impl Strategy<Value = Actor> {
    prop_oneof![Just(Actor::APPLICANT), Just(Actor::MANAGER), Just(Actor::System), Just(Actor::ADMIN)]
}

proptest! {
    /// Whatever is requested, the state only ever moves along a row, and a final state is never left.
    #[test]
    fn random_walks_follow_the_table(steps in prop::collection::vec((0..ApplicationAction::iter().len(), actors()), 1..40)) {
        let facts = facts(CallState::Published);
        let payload = json!({"question": "Please send the statutes", "due_at": (Utc::now() + Duration::days(5)).to_rfc3339(), "answer": "Attached"});
        let mut state = ApplicationState::Draft;
        for (index, actor) in steps {
            let action = ApplicationAction::iter().nth(index).unwrap();
            let was_final = is_final::<ApplicationMachine>(state);
            if let Ok(row) = decide::<ApplicationMachine>(state, action, actor, &input(&facts, &payload)) {
                prop_assert!(!was_final);
                prop_assert_eq!(row.from, state);
                prop_assert_eq!(row.action, action);
                prop_assert!(row.actors.contains(&actor));
                state = row.to;
            }
        }
    }
}

#[test]
fn eligibility_decisions_follow_the_checklist() {
    let mut facts = facts(CallState::Closed);
    let payload = Value::Null;
    facts.checklist[1].1 = None;
    let eligible = decide::<ApplicationMachine>(
        ApplicationState::EligibilityReview,
        ApplicationAction::DeclareEligible,
        Actor::MANAGER,
        &input(&facts, &payload),
    );
    assert!(
        matches!(eligible, Err(TransitionError::GuardFailed { ref failures, .. }) if failures[0].message.contains("complete"))
    );
    let ineligible = decide::<ApplicationMachine>(
        ApplicationState::EligibilityReview,
        ApplicationAction::DeclareIneligible,
        Actor::MANAGER,
        &input(&facts, &payload),
    );
    assert!(ineligible.is_err(), "ineligibility needs a failed item as its reason");
    facts.checklist[1].1 = Some(false);
    let ineligible = decide::<ApplicationMachine>(
        ApplicationState::EligibilityReview,
        ApplicationAction::DeclareIneligible,
        Actor::MANAGER,
        &input(&facts, &payload),
    );
    assert_eq!(ineligible.unwrap().to, ApplicationState::Ineligible);
}

#[test]
fn pages_offer_only_the_decisions_of_the_application_stage() {
    use grants_domain::call::Stage;
    use grants_workflow::{ApplicationAction as A, ApplicationState, actions_at_stage};
    let full = actions_at_stage(ApplicationState::Evaluated, Stage::FullApplication, Actor::MANAGER);
    assert!(full.contains(&A::Award) && full.contains(&A::Reserve) && full.contains(&A::Reject));
    assert!(!full.contains(&A::Shortlist) && !full.contains(&A::NotShortlist));
    let note = actions_at_stage(ApplicationState::Evaluated, Stage::ConceptNote, Actor::MANAGER);
    assert!(note.contains(&A::Shortlist) && note.contains(&A::NotShortlist));
    assert!(!note.contains(&A::Award) && !note.contains(&A::Reject));
}
