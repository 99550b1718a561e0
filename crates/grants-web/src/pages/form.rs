//! Renders a call's JSON Schema form as plain HTML fields (no JavaScript) and reads the posted fields
//! back into an answers document.
//!
//! Field names are JSON pointers into the answers (`/lead/name`, `/partners/0/country`), so validation
//! errors, which are addressed the same way, land next to their field. Lists show their items plus one
//! empty row; blank rows are dropped when reading.

mod parse;

use grants_domain::form::{is_amount, is_country, resolve};
use grants_domain::programme::Programme;
use grants_domain::{FieldError, Language};
use serde_json::{Value, json};

pub use parse::parse;

/// What the renderer needs besides the answers.
pub struct FormContext<'a> {
    /// The stage's schema.
    pub schema: &'a Value,
    /// The reader's language.
    pub lang: Language,
    /// Labels for taxonomy codes and countries.
    pub programme: &'a Programme,
    /// The countries the call accepts (codes).
    pub countries: &'a [String],
    /// The words for yes and no in the reader's language, for yes/no questions.
    pub yes_no: (String, String),
}

/// The words for yes and no of the catalogue, for [`FormContext::yes_no`].
pub fn yes_no(pages: &super::Pages, lang: Language) -> (String, String) {
    (pages.text(lang, "form_yes"), pages.text(lang, "form_no"))
}

fn label(root: &Value, node: &Value, key: &str, lang: Language) -> String {
    let field = if lang == Language::FR { "x-title-fr" } else { "title" };
    node.get(field)
        .or_else(|| resolve(root, node).get(field))
        .or_else(|| node.get("title"))
        .and_then(Value::as_str)
        .map_or_else(|| key.replace('_', " "), ToOwned::to_owned)
}

/// The help a form gives under a field (`description`, `x-description-fr` in French), if any.
fn help(root: &Value, node: &Value, lang: Language) -> Value {
    let field = if lang == Language::FR { "x-description-fr" } else { "description" };
    node.get(field)
        .or_else(|| resolve(root, node).get(field))
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
        .map_or(Value::Null, |text| json!(text))
}

fn term_label(ctx: &FormContext<'_>, code: &str) -> String {
    ctx.programme.term_label(code, ctx.lang).map_or_else(|| code.replace('_', " "), ToOwned::to_owned)
}

fn id_of(pointer: &str) -> String {
    format!("f{}", pointer.replace('/', "-"))
}

fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

struct Walker<'a> {
    ctx: &'a FormContext<'a>,
    errors: &'a [FieldError],
    out: Vec<Value>,
}

