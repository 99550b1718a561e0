//! The generic engine: a table of rows and the one function that decides whether a request matches one.

use std::fmt::Debug;
use std::hash::Hash;

use serde::Serialize;
use serde::ser::SerializeStruct;
use strum::IntoEnumIterator;

use crate::{Actor, Guard, GuardInput, Input, Notice, TransitionError};

/// A named side effect of a row (number the reference, write the agreement, offer the lot to the
/// reserve list…): the row says what happens besides the state change, and the store carries it out
/// in the transition's transaction, so no executor keeps its own `match` on actions.
pub trait Effect: Copy + std::fmt::Debug + 'static {
    /// A stable snake_case name, shown in the table.
    fn name(self) -> &'static str;
}

/// The effect type of machines whose rows only change the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoEffect {}

impl Effect for NoEffect {
    fn name(self) -> &'static str {
        match self {}
    }
}

/// One row of a transition table: from `from`, `action` by one of `actors` leads to `to` when every
/// guard holds, carries out `effects` and sends `notices`.
#[derive(Debug)]
pub struct Transition<S: 'static, A: 'static, G: 'static, E: 'static = NoEffect> {
    /// The state the row starts from.
    pub from: S,
    /// The action requested.
    pub action: A,
    /// The state the row leads to.
    pub to: S,
    /// Who may perform it.
    pub actors: &'static [Actor],
    /// Conditions checked in the transaction.
    pub guards: &'static [G],
    /// What the store does besides changing the state, in the same transaction.
    pub effects: &'static [E],
    /// Emails written to the outbox with the state change.
    pub notices: &'static [Notice],
}

impl<S: Copy, A: Copy, G, E> Transition<S, A, G, E> {
    /// The same row with its side effects named.
    #[must_use]
    pub const fn doing(self, effects: &'static [E]) -> Self {
        Transition { effects, ..self }
    }
}

impl<S, A, G, E> Serialize for Transition<S, A, G, E>
where
    S: AsRef<str>,
    A: AsRef<str>,
    G: Guard,
    E: Effect,
{
    fn serialize<Z: serde::Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut row = serializer.serialize_struct("Transition", 7)?;
        row.serialize_field("from", self.from.as_ref())?;
        row.serialize_field("action", self.action.as_ref())?;
        row.serialize_field("to", self.to.as_ref())?;
        row.serialize_field("actors", &self.actors.iter().map(|a| a.as_str()).collect::<Vec<_>>())?;
        row.serialize_field("guards", &self.guards.iter().map(|g| g.name()).collect::<Vec<_>>())?;
        row.serialize_field("effects", &self.effects.iter().map(|e| e.name()).collect::<Vec<_>>())?;
        row.serialize_field("notices", self.notices)?;
        row.end()
    }
}

/// A row of machine `M`'s table.
pub type RowOf<M> =
    Transition<<M as Machine>::State, <M as Machine>::Action, <M as Machine>::Guard, <M as Machine>::Effect>;

/// A state machine defined by a table.
pub trait Machine: 'static {
    /// The states, as a string enum.
    type State: Copy + Eq + Hash + Debug + AsRef<str> + Into<&'static str> + IntoEnumIterator + 'static;
    /// The actions, as a string enum.
    type Action: Copy + Eq + Hash + Debug + AsRef<str> + Into<&'static str> + IntoEnumIterator + 'static;
    /// The guards the rows use.
    type Guard: Guard;
    /// The side effects the rows name.
    type Effect: Effect;

    /// `call` or `application`: used in messages and the audit trail.
    const SUBJECT: &'static str;

    /// The state every subject is created in.
    const INITIAL: Self::State;

    /// The table: the single authority on what may happen.
    fn table() -> &'static [RowOf<Self>];
}

/// The row for `action` from `state`, if any.
pub fn find<M: Machine>(state: M::State, action: M::Action) -> Option<&'static RowOf<M>> {
    M::table().iter().find(|row| row.from == state && row.action == action)
}

