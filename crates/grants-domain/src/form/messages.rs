//! The sentences an applicant reads when a form answer is wrong, from the catalogues (`form-*` messages).
//!
//! Every sentence is built from the field's label and the limits carried by the schema error; nothing from the
//! validator's own English message or from Rust debug output ever reaches the user.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::types::JsonType;
use serde_json::Value;

use grants_i18n::Arg;

use crate::Language;

/// The stable machine-readable code of an error: the JSON Schema keyword in snake_case, or `invalid` for keywords
/// a form is not expected to use.
pub(super) fn code(kind: &ValidationErrorKind) -> &'static str {
    match kind {
        ValidationErrorKind::Required { .. } => "required",
        ValidationErrorKind::Type { .. } => "type",
        ValidationErrorKind::Minimum { .. } => "minimum",
        ValidationErrorKind::Maximum { .. } => "maximum",
        ValidationErrorKind::MinLength { .. } => "min_length",
        ValidationErrorKind::MaxLength { .. } => "max_length",
        ValidationErrorKind::Pattern { .. } => "pattern",
        ValidationErrorKind::Enum { .. } => "enum",
        ValidationErrorKind::MinItems { .. } => "min_items",
        ValidationErrorKind::MaxItems { .. } => "max_items",
        ValidationErrorKind::UniqueItems => "unique_items",
        ValidationErrorKind::Format { .. } => "format",
        ValidationErrorKind::AdditionalProperties { .. } => "additional_properties",
        ValidationErrorKind::Constant { .. } => "const",
        _ => "invalid",
    }
}

/// The label used for the whole answers document when the schema has no title of its own.
pub(super) fn form_label(lang: Language) -> String {
    lang.text("form-label", &[])
}

/// The label of one entry of a list whose entries have no title of their own, e.g. "Countries, item 2".
pub(super) fn item_label(list: &str, index: usize, lang: Language) -> String {
    lang.text("form-item-label", &[("list", Arg::Text(list)), ("number", count(index + 1))])
}

/// The sentence telling the user what is wrong with the field called `label` (`form-error-*` in the
/// catalogues).
///
/// `hint` is the schema's plain-language description of the expected format (`x-pattern-hint`), used for
/// `pattern` errors, where the regular expression itself would mean nothing to an applicant.
pub(super) fn message(kind: &ValidationErrorKind, label: &str, hint: Option<&str>, lang: Language) -> String {
    let say = |id: &str, more: &[(&str, Arg<'_>)]| {
        let mut args = vec![("label", Arg::Text(label))];
        args.extend_from_slice(more);
        lang.text(id, &args)
    };
    let written = |limit: &Value| value(limit, lang);
    match kind {
        ValidationErrorKind::Required { .. } => say("form-error-required", &[]),
        ValidationErrorKind::Type { kind } => say("form-error-type", &[("expected", Arg::Text(&types(kind, lang)))]),
        ValidationErrorKind::Minimum { limit } => say("form-error-minimum", &[("limit", Arg::Text(&written(limit)))]),
        ValidationErrorKind::Maximum { limit } => say("form-error-maximum", &[("limit", Arg::Text(&written(limit)))]),
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            say("form-error-exclusive-minimum", &[("limit", Arg::Text(&written(limit)))])
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            say("form-error-exclusive-maximum", &[("limit", Arg::Text(&written(limit)))])
        }
        ValidationErrorKind::MinLength { limit } => say("form-error-min-length", &[("limit", count(*limit))]),
        ValidationErrorKind::MaxLength { limit } => say("form-error-max-length", &[("limit", count(*limit))]),
        ValidationErrorKind::Pattern { .. } => match hint {
            Some(hint) => say("form-error-pattern-hint", &[("hint", Arg::Text(hint))]),
            None => say("form-error-pattern", &[]),
        },
        ValidationErrorKind::Enum { options } => {
            say("form-error-enum", &[("options", Arg::Text(&list(options, lang)))])
        }
        ValidationErrorKind::Constant { expected_value } => {
            say("form-error-const", &[("value", Arg::Text(&written(expected_value)))])
        }
        ValidationErrorKind::MinItems { limit } => say("form-error-min-items", &[("limit", count(*limit))]),
        ValidationErrorKind::MaxItems { limit } => say("form-error-max-items", &[("limit", count(*limit))]),
        ValidationErrorKind::UniqueItems => say("form-error-unique-items", &[]),
        ValidationErrorKind::Format { format } => {
            say("form-error-format", &[("format", Arg::Text(&format_name(format, lang)))])
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            say("form-error-unknown-fields", &[("fields", Arg::Text(&unexpected.join(", ")))])
        }
        _ => say("form-error-invalid", &[]),
    }
}

/// A count given to a message, so the language's plural rules can choose the wording.
fn count(n: impl TryInto<i64>) -> Arg<'static> {
    Arg::Number(n.try_into().unwrap_or(i64::MAX))
}

/// "a whole number or text": what a `type` keyword asks for, in words.
fn types(kind: &TypeKind, lang: Language) -> String {
    let names: Vec<String> = match kind {
        TypeKind::Single(one) => vec![type_name(*one, lang)],
        TypeKind::Multiple(set) => set.iter().map(|one| type_name(one, lang)).collect(),
    };
    names
        .into_iter()
        .reduce(|first, second| {
            lang.text("form-types-or", &[("first", Arg::Text(&first)), ("second", Arg::Text(&second))])
        })
        .unwrap_or_default()
}

fn type_name(json_type: JsonType, lang: Language) -> String {
    let id = match json_type {
        JsonType::String => "form-type-string",
        JsonType::Integer => "form-type-integer",
        JsonType::Number => "form-type-number",
        JsonType::Boolean => "form-type-boolean",
        JsonType::Array => "form-type-array",
        JsonType::Object => "form-type-object",
        JsonType::Null => "form-type-null",
    };
    lang.text(id, &[])
}

fn format_name(format: &str, lang: Language) -> String {
    let id = match format {
        "date" => "form-format-date",
        "date-time" => "form-format-date-time",
        "email" => "form-format-email",
        "uri" | "iri" => "form-format-uri",
        _ => return lang.text("form-format-other", &[("format", Arg::Text(format))]),
    };
    lang.text(id, &[])
}

/// The allowed values of an `enum`, separated by commas.
fn list(options: &Value, lang: Language) -> String {
    match options {
        Value::Array(values) => values.iter().map(|one| value(one, lang)).collect::<Vec<_>>().join(", "),
        other => value(other, lang),
    }
}

/// A value taken from the schema, as a person writes it: strings without quotes, decimals with the reader's mark.
fn value(value: &Value, lang: Language) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => lang.decimal(&number.to_string()),
        other => other.to_string(),
    }
}
