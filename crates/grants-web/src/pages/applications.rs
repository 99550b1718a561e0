//! The applications list: what the reader may see, filtered by call and state, sorted and paged.

use std::fmt::Write as _;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_store::StoreError;
use grants_store::access::visible_call_states;
use grants_store::applications::ApplicationFilter;
use grants_workflow::ApplicationState;
use serde::Deserialize;
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::extract::SignedIn;
use super::format::utc_time;
use super::{context, failure_page, page};
use crate::{AppError, AppState};

/// `?call=&state=&sort=&page=` of the applications list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    call: Option<String>,
    state: Option<String>,
    sort: Option<String>,
    page: Option<u64>,
}

/// Rows per page of the applications list.
const PER_PAGE: u64 = 25;

/// The applications the visitor may see, filtered, sorted and paginated.
pub async fn list(
    State(state): State<AppState>,
    signed: SignedIn,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Response {
    match rows(&state, &signed, &query).await {
        Ok(extra) => {
            page(&state, StatusCode::OK, "applications", &context(&state, &signed.visitor, "title_applications", extra))
        }
        Err(err) => failure_page(&state, &signed.visitor, &AppError::from(err)),
    }
}

async fn rows(state: &AppState, signed: &SignedIn, query: &ListQuery) -> Result<Value, StoreError> {
    let (visitor, user) = (&signed.visitor, &signed.user);
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let scope = state.store.application_scope(user).await?;
    let wanted = query.state.as_deref().and_then(|s| s.parse::<ApplicationState>().ok());
    let by_reference = query.sort.as_deref() == Some("reference");
    let page_number = query.page.unwrap_or(1).max(1);
    let call_id = query.call.as_deref().and_then(|c| c.parse::<i64>().ok());
    let filter = ApplicationFilter { call_id, state: wanted, by_reference };
    let found = state.store.list_application_summaries(&scope, &filter, page_number, PER_PAGE).await?;
    let calls = state.store.list_call_summaries(Some(&visible_call_states(Some(&user.viewer()))), 1, 100).await?.items;
    // Staff see which applications wait for an arbitration, read for the whole page at once.
    let discrepancies = if user.viewer().is_programme_staff() {
        let ids: Vec<i64> = found.items.iter().map(|a| a.id).collect();
        state.store.open_discrepancies(&ids).await?
    } else {
        std::collections::HashMap::new()
    };
    let mut rows = Vec::new();
    for application in found.items {
        // The grant file is the grantee's and the programme's: an evaluator sees no report to open.
        let reads_grant_file = user.viewer().can_view_application(application.organisation_id);
        let next_report = if application.state == ApplicationState::Contracted && reads_grant_file {
            super::grant::next_report(state, visitor, application.id).await?
        } else {
            Value::Null
        };
        rows.push(json!({
            "id": application.id,
            "reference": application.reference,
            "title": application.title,
            "next_report": next_report,
            "state_label": t(format!("state_{}", application.state)),
            "discrepancy": discrepancies.contains_key(&application.id),
            "call_reference": application.call_reference,
            "updated_at": utc_time(application.updated_at, visitor.lang),
        }));
    }
    let states: Vec<Value> = ApplicationState::iter()
        .map(|s| json!({ "value": s.to_string(), "label": t(format!("state_{s}")), "selected": Some(s) == wanted }))
        .collect();
    let call_options: Vec<Value> = calls
        .iter()
        .map(|c| json!({ "value": c.id, "label": c.rules.reference, "selected": Some(c.id) == call_id }))
        .collect();
    let link = |n: u64| {
        let mut url = format!("/applications?page={n}");
        if let Some(id) = call_id {
            let _ = write!(url, "&call={id}");
        }
        if let Some(s) = wanted {
            let _ = write!(url, "&state={s}");
        }
        if by_reference {
            url.push_str("&sort=reference");
        }
        url
    };
    Ok(json!({
        "applications": rows,
        "states": states,
        "calls": call_options,
        "sort": if by_reference { "reference" } else { "recent" },
        "total": found.total,
        "previous": (page_number > 1).then(|| link(page_number - 1)),
        "next": (page_number * PER_PAGE < found.total).then(|| link(page_number + 1)),
    }))
}
