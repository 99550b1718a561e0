//! The conditions of application transitions, checked over the facts the store gathers.

use grants_domain::Money;
use grants_domain::call::Stage;

use super::{ApplicationFacts, ApplicationGuard};
use crate::{CallState, FailureKind, Guard, GuardFailure, GuardInput, Input};

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

    fn inputs(self) -> &'static [Input] {
        match self {
            Self::ReasonGiven => &[Input::Reason],
            Self::ClarificationQuestion => &[Input::Question, Input::DueDate],
            Self::ClarificationAnswer => &[Input::Answer],
            Self::BudgetAvailable => &[Input::Amount],
            Self::AgreementRecorded => &[Input::AgreementDates, Input::Amount],
            _ => &[],
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
