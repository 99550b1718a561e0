//! The email templates: `templates/email/<event>/{subject,text,html}.<lang>.hbs` plus shared partials,
//! compiled into the binary and overridable file by file from a folder on disk.
//!
//! Handlebars runs in strict mode, so a template naming data the context lacks fails loudly instead of
//! sending a blank. Text parts are not HTML-escaped; HTML parts are.

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

/// The compiled templates of both languages.
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

impl Templates {
    /// The templates compiled into the binary.
    pub fn embedded() -> Result<Templates, NotifyError> {
        Templates::load(None)
    }

    /// The compiled-in templates, with any file under `overrides` (same layout) taking precedence.
    /// Every event must have its six files; a broken template stops start-up.
    pub fn load(overrides: Option<&Path>) -> Result<Templates, NotifyError> {
        let mut files = BTreeMap::new();
        collect_embedded(&EMBEDDED, &mut files);
        if let Some(folder) = overrides {
            collect_disk(folder, folder, &mut files)?;
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
        // A language's emails are there when its partials are; English must be.
        let written_in = Language::all().into_iter().map(Language::code).filter(|code| {
            *code == grants_i18n::FALLBACK || files.contains_key(&format!("partials/footer.text.{code}.hbs"))
        });
        for code in written_in {
            let mut text_registry = Handlebars::new();
            text_registry.set_strict_mode(true);
            text_registry.register_escape_fn(handlebars::no_escape);
            let mut html_registry = Handlebars::new();
            html_registry.set_strict_mode(true);
            let partial = |name: &str| {
                files
                    .get(&format!("partials/{name}.{code}.hbs"))
                    .ok_or_else(|| NotifyError::Template(format!("missing partials/{name}.{code}.hbs")))
            };
            let register = |registry: &mut Handlebars<'static>, name: &str, source: &str| {
                registry
                    .register_partial(name, source)
                    .map_err(|e| NotifyError::Template(format!("{name} ({code}): {e}")))
            };
            register(&mut text_registry, "footer_text", partial("footer.text")?)?;
            register(&mut html_registry, "header_html", partial("header.html")?)?;
            register(&mut html_registry, "footer_html", partial("footer.html")?)?;
            register(&mut text_registry, "decision_text", partial("decision.text")?)?;
            register(&mut html_registry, "decision_html", partial("decision.html")?)?;
            for event in &events {
                for part in PARTS {
                    let path = format!("{event}/{part}.{code}.hbs");
                    let source = files.get(&path).ok_or_else(|| NotifyError::Template(format!("missing {path}")))?;
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

    /// Renders `event` in `lang` with `context`: in English when no templates are written in `lang` (a
    /// language added by its page catalogue alone, before its emails are translated).
    pub fn render(&self, event: &str, lang: Language, context: &Value) -> Result<RenderedEmail, NotifyError> {
        let code = if self.text.contains_key(lang.code()) { lang.code() } else { grants_i18n::FALLBACK };
        if !self.events.iter().any(|e| e == event) {
            return Err(NotifyError::Template(format!("no templates for `{event}`")));
        }
        let text = &self.text[code];
        let html = &self.html[code];
        let fail =
            |part: &str, e: handlebars::RenderError| NotifyError::Template(format!("{event}/{part}.{code}: {e}"));
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
