//! The form as applicants will see it, in either language, before the call is published: the same fields,
//! labels, help and choices the application page renders, with nothing to send. The page around it stays
//! in the manager's language; only the previewed form is in the language chosen.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::Language;
use grants_domain::call::Stage;
use serde::Deserialize;
use serde_json::{Value, json};

use super::{nav, no_such_stage, stage_asked, stage_links};
use crate::AppState;
use crate::extract::ApiPath;
use crate::pages::extract::{Managers, SignedIn};
use crate::pages::form::{FormContext, fields, yes_no};
use crate::pages::{context, failure_page, page};

/// Which stage and language to preview.
#[derive(Debug, Default, Deserialize)]
pub struct PreviewQuery {
    /// `full_application` (default) or `concept_note`.
    #[serde(default)]
    #[serde(rename = "stage")]
    pub phase: Option<String>,
    /// `en` or `fr`; the reader's language by default.
    #[serde(default, rename = "in")]
    pub language: Option<String>,
}

/// The preview page (managers, any call: a published call's form is shown as it was frozen).
pub async fn show(
    State(state): State<AppState>,
    signed: SignedIn<Managers>,
    ApiPath(id): ApiPath<i64>,
    Query(query): Query<PreviewQuery>,
) -> Response {
    let visitor = signed.visitor;
    let call = match state.store.call(id).await {
        Ok(call) => call,
        Err(err) => return failure_page(&state, &visitor, &crate::AppError::from(err)),
    };
    let Some(phase) = stage_asked(&call, query.phase.as_deref()) else { return no_such_stage(&state, &visitor) };
    let shown_in = match query.language.as_deref() {
        Some("fr") => Language::FR,
        Some("en") => Language::EN,
        _ => visitor.lang,
    };
    let schema = match phase {
        Stage::ConceptNote => call.settings.forms.concept_note.clone().unwrap_or(Value::Null),
        Stage::FullApplication => call.settings.forms.full_application.clone(),
    };
    let form = FormContext {
        schema: &schema,
        lang: shown_in,
        programme: state.store.programme(),
        countries: &call.settings.eligible_countries,
        yes_no: yes_no(&state.pages, shown_in),
    };
    let shown = fields(&form, &json!({}), &[]);
    let other =
        if shown_in.writes_in_french() { ("en", "design_preview_in_en") } else { ("fr", "design_preview_in_fr") };
    let ctx = context(
        &state,
        &visitor,
        "title_design_preview",
        json!({
            "design_nav": if call.state == grants_workflow::CallState::Draft {
                nav(&state, &visitor, call.id, "preview")
            } else {
                Value::Null
            },
            "stages": stage_links(&state, &visitor, &call, "preview", phase, "design_stage_"),
            "other_language": format!("/calls/{id}/design/preview?stage={phase}&in={}", other.0),
            "other_language_label": state.pages.text(visitor.lang, other.1),
            "other_language_code": other.0,
            "call_title": call.rules.title(shown_in),
            "shown_in": crate::pages::render::code(shown_in),
            "shown_in_label": state.pages.text(visitor.lang, &format!("design_preview_lang_{}", crate::pages::render::code(shown_in))),
            // The form's own words (required, choose…) in the previewed language, as the form partial reads them.
            "preview": { "fields": shown, "i18n": state.pages.strings(shown_in) },
        }),
    );
    page(&state, StatusCode::OK, "design_preview", ctx)
}
