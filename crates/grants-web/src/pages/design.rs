//! Managers design calls on the pages: a new draft call, and edits while it is a draft (rules, lots,
//! settings). The call's actions are on the call page (`calls.rs`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::call_settings::CallSettings;
use grants_domain::{FieldError, ValidationErrors};
use grants_store::StoreError;
use grants_store::calls::CallDesign;
use grants_workflow::CallState;
use serde::Deserialize;
use serde_json::{Value, json};

use super::call_form::{CallForm, FIELDS, LotOp, input_of, lots};
use super::extract::{Managers, Posted, SignedIn};
use super::session::Visitor;
use super::{context, error_page, failure_page, page, see_other};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

/// Which form is shown: a new call, or the edit of draft call `id`.
#[derive(Debug, Clone, Copy)]
enum Target {
    New,
    Edit(i64),
}

fn options(state: &AppState, visitor: &Visitor, name: &str, form: &CallForm) -> Vec<Value> {
    let t = |key: String| state.pages.text(visitor.lang, &key);
    match name {
        "procedure" => ["open", "restricted"]
            .iter()
            .map(|v| json!({ "value": v, "label": t(format!("procedure_{v}")), "selected": form.procedure == *v }))
            .collect(),
        "award_order" => ["strict", "fill"]
            .iter()
            .map(|v| json!({ "value": v, "label": t(format!("award_order_{v}")), "selected": form.award_order == *v }))
            .collect(),
        _ => Vec::new(),
    }
}

/// The headings that open each part of the form, by the first input under them.
const SECTIONS: &[(&str, &str)] = &[
    ("reference", "call_section_rules"),
    ("lots", "call_section_lots"),
    ("max_cofinancing_rate", "call_section_settings"),
    ("full_application_deadline", "call_section_restricted"),
];

fn render(
    state: &AppState,
    visitor: &Visitor,
    target: Target,
    form: &CallForm,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let strings = state.pages.strings(visitor.lang);
    let text = |key: &str| state.pages.text(visitor.lang, key);
    let typed = serde_json::to_value(form).unwrap_or(Value::Null);
    let fields: Vec<Value> = FIELDS
        .iter()
        .map(|(name, kind)| {
            let error: Vec<&str> = errors
                .iter()
                .filter(|e| input_of(&e.field) == Some(*name) && lots::input_of(&e.field).is_none())
                .map(|e| e.message.as_str())
                .collect();
            let hint_key = if *name == "reference" && form.copied_call().is_some() {
                "call_hint_reference_copy".to_owned()
            } else {
                format!("call_hint_{name}")
            };
            let hint = strings.get(&hint_key).cloned();
            let id = format!("call-{name}");
            let described: Vec<String> = [(hint.is_some(), "hint"), (!error.is_empty(), "error")]
                .iter()
                .filter(|(present, _)| *present)
                .map(|(_, part)| format!("{id}-{part}"))
                .collect();
            json!({
                "id": id,
                "name": name,
                "kind": kind,
                "heading": SECTIONS.iter().find(|(first, _)| first == name).map(|(_, key)| state.pages.text(visitor.lang, key)),
                "label": state.pages.text(visitor.lang, &format!("call_field_{name}")),
                "value": typed[*name],
                "hint": hint,
                "error": if error.is_empty() { Value::Null } else { json!(error.join(" ")) },
                "described_by": if described.is_empty() { Value::Null } else { json!(described.join(" ")) },
                "options": options(state, visitor, name, form),
                "rows": if *name == "lots" { json!(lots::view(&text, &form.lots, errors)) } else { Value::Null },
            })
        })
        .collect();
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| {
            let (target, label) = match (lots::input_of(&e.field), input_of(&e.field)) {
                (Some((index, part)), _) => (lots::input_id(index, part), lots::summary_label(&text, index, part)),
                (None, Some(input)) => (format!("call-{input}"), text(&format!("call_field_{input}"))),
                (None, None) => ("call-form".to_owned(), text("call_field_other")),
            };
            json!({ "target": target, "label": label, "message": e.message })
        })
        .collect();
    let (title, action) = match target {
        Target::New => ("title_new_call", "/calls/new".to_owned()),
        Target::Edit(id) => ("title_edit_call", format!("/calls/{id}/edit")),
    };
    let ctx = context(
        state,
        visitor,
        title,
        json!({
            "action": action,
            "editing": matches!(target, Target::Edit(_)),
            "back": match target { Target::New => "/calls".to_owned(), Target::Edit(id) => format!("/calls/{id}") },
            "version": form.version,
            "copy_of": form.copied_call(),
            "fields": fields,
            "errors": summary,
            "design_nav": match target {
                Target::New => Value::Null,
                Target::Edit(id) => super::call_design::nav(state, visitor, id, "rules"),
            },
        }),
    );
    page(state, status, "call_form", ctx)
}

/// The new-call form's address: `?copy_of={id}` starts from an earlier call instead of the defaults.
#[derive(Debug, Deserialize)]
pub struct NewCallQuery {
    copy_of: Option<i64>,
}

