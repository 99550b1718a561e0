//! The application lifecycle of SPEC §5 as a table.

use chrono::{DateTime, Utc};
use grants_domain::call::Stage;
use grants_domain::{FieldError, Money};
use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString};

use crate::notice::{
    Audience::{Applicant, Evaluators, Managers},
    notice,
};
use crate::{Actor, CallFacts, CallState, FailureKind, Guard, GuardFailure, GuardInput, Machine, Notice, Transition};

/// Where an application is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, EnumIter)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, EnumIter)]
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

fn fail(guard: ApplicationGuard, kind: FailureKind, message: impl Into<String>) -> Result<(), GuardFailure> {
    Err(GuardFailure { guard: guard.name(), kind, message: message.into(), fields: Vec::new() })
}

fn not_yet(guard: ApplicationGuard, what: &str) -> Result<(), GuardFailure> {
    fail(guard, FailureKind::NotYetAvailable, format!("{what} are not recorded by this installation yet"))
}

impl Guard for ApplicationGuard {
    type Facts = ApplicationFacts;

    fn name(self) -> &'static str {
        match self {
            Self::CallOpenForSubmission => "call_open_for_submission",
            Self::FormValid => "form_valid",
            Self::EligibilityRules => "eligibility_rules",
            Self::ChecklistPassed => "checklist_passed",
            Self::ChecklistFailed => "checklist_failed",
            Self::ReasonGiven => "reason_given",
            Self::ClarificationQuestion => "clarification_question",
            Self::ClarificationAnswer => "clarification_answer",
            Self::ClarificationOverdue => "clarification_overdue",
            Self::EvaluatorsAssigned => "evaluators_assigned",
            Self::ScorecardsComplete => "scorecards_complete",
            Self::ConceptNoteStage => "concept_note_stage",
            Self::FullApplicationStage => "full_application_stage",
            Self::BudgetAvailable => "budget_available",
            Self::ReserveListSpace => "reserve_list_space",
            Self::AgreementRecorded => "agreement_recorded",
            Self::FinalReportSettled => "final_report_settled",
        }
    }

    fn check(self, input: &GuardInput<'_, ApplicationFacts>) -> Result<(), GuardFailure> {
        use FailureKind::{InvalidInput, Precondition};
        let facts = input.facts;
        match self {
            Self::CallOpenForSubmission => submission_window(self, input),
            Self::FormValid if facts.form_errors.is_empty() => Ok(()),
            Self::FormValid => {
                let count = facts.form_errors.len();
                Err(GuardFailure {
                    guard: self.name(),
                    kind: InvalidInput,
                    message: format!("the form has {count} error(s) to fix"),
                    fields: facts.form_errors.clone(),
                })
            }
            Self::EligibilityRules if facts.eligibility_failures.is_empty() => Ok(()),
            Self::EligibilityRules => Err(GuardFailure {
                guard: self.name(),
                kind: InvalidInput,
                message: format!(
                    "eligibility rules not met: {}",
                    facts.eligibility_failures.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join("; ")
                ),
                fields: facts.eligibility_failures.clone(),
            }),
            Self::ChecklistPassed => {
                let open: Vec<&str> =
                    facts.checklist.iter().filter(|(_, r)| *r != Some(true)).map(|(code, _)| code.as_str()).collect();
                if open.is_empty() {
                    Ok(())
                } else {
                    fail(self, Precondition, format!("checklist items not passed: {}", open.join(", ")))
                }
            }
            Self::ChecklistFailed => {
                if facts.checklist.iter().any(|(_, r)| *r == Some(false)) {
                    Ok(())
                } else {
                    fail(self, Precondition, "record the failed checklist items that make the application ineligible")
                }
            }
            Self::ReasonGiven => match input.reason_text() {
                Some(_) => Ok(()),
                None => fail(self, InvalidInput, "a reason is required"),
            },
            Self::ClarificationQuestion => match (input.payload_text("question"), input.payload_instant("due_at")) {
                (None, _) => fail(self, InvalidInput, "payload.question is required"),
                (_, None) => fail(self, InvalidInput, "payload.due_at is required as an RFC 3339 instant"),
                (_, Some(due)) if due <= input.now => fail(self, InvalidInput, "payload.due_at must be in the future"),
                _ => Ok(()),
            },
            Self::ClarificationAnswer => match input.payload_text("answer") {
                Some(_) => Ok(()),
                None => fail(self, InvalidInput, "payload.answer is required"),
            },
            Self::ClarificationOverdue => match facts.clarification_due_at {
                Some(due) if due <= input.now => Ok(()),
                Some(due) => fail(self, Precondition, format!("the clarification is due at {}", due.to_rfc3339())),
                None => fail(self, Precondition, "no clarification request is open"),
            },
            Self::ConceptNoteStage => match facts.stage {
                Stage::ConceptNote => Ok(()),
                Stage::FullApplication => fail(self, Precondition, "only a concept note can be shortlisted"),
            },
            Self::FullApplicationStage => match facts.stage {
                Stage::FullApplication => Ok(()),
                Stage::ConceptNote => {
                    fail(self, Precondition, "a concept note is shortlisted or not, not awarded or rejected")
                }
            },
            Self::EvaluatorsAssigned | Self::ScorecardsComplete | Self::BudgetAvailable | Self::ReserveListSpace => {
                evaluation_guard(self, facts)
            }
            Self::AgreementRecorded => match &facts.agreement_problems {
                Some(problems) if problems.is_empty() => Ok(()),
                Some(problems) => fail(self, InvalidInput, problems.join("; ")),
                None => not_yet(self, "grant agreements (amount, dates, payment schedule)"),
            },
            Self::FinalReportSettled => match &facts.settlement_missing {
                Some(None) => Ok(()),
                Some(Some(missing)) => fail(self, Precondition, missing.clone()),
                None => not_yet(self, "final reports and payments"),
            },
        }
    }
}

