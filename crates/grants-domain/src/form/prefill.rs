//! Answers a new draft starts with, taken from what the organisation already registered, so an applicant
//! does not type their own name, country and type again on every call.

use serde_json::{Map, Value};

/// Starting answers for `schema`: each `(pointer, value)` whose field the schema declares (as a nested
/// `properties` entry) is set; fields the form does not have are left out, so a call with a different
/// form still validates. Empty values are skipped.
pub fn prefilled(schema: &Value, known: &[(&str, &str)]) -> Value {
    let mut answers = Value::Object(Map::new());
    for (pointer, value) in known.iter().filter(|(_, v)| !v.is_empty()) {
        let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
        if declares(schema, &segments) {
            set(&mut answers, &segments, value);
        }
    }
    answers
}

fn declares(schema: &Value, segments: &[&str]) -> bool {
    let mut node = schema;
    for segment in segments {
        match node.get("properties").and_then(|p| p.get(*segment)) {
            Some(child) => node = child,
            None => return false,
        }
    }
    true
}

fn set(answers: &mut Value, segments: &[&str], value: &str) {
    let mut node = answers;
    for segment in &segments[..segments.len() - 1] {
        node = node
            .as_object_mut()
            .map(|o| o.entry((*segment).to_owned()).or_insert_with(|| Value::Object(Map::new())))
            .expect("prefilled answers are objects all the way down");
    }
    if let (Some(object), Some(last)) = (node.as_object_mut(), segments.last()) {
        object.insert((*last).to_owned(), Value::String(value.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::prefilled;

    #[test]
    fn fills_only_the_fields_the_form_declares() {
        let schema = json!({ "properties": { "lead": { "properties": { "name": {}, "country": {} } } } });
        let answers = prefilled(
            &schema,
            &[
                ("/lead/name", "Association des Maliens"),
                ("/lead/country", "ML"),
                ("/lead/organisation_type", "diaspora"),
            ],
        );
        assert_eq!(answers, json!({ "lead": { "name": "Association des Maliens", "country": "ML" } }));
    }

    #[test]
    fn a_form_without_the_section_starts_empty() {
        let schema = json!({ "properties": { "action": { "properties": { "title": {} } } } });
        assert_eq!(prefilled(&schema, &[("/lead/name", "X")]), json!({}));
    }

    #[test]
    fn the_mmd_form_takes_all_three_lead_fields() {
        let schema = crate::form::mmd_full_application();
        let answers = prefilled(
            &schema,
            &[
                ("/lead/name", "Mairie de Dakar"),
                ("/lead/country", "SN"),
                ("/lead/organisation_type", "local_authority"),
            ],
        );
        assert_eq!(answers["lead"]["organisation_type"], "local_authority");
        assert_eq!(answers["lead"]["country"], "SN");
    }
}
