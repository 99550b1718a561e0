//! The evaluation report's shape, shared by the API (JSON and printable HTML) and the pages.

use chrono::{DateTime, Utc};
use grants_domain::Language;
use grants_store::report::{EvaluationReport, ReportApplication};
use serde_json::{Value, json};

use crate::pages::format::local_time;

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

/// The printable report as its reader reads it: in their language, every code turned into words, dates
/// in the call's timezone and amounts written their way (the page's own part of its context).
pub fn readable(
    pages: &crate::pages::Pages,
    report: &EvaluationReport,
    lang: Language,
    now: DateTime<Utc>,
    programme: &grants_domain::programme::Programme,
) -> Value {
    let t = |key: &str| pages.text(lang, key);
    let call = &report.call;
    let zone = call.rules.display_timezone.as_str();
    let checklist_label = |code: &str| {
        call.settings
            .checklist
            .iter()
            .find(|c| c.code == code)
            .map_or_else(|| code.replace('_', " "), |item| item.question(lang).to_owned())
    };
    let euros = |value: Option<grants_domain::Money>| value.map(|m| m.euros(lang)).unwrap_or_default();
    // The store names lots by their (English) name; the reader sees the lot's name in their language.
    let lot_named = |name: &str, id: Option<i64>| {
        call.lots
            .iter()
            .find(|l| id.map_or(l.name == name, |id| l.id == id))
            .map_or_else(|| name.to_owned(), |l| l.name_in(lang).to_owned())
    };
    let applications: Vec<Value> = report
        .applications
        .iter()
        .map(|a| {
            json!({
                "reference": a.reference,
                "organisation": a.organisation,
                "country": programme.country(&a.country).map_or(a.country.as_str(), |c| c.label(lang)),
                "lot": lot_named(&a.lot, a.lot_id),
                "submitted_at": a.submitted_at.map(|at| local_time(at, zone, lang)),
                "on_time": t(if a.on_time { "evaluation_report_yes" } else { "evaluation_report_no" }),
                "state": t(&format!("state_{}", a.state)),
                "checklist": a.checklist.iter().map(|(item, passed, note)| json!({
                    "item": checklist_label(item),
                    "result": t(match passed {
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
                    t("evaluation_report_thresholds_met")
                } else {
                    format!("{} {}", t("evaluation_report_thresholds_not_met"), c.failed_thresholds.join(", "))
                }),
                "rank": a.rank,
                "requested": euros(a.requested),
                "awarded": euros(a.awarded),
            })
        })
        .collect();
    json!({
        "call": {
            "id": call.id,
            "reference": call.rules.reference,
            "title": call.rules.title(lang),
            "deadline": local_time(call.rules.deadline_at, zone, lang),
        },
        "generated_at": local_time(now, zone, lang),
        "applications": applications,
        "reserve": report.reserve.iter().map(|(lot, references)| json!({"lot": lot_named(lot, None), "references": references})).collect::<Vec<_>>(),
        "declarations": report.declarations.iter().map(|d| json!({
            "reference": d.reference,
            "evaluator": d.evaluator,
            "status": t(&format!("assignment_status_{}", d.status)),
            "declared_at": d.declared_at.map(|at| local_time(at, zone, lang)),
            "statement": d.statement,
        })).collect::<Vec<_>>(),
        "awarded_total": report.awarded_total().euros(lang),
    })
}

/// The report as a page of the site, for `visitor`.
pub fn page(
    state: &crate::AppState,
    visitor: &crate::pages::session::Visitor,
    report: &EvaluationReport,
) -> axum::response::Response {
    let now = state.clock.now();
    let extra = readable(&state.pages, report, visitor.lang, now, state.store.programme());
    let mut ctx = crate::pages::context(state, visitor, "evaluation_report_title", extra);
    let title =
        format!("{} — {}", state.pages.text(visitor.lang, "evaluation_report_title"), report.call.rules.reference);
    ctx["title"] = json!(title);
    crate::pages::page(state, axum::http::StatusCode::OK, "evaluation_report", &ctx)
}
