//! The sentences an applicant reads when a form answer is wrong, in English and French.
//!
//! Kept apart from the schema plumbing so that wording can be reviewed (and translated) in one place. Every sentence is
//! built from the field's label and the limits carried by the schema error; nothing from the validator's own English
//! message or from Rust debug output ever reaches the user.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::types::JsonType;
use serde_json::Value;

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
pub(super) fn form_label(lang: Language) -> &'static str {
    match lang {
        Language::En => "The form",
        Language::Fr => "Le formulaire",
    }
}

/// The label of one entry of a list whose entries have no title of their own, e.g. "Countries, item 2".
pub(super) fn item_label(list: &str, index: usize, lang: Language) -> String {
    let number = index + 1;
    match lang {
        Language::En => format!("{list}, item {number}"),
        Language::Fr => format!("{list}, élément {number}"),
    }
}

/// The sentence telling the user what is wrong with the field called `label`.
///
/// `hint` is the schema's plain-language description of the expected format (`x-pattern-hint`), used for
/// `pattern` errors, where the regular expression itself would mean nothing to an applicant.
pub(super) fn message(kind: &ValidationErrorKind, label: &str, hint: Option<&str>, lang: Language) -> String {
    match lang {
        Language::En => english(kind, label, hint),
        Language::Fr => french(kind, &format!("« {label} »"), hint),
    }
}

fn english(kind: &ValidationErrorKind, s: &str, hint: Option<&str>) -> String {
    let lang = Language::En;
    match kind {
        ValidationErrorKind::Required { .. } => format!("{s} is required"),
        ValidationErrorKind::Type { kind } => format!("{s} must be {}", types(kind, lang)),
        ValidationErrorKind::Minimum { limit } => format!("{s} must be at least {}", value(limit, lang)),
        ValidationErrorKind::Maximum { limit } => format!("{s} must be at most {}", value(limit, lang)),
        ValidationErrorKind::ExclusiveMinimum { limit } => format!("{s} must be greater than {}", value(limit, lang)),
        ValidationErrorKind::ExclusiveMaximum { limit } => format!("{s} must be less than {}", value(limit, lang)),
        ValidationErrorKind::MinLength { limit: 1 } => format!("{s} must not be empty"),
        ValidationErrorKind::MinLength { limit } => format!("{s} must be at least {limit} characters long"),
        ValidationErrorKind::MaxLength { limit: 1 } => format!("{s} must be at most 1 character long"),
        ValidationErrorKind::MaxLength { limit } => format!("{s} must be at most {limit} characters long"),
        ValidationErrorKind::Pattern { .. } => match hint {
            Some(hint) => format!("{s} must be {hint}"),
            None => format!("{s} is not in the expected format"),
        },
        ValidationErrorKind::Enum { options } => format!("{s} must be one of: {}", list(options, lang)),
        ValidationErrorKind::Constant { expected_value } => format!("{s} must be {}", value(expected_value, lang)),
        ValidationErrorKind::MinItems { limit: 1 } => format!("{s} must have at least one entry"),
        ValidationErrorKind::MinItems { limit } => format!("{s} must have at least {limit} entries"),
        ValidationErrorKind::MaxItems { limit: 1 } => format!("{s} must have at most one entry"),
        ValidationErrorKind::MaxItems { limit } => format!("{s} must have at most {limit} entries"),
        ValidationErrorKind::UniqueItems => format!("{s} must not list the same value twice"),
        ValidationErrorKind::Format { format } => format!("{s} must be {}", format_name(format, lang)),
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            format!("{s} has fields that are not part of the form: {}", unexpected.join(", "))
        }
        _ => format!("{s} is not valid"),
    }
}

