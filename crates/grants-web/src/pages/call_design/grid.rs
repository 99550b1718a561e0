//! The scoring-grid page of the call designer: sections, their criteria and the words of the scale
//! edited as fields, with each section's maximum and the grid's total recomputed at every render, so a
//! manager never types the JSON of a grid. A restricted call has a grid per stage (`?stage=concept_note`).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::FieldError;
use grants_domain::call::Stage;
use grants_domain::evaluation::Grid;
use grants_domain::evaluation::consolidation::points_in_words;
use grants_store::{Call, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::field_errors::Inputs;
use super::grid_form::{CriterionForm, GridForm, SectionForm, input_of};
use super::{
    DraftPage, DraftPost, nav, no_such_stage, posted_field as field, posted_version, stage_asked, stage_links,
    stage_path,
};
use crate::pages::session::Visitor;
use crate::pages::{context, done, error_page, failure_page, page};
use crate::{AppError, AppState};

/// Which stage's grid the page shows.
#[derive(Debug, Deserialize)]
pub struct StageQuery {
    stage: Option<String>,
}

/// The grid page of a draft call (managers).
pub async fn show(
    State(state): State<AppState>,
    DraftPage { visitor, call }: DraftPage,
    Query(query): Query<StageQuery>,
) -> Response {
    let Some(asked) = stage_asked(&call, query.stage.as_deref()) else { return no_such_stage(&state, &visitor) };
    let grid = call.settings.grids.of(asked).cloned().unwrap_or_else(Grid::concept_note_default);
    let shown = Shown { call: &call, stage: asked, version: call.version.to_string() };
    render(&state, &visitor, &shown, &GridForm::of(&grid), &[], StatusCode::OK)
}

/// A list button or "Update the totals" re-renders what was typed; Save stores the grid of the stage.
pub async fn save(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let Some(posted_stage) = stage_asked(&call, field(&fields, "stage")) else {
        return no_such_stage(&state, &visitor);
    };
    let shown =
        Shown { call: &call, stage: posted_stage, version: field(&fields, "version").unwrap_or_default().to_owned() };
    let mut form = GridForm::from_pairs(&fields);
    let op = field(&fields, "op").unwrap_or("save");
    if op != "save" {
        form.apply(op);
        return render(&state, &visitor, &shown, &form, &[], StatusCode::OK);
    }
    let prefix = format!("/settings/grids/{posted_stage}");
    let grid = match form.grid(visitor.lang) {
        Ok(grid) => grid,
        Err(errors) => {
            let errors: Vec<FieldError> =
                errors.errors.into_iter().map(|e| FieldError { field: format!("{prefix}{}", e.field), ..e }).collect();
            return render(&state, &visitor, &shown, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let mut settings = call.settings.clone();
    match posted_stage {
        Stage::ConceptNote => settings.grids.concept_note = Some(grid),
        Stage::FullApplication => settings.grids.full_application = grid,
    }
    match super::save_settings(&state, &call, settings, posted_version(&fields)).await {
        Ok(_) => done(&state, &stage_path(call.id, "grid", posted_stage), "design_grid_saved"),
        Err(StoreError::Validation(v)) => {
            render(&state, &visitor, &shown, &form, &v.errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(StoreError::StaleVersion { .. }) => {
            let changed = FieldError { field: "/version".into(), code: "stale_version", message: String::new() };
            render(&state, &visitor, &shown, &form, &[changed], StatusCode::CONFLICT)
        }
        Err(StoreError::WrongState { .. }) => error_page(&state, &visitor, StatusCode::CONFLICT, "call_rules_frozen"),
        Err(other) => failure_page(&state, &visitor, &AppError::from(other)),
    }
}

/// What the page is about: the call, the stage, and the version the form was read at.
struct Shown<'a> {
    call: &'a Call,
    stage: Stage,
    version: String,
}

fn render(
    state: &AppState,
    visitor: &Visitor,
    shown: &Shown<'_>,
    form: &GridForm,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let id = shown.call.id;
    let prefix = format!("/settings/grids/{}", shown.stage);
    let inputs = Inputs::new(&state.pages, visitor.lang, "design_grid_error", errors, |path| {
        path.strip_prefix(prefix.as_str()).and_then(input_of)
    });
    let points = |value| inputs.text("design_grid_points").replace("{points}", &points_in_words(value));
    let sections: Vec<Value> = form
        .sections
        .iter()
        .enumerate()
        .map(|(s, section)| section_view(&inputs, &points, s, section, form.sections.len()))
        .collect();
    let descriptors: Vec<Value> = form
        .descriptors
        .iter()
        .enumerate()
        .map(|(d, descriptor)| {
            let within = inputs.text("design_grid_descriptor").replace("{n}", &(d + 1).to_string());
            json!({
                "legend": within,
                "score": numeric(inputs.field(&format!("d{d}-score"), &within, "design_grid_score", &descriptor.score)),
                "en": inputs.field(&format!("d{d}-en"), &within, "design_grid_words_en", &descriptor.en),
                "fr": inputs.field(&format!("d{d}-fr"), &within, "design_grid_words_fr", &descriptor.fr),
                "remove": format!("remove_descriptor-{d}"),
            })
        })
        .collect();
    let total_minimum = inputs.field("total_minimum", "", "design_grid_total_minimum", &form.total_minimum);
    let sections_label = inputs.text("design_grid_sections");
    let sections_error = inputs.group_error("sections", &sections_label);
    let stages = stage_links(state, visitor, shown.call, "grid", shown.stage, "design_grid_stage_");
    let summary = inputs.summary("grid-form", &inputs.text("design_part_grid"));
    let ctx = context(
        state,
        visitor,
        "design_part_grid",
        json!({
            "action": format!("/calls/{id}/design/grid"),
            "back": format!("/calls/{id}"),
            "call_reference": shown.call.rules.reference,
            "design_nav": nav(state, visitor, id, "grid"),
            "version": shown.version,
            "stage": shown.stage.to_string(),
            "stage_label": inputs.text(&format!("design_grid_stage_{}", shown.stage)),
            "stages": stages,
            "sections": sections,
            "sections_error": sections_error,
            "descriptors": descriptors,
            "total_minimum": numeric(total_minimum),
            "total_points": points(form.points()),
            "errors": summary,
        }),
    );
    page(state, status, "design_grid", ctx)
}

/// An input typed with a number pad on phones.
fn numeric(mut input: Value) -> Value {
    input["inputmode"] = json!("decimal");
    input
}

fn section_view(
    inputs: &Inputs<'_>,
    points: &dyn Fn(rust_decimal::Decimal) -> String,
    s: usize,
    section: &SectionForm,
    count: usize,
) -> Value {
    let legend = inputs.text("design_grid_section").replace("{n}", &(s + 1).to_string());
    let criteria: Vec<Value> = section
        .criteria
        .iter()
        .enumerate()
        .map(|(c, criterion)| criterion_view(inputs, points, (s, c), criterion, section.criteria.len()))
        .collect();
    json!({
        "legend": legend,
        "code_name": format!("s{s}-code"),
        "code": section.code,
        "en": inputs.field(&format!("s{s}-en"), &legend, "design_grid_title_en", &section.en),
        "fr": inputs.field(&format!("s{s}-fr"), &legend, "design_grid_title_fr", &section.fr),
        "minimum": numeric(inputs.field(&format!("s{s}-minimum"), &legend, "design_grid_minimum", &section.minimum)),
        "points": points(section.points()),
        "criteria": criteria,
        "criteria_id": format!("s{s}-criteria"),
        "criteria_error": inputs.group_error(&format!("s{s}-criteria"), &legend),
        "add_criterion": format!("add_criterion-{s}"),
        "up": (s > 0).then(|| format!("up_section-{s}")),
        "down": (s + 1 < count).then(|| format!("down_section-{s}")),
        "remove": format!("remove_section-{s}"),
    })
}

fn criterion_view(
    inputs: &Inputs<'_>,
    points: &dyn Fn(rust_decimal::Decimal) -> String,
    (s, c): (usize, usize),
    criterion: &CriterionForm,
    count: usize,
) -> Value {
    let legend = inputs
        .text("design_grid_criterion")
        .replace("{section}", &(s + 1).to_string())
        .replace("{n}", &(c + 1).to_string());
    let name = |field: &str| format!("s{s}-c{c}-{field}");
    let mut weight = inputs.field(&name("weight"), &legend, "design_grid_weight", &criterion.weight);
    weight["options"] = json!(
        ["1", "2"]
            .iter()
            .map(|w| json!({ "value": w, "label": format!("×{w}"), "selected": criterion.weight.trim() == *w }))
            .collect::<Vec<_>>()
    );
    json!({
        "legend": legend,
        "code_name": name("code"),
        "code": criterion.code,
        "en": inputs.field(&name("en"), &legend, "design_grid_question_en", &criterion.en),
        "fr": inputs.field(&name("fr"), &legend, "design_grid_question_fr", &criterion.fr),
        "scale_min": numeric(inputs.field(&name("scale_min"), &legend, "design_grid_scale_min", &criterion.scale_min)),
        "scale_max": numeric(inputs.field(&name("scale_max"), &legend, "design_grid_scale_max", &criterion.scale_max)),
        "weight": weight,
        "points": points(criterion.points()),
        "up": (c > 0).then(|| format!("up_criterion-{s}-{c}")),
        "down": (c + 1 < count).then(|| format!("down_criterion-{s}-{c}")),
        "remove": format!("remove_criterion-{s}-{c}"),
    })
}
