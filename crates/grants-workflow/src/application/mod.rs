//! The application lifecycle of SPEC §5 as a table.

use chrono::{DateTime, Utc};
use grants_domain::call::Stage;
use grants_domain::{FieldError, Money};
use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::notice::{
    Audience::{Applicant, Evaluators, Managers},
    notice,
};
use crate::{Actor, CallFacts, Effect, Machine, Notice, Transition};

mod guards;
pub mod predicates;

/// Where an application is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum ApplicationState {
    Draft,
    Submitted,
    EligibilityReview,
    ClarificationRequested,
    Eligible,
    Ineligible,
    InEvaluation,
    Evaluated,
    Invited,
    NotShortlisted,
    Awarded,
    ReserveListed,
    Rejected,
    Declined,
    Contracted,
    Closed,
    Terminated,
    Withdrawn,
}

/// What can be requested of an application.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum ApplicationAction {
    Submit,
    Withdraw,
    OpenReview,
    RequestClarification,
    Respond,
    Expire,
    DeclareIneligible,
    DeclareEligible,
    Assign,
    Complete,
    Shortlist,
    NotShortlist,
    Award,
    Reserve,
    Reject,
    Decline,
    SignAgreement,
    Close,
    Terminate,
}

/// What the application guards read, gathered by the store inside the transition's transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFacts {
    /// The call applied to.
    pub call: CallFacts,
    /// Concept note or full application.
    pub stage: Stage,
    /// When the open clarification request falls due, if one is open.
    pub clarification_due_at: Option<DateTime<Utc>>,
    /// What the stage's form says of the answers (gathered for `submit` only).
    pub form_errors: Vec<FieldError>,
    /// The hard eligibility rules the application fails (gathered for `submit` only).
    pub eligibility_failures: Vec<FieldError>,
    /// The manual checklist: each item's code and its latest result (`None` when not yet checked).
    pub checklist: Vec<(String, Option<bool>)>,
    /// For `assign`: evaluators assigned (and not removed) and evaluators the call requires.
    pub evaluators: Option<(usize, usize)>,
    /// For `complete`: `None` when the evaluation is complete, else what is missing.
    pub evaluation_missing: Option<Option<String>>,
    /// For `award`: the amount to award and what is left of the lot budget.
    pub award: Option<AwardFacts>,
    /// For `reserve`: places taken on the lot's reserve list and its length.
    pub reserve: Option<(usize, usize)>,
    /// For `sign_agreement`: what is wrong with the agreement terms sent (empty when they hold).
    pub agreement_problems: Option<Vec<String>>,
    /// For `close`: `None` when the final report is approved and every payment made, else what is left.
    pub settlement_missing: Option<Option<String>>,
}

/// What the budget guard compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardFacts {
    /// The amount to award (the request, or a lower amount the manager decided).
    pub amount: Money,
    /// The amount requested.
    pub requested: Money,
    /// The lot budget not yet awarded.
    pub remaining: Money,
}

/// The conditions of application transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationGuard {
    /// The call is published and the instant is within [opening, deadline).
    CallOpenForSubmission,
    /// The answers are valid against the stage's form.
    FormValid,
    /// No hard eligibility rule fails (type, countries, budget, duration, attachments, tags).
    EligibilityRules,
    /// Every item of the manual checklist is checked and passed.
    ChecklistPassed,
    /// At least one checklist item is checked and failed: the reasons for ineligibility.
    ChecklistFailed,
    /// A non-empty reason is given.
    ReasonGiven,
    /// The payload holds a `question` and a future `due_at`.
    ClarificationQuestion,
    /// The payload holds an `answer`.
    ClarificationAnswer,
    /// The open clarification request is past its due date.
    ClarificationOverdue,
    /// Enough evaluators are assigned and have declared no conflict.
    EvaluatorsAssigned,
    /// Every scorecard is in and no discrepancy is open.
    ScorecardsComplete,
    /// The application is a concept note.
    ConceptNoteStage,
    /// The application is a full application.
    FullApplicationStage,
    /// The lot's remaining budget covers the award.
    BudgetAvailable,
    /// The reserve list has room.
    ReserveListSpace,
    /// The agreement's amount, dates and payment schedule are recorded.
    AgreementRecorded,
    /// The final report is approved and the balance paid.
    FinalReportSettled,
}

