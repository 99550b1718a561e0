//! The eligibility checklist page of the call designer: each question the manager answers for every
//! application (SPEC §4), in English and French, added, removed and moved with buttons; codes are kept
//! for stored questions and made from the English text for new ones, so nobody types JSON or a code.
//!
//! Inputs are named by position: `i2-en` is the third question in English, `i2-code` its hidden code.

use std::collections::{BTreeMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::FieldError;
use grants_domain::call_settings::ChecklistItem;
use grants_store::{Call, StoreError};
use serde_json::{Value, json};

use super::field_errors::Inputs;
use super::{DraftPage, DraftPost, list_edit, nav, posted_field as field, posted_version};
use crate::pages::session::Visitor;
use crate::pages::{context, done, failure_page, page};
use crate::{AppError, AppState};
use grants_domain::codes::new_code;

/// One question as typed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct ItemForm {
    pub code: String,
    pub en: String,
    pub fr: String,
}

/// The questions as typed, in order.
pub fn of(items: &[ChecklistItem]) -> Vec<ItemForm> {
    items.iter().map(|i| ItemForm { code: i.code.clone(), en: i.en.clone(), fr: i.fr.clone() }).collect()
}

/// The questions as posted; names the page does not use are ignored.
pub fn from_pairs(pairs: &[(String, String)]) -> Vec<ItemForm> {
    let mut items: BTreeMap<usize, ItemForm> = BTreeMap::new();
    for (name, value) in pairs {
        let Some((index, field)) = name.split_once('-') else { continue };
        let Some(index) = index.strip_prefix('i').and_then(|n| n.parse::<usize>().ok()) else { continue };
        let item = items.entry(index).or_default();
        match field {
            "code" => item.code.clone_from(value),
            "en" => item.en.clone_from(value),
            "fr" => item.fr.clone_from(value),
            _ => {}
        }
    }
    items.into_values().collect()
}

/// Applies a list button (`add_item`, `up_item-2`…); `false` when `op` is not one.
pub fn apply(items: &mut Vec<ItemForm>, op: &str) -> bool {
    if op == "add_item" {
        items.push(ItemForm::default());
        return true;
    }
    match list_edit::parse(op, "item") {
        Some((change, at)) => {
            list_edit::apply(items, at.first().copied().unwrap_or(usize::MAX), change);
            true
        }
        None => false,
    }
}

/// The checklist the questions stand for, new ones given codes from their English text.
pub fn items(typed: &[ItemForm]) -> Vec<ChecklistItem> {
    let mut taken: HashSet<String> =
        typed.iter().map(|i| i.code.trim().to_owned()).filter(|code| !code.is_empty()).collect();
    typed
        .iter()
        .map(|i| ChecklistItem {
            code: match i.code.trim() {
                "" => new_code(&i.en, "item", &mut taken),
                kept => kept.to_owned(),
            },
            en: i.en.trim().to_owned(),
            fr: i.fr.trim().to_owned(),
        })
        .collect()
}

/// The input a field path names (`/settings/checklist/2/fr` → `i2-fr`); a code belongs with its English.
fn input_of(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/settings/checklist/")?;
    let (index, field) = rest.split_once('/')?;
    let index: usize = index.parse().ok()?;
    Some(format!("i{index}-{}", if field == "code" { "en" } else { field }))
}

/// The checklist page of a draft call (managers).
pub async fn show(State(state): State<AppState>, DraftPage { visitor, call }: DraftPage) -> Response {
    let version = call.version.to_string();
    render(&state, &visitor, &call, &version, &of(&call.settings.checklist), &[], StatusCode::OK)
}

/// A list button re-renders what was typed; Save stores the checklist.
pub async fn save(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let version = field(&fields, "version").unwrap_or_default().to_owned();
    let mut typed = from_pairs(&fields);
    let op = field(&fields, "op").unwrap_or("save");
    if op != "save" {
        apply(&mut typed, op);
        return render(&state, &visitor, &call, &version, &typed, &[], StatusCode::OK);
    }
    let mut settings = call.settings.clone();
    settings.checklist = items(&typed);
    match super::save_settings(&state, &call, settings, posted_version(&fields)).await {
        Ok(_) => done(&state, &format!("/calls/{}/design/checklist", call.id), "design_checklist_saved"),
        Err(StoreError::Validation(v)) => {
            render(&state, &visitor, &call, &version, &typed, &v.errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::StaleVersion { .. }) => {
            let changed = FieldError { field: "/version".into(), code: "stale_version", message: String::new() };
            render(&state, &visitor, &call, &version, &typed, &[changed], StatusCode::CONFLICT)
        }
        Err(StoreError::WrongState { .. }) => {
            crate::pages::error_page(&state, &visitor, StatusCode::CONFLICT, "call_rules_frozen")
        }
        Err(other) => failure_page(&state, &visitor, &AppError::from(other)),
    }
}

fn render(
    state: &AppState,
    visitor: &Visitor,
    call: &Call,
    version: &str,
    typed: &[ItemForm],
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let id = call.id;
    let inputs = Inputs::new(&state.pages, visitor.lang, "design_checklist_error", errors, input_of);
    let rows: Vec<Value> = typed
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let legend = inputs.text("design_checklist_item").replace("{n}", &(i + 1).to_string());
            json!({
                "legend": legend,
                "code_name": format!("i{i}-code"),
                "code": item.code,
                "en": inputs.field(&format!("i{i}-en"), &legend, "design_checklist_question_en", &item.en),
                "fr": inputs.field(&format!("i{i}-fr"), &legend, "design_checklist_question_fr", &item.fr),
                "up": (i > 0).then(|| format!("up_item-{i}")),
                "down": (i + 1 < typed.len()).then(|| format!("down_item-{i}")),
                "remove": format!("remove_item-{i}"),
            })
        })
        .collect();
    let summary = inputs.summary("checklist-form", &inputs.text("design_part_checklist"));
    let ctx = context(
        state,
        visitor,
        "design_part_checklist",
        json!({
            "action": format!("/calls/{id}/design/checklist"),
            "back": format!("/calls/{id}"),
            "call_reference": call.rules.reference,
            "design_nav": nav(state, visitor, id, "checklist"),
            "version": version,
            "items": rows,
            "errors": summary,
        }),
    );
    page(state, status, "design_checklist", ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_read_by_position_move_and_get_codes() {
        let pairs: Vec<(String, String)> =
            [("i1-en", "Signed?"), ("i0-code", "on_time"), ("i0-en", "On time"), ("op", "x")]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
        let mut typed = from_pairs(&pairs);
        assert_eq!(typed.len(), 2);
        assert!(apply(&mut typed, "up_item-1"));
        assert!(apply(&mut typed, "add_item"));
        assert!(!apply(&mut typed, "save"));
        let codes: Vec<String> = items(&typed).into_iter().map(|i| i.code).collect();
        assert_eq!(codes, ["signed", "on_time", "item"]);
        assert_eq!(input_of("/settings/checklist/2/code").as_deref(), Some("i2-en"));
        assert_eq!(input_of("/settings/grids/x"), None);
    }
}
