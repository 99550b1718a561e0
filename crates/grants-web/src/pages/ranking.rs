//! The ranking page: a call's evaluated applications ranked per lot with their consolidated scores, the
//! award proposal next to each, the decision buttons the transition table allows, and one button that
//! records the whole proposal (the use case of `grants_store::decisions`). Auditors read it; only managers
//! get buttons. One lot at a time (`?lot=`), [`ROWS_PER_PAGE`] rows a page (`?page=`), so a page stays
//! within the page budget whatever the number of applications. Also the printable evaluation report.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Role;
use grants_store::decisions::{decision_needs_reason, proposed_for};
use grants_store::ranking::CallRanking;
use grants_store::{Application, StoreError, User};
use grants_workflow::{Actor, ApplicationAction, ApplicationState, actions_at_stage};
use serde::Deserialize;
use serde_json::{Value, json};

use super::calls::call_summary;
use super::extract::{Managers, Posted, SignedIn, Staff};
use super::refusal::{Refusal, is_expected};
use super::session::Visitor;
use super::{context, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// The "record the whole proposal" form.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    #[serde(default)]
    reason: String,
}

/// Rows of a lot shown on one page: about 1.5 kB each with a manager's buttons, so a page stays well
/// under the 60 kB page budget.
pub(crate) const ROWS_PER_PAGE: usize = 20;

/// How many of the applications that block the decision the ranking page names; the rest are counted.
const PENDING_SHOWN: usize = 20;

/// `?lot=&page=` as typed; anything unreadable shows the first lot's first page.
#[derive(Debug, Default, Deserialize)]
pub struct RankingQuery {
    lot: Option<String>,
    page: Option<String>,
}

/// Which part of the ranking a page shows: one lot (the first when none is named), one page of its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct View {
    lot: Option<i64>,
    page: usize,
}

impl View {
    fn from_query(query: &RankingQuery) -> View {
        View {
            lot: query.lot.as_deref().and_then(|l| l.trim().parse().ok()),
            page: query.page.as_deref().and_then(|p| p.trim().parse().ok()).unwrap_or(1).max(1),
        }
    }

    /// The view a ranking path's query string (`lot=3&page=2`) names.
    pub(crate) fn from_query_string(query: &str) -> View {
        let mut typed = RankingQuery::default();
        for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
            match key {
                "lot" => typed.lot = Some(value.to_owned()),
                "page" => typed.page = Some(value.to_owned()),
                _ => {}
            }
        }
        View::from_query(&typed)
    }

    /// The ranking page of `call_id` showing `lot`, page `page`.
    pub(crate) fn path(call_id: i64, lot: Option<i64>, page: usize) -> String {
        match (lot, page) {
            (Some(lot), _) => format!("/calls/{call_id}/ranking?lot={lot}&page={page}"),
            (None, 0 | 1) => format!("/calls/{call_id}/ranking"),
            (None, _) => format!("/calls/{call_id}/ranking?page={page}"),
        }
    }

    /// This view's page of `call_id`.
    pub(crate) fn path_of(self, call_id: i64) -> String {
        View::path(call_id, self.lot, self.page)
    }
}

/// Decisions a manager takes from the ranking; other actions stay on the application page.
const DECISIONS: [ApplicationAction; 5] = [
    ApplicationAction::Award,
    ApplicationAction::Reserve,
    ApplicationAction::Reject,
    ApplicationAction::Shortlist,
    ApplicationAction::NotShortlist,
];

