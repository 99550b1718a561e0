//! The workflow engine's rules: what may happen next to a call or an application, who may do it, on
//! which condition, and who is told.
//!
//! Every lifecycle is a transition table of data: applications, calls, evaluator assignments,
//! scorecards, grantee reports and payments ([`lifecycles::all`]). The API, the web buttons, the diagrams
//! in `docs/workflow.md`, the coverage report and the tests all read them; nothing else decides what is
//! allowed.
//! This crate is pure: the store gathers the facts a guard needs and commits what [`decide`] returns.

pub mod actor;
pub mod application;
pub mod assignment;
pub mod call;
pub mod diagram;
pub mod error;
pub mod guard;
pub mod lifecycles;
pub mod machine;
pub mod notice;
pub mod outbox;
pub mod payment;
pub mod report;
pub mod scorecard;

pub use actor::Actor;
pub use application::predicates;
pub use application::{
    ApplicationAction, ApplicationEffect, ApplicationFacts, ApplicationGuard, ApplicationMachine, ApplicationState,
    AwardFacts, actions_at_stage,
};
pub use assignment::{AssignmentAction, AssignmentFacts, AssignmentGuard, AssignmentMachine, AssignmentState};
pub use call::{CallAction, CallEffect, CallFacts, CallGuard, CallMachine, CallState};
pub use error::{FailureKind, GuardFailure, TransitionError};
pub use guard::{Guard, GuardInput, Input};
pub use machine::{
    Effect, Machine, NoEffect, RowOf, Transition, actions_for, allowed_actions, choose_actor, decide, inputs_for,
    is_final, needs_reason, stored_states,
};
pub use notice::{Audience, Notice, notice};
pub use outbox::{OutboxAction, OutboxFacts, OutboxGuard, OutboxMachine, OutboxState};
pub use payment::{PaymentAction, PaymentFacts, PaymentGuard, PaymentMachine, PaymentState};
pub use report::{ReportAction, ReportEffect, ReportFacts, ReportGuard, ReportMachine, ReportState};
pub use scorecard::{
    ScorecardAction, ScorecardEffect, ScorecardFacts, ScorecardGuard, ScorecardMachine, ScorecardState,
};
