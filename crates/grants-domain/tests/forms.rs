//! The shipped MMD forms compile, accept the shipped example, and report every mistake in the user's language.

use grants_domain::form::{self, FormSchema, SchemaError};
use grants_domain::{FieldError, Language};
use serde_json::{Value, json};

const EXAMPLE: &str = include_str!("../../../config/forms/mmd/full_application.example.json");

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("the example answers are valid JSON")
}

fn full() -> FormSchema {
    form::compile(&form::mmd_full_application()).expect("the full application schema compiles")
}

/// The example with five distinct mistakes.
fn five_mistakes() -> Value {
    let mut answers = example();
    answers["action"].as_object_mut().unwrap().remove("title");
    answers["action"]["duration_months"] = json!(0);
    answers["lead"]["country"] = json!("Mali");
    answers["tags"]["jvap_domains"] = json!(["development_root_causes", "climate_change"]);
    answers["budget"]["lines"][1]["amount"] = json!("12,5");
    answers
}

fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
    errors.iter().map(|error| (error.field.as_str(), error.code)).collect()
}

const EXPECTED: [(&str, &str); 5] = [
    ("/action/duration_months", "minimum"),
    ("/action/title", "required"),
    ("/budget/lines/1/amount", "pattern"),
    ("/lead/country", "pattern"),
    ("/tags/jvap_domains/1", "enum"),
];

#[test]
fn both_shipped_schemas_compile() {
    full();
    let concept = form::compile(&form::mmd_concept_note()).expect("the concept note schema compiles");
    assert_eq!(concept.schema()["$schema"], form::DRAFT_2020_12);
}

#[test]
fn the_shipped_example_is_valid() {
    let schema = full();
    assert_eq!(schema.validate(&example(), Language::EN), Vec::new());
    assert_eq!(schema.validate(&example(), Language::FR), Vec::new());
    assert!(schema.is_valid(&example()));
}

#[test]
fn the_shipped_example_amounts_add_up() {
    use rust_decimal::Decimal;
    let answers = example();
    let amount = |value: &Value| value.as_str().unwrap().parse::<Decimal>().unwrap();
    let budget = &answers["budget"];
    let lines: Decimal = budget["lines"].as_array().unwrap().iter().map(|line| amount(&line["amount"])).sum();
    let total = amount(&budget["total"]);
    let requested = amount(&budget["requested_amount"]);
    assert_eq!(lines, total);
    assert_eq!(total, requested + amount(&budget["own_contribution"]));
    assert!(requested * Decimal::from(10) <= total * Decimal::from(9));
}

#[test]
fn the_concept_note_accepts_the_short_version_of_the_example() {
    let schema = form::compile(&form::mmd_concept_note()).unwrap();
    let mut answers = example();
    let answers = answers.as_object_mut().unwrap();
    answers.remove("logframe");
    answers["budget"] = json!({"total": "320000.00", "requested_amount": "280000.00"});
    assert_eq!(schema.validate(&Value::Object(answers.clone()), Language::EN), Vec::new());
}

#[test]
fn five_mistakes_give_five_errors_in_english() {
    let errors = full().validate(&five_mistakes(), Language::EN);
    assert_eq!(fields(&errors), EXPECTED, "{errors:#?}");
    let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
    assert_eq!(messages[0], "Duration (months) must be at least 1");
    assert_eq!(messages[1], "Action title is required");
    assert!(messages[2].starts_with("Amount (Budget line 2) must be an amount in euros"), "{}", messages[2]);
    assert!(messages[3].starts_with("Lead applicant country must be a two-letter ISO country code"), "{}", messages[3]);
    assert!(
        messages[4].starts_with("JVAP domains, item 2 must be one of: development_root_causes, "),
        "{}",
        messages[4]
    );
    for message in messages {
        for french in ["«", "doit", "obligatoire", "élément", "valeurs"] {
            assert!(!message.contains(french), "French in an English message: {message}");
        }
    }
}

#[test]
fn five_mistakes_give_five_errors_in_french() {
    let errors = full().validate(&five_mistakes(), Language::FR);
    assert_eq!(fields(&errors), EXPECTED, "{errors:#?}");
    let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
    assert_eq!(messages[0], "« Durée (mois) » doit être au moins 1");
    assert_eq!(messages[1], "« Titre de l'action » est obligatoire");
    assert!(
        messages[2].starts_with("« Montant (Ligne budgétaire 2) » doit être un montant en euros"),
        "{}",
        messages[2]
    );
    assert!(messages[3].starts_with("« Pays du demandeur principal » doit être un code pays ISO"), "{}", messages[3]);
    assert!(
        messages[4]
            .starts_with("« Domaines du PACV, élément 2 » doit être l'une des valeurs : development_root_causes, "),
        "{}",
        messages[4]
    );
    for message in messages {
        for english in [" is ", " must ", "required", "item", "one of", "Action title"] {
            assert!(!message.contains(english), "English in a French message: {message}");
        }
    }
}

