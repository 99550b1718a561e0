//! The evaluation report as JSON for machines: codes, ISO dates and decimal amounts, written as read.

use axum::body::Body;
use grants_store::report::{Declaration, ReportApplication, ReportHead, ReportReader};
use serde_json::{Value, json};

use super::money;
use super::stream::{Format, Pass, Place, body};

/// The report as a JSON document: `call`, `generated_at`, `reserve` and `awarded_total` first, then
/// `applications` and `declarations`, written a page at a time.
pub fn json_body(reader: ReportReader) -> Body {
    body(reader, Json)
}

struct Json;

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

fn declaration_json(d: &Declaration) -> Value {
    json!({
        "reference": d.reference,
        "evaluator": d.evaluator,
        "status": d.status,
        "declared_at": d.declared_at.map(|t| t.to_rfc3339()),
        "statement": d.statement,
    })
}

/// The elements of one page of an array, the array's opening on its first page and its closing on its
/// last, with a comma before every element but the array's first.
fn array_page(key: &str, values: impl Iterator<Item = Value>, place: Place) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if place.start {
        out.extend(format!(",\"{key}\":[").as_bytes());
    }
    for (n, value) in values.enumerate() {
        if place.before + n > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &value).map_err(|e| e.to_string())?;
    }
    if place.end {
        out.push(b']');
    }
    Ok(out)
}

impl Format for Json {
    fn passes(&self) -> &[Pass] {
        &[Pass::Applications(0), Pass::Declarations]
    }

    fn head(&self, head: &ReportHead) -> Result<Vec<u8>, String> {
        let call = &head.call;
        let opening = json!({
            "call": {
                "id": call.id,
                "reference": call.rules.reference,
                "title": call.rules.title_en,
                "deadline": call.rules.deadline_at.to_rfc3339(),
                "timezone": call.rules.display_timezone,
            },
            "generated_at": chrono::Utc::now().to_rfc3339(),
            "reserve": head.reserve.iter().map(|(lot, references)| json!({"lot": lot, "references": references})).collect::<Vec<_>>(),
            "awarded_total": head.awarded_total.to_string(),
        });
        let mut out = serde_json::to_vec(&opening).map_err(|e| e.to_string())?;
        // The object stays open: its arrays follow.
        out.pop();
        Ok(out)
    }

    fn applications(
        &self,
        _: &ReportHead,
        _: usize,
        rows: &[ReportApplication],
        place: Place,
    ) -> Result<Vec<u8>, String> {
        array_page("applications", rows.iter().map(application_json), place)
    }

    fn declarations(&self, _: &ReportHead, rows: &[Declaration], place: Place) -> Result<Vec<u8>, String> {
        array_page("declarations", rows.iter().map(declaration_json), place)
    }

    fn tail(&self, _: &ReportHead) -> Result<Vec<u8>, String> {
        Ok(b"}".to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::{Place, array_page};
    use serde_json::{Value, json};

    #[test]
    fn pages_of_an_array_join_into_one_array_whatever_pages_are_empty() {
        let pages: [(Vec<Value>, bool); 4] =
            [(vec![json!(1), json!(2)], false), (vec![], false), (vec![json!(3)], false), (vec![], true)];
        let mut text = b"{\"head\":0".to_vec();
        let mut before = 0;
        for (n, (values, end)) in pages.iter().enumerate() {
            let place = Place { start: n == 0, end: *end, before };
            text.extend(array_page("items", values.iter().cloned(), place).unwrap());
            before += values.len();
        }
        text.push(b'}');
        let parsed: Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(parsed, json!({"head": 0, "items": [1, 2, 3]}));
        let empty = array_page("items", std::iter::empty(), Place { start: true, end: true, before: 0 }).unwrap();
        assert_eq!(String::from_utf8(empty).unwrap(), ",\"items\":[]");
    }
}
