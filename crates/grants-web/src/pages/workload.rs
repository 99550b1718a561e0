//! The evaluator's work list: every current assignment, what is left to do on it (declare, score, hand in),
//! and when scorecards are due.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_store::workload::Progress;
use serde_json::{Value, json};

use super::extract::{Evaluators, SignedIn};
use super::format::local_time;
use super::{context, failure_page, page};
use crate::{AppError, AppState};

/// `/assignments` (evaluators).
pub async fn show(State(state): State<AppState>, signed: SignedIn<Evaluators>) -> Response {
    let SignedIn { visitor, user, .. } = signed;
    let work = match state.store.evaluator_work(user.id).await {
        Ok(work) => work,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let mut calls = HashMap::new();
    for item in &work {
        let call_id = item.application.call_id;
        if let std::collections::hash_map::Entry::Vacant(slot) = calls.entry(call_id) {
            match state.store.call(call_id).await {
                Ok(call) => {
                    slot.insert(call);
                }
                Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
            }
        }
    }
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let rows: Vec<Value> = work
        .iter()
        .map(|item| {
            let application = &item.application;
            let call = calls.get(&application.call_id);
            let declared = item.progress != Progress::MustDeclare;
            let link = if declared {
                format!("/applications/{}/scorecard", application.id)
            } else {
                format!("/applications/{}/declaration", application.id)
            };
            json!({
                "reference": application.reference,
                "title": if declared { Some(application.title.clone()) } else { None },
                "call_reference": call.map(|c| c.rules.reference.clone()),
                "due": call.and_then(|c| c.settings.evaluation_deadline.map(|at| local_time(at, &c.rules.display_timezone, visitor.lang))),
                "progress": item.progress.as_str(),
                "progress_label": t(format!("progress_{}", item.progress.as_str())),
                "link": link,
                "link_label": t(format!("progress_link_{}", item.progress.as_str())),
            })
        })
        .collect();
    let submitted = work.iter().filter(|i| i.progress == Progress::Submitted).count();
    let ctx = context(
        &state,
        &visitor,
        "title_assignments",
        json!({ "rows": rows, "submitted": submitted, "total": work.len() }),
    );
    page(&state, StatusCode::OK, "assignments", ctx)
}