impl Walker<'_> {
    fn error_at(&self, pointer: &str) -> Value {
        let messages: Vec<&str> =
            self.errors.iter().filter(|e| e.field == pointer).map(|e| e.message.as_str()).collect();
        if messages.is_empty() { Value::Null } else { json!(messages.join(" ")) }
    }

    /// The choices of an enum: labelled by the schema's `x-enum-labels` (`x-enum-labels-fr` in French)
    /// when it gives them, else by the programme's terms, else by the code itself.
    fn options(&self, node: &Value, codes: Vec<String>, chosen: &[String]) -> Vec<Value> {
        let key = if self.ctx.lang == Language::FR { "x-enum-labels-fr" } else { "x-enum-labels" };
        let own = node.get(key).and_then(Value::as_object);
        codes
            .into_iter()
            .map(|code| {
                let label = own
                    .and_then(|labels| labels.get(&code))
                    .and_then(Value::as_str)
                    .map_or_else(|| term_label(self.ctx, &code), ToOwned::to_owned);
                json!({ "value": code, "label": label, "selected": chosen.contains(&code) })
            })
            .collect()
    }

    /// The call's countries in the order a reader of the form's language looks for them (by name, accents
    /// folded); codes the programme does not know keep their place at the end.
    fn countries_by_name(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .ctx
            .programme
            .countries_by_name(self.ctx.lang)
            .into_iter()
            .filter(|t| self.ctx.countries.contains(&t.code))
            .map(|t| t.code.clone())
            .collect();
        codes.extend(self.ctx.countries.iter().filter(|c| !codes.contains(c)).cloned().collect::<Vec<_>>());
        codes
    }

    fn walk(&mut self, node: &Value, pointer: &str, key: &str, required: bool, value: Option<&Value>) {
        let root = self.ctx.schema;
        let resolved = resolve(root, node);
        let label = label(root, node, key, self.ctx.lang);
        let kind = resolved.get("type").and_then(Value::as_str).unwrap_or("string");
        let start = self.out.len();
        match kind {
            "object" => {
                let nested = !pointer.is_empty();
                if nested {
                    self.out
                        .push(json!({ "kind": "fieldset_start", "legend": label, "error": self.error_at(pointer) }));
                }
                let required_keys: Vec<&str> = resolved
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                if let Some(properties) = resolved.get("properties").and_then(Value::as_object) {
                    for (child_key, child) in properties {
                        let child_value = value.and_then(|v| v.get(child_key));
                        self.walk(
                            child,
                            &format!("{pointer}/{child_key}"),
                            child_key,
                            required_keys.contains(&child_key.as_str()),
                            child_value,
                        );
                    }
                }
                if nested {
                    self.out.push(json!({ "kind": "fieldset_end" }));
                }
            }
            "array" => self.walk_array(resolved, pointer, &label, value),
            _ => self.push_scalar(resolved, kind, pointer, &label, required, value),
        }
        if let Some(first) = self.out.get_mut(start)
            && !pointer.is_empty()
        {
            first["help"] = help(root, node, self.ctx.lang);
        }
    }

    fn walk_array(&mut self, resolved: &Value, pointer: &str, label: &str, value: Option<&Value>) {
        let root = self.ctx.schema;
        let items_node = resolved.get("items").cloned().unwrap_or(Value::Null);
        let items = resolve(root, &items_node);
        let current: Vec<Value> = value.and_then(Value::as_array).cloned().unwrap_or_default();
        let chosen: Vec<String> = current.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect();
        let error = self.error_at(pointer);
        if let Some(codes) = items.get("enum").and_then(Value::as_array) {
            let codes = codes.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect();
            let options = self.options(items, codes, &chosen);
            self.out.push(json!({ "kind": "checkboxes", "name": pointer, "id": id_of(pointer), "label": label, "options": options, "error": error }));
            return;
        }
        if is_country(items) {
            let options = self.options(items, self.countries_by_name(), &chosen);
            self.out.push(json!({ "kind": "checkboxes", "name": pointer, "id": id_of(pointer), "label": label, "options": options, "error": error }));
            return;
        }
        self.out.push(json!({ "kind": "fieldset_start", "legend": label, "error": error }));
        let item_label = label_of_item(root, &items_node, items, self.ctx.lang);
        for index in 0..=current.len() {
            let item_pointer = format!("{pointer}/{index}");
            let item_value = current.get(index);
            if items.get("type").and_then(Value::as_str) == Some("object") {
                self.out.push(json!({ "kind": "fieldset_start", "legend": format!("{item_label} {}", index + 1), "error": self.error_at(&item_pointer) }));
                self.walk(&items_node, &item_pointer, &item_label, false, item_value);
                self.out.push(json!({ "kind": "fieldset_end" }));
            } else {
                let kind = items.get("type").and_then(Value::as_str).unwrap_or("string");
                self.push_scalar(items, kind, &item_pointer, &format!("{item_label} {}", index + 1), false, item_value);
            }
        }
        self.out.push(json!({ "kind": "fieldset_end" }));
    }

    fn push_scalar(
        &mut self,
        resolved: &Value,
        kind: &str,
        pointer: &str,
        label: &str,
        required: bool,
        value: Option<&Value>,
    ) {
        let mut text = text_of(value);
        if is_amount(resolved) {
            // Shown as the reader writes amounts (`240 000`, `240,000`), read back the same way.
            if let Some(written) = grants_domain::typed_amount::written(&text, self.ctx.lang) {
                text = written;
            }
        }
        let mut field = json!({
            "name": pointer, "id": id_of(pointer), "label": label, "value": text,
            "required": required, "error": self.error_at(pointer),
        });
        if let Some(codes) = resolved.get("enum").and_then(Value::as_array) {
            let codes = codes.iter().filter_map(Value::as_str).map(ToOwned::to_owned).collect();
            field["kind"] = json!("select");
            field["options"] = json!(self.options(resolved, codes, &[text]));
        } else if is_country(resolved) {
            field["kind"] = json!("select");
            field["options"] = json!(self.options(resolved, self.countries_by_name(), &[text]));
        } else if kind == "boolean" {
            let (yes, no) = &self.ctx.yes_no;
            field["kind"] = json!("select");
            field["options"] = json!([
                { "value": "true", "label": yes, "selected": text == "true" },
                { "value": "false", "label": no, "selected": text == "false" },
            ]);
        } else if resolved.get("format").and_then(Value::as_str) == Some("date") {
            field["kind"] = json!("date");
        } else if kind == "integer" || kind == "number" {
            field["kind"] = json!("number");
        } else if resolved.get("maxLength").and_then(Value::as_u64).is_some_and(|m| m > 300) {
            field["kind"] = json!("textarea");
        } else {
            field["kind"] = json!("text");
        }
        self.out.push(field);
    }
}

fn label_of_item(root: &Value, node: &Value, resolved: &Value, lang: Language) -> String {
    let field = if lang == Language::FR { "x-title-fr" } else { "title" };
    node.get(field)
        .or_else(|| resolved.get(field))
        .or_else(|| resolve(root, node).get("title"))
        .and_then(Value::as_str)
        .unwrap_or("#")
        .to_owned()
}

/// The form as a flat list of field descriptions for the page template.
pub fn fields(ctx: &FormContext<'_>, answers: &Value, errors: &[FieldError]) -> Vec<Value> {
    let mut walker = Walker { ctx, errors, out: Vec::new() };
    walker.walk(ctx.schema, "", "", true, Some(answers));
    for field in &mut walker.out {
        if field.get("help").is_none() {
            field["help"] = Value::Null;
        }
    }
    walker.out
}

