//! The evaluation report's shapes, shared by the API (JSON, CSV and printable HTML) and the pages. The
//! report is read a page of applications at a time ([`grants_store::report::ReportReader`]) and every
//! format is written as it is read, so a call of ten thousand applications is never held in memory.

mod csv;
mod html;
mod json;
mod stream;

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_domain::programme::Programme;
use grants_store::report::{Declaration, ReportApplication, ReportHead};
use serde_json::{Value, json};

pub use self::csv::csv_body;
pub use self::html::{page, whole};
pub use self::json::json_body;

use crate::pages::Pages;
use crate::pages::format::local_time;

/// An amount as the report prints it (empty when there is none).
pub(crate) fn money(value: Option<grants_domain::Money>) -> String {
    value.map(|m| m.to_string()).unwrap_or_default()
}

/// The report as its reader reads it: in their language, every code turned into words, dates in the
/// call's timezone and amounts written their way.
pub struct Reading<'a> {
    pages: &'a Pages,
    head: &'a ReportHead,
    lang: Language,
    programme: &'a Programme,
}

impl<'a> Reading<'a> {
    /// Reads `head`'s report in `lang`.
    pub fn new(pages: &'a Pages, head: &'a ReportHead, lang: Language, programme: &'a Programme) -> Self {
        Reading { pages, head, lang, programme }
    }

    fn t(&self, key: &str) -> String {
        self.pages.text(self.lang, key)
    }

    fn zone(&self) -> &str {
        self.head.call.rules.display_timezone.as_str()
    }

    /// The store names lots by their (English) name; the reader sees the lot's name in their language.
    fn lot_named(&self, name: &str, id: Option<i64>) -> String {
        self.head
            .call
            .lots
            .iter()
            .find(|l| id.map_or(l.name == name, |id| l.id == id))
            .map_or_else(|| name.to_owned(), |l| l.name_in(self.lang).to_owned())
    }

    fn checklist_label(&self, code: &str) -> String {
        let checklist = &self.head.call.settings.checklist;
        checklist
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.replace('_', " "), |item| item.question(self.lang).to_owned())
    }

    /// What the report says of the call as a whole, generated at `now`.
    pub fn head(&self, now: DateTime<Utc>) -> Value {
        let call = &self.head.call;
        json!({
            "call": {
                "id": call.id,
                "reference": call.rules.reference,
                "title": call.rules.title(self.lang),
                "deadline": local_time(call.rules.deadline_at, self.zone(), self.lang),
            },
            "generated_at": local_time(now, self.zone(), self.lang),
            "reserve": self.head.reserve.iter().map(|(lot, references)| json!({"lot": self.lot_named(lot, None), "references": references})).collect::<Vec<_>>(),
            "awarded_total": self.head.awarded_total.euros(self.lang),
        })
    }

    /// One application's row.
    pub fn application(&self, a: &ReportApplication) -> Value {
        let euros = |value: Option<grants_domain::Money>| value.map(|m| m.euros(self.lang)).unwrap_or_default();
        json!({
            "reference": a.reference,
            "organisation": a.organisation,
            "country": self.programme.country(&a.country).map_or(a.country.as_str(), |c| c.label(self.lang)),
            "lot": self.lot_named(&a.lot, a.lot_id),
            "submitted_at": a.submitted_at.map(|at| local_time(at, self.zone(), self.lang)),
            "on_time": self.t(if a.on_time { "evaluation_report_yes" } else { "evaluation_report_no" }),
            "state": self.t(&format!("state_{}", a.state)),
            "checklist": a.checklist.iter().map(|(item, passed, note)| json!({
                "item": self.checklist_label(item),
                "result": self.t(match passed {
                    Some(true) => "checklist_passed",
                    Some(false) => "checklist_failed",
                    None => "evaluation_report_not_checked",
                }),
                "note": note,
            })).collect::<Vec<_>>(),
            "scorecards": a.scorecards.iter().map(|s| json!({
                "evaluator": s.evaluator,
                "total": grants_domain::evaluation::for_display(s.total).to_string(),
                "overall_comment": s.overall_comment,
            })).collect::<Vec<_>>(),
            "score": a.consolidation.as_ref().map(|c| grants_domain::evaluation::for_display(c.total).to_string()),
            "thresholds": a.consolidation.as_ref().map(|c| if c.thresholds_met {
                self.t("evaluation_report_thresholds_met")
            } else {
                format!("{} {}", self.t("evaluation_report_thresholds_not_met"), c.failed_thresholds.join(", "))
            }),
            "rank": a.rank,
            "requested": euros(a.requested),
            "awarded": euros(a.awarded),
        })
    }

    /// One line of the declarations register.
    pub fn declaration(&self, d: &Declaration) -> Value {
        json!({
            "reference": d.reference,
            "evaluator": d.evaluator,
            "status": self.t(&format!("assignment_status_{}", d.status)),
            "declared_at": d.declared_at.map(|at| local_time(at, self.zone(), self.lang)),
            "statement": d.statement,
        })
    }
}
