//! An evaluator's assignment to an application (SPEC §6) as a table: the declaration of impartiality
//! comes first, a declared conflict ends the assignment, a manager may remove an evaluator with a reason.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::{Actor, FailureKind, Guard, GuardFailure, GuardInput, Input, Machine, NoEffect, Notice, Transition};

/// Where an assignment is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AssignmentState {
    /// Assigned, waiting for the declaration: the evaluator sees that the application exists, not what
    /// it says.
    Assigned,
    /// Declared free of conflict: the evaluator reads and scores.
    Declared,
    /// A conflict of interest was declared: the assignment ended.
    Conflict,
    /// Removed by a manager.
    Removed,
}

/// What can be requested of an assignment. The names are the audit trail's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum AssignmentAction {
    DeclareNoConflict,
    DeclareConflict,
    RemoveEvaluator,
}

/// The audit trail's name for creating an assignment (not a row: nothing exists before it).
pub const ASSIGN_EVENT: &str = "assign_evaluator";

/// What the assignment guards read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AssignmentFacts {
    /// The evaluator has a submitted scorecard for the application.
    pub scorecard_submitted: bool,
}

/// The conditions of assignment transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssignmentGuard {
    /// A statement or reason is given (what the conflict is; why the evaluator is removed).
    ReasonGiven,
    /// No submitted scorecard would be orphaned: a submitted scorecard is part of the evaluation.
    NoSubmittedScorecard,
}

impl Guard for AssignmentGuard {
    type Facts = AssignmentFacts;

    fn name(self) -> &'static str {
        match self {
            Self::ReasonGiven => "reason_given",
            Self::NoSubmittedScorecard => "no_submitted_scorecard",
        }
    }

    fn inputs(self) -> &'static [Input] {
        match self {
            Self::ReasonGiven => &[Input::Reason],
            Self::NoSubmittedScorecard => &[],
        }
    }

    fn check(self, input: &GuardInput<'_, AssignmentFacts>) -> Result<(), GuardFailure> {
        let fail = |kind, message: &str| {
            Err(GuardFailure { guard: self.name(), kind, message: message.to_owned(), fields: Vec::new() })
        };
        match self {
            Self::ReasonGiven if input.reason_text().is_some() => Ok(()),
            Self::ReasonGiven => fail(FailureKind::InvalidInput, "a reason is required"),
            Self::NoSubmittedScorecard if !input.facts.scorecard_submitted => Ok(()),
            Self::NoSubmittedScorecard => {
                fail(FailureKind::Precondition, "this evaluator's scorecard is submitted; reopen it first")
            }
        }
    }
}

/// Whether an assignment in `state` counts towards the evaluators an application needs.
pub fn is_active(state: AssignmentState) -> bool {
    matches!(state, AssignmentState::Assigned | AssignmentState::Declared)
}

/// The assignment machine.
pub struct AssignmentMachine;

impl Machine for AssignmentMachine {
    type State = AssignmentState;
    type Action = AssignmentAction;
    type Guard = AssignmentGuard;
    type Effect = NoEffect;
    const SUBJECT: &'static str = "assignment";
    const INITIAL: AssignmentState = AssignmentState::Assigned;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<AssignmentState, AssignmentAction, AssignmentGuard>;

const fn row(
    from: AssignmentState,
    action: AssignmentAction,
    to: AssignmentState,
    actors: &'static [Actor],
    guards: &'static [AssignmentGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, effects: &[], notices }
}

const EVALUATOR: &[Actor] = &[Actor::EVALUATOR];
const MANAGER: &[Actor] = &[Actor::MANAGER];

use AssignmentAction as A;
use AssignmentGuard as G;
use AssignmentState as S;

/// The assignment lifecycle.
pub static TABLE: &[Row] = &[
    row(S::Assigned, A::DeclareNoConflict, S::Declared, EVALUATOR, &[], &[]),
    row(S::Assigned, A::DeclareConflict, S::Conflict, EVALUATOR, &[G::ReasonGiven], &[]),
    row(S::Assigned, A::RemoveEvaluator, S::Removed, MANAGER, &[G::ReasonGiven], &[]),
    row(S::Declared, A::RemoveEvaluator, S::Removed, MANAGER, &[G::ReasonGiven, G::NoSubmittedScorecard], &[]),
];
