//! Call settings: defaults, merge patches and validation against the programme.
use super::*;
use crate::call::Procedure;
use serde_json::json;

#[test]
fn the_defaults_take_their_words_from_both_catalogues() {
    let settings = CallSettings::defaults_for(&crate::programme::mmd());
    let grids = [settings.grids.full_application.clone(), Grid::concept_note_default()];
    let mut words: Vec<&str> =
        settings.checklist.iter().flat_map(|item| [item.en.as_str(), item.fr.as_str()]).collect();
    for (section, criterion) in grids.iter().flat_map(Grid::criteria) {
        words.extend([section.en.as_str(), section.fr.as_str(), criterion.en.as_str(), criterion.fr.as_str()]);
    }
    assert!(words.iter().all(|w| !w.starts_with("default-")), "a message is missing: {words:?}");
    assert_eq!(settings.checklist[1].fr, "Complète : toutes les parties et pièces requises");
    assert_eq!(grids[0].sections[0].fr, "Capacité opérationnelle et financière");
}

#[test]
fn defaults_are_valid_and_follow_the_spec() {
    let programme = crate::programme::mmd();
    let settings = CallSettings::defaults_for(&programme);
    assert_eq!(settings.validate(&programme, Procedure::Restricted, crate::Language::EN), Ok(()));
    assert_eq!(settings.max_cofinancing_rate.to_string(), "0.90");
    assert_eq!(settings.evaluators_per_application, 2);
    assert_eq!(settings.eligible_countries.len(), 66);
}

#[test]
fn a_patch_changes_only_what_it_names() {
    let programme = crate::programme::mmd();
    let base = CallSettings::defaults_for(&programme);
    let merged = CallSettings::merged(&base, &json!({"min_countries": 2, "eligible_countries": ["ML", "SN"]})).unwrap();
    assert_eq!(merged.min_countries, 2);
    assert_eq!(merged.eligible_countries, ["ML", "SN"]);
    assert_eq!(merged.duration_max_months, base.duration_max_months);
    assert!(CallSettings::merged(&base, &json!({"colour": "red"})).is_err());
}

#[test]
fn unknown_countries_and_tags_are_refused() {
    let programme = crate::programme::mmd();
    let base = CallSettings::defaults_for(&programme);
    let merged = CallSettings::merged(
        &base,
        &json!({"eligible_countries": ["ML", "US"], "allowed_tags": {"dialogues": ["budapest_process"]}}),
    )
    .unwrap();
    let errors = merged.validate(&programme, Procedure::Open, crate::Language::EN).unwrap_err();
    let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["/settings/eligible_countries/1", "/settings/allowed_tags/dialogues/0"]);
}

#[test]
fn lots_must_add_up_to_the_budget() {
    let total: Money = "1000000".parse().unwrap();
    let lots = vec![
        Lot { name: "West Africa".into(), name_fr: None, budget: "600000".parse().unwrap() },
        Lot { name: "Horn of Africa".into(), name_fr: None, budget: "300000".parse().unwrap() },
    ];
    let errors = validate_lots(&lots, total, crate::Language::EN).unwrap_err();
    assert_eq!(errors.errors[0].code, "lots_do_not_add_up");
    let lots = vec![
        Lot { name: "West Africa".into(), name_fr: None, budget: "600000".parse().unwrap() },
        Lot { name: "Horn of Africa".into(), name_fr: None, budget: "400000".parse().unwrap() },
    ];
    assert_eq!(validate_lots(&lots, total, crate::Language::EN), Ok(()));
}

#[test]
fn each_checklist_problem_is_reported_at_its_field() {
    let programme = crate::programme::mmd();
    let mut settings = CallSettings::defaults_for(&programme);
    settings.checklist[1].code = settings.checklist[0].code.clone();
    settings.checklist[2].fr = " ".into();
    settings.checklist[3].code = "Not a code".into();
    let errors = settings.validate(&programme, Procedure::Open, crate::Language::EN).unwrap_err();
    let fields: Vec<_> = errors.errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
    assert_eq!(
        fields,
        [
            ("/settings/checklist/1/code", "duplicate_code"),
            ("/settings/checklist/2/fr", "required"),
            ("/settings/checklist/3/code", "invalid_code"),
        ]
    );
}