/// What an application row does besides changing the state, carried out by the store in the same
/// transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationEffect {
    /// Gives the next gap-free reference of the call, stamps the submission time and keeps the soft
    /// eligibility flags for the managers.
    RecordSubmission,
    /// Records when the clarification answer is due.
    SetClarificationDue,
    /// Closes the clarification request.
    ClearClarificationDue,
    /// Records the amount awarded.
    RecordAwardAmount,
    /// Writes the agreement with its payment schedule and reports.
    WriteAgreement,
    /// Creates the full-application draft of a shortlisted concept note.
    InviteFullApplication,
    /// Awards the freed budget to the best-ranked reserve whose request fits, under the lot lock.
    OfferLotToReserve,
}

impl Effect for ApplicationEffect {
    fn name(self) -> &'static str {
        match self {
            Self::RecordSubmission => "record_submission",
            Self::SetClarificationDue => "set_clarification_due",
            Self::ClearClarificationDue => "clear_clarification_due",
            Self::RecordAwardAmount => "record_award_amount",
            Self::WriteAgreement => "write_agreement",
            Self::InviteFullApplication => "invite_full_application",
            Self::OfferLotToReserve => "offer_lot_to_reserve",
        }
    }
}

/// The application machine.
pub struct ApplicationMachine;

