//! Conditions checked before a transition, over facts the store gathers inside the transaction.

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::GuardFailure;

/// What a guard looks at: the request and the facts about the subject.
#[derive(Debug, Clone, Copy)]
pub struct GuardInput<'a, F> {
    /// The instant the transition happens (injectable, so deadlines are testable).
    pub now: DateTime<Utc>,
    /// The reason given with the request, if any.
    pub reason: Option<&'a str>,
    /// The structured payload given with the request (`Value::Null` when none).
    pub payload: &'a Value,
    /// What the store knows of the subject.
    pub facts: &'a F,
}

impl<F> GuardInput<'_, F> {
    /// The reason, when it holds more than white space.
    pub fn reason_text(&self) -> Option<&str> {
        self.reason.map(str::trim).filter(|r| !r.is_empty())
    }

    /// A non-empty string field of the payload.
    pub fn payload_text(&self, key: &str) -> Option<&str> {
        self.payload.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
    }

    /// An RFC 3339 instant field of the payload.
    pub fn payload_instant(&self, key: &str) -> Option<DateTime<Utc>> {
        self.payload_text(key).and_then(|s| DateTime::parse_from_rfc3339(s).ok()).map(|t| t.with_timezone(&Utc))
    }
}

/// Something a request must carry for a row's guard to hold: what the action's form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// A reason in words (recorded, and sent to the applicant where the row emails them).
    Reason,
    /// A clarification question.
    Question,
    /// The date a clarification answer is due.
    DueDate,
    /// The applicant's answer to a clarification.
    Answer,
    /// An amount (the grant awarded, the agreement's amount).
    Amount,
    /// The first and last day of the grant agreement.
    AgreementDates,
}

/// A named condition of a transition row.
pub trait Guard: Copy + std::fmt::Debug + 'static {
    /// The facts this guard reads.
    type Facts;

    /// A stable snake_case name, shown in errors and the table.
    fn name(self) -> &'static str;

    /// What the request must carry for this guard to hold.
    fn inputs(self) -> &'static [Input] {
        &[]
    }

    /// `Ok` when the condition holds, otherwise why not.
    fn check(self, input: &GuardInput<'_, Self::Facts>) -> Result<(), GuardFailure>;
}
