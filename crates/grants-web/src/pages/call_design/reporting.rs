//! The reporting plan of a draft call: how long a reporting period is, and when the interim and final reports
//! fall due, as three numbers with a sentence saying what they mean. Agreements signed under the call plan
//! their reports and payments from it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::FieldError;
use grants_domain::reporting_plan::ReportingPlan;
use grants_store::{Call, StoreError};
use serde_json::{Value, json};

use super::{DraftPage, DraftPost, nav, part_path, posted_field, posted_version, save_settings};
use crate::AppState;
use crate::pages::session::Visitor;
use crate::pages::{context, done, page};

/// The plan's numbers, by form field, in the order the page shows them.
const FIELDS: &[&str] = &["period_months", "interim_report_days", "final_report_months"];

/// The three numbers as typed, by field.
type Typed = Vec<(&'static str, String)>;

fn typed_of(plan: &ReportingPlan) -> Typed {
    vec![
        ("period_months", plan.period_months.to_string()),
        ("interim_report_days", plan.interim_report_days.to_string()),
        ("final_report_months", plan.final_report_months.to_string()),
    ]
}

fn typed_from(fields: &[(String, String)]) -> Typed {
    FIELDS
        .iter()
        .map(|name| {
            (*name, fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned()).unwrap_or_default())
        })
        .collect()
}

/// The plan typed, or the fields that are not whole numbers.
fn plan_of(typed: &Typed) -> Result<ReportingPlan, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut number = |name: &str| -> u32 {
        let text = typed.iter().find(|(k, _)| *k == name).map_or("", |(_, v)| v.as_str());
        text.parse().unwrap_or_else(|_| {
            errors.push(FieldError {
                field: format!("/settings/reporting_plan/{name}"),
                code: "not_a_number",
                message: String::new(),
            });
            0
        })
    };
    let plan = ReportingPlan {
        period_months: number("period_months"),
        interim_report_days: number("interim_report_days"),
        final_report_months: number("final_report_months"),
    };
    if errors.is_empty() { Ok(plan) } else { Err(errors) }
}

/// The input an error belongs to (`period_months`…), or `call` for the call as a whole.
fn input_of(field: &str) -> &str {
    field.strip_prefix("/settings/reporting_plan/").filter(|f| FIELDS.contains(f)).unwrap_or("call")
}

/// An error in the reader's language: the page's own sentence for its input and code, else the message.
fn message(state: &AppState, visitor: &Visitor, error: &FieldError) -> String {
    let key = format!("design_report_error_{}_{}", input_of(&error.field), error.code);
    let strings = state.pages.strings(visitor.lang);
    strings.get(&key).and_then(Value::as_str).map_or_else(|| error.message.clone(), ToOwned::to_owned)
}

fn render(
    state: &AppState,
    visitor: &Visitor,
    call: &Call,
    version: &str,
    typed: &Typed,
    errors: &[FieldError],
    status: StatusCode,
) -> Response {
    let t = |key: &str| state.pages.text(visitor.lang, key);
    let fields: Vec<Value> = typed
        .iter()
        .map(|(name, value)| {
            let error: Vec<String> =
                errors.iter().filter(|e| input_of(&e.field) == *name).map(|e| message(state, visitor, e)).collect();
            json!({
                "id": format!("report-{name}"),
                "name": name,
                "value": value,
                "label": t(&format!("design_report_{name}")),
                "hint": t(&format!("design_report_{name}_hint")),
                "error": if error.is_empty() { Value::Null } else { json!(error.join(" ")) },
            })
        })
        .collect();
    let explained = plan_of(typed).ok().map(|plan| {
        t("design_report_explained")
            .replace("{period}", &plan.period_months.to_string())
            .replace("{days}", &plan.interim_report_days.to_string())
            .replace("{final}", &plan.final_report_months.to_string())
    });
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| {
            let input = input_of(&e.field);
            let target = if input == "call" { "report-form".to_owned() } else { format!("report-{input}") };
            json!({ "target": target, "message": message(state, visitor, e) })
        })
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_design_reporting",
        json!({
            "action": part_path(call.id, "reporting"),
            "back": format!("/calls/{}", call.id),
            "version": version,
            "design_nav": nav(state, visitor, call.id, "reporting"),
            "errors": summary,
            "fields": fields,
            "explained": explained,
        }),
    );
    page(state, status, "design_reporting", ctx)
}

/// The plan as stored (managers, draft calls).
pub async fn show(State(state): State<AppState>, DraftPage { visitor, call }: DraftPage) -> Response {
    let typed = typed_of(&call.settings.reporting_plan);
    render(&state, &visitor, &call, &call.version.to_string(), &typed, &[], StatusCode::OK)
}

/// Saves the plan against the version read; a refusal keeps what was typed.
pub async fn post(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let version = posted_field(&fields, "version").unwrap_or_default().to_owned();
    let typed = typed_from(&fields);
    let refused = |errors: &[FieldError], status| render(&state, &visitor, &call, &version, &typed, errors, status);
    let plan = match plan_of(&typed) {
        Ok(plan) => plan,
        Err(errors) => return refused(&errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let mut settings = call.settings.clone();
    settings.reporting_plan = plan;
    let whole_call = |code| [FieldError { field: "/settings".into(), code, message: String::new() }];
    match save_settings(&state, &call, settings, posted_version(&fields)).await {
        Ok(_) => done(&state, &part_path(call.id, "reporting"), "design_reporting_saved"),
        Err(StoreError::Validation(v)) => refused(&v.errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(StoreError::StaleVersion { .. }) => refused(&whole_call("stale"), StatusCode::CONFLICT),
        Err(StoreError::WrongState { .. }) => refused(&whole_call("frozen"), StatusCode::CONFLICT),
        Err(other) => crate::pages::failure_page(&state, &visitor, &crate::AppError::from(other)),
    }
}
