//! Application forms described as JSON Schema (draft 2020-12), and the field errors they produce in the
//! applicant's language.
//!
//! A programme's forms are data, not code: a call can ship its own schema, and the same schema drives validation on
//! the server and the labels shown next to each error. The schema's `title` (English) and `x-title-fr` (French) name
//! each field; `x-pattern-hint` / `x-pattern-hint-fr` say in words what a `pattern` expects. Nothing here reads a file
//! or the network: the default MMD forms are embedded at build time and remote `$ref`s are refused.

pub mod design;
mod messages;
mod prefill;

pub use prefill::prefilled;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::{FieldError, Language};

/// The pattern of a country field (`$defs/country_code`): fields with it are offered as the call's countries.
pub const COUNTRY_PATTERN: &str = "^[A-Z]{2}$";

/// `node`, or the definition its local `$ref` points to within `root`.
pub fn resolve<'s>(root: &'s Value, node: &'s Value) -> &'s Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|pointer| root.pointer(pointer))
        .unwrap_or(node)
}

/// Whether a (resolved) field holds an amount: a string whose pattern is digits with an optional decimal
/// part (the forms' `money` definition).
pub fn is_amount(node: &Value) -> bool {
    node.get("type").and_then(Value::as_str) == Some("string")
        && node
            .get("pattern")
            .and_then(Value::as_str)
            .is_some_and(|p| p.starts_with("^[0-9]") && p.contains("\\.[0-9]"))
}

/// Whether a (resolved) field holds a country code.
pub fn is_country(node: &Value) -> bool {
    node.get("pattern").and_then(Value::as_str) == Some(COUNTRY_PATTERN)
}

/// The only meta-schema a form may declare, so that every form is read with the same rules.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

/// The MMD full-application form, as shipped in `config/forms/mmd/full_application.schema.json`, so the binary works
/// without its configuration directory.
pub const MMD_FULL_APPLICATION: &str = include_str!("../../../../config/forms/mmd/full_application.schema.json");

/// The MMD concept-note form (the short first stage), as shipped in `config/forms/mmd/concept_note.schema.json`.
pub const MMD_CONCEPT_NOTE: &str = include_str!("../../../../config/forms/mmd/concept_note.schema.json");

/// The MMD grant report form (narrative, indicators by JVAP domain, budget lines planned and spent), as
/// shipped in `config/forms/mmd/report.schema.json`.
pub const MMD_REPORT: &str = include_str!("../../../../config/forms/mmd/report.schema.json");

/// The embedded MMD report schema as a JSON value.
pub fn mmd_report() -> Value {
    serde_json::from_str(MMD_REPORT).expect("the embedded report schema is valid JSON")
}

/// The embedded MMD full-application schema as a JSON value, ready for [`compile`].
pub fn mmd_full_application() -> Value {
    serde_json::from_str(MMD_FULL_APPLICATION).expect("the embedded full application schema is valid JSON")
}

/// The embedded MMD concept-note schema as a JSON value, ready for [`compile`].
pub fn mmd_concept_note() -> Value {
    serde_json::from_str(MMD_CONCEPT_NOTE).expect("the embedded concept note schema is valid JSON")
}

/// A complete, valid answers document for the MMD full-application form: the starting point of the
/// demo data and of tests, and an example for API clients.
pub const MMD_FULL_APPLICATION_EXAMPLE: &str =
    include_str!("../../../../config/forms/mmd/full_application.example.json");

/// [`MMD_FULL_APPLICATION_EXAMPLE`] as a JSON value.
pub fn mmd_full_application_example() -> Value {
    serde_json::from_str(MMD_FULL_APPLICATION_EXAMPLE).expect("the embedded example answers are valid JSON")
}

/// Why a form schema was refused, so a programme officer uploading one learns what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SchemaError {
    /// The schema is not a JSON object (e.g. `true`, a list or a string).
    #[error("a form schema must be a JSON object")]
    NotAnObject,
    /// The schema declares another JSON Schema version than draft 2020-12.
    #[error("a form schema must declare \"$schema\": \"https://json-schema.org/draft/2020-12/schema\", not {found}")]
    UnsupportedDraft {
        /// The declared `$schema`, as JSON.
        found: String,
    },
    /// The schema breaks the draft 2020-12 rules or points to a schema that cannot be loaded.
    #[error("the form schema is invalid: {reason}")]
    Invalid {
        /// What is wrong, and where in the schema.
        reason: String,
    },
}

/// A form schema checked once and ready to validate any number of answer documents.
#[derive(Debug, Clone)]
pub struct FormSchema {
    schema: Value,
    validator: Validator,
}

/// Checks a form schema and prepares it for validation; shorthand for [`FormSchema::compile`].
pub fn compile(schema: &Value) -> Result<FormSchema, SchemaError> {
    FormSchema::compile(schema)
}

impl FormSchema {
    /// Checks `schema` against JSON Schema draft 2020-12 and prepares it, so a broken form is refused when it is
    /// loaded rather than when an applicant submits.
    ///
    /// Refuses a schema that is not an object, that declares another `$schema`, or that does not compile. Remote
    /// references are never fetched: a `$ref` that is not inside the schema makes it invalid.
    pub fn compile(schema: &Value) -> Result<Self, SchemaError> {
        let Some(object) = schema.as_object() else {
            return Err(SchemaError::NotAnObject);
        };
        if let Some(declared) = object.get("$schema")
            && declared.as_str().is_none_or(|uri| uri.strip_suffix('#').unwrap_or(uri) != DRAFT_2020_12)
        {
            return Err(SchemaError::UnsupportedDraft { found: declared.to_string() });
        }
        let validator = jsonschema::draft202012::options()
            .offline()
            .should_validate_formats(true)
            .build(schema)
            .map_err(|error| SchemaError::Invalid { reason: describe(&error) })?;
        Ok(Self { schema: schema.clone(), validator })
    }

