//! The application form designer: the phase's questions listed in order (move, remove, add), one page per
//! question (kind, labels and help in both languages, required, limits, options), saved as the JSON Schema
//! the engine validates answers against. Questions the engine reads keep their place and kind.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use grants_domain::call::Stage;
use grants_domain::form::design::{Choice, FormDesign, Limits, Question, QuestionKind};
use grants_domain::{Language, ValidationErrors};
use grants_store::{Call, StoreError};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{
    DraftPage, DraftPost, nav, no_such_stage, posted_field, posted_version, save_settings, stage_asked, stage_links,
    stage_path,
};
use crate::pages::session::Visitor;
use crate::pages::{context, done, failure_page, page};
use crate::{AppError, AppState};

/// Which form and which question a designer page is about, from its address.
#[derive(Debug, Default, Deserialize)]
pub struct Target {
    /// `full_application` (default) or `concept_note`.
    #[serde(default)]
    #[serde(rename = "stage")]
    pub phase: Option<String>,
    /// The question edited, as indexes from the top (`2.1`).
    #[serde(default)]
    pub at: Option<String>,
    /// Where a new question goes (`2`; empty: the top of the form).
    #[serde(default)]
    pub parent: Option<String>,
}

fn stored_design(state: &AppState, call: &Call, phase: Stage) -> FormDesign {
    let schema = match phase {
        Stage::ConceptNote => call.settings.forms.concept_note.clone().unwrap_or(Value::Null),
        Stage::FullApplication => call.settings.forms.full_application.clone(),
    };
    FormDesign::read(&schema, state.store.programme())
}

fn parse_path(text: &str) -> Option<Vec<usize>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split('.').map(|part| part.parse().ok()).collect()
}

fn path_text(path: &[usize]) -> String {
    path.iter().map(ToString::to_string).collect::<Vec<_>>().join(".")
}

fn kind_label(state: &AppState, lang: Language, kind: QuestionKind) -> String {
    state.pages.text(lang, &format!("question_kind_{kind}"))
}

