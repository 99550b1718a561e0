//! "Who and where": which kinds of organisation may apply, from which countries (ticked one by one, or a
//! whole dialogue at once), how many countries an action must span, and which tags applications may carry.
//! Every list is a set of checkboxes labelled from the programme profile, so nobody types a code.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::call_settings::CallSettings;
use grants_domain::programme::{Programme, Term};
use grants_domain::{FieldError, OrganisationType};
use grants_store::{Call, StoreError};
use serde_json::{Value, json};

use super::{DraftPage, DraftPost, nav, part_path, posted_field, posted_version, save_settings};
use crate::AppState;
use crate::pages::session::Visitor;
use crate::pages::{context, done, page};

/// The tag lists a call may restrict: (form field, catalogue key of its legend).
const TAG_LISTS: &[(&str, &str)] = &[
    ("jvap_domains", "design_elig_jvap_domains"),
    ("dialogues", "design_elig_dialogues"),
    ("geographic_levels", "design_elig_geographic_levels"),
];

/// What the page shows and the manager changes, as typed.
#[derive(Debug, Clone, Default)]
struct Choices {
    applicant_types: Vec<String>,
    countries: Vec<String>,
    min_countries: String,
    exclude_same_country: bool,
    jvap_domains: Vec<String>,
    dialogues: Vec<String>,
    geographic_levels: Vec<String>,
}

impl Choices {
    fn of(settings: &CallSettings) -> Choices {
        Choices {
            applicant_types: settings.eligible_applicant_types.iter().map(ToString::to_string).collect(),
            countries: settings.eligible_countries.clone(),
            min_countries: settings.min_countries.to_string(),
            exclude_same_country: settings.exclude_same_country_evaluators,
            jvap_domains: settings.allowed_tags.jvap_domains.clone(),
            dialogues: settings.allowed_tags.dialogues.clone(),
            geographic_levels: settings.allowed_tags.geographic_levels.clone(),
        }
    }

    fn from_fields(fields: &[(String, String)]) -> Choices {
        let all =
            |name: &str| -> Vec<String> { fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect() };
        Choices {
            applicant_types: all("eligible_applicant_types"),
            countries: all("eligible_countries"),
            min_countries: all("min_countries").pop().unwrap_or_default(),
            exclude_same_country: fields.iter().any(|(k, _)| k == "exclude_same_country_evaluators"),
            jvap_domains: all("jvap_domains"),
            dialogues: all("dialogues"),
            geographic_levels: all("geographic_levels"),
        }
    }

    fn tags(&self, list: &str) -> &[String] {
        match list {
            "jvap_domains" => &self.jvap_domains,
            "dialogues" => &self.dialogues,
            _ => &self.geographic_levels,
        }
    }

    /// Applies a list operation (`all_countries`, `no_countries`, `add_dialogue:<code>`,
    /// `remove_dialogue:<code>`) to the countries as typed; false for an operation the page does not offer.
    fn apply(&mut self, op: &str, programme: &Programme) -> bool {
        match op.split_once(':') {
            None if op == "all_countries" => {
                self.countries = programme.countries.iter().map(|t| t.code.clone()).collect();
            }
            None if op == "no_countries" => self.countries.clear(),
            Some(("add_dialogue", code)) if programme.is_dialogue(code) => {
                for country in programme.dialogue_countries(code) {
                    if !self.countries.contains(country) {
                        self.countries.push(country.clone());
                    }
                }
            }
            Some(("remove_dialogue", code)) if programme.is_dialogue(code) => {
                let members = programme.dialogue_countries(code);
                self.countries.retain(|country| !members.contains(country));
            }
            _ => return false,
        }
        true
    }

    /// The call's settings with these choices, or why they cannot be read (each at its field).
    fn settings(&self, base: &CallSettings) -> Result<CallSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut settings = base.clone();
        settings.eligible_applicant_types = self
            .applicant_types
            .iter()
            .filter_map(|code| {
                let parsed = code.parse::<OrganisationType>().ok();
                if parsed.is_none() {
                    errors.push(field_error("/settings/eligible_applicant_types", "unknown_type"));
                }
                parsed
            })
            .collect();
        match self.min_countries.trim().parse::<u32>() {
            Ok(n) => settings.min_countries = n,
            Err(_) => errors.push(field_error("/settings/min_countries", "not_a_number")),
        }
        settings.eligible_countries.clone_from(&self.countries);
        settings.exclude_same_country_evaluators = self.exclude_same_country;
        settings.allowed_tags.jvap_domains.clone_from(&self.jvap_domains);
        settings.allowed_tags.dialogues.clone_from(&self.dialogues);
        settings.allowed_tags.geographic_levels.clone_from(&self.geographic_levels);
        if errors.is_empty() { Ok(settings) } else { Err(errors) }
    }
}

fn field_error(field: &str, code: &'static str) -> FieldError {
    FieldError { field: field.to_owned(), code, message: String::new() }
}

/// The input (fieldset) an error belongs to: `eligible_countries`, `min_countries`, `dialogues`…
fn input_of(field: &str) -> &str {
    let rest = field.strip_prefix("/settings/").unwrap_or(field);
    let rest = rest.strip_prefix("allowed_tags/").unwrap_or(rest);
    rest.split('/').next().unwrap_or(rest)
}

