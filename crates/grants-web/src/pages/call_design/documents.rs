//! The documents of a draft call: which ones an application must carry at submission, which file types
//! are accepted and how large a file may be. Kinds and types are ticked, named in the reader's language;
//! a document the list lacks is added by its name, so nobody types a code or a media type.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::call_settings::{CallSettings, MAX_ATTACHMENT_BYTES, SUPPORTED_ATTACHMENT_TYPES};
use grants_domain::{FieldError, Language};
use grants_i18n::Arg;
use grants_store::{Call, StoreError};
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::{DraftPage, DraftPost, nav, part_path, posted_field, posted_version, save_settings};
use crate::AppState;
use crate::pages::attachment_list::{USUAL_KINDS, kind_label, readable_type, size_label};
use crate::pages::session::Visitor;
use crate::pages::{context, done, page};

/// Bytes in the megabyte the page counts in (the one file sizes are shown in).
const MEGABYTE: u64 = 1_000_000;

/// What the page shows and the manager changes, as typed.
#[derive(Debug, Clone, Default)]
struct Choices {
    required: Vec<String>,
    other: String,
    types: Vec<String>,
    max_megabytes: String,
}

impl Choices {
    fn of(settings: &CallSettings, lang: Language) -> Choices {
        Choices {
            required: settings.required_attachments.clone(),
            other: String::new(),
            types: settings.attachment_types.clone(),
            max_megabytes: megabytes_text(settings.attachment_max_bytes, lang),
        }
    }

    fn from_fields(fields: &[(String, String)]) -> Choices {
        let all =
            |name: &str| -> Vec<String> { fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect() };
        Choices {
            required: all("required_attachments"),
            other: posted_field(fields, "other_document").unwrap_or_default().trim().to_owned(),
            types: all("attachment_types"),
            max_megabytes: posted_field(fields, "max_megabytes").unwrap_or_default().trim().to_owned(),
        }
    }

    /// The call's settings with these choices, or why they cannot be read (each at its field).
    fn settings(&self, base: &CallSettings) -> Result<CallSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut settings = base.clone();
        settings.required_attachments.clone_from(&self.required);
        if !self.other.is_empty() {
            match code_of(&self.other) {
                Some(code) if !settings.required_attachments.contains(&code) => {
                    settings.required_attachments.push(code);
                }
                Some(_) => {}
                None => errors.push(field_error("/other_document", "unreadable")),
            }
        }
        if self.types.is_empty() {
            errors.push(field_error("/settings/attachment_types", "required"));
        }
        settings.attachment_types.clone_from(&self.types);
        match megabytes_of(&self.max_megabytes) {
            Some(bytes) => settings.attachment_max_bytes = bytes,
            None => errors.push(field_error("/settings/attachment_max_bytes", "out_of_range")),
        }
        if errors.is_empty() { Ok(settings) } else { Err(errors) }
    }
}

/// A document's name made into the code the call stores (`Budget sheet` → `budget_sheet`), as the
/// designer makes every code; `None` when too little is left of it or it does not start with a letter.
fn code_of(name: &str) -> Option<String> {
    let code = grants_domain::codes::snake_case(name);
    (code.len() >= 2 && code.starts_with(|c: char| c.is_ascii_lowercase())).then_some(code)
}

/// Megabytes typed (`10`, `2,5`, `2.5`) as bytes, within what any call may allow.
fn megabytes_of(text: &str) -> Option<u64> {
    let megabytes: Decimal = text.replace(',', ".").parse().ok()?;
    let bytes = (megabytes * Decimal::from(MEGABYTE)).round();
    let bytes = u64::try_from(bytes).ok()?;
    (bytes > 0 && bytes <= MAX_ATTACHMENT_BYTES).then_some(bytes)
}

/// Bytes as the megabytes the page shows (`10`, `2.5`, `2,5` in French).
fn megabytes_text(bytes: u64, lang: Language) -> String {
    lang.decimal(&(Decimal::from(bytes) / Decimal::from(MEGABYTE)).round_dp(1).normalize().to_string())
}

fn field_error(field: &str, code: &'static str) -> FieldError {
    FieldError { field: field.to_owned(), code, message: String::new() }
}

/// The input an error belongs to (`required_attachments`, `attachment_types`, `attachment_max_bytes`,
/// `other_document`), or `call` for the call as a whole.
fn input_of(field: &str) -> &str {
    let rest = field.strip_prefix("/settings/").unwrap_or_else(|| field.trim_start_matches('/'));
    let first = rest.split('/').next().unwrap_or(rest);
    match first {
        "required_attachments" | "attachment_types" | "attachment_max_bytes" | "other_document" => first,
        _ => "call",
    }
}

/// An error in the reader's language: the page's own sentence for its input and code, else the message.
fn message(state: &AppState, visitor: &Visitor, error: &FieldError) -> String {
    let key = format!("design_docs_error_{}_{}", input_of(&error.field), error.code);
    let strings = state.pages.strings(visitor.lang);
    strings.get(&key).and_then(Value::as_str).map_or_else(|| error.message.clone(), ToOwned::to_owned)
}

