//! A designer page's inputs with their refusals in the reader's language: the domain says where a
//! problem is (a field path) and what it is (a code); the page puts the catalogue's sentence beside the
//! input and in the summary at the top, with a link to the input.

use std::cell::RefCell;
use std::collections::HashMap;

use grants_domain::{FieldError, Language};
use serde_json::{Value, json};

use crate::pages::render::Pages;

/// The catalogue prefix of the sentences every list page shares.
const SHARED: &str = "design_grid_error";

/// The sentence for `error`, looked up under the page's `prefix` then the shared one: by field and code
/// (`design_grid_error_weight_out_of_range`), by code (`design_grid_error_required`), or the general one.
pub fn message(pages: &Pages, lang: Language, prefix: &str, error: &FieldError) -> String {
    let strings = pages.strings(lang);
    let lookup = |key: String| strings.get(&key).and_then(Value::as_str).map(ToOwned::to_owned);
    let leaf = error.field.rsplit('/').next().unwrap_or_default();
    let code = error.code;
    lookup(format!("{prefix}_{leaf}_{code}"))
        .or_else(|| lookup(format!("{prefix}_{code}")))
        .or_else(|| lookup(format!("{SHARED}_{leaf}_{code}")))
        .or_else(|| lookup(format!("{SHARED}_{code}")))
        .unwrap_or_else(|| pages.text(lang, &format!("{SHARED}_invalid")))
}

/// The inputs of one page being laid out, with the refusals to show beside them.
pub struct Inputs<'a> {
    /// Each refusal: the input it belongs to (when the page has one) and its sentence.
    refusals: Vec<(Option<String>, String)>,
    /// The label of every input laid out so far, for the summary's links.
    labels: RefCell<HashMap<String, String>>,
    pages: &'a Pages,
    lang: Language,
}

impl<'a> Inputs<'a> {
    /// The inputs of a page refused for `errors`, whose sentences are under catalogue prefix `prefix`;
    /// `input_of` names the input of a field path.
    pub fn new(
        pages: &'a Pages,
        lang: Language,
        prefix: &str,
        errors: &[FieldError],
        input_of: impl Fn(&str) -> Option<String>,
    ) -> Self {
        let refusals = errors.iter().map(|e| (input_of(&e.field), message(pages, lang, prefix, e))).collect();
        Inputs { refusals, labels: RefCell::new(HashMap::new()), pages, lang }
    }

    /// The catalogue's text for `key`.
    pub fn text(&self, key: &str) -> String {
        self.pages.text(self.lang, key)
    }

    /// One input for the template: id and name `name`, its label (`label_key`), what it holds, and its
    /// refusal; `within` names the group it sits in for the summary ("Section 2").
    pub fn field(&self, name: &str, within: &str, label_key: &str, value: &str) -> Value {
        let label = self.text(label_key);
        let summary_label = if within.is_empty() { label.clone() } else { format!("{within} — {label}") };
        self.labels.borrow_mut().insert(name.to_owned(), summary_label);
        let error: Vec<&str> =
            self.refusals.iter().filter(|(input, _)| input.as_deref() == Some(name)).map(|(_, m)| m.as_str()).collect();
        json!({
            "id": name,
            "name": name,
            "label": label,
            "value": value,
            "hint": Value::Null,
            "inputmode": Value::Null,
            "error": if error.is_empty() { Value::Null } else { json!(error.join(" ")) },
            "described_by": if error.is_empty() { Value::Null } else { json!(format!("{name}-error")) },
        })
    }

    /// The refusals of a group without an input of its own (a section with no criterion), joined;
    /// `label` names the group in the summary.
    pub fn group_error(&self, name: &str, label: &str) -> Value {
        self.labels.borrow_mut().insert(name.to_owned(), label.to_owned());
        let error: Vec<&str> =
            self.refusals.iter().filter(|(input, _)| input.as_deref() == Some(name)).map(|(_, m)| m.as_str()).collect();
        if error.is_empty() { Value::Null } else { json!(error.join(" ")) }
    }

    /// The summary at the top of the page: each refusal with a link to its input (or to `fallback`,
    /// the form, when the page has no input for it). Call it after laying out every input.
    pub fn summary(&self, fallback: &str, fallback_label: &str) -> Vec<Value> {
        let labels = self.labels.borrow();
        self.refusals
            .iter()
            .map(|(input, message)| {
                let known = input.as_deref().and_then(|name| labels.get(name).map(|label| (name, label.as_str())));
                let (target, label) = known.unwrap_or_else(|| (input.as_deref().unwrap_or(fallback), fallback_label));
                json!({ "target": target, "label": label, "message": message })
            })
            .collect()
    }
}
