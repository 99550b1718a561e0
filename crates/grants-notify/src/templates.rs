//! The email templates: one folder per event, `templates/email/<event>/{subject,text,html}.hbs`, plus shared
//! partials (`partials/{header.html,footer.html,footer.text,decision.html,decision.text}.hbs`), compiled
//! into the binary and overridable file by file from a folder on disk.
//!
//! The templates hold the markup and the data; their sentences are the language catalogues' messages
//! (`templates/i18n/<code>.ftl`), printed by the `t` helper: `{{t "email-greeting" name=recipient.name}}`.
//! So every language with a catalogue has every email, and a message its catalogue lacks reads in English.
//! A template written for one language, `<event>/<part>.<code>.hbs` (say an operator's override written
//! before the sentences moved to the catalogues), is used for that language instead of the shared one.
//!
//! Handlebars runs in strict mode, so a template naming data the context lacks, or a message no catalogue
//! has, fails loudly instead of sending a blank. Text parts are not HTML-escaped; HTML parts are, the
//! sentences included.

use std::collections::BTreeMap;
use std::path::Path;

use grants_domain::Language;
use handlebars::Handlebars;
use include_dir::{Dir, include_dir};
use serde_json::Value;

use crate::NotifyError;

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/email");

const PARTS: [&str; 3] = ["subject", "text", "html"];

/// One rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedEmail {
    /// One line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
}

/// The compiled templates of every language there is a catalogue for: one text and one HTML registry per
/// language, each with its own `t` and `lang` helpers.
pub struct Templates {
    text: BTreeMap<&'static str, Handlebars<'static>>,
    html: BTreeMap<&'static str, Handlebars<'static>>,
    events: Vec<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("events", &self.events).finish_non_exhaustive()
    }
}

fn collect_embedded(dir: &Dir<'_>, files: &mut BTreeMap<String, String>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            files.insert(file.path().to_string_lossy().replace('\\', "/"), text.to_owned());
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, files);
    }
}

fn collect_disk(root: &Path, dir: &Path, files: &mut BTreeMap<String, String>) -> Result<(), NotifyError> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| NotifyError::Template(format!("reading {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_disk(root, &path, files)?;
        } else if path.extension().is_some_and(|e| e == "hbs") {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| NotifyError::Template(format!("reading {}: {e}", path.display())))?;
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            files.insert(relative, text);
        }
    }
    Ok(())
}

/// The partials every event may use: the name templates call them by, the file they are read from.
const PARTIALS: [(&str, &str); 5] = [
    ("footer_text", "footer.text"),
    ("header_html", "header.html"),
    ("footer_html", "footer.html"),
    ("decision_text", "decision.text"),
    ("decision_html", "decision.html"),
];

/// The source of template `name` (`call_closed/subject`, `partials/footer.text`) in language `code`: the one
/// written for that language if there is one, else the shared one.
fn source_of<'a>(
    files: &'a BTreeMap<String, String>,
    name: &str,
    code: &str,
) -> Result<(String, &'a str), NotifyError> {
    [format!("{name}.{code}.hbs"), format!("{name}.hbs")]
        .into_iter()
        .find_map(|path| files.get(&path).map(|text| (path, text.as_str())))
        .ok_or_else(|| NotifyError::Template(format!("missing {name}.hbs")))
}

/// A text or HTML registry of language `code`: strict, with the language's `t` and `lang` helpers.
fn registry(code: &'static str, html: bool) -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    if !html {
        registry.register_escape_fn(handlebars::no_escape);
    }
    registry.register_helper("t", Box::new(crate::wording::Sentence { code }));
    registry.register_helper("lang", Box::new(crate::wording::code_helper(code)));
    registry
}

/// Refuses a template asking for a message the English catalogue (which every other falls back to) lacks.
fn check_messages(path: &str, source: &str) -> Result<(), NotifyError> {
    match crate::wording::ids_asked_for(source).into_iter().find(|id| !crate::wording::is_known(id)) {
        Some(id) => Err(NotifyError::Template(format!("{path}: no message `{id}` in templates/i18n/en.ftl"))),
        None => Ok(()),
    }
}

impl Templates {
    /// The templates compiled into the binary.
    pub fn embedded() -> Result<Templates, NotifyError> {
        Templates::load(None)
    }

