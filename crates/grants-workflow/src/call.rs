//! The call lifecycle of SPEC §3 as a table.

use grants_domain::call::CallRules;
use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::notice::{
    Audience::{CallApplicants, Managers},
    notice,
};
use crate::{Actor, Effect, FailureKind, Guard, GuardFailure, GuardInput, Input, Machine, Notice, Transition};

/// Where a call for proposals is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum CallState {
    Draft,
    Published,
    Closed,
    Evaluating,
    Decided,
    Archived,
    Cancelled,
}

/// What can be requested of a call.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum CallAction {
    Publish,
    Close,
    StartEvaluation,
    Decide,
    Archive,
    Cancel,
}

/// What the call guards (and the application guards) read of a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFacts {
    /// The call's current state.
    pub state: CallState,
    /// The call's rules.
    pub rules: CallRules,
    /// Restricted calls: when invited full applications are due.
    pub full_application_deadline: Option<chrono::DateTime<chrono::Utc>>,
    /// For `decide`: the references (or ids) of the applications still waiting for their decision.
    pub undecided: Option<Vec<String>>,
    /// Until when the reserve list may still be called upon (none: no set validity).
    pub reserve_list_valid_until: Option<chrono::DateTime<chrono::Utc>>,
}

/// The conditions of call transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallGuard {
    /// Complete in both languages, with a budget and a deadline ahead.
    RulesPublishable,
    /// The deadline has passed.
    DeadlinePassed,
    /// A non-empty reason is given.
    ReasonGiven,
    /// Every application has its decision: a final state, an award or a reserve place.
    AllApplicationsDecided,
    /// The reserve list's validity has ended.
    ReserveListExpired,
}

/// What a call row does besides changing the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CallEffect {
    /// Rejects the applications left on the reserve list, each with its letter.
    RejectReserveList,
}

impl Effect for CallEffect {
    fn name(self) -> &'static str {
        match self {
            Self::RejectReserveList => "reject_reserve_list",
        }
    }
}

impl Guard for CallGuard {
    type Facts = CallFacts;

    fn name(self) -> &'static str {
        match self {
            Self::RulesPublishable => "rules_publishable",
            Self::DeadlinePassed => "deadline_passed",
            Self::ReasonGiven => "reason_given",
            Self::AllApplicationsDecided => "all_applications_decided",
            Self::ReserveListExpired => "reserve_list_expired",
        }
    }

    fn inputs(self) -> &'static [Input] {
        match self {
            Self::ReasonGiven => &[Input::Reason],
            _ => &[],
        }
    }

    fn check(self, input: &GuardInput<'_, CallFacts>) -> Result<(), GuardFailure> {
        let fail = |kind, message: String| Err(GuardFailure { guard: self.name(), kind, message, fields: Vec::new() });
        let rules = &input.facts.rules;
        match self {
            Self::RulesPublishable => match rules.check_publishable(input.now, grants_domain::Language::EN) {
                Ok(()) => Ok(()),
                Err(errors) => fail(
                    FailureKind::Precondition,
                    errors.errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; "),
                ),
            },
            Self::DeadlinePassed if input.now >= rules.deadline_at => Ok(()),
            Self::DeadlinePassed => fail(
                FailureKind::Precondition,
                format!("the deadline ({}) has not passed", rules.deadline_at.to_rfc3339()),
            ),
            Self::ReasonGiven if input.reason_text().is_some() => Ok(()),
            Self::ReasonGiven => fail(FailureKind::InvalidInput, "a reason is required".to_owned()),
            Self::AllApplicationsDecided => match &input.facts.undecided {
                Some(waiting) if waiting.is_empty() => Ok(()),
                Some(waiting) => fail(
                    FailureKind::Precondition,
                    format!("{} application(s) still wait for a decision: {}", waiting.len(), waiting.join(", ")),
                ),
                None => fail(FailureKind::NotYetAvailable, "the applications' decisions were not gathered".to_owned()),
            },
            Self::ReserveListExpired => match input.facts.reserve_list_valid_until {
                Some(until) if input.now < until => fail(
                    FailureKind::Precondition,
                    format!("the reserve list stays valid until {}", until.to_rfc3339()),
                ),
                _ => Ok(()),
            },
        }
    }
}

/// The call machine.
pub struct CallMachine;

impl Machine for CallMachine {
    type State = CallState;
    type Action = CallAction;
    type Guard = CallGuard;
    type Effect = CallEffect;
    const SUBJECT: &'static str = "call";
    const INITIAL: CallState = CallState::Draft;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<CallState, CallAction, CallGuard, CallEffect>;

const fn row(
    from: CallState,
    action: CallAction,
    to: CallState,
    actors: &'static [Actor],
    guards: &'static [CallGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, effects: &[], notices }
}

const MANAGER: &[Actor] = &[Actor::MANAGER];
const MANAGER_OR_ADMIN: &[Actor] = &[Actor::MANAGER, Actor::ADMIN];
const MANAGER_OR_SYSTEM: &[Actor] = &[Actor::MANAGER, Actor::System];
const CANCELLED: &[Notice] = &[notice("call_cancelled", Managers), notice("call_cancelled", CallApplicants)];

use CallAction as A;
use CallGuard as G;
use CallState as S;

/// The call lifecycle: the single authority on what may happen to a call.
pub static TABLE: &[Row] = &[
    row(S::Draft, A::Publish, S::Published, MANAGER, &[G::RulesPublishable], &[notice("call_published", Managers)]),
    row(S::Draft, A::Cancel, S::Cancelled, MANAGER, &[G::ReasonGiven], &[notice("call_cancelled", Managers)]),
    row(S::Published, A::Close, S::Closed, MANAGER_OR_SYSTEM, &[G::DeadlinePassed], &[notice("call_closed", Managers)]),
    row(S::Published, A::Cancel, S::Cancelled, MANAGER, &[G::ReasonGiven], CANCELLED),
    row(S::Closed, A::StartEvaluation, S::Evaluating, MANAGER, &[], &[]),
    row(S::Closed, A::Cancel, S::Cancelled, MANAGER, &[G::ReasonGiven], CANCELLED),
    row(
        S::Evaluating,
        A::Decide,
        S::Decided,
        MANAGER,
        &[G::AllApplicationsDecided],
        &[notice("call_decided", Managers)],
    ),
    row(S::Evaluating, A::Cancel, S::Cancelled, MANAGER, &[G::ReasonGiven], CANCELLED),
    row(S::Decided, A::Archive, S::Archived, MANAGER_OR_ADMIN, &[G::ReserveListExpired], &[])
        .doing(&[CallEffect::RejectReserveList]),
    row(S::Decided, A::Cancel, S::Cancelled, MANAGER, &[G::ReasonGiven], CANCELLED),
];