impl Machine for ApplicationMachine {
    type State = ApplicationState;
    type Action = ApplicationAction;
    type Guard = ApplicationGuard;
    type Effect = ApplicationEffect;
    const SUBJECT: &'static str = "application";
    const INITIAL: ApplicationState = ApplicationState::Draft;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<ApplicationState, ApplicationAction, ApplicationGuard, ApplicationEffect>;

const fn row(
    from: ApplicationState,
    action: ApplicationAction,
    to: ApplicationState,
    actors: &'static [Actor],
    guards: &'static [ApplicationGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, effects: &[], notices }
}

/// The actions `actor` may attempt on an application in state `from` at `stage`: [`crate::actions_for`] without
/// the rows whose stage guard can never hold (a concept note is shortlisted, never awarded), so a page
/// offers only buttons that can work.
pub fn actions_at_stage(from: ApplicationState, stage: Stage, actor: Actor) -> Vec<ApplicationAction> {
    crate::actions_for::<ApplicationMachine>(from, actor)
        .into_iter()
        .filter(|action| {
            crate::machine::find::<ApplicationMachine>(from, *action).is_some_and(|row| {
                row.guards.iter().all(|guard| match guard {
                    ApplicationGuard::ConceptNoteStage => stage == Stage::ConceptNote,
                    ApplicationGuard::FullApplicationStage => stage == Stage::FullApplication,
                    _ => true,
                })
            })
        })
        .collect()
}

const APPLICANT: &[Actor] = &[Actor::APPLICANT];
const MANAGER: &[Actor] = &[Actor::MANAGER];
const MANAGER_OR_SYSTEM: &[Actor] = &[Actor::MANAGER, Actor::System];
const SYSTEM: &[Actor] = &[Actor::System];

const WITHDRAWN: &[Notice] =
    &[notice("application_withdrawn_receipt", Applicant), notice("application_withdrawn", Managers)];
const AWARDED: &[Notice] = &[notice("application_awarded", Applicant)];
const REJECTED: &[Notice] = &[notice("application_rejected", Applicant)];

use ApplicationAction as A;
use ApplicationEffect as E;
use ApplicationGuard as G;
use ApplicationState as S;

/// The application lifecycle: the single authority on what may happen to an application.
pub static TABLE: &[Row] = &[
    row(
        S::Draft,
        A::Submit,
        S::Submitted,
        APPLICANT,
        &[G::CallOpenForSubmission, G::FormValid, G::EligibilityRules],
        &[notice("application_submitted_receipt", Applicant), notice("application_submitted", Managers)],
    )
    .doing(&[E::RecordSubmission]),
    row(S::Draft, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(S::Submitted, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(S::Submitted, A::OpenReview, S::EligibilityReview, MANAGER_OR_SYSTEM, &[], &[]),
    row(
        S::EligibilityReview,
        A::RequestClarification,
        S::ClarificationRequested,
        MANAGER,
        &[G::ClarificationQuestion],
        &[notice("clarification_requested", Applicant)],
    )
    .doing(&[E::SetClarificationDue]),
    row(
        S::EligibilityReview,
        A::DeclareIneligible,
        S::Ineligible,
        MANAGER,
        &[G::ChecklistFailed],
        &[notice("application_ineligible", Applicant)],
    ),
    row(
        S::EligibilityReview,
        A::DeclareEligible,
        S::Eligible,
        MANAGER,
        &[G::ChecklistPassed],
        &[notice("application_eligible", Applicant)],
    ),
    row(S::EligibilityReview, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(
        S::ClarificationRequested,
        A::Respond,
        S::EligibilityReview,
        APPLICANT,
        &[G::ClarificationAnswer],
        &[notice("clarification_answered", Managers)],
    )
    .doing(&[E::ClearClarificationDue]),
    row(
        S::ClarificationRequested,
        A::Expire,
        S::Ineligible,
        SYSTEM,
        &[G::ClarificationOverdue],
        &[notice("clarification_expired", Applicant)],
    )
    .doing(&[E::ClearClarificationDue]),
    row(S::ClarificationRequested, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(
        S::Eligible,
        A::Assign,
        S::InEvaluation,
        MANAGER,
        &[G::EvaluatorsAssigned],
        &[notice("evaluation_assigned", Evaluators)],
    ),
    row(S::Eligible, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(
        S::InEvaluation,
        A::Complete,
        S::Evaluated,
        SYSTEM,
        &[G::ScorecardsComplete],
        &[notice("evaluation_completed", Managers)],
    ),
    row(S::InEvaluation, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(
        S::Evaluated,
        A::Shortlist,
        S::Invited,
        MANAGER,
        &[G::ConceptNoteStage],
        &[notice("concept_note_shortlisted", Applicant)],
    )
    .doing(&[E::InviteFullApplication]),
    row(
        S::Evaluated,
        A::NotShortlist,
        S::NotShortlisted,
        MANAGER,
        &[G::ConceptNoteStage, G::ReasonGiven],
        &[notice("concept_note_not_shortlisted", Applicant)],
    ),
    row(S::Evaluated, A::Award, S::Awarded, MANAGER, &[G::FullApplicationStage, G::BudgetAvailable], AWARDED)
        .doing(&[E::RecordAwardAmount]),
    row(
        S::Evaluated,
        A::Reserve,
        S::ReserveListed,
        MANAGER,
        &[G::FullApplicationStage, G::ReserveListSpace],
        &[notice("application_reserve_listed", Applicant)],
    ),
    row(S::Evaluated, A::Reject, S::Rejected, MANAGER, &[G::FullApplicationStage, G::ReasonGiven], REJECTED),
    row(S::Evaluated, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(S::ReserveListed, A::Award, S::Awarded, MANAGER_OR_SYSTEM, &[G::BudgetAvailable], AWARDED)
        .doing(&[E::RecordAwardAmount]),
    row(S::ReserveListed, A::Reject, S::Rejected, MANAGER_OR_SYSTEM, &[G::ReasonGiven], REJECTED),
    row(S::ReserveListed, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(S::Awarded, A::Decline, S::Declined, APPLICANT, &[], &[notice("award_declined", Managers)])
        .doing(&[E::OfferLotToReserve]),
    row(
        S::Awarded,
        A::SignAgreement,
        S::Contracted,
        MANAGER,
        &[G::AgreementRecorded],
        &[notice("agreement_signed", Applicant)],
    )
    .doing(&[E::WriteAgreement]),
    row(S::Contracted, A::Close, S::Closed, MANAGER, &[G::FinalReportSettled], &[notice("grant_closed", Applicant)]),
    row(
        S::Contracted,
        A::Terminate,
        S::Terminated,
        MANAGER,
        &[G::ReasonGiven],
        &[notice("grant_terminated", Applicant)],
    ),
];
