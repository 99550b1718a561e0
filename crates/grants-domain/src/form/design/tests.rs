use super::*;
use crate::form::{FormSchema, mmd_concept_note, mmd_full_application, mmd_full_application_example};
use crate::programme::mmd;

#[test]
fn the_programme_forms_read_and_write_back_to_the_same_design() {
    let programme = mmd();
    for schema in [mmd_full_application(), mmd_concept_note()] {
        let design = FormDesign::read(&schema, &programme);
        let written = design.schema();
        FormSchema::compile(&written).expect("the written schema compiles");
        assert_eq!(FormDesign::read(&written, &programme), design, "a second round trip changes nothing");
        assert!(design.problems().is_empty(), "{:?}", design.problems());
    }
}

#[test]
fn the_written_full_application_accepts_the_example_and_refuses_what_the_template_refuses() {
    let programme = mmd();
    let template = FormSchema::compile(&mmd_full_application()).unwrap();
    let written = FormSchema::compile(&FormDesign::read(&mmd_full_application(), &programme).schema()).unwrap();
    let example = mmd_full_application_example();
    assert!(template.is_valid(&example) && written.is_valid(&example));
    let mut broken = example.clone();
    broken["budget"]["total"] = json!("beaucoup");
    broken["action"]["countries"] = json!([]);
    assert!(!written.is_valid(&broken));
    assert_eq!(
        template.validate(&broken, crate::Language::FR).len(),
        written.validate(&broken, crate::Language::FR).len(),
        "the same problems are found"
    );
}

#[test]
fn added_questions_of_every_kind_become_schema_the_engine_validates() {
    let programme = mmd();
    let mut design = FormDesign::read(&mmd_full_application(), &programme);
    let mut section = Question::new(QuestionKind::Section, "Sustainability", "Durabilité", &design.questions);
    for kind in QuestionKind::ALL.into_iter().filter(|k| *k != QuestionKind::Section) {
        let mut q = Question::new(kind, &format!("About {kind}"), &format!("À propos de {kind}"), &section.children);
        if kind.has_choices() {
            q.choices = vec![
                Choice { code: "low".into(), en: "Low".into(), fr: "Faible".into() },
                Choice { code: "high".into(), en: "High".into(), fr: "Élevé".into() },
            ];
        }
        if kind == QuestionKind::Group {
            q.children.push(Question::new(QuestionKind::Money, "Cost", "Coût", &[]));
        }
        section.children.push(q);
    }
    assert_eq!(section.key, "sustainability");
    design.questions.push(section);
    assert!(design.problems().is_empty(), "{:?}", design.problems());
    let schema = FormSchema::compile(&design.schema()).unwrap();
    let mut answers = mmd_full_application_example();
    answers["sustainability"] = json!({
        "about_short_text": "x", "about_long_text": "y", "about_number": 3, "about_money": "1200.50",
        "about_date": "2027-03-01", "about_choice": "low", "about_choices": ["low", "high"],
        "about_country": "ML", "about_countries": ["ML", "SN"], "about_yes_no": true,
        "about_text_list": ["a"], "about_group": [{ "cost": "10" }],
    });
    assert!(schema.is_valid(&answers), "{:?}", schema.validate(&answers, crate::Language::EN));
    answers["sustainability"]["about_date"] = json!("1 March");
    answers["sustainability"]["about_choice"] = json!("medium");
    assert_eq!(schema.validate(&answers, crate::Language::EN).len(), 2);
}

#[test]
fn engine_questions_cannot_disappear_and_problems_name_their_input() {
    let programme = mmd();
    let before = FormDesign::read(&mmd_full_application(), &programme);
    let mut after = before.clone();
    let budget = after.questions.iter().position(|q| q.key == "budget").unwrap();
    assert!(after.is_engine_field(&[budget, 0]), "budget lines are read by the eligibility checks");
    after.questions[budget].children.remove(0);
    assert_eq!(after.keeps_engine_fields(&before), Err("/budget/lines".to_owned()));
    let mut blank = Question::new(QuestionKind::Choice, "Size", " ", &[]);
    blank.min = Some(5);
    blank.max = Some(2);
    assert_eq!(blank.problems(), vec![("fr", "blank"), ("choices", "too_few_choices"), ("max", "min_above_max")]);
    assert_eq!(unique_key("Coût éligible (€)", []), "cout_eligible");
    assert_eq!(unique_key("Cost", ["cost"]), "cost_2");
}
