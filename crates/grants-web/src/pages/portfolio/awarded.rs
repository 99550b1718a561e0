//! `/awarded`: the public list of awarded projects, built on the same data as the open-data files. One
//! page of projects at a time (read in a bounded number of queries), filtered by call, country of action,
//! JVAP domain and dialogue, shown as cards that read well on a phone.

use super::super::format::day;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::programme::Term;
use grants_domain::{Language, Money};
use grants_store::open_data::{ProjectFilter, PublishedProject};
use serde::Deserialize;
use serde_json::{Value, json};

use super::super::session::Visitor;
use super::super::{context, failure_page, page};
use crate::{AppError, AppState};

/// Projects per page: twenty cards stay well under the page budget (60 kB) on any screen.
pub const PER_PAGE: u64 = 20;

/// The filters as the form sends them (empty means "all").
#[derive(Debug, Default, Deserialize)]
pub struct AwardedQuery {
    call: Option<String>,
    country: Option<String>,
    domain: Option<String>,
    dialogue: Option<String>,
    page: Option<String>,
}

/// An amount as a reader of `lang` writes it (see [`Money::euros`]).
pub fn euros(amount: Money, lang: Language) -> String {
    amount.euros(lang)
}

/// The filter the query asks for, keeping only codes the programme knows.
fn filter(query: &AwardedQuery, state: &AppState) -> ProjectFilter {
    let programme = state.store.programme();
    let known = |value: &Option<String>, valid: &dyn Fn(&str) -> bool| {
        value.as_deref().map(str::trim).filter(|code| !code.is_empty() && valid(code)).map(ToOwned::to_owned)
    };
    ProjectFilter {
        call_id: query.call.as_deref().and_then(|id| id.trim().parse().ok()),
        country: known(&query.country, &|code| programme.has_country(code)),
        jvap_domain: known(&query.domain, &|code| programme.is_jvap_domain(code)),
        dialogue: known(&query.dialogue, &|code| programme.is_dialogue(code)),
    }
}

/// The address of page `number` with the same filters.
fn link(filter: &ProjectFilter, number: u64) -> String {
    let mut url = format!("/awarded?page={number}");
    let parts = [
        ("call", filter.call_id.map(|id| id.to_string())),
        ("country", filter.country.clone()),
        ("domain", filter.jvap_domain.clone()),
        ("dialogue", filter.dialogue.clone()),
    ];
    for (name, value) in parts {
        if let Some(value) = value {
            url.push('&');
            url.push_str(name);
            url.push('=');
            url.push_str(&value);
        }
    }
    url
}

fn options(terms: &[Term], chosen: Option<&str>, lang: Language) -> Vec<Value> {
    terms
        .iter()
        .map(|t| json!({ "code": t.code, "label": t.label(lang), "selected": chosen == Some(t.code.as_str()) }))
        .collect()
}

fn labels(codes: &[String], terms: &[Term], lang: Language) -> String {
    codes
        .iter()
        .map(|code| terms.iter().find(|t| &t.code == code).map_or(code.as_str(), |t| t.label(lang)))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn card(state: &AppState, project: &PublishedProject, lang: Language) -> Value {
    let programme = state.store.programme();
    let call_title = project.call.title(lang);
    let country = |code: &str| programme.country(code).map_or_else(|| code.to_owned(), |c| c.label(lang).to_owned());
    let period = project.agreement.as_ref().map(|a| format!("{} – {}", day(a.starts_on, lang), day(a.ends_on, lang)));
    let paid = project.paid();
    json!({
        "title": project.title,
        "reference": project.reference,
        "organisation": project.organisation.name,
        "organisation_country": country(&project.organisation.country),
        "countries": project.countries.iter().map(|c| country(c)).collect::<Vec<_>>().join(", "),
        "domains": labels(&project.jvap_domains, &programme.jvap_domains, lang),
        "dialogues": labels(&project.dialogues, &programme.dialogues, lang),
        "awarded": euros(project.awarded, lang),
        "paid": (paid != Money::ZERO).then(|| euros(paid, lang)),
        "period": period,
        "status": state.pages.text(lang, &format!("state_{}", project.state)),
        "call": format!("{} — {call_title}", project.call.reference),
    })
}

/// The filters, or none when the query string cannot be read (a malformed link shows every project).
type QueryResult = Result<Query<AwardedQuery>, axum::extract::rejection::QueryRejection>;

/// `/awarded`: no sign-in needed.
pub async fn awarded(State(state): State<AppState>, visitor: Visitor, query: QueryResult) -> Response {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let lang = visitor.lang;
    let wanted = filter(&query, &state);
    let number = query.page.as_deref().and_then(|p| p.trim().parse::<u64>().ok()).unwrap_or(1).max(1);
    let found = match state.store.published_projects(&wanted, number, PER_PAGE).await {
        Ok(found) => found,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let calls = match state.store.publishing_calls().await {
        Ok(calls) => calls,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let programme = state.store.programme();
    let pages = found.total.div_ceil(PER_PAGE);
    let previous = (number > 1 && pages > 0).then(|| link(&wanted, number.min(pages + 1) - 1));
    let next = (number < pages).then(|| link(&wanted, number + 1));
    let calls: Vec<Value> = calls
        .iter()
        .map(|c| {
            let title = c.title(lang);
            json!({ "id": c.id, "reference": c.reference, "title": title, "selected": wanted.call_id == Some(c.id) })
        })
        .collect();
    let ctx = context(
        &state,
        &visitor,
        "title_awarded",
        json!({
            "iati": programme.open_data.is_some() && (found.total > 0 || wanted != ProjectFilter::default()),
            "calls": calls,
            "countries": options(&programme.countries, wanted.country.as_deref(), lang),
            "domains": options(&programme.jvap_domains, wanted.jvap_domain.as_deref(), lang),
            "dialogues": options(&programme.dialogues, wanted.dialogue.as_deref(), lang),
            "projects": found.items.iter().map(|p| card(&state, p, lang)).collect::<Vec<_>>(),
            "total": found.total,
            "page": found.page,
            "pages": (pages > 1).then_some(pages),
            "filtered": wanted != ProjectFilter::default(),
            "previous": previous,
            "next": next,
            "paging": previous.is_some() || next.is_some(),
        }),
    );
    page(&state, StatusCode::OK, "awarded", ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_them() {
        let amount: Money = "1234567.50".parse().unwrap();
        assert_eq!(euros(amount, Language::EN), "€1,234,567.50");
        assert_eq!(euros(amount, Language::FR), "1\u{202f}234\u{202f}567,50\u{a0}€");
        assert_eq!(euros("200000".parse().unwrap(), Language::EN), "€200,000");
        assert_eq!(euros("950".parse().unwrap(), Language::FR), "950\u{a0}€");
    }

    #[test]
    fn page_links_keep_the_filters() {
        let filter = ProjectFilter {
            call_id: Some(3),
            country: Some("SN".into()),
            jvap_domain: None,
            dialogue: Some("rabat_process".into()),
        };
        assert_eq!(link(&filter, 2), "/awarded?page=2&call=3&country=SN&dialogue=rabat_process");
    }
}