/// The guards of the evaluation and award steps, over the facts the store gathers for them.
fn evaluation_guard(guard: ApplicationGuard, facts: &ApplicationFacts) -> Result<(), GuardFailure> {
    use FailureKind::{InvalidInput, Precondition};
    match guard {
        ApplicationGuard::EvaluatorsAssigned => match facts.evaluators {
            Some((assigned, required)) if assigned >= required => Ok(()),
            Some((assigned, required)) => {
                fail(guard, Precondition, format!("{required} evaluators are needed; {assigned} assigned"))
            }
            None => not_yet(guard, "evaluator assignments"),
        },
        ApplicationGuard::ScorecardsComplete => match &facts.evaluation_missing {
            Some(None) => Ok(()),
            Some(Some(missing)) => fail(guard, Precondition, missing.clone()),
            None => not_yet(guard, "scorecards"),
        },
        ApplicationGuard::BudgetAvailable => match &facts.award {
            Some(award) if award.amount == Money::ZERO => {
                fail(guard, InvalidInput, "the award amount must be above zero")
            }
            Some(award) if award.amount > award.requested => fail(
                guard,
                InvalidInput,
                format!("the award ({} EUR) cannot exceed the request ({} EUR)", award.amount, award.requested),
            ),
            Some(award) if award.amount > award.remaining => fail(
                guard,
                Precondition,
                format!("the lot has {} EUR left; the award needs {} EUR", award.remaining, award.amount),
            ),
            Some(_) => Ok(()),
            None => not_yet(guard, "lot budgets and award amounts"),
        },
        ApplicationGuard::ReserveListSpace => match facts.reserve {
            Some((taken, length)) if taken < length => Ok(()),
            Some((_, length)) => fail(guard, Precondition, format!("the reserve list is full ({length} places)")),
            None => not_yet(guard, "reserve lists"),
        },
        _ => Ok(()),
    }
}

/// Whether the instant falls in the window the application's stage may be submitted in: the call's
/// opening to its deadline, or, for invited full applications, until the full-application deadline.
fn submission_window(guard: ApplicationGuard, input: &GuardInput<'_, ApplicationFacts>) -> Result<(), GuardFailure> {
    use FailureKind::Precondition;
    let (facts, call, this) = (input.facts, &input.facts.call, guard);
    let second_stage =
        facts.stage == Stage::FullApplication && call.rules.procedure == grants_domain::call::Procedure::Restricted;
    if second_stage {
        match call.full_application_deadline {
            None => fail(this, Precondition, "the call has not set a deadline for full applications yet"),
            Some(deadline) if input.now >= deadline => fail(
                this,
                Precondition,
                format!("the deadline for full applications has passed ({})", deadline.to_rfc3339()),
            ),
            Some(_) if matches!(call.state, CallState::Closed | CallState::Evaluating) => Ok(()),
            Some(_) => fail(this, Precondition, format!("the call is {}", call.state)),
        }
    } else if call.state != CallState::Published {
        fail(this, Precondition, format!("the call is {}, not open for submissions", call.state))
    } else if input.now < call.rules.opens_at {
        fail(this, Precondition, format!("the call opens at {}", call.rules.opens_at.to_rfc3339()))
    } else if input.now >= call.rules.deadline_at {
        fail(this, Precondition, format!("the deadline has passed ({})", call.rules.deadline_at.to_rfc3339()))
    } else {
        Ok(())
    }
}

/// The application machine.
pub struct ApplicationMachine;

impl Machine for ApplicationMachine {
    type State = ApplicationState;
    type Action = ApplicationAction;
    type Guard = ApplicationGuard;
    const SUBJECT: &'static str = "application";
    const INITIAL: ApplicationState = ApplicationState::Draft;

    fn table() -> &'static [Transition<ApplicationState, ApplicationAction, ApplicationGuard>] {
        TABLE
    }
}

type Row = Transition<ApplicationState, ApplicationAction, ApplicationGuard>;

const fn row(
    from: ApplicationState,
    action: ApplicationAction,
    to: ApplicationState,
    actors: &'static [Actor],
    guards: &'static [ApplicationGuard],
    notices: &'static [Notice],
) -> Row {
    Transition { from, action, to, actors, guards, notices }
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
    ),
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
    ),
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
    ),
    row(
        S::ClarificationRequested,
        A::Expire,
        S::Ineligible,
        SYSTEM,
        &[G::ClarificationOverdue],
        &[notice("clarification_expired", Applicant)],
    ),
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
    ),
    row(
        S::Evaluated,
        A::NotShortlist,
        S::NotShortlisted,
        MANAGER,
        &[G::ConceptNoteStage],
        &[notice("concept_note_not_shortlisted", Applicant)],
    ),
    row(S::Evaluated, A::Award, S::Awarded, MANAGER, &[G::FullApplicationStage, G::BudgetAvailable], AWARDED),
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
    row(S::ReserveListed, A::Award, S::Awarded, MANAGER_OR_SYSTEM, &[G::BudgetAvailable], AWARDED),
    row(S::ReserveListed, A::Reject, S::Rejected, MANAGER_OR_SYSTEM, &[G::ReasonGiven], REJECTED),
    row(S::ReserveListed, A::Withdraw, S::Withdrawn, APPLICANT, &[], WITHDRAWN),
    row(S::Awarded, A::Decline, S::Declined, APPLICANT, &[], &[notice("award_declined", Managers)]),
    row(
        S::Awarded,
        A::SignAgreement,
        S::Contracted,
        MANAGER,
        &[G::AgreementRecorded],
        &[notice("agreement_signed", Applicant)],
    ),
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