    /// The compiled-in templates, with any file under `overrides` (same layout) taking precedence, for every
    /// language of [`Language::all`]. Every event must have its three parts; a broken template, or one
    /// asking for a message the catalogues lack, stops start-up.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, NotifyError> {
        let mut files = BTreeMap::new();
        collect_embedded(&EMBEDDED, &mut files);
        if let Some(folder) = overrides {
            collect_disk(folder, folder, &mut files)?;
        }
        grants_i18n::catalogues().map_err(NotifyError::Template)?;
        for (path, text) in &files {
            check_messages(path, text)?;
        }
        let events: Vec<String> = files
            .keys()
            .filter_map(|path| path.split_once('/').map(|(event, _)| event.to_owned()))
            .filter(|event| event != "partials")
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut text = BTreeMap::new();
        let mut html = BTreeMap::new();
        for code in Language::all().into_iter().map(Language::code) {
            let mut text_registry = registry(code, false);
            let mut html_registry = registry(code, true);
            for (name, file) in PARTIALS {
                let (path, source) = source_of(&files, &format!("partials/{file}"), code)?;
                let registry = if file.ends_with("html") { &mut html_registry } else { &mut text_registry };
                registry.register_partial(name, source).map_err(|e| NotifyError::Template(format!("{path}: {e}")))?;
            }
            for event in &events {
                for part in PARTS {
                    let (path, source) = source_of(&files, &format!("{event}/{part}"), code)?;
                    let registry = if part == "html" { &mut html_registry } else { &mut text_registry };
                    registry
                        .register_template_string(&format!("{event}/{part}"), source)
                        .map_err(|e| NotifyError::Template(format!("{path}: {e}")))?;
                }
            }
            text.insert(code, text_registry);
            html.insert(code, html_registry);
        }
        Ok(Templates { text, html, events })
    }

    /// Every event that has templates.
    pub fn events(&self) -> &[String] {
        &self.events
    }

    /// Renders `event` in `lang` with `context`: the sentences from `lang`'s catalogue, English for any it
    /// lacks.
    pub fn render(&self, event: &str, lang: Language, context: &Value) -> Result<RenderedEmail, NotifyError> {
        // Every `Language` has a catalogue, and so registries; English stands in should one be made later.
        let code = if self.text.contains_key(lang.code()) { lang.code() } else { grants_i18n::FALLBACK };
        if !self.events.iter().any(|e| e == event) {
            return Err(NotifyError::Template(format!("no templates for `{event}`")));
        }
        let text = &self.text[code];
        let html = &self.html[code];
        let fail =
            |part: &str, e: handlebars::RenderError| NotifyError::Template(format!("{event}/{part} ({code}): {e}"));
        let subject = text.render(&format!("{event}/subject"), context).map_err(|e| fail("subject", e))?;
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        let body = html.render(&format!("{event}/html"), context).map_err(|e| fail("html", e))?;
        let page = format!(
            "<!DOCTYPE html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{body}</body></html>\n",
            handlebars::html_escape(&subject)
        );
        Ok(RenderedEmail {
            text: text.render(&format!("{event}/text"), context).map_err(|e| fail("text", e))?,
            html: page,
            subject,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::{EMBEDDED, collect_embedded};
    use crate::wording::ids_asked_for;

    #[test]
    fn templates_are_the_same_for_every_language_and_their_sentences_are_written_in_english_and_french() {
        let mut files = BTreeMap::new();
        collect_embedded(&EMBEDDED, &mut files);
        let english = grants_i18n::catalogue("en").unwrap();
        let french = grants_i18n::catalogue("fr").unwrap();
        let mut asked = BTreeSet::new();
        for (name, source) in &files {
            let stem = name.strip_suffix(".hbs").unwrap_or_else(|| panic!("{name} is not a template"));
            let language = std::path::Path::new(stem).extension().and_then(|e| e.to_str());
            assert!(!matches!(language, Some("en" | "fr")), "{name}: one template serves every language");
            for id in ids_asked_for(source) {
                assert!(english.format(id, &[]).is_some(), "{name}: {id} is not in en.ftl");
                assert!(french.format(id, &[]).is_some(), "{name}: {id} is not in fr.ftl");
                asked.insert(id.to_owned());
            }
        }
        assert!(files.len() > 100, "every event's three parts and the partials: {}", files.len());
        // `email-report-kind` is asked for by the context, which words a report's kind before templates see it.
        let unused: Vec<&String> = english
            .strings()
            .keys()
            .filter(|id| id.starts_with("email-") && *id != "email-report-kind" && !asked.contains(*id))
            .collect();
        assert!(unused.is_empty(), "messages no email template asks for: {unused:?}");
    }
}
