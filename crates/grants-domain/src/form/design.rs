//! The application form as a manager designs it: sections and questions of the usual kinds, with labels
//! and help in both languages. It is read from the JSON Schema a call stores and written back to one, so
//! the stored form stays the schema the engine validates against and nobody edits JSON by hand.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{is_amount, is_country, resolve};
use crate::programme::Programme;

/// The answers the engine itself reads (eligibility, concept-note carry-over, ranking, open data): a
/// question at one of these paths keeps its place in the form and its kind; only its wording may change.
/// Paths name group fields without an index (`/budget/lines/amount`).
pub const ENGINE_FIELDS: &[&str] = &[
    "/lead",
    "/lead/name",
    "/lead/country",
    "/lead/organisation_type",
    "/partners",
    "/partners/name",
    "/partners/country",
    "/partners/role",
    "/action",
    "/action/title",
    "/action/summary",
    "/action/duration_months",
    "/action/countries",
    "/tags",
    "/tags/jvap_domains",
    "/tags/dialogues",
    "/tags/geographic_level",
    "/budget",
    "/budget/lines",
    "/budget/lines/category",
    "/budget/lines/description",
    "/budget/lines/amount",
    "/budget/total",
    "/budget/requested_amount",
    "/budget/own_contribution",
];

/// The kinds of question a form offers, each written to the schema in one fixed way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumString, strum::Display)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum QuestionKind {
    /// A heading grouping questions (an object).
    Section,
    /// A repeating group of fields, such as partners or budget lines (a list of objects).
    Group,
    /// One line of text.
    ShortText,
    /// Paragraphs of text.
    LongText,
    /// A list of short texts, such as objectives.
    TextList,
    /// A whole number.
    Number,
    /// An amount in euros.
    Money,
    /// A calendar date.
    Date,
    /// One choice among options.
    Choice,
    /// Any number of choices among options.
    Choices,
    /// One country of the call.
    Country,
    /// Several countries of the call.
    Countries,
    /// Yes or no.
    YesNo,
}

impl QuestionKind {
    /// Every kind, in the order the designer offers them.
    pub const ALL: [QuestionKind; 13] = [
        QuestionKind::ShortText,
        QuestionKind::LongText,
        QuestionKind::Number,
        QuestionKind::Money,
        QuestionKind::Date,
        QuestionKind::Choice,
        QuestionKind::Choices,
        QuestionKind::Country,
        QuestionKind::Countries,
        QuestionKind::YesNo,
        QuestionKind::TextList,
        QuestionKind::Group,
        QuestionKind::Section,
    ];

    /// Whether questions go inside it.
    pub fn has_children(self) -> bool {
        matches!(self, QuestionKind::Section | QuestionKind::Group)
    }

    /// Whether it offers options to choose from.
    pub fn has_choices(self) -> bool {
        matches!(self, QuestionKind::Choice | QuestionKind::Choices)
    }

    /// Whether its limits count characters (text), items (lists) or a value (numbers); None: no limits.
    pub fn limits(self) -> Option<Limits> {
        match self {
            QuestionKind::ShortText | QuestionKind::LongText => Some(Limits::Characters),
            QuestionKind::Number => Some(Limits::Value),
            QuestionKind::Group | QuestionKind::TextList | QuestionKind::Choices | QuestionKind::Countries => {
                Some(Limits::Items)
            }
            _ => None,
        }
    }
}

/// What a question's minimum and maximum count, so the designer can name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limits {
    /// Length of the text.
    Characters,
    /// The number itself.
    Value,
    /// How many items.
    Items,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Stored in the answers; stable once applications exist.
    pub code: String,
    /// Shown to English readers.
    pub en: String,
    /// Shown to French readers.
    pub fr: String,
}

/// One question (or section, or repeating group) of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Its key in the answers (snake_case), unique among its siblings.
    pub key: String,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// Label in English.
    pub en: String,
    /// Label in French.
    pub fr: String,
    /// Help under the label, in English (may be empty).
    pub help_en: String,
    /// Help under the label, in French (may be empty).
    pub help_fr: String,
    /// Whether an answer is needed to submit.
    pub required: bool,
    /// Smallest length, value or number of items.
    pub min: Option<u64>,
    /// Largest length, value or number of items.
    pub max: Option<u64>,
    /// The options of a choice question.
    pub choices: Vec<Choice>,
    /// The name of one item of a group or list, in English (`Budget line`).
    pub item_en: String,
    /// The name of one item of a group or list, in French.
    pub item_fr: String,
    /// The questions inside a section or group.
    pub children: Vec<Question>,
}

