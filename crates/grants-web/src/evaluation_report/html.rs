//! The evaluation report as HTML: on screen one part at a time in pages of fifty applications, and
//! whole for printing, written a page at a time as it is read.

use axum::http::{StatusCode, header};
use axum::response::{Html as HtmlBody, IntoResponse, Response};
use grants_store::report::{Declaration, Page, ReportApplication, ReportHead, ReportPart, ReportReader};
use serde_json::{Value, json};

use super::Reading;
use super::stream::{Format, Pass, Place, body};
use crate::AppState;
use crate::pages::session::Visitor;

/// The report's parts, in order, as their templates and the `section` of on-screen pages name them.
const SECTIONS: [&str; 5] = ["opening", "eligibility", "scores", "decisions", "declarations"];

/// What each of the first four parts reads of an application (the fifth is the declarations register).
const PARTS: [ReportPart; 4] =
    [ReportPart::Opening, ReportPart::Eligibility, ReportPart::Scores, ReportPart::Decisions];

/// Applications per page on screen.
const SCREEN_PAGE: u64 = 50;

/// The whole report, for printing or saving: every part, written as it is read.
pub fn whole(state: &AppState, visitor: &Visitor, reader: ReportReader) -> Response {
    let context = page_context(state, visitor, reader.head(), Nav::none());
    let format = Html { state: state.clone(), lang: visitor.lang, context };
    let mut response = body(reader, format).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

/// One part of the report on screen (`section`, one of [`SECTIONS`]; the first when unknown), page
/// `number` of it, with links to the other parts, the other pages and the whole report.
pub async fn page(
    state: &AppState,
    visitor: &Visitor,
    reader: ReportReader,
    section: Option<&str>,
    number: Option<u64>,
) -> Result<Response, String> {
    let section = SECTIONS.iter().position(|s| Some(*s) == section).unwrap_or(0);
    let head = reader.head();
    let call = head.call.id;
    let pages = head.submitted.div_ceil(SCREEN_PAGE).max(1);
    let number = number.unwrap_or(1).clamp(1, pages);
    let href = |s: usize, n: u64| format!("/calls/{call}/report?section={}&page={n}", SECTIONS[s]);
    let sections: Vec<Value> = SECTIONS
        .iter()
        .enumerate()
        .map(|(n, name)| {
            let label = state.pages.text(visitor.lang, &format!("evaluation_report_{name}"));
            json!({"href": href(n, 1), "label": label, "current": n == section})
        })
        .collect();
    let pagination = (pages > 1).then(|| {
        json!({
            "page": number,
            "pages": pages,
            "previous": (number > 1).then(|| href(section, number - 1)),
            "next": (number < pages).then(|| href(section, number + 1)),
        })
    });
    let nav = Nav {
        sections: json!(sections),
        whole: json!(format!("/calls/{call}/report/whole")),
        pagination: json!(pagination),
    };
    let context = page_context(state, visitor, head, nav);
    let format = Html { state: state.clone(), lang: visitor.lang, context };
    let at = Page { after: None, offset: (number - 1) * SCREEN_PAGE, limit: SCREEN_PAGE };
    let place = Place { start: true, end: true, before: 0 };
    let part = if section < 4 {
        let rows = reader.applications_for(at, PARTS[section]).await.map_err(|e| e.to_string())?;
        format.applications(head, section, &rows, place)?
    } else {
        let (rows, _) = reader.declarations(at).await.map_err(|e| e.to_string())?;
        format.declarations(head, &rows, place)?
    };
    let mut html = format.head(head)?;
    html.extend(part);
    html.extend(format.tail(head)?);
    let html = String::from_utf8(html).map_err(|e| e.to_string())?;
    Ok((StatusCode::OK, HtmlBody(html)).into_response())
}

/// The links around a part on screen: the parts, the whole report and the pages (all null when printing).
struct Nav {
    sections: Value,
    whole: Value,
    pagination: Value,
}

impl Nav {
    fn none() -> Nav {
        Nav { sections: Value::Null, whole: Value::Null, pagination: Value::Null }
    }
}

/// The page's own context (header, footer, title, the call and its totals), built once per report.
fn page_context(state: &AppState, visitor: &Visitor, head: &ReportHead, nav: Nav) -> Value {
    let reading = Reading::new(&state.pages, head, visitor.lang, state.store.programme());
    let mut context = crate::pages::context(state, visitor, "evaluation_report_title", reading.head(state.clock.now()));
    let title =
        format!("{} — {}", state.pages.text(visitor.lang, "evaluation_report_title"), head.call.rules.reference);
    context["title"] = json!(title);
    context["sections"] = nav.sections;
    context["whole"] = nav.whole;
    context["pagination"] = nav.pagination;
    context
}

struct Html {
    state: AppState,
    lang: grants_domain::Language,
    context: Value,
}

impl Html {
    fn part(&self, name: &str, rows: &[Value], place: Place) -> Result<Vec<u8>, String> {
        let context = json!({
            "i18n": self.context["i18n"],
            "rows": rows,
            "start": place.start,
            "end": place.end,
            "reserve": self.context["reserve"],
            "awarded_total": self.context["awarded_total"],
        });
        Ok(self.state.pages.render(&format!("evaluation_report_{name}"), context)?.into_bytes())
    }
}

impl Format for Html {
    fn passes(&self) -> &[Pass] {
        &[
            Pass::Applications(0),
            Pass::Applications(1),
            Pass::Applications(2),
            Pass::Applications(3),
            Pass::Declarations,
        ]
    }

    fn part(&self, section: usize) -> ReportPart {
        PARTS.get(section).copied().unwrap_or(ReportPart::Everything)
    }

    fn head(&self, _: &ReportHead) -> Result<Vec<u8>, String> {
        Ok(self.state.pages.render("evaluation_report_head", self.context.clone())?.into_bytes())
    }

    fn applications(
        &self,
        head: &ReportHead,
        section: usize,
        rows: &[ReportApplication],
        place: Place,
    ) -> Result<Vec<u8>, String> {
        let reading = Reading::new(&self.state.pages, head, self.lang, self.state.store.programme());
        let rows: Vec<Value> = rows.iter().map(|a| reading.application(a)).collect();
        self.part(SECTIONS[section], &rows, place)
    }

    fn declarations(&self, head: &ReportHead, rows: &[Declaration], place: Place) -> Result<Vec<u8>, String> {
        let reading = Reading::new(&self.state.pages, head, self.lang, self.state.store.programme());
        let rows: Vec<Value> = rows.iter().map(|d| reading.declaration(d)).collect();
        self.part("declarations", &rows, place)
    }

    fn tail(&self, _: &ReportHead) -> Result<Vec<u8>, String> {
        Ok(self.state.pages.render("evaluation_report_tail", self.context.clone())?.into_bytes())
    }
}
