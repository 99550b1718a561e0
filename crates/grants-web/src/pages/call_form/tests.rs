//! The call form read back and forth: its plain fields make one design over the settings it started from.
use super::*;

fn pairs(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut form = vec![
        ("reference", "MMD-CFP-2027-01"),
        ("title_en", "Diaspora"),
        ("procedure", "open"),
        ("total_budget", "1000000.00"),
        ("min_grant", "50000"),
        ("max_grant", "200000"),
        ("opens_at", "2027-01-01T00:00"),
        ("deadline_at", "2027-03-01T23:59"),
        ("lots_0_name", "West Africa"),
        ("lots_0_budget", "600 000"),
        ("lots_1_name", "East Africa"),
        ("lots_1_budget", "400000.00"),
        ("max_cofinancing_rate", "0.85"),
        ("duration_min_months", "6"),
        ("duration_max_months", "18"),
        ("evaluators_per_application", "3"),
        ("discrepancy_trigger", "0.20"),
        ("reserve_list_length", "4"),
        ("award_order", "fill"),
        ("anonymous_evaluation", "on"),
        ("comment_required_below", "2"),
        ("reserve_list_valid_until", "2027-12-31T23:59"),
        ("full_application_variation", "0,15"),
        ("shortlist_budget_factor", "2"),
    ];
    form.extend_from_slice(extra);
    form.into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

fn defaults() -> CallSettings {
    CallSettings::defaults_for(&grants_domain::programme::mmd())
}

#[test]
fn the_plain_fields_make_one_design_over_the_settings_it_started_from() {
    let mut base = defaults();
    base.min_countries = 2;
    base.required_attachments = vec!["statutes".into()];
    let form = CallForm::from_pairs(pairs(&[]));
    let design = form.design(&base, grants_domain::Language::EN).unwrap();
    assert_eq!(design.lots.len(), 2);
    assert_eq!(design.lots[1].budget, "400000".parse().unwrap());
    let s = &design.settings;
    assert_eq!(s.max_cofinancing_rate.to_string(), "0.85");
    assert_eq!((s.duration_min_months, s.duration_max_months, s.evaluators_per_application), (6, 18, 3));
    assert!(s.anonymous_evaluation);
    assert_eq!(s.comment_required_below, 2);
    assert_eq!(s.reserve_list_valid_until.unwrap().to_rfc3339(), "2027-12-31T23:59:00+00:00");
    assert_eq!(s.full_application_variation.to_string(), "0.15", "a decimal comma reads as a point");
    assert_eq!(
        (s.min_countries, s.required_attachments.clone()),
        (2, vec!["statutes".to_owned()]),
        "other pages' settings stand"
    );
    assert_eq!(s.award_order, grants_domain::evaluation::AwardOrder::Fill);
}

#[test]
fn every_unreadable_field_is_named_at_once() {
    let form = CallForm::from_pairs(pairs(&[
        ("total_budget", "a lot"),
        ("duration_min_months", "six"),
        ("lots_1_budget", "four hundred thousand"),
        ("comment_required_below", "three"),
    ]));
    let errors = form.design(&defaults(), grants_domain::Language::EN).unwrap_err();
    let inputs: Vec<&str> = errors.errors.iter().filter_map(|e| input_of(&e.field)).collect();
    for expected in ["total_budget", "duration_min_months", "lots", "comment_required_below"] {
        assert!(inputs.contains(&expected), "{expected} in {inputs:?}");
    }
}

#[test]
fn what_cannot_be_read_is_said_in_the_readers_language() {
    let form = CallForm::from_pairs(pairs(&[("duration_min_months", "six")]));
    let message = |lang| {
        let errors = form.design(&defaults(), lang).unwrap_err();
        errors.errors.into_iter().find(|e| e.field == "/settings/duration_min_months").unwrap().message
    };
    assert_eq!(message(grants_domain::Language::EN), "a whole number");
    assert_eq!(message(grants_domain::Language::FR), "un nombre entier");
}

#[test]
fn a_call_shown_in_the_form_reads_back_to_the_same_design() {
    let form = CallForm::from_pairs(pairs(&[]));
    let design = form.design(&defaults(), grants_domain::Language::EN).unwrap();
    assert_eq!(input_of("/settings/grids/full_application/criteria/0"), None, "a setting of another page");
    assert_eq!(input_of("/lots/1/budget"), Some("lots"));
    assert_eq!(input_of("/reference"), Some("reference"));
    let again = CallForm::from_pairs(pairs(&[])).design(&design.settings, grants_domain::Language::EN).unwrap();
    assert_eq!(again.settings, design.settings);
}

#[test]
fn stored_numbers_are_shown_as_the_reader_writes_them_and_read_back_the_same() {
    let form = CallForm::from_pairs(pairs(&[]));
    let design = form.design(&defaults(), grants_domain::Language::EN).unwrap();
    let call_form = CallForm::from_pairs(pairs(&[]));
    for lang in [grants_domain::Language::FR, grants_domain::Language::EN] {
        let shown = call_form.clone().localised(lang);
        let again = shown.design(&defaults(), lang).unwrap();
        assert_eq!(again.settings, design.settings, "{lang:?}");
        assert_eq!(again.rules.total_budget, design.rules.total_budget, "{lang:?}");
        assert_eq!(again.lots, design.lots, "{lang:?}");
    }
    let french = call_form.localised(grants_domain::Language::FR);
    assert_eq!(french.total_budget, "1\u{202f}000\u{202f}000,00");
    assert_eq!(french.max_cofinancing_rate, "0,85");
}