/// The actions that have a row from `state`, in table order.
pub fn allowed_actions<M: Machine>(state: M::State) -> Vec<M::Action> {
    let mut actions: Vec<M::Action> = Vec::new();
    for row in M::table().iter().filter(|row| row.from == state) {
        if !actions.contains(&row.action) {
            actions.push(row.action);
        }
    }
    actions
}

/// The actions `actor` may attempt from `state` (guards not evaluated): what a front end offers as buttons.
pub fn actions_for<M: Machine>(state: M::State, actor: Actor) -> Vec<M::Action> {
    M::table().iter().filter(|row| row.from == state && row.actors.contains(&actor)).map(|row| row.action).collect()
}

/// The states of `M` that `holds` picks, as stored: for queries that filter on a predicate of the table.
pub fn stored_states<M: Machine>(holds: impl Fn(M::State) -> bool) -> Vec<String> {
    M::State::iter().filter(|s| holds(*s)).map(|s| s.as_ref().to_owned()).collect()
}

/// Whether nothing can happen from `state` any more.
pub fn is_final<M: Machine>(state: M::State) -> bool {
    M::table().iter().all(|row| row.from != state)
}

/// Decides whether `actor` may perform `action` from `state` now, returning the row to apply.
///
/// Checks, in order: a row exists, the actor is allowed, every guard holds (all failures are reported
/// together). The caller applies the returned row; on error nothing may change.
pub fn decide<M: Machine>(
    state: M::State,
    action: M::Action,
    actor: Actor,
    input: &GuardInput<'_, <M::Guard as Guard>::Facts>,
) -> Result<&'static RowOf<M>, TransitionError> {
    let row = find::<M>(state, action).ok_or_else(|| TransitionError::NotAllowed {
        subject: M::SUBJECT,
        state: state.as_ref().to_owned(),
        action: action.as_ref().to_owned(),
        allowed: allowed_actions::<M>(state).iter().map(|a| a.as_ref().to_owned()).collect(),
    })?;
    if !row.actors.contains(&actor) {
        return Err(TransitionError::ActorNotAllowed {
            action: action.as_ref().to_owned(),
            actor: actor.to_string(),
            allowed_actors: row.actors.iter().map(ToString::to_string).collect(),
        });
    }
    let failures: Vec<_> = row.guards.iter().filter_map(|guard| guard.check(input).err()).collect();
    if failures.is_empty() {
        Ok(row)
    } else {
        Err(TransitionError::GuardFailed { action: action.as_ref().to_owned(), failures })
    }
}

/// What a request for `action` from `state` must carry (a reason, a question and due date…), read from
/// the row's guards: the one answer to "which fields does this action's form need".
pub fn inputs_for<M: Machine>(state: M::State, action: M::Action) -> Vec<Input> {
    let mut inputs = Vec::new();
    for input in find::<M>(state, action).into_iter().flat_map(|row| row.guards.iter()).flat_map(|g| g.inputs()) {
        if !inputs.contains(input) {
            inputs.push(*input);
        }
    }
    inputs
}

/// Whether `action` from `state` must come with a reason (it reaches the applicant or the audit trail).
pub fn needs_reason<M: Machine>(state: M::State, action: M::Action) -> bool {
    inputs_for::<M>(state, action).contains(&Input::Reason)
}

/// Picks the role in which someone holding `candidates` performs `action` from `state`: the first
/// candidate the row allows, or else the first candidate, so that [`decide`] explains the refusal.
/// `None` when there are no candidates at all.
pub fn choose_actor<M: Machine>(state: M::State, action: M::Action, candidates: &[Actor]) -> Option<Actor> {
    let allowed = find::<M>(state, action).map(|row| row.actors).unwrap_or_default();
    candidates.iter().copied().find(|c| allowed.contains(c)).or_else(|| candidates.first().copied())
}
