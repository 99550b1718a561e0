//! What a call's page tells someone deciding whether to apply, in their language: who may apply (types
//! of organisation, countries sorted as the reader's language sorts them), co-financing, durations, the
//! documents to attach, and how long is left before the deadline.

use chrono::TimeDelta;
use grants_domain::Language;
use grants_store::Call;
use serde_json::{Value, json};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::attachment_list::kind_label;
use super::session::Visitor;
use crate::AppState;

/// A key that sorts labels as a reader expects: accents and case set aside (`Éthiopie` beside `Érythrée`,
/// after `Égypte` and before `Gabon`), the label itself breaking ties.
pub fn sort_key(label: &str) -> (String, String) {
    let folded: String = label.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    (folded, label.to_owned())
}

/// Labels sorted for the reader.
fn sorted(mut labels: Vec<String>) -> Vec<String> {
    labels.sort_by_cached_key(|label| sort_key(label));
    labels
}

/// Who may apply and on what terms.
pub fn who_may_apply(state: &AppState, visitor: &Visitor, call: &Call) -> Value {
    let programme = state.store.programme();
    let lang = visitor.lang;
    let settings = &call.settings;
    let label = |terms: &[grants_domain::programme::Term], code: &str| {
        terms.iter().find(|t| t.code == code).map_or_else(|| code.to_owned(), |t| t.label(lang).to_owned())
    };
    let types: Vec<String> =
        settings.eligible_applicant_types.iter().map(|t| label(&programme.applicant_types, t.as_ref())).collect();
    let countries = sorted(settings.eligible_countries.iter().map(|c| label(&programme.countries, c)).collect());
    let documents: Vec<String> =
        settings.required_attachments.iter().map(|kind| kind_label(&state.pages, lang, kind)).collect();
    json!({
        "types": sorted(types),
        "countries": countries,
        "all_countries": settings.eligible_countries.is_empty(),
        "max_cofinancing_percent": percent(settings.max_cofinancing_rate, lang),
        "duration_min_months": settings.duration_min_months,
        "duration_max_months": settings.duration_max_months,
        "documents": documents,
    })
}

/// A rate (`0.8`) as a percentage in the reader's notation (`80 %` in French, `80%` in English).
fn percent(rate: rust_decimal::Decimal, lang: Language) -> String {
    let value = lang.decimal(&(rate * rust_decimal::Decimal::ONE_HUNDRED).normalize().to_string());
    lang.text("written-percent", &[("value", super::Arg::Text(&value))])
}

/// "Closes within 24 hours", "closes in 12 days" (whole days rounded up, as a calendar counts them).
pub fn closes_in(state: &AppState, visitor: &Visitor, left: TimeDelta) -> String {
    let text = |key: &str| state.pages.text(visitor.lang, key);
    if left < TimeDelta::days(1) {
        return text("call_closes_within_a_day");
    }
    let days = (left.num_seconds() + 86_399) / 86_400;
    state.pages.format(visitor.lang, "call_closes_in_days", &[("days", super::Arg::Number(days))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_names_sort_where_a_french_reader_looks_for_them() {
        let names = ["Gabon", "Éthiopie", "Égypte", "Burkina Faso", "Érythrée", "Cameroun"];
        let ordered = sorted(names.iter().map(|n| (*n).to_owned()).collect());
        assert_eq!(ordered, ["Burkina Faso", "Cameroun", "Égypte", "Érythrée", "Éthiopie", "Gabon"]);
    }

    #[test]
    fn rates_read_as_each_language_writes_them() {
        let rate = rust_decimal::Decimal::new(80, 2);
        assert_eq!(percent(rate, Language::FR), "80\u{a0}%");
        assert_eq!(percent(rate, Language::EN), "80%");
    }
}
