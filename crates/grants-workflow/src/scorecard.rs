//! An evaluator's scorecard (SPEC §6) as a table: written as a draft, submitted once it satisfies the
//! grid, reopened only by a manager with a reason.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::{Actor, Effect, FailureKind, Guard, GuardFailure, GuardInput, Input, Machine, Notice, Transition};

/// Where a scorecard is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ScorecardState {
    /// Being written; saved as often as the evaluator likes.
    Draft,
    /// Handed in: counts towards the consolidated score.
    Submitted,
}

/// What can be requested of a scorecard. The names are the audit trail's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum ScorecardAction {
    SubmitScorecard,
    ReopenScorecard,
}

/// What the scorecard guards read. The scores themselves are checked against the grid before the
/// table is asked, like any other input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScorecardFacts {
    /// The application is in evaluation (scorecards move only then).
    pub in_evaluation: bool,
}

/// The conditions of scorecard transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorecardGuard {
    /// The application is in evaluation.
    InEvaluation,
    /// A reason is given.
    ReasonGiven,
}

impl Guard for ScorecardGuard {
    type Facts = ScorecardFacts;

    fn name(self) -> &'static str {
        match self {
            Self::InEvaluation => "in_evaluation",
            Self::ReasonGiven => "reason_given",
        }
    }

    fn inputs(self) -> &'static [Input] {
        match self {
            Self::ReasonGiven => &[Input::Reason],
            Self::InEvaluation => &[],
        }
    }

    fn check(self, input: &GuardInput<'_, ScorecardFacts>) -> Result<(), GuardFailure> {
        let failure = |kind, message: &str| GuardFailure {
            guard: self.name(),
            kind,
            message: message.to_owned(),
            fields: Vec::new(),
        };
        match self {
            Self::InEvaluation if input.facts.in_evaluation => Ok(()),
            Self::InEvaluation => {
                Err(failure(FailureKind::Precondition, "scorecards move only while the application is in evaluation"))
            }
            Self::ReasonGiven if input.reason_text().is_some() => Ok(()),
            Self::ReasonGiven => Err(failure(FailureKind::InvalidInput, "a reason is required")),
        }
    }
}

/// What a scorecard row does besides changing the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScorecardEffect {
    /// Moves the application to `evaluated` when this was the scorecard its evaluation waited for.
    CompleteEvaluationIfReady,
}

impl Effect for ScorecardEffect {
    fn name(self) -> &'static str {
        match self {
            Self::CompleteEvaluationIfReady => "complete_evaluation_if_ready",
        }
    }
}

/// Whether the evaluator may still change a scorecard in `state`.
pub fn is_editable(state: ScorecardState) -> bool {
    state == ScorecardState::Draft
}

/// The scorecard machine.
pub struct ScorecardMachine;

impl Machine for ScorecardMachine {
    type State = ScorecardState;
    type Action = ScorecardAction;
    type Guard = ScorecardGuard;
    type Effect = ScorecardEffect;
    const SUBJECT: &'static str = "scorecard";
    const INITIAL: ScorecardState = ScorecardState::Draft;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<ScorecardState, ScorecardAction, ScorecardGuard, ScorecardEffect>;

const fn row(
    from: ScorecardState,
    action: ScorecardAction,
    to: ScorecardState,
    actors: &'static [Actor],
    guards: &'static [ScorecardGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, effects: &[], notices }
}

use ScorecardAction as A;
use ScorecardGuard as G;
use ScorecardState as S;

/// The scorecard lifecycle.
pub static TABLE: &[Row] = &[
    row(S::Draft, A::SubmitScorecard, S::Submitted, &[Actor::EVALUATOR], &[G::InEvaluation], &[])
        .doing(&[ScorecardEffect::CompleteEvaluationIfReady]),
    row(S::Submitted, A::ReopenScorecard, S::Draft, &[Actor::MANAGER], &[G::InEvaluation, G::ReasonGiven], &[]),
];

/// The audit trail's name for a manager's arbitration of a scoring discrepancy (a record beside the
/// scorecards, not a row: it moves no scorecard).
pub const ARBITRATE_EVENT: &str = "arbitrate";

/// The audit trail's name for the moment the first two scorecards of an application differ by more than
/// the call allows (the managers are emailed then).
pub const DISCREPANCY_EVENT: &str = "discrepancy_found";