fn rows(state: &AppState, visitor: &Visitor, design: &FormDesign) -> Vec<Value> {
    fn walk(
        state: &AppState,
        visitor: &Visitor,
        design: &FormDesign,
        list: &[Question],
        path: &mut Vec<usize>,
        out: &mut Vec<Value>,
    ) {
        for (index, question) in list.iter().enumerate() {
            path.push(index);
            let at = path_text(path);
            out.push(json!({
                "at": at,
                "anchor": format!("q-{}", at.replace('.', "-")),
                "depth": path.len() - 1,
                "label": question.label(visitor.lang),
                "kind": kind_label(state, visitor.lang, question.kind),
                "required": question.required,
                "engine": design.is_engine_field(path),
                "first": index == 0,
                "last": index + 1 == list.len(),
                "holds": question.kind.has_children(),
                "empty": question.kind.has_children() && question.children.is_empty(),
            }));
            walk(state, visitor, design, &question.children, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(state, visitor, design, &design.questions, &mut Vec::new(), &mut out);
    out
}

fn render_list(
    state: &AppState,
    visitor: &Visitor,
    call: &Call,
    phase: Stage,
    design: &FormDesign,
    problem: Option<&str>,
    status: StatusCode,
) -> Response {
    let ctx = context(
        state,
        visitor,
        "title_design_form",
        json!({
            "call_title": call.rules.title(visitor.lang),
            "call_id": call.id,
            "design_nav": nav(state, visitor, call.id, "form"),
            "stages": stage_links(state, visitor, call, "form", phase, "design_stage_"),
            "stage": phase.to_string(),
            "action": format!("/calls/{}/design/form", call.id),
            "question_action": format!("/calls/{}/design/question", call.id),
            "preview": stage_path(call.id, "preview", phase),
            "version": call.version,
            "rows": rows(state, visitor, design),
            "problem": problem,
        }),
    );
    page(state, status, "design_form", ctx)
}

/// The phase's questions in order (managers, draft calls).
pub async fn show(
    State(state): State<AppState>,
    DraftPage { visitor, call }: DraftPage,
    Query(target): Query<Target>,
) -> Response {
    let Some(phase) = stage_asked(&call, target.phase.as_deref()) else { return no_such_stage(&state, &visitor) };
    let design = stored_design(&state, &call, phase);
    render_list(&state, &visitor, &call, phase, &design, None, StatusCode::OK)
}

/// Moves or removes a question and saves at once; an engine question cannot be removed.
pub async fn reorder(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let id = call.id;
    let field = |name: &str| posted_field(&fields, name);
    let Some(phase) = stage_asked(&call, field("stage")) else { return no_such_stage(&state, &visitor) };
    let before = stored_design(&state, &call, phase);
    let mut design = before.clone();
    let (op, at) = field("op").and_then(|op| op.split_once(':')).unwrap_or_default();
    let Some(path) = parse_path(at).filter(|p| !p.is_empty() && design.at(p).is_some()) else {
        let problem = state.pages.text(visitor.lang, "design_question_gone");
        return render_list(&state, &visitor, &call, phase, &design, Some(&problem), StatusCode::CONFLICT);
    };
    let index = *path.last().unwrap_or(&0);
    let engine = design.is_engine_field(&path);
    let Some(list) = design.siblings_mut(&path) else {
        return render_list(&state, &visitor, &call, phase, &before, None, StatusCode::CONFLICT);
    };
    let flash = match op {
        "up" if index > 0 => {
            list.swap(index, index - 1);
            "question_moved"
        }
        "down" if index + 1 < list.len() => {
            list.swap(index, index + 1);
            "question_moved"
        }
        "remove" if !engine => {
            list.remove(index);
            "question_removed"
        }
        "remove" => {
            let problem = state.pages.text(visitor.lang, "design_engine_question");
            return render_list(&state, &visitor, &call, phase, &before, Some(&problem), StatusCode::CONFLICT);
        }
        _ => return render_list(&state, &visitor, &call, phase, &before, None, StatusCode::OK),
    };
    let location = stage_path(id, "form", phase);
    match store(&state, &call, phase, &before, &design, posted_version(&fields)).await {
        Ok(()) => done(&state, &location, flash),
        Err(refusal) => {
            let (status, text) = refusal.explain(&state, visitor.lang);
            render_list(&state, &visitor, &call, phase, &before, Some(&text), status)
        }
    }
}

/// Why a designed form was not stored.
pub(super) enum Refusal {
    /// An engine question went missing (its path).
    EngineField,
    /// The store refused (stale version, frozen call, invalid settings).
    Store(StoreError),
}

impl Refusal {
    /// The status and the sentence a designer page shows for it.
    pub(super) fn explain(self, state: &AppState, lang: Language) -> (StatusCode, String) {
        match self {
            Refusal::EngineField => (StatusCode::CONFLICT, state.pages.text(lang, "design_engine_question")),
            Refusal::Store(StoreError::StaleVersion { .. }) => {
                (StatusCode::CONFLICT, state.pages.text(lang, "design_saved_meanwhile"))
            }
            Refusal::Store(StoreError::WrongState { .. }) => {
                (StatusCode::CONFLICT, state.pages.text(lang, "call_rules_frozen"))
            }
            Refusal::Store(StoreError::Validation(v)) => (StatusCode::UNPROCESSABLE_ENTITY, invalid_text(&v)),
            Refusal::Store(other) => {
                let err = AppError::from(other);
                (err.status(), crate::pages::refusal::explain(&state.pages, lang, &err))
            }
        }
    }
}

fn invalid_text(errors: &ValidationErrors) -> String {
    errors.errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
}

async fn store(
    state: &AppState,
    call: &Call,
    phase: Stage,
    before: &FormDesign,
    design: &FormDesign,
    version: Option<i32>,
) -> Result<(), Refusal> {
    design.keeps_engine_fields(before).map_err(|_| Refusal::EngineField)?;
    let mut settings = call.settings.clone();
    match phase {
        Stage::ConceptNote => settings.forms.concept_note = Some(design.schema()),
        Stage::FullApplication => settings.forms.full_application = design.schema(),
    }
    save_settings(state, call, settings, version).await.map(|_| ()).map_err(Refusal::Store)
}

/// What the question page shows and reads back, as text.
#[derive(Debug, Clone, Default)]
struct QuestionForm {
    kind: String,
    en: String,
    fr: String,
    help_en: String,
    help_fr: String,
    required: bool,
    min: String,
    max: String,
    choices: String,
    item_en: String,
    item_fr: String,
}

impl QuestionForm {
    fn of(question: &Question) -> QuestionForm {
        QuestionForm {
            kind: question.kind.to_string(),
            en: question.en.clone(),
            fr: question.fr.clone(),
            help_en: question.help_en.clone(),
            help_fr: question.help_fr.clone(),
            required: question.required,
            min: question.min.map(|m| m.to_string()).unwrap_or_default(),
            max: question.max.map(|m| m.to_string()).unwrap_or_default(),
            choices: question.choices.iter().map(|c| format!("{} | {}", c.en, c.fr)).collect::<Vec<_>>().join("\n"),
            item_en: question.item_en.clone(),
            item_fr: question.item_fr.clone(),
        }
    }

    fn posted(fields: &[(String, String)]) -> QuestionForm {
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        QuestionForm {
            kind: get("kind"),
            en: get("en"),
            fr: get("fr"),
            help_en: get("help_en"),
            help_fr: get("help_fr"),
            required: fields.iter().any(|(k, _)| k == "required"),
            min: get("min"),
            max: get("max"),
            choices: get("choices"),
            item_en: get("item_en"),
            item_fr: get("item_fr"),
        }
    }

    /// The question as typed over `base` (its key and children kept), or the inputs at fault.
    fn apply(&self, base: &Question, kind_fixed: bool) -> Result<Question, Vec<(&'static str, &'static str)>> {
        let mut problems = Vec::new();
        let kind = if kind_fixed {
            base.kind
        } else {
            self.kind.parse::<QuestionKind>().unwrap_or_else(|_| {
                problems.push(("kind", "unknown_kind"));
                base.kind
            })
        };
        let mut number = |text: &str, input: &'static str| {
            let text = text.trim().replace([' ', '\u{a0}', '\u{202f}'], "");
            if text.is_empty() {
                return None;
            }
            text.parse::<u64>().map_err(|_| problems.push((input, "not_a_whole_number"))).ok()
        };
        let min = number(&self.min, "min");
        let max = number(&self.max, "max");
        let question = Question {
            key: base.key.clone(),
            kind,
            en: self.en.trim().to_owned(),
            fr: self.fr.trim().to_owned(),
            help_en: self.help_en.trim().to_owned(),
            help_fr: self.help_fr.trim().to_owned(),
            required: self.required,
            min: kind.limits().and(min),
            max: kind.limits().and(max),
            choices: if kind.has_choices() { choices(&self.choices, &base.choices) } else { Vec::new() },
            item_en: self.item_en.trim().to_owned(),
            item_fr: self.item_fr.trim().to_owned(),
            children: if kind.has_children() { base.children.clone() } else { Vec::new() },
        };
        problems.extend(question.problems().into_iter().filter(|(input, _)| *input != "children"));
        if problems.is_empty() { Ok(question) } else { Err(problems) }
    }
}

/// Options typed one per line, `English | Français` (one label serves both when there is no bar); codes of
/// options that were already there are kept, so stored answers keep their meaning.
fn choices(text: &str, before: &[Choice]) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (en, fr) = line.split_once('|').map_or((line, line), |(en, fr)| (en.trim(), fr.trim()));
        let code = before.iter().find(|c| c.en == en || c.fr == fr).map_or_else(
            || grants_domain::form::design::unique_key(en, out.iter().map(|c| c.code.as_str())),
            |c| c.code.clone(),
        );
        if out.iter().any(|c| c.code == code) {
            continue;
        }
        out.push(Choice { code, en: en.to_owned(), fr: fr.to_owned() });
    }
    out
}