/// The new-call form (managers): the programme defaults, or everything call `copy_of` says.
pub async fn new_call(
    State(state): State<AppState>,
    signed: SignedIn<Managers>,
    Query(query): Query<NewCallQuery>,
) -> Response {
    let visitor = signed.visitor;
    let now = state.clock.now();
    let form = match query.copy_of {
        None => CallForm::blank(now, &CallSettings::defaults_for(state.store.programme())),
        Some(id) => match state.store.call(id).await {
            Ok(call) => CallForm::copied(&call, now),
            Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
        },
    }
    .localised(visitor.lang);
    render(&state, &visitor, Target::New, &form, &[], StatusCode::OK)
}

/// Creates the draft call, its settings laid over the copied call's or the programme defaults.
pub async fn create_call(State(state): State<AppState>, posted: Posted<Vec<(String, String)>, Managers>) -> Response {
    let Posted { visitor, user, fields, .. } = posted;
    let op = lot_op(&fields);
    let mut form = CallForm::from_pairs(fields);
    if let Some(op) = op {
        op.apply(&mut form.lots);
        return render(&state, &visitor, Target::New, &form, &[], StatusCode::OK);
    }
    let base = match form.copied_call() {
        None => CallSettings::defaults_for(state.store.programme()),
        Some(id) => match state.store.call(id).await {
            Ok(call) => call.settings,
            Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
        },
    };
    let design = match checked(&state, &visitor, form.design(&base, visitor.lang)) {
        Ok(design) => design,
        Err(errors) => {
            return render(&state, &visitor, Target::New, &form, &errors.errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let outcome = state.store.create_call(design, user.id, state.clock.now()).await;
    saved(&state, &visitor, Target::New, &form, outcome.map(|call| call.id))
}

/// The edit form of a draft call (managers). A published call's rules are frozen: the page says so.
pub async fn edit_call(
    State(state): State<AppState>,
    signed: SignedIn<Managers>,
    ApiPath(id): ApiPath<i64>,
) -> Response {
    let visitor = signed.visitor;
    match state.store.call(id).await {
        Ok(call) if call.state == CallState::Draft => {
            let form = CallForm::of(&call).localised(visitor.lang);
            render(&state, &visitor, Target::Edit(id), &form, &[], StatusCode::OK)
        }
        Ok(_) => error_page(&state, &visitor, StatusCode::CONFLICT, "call_rules_frozen"),
        Err(err) => failure_page(&state, &visitor, &AppError::from(err)),
    }
}

/// Saves the edited draft call; a call someone else saved in between is refused, the typed form kept.
pub async fn update_call(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<i64>,
    posted: Posted<Vec<(String, String)>, Managers>,
) -> Response {
    let Posted { visitor, fields, .. } = posted;
    let op = lot_op(&fields);
    let mut form = CallForm::from_pairs(fields);
    if let Some(op) = op {
        op.apply(&mut form.lots);
        return render(&state, &visitor, Target::Edit(id), &form, &[], StatusCode::OK);
    }
    let current = match state.store.call(id).await {
        Ok(call) => call,
        Err(err) => return failure_page(&state, &visitor, &AppError::from(err)),
    };
    let design = match checked(&state, &visitor, form.design(&current.settings, visitor.lang)) {
        Ok(design) => design,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return render(&state, &visitor, Target::Edit(id), &form, &errors.errors, status);
        }
    };
    let version = form.version.parse::<i32>().ok();
    let outcome = state.store.update_call(id, design, version, state.clock.now()).await;
    saved(&state, &visitor, Target::Edit(id), &form, outcome.map(|call| call.id))
}

/// The design read from the form, checked against the programme with the reasons in the reader's language
/// (the store checks again when it saves, in English for the API).
fn checked(
    state: &AppState,
    visitor: &Visitor,
    design: Result<CallDesign, ValidationErrors>,
) -> Result<CallDesign, ValidationErrors> {
    let mut design = design?;
    design.check(state.store.programme(), visitor.lang)?;
    Ok(design)
}

/// The lots button the form was sent with (add or remove a row), if any: the page comes back with the
/// change applied to what was typed, nothing saved.
fn lot_op(fields: &[(String, String)]) -> Option<LotOp> {
    fields.iter().find(|(key, _)| key == "op").and_then(|(_, op)| LotOp::parse(op))
}

/// After a save: to the call on success, back to the form with the reasons otherwise.
fn saved(
    state: &AppState,
    visitor: &Visitor,
    target: Target,
    form: &CallForm,
    outcome: Result<i64, StoreError>,
) -> Response {
    match outcome {
        Ok(id) => see_other(&format!("/calls/{id}")),
        Err(StoreError::Validation(v)) => {
            render(state, visitor, target, form, &v.errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::Duplicate(_)) => {
            let message = state.pages.text(visitor.lang, "call_reference_taken");
            let error = FieldError { field: "/reference".into(), code: "taken", message };
            render(state, visitor, target, form, &[error], StatusCode::CONFLICT)
        }
        Err(StoreError::WrongState { .. }) => {
            let message = state.pages.text(visitor.lang, "call_rules_frozen");
            let error = FieldError { field: "/call".into(), code: "frozen", message };
            render(state, visitor, target, form, &[error], StatusCode::CONFLICT)
        }
        Err(other) => {
            let err = AppError::from(other);
            let message = super::refusal::explain(&state.pages, visitor.lang, &err);
            let error = FieldError { field: "/call".into(), code: "refused", message };
            render(state, visitor, target, form, &[error], err.status())
        }
    }
}