/// The answers as a reading view (label and value per answered field, section headings kept only when
/// something is under them), for pages that show a form's answers without inputs.
pub fn reading_rows(fields: Vec<Value>) -> Vec<Value> {
    let mut rows = Vec::new();
    for field in fields {
        match field["kind"].as_str().unwrap_or_default() {
            "fieldset_start" => rows.push(json!({ "heading": field["legend"] })),
            "select" => {
                let value = field["value"].as_str().unwrap_or_default();
                if !value.is_empty() {
                    let label = field["options"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .find(|o| o["value"] == value)
                        .map_or(json!(value), |o| o["label"].clone());
                    rows.push(json!({ "heading": null, "label": field["label"], "value": label }));
                }
            }
            "checkboxes" => {
                let chosen: Vec<&str> = field["options"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|o| o["selected"] == true)
                    .filter_map(|o| o["label"].as_str())
                    .collect();
                if !chosen.is_empty() {
                    rows.push(json!({ "heading": null, "label": field["label"], "value": chosen.join(", ") }));
                }
            }
            "fieldset_end" => {}
            _ => {
                if field["value"].as_str().is_some_and(|v| !v.is_empty()) {
                    rows.push(json!({ "heading": null, "label": field["label"], "value": field["value"] }));
                }
            }
        }
    }
    // Drop headings with nothing under them (empty list rows).
    let mut kept: Vec<Value> = Vec::new();
    for row in rows {
        if row["heading"].is_string() && kept.last().is_some_and(|last| last["heading"].is_string()) {
            kept.pop();
        }
        kept.push(row);
    }
    if kept.last().is_some_and(|last| last["heading"].is_string()) {
        kept.pop();
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx<'a>(schema: &'a Value, programme: &'a Programme, countries: &'a [String]) -> FormContext<'a> {
        FormContext { schema, lang: Language::FR, programme, countries, yes_no: ("Oui".into(), "Non".into()) }
    }

    #[test]
    fn the_example_round_trips_through_the_form() {
        let schema = grants_domain::form::mmd_full_application();
        let programme = grants_domain::programme::mmd();
        let countries: Vec<String> = programme.countries.iter().map(|c| c.code.clone()).collect();
        let answers = grants_domain::form::mmd_full_application_example();
        let list = fields(&ctx(&schema, &programme, &countries), &answers, &[]);
        let mut pairs = Vec::new();
        for field in &list {
            match field["kind"].as_str().unwrap() {
                "text" | "textarea" | "number" | "select" | "date" => {
                    pairs.push((
                        field["name"].as_str().unwrap().to_owned(),
                        field["value"].as_str().unwrap().to_owned(),
                    ));
                }
                "checkboxes" => {
                    for option in field["options"].as_array().unwrap().iter().filter(|o| o["selected"] == true) {
                        pairs.push((
                            field["name"].as_str().unwrap().to_owned(),
                            option["value"].as_str().unwrap().to_owned(),
                        ));
                    }
                }
                _ => {}
            }
        }
        assert_eq!(parse(&schema, &pairs), answers);
        let labels: Vec<&str> = list.iter().filter_map(|f| f["label"].as_str()).collect();
        assert!(labels.contains(&"Titre de l'action"), "French labels: {labels:?}");
    }

    #[test]
    fn amounts_are_read_as_the_reader_writes_them() {
        let schema = grants_domain::form::mmd_full_application();
        let typed = [
            ("/budget/total".to_owned(), "12 500,50".to_owned()),
            ("/budget/own_contribution".to_owned(), "2,500".to_owned()),
        ];
        let answers = parse(&schema, &typed);
        assert_eq!(answers["budget"]["total"], "12500.50");
        assert_eq!(answers["budget"]["own_contribution"], "2500");
        let months = parse(&schema, &[("/action/duration_months".into(), "1\u{202f}200".into())]);
        assert_eq!(months["action"]["duration_months"], 1200, "whole numbers with separators of thousands");
        let half = parse(&schema, &[("/action/duration_months".into(), "1,5".into())]);
        assert_eq!(half["action"]["duration_months"], "1,5", "not a whole number: kept as typed for the error");
        let unclear = parse(&schema, &[("/budget/total".into(), "beaucoup".into())]);
        assert_eq!(unclear["budget"]["total"], "beaucoup", "kept as typed for the error");
    }

    #[test]
    fn errors_land_on_their_field_and_typed_text_is_kept() {
        let schema = grants_domain::form::mmd_full_application();
        let programme = grants_domain::programme::mmd();
        let countries = vec!["ML".to_owned()];
        let answers = parse(&schema, &[("/action/duration_months".into(), "vingt".into())]);
        assert_eq!(answers["action"]["duration_months"], "vingt");
        let error =
            FieldError {
                field: "/action/duration_months".into(), code: "type", message: "doit être un nombre".into()
            };
        let list = fields(&ctx(&schema, &programme, &countries), &answers, &[error]);
        let field = list.iter().find(|f| f["name"] == "/action/duration_months").unwrap();
        assert_eq!(field["value"], "vingt");
        assert_eq!(field["error"], "doit être un nombre");
    }
}
