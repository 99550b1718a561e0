//! `/applications.csv`: the applications list as shown (same filters and order, every page) as a CSV
//! file with headings in the reader's language, for the spreadsheet a manager brings to a meeting.
//! Written a page of the list at a time, so a programme's whole list is never held in memory.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures::TryStreamExt as _;
use grants_domain::ApplicationScope;
use grants_domain::Language;
use grants_store::applications::ApplicationFilter;
use grants_store::listing::ApplicationSummary;

use super::applications::ListQuery;
use super::extract::SignedIn;
use super::failure_page;
use crate::AppState;
use crate::security::csv::SafeCsv;

/// The most pages one export reads (of the largest page size).
const CSV_PAGES: u64 = 100;

const HEADINGS: [&str; 10] = [
    "csv_reference",
    "csv_title",
    "csv_organisation",
    "csv_country",
    "csv_call",
    "csv_lot",
    "csv_state",
    "csv_requested",
    "csv_awarded",
    "csv_submitted_at",
];

/// The list as CSV.
pub async fn csv(State(state): State<AppState>, signed: SignedIn, Query(query): Query<ListQuery>) -> Response {
    let scope = match state.store.application_scope(&signed.user).await {
        Ok(scope) => scope,
        Err(err) => return failure_page(&state, &signed.visitor, &err.into()),
    };
    let export = Arc::new(Export { state, lang: signed.visitor.lang, scope, filter: query.filter() });
    let stream = futures::stream::try_unfold(Some(0_u64), move |page| {
        let export = Arc::clone(&export);
        async move {
            let Some(page) = page else { return Ok(None) };
            if page == 0 {
                return Ok(Some((export.headings()?, Some(1))));
            }
            let per_page = grants_store::listing::MAX_PER_PAGE;
            let found = export
                .state
                .store
                .list_application_summaries(&export.scope, &export.filter, page, per_page)
                .await
                .map_err(|e| e.to_string())?;
            let more = page * per_page < found.total && page < CSV_PAGES;
            Ok(Some((export.rows(found.items)?, more.then_some(page + 1))))
        }
    })
    .map_err(|failure: String| {
        tracing::error!(error = %failure, "applications export cut short");
        std::io::Error::other(failure)
    });
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"applications.csv\""));
    response
}

struct Export {
    state: AppState,
    lang: Language,
    scope: ApplicationScope,
    filter: ApplicationFilter,
}

impl Export {
    fn t(&self, key: &str) -> String {
        self.state.pages.text(self.lang, key)
    }

    fn headings(&self) -> Result<Vec<u8>, String> {
        let mut out = SafeCsv::default();
        out.row(HEADINGS.iter().map(|h| self.t(h))).map_err(|e| format!("{e:?}"))?;
        out.finish().map_err(|e| format!("{e:?}"))
    }

    fn rows(&self, items: Vec<ApplicationSummary>) -> Result<Vec<u8>, String> {
        let programme = self.state.store.programme();
        let mut out = SafeCsv::default();
        for a in items {
            let lot = a.lot_name_in(self.lang).map(ToOwned::to_owned).unwrap_or_default();
            let country = programme
                .country(&a.organisation_country)
                .map_or_else(|| a.organisation_country.clone(), |c| c.label(self.lang).to_owned());
            let record = [
                a.reference.unwrap_or_default(),
                a.title,
                a.organisation_name,
                country,
                a.call_reference,
                lot,
                self.t(&format!("state_{}", a.state)),
                a.requested_amount.map(|m| m.to_string()).unwrap_or_default(),
                a.awarded_amount.map(|m| m.to_string()).unwrap_or_default(),
                a.submitted_at.map(|at| at.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(),
            ];
            out.row(record).map_err(|e| format!("{e:?}"))?;
        }
        out.finish().map_err(|e| format!("{e:?}"))
    }
}
