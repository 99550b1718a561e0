//! The files of an application as people read them: the kind in the reader's language, the size, the
//! start of the SHA-256 (what the submitted PDF and the auditor compare), and, while the application is a
//! draft, a way for the applicant to remove one. Also the kinds offered when uploading, and upload
//! refusals put in the reader's words.

use axum::extract::State;
use axum::response::Response;
use grants_domain::{FieldError, Language};
use grants_store::StoreError;
use grants_store::attachments::Attachment;
use serde_json::{Value, json};

use super::calls::Empty;
use super::extract::Posted;
use super::failure_page;
use super::render::{Arg, Pages};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// Kinds offered when a call names none as required, and ticked by the call designer.
pub const USUAL_KINDS: [&str; 6] =
    ["statutes", "registration_certificate", "budget", "financial_statements", "partnership_letter", "cv"];

/// A document kind (`statutes`) as the reader's language names it; an unknown code reads as words.
pub fn kind_label(pages: &Pages, lang: Language, kind: &str) -> String {
    let key = format!("document_{kind}");
    let text = pages.text(lang, &key);
    if text == key { kind.replace('_', " ") } else { text }
}

/// A size as people read it: `820 kB`, `2.4 MB` (`2,4 Mo` in French: `written-size` in the catalogues).
pub fn size_label(bytes: u64, lang: Language) -> String {
    let (divisor, unit) = match bytes {
        0..1_000 => (1, "b"),
        1_000..1_000_000 => (1_000, "kb"),
        _ => (1_000_000, "mb"),
    };
    let tenths = (bytes * 10 + divisor / 2) / divisor;
    let (whole, tenth) = (tenths / 10, tenths % 10);
    let number = if tenth == 0 { whole.to_string() } else { format!("{whole}{}{tenth}", lang.decimal_mark()) };
    lang.text("written-size", &[("number", Arg::Text(&number)), ("unit", Arg::Text(unit))])
}

/// The rows of the attachments list.
pub fn rows(pages: &Pages, lang: Language, attachments: &[Attachment]) -> Vec<Value> {
    attachments
        .iter()
        .map(|a| {
            json!({
                "id": a.id,
                "filename": a.filename,
                "kind": kind_label(pages, lang, &a.kind),
                "size": size_label(u64::try_from(a.size_bytes).unwrap_or_default(), lang),
                "sha256_start": a.sha256.chars().take(12).collect::<String>(),
            })
        })
        .collect()
}

/// The kinds offered in the upload form: the call's required ones, or the usual ones, then "other".
pub fn kind_choices(pages: &Pages, lang: Language, required: &[String]) -> Vec<Value> {
    let codes: Vec<&str> =
        if required.is_empty() { USUAL_KINDS.to_vec() } else { required.iter().map(String::as_str).collect() };
    codes
        .into_iter()
        .chain(std::iter::once("other"))
        .map(|code| json!({ "value": code, "label": kind_label(pages, lang, code) }))
        .collect()
}

/// A media type as people know it: `PDF`, `Word`, `JPEG`.
pub fn readable_type(media_type: &str) -> String {
    match media_type {
        "application/pdf" => "PDF".to_owned(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" | "application/msword" => {
            "Word".to_owned()
        }
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | "application/vnd.ms-excel" => {
            "Excel".to_owned()
        }
        "application/vnd.oasis.opendocument.text" | "application/vnd.oasis.opendocument.spreadsheet" => {
            "OpenDocument".to_owned()
        }
        other => other.rsplit('/').next().unwrap_or(other).to_uppercase(),
    }
}

/// Media types as people know them, each once: `PDF, Word, JPEG`.
pub fn readable_types<S: AsRef<str>>(types: &[S]) -> String {
    let mut names: Vec<String> = Vec::new();
    for name in types.iter().map(|t| readable_type(t.as_ref())) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(", ")
}

/// An upload refusal in the reader's words, next to the upload field.
pub fn refusal_message<S: AsRef<str>>(pages: &Pages, lang: Language, error: &FieldError, accepted: &[S]) -> String {
    let key = format!("attachment_error_{}", error.code);
    let text = pages.text(lang, &key);
    if text == key { error.message.clone() } else { text.replace("{accepted}", &readable_types(accepted)) }
}

/// Upload refusals that are not field errors (a file over the call's limit), in the reader's words.
pub fn store_refusal_message(pages: &Pages, lang: Language, err: &StoreError, max_bytes: u64) -> Option<String> {
    matches!(err, StoreError::TooLarge(_))
        .then(|| pages.text(lang, "attachment_error_too_large").replace("{max}", &size_label(max_bytes, lang)))
}

/// Removes a file from a draft (its applicant), then back to the form.
pub async fn remove(
    State(state): State<AppState>,
    ApiPath((id, attachment_id)): ApiPath<(i64, i64)>,
    posted: Posted<Empty>,
) -> Response {
    let Posted { visitor, user, .. } = posted;
    let application = match state.store.visible_application(&user, id).await {
        Ok(application) => application,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    if !user.viewer().is_applicant_for(application.organisation_id) {
        return super::error_page(&state, &visitor, axum::http::StatusCode::FORBIDDEN, "error_forbidden");
    }
    match state.store.remove_attachment(id, attachment_id).await {
        Ok(()) => super::done(&state, &format!("/applications/{id}/edit#attachments"), "attachment_removed"),
        Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_each_language_writes_them() {
        assert_eq!(size_label(820, Language::EN), "820\u{a0}B");
        assert_eq!(size_label(820_000, Language::EN), "820\u{a0}kB");
        assert_eq!(size_label(2_400_000, Language::FR), "2,4\u{a0}Mo");
        assert_eq!(size_label(3_000_000, Language::EN), "3\u{a0}MB");
    }

    #[test]
    fn media_types_read_as_people_name_them() {
        let types = ["application/pdf".to_owned(), "image/jpeg".to_owned()];
        assert_eq!(readable_types(&types), "PDF, JPEG");
    }
}