fn render(
    state: &AppState,
    visitor: &Visitor,
    call: &Call,
    version: &str,
    choices: &Choices,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let largest = size_label(MAX_ATTACHMENT_BYTES, visitor.lang);
    let error_at = |input: &str| -> Value {
        let text: Vec<String> =
            errors.iter().filter(|e| input_of(&e.field) == input).map(|e| message(state, visitor, e)).collect();
        if text.is_empty() { Value::Null } else { json!(text.join(" ")) }
    };
    let mut kinds: Vec<String> = USUAL_KINDS.iter().map(|k| (*k).to_owned()).collect();
    kinds.extend(choices.required.iter().filter(|k| !USUAL_KINDS.contains(&k.as_str())).cloned());
    let kinds: Vec<Value> = kinds
        .iter()
        .map(|k| json!({ "value": k, "label": kind_label(&state.pages, visitor.lang, k), "checked": choices.required.contains(k) }))
        .collect();
    let types: Vec<Value> = SUPPORTED_ATTACHMENT_TYPES
        .iter()
        .map(|media| {
            let extension = extension_of(media);
            json!({
                "value": media,
                "label": format!("{} (.{extension})", readable_type(media)),
                "checked": choices.types.iter().any(|t| t == media),
            })
        })
        .collect();
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| {
            let input = input_of(&e.field);
            let target = if input == "call" { "docs-form".to_owned() } else { format!("docs-{input}") };
            json!({ "target": target, "message": message(state, visitor, e) })
        })
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_design_documents",
        json!({
            "action": part_path(call.id, "documents"),
            "back": format!("/calls/{}", call.id),
            "version": version,
            "design_nav": nav(state, visitor, call.id, "documents"),
            "errors": summary,
            "kinds": kinds,
            "kinds_error": error_at("required_attachments"),
            "other_document": choices.other,
            "other_error": error_at("other_document"),
            "types": types,
            "types_error": error_at("attachment_types"),
            "max_megabytes": choices.max_megabytes,
            "max_error": error_at("attachment_max_bytes"),
            "max_hint": state.pages.format(visitor.lang, "design_docs_max_hint", &[("max", Arg::Text(&largest))]),
        }),
    );
    page(state, status, "design_documents", ctx)
}

/// The file name ending people know a media type by.
fn extension_of(media: &str) -> &'static str {
    match media {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/vnd.oasis.opendocument.text" => "odt",
        "application/vnd.oasis.opendocument.spreadsheet" => "ods",
        _ => "?",
    }
}

/// The page as stored (managers, draft calls).
pub async fn show(State(state): State<AppState>, DraftPage { visitor, call }: DraftPage) -> Response {
    let version = call.version.to_string();
    render(&state, &visitor, &call, &version, &Choices::of(&call.settings, visitor.lang), &[], StatusCode::OK)
}

/// Saves the documents against the version read; a refusal keeps what was ticked and typed.
pub async fn save(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let version = posted_field(&fields, "version").unwrap_or_default().to_owned();
    let choices = Choices::from_fields(&fields);
    let refused = |errors: &[FieldError], status| render(&state, &visitor, &call, &version, &choices, errors, status);
    let settings = match choices.settings(&call.settings) {
        Ok(settings) => settings,
        Err(errors) => return refused(&errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    if let Err(v) = settings.validate(state.store.programme(), call.rules.procedure, visitor.lang) {
        return refused(&v.errors, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let whole_call = |code| [field_error("/call", code)];
    match save_settings(&state, &call, settings, posted_version(&fields)).await {
        Ok(_) => done(&state, &part_path(call.id, "documents"), "design_documents_saved"),
        Err(StoreError::Validation(v)) => refused(&v.errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(StoreError::StaleVersion { .. }) => refused(&whole_call("stale"), StatusCode::CONFLICT),
        Err(StoreError::WrongState { .. }) => refused(&whole_call("frozen"), StatusCode::CONFLICT),
        Err(other) => crate::pages::failure_page(&state, &visitor, &crate::AppError::from(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_documents_name_becomes_its_code() {
        assert_eq!(code_of("Budget sheet").as_deref(), Some("budget_sheet"));
        assert_eq!(
            code_of("  Lettre d'engagement du partenaire ").as_deref(),
            Some("lettre_d_engagement_du_partenaire")
        );
        assert_eq!(code_of("Références bancaires").as_deref(), Some("references_bancaires"));
        assert_eq!(code_of("!!"), None);
        assert_eq!(code_of("2024 accounts"), None, "a code starts with a letter");
    }

    #[test]
    fn sizes_are_typed_in_megabytes_either_way() {
        assert_eq!(megabytes_of("10"), Some(10_000_000));
        assert_eq!(megabytes_of("2,5"), Some(2_500_000));
        assert_eq!(megabytes_of("2.5"), Some(2_500_000));
        assert_eq!(megabytes_of("0"), None);
        assert_eq!(megabytes_of("500"), None, "above what any call may allow");
        assert_eq!(megabytes_of("ten"), None);
        assert_eq!(megabytes_text(2_500_000, Language::EN), "2.5");
        assert_eq!(megabytes_text(2_500_000, Language::FR), "2,5");
        assert_eq!(megabytes_text(10_000_000, Language::FR), "10");
    }
}
