//! Questions about application states that several places ask (the budget guard, the ranking page, the
//! portfolio, the evaluation report, the call decision). Each has one definition, here beside the table.

use super::ApplicationState::{
    self, Awarded, Closed, Contracted, Declined, EligibilityReview, Eligible, Evaluated, InEvaluation, Rejected,
    ReserveListed, Terminated,
};

/// Whether an application in `state` holds part of its lot's budget: what the award guard subtracts
/// from the lot and what the ranking page adds up as awarded.
pub fn holds_lot_budget(state: ApplicationState) -> bool {
    matches!(state, Awarded | Contracted | Closed)
}

/// Whether an application in `state` counts as funded in the portfolio and the open data: awarded at
/// some point and not declined (a terminated grant was funded until it was stopped).
pub fn is_funded(state: ApplicationState) -> bool {
    holds_lot_budget(state) || state == Terminated
}

/// Whether an application in `state` has a complete evaluation that keeps its place in the ranking.
pub fn is_rankable(state: ApplicationState) -> bool {
    matches!(state, Evaluated | Awarded | ReserveListed | Rejected | Declined | Contracted | Closed | Terminated)
}

/// Whether an application in `state` leaves nothing for the call's decision to wait on: it is in a
/// final state, or holds an award or a reserve place (SPEC §3: `decided` once every application has
/// its decision).
pub fn is_decided(state: ApplicationState) -> bool {
    crate::is_final::<super::ApplicationMachine>(state) || matches!(state, Awarded | Contracted | ReserveListed)
}

/// The application states `holds` picks, as stored (for queries that filter on them).
pub fn states_where(holds: fn(ApplicationState) -> bool) -> Vec<String> {
    crate::stored_states::<super::ApplicationMachine>(holds)
}

/// Whether evaluators may be assigned to an application in `state` (the first ones before `assign`,
/// replacements while the evaluation runs).
pub fn accepts_evaluators(state: ApplicationState) -> bool {
    matches!(state, Eligible | InEvaluation)
}

/// Whether the eligibility checklist of an application in `state` may be filled in.
pub fn reviews_eligibility(state: ApplicationState) -> bool {
    state == EligibilityReview
}