fn french(kind: &ValidationErrorKind, s: &str, hint: Option<&str>) -> String {
    let lang = Language::Fr;
    match kind {
        ValidationErrorKind::Required { .. } => format!("{s} est obligatoire"),
        ValidationErrorKind::Type { kind } => format!("{s} doit être {}", types(kind, lang)),
        ValidationErrorKind::Minimum { limit } => format!("{s} doit être au moins {}", value(limit, lang)),
        ValidationErrorKind::Maximum { limit } => format!("{s} doit être au plus {}", value(limit, lang)),
        ValidationErrorKind::ExclusiveMinimum { limit } => {
            format!("{s} doit être strictement supérieur à {}", value(limit, lang))
        }
        ValidationErrorKind::ExclusiveMaximum { limit } => {
            format!("{s} doit être strictement inférieur à {}", value(limit, lang))
        }
        ValidationErrorKind::MinLength { limit: 1 } => format!("{s} ne doit pas être vide"),
        ValidationErrorKind::MinLength { limit } => format!("{s} doit contenir au moins {limit} caractères"),
        ValidationErrorKind::MaxLength { limit: 1 } => format!("{s} doit contenir au plus 1 caractère"),
        ValidationErrorKind::MaxLength { limit } => format!("{s} doit contenir au plus {limit} caractères"),
        ValidationErrorKind::Pattern { .. } => match hint {
            Some(hint) => format!("{s} doit être {hint}"),
            None => format!("{s} n'est pas au format attendu"),
        },
        ValidationErrorKind::Enum { options } => format!("{s} doit être l'une des valeurs : {}", list(options, lang)),
        ValidationErrorKind::Constant { expected_value } => format!("{s} doit valoir {}", value(expected_value, lang)),
        ValidationErrorKind::MinItems { limit: 1 } => format!("{s} doit contenir au moins un élément"),
        ValidationErrorKind::MinItems { limit } => format!("{s} doit contenir au moins {limit} éléments"),
        ValidationErrorKind::MaxItems { limit: 1 } => format!("{s} doit contenir au plus un élément"),
        ValidationErrorKind::MaxItems { limit } => format!("{s} doit contenir au plus {limit} éléments"),
        ValidationErrorKind::UniqueItems => format!("{s} ne doit pas contenir deux fois la même valeur"),
        ValidationErrorKind::Format { format } => format!("{s} doit être {}", format_name(format, lang)),
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            format!("{s} contient des champs qui ne font pas partie du formulaire : {}", unexpected.join(", "))
        }
        _ => format!("{s} n'est pas valide"),
    }
}

/// "a whole number or text": what a `type` keyword asks for, in words.
fn types(kind: &TypeKind, lang: Language) -> String {
    let names: Vec<&str> = match kind {
        TypeKind::Single(one) => vec![type_name(*one, lang)],
        TypeKind::Multiple(set) => set.iter().map(|one| type_name(one, lang)).collect(),
    };
    names.join(match lang {
        Language::En => " or ",
        Language::Fr => " ou ",
    })
}

fn type_name(json_type: JsonType, lang: Language) -> &'static str {
    match (json_type, lang) {
        (JsonType::String, Language::En) => "text",
        (JsonType::String, Language::Fr) => "du texte",
        (JsonType::Integer, Language::En) => "a whole number",
        (JsonType::Integer, Language::Fr) => "un nombre entier",
        (JsonType::Number, Language::En) => "a number",
        (JsonType::Number, Language::Fr) => "un nombre",
        (JsonType::Boolean, Language::En) => "yes or no",
        (JsonType::Boolean, Language::Fr) => "oui ou non",
        (JsonType::Array, Language::En) => "a list",
        (JsonType::Array, Language::Fr) => "une liste",
        (JsonType::Object, Language::En) => "a group of fields",
        (JsonType::Object, Language::Fr) => "un groupe de champs",
        (JsonType::Null, Language::En) => "empty",
        (JsonType::Null, Language::Fr) => "vide",
    }
}

fn format_name(format: &str, lang: Language) -> String {
    let known = match (format, lang) {
        ("date", Language::En) => "a date (YYYY-MM-DD)",
        ("date", Language::Fr) => "une date (AAAA-MM-JJ)",
        ("date-time", Language::En) => "a date and time",
        ("date-time", Language::Fr) => "une date et une heure",
        ("email", Language::En) => "an email address",
        ("email", Language::Fr) => "une adresse e-mail",
        ("uri" | "iri", Language::En) => "a web address",
        ("uri" | "iri", Language::Fr) => "une adresse web",
        (_, Language::En) => return format!("in the {format} format"),
        (_, Language::Fr) => return format!("au format {format}"),
    };
    known.to_owned()
}

/// The allowed values of an `enum`, separated by commas.
fn list(options: &Value, lang: Language) -> String {
    match options {
        Value::Array(values) => values.iter().map(|one| value(one, lang)).collect::<Vec<_>>().join(", "),
        other => value(other, lang),
    }
}

/// A value taken from the schema, as a person writes it: strings without quotes, French decimals with a comma.
fn value(value: &Value, lang: Language) -> String {
    match (value, lang) {
        (Value::String(text), _) => text.clone(),
        (Value::Number(number), Language::Fr) => number.to_string().replace('.', ","),
        (other, _) => other.to_string(),
    }
}
