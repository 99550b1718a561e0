//! An outgoing email's life (SPEC §7) as a table. Workers claim, settle and hand back messages in sets
//! (one SQL statement for many rows), so the store reads the rows of this table to build those
//! statements: which state a step starts from, where it leads, and the conditions (due, lease run out,
//! claim still held) it puts in the `WHERE` clause.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::{Actor, FailureKind, Guard, GuardFailure, GuardInput, Machine, NoEffect, Transition};

/// Where an email is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OutboxState {
    /// Waiting to be sent (or to be retried).
    Pending,
    /// Claimed by a worker, under a lease.
    Sending,
    /// Handed to the mail server; never sent again.
    Sent,
    /// Given up after the last attempt; an admin may retry it.
    Failed,
}

/// What happens to an email.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OutboxAction {
    /// A worker claims it under a lease (or takes over one whose lease ran out).
    Claim,
    /// The mail server accepted it.
    Deliver,
    /// A transient failure: it waits for its next attempt.
    RetryLater,
    /// The last attempt failed: it waits for an admin.
    GiveUp,
    /// A stopping worker hands back what it claimed and did not start.
    HandBack,
    /// An admin queues a failed email again.
    Retry,
}

/// What the outbox guards read (the store turns each guard into a condition of its statement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutboxFacts {
    /// Its next attempt is due.
    pub due: bool,
    /// The lease of the worker holding it has run out.
    pub lease_lapsed: bool,
    /// The acting worker's claim token is the one on the row.
    pub claim_held: bool,
}

/// The conditions of outbox transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxGuard {
    /// The next attempt is due.
    Due,
    /// The holder's lease has run out.
    LeaseLapsed,
    /// The acting worker still holds the claim: a message taken over by another worker is not touched.
    ClaimHeld,
}

impl Guard for OutboxGuard {
    type Facts = OutboxFacts;

    fn name(self) -> &'static str {
        match self {
            Self::Due => "due",
            Self::LeaseLapsed => "lease_lapsed",
            Self::ClaimHeld => "claim_held",
        }
    }

    fn check(self, input: &GuardInput<'_, OutboxFacts>) -> Result<(), GuardFailure> {
        let holds = match self {
            Self::Due => input.facts.due,
            Self::LeaseLapsed => input.facts.lease_lapsed,
            Self::ClaimHeld => input.facts.claim_held,
        };
        if holds {
            Ok(())
        } else {
            Err(GuardFailure {
                guard: self.name(),
                kind: FailureKind::Precondition,
                message: format!("the email is not {}", self.name().replace('_', " ")),
                fields: Vec::new(),
            })
        }
    }
}

/// Whether an email in `state` still waits to go out (the queue the figures count).
pub fn is_queued(state: OutboxState) -> bool {
    matches!(state, OutboxState::Pending | OutboxState::Sending)
}

/// The outbox machine.
pub struct OutboxMachine;

impl Machine for OutboxMachine {
    type State = OutboxState;
    type Action = OutboxAction;
    type Guard = OutboxGuard;
    type Effect = NoEffect;
    const SUBJECT: &'static str = "outbox";
    const INITIAL: OutboxState = OutboxState::Pending;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<OutboxState, OutboxAction, OutboxGuard>;

const fn row(from: OutboxState, action: OutboxAction, to: OutboxState, guards: &'static [OutboxGuard]) -> Row {
    Transition { from, action, to, actors: &[Actor::System], guards, effects: &[], notices: &[] }
}

use OutboxAction as A;
use OutboxGuard as G;
use OutboxState as S;

/// The outbox lifecycle.
pub static TABLE: &[Row] = &[
    row(S::Pending, A::Claim, S::Sending, &[G::Due]),
    row(S::Sending, A::Claim, S::Sending, &[G::LeaseLapsed]),
    row(S::Sending, A::Deliver, S::Sent, &[G::ClaimHeld]),
    row(S::Sending, A::RetryLater, S::Pending, &[G::ClaimHeld]),
    row(S::Sending, A::GiveUp, S::Failed, &[G::ClaimHeld]),
    row(S::Sending, A::HandBack, S::Pending, &[G::ClaimHeld]),
    Transition {
        from: S::Failed,
        action: A::Retry,
        to: S::Pending,
        actors: &[Actor::ADMIN],
        guards: &[],
        effects: &[],
        notices: &[],
    },
];

/// The rows of `action`, in table order: a set-based step applies each of them.
pub fn rows_of(action: OutboxAction) -> impl Iterator<Item = &'static Row> {
    TABLE.iter().filter(move |row| row.action == action)
}