impl Question {
    /// A new question of `kind` labelled `en`/`fr`, its key made from the English label.
    pub fn new(kind: QuestionKind, en: &str, fr: &str, siblings: &[Question]) -> Question {
        Question {
            key: unique_key(en, siblings.iter().map(|s| s.key.as_str())),
            kind,
            en: en.trim().to_owned(),
            fr: fr.trim().to_owned(),
            help_en: String::new(),
            help_fr: String::new(),
            required: false,
            min: None,
            max: None,
            choices: Vec::new(),
            item_en: String::new(),
            item_fr: String::new(),
            children: Vec::new(),
        }
    }

    /// Its label in `lang`.
    pub fn label(&self, lang: crate::Language) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// A whole stage's form as the designer edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDesign {
    /// The form's title in English.
    pub en: String,
    /// The form's title in French.
    pub fr: String,
    /// Its questions and sections, in order.
    pub questions: Vec<Question>,
}

/// A snake_case key made from `label` (see [`crate::codes`]), different from every key in `taken`.
pub fn unique_key<'a>(label: &str, taken: impl IntoIterator<Item = &'a str>) -> String {
    let mut taken: std::collections::HashSet<String> = taken.into_iter().map(ToOwned::to_owned).collect();
    crate::codes::new_code(label, "question", &mut taken)
}

const SHORT_TEXT_MAX: u64 = 300;
const LONG_TEXT_MAX: u64 = 5000;

fn text(node: &Value, resolved: &Value, key: &str) -> String {
    node.get(key).or_else(|| resolved.get(key)).and_then(Value::as_str).unwrap_or_default().to_owned()
}

fn choices_of(node: &Value, programme: &Programme) -> Vec<Choice> {
    let labels = |key: &str| node.get(key).and_then(Value::as_object).cloned().unwrap_or_default();
    let (en, fr) = (labels("x-enum-labels"), labels("x-enum-labels-fr"));
    node.get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|code| {
            let own = |map: &Map<String, Value>| map.get(code).and_then(Value::as_str).map(ToOwned::to_owned);
            Choice {
                code: code.to_owned(),
                en: own(&en)
                    .or_else(|| programme.term_label(code, crate::Language::EN).map(ToOwned::to_owned))
                    .unwrap_or_else(|| code.replace('_', " ")),
                fr: own(&fr)
                    .or_else(|| programme.term_label(code, crate::Language::FR).map(ToOwned::to_owned))
                    .unwrap_or_else(|| code.replace('_', " ")),
            }
        })
        .collect()
}

fn number(node: &Value, key: &str) -> Option<u64> {
    node.get(key).and_then(Value::as_u64)
}

fn read_question(root: &Value, node: &Value, key: &str, required: bool, programme: &Programme) -> Question {
    let resolved = resolve(root, node);
    let mut question = Question::new(QuestionKind::ShortText, "", "", &[]);
    key.clone_into(&mut question.key);
    question.en = text(node, resolved, "title");
    question.fr = text(node, resolved, "x-title-fr");
    if question.fr.is_empty() {
        question.fr.clone_from(&question.en);
    }
    question.help_en = text(node, resolved, "description");
    question.help_fr = text(node, resolved, "x-description-fr");
    question.required = required;
    let kind = resolved.get("type").and_then(Value::as_str).unwrap_or("string");
    match kind {
        "object" => {
            question.kind = QuestionKind::Section;
            question.children = read_children(root, resolved, programme);
        }
        "array" => {
            let items_node = resolved.get("items").unwrap_or(&Value::Null);
            let items = resolve(root, items_node);
            question.min = number(resolved, "minItems");
            question.max = number(resolved, "maxItems");
            question.item_en = text(items_node, items, "title");
            question.item_fr = text(items_node, items, "x-title-fr");
            if items.get("type").and_then(Value::as_str) == Some("object") {
                question.kind = QuestionKind::Group;
                question.children = read_children(root, items, programme);
            } else if items.get("enum").is_some() {
                question.kind = QuestionKind::Choices;
                question.choices = choices_of(items, programme);
            } else if is_country(items) {
                question.kind = QuestionKind::Countries;
            } else {
                question.kind = QuestionKind::TextList;
            }
        }
        "integer" | "number" => {
            question.kind = QuestionKind::Number;
            question.min = number(resolved, "minimum");
            question.max = number(resolved, "maximum");
        }
        "boolean" => question.kind = QuestionKind::YesNo,
        _ => {
            if resolved.get("enum").is_some() {
                question.kind = QuestionKind::Choice;
                question.choices = choices_of(resolved, programme);
            } else if is_country(resolved) {
                question.kind = QuestionKind::Country;
            } else if is_amount(resolved) {
                question.kind = QuestionKind::Money;
            } else if resolved.get("format").and_then(Value::as_str) == Some("date") {
                question.kind = QuestionKind::Date;
            } else {
                let max = number(resolved, "maxLength");
                question.kind = if max.is_some_and(|m| m > SHORT_TEXT_MAX) {
                    QuestionKind::LongText
                } else {
                    QuestionKind::ShortText
                };
                question.min = number(resolved, "minLength").filter(|m| *m > 1);
                question.max = max;
            }
        }
    }
    question
}

