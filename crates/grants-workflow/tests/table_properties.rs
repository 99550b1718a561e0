//! Properties of the transition tables that must hold whatever rows are added later.

use std::collections::{HashSet, VecDeque};

use grants_workflow::{
    ApplicationMachine, ApplicationState, AssignmentMachine, CallMachine, CallState, Machine, OutboxMachine,
    PaymentMachine, ReportMachine, ScorecardMachine, allowed_actions, is_final,
};
use strum::IntoEnumIterator;

fn reachable_from<M: Machine>(start: M::State) -> HashSet<M::State> {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(state) = queue.pop_front() {
        for row in M::table().iter().filter(|r| r.from == state) {
            if seen.insert(row.to) {
                queue.push_back(row.to);
            }
        }
    }
    seen
}

fn every_state_is_reachable<M: Machine>() {
    let reachable = reachable_from::<M>(M::INITIAL);
    for state in M::State::iter() {
        assert!(reachable.contains(&state), "{} state `{}` cannot be reached", M::SUBJECT, state.as_ref());
    }
}

fn every_state_can_finish<M: Machine>() {
    for state in M::State::iter() {
        let finishes = reachable_from::<M>(state).into_iter().any(is_final::<M>);
        assert!(finishes, "{} state `{}` can never reach a final state", M::SUBJECT, state.as_ref());
    }
}

fn rows_are_unique_and_complete<M: Machine>() {
    let mut keys = HashSet::new();
    for row in M::table() {
        assert!(keys.insert((row.from, row.action)), "two rows for ({:?}, {:?})", row.from, row.action);
        assert!(!row.actors.is_empty(), "row ({:?}, {:?}) names nobody who may perform it", row.from, row.action);
        assert!(
            row.from != row.to || !row.guards.is_empty(),
            "row ({:?}, {:?}) goes nowhere and changes nothing under a condition",
            row.from,
            row.action
        );
    }
    let used: HashSet<_> = M::table().iter().map(|r| r.action).collect();
    for action in M::Action::iter() {
        assert!(used.contains(&action), "{} action `{}` has no row", M::SUBJECT, action.as_ref());
    }
}

#[test]
fn application_table_is_sound() {
    every_state_is_reachable::<ApplicationMachine>();
    every_state_can_finish::<ApplicationMachine>();
    rows_are_unique_and_complete::<ApplicationMachine>();
}

#[test]
fn call_table_is_sound() {
    every_state_is_reachable::<CallMachine>();
    every_state_can_finish::<CallMachine>();
    rows_are_unique_and_complete::<CallMachine>();
}

#[test]
fn grant_and_evaluation_tables_are_sound() {
    every_state_is_reachable::<AssignmentMachine>();
    every_state_can_finish::<AssignmentMachine>();
    rows_are_unique_and_complete::<AssignmentMachine>();
    every_state_is_reachable::<ReportMachine>();
    every_state_can_finish::<ReportMachine>();
    rows_are_unique_and_complete::<ReportMachine>();
    every_state_is_reachable::<PaymentMachine>();
    every_state_can_finish::<PaymentMachine>();
    rows_are_unique_and_complete::<PaymentMachine>();
    every_state_is_reachable::<OutboxMachine>();
    every_state_can_finish::<OutboxMachine>();
    rows_are_unique_and_complete::<OutboxMachine>();
    // A scorecard never becomes final: a manager may reopen a submitted one while the evaluation runs.
    every_state_is_reachable::<ScorecardMachine>();
    rows_are_unique_and_complete::<ScorecardMachine>();
}

#[test]
fn final_states_are_the_ones_the_spec_names() {
    use ApplicationState::*;
    let finals: HashSet<_> = ApplicationState::iter().filter(|s| is_final::<ApplicationMachine>(*s)).collect();
    let expected =
        HashSet::from([Ineligible, Invited, NotShortlisted, Rejected, Declined, Closed, Terminated, Withdrawn]);
    assert_eq!(finals, expected);
    for state in expected {
        assert!(allowed_actions::<ApplicationMachine>(state).is_empty());
    }
    let call_finals: HashSet<_> = CallState::iter().filter(|s| is_final::<CallMachine>(*s)).collect();
    assert_eq!(call_finals, HashSet::from([CallState::Archived, CallState::Cancelled]));
}

#[test]
fn withdrawal_is_possible_exactly_before_a_decision() {
    use ApplicationState::*;
    let withdrawable: HashSet<_> = ApplicationMachine::table()
        .iter()
        .filter(|r| r.action == grants_workflow::ApplicationAction::Withdraw)
        .map(|r| r.from)
        .collect();
    let expected = HashSet::from([
        Draft,
        Submitted,
        EligibilityReview,
        ClarificationRequested,
        Eligible,
        InEvaluation,
        Evaluated,
        ReserveListed,
    ]);
    assert_eq!(withdrawable, expected);
}

#[test]
fn docs_workflow_md_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/workflow.md");
    let generated = grants_workflow::diagram::workflow_document();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/workflow.md is out of date: run `UPDATE_DOCS=1 cargo test -p grants-workflow docs_workflow_md_is_current`"
    );
}

#[test]
fn readme_diagram_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let mut readme = std::fs::read_to_string(path).unwrap();
    let block = format!(
        "<!-- workflow:begin -->\n```mermaid\n{}```\n<!-- workflow:end -->",
        grants_workflow::diagram::mermaid::<ApplicationMachine>()
    );
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let start = readme.find("<!-- workflow:begin -->").unwrap();
        let end = readme.find("<!-- workflow:end -->").unwrap() + "<!-- workflow:end -->".len();
        readme.replace_range(start..end, &block);
        std::fs::write(path, &readme).unwrap();
    }
    assert!(
        readme.contains(&block),
        "the README's workflow diagram is out of date: run `UPDATE_DOCS=1 cargo test -p grants-workflow readme`"
    );
}

/// `docs/transition-coverage.md` (written by `.ci/run` with the counts of the run) lists exactly the rows of
/// every table, so a new row shows up there and CI checks that the suite applies it.
#[test]
fn transition_coverage_lists_every_row() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/transition-coverage.md");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    let mut listed: Vec<(String, String, String, String)> = Vec::new();
    let mut subject = String::new();
    for line in on_disk.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            subject = name.trim().to_owned();
        } else if let Some(cells) = line.strip_prefix("| ") {
            let cells: Vec<&str> = cells.split('|').map(str::trim).collect();
            if cells.len() >= 3 && cells[0] != "from" && !cells[0].starts_with("---") {
                listed.push((subject.clone(), cells[0].to_owned(), cells[1].to_owned(), cells[2].to_owned()));
            }
        }
    }
    let expected: Vec<(String, String, String, String)> = grants_workflow::lifecycles::all()
        .into_iter()
        .flat_map(|l| {
            l.rows
                .into_iter()
                .map(move |r| (l.subject.to_owned(), r.from.to_owned(), r.action.to_owned(), r.to.to_owned()))
        })
        .collect();
    assert_eq!(
        listed, expected,
        "docs/transition-coverage.md is out of date: run `.ci/run` (it regenerates it from the test suite's hits)"
    );
}
