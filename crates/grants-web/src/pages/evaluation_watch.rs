//! Evaluation in sight for the programme: on an application's page, where its scoring stands and, when
//! the first two totals differ too much, the discrepancy with the form to record an arbitration; on the
//! ranking page, every application not ready for the decision and what it waits for; on the
//! applications list, a flag on those waiting for an arbitration.

use axum::extract::State;
use axum::response::Response;
use grants_domain::Language;
use grants_domain::evaluation::{NeedsMore, for_display, points_in_words};
use grants_store::scoring::pending::{Pending, Waiting};
use grants_store::{Application, StoreError, User};
use grants_workflow::ApplicationState;
use serde::Deserialize;
use serde_json::{Value, json};

use super::extract::{Managers, Posted};
use super::refusal::{Refusal, is_expected};
use super::{done, failure_page};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The refusal's name for the arbitration form.
const FORM: &str = "arbitration";

/// The arbitration form: the manager's reasoning.
#[derive(Debug, Deserialize)]
pub struct ArbitrationForm {
    #[serde(default)]
    note: String,
}

/// The sentence telling a discrepancy: both totals, the gap and what is allowed.
pub(crate) fn discrepancy_text(pages: &super::Pages, lang: Language, needs: &NeedsMore) -> String {
    pages
        .text(lang, "discrepancy_open")
        .replace("{first}", &points_in_words(needs.first_total))
        .replace("{second}", &points_in_words(needs.second_total))
        .replace("{gap}", &points_in_words(needs.gap))
        .replace("{allowed}", &points_in_words(needs.allowed_gap))
}

/// The evaluation panel of an application's page, for programme staff once scoring has begun; `Null`
/// otherwise.
pub(crate) async fn panel(
    state: &AppState,
    lang: Language,
    user: &User,
    found: &Application,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let scoring = matches!(found.state, ApplicationState::InEvaluation | ApplicationState::Evaluated);
    if !user.viewer().is_programme_staff() || !scoring {
        return Ok(Value::Null);
    }
    let status = state.store.evaluation(found.id).await?;
    let consolidation = &status.consolidation;
    let discrepancy = consolidation.needs_more.as_ref().map(|needs| discrepancy_text(&state.pages, lang, needs));
    Ok(json!({
        "submitted": consolidation.scorecards,
        "required": status.required,
        "score": (consolidation.scorecards > 0).then(|| for_display(consolidation.total).to_string()),
        "discrepancy": discrepancy,
        "arbitrated": status.arbitrated,
        "can_arbitrate": discrepancy.is_some() && user.viewer().can_manage_calls(),
        "refused": Refusal::for_form(refusal, FORM),
        "note": Refusal::typed_or(refusal, FORM, "note", None),
    }))
}

/// The ranking page's list of applications not ready for the decision, each with what it waits for.
pub(crate) fn pending_rows(pages: &super::Pages, lang: Language, pending: &[Pending]) -> Vec<Value> {
    pending
        .iter()
        .map(|p| {
            let waiting = match &p.waiting {
                Waiting::Eligibility => pages.text(lang, "waiting_eligibility"),
                Waiting::Evaluators => pages.text(lang, "waiting_evaluators"),
                Waiting::Scorecards { submitted, required } => pages.format(
                    lang,
                    "waiting_scorecards",
                    &[
                        ("submitted", super::Arg::Number(i64::try_from(*submitted).unwrap_or(i64::MAX))),
                        ("required", super::Arg::Number(i64::try_from(*required).unwrap_or(i64::MAX))),
                    ],
                ),
                Waiting::Arbitration(needs) => discrepancy_text(pages, lang, needs),
            };
            json!({
                "id": p.application_id,
                "reference": p.reference,
                "title": p.title,
                "waiting": waiting,
                "discrepancy": matches!(p.waiting, Waiting::Arbitration(_)),
            })
        })
        .collect()
}

/// Records the arbitration of a discrepancy (managers): the reasoning goes to the audit trail and the
/// evaluation completes when nothing else is missing.
pub async fn arbitrate(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<ArbitrationForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    if let Err(err) = state.store.visible_application(&user, id).await {
        return failure_page(&state, &visitor, &AppError::from(err));
    }
    match state.store.record_arbitration(id, user.id, &form.note, state.clock.now()).await {
        Ok(()) => done(&state, &format!("/applications/{id}"), "arbitrate"),
        Err(err) => {
            let err = AppError::from(err);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let refusal = Refusal::new(&state.pages, visitor.lang, FORM, &err, &fields);
            super::application::render(&state, &visitor, &user, id, Some(&refusal)).await
        }
    }
}