fn read_children(root: &Value, object: &Value, programme: &Programme) -> Vec<Question> {
    let required: Vec<&str> =
        object.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    object
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(key, child)| read_question(root, child, key, required.contains(&key.as_str()), programme))
        .collect()
}

impl FormDesign {
    /// The design of a stored form schema; option labels missing from the schema come from the programme.
    pub fn read(schema: &Value, programme: &Programme) -> FormDesign {
        FormDesign {
            en: text(schema, schema, "title"),
            fr: text(schema, schema, "x-title-fr"),
            questions: read_children(schema, schema, programme),
        }
    }

    /// The JSON Schema (draft 2020-12) applicants' answers are validated against.
    pub fn schema(&self) -> Value {
        let mut root = object_schema(&self.questions);
        let map = root.as_object_mut().expect("an object schema");
        let mut head = Map::new();
        head.insert("$schema".into(), json!(super::DRAFT_2020_12));
        head.insert("title".into(), json!(self.en));
        head.insert("x-title-fr".into(), json!(self.fr));
        head.extend(std::mem::take(map));
        // The shared definitions (country codes, amounts) with their hints, as the programme's forms have them.
        head.insert("$defs".into(), super::mmd_full_application()["$defs"].clone());
        Value::Object(head)
    }

    /// The question at `path` (indexes from the top, e.g. `[2, 0]`).
    pub fn at(&self, path: &[usize]) -> Option<&Question> {
        let (first, rest) = path.split_first()?;
        rest.iter().try_fold(self.questions.get(*first)?, |q, i| q.children.get(*i))
    }

    /// The list holding the question at `path` (the top list for a one-step path), to edit in place.
    pub fn siblings_mut(&mut self, path: &[usize]) -> Option<&mut Vec<Question>> {
        let (_, parent) = path.split_last()?;
        self.children_mut(parent)
    }

    /// The questions inside the question at `parent` (the top list when `parent` is empty).
    pub fn children_mut(&mut self, parent: &[usize]) -> Option<&mut Vec<Question>> {
        let mut list = &mut self.questions;
        for index in parent {
            list = &mut list.get_mut(*index)?.children;
        }
        Some(list)
    }

    /// The answers path of the question at `path` without indexes (`/budget/lines/amount`).
    pub fn pointer(&self, path: &[usize]) -> String {
        let mut pointer = String::new();
        let mut list = &self.questions;
        for index in path {
            let Some(question) = list.get(*index) else { break };
            pointer.push('/');
            pointer.push_str(&question.key);
            list = &question.children;
        }
        pointer
    }

    /// Whether the engine reads the answer at `path`, so the question may not be removed or change kind.
    pub fn is_engine_field(&self, path: &[usize]) -> bool {
        ENGINE_FIELDS.contains(&self.pointer(path).as_str())
    }

    /// What is wrong with the design, as (question path, input, problem code) for the designer to put
    /// beside the input; empty when it can be stored.
    pub fn problems(&self) -> Vec<(Vec<usize>, &'static str, &'static str)> {
        let mut out = Vec::new();
        check_list(&self.questions, &mut Vec::new(), &mut out);
        out
    }

    /// Every engine question of `before` still present at its place and of the same kind in `self`.
    /// Returns the path of the first one missing.
    pub fn keeps_engine_fields(&self, before: &FormDesign) -> Result<(), String> {
        let now = flatten(&self.questions, "");
        for (pointer, kind) in flatten(&before.questions, "") {
            if ENGINE_FIELDS.contains(&pointer.as_str()) && !now.contains(&(pointer.clone(), kind)) {
                return Err(pointer);
            }
        }
        Ok(())
    }
}

fn check_list(questions: &[Question], path: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, &'static str, &'static str)>) {
    for (index, q) in questions.iter().enumerate() {
        path.push(index);
        for (field, problem) in q.problems() {
            out.push((path.clone(), field, problem));
        }
        check_list(&q.children, path, out);
        path.pop();
    }
}

