//! Every lifecycle the engine runs, seen through one shape: what the diagram document, the coverage
//! report and the tests list. A new table is added here once and shows up everywhere.

use strum::IntoEnumIterator;

use crate::{
    ApplicationMachine, AssignmentMachine, CallMachine, Machine, OutboxMachine, PaymentMachine, ReportMachine, RowOf,
    ScorecardMachine, is_final,
};

/// One row, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowName {
    /// The state it starts from.
    pub from: &'static str,
    /// The action.
    pub action: &'static str,
    /// The state it leads to.
    pub to: &'static str,
    /// Who may perform it.
    pub actors: &'static [crate::Actor],
}

/// A table by name: its subject, first state, rows and final states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lifecycle {
    /// `application`, `call`, `assignment`, …
    pub subject: &'static str,
    /// The state every subject starts in.
    pub initial: &'static str,
    /// The rows in table order.
    pub rows: Vec<RowName>,
    /// The states nothing leaves.
    pub finals: Vec<&'static str>,
}

/// The lifecycle of machine `M`.
pub fn of<M: Machine>() -> Lifecycle {
    Lifecycle {
        subject: M::SUBJECT,
        initial: M::INITIAL.into(),
        rows: M::table().iter().map(name_of::<M>).collect(),
        finals: M::State::iter().filter(|s| is_final::<M>(*s)).map(Into::into).collect(),
    }
}

/// Every lifecycle, applications first.
pub fn all() -> Vec<Lifecycle> {
    vec![
        of::<ApplicationMachine>(),
        of::<CallMachine>(),
        of::<AssignmentMachine>(),
        of::<ScorecardMachine>(),
        of::<ReportMachine>(),
        of::<PaymentMachine>(),
        of::<OutboxMachine>(),
    ]
}

/// The name of one row of machine `M`.
pub fn name_of<M: Machine>(row: &RowOf<M>) -> RowName {
    RowName { from: row.from.into(), action: row.action.into(), to: row.to.into(), actors: row.actors }
}

/// The names of every guard some row of a table people act on uses: each needs a sentence in the
/// language catalogues, shown when it refuses. (The outbox's guards are conditions of the workers'
/// statements; nobody is ever refused by them.)
pub fn guard_names() -> std::collections::BTreeSet<&'static str> {
    fn of<M: Machine>() -> impl Iterator<Item = &'static str> {
        M::table().iter().flat_map(|row| row.guards.iter().map(|guard| crate::Guard::name(*guard)))
    }
    of::<ApplicationMachine>()
        .chain(of::<CallMachine>())
        .chain(of::<AssignmentMachine>())
        .chain(of::<ScorecardMachine>())
        .chain(of::<ReportMachine>())
        .chain(of::<PaymentMachine>())
        .collect()
}