struct QuestionPage<'a> {
    call: &'a Call,
    phase: Stage,
    /// Editing `at`, or adding under `parent`.
    at: Option<Vec<usize>>,
    parent: Vec<usize>,
    engine: bool,
    top_level: bool,
}

fn render_question(
    state: &AppState,
    visitor: &Visitor,
    shown: &QuestionPage<'_>,
    form: &QuestionForm,
    problems: &[(&'static str, &'static str)],
    problem: Option<&str>,
    status: StatusCode,
) -> Response {
    let t = |key: &str| state.pages.text(visitor.lang, key);
    let error = |input: &str| {
        let messages: Vec<String> = problems
            .iter()
            .filter(|(i, _)| *i == input)
            .map(|(_, code)| t(&format!("design_problem_{code}")))
            .collect();
        if messages.is_empty() { Value::Null } else { json!(messages.join(" ")) }
    };
    let kinds: Vec<Value> = QuestionKind::ALL
        .into_iter()
        .filter(|k| *k != QuestionKind::Section || shown.top_level)
        .map(|k| json!({ "value": k.to_string(), "label": kind_label(state, visitor.lang, k), "selected": form.kind == k.to_string() }))
        .collect();
    let kind = form.kind.parse::<QuestionKind>().ok();
    let limits = kind.and_then(QuestionKind::limits).map(|l| match l {
        Limits::Characters => "characters",
        Limits::Value => "value",
        Limits::Items => "items",
    });
    let summary: Vec<Value> = problems
        .iter()
        .map(|(input, code)| json!({ "target": format!("question-{input}"), "message": t(&format!("design_problem_{code}")) }))
        .collect();
    let inputs = ["kind", "en", "fr", "help_en", "help_fr", "min", "max", "choices", "item_en", "item_fr"];
    let errors: serde_json::Map<String, Value> = inputs.iter().map(|i| ((*i).to_owned(), error(i))).collect();
    let list = stage_path(shown.call.id, "form", shown.phase);
    let ctx = context(
        state,
        visitor,
        if shown.at.is_some() { "title_design_question" } else { "title_design_new_question" },
        json!({
            "call_title": shown.call.rules.title(visitor.lang),
            "design_nav": nav(state, visitor, shown.call.id, "form"),
            "action": format!("/calls/{}/design/question", shown.call.id),
            "back": list,
            "stage": shown.phase.to_string(),
            "at": shown.at.as_deref().map(path_text),
            "parent": path_text(&shown.parent),
            "version": shown.call.version,
            "engine": shown.engine,
            "kinds": kinds,
            "kind_label": kind.map(|k| kind_label(state, visitor.lang, k)),
            "limits": limits,
            // A new question shows every detail (the kind is chosen on the same page); an existing one
            // only those its kind uses.
            "show_limits": shown.at.is_none() || limits.is_some(),
            "show_choices": shown.at.is_none() || kind.is_some_and(QuestionKind::has_choices),
            "show_items": shown.at.is_none() || matches!(kind, Some(QuestionKind::Group | QuestionKind::TextList)),
            "form": {
                "en": form.en, "fr": form.fr, "help_en": form.help_en, "help_fr": form.help_fr,
                "required": form.required, "min": form.min, "max": form.max, "choices": form.choices,
                "item_en": form.item_en, "item_fr": form.item_fr,
            },
            "field_errors": errors,
            "errors": summary,
            "problem": problem,
        }),
    );
    page(state, status, "design_question", ctx)
}