fn row(
    state: &AppState,
    visitor: &Visitor,
    ranking: &CallRanking,
    application: &Application,
    rank: Option<usize>,
    manager: bool,
    refusal: Option<&Refusal>,
) -> Value {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let status = ranking
        .ranking
        .lots
        .values()
        .flatten()
        .map(|r| &r.candidate)
        .chain(ranking.ranking.eliminated.iter())
        .find(|c| c.application_id == application.id);
    let proposed = proposed_for(ranking, application);
    let buttons: Vec<Value> = if manager {
        actions_at_stage(application.state, application.stage, Actor::Role(Role::Manager))
            .into_iter()
            .filter(|action| DECISIONS.contains(action))
            .map(|action| {
                let form = format!("{}-{action}", application.id);
                let amount = (action == ApplicationAction::Award)
                    .then(|| proposed.and_then(|p| p.amount).or(application.requested_amount).map(|m| m.to_string()))
                    .flatten();
                json!({
                    "name": action.to_string(),
                    "label": t(format!("action_{action}")),
                    "needs_reason": decision_needs_reason(action),
                    "asks_amount": action == ApplicationAction::Award,
                    "amount": Refusal::typed_or(refusal, &form, "amount", amount),
                    "reason": Refusal::typed_or(refusal, &form, "reason", None),
                    "refused": Refusal::for_form(refusal, &form),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "id": application.id,
        "rank": rank,
        "reference": application.reference,
        "title": application.title,
        "score": status.map(|c| c.total.round_dp(2).to_string()),
        "requested": application.requested_amount.map(|m| m.euros(visitor.lang)),
        "awarded": application.awarded_amount.map(|m| m.euros(visitor.lang)),
        "state_label": t(format!("state_{}", application.state)),
        "proposal_label": proposed.map(|p| t(format!("proposal_{}", p.action))),
        "buttons": buttons,
    })
}

/// `/calls/{id}/ranking?lot=&page=` (programme staff).
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn<Staff>,
    ApiPath(id): ApiPath<i64>,
    Query(query): Query<RankingQuery>,
) -> Response {
    render(&state, &signed.visitor, &signed.user, id, View::from_query(&query), None).await
}

/// The ranking page showing `view`, with `refusal` next to the form it refused.
pub(crate) async fn render(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    view: View,
    refusal: Option<&Refusal>,
) -> Response {
    match lots(state, visitor, user, id, view, refusal).await {
        Ok(extra) => {
            let ctx = context(state, visitor, "title_ranking", extra);
            page(state, refusal.map_or(StatusCode::OK, |r| r.status), "ranking", ctx)
        }
        Err(err) => failure_page(state, visitor, &AppError::from(err)),
    }
}

async fn lots(
    state: &AppState,
    visitor: &Visitor,
    user: &User,
    id: i64,
    view: View,
    refusal: Option<&Refusal>,
) -> Result<Value, StoreError> {
    let call = state.store.call(id).await?;
    let ranking = state.store.call_ranking(id).await?;
    let manager = user.viewer().can_manage_calls();
    let shown = view.lot.and_then(|wanted| call.lots.iter().find(|l| l.id == wanted)).or(call.lots.first());
    let mut lots = Vec::new();
    let mut pagination = Value::Null;
    let mut back = format!("/calls/{id}/ranking");
    if let Some(lot) = shown {
        let ranked = ranking.ranking.lots.get(&lot.id).map(Vec::as_slice).unwrap_or_default();
        let listed: Vec<(i64, Option<usize>)> = ranked
            .iter()
            .map(|r| (r.candidate.application_id, Some(r.rank)))
            .chain(ranking.ranking.eliminated.iter().filter(|c| c.lot_id == lot.id).map(|c| (c.application_id, None)))
            .collect();
        let pages = listed.len().div_ceil(ROWS_PER_PAGE).max(1);
        let page_number = view.page.clamp(1, pages);
        back = View::path(id, Some(lot.id), page_number);
        // Only the applications of this page are read, whatever the size of the call.
        let on_page: Vec<(i64, Option<usize>)> =
            listed.iter().skip((page_number - 1) * ROWS_PER_PAGE).take(ROWS_PER_PAGE).copied().collect();
        let ids: Vec<i64> = on_page.iter().map(|(id, _)| *id).collect();
        let applications = state.store.applications_by_ids(&ids).await?;
        let by_id: HashMap<i64, &Application> = applications.iter().map(|a| (a.id, a)).collect();
        let on_page: Vec<(&Application, Option<usize>)> =
            on_page.iter().filter_map(|(id, rank)| by_id.get(id).map(|a| (*a, *rank))).collect();
        let (rows, eliminated): (Vec<_>, Vec<_>) = on_page.iter().partition(|(_, rank)| rank.is_some());
        let render_rows = |rows: Vec<&(&Application, Option<usize>)>| -> Vec<Value> {
            rows.into_iter().map(|(a, rank)| row(state, visitor, &ranking, a, *rank, manager, refusal)).collect()
        };
        let proposed_total = ranking.proposals.iter().find(|p| p.lot_id == lot.id).map(|p| p.proposal.awarded_total());
        lots.push(json!({
            "name": lot.name_in(visitor.lang),
            "budget": lot.budget.euros(visitor.lang),
            "proposed_total": proposed_total.and_then(|t| grants_domain::Money::new(t).ok()).map(|t| t.euros(visitor.lang)),
            "awarded_total": state.store.lot_awarded(lot.id).await?.euros(visitor.lang),
            "rows": render_rows(rows),
            "eliminated": render_rows(eliminated),
        }));
        if pages > 1 {
            pagination = json!({
                "previous": (page_number > 1).then(|| View::path(id, Some(lot.id), page_number - 1)),
                "next": (page_number < pages).then(|| View::path(id, Some(lot.id), page_number + 1)),
                "page": page_number,
                "pages": pages,
            });
        }
    }
    let lot_links: Vec<Value> = if call.lots.len() > 1 {
        call.lots
            .iter()
            .map(|l| {
                json!({
                    "name": l.name_in(visitor.lang),
                    "href": View::path(id, Some(l.id), 1),
                    "current": shown.is_some_and(|s| s.id == l.id),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let waiting = state.store.count_in_state(id, ApplicationState::Evaluated).await?;
    let mut pending = state.store.call_pending(id).await?;
    // Discrepancies first: they wait on the manager reading this page. A long list is cut, with the
    // number left and the applications list that shows them all.
    pending.sort_by_key(|p| !matches!(p.waiting, grants_store::scoring::pending::Waiting::Arbitration(_)));
    let more = pending.len().saturating_sub(PENDING_SHOWN);
    pending.truncate(PENDING_SHOWN);
    let pending_more = (more > 0).then(|| {
        let count = i64::try_from(more).unwrap_or(i64::MAX);
        json!({
            "text": state.pages.format(visitor.lang, "pending_more", &[("count", super::Arg::Number(count))]),
            "href": format!("/applications?call={id}"),
        })
    });
    Ok(json!({
        "pending": super::evaluation_watch::pending_rows(&state.pages, visitor.lang, &pending),
        "pending_more": pending_more,
        "call": call_summary(state, visitor, &call),
        "lots": lots,
        "lot_links": lot_links,
        "pagination": pagination,
        "back": back,
        "can_apply": manager && waiting > 0,
        "waiting": waiting,
        "apply_refused": Refusal::for_form(refusal, "apply"),
        "apply_reason": Refusal::typed_or(refusal, "apply", "reason", None),
    }))
}

/// Records the whole proposal (managers); a refusal comes back to the ranking with what was recorded
/// before it and why it stopped.
pub async fn apply(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<ApplyForm, Managers>,
) -> Response {
    let Posted { visitor, user, form, fields, .. } = posted;
    let now = state.clock.now();
    match state.store.apply_award_proposal(id, user.id, &form.reason, visitor.lang, now).await {
        Ok(_) => see_other(&format!("/calls/{id}/ranking")),
        Err(stop) => {
            let err = AppError::from(stop.refusal);
            if !is_expected(&err) {
                return failure_page(&state, &visitor, &err);
            }
            let mut refusal = Refusal::new(&state.pages, visitor.lang, "apply", &err, &fields);
            if !stop.decided.is_empty() {
                let t = |key: String| state.pages.text(visitor.lang, &key);
                let done: Vec<String> = stop
                    .decided
                    .iter()
                    .map(|d| format!("{} ({})", d.reference, t(format!("proposal_{}", d.action))))
                    .collect();
                refusal.message =
                    format!("{} {} {}", refusal.message, t("ranking_recorded_before".into()), done.join(", "));
            }
            render(&state, &visitor, &user, id, View::default(), Some(&refusal)).await
        }
    }
}

/// Which part and page of the evaluation report to show on screen.
#[derive(Debug, Default, Deserialize)]
pub struct ReportView {
    section: Option<String>,
    page: Option<String>,
}

/// The evaluation report of a call on screen (programme staff), in the reader's language: one part at a
/// time, fifty applications a page.
pub async fn report(
    State(state): State<AppState>,
    signed: SignedIn<Staff>,
    ApiPath(id): ApiPath<i64>,
    Query(view): Query<ReportView>,
) -> Response {
    let visitor = &signed.visitor;
    let reader = match state.store.evaluation_report(id).await {
        Ok(reader) => reader,
        Err(err) => return failure_page(&state, visitor, &AppError::from(err)),
    };
    let number = view.page.as_deref().and_then(|p| p.trim().parse().ok());
    match crate::evaluation_report::page(&state, visitor, reader, view.section.as_deref(), number).await {
        Ok(page) => page,
        Err(failure) => failure_page(&state, visitor, &AppError::internal(&failure)),
    }
}

/// The whole evaluation report of a call, to print or save (programme staff), written as it is read.
pub async fn whole_report(
    State(state): State<AppState>,
    signed: SignedIn<Staff>,
    ApiPath(id): ApiPath<i64>,
) -> Response {
    let visitor = &signed.visitor;
    match state.store.evaluation_report(id).await {
        Ok(reader) => crate::evaluation_report::whole(&state, visitor, reader),
        Err(err) => failure_page(&state, visitor, &AppError::from(err)),
    }
}