    /// The schema as given, e.g. for the web layer to render the form.
    pub fn schema(&self) -> &Value {
        &self.schema
    }

    /// Every problem in `answers`, worded in `lang`, so the applicant can fix them all in one go.
    ///
    /// Each error points (JSON pointer, `/` for the whole document) at the field to fix; for a missing field that
    /// is the missing field itself. The list is sorted by field then code, so it is stable between runs.
    pub fn validate(&self, answers: &Value, lang: Language) -> Vec<FieldError> {
        let mut errors: Vec<FieldError> =
            self.validator.iter_errors(answers).map(|error| self.field_error(&error, lang)).collect();
        errors.sort_by(|a, b| {
            a.field.cmp(&b.field).then_with(|| a.code.cmp(b.code)).then_with(|| a.message.cmp(&b.message))
        });
        errors.dedup();
        errors
    }

    /// Whether `answers` satisfy the form, for callers that only need a yes or no.
    pub fn is_valid(&self, answers: &Value) -> bool {
        self.validator.is_valid(answers)
    }

    /// The human name of the field at `pointer` in `lang`, as used in error messages.
    ///
    /// Uses the schema's `title` (English) or `x-title-fr` (French), falling back to the property name; entries of a
    /// list are numbered from 1, e.g. "Amount (Budget line 2)". `""` or `"/"` names the whole form.
    pub fn label(&self, pointer: &str, lang: Language) -> String {
        let root = &self.schema;
        let mut node = Some(root);
        let mut current = title(root, root, lang).map_or_else(|| messages::form_label(lang), str::to_owned);
        let mut entry: Option<String> = None;
        let mut last_was_entry = false;
        for segment in segments(pointer) {
            let (child, is_entry) = match node.and_then(|parent| step(root, parent, &segment)) {
                Some((child, is_entry)) => (Some(child), is_entry),
                None => (None, segment.parse::<usize>().is_ok()),
            };
            let own_title = child.and_then(|child| title(root, child, lang));
            current = match (is_entry, own_title, segment.parse::<usize>()) {
                (true, Some(item), Ok(index)) => format!("{item} {}", index + 1),
                (true, None, Ok(index)) => messages::item_label(&current, index, lang),
                (_, Some(own), _) => own.to_owned(),
                (_, None, _) => segment,
            };
            if is_entry {
                entry = Some(current.clone());
            }
            last_was_entry = is_entry;
            node = child;
        }
        match entry {
            Some(entry) if !last_was_entry => format!("{current} ({entry})"),
            _ => current,
        }
    }

    fn field_error(&self, error: &ValidationError<'_>, lang: Language) -> FieldError {
        let kind = error.kind();
        let mut field = error.instance_path().as_str().to_owned();
        if let ValidationErrorKind::Required { property } = kind {
            let name = property.as_str().map_or_else(|| property.to_string(), str::to_owned);
            field.push('/');
            field.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        if field.is_empty() {
            field.push('/');
        }
        let hint = self.node(&field).and_then(|node| {
            let key = lang.pick("x-pattern-hint", "x-pattern-hint-fr");
            lookup(&self.schema, node, key).and_then(Value::as_str)
        });
        let message = messages::message(kind, &self.label(&field, lang), hint, lang);
        FieldError { field, code: messages::code(kind), message }
    }

    /// The subschema describing the value at `pointer`, when the schema says.
    fn node(&self, pointer: &str) -> Option<&Value> {
        let root = &self.schema;
        segments(pointer).try_fold(root, |node, segment| step(root, node, &segment).map(|(child, _)| child))
    }
}

/// The compile error in one line, with where in the schema it is.
fn describe(error: &ValidationError<'_>) -> String {
    let at = error.instance_path().as_str();
    if at.is_empty() { error.to_string() } else { format!("at {at}: {error}") }
}

/// The unescaped segments of a JSON pointer; `""` and `"/"` both mean the whole document.
fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer.split('/').skip(1).filter(|segment| !segment.is_empty()).map(|s| s.replace("~1", "/").replace("~0", "~"))
}

/// The subschema for `segment` under `node`, and whether it is an entry of a list.
fn step<'a>(root: &'a Value, node: &'a Value, segment: &str) -> Option<(&'a Value, bool)> {
    if let Some(child) = lookup(root, node, "properties").and_then(|properties| properties.get(segment)) {
        return Some((child, false));
    }
    if let Ok(index) = segment.parse::<usize>() {
        if let Some(child) = lookup(root, node, "prefixItems").and_then(|items| items.get(index)) {
            return Some((child, true));
        }
        if let Some(child) = lookup(root, node, "items").filter(|items| items.is_object()) {
            return Some((child, true));
        }
    }
    lookup(root, node, "additionalProperties").filter(|child| child.is_object()).map(|child| (child, false))
}

/// The field's label in `lang`.
fn title<'a>(root: &'a Value, node: &'a Value, lang: Language) -> Option<&'a str> {
    let key = lang.pick("title", "x-title-fr");
    lookup(root, node, key).and_then(Value::as_str)
}

/// `key` in `node`, or in the schema its local `$ref` points to (a title next to a `$ref` wins over the target's).
fn lookup<'a>(root: &'a Value, node: &'a Value, key: &str) -> Option<&'a Value> {
    let mut node = node;
    for _ in 0..16 {
        if let Some(found) = node.get(key) {
            return Some(found);
        }
        let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
        node = root.pointer(target)?;
    }
    None
}