#[test]
fn other_mistakes_are_worded_too() {
    let schema = full();
    let mut answers = example();
    answers["action"]["countries"] = json!(["ML", "ML"]);
    answers["tags"]["geographic_level"] = json!("worldwide");
    answers["logframe"]["objectives"] = json!([]);
    answers["lead"]["name"] = json!("");
    answers["budget"]["total"] = json!(320_000);
    answers["extra"] = json!(true);
    answers.as_object_mut().unwrap().remove("partners");
    let errors = schema.validate(&answers, Language::FR);
    let by_field =
        |field: &str| errors.iter().find(|error| error.field == field).unwrap_or_else(|| panic!("{errors:#?}"));
    assert_eq!(by_field("/").code, "additional_properties");
    assert_eq!(
        by_field("/").message,
        "« Demande complète MMD » contient des champs qui ne font pas partie du formulaire : extra"
    );
    assert_eq!(by_field("/partners").message, "« Partenaires » est obligatoire");
    assert_eq!(by_field("/action/countries").code, "unique_items");
    assert_eq!(
        by_field("/tags/geographic_level").message,
        "« Échelle géographique » doit être l'une des valeurs : continental, regional, multi_country"
    );
    assert_eq!(by_field("/logframe/objectives").message, "« Objectifs » doit contenir au moins un élément");
    assert_eq!(by_field("/lead/name").message, "« Nom du demandeur principal » ne doit pas être vide");
    assert_eq!(by_field("/budget/total").message, "« Budget total » doit être du texte");
    assert_eq!(errors.len(), 7, "{errors:#?}");
}

#[test]
fn labels_follow_the_schema() {
    let schema = full();
    assert_eq!(schema.label("/", Language::EN), "MMD full application");
    assert_eq!(schema.label("/action/title", Language::FR), "Titre de l'action");
    assert_eq!(schema.label("/partners/0", Language::EN), "Partner 1");
    assert_eq!(schema.label("/partners/0/country", Language::FR), "Pays du partenaire (Partenaire 1)");
    assert_eq!(schema.label("/action/countries/2", Language::EN), "Countries of the action, item 3");
    assert_eq!(schema.label("/unknown_field", Language::EN), "unknown_field");
}

#[test]
fn a_label_falls_back_to_the_property_name() {
    let schema = form::compile(&json!({
        "type": "object",
        "properties": {"budget_total": {"type": "string"}, "country": {"title": "Country", "enum": ["ML", "SN"]}},
        "required": ["budget_total"]
    }))
    .unwrap();
    let errors = schema.validate(&json!({"country": "FR"}), Language::FR);
    assert_eq!(fields(&errors), [("/budget_total", "required"), ("/country", "enum")]);
    assert_eq!(errors[0].message, "« budget_total » est obligatoire");
    assert_eq!(errors[1].message, "« country » doit être l'une des valeurs : ML, SN");
    let errors = schema.validate(&json!({"country": "FR"}), Language::EN);
    assert_eq!(errors[1].message, "Country must be one of: ML, SN");
}

#[test]
fn a_schema_with_an_unknown_type_is_refused() {
    let error = form::compile(&json!({"type": "nonsense"})).unwrap_err();
    assert!(matches!(error, SchemaError::Invalid { .. }), "{error:?}");
    assert!(error.to_string().contains("/type"), "{error}");
}

#[test]
fn another_draft_is_refused() {
    let error =
        form::compile(&json!({"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"})).unwrap_err();
    assert!(matches!(error, SchemaError::UnsupportedDraft { .. }), "{error:?}");
    assert!(error.to_string().contains("draft-07"), "{error}");
}

#[test]
fn a_schema_that_is_not_an_object_is_refused() {
    assert_eq!(form::compile(&json!(true)).unwrap_err(), SchemaError::NotAnObject);
}

#[test]
fn remote_references_are_never_fetched() {
    let schema = json!({"properties": {"a": {"$ref": "https://example.org/forms/remote.json"}}});
    let error = form::compile(&schema).unwrap_err();
    assert!(matches!(error, SchemaError::Invalid { .. }), "{error:?}");
    let schema = json!({"$ref": "file:///etc/passwd"});
    assert!(matches!(form::compile(&schema), Err(SchemaError::Invalid { .. })));
}

#[test]
fn the_whole_document_has_the_root_pointer() {
    let errors = full().validate(&json!([]), Language::EN);
    assert_eq!(fields(&errors), [("/", "type")]);
    assert_eq!(errors[0].message, "MMD full application must be a group of fields");
}
