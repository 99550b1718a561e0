//! Renders the transition tables as Mermaid state diagrams, so the picture can never drift from the rules.

use std::fmt::Write as _;

use crate::Machine;
use crate::lifecycles::{self, Lifecycle};

/// The table of `M` as a Mermaid `stateDiagram-v2`.
pub fn mermaid<M: Machine>() -> String {
    render(&lifecycles::of::<M>())
}

/// One lifecycle as a Mermaid `stateDiagram-v2`: one arrow per row labelled `action (actors)`, an entry
/// arrow into the initial state and exit arrows from the final states.
pub fn render(lifecycle: &Lifecycle) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let _ = writeln!(out, "    [*] --> {}", lifecycle.initial);
    for row in &lifecycle.rows {
        let actors: Vec<_> = row.actors.iter().map(|a| a.as_str()).collect();
        let _ = writeln!(out, "    {} --> {}: {} ({})", row.from, row.to, row.action, actors.join(", "));
    }
    for state in &lifecycle.finals {
        let _ = writeln!(out, "    {state} --> [*]");
    }
    out
}

/// The document kept at `docs/workflow.md`: every lifecycle's diagram with a short legend.
pub fn workflow_document() -> String {
    let mut out = String::from(
        "# Workflow\n\n\
         Generated from the transition tables in `crates/grants-workflow` by `mmd-grants workflow --markdown`; a \
         test fails when this file is out of date. Each arrow is one row: `action (roles allowed)`. Guards, \
         side effects and emails per row are listed by `GET /api/v1/workflow`.\n",
    );
    for lifecycle in lifecycles::all() {
        let mut title = lifecycle.subject.to_owned();
        title[..1].make_ascii_uppercase();
        let _ = write!(out, "\n## {title}\n\n```mermaid\n{}```\n", render(&lifecycle));
    }
    out
}
