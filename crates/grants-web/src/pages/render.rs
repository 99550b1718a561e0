//! The page templates (`templates/pages`), the Fluent catalogues (`templates/i18n/<lang>.ftl`, read by
//! `grants_i18n`) and the stylesheet, compiled into the binary. Handlebars runs in strict mode and
//! escapes everything it prints.

use std::collections::BTreeMap;

use grants_domain::Language;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde_json::{Map, Value};

pub use grants_i18n::Arg;

static PAGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/pages");
/// The stylesheet served at `/static/app.css`.
pub const STYLESHEET: &str = include_str!("../../../../templates/static/app.css");

/// The compiled pages and every language's catalogue.
pub struct Pages {
    registry: Handlebars<'static>,
    /// Each language's messages that pages show: the catalogue without its emails' sentences.
    strings: BTreeMap<String, Map<String, Value>>,
    languages: Value,
}

/// The start of the ids of the emails' sentences (`grants-notify` words emails with them): pages never
/// show them, so they stay out of every page's context.
const EMAIL_MESSAGES: &str = "email-";

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// The code of a language, as used in file names and `lang` attributes.
pub fn code(lang: Language) -> &'static str {
    lang.code()
}

impl Pages {
    /// Compiles every page and partial and reads the translations; a broken template or a missing
    /// translation file is a start-up error.
    pub fn load() -> Result<Pages, String> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        for file in PAGES.files() {
            register(&mut registry, file, false)?;
        }
        // The evaluation report is written in parts (head, one per section, tail) so it can be streamed.
        let report = PAGES.get_dir("reports/evaluation").ok_or("missing templates/pages/reports/evaluation")?;
        for file in report.files() {
            let part = file.path().file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            let source = file.contents_utf8().ok_or(format!("{} is not UTF-8", file.path().display()))?;
            registry
                .register_template_string(&format!("evaluation_report_{part}"), source)
                .map_err(|e| format!("{}: {e}", file.path().display()))?;
        }
        if let Some(partials) = PAGES.get_dir("partials") {
            for file in partials.files() {
                register(&mut registry, file, true)?;
            }
        }
        let catalogues = grants_i18n::catalogues()?;
        for lang in [Language::EN, Language::FR] {
            if !catalogues.contains_key(lang.code()) {
                return Err(format!("missing templates/i18n/{}.ftl", lang.code()));
            }
        }
        let languages = Language::all()
            .into_iter()
            .map(|lang| serde_json::json!({ "code": lang.code(), "name": lang.text("language-name", &[]) }))
            .collect();
        let strings = catalogues
            .iter()
            .map(|(code, catalogue)| {
                let shown = catalogue.strings().iter().filter(|(id, _)| !id.starts_with(EMAIL_MESSAGES));
                (code.clone(), shown.map(|(id, text)| (id.clone(), text.clone())).collect())
            })
            .collect();
        Ok(Pages { registry, strings, languages })
    }

    /// Every language a reader may choose, each named in itself (`English`, `Français`…): the language menu.
    pub fn languages(&self) -> &Value {
        &self.languages
    }

    /// Every message a page may show in a language (the emails' sentences left out), formatted once
    /// (variables left as `{name}`), for templates; a message the language's catalogue lacks is the
    /// English one.
    pub fn strings(&self, lang: Language) -> &Map<String, Value> {
        // A `Language` is only ever made from one of these catalogues' codes.
        &self.strings[code(lang)]
    }

    /// One message, or its key when missing (a test keeps both catalogues complete).
    pub fn text(&self, lang: Language, key: &str) -> String {
        self.strings(lang).get(key).and_then(Value::as_str).unwrap_or(key).to_owned()
    }

    /// One message with its variables, numbers choosing the wording by the language's plural rules; its
    /// key when missing.
    pub fn format(&self, lang: Language, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        grants_i18n::text(lang.code(), key, args)
    }

    /// Renders page `name` with `context`, which it takes: handlebars would otherwise copy the whole
    /// context (the catalogue's thousand messages among it) through serde on every page.
    pub fn render(&self, name: &str, context: Value) -> Result<String, String> {
        self.registry
            .render_with_context(name, &handlebars::Context::from(context))
            .map_err(|e| format!("page {name}: {e}"))
    }
}

fn register(registry: &mut Handlebars<'static>, file: &include_dir::File<'_>, partial: bool) -> Result<(), String> {
    let path = file.path();
    if path.extension().is_none_or(|e| e != "hbs") {
        return Ok(());
    }
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    let source = file.contents_utf8().ok_or(format!("{} is not UTF-8", path.display()))?;
    if partial {
        registry.register_partial(&name, source).map_err(|e| format!("{}: {e}", path.display()))
    } else {
        registry.register_template_string(&name, source).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_strings() {
        let pages = Pages::load().unwrap();
        let en: Vec<&String> = pages.strings(Language::EN).keys().collect();
        let fr: Vec<&String> = pages.strings(Language::FR).keys().collect();
        assert_eq!(en, fr);
        for (key, value) in pages.strings(Language::FR) {
            // The mark between groups of digits is a narrow no-break space: blank, yet not empty.
            let blank_allowed = key == "number-group";
            assert!(
                value.as_str().is_some_and(|v| !v.is_empty() && (blank_allowed || !v.trim().is_empty())),
                "{key} is empty in French"
            );
        }
    }

    #[test]
    fn every_state_and_action_has_a_label() {
        use strum::IntoEnumIterator;
        let pages = Pages::load().unwrap();
        for lang in [Language::EN, Language::FR] {
            let strings = pages.strings(lang);
            let mut missing: Vec<String> = Vec::new();
            // The pages label every state and action of the tables people act on (history, grant file,
            // evaluation); the outbox's states are labelled for the admin page.
            for lifecycle in grants_workflow::lifecycles::all() {
                let states = lifecycle.rows.iter().flat_map(|row| [row.from, row.to]);
                let (state_prefix, action_prefix) = match lifecycle.subject {
                    "call" => ("call_state_", "call_action_"),
                    "outbox" => ("outbox_status_", "outbox_action_"),
                    _ => ("state_", "action_"),
                };
                missing.extend(states.map(|s| format!("{state_prefix}{s}")));
                if lifecycle.subject != "outbox" {
                    missing.extend(lifecycle.rows.iter().map(|row| format!("{action_prefix}{}", row.action)));
                }
            }
            missing.extend(grants_workflow::AssignmentState::iter().map(|s| format!("assignment_status_{s}")));
            missing.retain(|key| !strings.contains_key(key));
            missing.sort();
            missing.dedup();
            assert!(missing.is_empty(), "{lang}: no label for {missing:?}");
            for guard in grants_workflow::lifecycles::guard_names() {
                assert!(
                    strings.contains_key(&format!("guard_{guard}")),
                    "guard_{guard}: its refusal is shown on pages"
                );
            }
        }
    }
}
