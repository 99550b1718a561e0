//! Expected refusals shown where they happened: a guard of the workflow table or a validation refused
//! what a form asked, so the page the form is on is shown again with the reason, in the reader's
//! language, next to that form, and with what was typed. Only unexpected failures reach the error page.

use axum::http::StatusCode;
use grants_domain::Language;
use serde_json::{Map, Value, json};

use super::render::Pages;
use crate::AppError;

/// A form's refusal, ready for its page.
#[derive(Debug, Clone)]
pub struct Refusal {
    /// Which form was refused (an action's name, `checklist`, `assign`…).
    pub form: String,
    /// The status the page answers with (409 or 422).
    pub status: StatusCode,
    /// Why, in the reader's language.
    pub message: String,
    /// Field by field, when the refusal is about fields (already in the reader's language).
    pub fields: Vec<Value>,
    /// What was typed, by field name.
    pub typed: Map<String, Value>,
}

/// Whether `err` is a refusal the page it came from should show (rather than the error page).
pub fn is_expected(err: &AppError) -> bool {
    matches!(err.status(), StatusCode::CONFLICT | StatusCode::UNPROCESSABLE_ENTITY | StatusCode::PAYLOAD_TOO_LARGE)
}

/// Why `err` happened, in `lang`: each unmet guard's sentence from the catalogue, or the sentence for
/// the error's code.
pub fn explain(pages: &Pages, lang: Language, err: &AppError) -> String {
    let strings = pages.strings(lang);
    let lookup = |key: &str| strings.get(key).and_then(Value::as_str).map(ToOwned::to_owned);
    let guards: Vec<String> = err
        .details()
        .get("failures")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|f| f.get("guard").and_then(Value::as_str))
        .filter_map(|guard| lookup(&format!("guard_{guard}")))
        .collect();
    if !guards.is_empty() {
        return guards.join(" ");
    }
    lookup(&format!("refusal_{}", err.code())).or_else(|| lookup("refusal_generic")).unwrap_or_default()
}

impl Refusal {
    /// The refusal of form `form` by `err`, with the fields that were sent.
    pub fn new(pages: &Pages, lang: Language, form: &str, err: &AppError, typed: &[(String, String)]) -> Refusal {
        let mut fields: Vec<Value> = Vec::new();
        let failures = err.details().get("failures").and_then(Value::as_array).cloned().unwrap_or_default();
        for failure in &failures {
            fields.extend(failure.get("fields").and_then(Value::as_array).cloned().unwrap_or_default());
        }
        fields.extend(err.details().get("fields").and_then(Value::as_array).cloned().unwrap_or_default());
        let typed = typed.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        Refusal { form: form.to_owned(), status: err.status(), message: explain(pages, lang, err), fields, typed }
    }

    /// The field errors, for the form renderer that shows each next to its field.
    pub fn field_errors(&self) -> Vec<grants_domain::FieldError> {
        self.fields
            .iter()
            .filter_map(|f| {
                let field = f.get("field")?.as_str()?.to_owned();
                let message = f.get("message")?.as_str()?.to_owned();
                Some(grants_domain::FieldError { field, code: "invalid", message })
            })
            .collect()
    }

    /// What a template sees of it when it belongs to form `form`, `Null` otherwise.
    pub fn for_form(refusal: Option<&Refusal>, form: &str) -> Value {
        match refusal {
            Some(r) if r.form == form => json!({ "message": r.message, "fields": r.fields, "typed": r.typed }),
            _ => Value::Null,
        }
    }

    /// A typed value, or `fallback` when the form was not refused.
    pub fn typed_or(refusal: Option<&Refusal>, form: &str, field: &str, fallback: Option<String>) -> Value {
        match refusal {
            Some(r) if r.form == form => r.typed.get(field).cloned().unwrap_or(Value::Null),
            _ => fallback.map_or(Value::Null, Value::String),
        }
    }
}
