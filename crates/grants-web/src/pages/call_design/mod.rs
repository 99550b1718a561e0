//! The call designer beyond the core rules: one page per part of a draft call (application form, scoring
//! grid, checklist, eligibility, documents, reporting) and a preview, so a manager never types JSON. Every part reads
//! back what is stored, keeps what was typed on a refusal and saves against the version it was read at.

pub mod form_design;
pub mod preview;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use grants_domain::call::{Procedure, Stage};
use grants_domain::call_settings::{CallSettings, Lot};
use grants_store::calls::CallDesign;
use grants_store::{Call, StoreError};
use grants_workflow::CallState;
use serde_json::{Value, json};

use super::extract::{Managers, Posted, SignedIn};
use super::session::Visitor;
use super::{error_page, failure_page};
use crate::extract::ApiPath;
use crate::{AppError, AppState};

pub mod checklist;
pub mod documents;
pub mod eligibility;
pub mod field_errors;
pub mod grid;
pub mod grid_form;
pub mod list_edit;
pub mod reporting;

/// The parts of the designer, in the order a manager works through them: (part, catalogue key).
pub const PARTS: &[(&str, &str)] = &[
    ("rules", "design_part_rules"),
    ("form", "design_part_form"),
    ("grid", "design_part_grid"),
    ("checklist", "design_part_checklist"),
    ("eligibility", "design_part_eligibility"),
    ("documents", "design_part_documents"),
    ("reporting", "design_part_reporting"),
    ("preview", "design_part_preview"),
];

/// The address of one part of call `id`'s design; the core rules keep their edit page.
pub fn part_path(id: i64, part: &str) -> String {
    if part == "rules" { format!("/calls/{id}/edit") } else { format!("/calls/{id}/design/{part}") }
}

/// The stage a designer page is about: the full application unless a restricted call's concept note is
/// asked for; `None` for any other stage (the page answers [`no_such_stage`]).
pub fn stage_asked(call: &Call, asked: Option<&str>) -> Option<Stage> {
    match asked.unwrap_or_default() {
        "" | "full_application" => Some(Stage::FullApplication),
        "concept_note" if call.rules.procedure == Procedure::Restricted => Some(Stage::ConceptNote),
        _ => None,
    }
}

/// The page for a stage the call does not have.
pub fn no_such_stage(state: &AppState, visitor: &Visitor) -> Response {
    error_page(state, visitor, StatusCode::NOT_FOUND, "error_not_found")
}

/// The address of part `part` of call `id`'s design for `stage`.
pub fn stage_path(id: i64, part: &str, stage: Stage) -> String {
    match stage {
        Stage::FullApplication => part_path(id, part),
        Stage::ConceptNote => format!("{}?stage=concept_note", part_path(id, part)),
    }
}

/// Links to part `part` for each stage of a restricted call (none for an open call), labelled by the
/// catalogue key `label_prefix` + the stage, `current` marked.
pub fn stage_links(
    state: &AppState,
    visitor: &Visitor,
    call: &Call,
    part: &str,
    current: Stage,
    label_prefix: &str,
) -> Value {
    if call.rules.procedure != Procedure::Restricted {
        return json!([]);
    }
    let links: Vec<Value> = [Stage::ConceptNote, Stage::FullApplication]
        .into_iter()
        .map(|stage| {
            json!({
                "href": stage_path(call.id, part, stage),
                "label": state.pages.text(visitor.lang, &format!("{label_prefix}{stage}")),
                "current": stage == current,
            })
        })
        .collect();
    json!(links)
}

/// The designer's tabs for the page template (`design_nav` in its context), `current` marked.
pub fn nav(state: &AppState, visitor: &Visitor, id: i64, current: &str) -> Value {
    let parts: Vec<Value> = PARTS
        .iter()
        .map(|(part, key)| {
            json!({
                "href": part_path(id, part),
                "label": state.pages.text(visitor.lang, key),
                "current": *part == current,
            })
        })
        .collect();
    json!(parts)
}

/// Call `id` when it may still be designed; otherwise the page to show instead (a published call's
/// rules are frozen: 409 with the reason).
pub async fn draft(state: &AppState, visitor: &Visitor, id: i64) -> Result<Call, Response> {
    match state.store.call(id).await {
        Ok(call) if call.state == CallState::Draft => Ok(call),
        Ok(_) => Err(error_page(state, visitor, StatusCode::CONFLICT, "call_rules_frozen")),
        Err(err) => Err(failure_page(state, visitor, &AppError::from(err))),
    }
}

/// A designer page opened by a manager on a call that is still a draft; any other case answers with the page
/// to show instead (sign-in, 403, 404, or the 409 of a frozen call).
pub struct DraftPage {
    /// Their language, session and CSRF token.
    pub visitor: Visitor,
    /// The draft call.
    pub call: Call,
}

impl FromRequestParts<AppState> for DraftPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let signed = SignedIn::<Managers>::from_request_parts(parts, state).await?;
        let ApiPath(id) =
            ApiPath::<i64>::from_request_parts(parts, state).await.map_err(IntoResponse::into_response)?;
        let call = draft(state, &signed.visitor, id).await?;
        Ok(DraftPage { visitor: signed.visitor, call })
    }
}

/// A designer page's form posted by a manager (CSRF checked) about a call that is still a draft.
pub struct DraftPost {
    /// Their language, session and CSRF token.
    pub visitor: Visitor,
    /// The draft call, as stored when the form arrived.
    pub call: Call,
    /// The fields as sent.
    pub fields: Vec<(String, String)>,
}

impl FromRequest<AppState> for DraftPost {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let ApiPath(id) =
            ApiPath::<i64>::from_request_parts(&mut parts, state).await.map_err(IntoResponse::into_response)?;
        let posted =
            Posted::<Vec<(String, String)>, Managers>::from_request(Request::from_parts(parts, body), state).await?;
        let call = draft(state, &posted.visitor, id).await?;
        Ok(DraftPost { visitor: posted.visitor, call, fields: posted.fields })
    }
}

/// The lots of a stored call, as a design writes them back.
pub fn lots_of(call: &Call) -> Vec<Lot> {
    call.lots.iter().map(grants_store::LotRecord::lot).collect()
}

/// Saves `settings` over call `call`'s, keeping its rules and lots, refused when someone saved the call
/// since the page was read (`version`, from the form) or when the call was published meanwhile.
pub async fn save_settings(
    state: &AppState,
    call: &Call,
    settings: CallSettings,
    version: Option<i32>,
) -> Result<Call, StoreError> {
    let design = CallDesign { rules: call.rules.clone(), settings, lots: lots_of(call) };
    state.store.update_call(call.id, design, version, state.clock.now()).await
}

/// The first posted value named `name`, as designer pages read their hidden fields and buttons.
pub fn posted_field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The version a designer page was read at, from its hidden `version` field.
pub fn posted_version(fields: &[(String, String)]) -> Option<i32> {
    posted_field(fields, "version").and_then(|v| v.parse().ok())
}