/// One question's page: an existing one (`at`), or a new one under `parent` (managers, draft calls).
pub async fn question(
    State(state): State<AppState>,
    DraftPage { visitor, call }: DraftPage,
    Query(target): Query<Target>,
) -> Response {
    let Some(phase) = stage_asked(&call, target.phase.as_deref()) else { return no_such_stage(&state, &visitor) };
    let design = stored_design(&state, &call, phase);
    let at = target.at.as_deref().and_then(parse_path).filter(|p| !p.is_empty());
    let parent = match &at {
        Some(path) => path[..path.len() - 1].to_vec(),
        None => target.parent.as_deref().and_then(parse_path).unwrap_or_default(),
    };
    let (form, engine) = match &at {
        Some(path) => match design.at(path) {
            Some(question) => (QuestionForm::of(question), design.is_engine_field(path)),
            None => return failure_page(&state, &visitor, &AppError::from(StoreError::NotFound("question"))),
        },
        None => (QuestionForm { kind: QuestionKind::ShortText.to_string(), ..QuestionForm::default() }, false),
    };
    let shown = QuestionPage { call: &call, phase, top_level: parent.is_empty(), at, parent, engine };
    render_question(&state, &visitor, &shown, &form, &[], None, StatusCode::OK)
}

/// Saves one question (new or edited); refusals come back beside their inputs with everything kept.
pub async fn save_question(State(state): State<AppState>, DraftPost { visitor, call, fields }: DraftPost) -> Response {
    let id = call.id;
    let field = |name: &str| posted_field(&fields, name);
    let Some(phase) = stage_asked(&call, field("stage")) else { return no_such_stage(&state, &visitor) };
    let before = stored_design(&state, &call, phase);
    let at = field("at").and_then(parse_path).filter(|p| !p.is_empty());
    let parent = match &at {
        Some(path) => path[..path.len() - 1].to_vec(),
        None => field("parent").and_then(parse_path).unwrap_or_default(),
    };
    let engine = at.as_ref().is_some_and(|p| before.is_engine_field(p));
    let form = QuestionForm::posted(&fields);
    let shown = QuestionPage { call: &call, phase, top_level: parent.is_empty(), at: at.clone(), parent, engine };
    let mut design = before.clone();
    let Some(siblings) = design.children_mut(&shown.parent) else {
        return failure_page(&state, &visitor, &AppError::from(StoreError::NotFound("question")));
    };
    let base = match &at {
        Some(path) => match siblings.get(path[path.len() - 1]) {
            Some(existing) => existing.clone(),
            None => return failure_page(&state, &visitor, &AppError::from(StoreError::NotFound("question"))),
        },
        None => Question::new(QuestionKind::ShortText, &form.en, &form.fr, siblings),
    };
    let question = match form.apply(&base, engine) {
        Ok(question) if question.kind == QuestionKind::Section && !shown.top_level => {
            let problems = [("kind", "section_inside")];
            return render_question(&state, &visitor, &shown, &form, &problems, None, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Ok(question) => question,
        Err(problems) => {
            return render_question(&state, &visitor, &shown, &form, &problems, None, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let saved_at = if let Some(path) = &at {
        siblings[path[path.len() - 1]] = question;
        path.clone()
    } else {
        siblings.push(question);
        let mut path = shown.parent.clone();
        path.push(siblings.len() - 1);
        path
    };
    let holds = design.at(&saved_at).is_some_and(|q| q.kind.has_children());
    match store(&state, &call, phase, &before, &design, posted_version(&fields)).await {
        Ok(()) => {
            let location = if holds && at.is_none() {
                // A new section or group is empty: go straight to adding its first question.
                format!("/calls/{id}/design/question?stage={phase}&parent={}", path_text(&saved_at))
            } else {
                format!("{}#q-{}", stage_path(id, "form", phase), path_text(&saved_at).replace('.', "-"))
            };
            done(&state, &location, "question_saved")
        }
        Err(refusal) => {
            let (status, text) = refusal.explain(&state, visitor.lang);
            render_question(&state, &visitor, &shown, &form, &[], Some(&text), status)
        }
    }
}
