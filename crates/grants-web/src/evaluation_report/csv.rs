//! The evaluation report as CSV: one row per application and evaluator (one row with empty evaluator
//! columns for an application without scorecards). Amounts are decimals in EUR; the requested and
//! awarded amounts of an application stand on its first row only, so each column adds up to the call's
//! total.

use axum::body::Body;
use grants_store::report::{Declaration, ReportApplication, ReportHead, ReportReader, ReportScorecard};

use super::money;
use super::stream::{Format, Pass, Place, body};
use crate::security::csv::SafeCsv;

/// The report as CSV, written a page at a time.
pub fn csv_body(reader: ReportReader) -> Body {
    let call = &reader.head().call;
    let criteria = call.settings.grids.full_application.criteria().map(|(_, c)| c.code.clone()).collect();
    let reference = call.rules.reference.clone();
    body(reader, Csv { reference, criteria })
}

struct Csv {
    /// The call's reference, on every row so rows of several calls can be put together.
    reference: String,
    /// The full application grid's criteria, one column each.
    criteria: Vec<String>,
}

impl Csv {
    fn rows(&self, application: &ReportApplication, out: &mut SafeCsv) -> Result<(), String> {
        let consolidated = application
            .consolidation
            .as_ref()
            .map(|c| grants_domain::evaluation::for_display(c.total).to_string())
            .unwrap_or_default();
        let thresholds = application.consolidation.as_ref().map(|c| c.thresholds_met.to_string()).unwrap_or_default();
        let rank = application.rank.map(|r| r.to_string()).unwrap_or_default();
        let cards: Vec<Option<&ReportScorecard>> = if application.scorecards.is_empty() {
            vec![None]
        } else {
            application.scorecards.iter().map(Some).collect()
        };
        for (index, card) in cards.into_iter().enumerate() {
            let mut row = vec![
                self.reference.clone(),
                application.reference.clone(),
                application.organisation.clone(),
                application.country.clone(),
                application.lot.clone(),
                application.state.to_string(),
                card.map(|c| c.evaluator.clone()).unwrap_or_default(),
            ];
            row.extend(
                self.criteria
                    .iter()
                    .map(|code| card.and_then(|c| c.points.get(code)).map(ToString::to_string).unwrap_or_default()),
            );
            row.push(card.map(|c| c.total.to_string()).unwrap_or_default());
            row.extend([consolidated.clone(), thresholds.clone(), rank.clone()]);
            if index == 0 {
                row.extend([money(application.requested), money(application.awarded)]);
            } else {
                row.extend([String::new(), String::new()]);
            }
            out.row(&row).map_err(|e| format!("{e:?}"))?;
        }
        Ok(())
    }
}

impl Format for Csv {
    fn passes(&self) -> &[Pass] {
        &[Pass::Applications(0)]
    }

    fn head(&self, _: &ReportHead) -> Result<Vec<u8>, String> {
        let mut header = vec!["call", "application", "organisation", "country", "lot", "state", "evaluator"];
        header.extend(self.criteria.iter().map(String::as_str));
        header.extend([
            "scorecard_total",
            "consolidated_total",
            "thresholds_met",
            "rank",
            "requested_amount",
            "awarded_amount",
        ]);
        let mut out = SafeCsv::default();
        out.row(&header).map_err(|e| format!("{e:?}"))?;
        out.finish().map_err(|e| format!("{e:?}"))
    }

    fn applications(&self, _: &ReportHead, _: usize, rows: &[ReportApplication], _: Place) -> Result<Vec<u8>, String> {
        let mut out = SafeCsv::default();
        for application in rows {
            self.rows(application, &mut out)?;
        }
        out.finish().map_err(|e| format!("{e:?}"))
    }

    fn declarations(&self, _: &ReportHead, _: &[Declaration], _: Place) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }

    fn tail(&self, _: &ReportHead) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }
}
