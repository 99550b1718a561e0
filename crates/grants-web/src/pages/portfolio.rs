//! Portfolio insight on the pages: for staff, every dimension as a bar chart drawn on the server (SVG, no
//! script) with its table and CSV link; for everyone, the public list of awarded projects of the calls
//! that publish them (in [`awarded`]).

mod awarded;

pub use awarded::awarded;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::portfolio::Dimension;
use serde_json::{Value, json};
use strum::IntoEnumIterator;

use super::extract::{SignedIn, Staff};
use super::{context, failure_page, page};
use crate::labels::term_label as label;
use crate::{AppError, AppState};

/// Bars drawn per chart; the table lists every bucket.
const CHART_BARS: usize = 12;
/// Width of the longest bar, in SVG units.
const BAR_WIDTH: u64 = 300;

/// A label that fits left of the bars; the full one is the bar's tooltip and in the table.
fn short(label: &str) -> String {
    const FITS: usize = 42;
    if label.chars().count() <= FITS {
        label.to_owned()
    } else {
        format!("{}…", label.chars().take(FITS - 1).collect::<String>())
    }
}

fn width(value: u64, max: u64) -> u64 {
    if max == 0 { 0 } else { (value * BAR_WIDTH).div_ceil(max) }
}

/// `/portfolio` (programme staff and auditors).
pub async fn dashboard(State(state): State<AppState>, signed: SignedIn<Staff>) -> Response {
    let visitor = signed.visitor;
    let dimensions: Vec<Dimension> = Dimension::iter().collect();
    let portfolio = match state.store.portfolio(&dimensions).await {
        Ok(portfolio) => portfolio,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let t = |key: String| state.pages.text(visitor.lang, &key);
    let total = portfolio.total();
    let sections: Vec<Value> = dimensions
        .into_iter()
        .map(|by| {
            let buckets = portfolio.along(by);
            let max = buckets.iter().map(|b| b.submitted).max().unwrap_or(0);
            let bars: Vec<Value> = buckets
                .iter()
                .take(CHART_BARS)
                .enumerate()
                .map(|(index, b)| {
                    json!({
                        "y": index * 24,
                        "text_y": index * 24 + 15,
                        "label": label(&state, by, &b.key, visitor.lang),
                        "short_label": short(&label(&state, by, &b.key, visitor.lang)),
                        "submitted_width": width(b.submitted, max),
                        "funded_width": width(b.funded, max),
                        "submitted": b.submitted,
                        "funded": b.funded,
                    })
                })
                .collect();
            json!({
                "by": by.to_string(),
                "heading": t(format!("portfolio_by_{by}")),
                "chart_height": bars.len() * 24,
                "bars": bars,
                "rows": buckets.iter().map(|b| json!({
                    "label": label(&state, by, &b.key, visitor.lang),
                    "submitted": b.submitted,
                    "requested": b.requested.euros(visitor.lang),
                    "funded": b.funded,
                    "awarded": b.awarded.euros(visitor.lang),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let ctx = context(
        &state,
        &visitor,
        "title_portfolio",
        json!({
            "submitted": total.submitted,
            "funded": total.funded,
            "awarded": total.awarded.euros(visitor.lang),
            "sections": sections,
        }),
    );
    page(&state, StatusCode::OK, "portfolio", ctx)
}
