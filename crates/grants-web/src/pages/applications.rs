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

/// `?q=&call=&state=&lot=&country=&tag=&sort=&page=` of the applications list (and of its CSV).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    call: Option<String>,
    state: Option<String>,
    lot: Option<String>,
    country: Option<String>,
    tag: Option<String>,
    sort: Option<String>,
    page: Option<u64>,
}

impl ListQuery {
    /// The store's filter for what the reader asked; unknown values filter nothing.
    pub(crate) fn filter(&self) -> ApplicationFilter {
        let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(ToOwned::to_owned);
        ApplicationFilter {
            call_id: self.call.as_deref().and_then(|c| c.parse().ok()),
            state: self.state.as_deref().and_then(|s| s.parse::<ApplicationState>().ok()),
            by_reference: self.sort.as_deref() == Some("reference"),
            search: text(&self.q),
            lot_id: self.lot.as_deref().and_then(|l| l.parse().ok()),
            country: text(&self.country),
            tag: text(&self.tag),
        }
    }

    /// The query string of the same filters, without the page (`q=…&call=…`).
    pub(crate) fn filters_query(&self) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("call", &self.call),
            ("state", &self.state),
            ("lot", &self.lot),
            ("country", &self.country),
            ("tag", &self.tag),
            ("sort", &self.sort),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                pairs.append_pair(name, value);
            }
        }
        pairs.finish()
    }
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
            page(&state, StatusCode::OK, "applications", context(&state, &signed.visitor, "title_applications", extra))
        }
        Err(err) => failure_page(&state, &signed.visitor, &AppError::from(err)),
    }
}

async fn rows(state: &AppState, signed: &SignedIn, query: &ListQuery) -> Result<Value, StoreError> {
    let (visitor, user) = (&signed.visitor, &signed.user);
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let scope = state.store.application_scope(user).await?;
    let programme = state.store.programme();
    let filter = query.filter();
    let (wanted, by_reference, call_id) = (filter.state, filter.by_reference, filter.call_id);
    let page_number = query.page.unwrap_or(1).max(1);
    let found = state.store.list_application_summaries(&scope, &filter, page_number, PER_PAGE).await?;
    let calls = state.store.call_summaries(Some(&visible_call_states(Some(&user.viewer()))), 1, 100).await?;
    // Staff see which applications wait for an arbitration, read for the whole page at once.
    let discrepancies = if user.viewer().is_programme_staff() {
        let ids: Vec<i64> = found.items.iter().map(|a| a.id).collect();
        state.store.open_discrepancies(&ids).await?
    } else {
        std::collections::HashMap::new()
    };
    // The grant file is the grantee's and the programme's: an evaluator sees no report to open.
    let grants: Vec<i64> = found
        .items
        .iter()
        .filter(|a| a.state == ApplicationState::Contracted && user.viewer().can_view_application(a.organisation_id))
        .map(|a| a.id)
        .collect();
    let next_reports = state.store.next_reports(&grants).await?;
    let mut rows = Vec::new();
    for application in found.items {
        let next_report = super::grant::next_report(state, visitor, application.id, next_reports.get(&application.id));
        rows.push(json!({
            "id": application.id,
            "reference": application.reference,
            "title": application.title,
            "next_report": next_report,
            "state_label": t(format!("state_{}", application.state)),
            "discrepancy": discrepancies.contains_key(&application.id),
            "call_reference": application.call_reference,
            "organisation": application.organisation_name,
            "country": programme.country(&application.organisation_country).map_or(application.organisation_country.clone(), |c| c.label(visitor.lang).to_owned()),
            "lot": application.lot_name_in(visitor.lang),
            "amount": application.awarded_amount.or(application.requested_amount).map(|m| m.euros(visitor.lang)),
            "amount_awarded": application.awarded_amount.is_some(),
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
    let filters = query.filters_query();
    let link = |n: u64| {
        let mut url = format!("/applications?page={n}");
        if !filters.is_empty() {
            let _ = write!(url, "&{filters}");
        }
        url
    };
    let lots: Vec<Value> = calls
        .iter()
        .filter(|c| call_id.is_none_or(|id| id == c.id))
        .flat_map(|c| c.lots.iter().map(move |l| (c, l)))
        .map(|(c, l)| {
            json!({ "value": l.id, "label": format!("{} · {}", c.rules.reference, l.name_in(visitor.lang)), "selected": Some(l.id) == filter.lot_id })
        })
        .collect();
    let countries: Vec<Value> = programme
        .countries_by_name(visitor.lang)
        .into_iter()
        .map(|c| json!({ "value": c.code, "label": c.label(visitor.lang), "selected": filter.country.as_deref() == Some(c.code.as_str()) }))
        .collect();
    let tag_group = |key: &str, terms: &[grants_domain::programme::Term]| {
        let options: Vec<Value> = terms
            .iter()
            .map(|t| json!({ "value": t.code, "label": t.label(visitor.lang), "selected": filter.tag.as_deref() == Some(t.code.as_str()) }))
            .collect();
        json!({ "label": t(key.to_owned()), "options": options })
    };
    let tags = json!([
        tag_group("tags_jvap_domains", &programme.jvap_domains),
        tag_group("tags_dialogues", &programme.dialogues),
        tag_group("tags_geographic_level", &programme.geographic_levels),
    ]);
    Ok(json!({
        "search": query.q.clone().unwrap_or_default(),
        "lots": lots,
        "countries": countries,
        "tags": tags,
        "csv": if filters.is_empty() { "/applications.csv".to_owned() } else { format!("/applications.csv?{filters}") },
        "applications": rows,
        "states": states,
        "calls": call_options,
        "sort": if by_reference { "reference" } else { "recent" },
        "total": found.total,
        "previous": (page_number > 1).then(|| link(page_number - 1)),
        "next": (page_number * PER_PAGE < found.total).then(|| link(page_number + 1)),
    }))
}
