//! The workflow engine's rules: what may happen next to a call or an application, who may do it, on
//! which condition, and who is told.
//!
//! The transition tables are data ([`application::TABLE`], [`call::TABLE`]). The API, the web buttons,
//! the diagram in `docs/workflow.md` and the tests all read them; nothing else decides what is allowed.
//! This crate is pure: the store gathers the facts a guard needs and commits what [`decide`] returns.

pub mod actor;
pub mod application;
pub mod call;
pub mod diagram;
pub mod error;
pub mod guard;
pub mod machine;
pub mod notice;

pub use actor::Actor;
pub use application::{
    ApplicationAction, ApplicationFacts, ApplicationGuard, ApplicationMachine, ApplicationState, AwardFacts,
    actions_at_stage,
};
pub use call::{CallAction, CallFacts, CallGuard, CallMachine, CallState};
pub use error::{FailureKind, GuardFailure, TransitionError};
pub use guard::{Guard, GuardInput};
pub use machine::{Machine, Transition, actions_for, allowed_actions, choose_actor, decide, is_final};
pub use notice::{Audience, Notice, notice};
