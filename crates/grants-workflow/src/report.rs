//! A grantee's report (SPEC §8) as a table: handed in while due or sent back, then approved (which
//! releases the payments it unlocks) or sent back with what to change.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::notice::{
    Audience::{Applicant, Managers},
    notice,
};
use crate::{Actor, Effect, FailureKind, Guard, GuardFailure, GuardInput, Input, Machine, Notice, Transition};

/// Where a report is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ReportState {
    /// Expected from the grantee.
    Due,
    /// Handed in, waiting for review.
    Submitted,
    /// Accepted.
    Approved,
    /// Sent back to the grantee with what to change.
    ChangesRequested,
}

/// What can be requested of a report. The names are the audit trail's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum ReportAction {
    SubmitReport,
    ApproveReport,
    RequestReportChanges,
}

/// What the report guards read. The answers are checked against the report form before the table is
/// asked, like any other input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReportFacts {
    /// The grant is contracted (reports move only while it runs).
    pub grant_running: bool,
}

/// The conditions of report transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportGuard {
    /// The grant is contracted.
    GrantRunning,
    /// The reviewer says what to change.
    ReasonGiven,
}

impl Guard for ReportGuard {
    type Facts = ReportFacts;

    fn name(self) -> &'static str {
        match self {
            Self::GrantRunning => "grant_running",
            Self::ReasonGiven => "reason_given",
        }
    }

    fn inputs(self) -> &'static [Input] {
        match self {
            Self::ReasonGiven => &[Input::Reason],
            Self::GrantRunning => &[],
        }
    }

    fn check(self, input: &GuardInput<'_, ReportFacts>) -> Result<(), GuardFailure> {
        let failure = |kind, message: &str| GuardFailure {
            guard: self.name(),
            kind,
            message: message.to_owned(),
            fields: Vec::new(),
        };
        match self {
            Self::GrantRunning if input.facts.grant_running => Ok(()),
            Self::GrantRunning => {
                Err(failure(FailureKind::Precondition, "reports and payments move only while the grant is contracted"))
            }
            Self::ReasonGiven if input.reason_text().is_some() => Ok(()),
            Self::ReasonGiven => Err(failure(FailureKind::InvalidInput, "say what the grantee must change")),
        }
    }
}

/// What a report row does besides changing the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportEffect {
    /// Stores the answers, the narrative and the spending they add up to.
    StoreAnswers,
    /// Releases the payments the approved report unlocks (each by its own `release_payment` row).
    ReleasePayments,
}

impl Effect for ReportEffect {
    fn name(self) -> &'static str {
        match self {
            Self::StoreAnswers => "store_answers",
            Self::ReleasePayments => "release_payments",
        }
    }
}

/// The report machine.
pub struct ReportMachine;

impl Machine for ReportMachine {
    type State = ReportState;
    type Action = ReportAction;
    type Guard = ReportGuard;
    type Effect = ReportEffect;
    const SUBJECT: &'static str = "report";
    const INITIAL: ReportState = ReportState::Due;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<ReportState, ReportAction, ReportGuard, ReportEffect>;

const fn row(
    from: ReportState,
    action: ReportAction,
    to: ReportState,
    actors: &'static [Actor],
    guards: &'static [ReportGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, effects: &[], notices }
}

const GRANTEE: &[Actor] = &[Actor::APPLICANT];
const MANAGER: &[Actor] = &[Actor::MANAGER];
const SUBMITTED: &[Notice] = &[notice("report_submitted", Managers)];

use ReportAction as A;
use ReportEffect as E;
use ReportGuard as G;
use ReportState as S;

/// The report lifecycle.
pub static TABLE: &[Row] = &[
    row(S::Due, A::SubmitReport, S::Submitted, GRANTEE, &[G::GrantRunning], SUBMITTED).doing(&[E::StoreAnswers]),
    row(S::ChangesRequested, A::SubmitReport, S::Submitted, GRANTEE, &[G::GrantRunning], SUBMITTED)
        .doing(&[E::StoreAnswers]),
    row(
        S::Submitted,
        A::ApproveReport,
        S::Approved,
        MANAGER,
        &[G::GrantRunning],
        &[notice("report_approved", Applicant)],
    )
    .doing(&[E::ReleasePayments]),
    row(
        S::Submitted,
        A::RequestReportChanges,
        S::ChangesRequested,
        MANAGER,
        &[G::GrantRunning, G::ReasonGiven],
        &[notice("report_changes_requested", Applicant)],
    ),
];

/// Whether a report in `state` waits for the grantee (reminders, the next report due, the form to fill).
pub fn awaits_grantee(state: ReportState) -> bool {
    matches!(state, ReportState::Due | ReportState::ChangesRequested)
}
