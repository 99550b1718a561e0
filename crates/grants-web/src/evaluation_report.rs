//! The evaluation report's shape, shared by the API (JSON and printable HTML) and the pages.

use grants_store::report::{EvaluationReport, ReportApplication};
use serde_json::{Value, json};

/// An amount as the report prints it (empty when there is none).
pub(crate) fn money(value: Option<grants_domain::Money>) -> String {
    value.map(|m| m.to_string()).unwrap_or_default()
}

fn application_json(a: &ReportApplication) -> Value {
    json!({
        "id": a.id,
        "reference": a.reference,
        "organisation": a.organisation,
        "country": a.country,
        "lot": a.lot,
        "submitted_at": a.submitted_at.map(|t| t.to_rfc3339()),
        "on_time": a.on_time,
        "state": a.state.to_string(),
        "checklist": a.checklist.iter().map(|(item, passed, note)| json!({
            "item": item,
            "result": match passed { Some(true) => "passed", Some(false) => "failed", None => "not checked" },
            "note": note,
        })).collect::<Vec<_>>(),
        "scorecards": a.scorecards.iter().map(|s| json!({
            "evaluator": s.evaluator,
            "points": s.points,
            "total": s.total,
            "comments": s.comments,
            "overall_comment": s.overall_comment,
        })).collect::<Vec<_>>(),
        "consolidation": a.consolidation,
        "score": a.consolidation.as_ref().map(|c| grants_domain::evaluation::for_display(c.total).to_string()).unwrap_or_default(),
        "thresholds": a.consolidation.as_ref().map(|c| if c.thresholds_met { "met".to_owned() } else { format!("not met: {}", c.failed_thresholds.join(", ")) }).unwrap_or_default(),
        "rank": a.rank,
        "requested": money(a.requested),
        "awarded": money(a.awarded),
    })
}

pub(crate) fn report_json(report: &EvaluationReport) -> Value {
    let call = &report.call;
    json!({
        "call": {
            "id": call.id,
            "reference": call.rules.reference,
            "title": call.rules.title_en,
            "deadline": call.rules.deadline_at.to_rfc3339(),
            "timezone": call.rules.display_timezone,
        },
        "generated_at": chrono::Utc::now().to_rfc3339(),
        "applications": report.applications.iter().map(application_json).collect::<Vec<_>>(),
        "reserve": report.reserve.iter().map(|(lot, references)| json!({"lot": lot, "references": references})).collect::<Vec<_>>(),
        "declarations": report.declarations.iter().map(|d| json!({
            "reference": d.reference,
            "evaluator": d.evaluator,
            "status": d.status,
            "declared_at": d.declared_at.map(|t| t.to_rfc3339()),
            "statement": d.statement,
        })).collect::<Vec<_>>(),
        "awarded_total": report.awarded_total().to_string(),
    })
}

/// The printable report page; its template is compiled once, with the other pages.
pub fn render_html(pages: &crate::pages::Pages, report: &EvaluationReport) -> Result<String, String> {
    pages.render("evaluation_report", &report_json(report))
}
