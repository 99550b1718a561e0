//! The evaluation report of a call (SPEC §6): everything an auditor needs to follow the decisions —
//! the opening record, eligibility results, every scorecard, consolidated scores, thresholds, ranks,
//! decisions and amounts, the reserve list, and the register of declarations and conflicts.
//!
//! The report is read in pages of applications inside one read-only transaction ([`ReportReader`]), so
//! exports stream it with memory that does not grow with the call and every page sees the same data.

mod reader;
mod rows;

pub use reader::{Cursor, ReportReader};
pub use rows::Page;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use grants_domain::Money;
use grants_domain::evaluation::Consolidation;
use grants_workflow::ApplicationState;

use crate::Call;

/// Which of an application's records a page of the report is read with. The printable report shows
/// one part at a time, each over every application, and each part needs only some of the records: a
/// pass that reads only those keeps the whole report near the cost of reading everything once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPart {
    /// Everything ([`ReportReader::applications`]): the JSON and CSV exports, one pass.
    Everything,
    /// The opening record: organisation, country, lot, submission (no scorecards, no checks).
    Opening,
    /// The eligibility checks.
    Eligibility,
    /// Every scorecard with its evaluator and comments.
    Scores,
    /// The consolidated scores, thresholds, ranks and amounts (the scores without the comments).
    Decisions,
}

impl ReportPart {
    fn organisations(self) -> bool {
        matches!(self, ReportPart::Everything | ReportPart::Opening)
    }

    fn checks(self) -> bool {
        matches!(self, ReportPart::Everything | ReportPart::Eligibility)
    }

    fn scorecards(self) -> bool {
        matches!(self, ReportPart::Everything | ReportPart::Scores)
    }

    fn consolidation(self) -> bool {
        matches!(self, ReportPart::Everything | ReportPart::Decisions)
    }
}

/// One application's part of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportApplication {
    /// Its id.
    pub id: i64,
    /// Its reference.
    pub reference: String,
    /// The applicant organisation.
    pub organisation: String,
    /// Its country.
    pub country: String,
    /// Its lot's name (English; pages show [`crate::LotRecord::name_in`] of the lot `lot_id`).
    pub lot: String,
    /// Its lot.
    pub lot_id: Option<i64>,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Submitted before the deadline.
    pub on_time: bool,
    /// Its state now.
    pub state: ApplicationState,
    /// The eligibility checklist: item, passed, note.
    pub checklist: Vec<(String, Option<bool>, Option<String>)>,
    /// Each submitted scorecard: evaluator name, points per criterion, total, overall comment.
    pub scorecards: Vec<ReportScorecard>,
    /// The consolidated evaluation, when it was evaluated.
    pub consolidation: Option<Consolidation>,
    /// Its rank in its lot, when it meets every threshold.
    pub rank: Option<usize>,
    /// The grant requested.
    pub requested: Option<Money>,
    /// The grant awarded.
    pub awarded: Option<Money>,
}

/// One evaluator's submitted scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportScorecard {
    /// Who scored.
    pub evaluator: String,
    /// Points per criterion (score × weight).
    pub points: BTreeMap<String, rust_decimal::Decimal>,
    /// The weighted total.
    pub total: rust_decimal::Decimal,
    /// The evaluator's comments per criterion.
    pub comments: BTreeMap<String, String>,
    /// The overall comment.
    pub overall_comment: String,
}

/// One entry of the declarations register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The application's reference.
    pub reference: String,
    /// The evaluator.
    pub evaluator: String,
    /// `declared` (no conflict), `conflict`, `assigned` (not yet signed) or `removed`.
    pub status: String,
    /// When they declared.
    pub declared_at: Option<DateTime<Utc>>,
    /// The conflict described, if any.
    pub statement: Option<String>,
}

/// What the report says of the call as a whole, read before its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportHead {
    /// The call.
    pub call: Call,
    /// Per lot (English name), the reserve list in order (references).
    pub reserve: BTreeMap<String, Vec<String>>,
    /// The sum of the amounts awarded (the applications that hold a lot's budget).
    pub awarded_total: Money,
    /// How many applications were submitted.
    pub submitted: u64,
}
