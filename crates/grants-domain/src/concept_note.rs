//! The restricted procedure's second stage (SPEC §3, §5): an invited concept note becomes a
//! full-application draft that carries over what may not change, and whose requested amount may move
//! only within a set share of the concept note's.

use grants_i18n::Arg;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::{FieldError, Language, Money};

/// The parts of the answers fixed by the concept note: who applies, with whom, what and where.
pub const LOCKED_FIELDS: &[&str] =
    &["/lead", "/partners", "/action/title", "/action/countries", "/tags/jvap_domains", "/tags/geographic_level"];

/// Parts copied from the concept note as a starting point, still editable.
const CARRIED_FIELDS: &[&str] = &["/action/summary", "/action/duration_months", "/tags/dialogues"];

fn set_pointer(target: &mut Value, pointer: &str, value: Value) {
    let mut current = target;
    let parts: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    for (index, part) in parts.iter().enumerate() {
        if !current.is_object() {
            *current = Value::Object(serde_json::Map::new());
        }
        let map = current.as_object_mut().expect("just made an object");
        if index + 1 == parts.len() {
            map.insert((*part).to_owned(), value);
            return;
        }
        current = map.entry((*part).to_owned()).or_insert(Value::Null);
    }
}

/// The answers a full-application draft starts with: the locked and carried parts of the concept note.
pub fn full_application_draft(concept_answers: &Value) -> Value {
    let mut draft = Value::Object(serde_json::Map::new());
    for pointer in LOCKED_FIELDS.iter().chain(CARRIED_FIELDS) {
        if let Some(value) = concept_answers.pointer(pointer) {
            set_pointer(&mut draft, pointer, value.clone());
        }
    }
    draft
}

/// The locked parts a full application changed compared with its concept note.
pub fn locked_changes(concept_answers: &Value, full_answers: &Value, lang: Language) -> Vec<FieldError> {
    LOCKED_FIELDS
        .iter()
        .filter(|pointer| concept_answers.pointer(pointer) != full_answers.pointer(pointer))
        .map(|pointer| FieldError {
            field: (*pointer).to_owned(),
            code: "locked_field",
            message: lang.text("concept-note-locked-field", &[("field", Arg::Text(pointer))]),
        })
        .collect()
}

/// Refuses a requested amount further than `max_variation` (a share, e.g. 0.20) from the concept note's.
pub fn requested_variation(concept: Money, full: Money, max_variation: Decimal, lang: Language) -> Option<FieldError> {
    let allowed = (concept.amount() * max_variation).round_dp(2);
    let difference = (full.amount() - concept.amount()).abs();
    (difference > allowed).then(|| {
        let (low, high) = (concept.amount() - allowed, concept.amount() + allowed);
        FieldError {
            field: "/budget/requested_amount".into(),
            code: "requested_variation",
            message: lang.text(
                "concept-note-requested-variation",
                &[("low", Arg::Text(&low.to_string())), ("high", Arg::Text(&high.to_string()))],
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn concept() -> Value {
        json!({
            "lead": {"name": "AMMD", "country": "ML", "organisation_type": "civil_society"},
            "partners": [{"name": "RESAD", "country": "SN", "role": "co-lead"}],
            "action": {"title": "Kayes–Tambacounda", "summary": "…", "duration_months": 24, "countries": ["ML", "SN"]},
            "tags": {"jvap_domains": ["legal_migration_mobility"], "dialogues": ["rabat_process"], "geographic_level": "multi_country"},
            "budget": {"total": "300000.00", "requested_amount": "250000.00"},
        })
    }

    #[test]
    fn the_draft_carries_the_concept_over_and_leaves_the_budget_open() {
        let draft = full_application_draft(&concept());
        assert_eq!(draft["lead"]["country"], "ML");
        assert_eq!(draft["action"]["title"], "Kayes–Tambacounda");
        assert_eq!(draft["action"]["duration_months"], 24);
        assert!(draft.get("budget").is_none());
        assert!(locked_changes(&concept(), &draft, Language::EN).is_empty());
    }

    #[test]
    fn changing_a_locked_field_is_refused() {
        let mut full = full_application_draft(&concept());
        full["lead"]["name"] = json!("Someone else");
        full["action"]["countries"] = json!(["ML"]);
        let errors = locked_changes(&concept(), &full, Language::FR);
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["/lead", "/action/countries"]);
        assert!(errors[0].message.contains("note conceptuelle"));
    }

    #[test]
    fn the_request_may_move_twenty_percent() {
        let concept: Money = "250000".parse().unwrap();
        let rate = Decimal::new(20, 2);
        assert!(requested_variation(concept, "300000".parse().unwrap(), rate, Language::EN).is_none());
        assert!(requested_variation(concept, "200000".parse().unwrap(), rate, Language::EN).is_none());
        let refused = requested_variation(concept, "300000.01".parse().unwrap(), rate, Language::EN).unwrap();
        assert_eq!(refused.code, "requested_variation");
        assert!(refused.message.contains("200000.00 and 300000.00"), "{}", refused.message);
    }
}
