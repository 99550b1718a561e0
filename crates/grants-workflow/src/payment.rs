//! A payment of the grant's schedule (SPEC §8) as a table: scheduled until the report that releases it
//! is approved (a further pre-financing also needs 70 % of the previous payment spent), then paid.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use crate::notice::{Audience::Applicant, notice};
use crate::{Actor, FailureKind, Guard, GuardFailure, GuardInput, Machine, NoEffect, Notice, Transition};

/// Where a payment is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentState {
    /// Waiting for the report that releases it.
    Scheduled,
    /// Released, to be paid.
    Requested,
    /// Paid.
    Paid,
}

/// What can be requested of a payment. The names are the audit trail's.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, EnumString, AsRefStr, IntoStaticStr, EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[allow(missing_docs)]
pub enum PaymentAction {
    ReleasePayment,
    MarkPaid,
}

/// What the payment guards read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaymentFacts {
    /// The grant is contracted.
    pub grant_running: bool,
    /// For `release_payment`: whether the spending reported allows the release (the 70 % rule), as
    /// decided by `grants_domain::agreement::spending_allows_release`.
    pub spending_allows_release: bool,
}

/// The conditions of payment transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentGuard {
    /// The grant is contracted.
    GrantRunning,
    /// Enough of the previous payment is reported as spent.
    SpendingReported,
}

impl Guard for PaymentGuard {
    type Facts = PaymentFacts;

    fn name(self) -> &'static str {
        match self {
            Self::GrantRunning => "grant_running",
            Self::SpendingReported => "spending_reported",
        }
    }

    fn check(self, input: &GuardInput<'_, PaymentFacts>) -> Result<(), GuardFailure> {
        let fail = |message: &str| {
            Err(GuardFailure {
                guard: self.name(),
                kind: FailureKind::Precondition,
                message: message.to_owned(),
                fields: Vec::new(),
            })
        };
        match self {
            Self::GrantRunning if input.facts.grant_running => Ok(()),
            Self::GrantRunning => fail("reports and payments move only while the grant is contracted"),
            Self::SpendingReported if input.facts.spending_allows_release => Ok(()),
            Self::SpendingReported => fail("less than 70 % of the previous payment reported as spent"),
        }
    }
}

/// The payment machine.
pub struct PaymentMachine;

impl Machine for PaymentMachine {
    type State = PaymentState;
    type Action = PaymentAction;
    type Guard = PaymentGuard;
    type Effect = NoEffect;
    const SUBJECT: &'static str = "payment";
    const INITIAL: PaymentState = PaymentState::Scheduled;

    fn table() -> &'static [Row] {
        TABLE
    }
}

type Row = Transition<PaymentState, PaymentAction, PaymentGuard>;

use PaymentAction as A;
use PaymentGuard as G;
use PaymentState as S;

/// The payment lifecycle.
pub static TABLE: &[Row] = &[
    Transition {
        from: S::Scheduled,
        action: A::ReleasePayment,
        to: S::Requested,
        actors: &[Actor::System],
        guards: &[G::GrantRunning, G::SpendingReported],
        effects: &[],
        notices: &[],
    },
    Transition {
        from: S::Requested,
        action: A::MarkPaid,
        to: S::Paid,
        actors: &[Actor::MANAGER],
        guards: &[G::GrantRunning],
        effects: &[],
        notices: &[notice("payment_made", Applicant)] as &[Notice],
    },
];
