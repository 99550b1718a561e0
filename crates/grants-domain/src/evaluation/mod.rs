//! The evaluation and award rules (SPEC §6), as pure functions.
//!
//! Evaluators score applications against a [`Grid`] on a [`Scorecard`]; the submitted scorecards of one
//! application are [`consolidate`]d (mean, discrepancy, thresholds); the consolidated applications of a call
//! are [`rank`]ed per lot; and each lot's ranking becomes an award [`Proposal`] within the lot budget (or, at
//! the concept-note stage of a restricted call, a [`shortlist`]). Nothing here does IO, so the workflow, the
//! web pages and the reports all apply the very same arithmetic.
//!
//! The flow, one step per file:
//!
//! 1. [`grid`]: what is scored, how heavily, and which minimums eliminate;
//! 2. [`scorecard`]: one evaluator's scores, checked before submission;
//! 3. [`consolidation`]: the mean of the submitted scorecards, and whether it may stand;
//! 4. [`ranking`]: the order of the applications within each lot;
//! 5. [`award`]: who gets funded, who waits on the reserve list, who is rejected.

pub mod award;
pub mod consolidation;
pub mod grid;
pub mod ranking;
pub mod scorecard;

pub use award::{AwardOrder, Proposal, propose, shortlist};
pub use consolidation::{
    Consolidation, DEFAULT_DISCREPANCY_TRIGGER, NeedsMore, consolidate, for_display, points_in_words,
};
pub use grid::{Criterion, Descriptor, Grid, Section};
pub use ranking::{Candidate, Ranked, Ranking, rank};
pub use scorecard::Scorecard;
