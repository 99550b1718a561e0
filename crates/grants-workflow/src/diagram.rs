//! Renders a transition table as a Mermaid state diagram, so the picture can never drift from the rules.

use std::fmt::Write as _;

use strum::IntoEnumIterator;

use crate::{Machine, is_final};

/// The table of `M` as a Mermaid `stateDiagram-v2`: one arrow per row labelled `action (actors)`,
/// an entry arrow into the initial state and exit arrows from the final states.
pub fn mermaid<M: Machine>() -> String {
    let mut out = String::from("stateDiagram-v2\n");
    let _ = writeln!(out, "    [*] --> {}", M::INITIAL.as_ref());
    for row in M::table() {
        let actors: Vec<_> = row.actors.iter().map(|a| a.as_str()).collect();
        let _ = writeln!(
            out,
            "    {} --> {}: {} ({})",
            row.from.as_ref(),
            row.to.as_ref(),
            row.action.as_ref(),
            actors.join(", ")
        );
    }
    for state in M::State::iter().filter(|s| is_final::<M>(*s)) {
        let _ = writeln!(out, "    {} --> [*]", state.as_ref());
    }
    out
}

/// The document kept at `docs/workflow.md`: both diagrams with a short legend.
pub fn workflow_document() -> String {
    format!(
        "# Workflow\n\n\
         Generated from the transition tables in `crates/grants-workflow` by `mmd-grants workflow`; a test \
         fails when this file is out of date. Each arrow is one row: `action (roles allowed)`. Guards and \
         emails per row are listed by `GET /api/v1/workflow`.\n\n\
         ## Application\n\n```mermaid\n{}```\n\n## Call\n\n```mermaid\n{}```\n",
        mermaid::<crate::ApplicationMachine>(),
        mermaid::<crate::CallMachine>()
    )
}