impl Question {
    /// What is wrong with this question alone, as (input, problem code): blank labels, too few or
    /// unnamed options, limits the wrong way round, a section or group with nothing inside.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if self.en.trim().is_empty() {
            out.push(("en", "blank"));
        }
        if self.fr.trim().is_empty() {
            out.push(("fr", "blank"));
        }
        if self.kind.has_choices() {
            if self.choices.len() < 2 {
                out.push(("choices", "too_few_choices"));
            } else if self.choices.iter().any(|c| c.en.trim().is_empty() || c.fr.trim().is_empty()) {
                out.push(("choices", "choice_unnamed"));
            }
        }
        if let (Some(min), Some(max)) = (self.min, self.max)
            && min > max
        {
            out.push(("max", "min_above_max"));
        }
        match self.kind {
            QuestionKind::ShortText if self.max.is_some_and(|m| m == 0 || m > SHORT_TEXT_MAX) => {
                out.push(("max", "short_text_max"));
            }
            QuestionKind::LongText if self.max.is_some_and(|m| m <= SHORT_TEXT_MAX || m > 100_000) => {
                out.push(("max", "long_text_max"));
            }
            _ => {}
        }
        if self.kind.has_children() && self.children.is_empty() {
            out.push(("children", "empty_group"));
        }
        out
    }
}

fn flatten(questions: &[Question], prefix: &str) -> Vec<(String, QuestionKind)> {
    let mut out = Vec::new();
    for q in questions {
        let pointer = format!("{prefix}/{}", q.key);
        out.push((pointer.clone(), q.kind));
        out.extend(flatten(&q.children, &pointer));
    }
    out
}

fn object_schema(questions: &[Question]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for question in questions {
        properties.insert(question.key.clone(), question_schema(question));
        if question.required {
            required.push(json!(question.key));
        }
    }
    json!({ "type": "object", "properties": properties, "required": required, "additionalProperties": false })
}

fn labels(choices: &[Choice], fr: bool) -> Value {
    Value::Object(choices.iter().map(|c| (c.code.clone(), json!(if fr { &c.fr } else { &c.en }))).collect())
}

fn enum_schema(choices: &[Choice]) -> Value {
    json!({
        "type": "string",
        "enum": choices.iter().map(|c| c.code.clone()).collect::<Vec<_>>(),
        "x-enum-labels": labels(choices, false),
        "x-enum-labels-fr": labels(choices, true),
    })
}

fn item_titles(node: &mut Value, q: &Question) {
    if !q.item_en.is_empty() {
        node["title"] = json!(q.item_en);
        node["x-title-fr"] = json!(if q.item_fr.is_empty() { &q.item_en } else { &q.item_fr });
    }
}

fn question_schema(q: &Question) -> Value {
    let mut node = match q.kind {
        QuestionKind::Section => object_schema(&q.children),
        QuestionKind::Group => {
            let mut items = object_schema(&q.children);
            item_titles(&mut items, q);
            json!({ "type": "array", "items": items })
        }
        QuestionKind::TextList => {
            let mut items = json!({ "type": "string", "minLength": 1, "maxLength": 2000 });
            item_titles(&mut items, q);
            json!({ "type": "array", "items": items })
        }
        QuestionKind::Choices => json!({ "type": "array", "uniqueItems": true, "items": enum_schema(&q.choices) }),
        QuestionKind::Countries => {
            json!({ "type": "array", "uniqueItems": true, "items": { "$ref": "#/$defs/country_code" } })
        }
        QuestionKind::ShortText | QuestionKind::LongText => {
            let default = if q.kind == QuestionKind::LongText { LONG_TEXT_MAX } else { SHORT_TEXT_MAX };
            let min = q.min.unwrap_or(0).max(u64::from(q.required));
            let mut node = json!({ "type": "string", "maxLength": q.max.unwrap_or(default) });
            if min > 0 {
                node["minLength"] = json!(min);
            }
            node
        }
        QuestionKind::Number => {
            let mut node = json!({ "type": "integer" });
            if let Some(min) = q.min {
                node["minimum"] = json!(min);
            }
            if let Some(max) = q.max {
                node["maximum"] = json!(max);
            }
            node
        }
        QuestionKind::Money => json!({ "$ref": "#/$defs/money" }),
        QuestionKind::Date => json!({ "type": "string", "format": "date" }),
        QuestionKind::Choice => enum_schema(&q.choices),
        QuestionKind::Country => json!({ "$ref": "#/$defs/country_code" }),
        QuestionKind::YesNo => json!({ "type": "boolean" }),
    };
    if q.kind.limits() == Some(Limits::Items) {
        if let Some(min) = q.min.filter(|m| *m > 0) {
            node["minItems"] = json!(min);
        }
        if let Some(max) = q.max {
            node["maxItems"] = json!(max);
        }
    }
    let map = node.as_object_mut().expect("a question schema is an object");
    let mut head = Map::new();
    head.insert("title".into(), json!(q.en));
    head.insert("x-title-fr".into(), json!(q.fr));
    if !q.help_en.is_empty() {
        head.insert("description".into(), json!(q.help_en));
    }
    if !q.help_fr.is_empty() {
        head.insert("x-description-fr".into(), json!(q.help_fr));
    }
    head.extend(std::mem::take(map));
    Value::Object(head)
}

#[cfg(test)]
mod tests;