/// An error in the reader's language: the page's own sentence for its input and code, else the message.
fn message(state: &AppState, visitor: &Visitor, error: &FieldError) -> String {
    let key = format!("design_elig_error_{}_{}", input_of(&error.field), error.code);
    let strings = state.pages.strings(visitor.lang);
    strings.get(&key).and_then(Value::as_str).map_or_else(|| error.message.clone(), ToOwned::to_owned)
}

fn all(terms: &[Term]) -> Vec<&Term> {
    terms.iter().collect()
}

fn boxes(terms: &[&Term], chosen: &[String], visitor: &Visitor) -> Vec<Value> {
    terms
        .iter()
        .map(|t| json!({ "value": t.code, "label": t.label(visitor.lang), "checked": chosen.contains(&t.code) }))
        .collect()
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
    let programme = state.store.programme();
    let t = |key: &str| state.pages.text(visitor.lang, key);
    let error_at = |input: &str| -> Value {
        let text: Vec<String> =
            errors.iter().filter(|e| input_of(&e.field) == input).map(|e| message(state, visitor, e)).collect();
        if text.is_empty() { Value::Null } else { json!(text.join(" ")) }
    };
    let dialogue_ops: Vec<Value> = programme
        .dialogues
        .iter()
        .filter(|d| !programme.dialogue_countries(&d.code).is_empty())
        .map(|d| {
            let name = d.label(visitor.lang);
            json!({
                "code": d.code,
                "add": t("design_elig_add_dialogue").replace("{dialogue}", name),
                "remove": t("design_elig_remove_dialogue").replace("{dialogue}", name),
            })
        })
        .collect();
    let tags: Vec<Value> = TAG_LISTS
        .iter()
        .map(|(list, key)| {
            let terms = match *list {
                "jvap_domains" => all(&programme.jvap_domains),
                "dialogues" => all(&programme.dialogues),
                _ => all(&programme.geographic_levels),
            };
            json!({ "name": list, "legend": t(key), "error": error_at(list), "options": boxes(&terms, choices.tags(list), visitor) })
        })
        .collect();
    let known = [
        "eligible_applicant_types",
        "eligible_countries",
        "min_countries",
        "jvap_domains",
        "dialogues",
        "geographic_levels",
    ];
    let summary: Vec<Value> = errors
        .iter()
        .map(|e| {
            let input = input_of(&e.field);
            let target = if known.contains(&input) { format!("elig-{input}") } else { "elig-form".to_owned() };
            json!({ "target": target, "message": message(state, visitor, e) })
        })
        .collect();
    let ctx = context(
        state,
        visitor,
        "title_design_eligibility",
        json!({
            "action": part_path(call.id, "eligibility"),
            "back": format!("/calls/{}", call.id),
            "version": version,
            "design_nav": nav(state, visitor, call.id, "eligibility"),
            "errors": summary,
            "applicant_types": boxes(&all(&programme.applicant_types), &choices.applicant_types, visitor),
            "applicant_types_error": error_at("eligible_applicant_types"),
            "countries": boxes(&programme.countries_by_name(visitor.lang), &choices.countries, visitor),
            "countries_error": error_at("eligible_countries"),
            "dialogue_ops": dialogue_ops,
            "min_countries": choices.min_countries,
            "min_countries_error": error_at("min_countries"),
            "exclude_same_country": choices.exclude_same_country,
            "tags": tags,
        }),
    );
    page(state, status, "design_eligibility", ctx)
}

/// The page as stored (managers, draft calls).
pub async fn show(State(state): State<AppState>, DraftPage { visitor, call }: DraftPage) -> Response {
    let version = call.version.to_string();
    render(&state, &visitor, &call, &version, &Choices::of(&call.settings), &[], StatusCode::OK)
}

/// A list operation (re-rendered, not saved) or Save (stored whole, against the version read).
pub async fn post(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let version = posted_field(&fields, "version").unwrap_or_default().to_owned();
    let mut choices = Choices::from_fields(&fields);
    let op = fields.iter().find(|(k, _)| k == "op").map_or("save", |(_, v)| v.as_str());
    if op != "save" {
        choices.apply(op, state.store.programme());
        return render(&state, &visitor, &call, &version, &choices, &[], StatusCode::OK);
    }
    let settings = match choices.settings(&call.settings) {
        Ok(settings) => settings,
        Err(errors) => {
            return render(&state, &visitor, &call, &version, &choices, &errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let refused = |errors: &[FieldError], status| render(&state, &visitor, &call, &version, &choices, errors, status);
    match save_settings(&state, &call, settings, posted_version(&fields)).await {
        Ok(_) => done(&state, &part_path(call.id, "eligibility"), "design_eligibility_saved"),
        Err(StoreError::Validation(v)) => refused(&v.errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(StoreError::StaleVersion { .. }) => {
            refused(&[field_error("/settings/call", "stale")], StatusCode::CONFLICT)
        }
        Err(StoreError::WrongState { .. }) => refused(&[field_error("/settings/call", "frozen")], StatusCode::CONFLICT),
        Err(other) => crate::pages::failure_page(&state, &visitor, &crate::AppError::from(other)),
    }
}
