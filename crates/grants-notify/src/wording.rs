//! The handlebars helpers that word an email in its reader's language: `t` prints a sentence of the
//! language's catalogue (`templates/i18n/<code>.ftl`), `lang` the language's code. Each language's
//! registries get their own pair, bound to its code, so the templates themselves name no language.

use grants_i18n::Arg;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonRender, Output, RenderContext, RenderError,
    RenderErrorReason, ScopedJson,
};
use serde_json::Value;

use crate::NotifyError;

/// `{{t "email-greeting" name=recipient.name}}`: message `id` of the language's catalogue (English where it
/// lacks the message), the hash giving its variables. Text is inserted as it is and whole JSON numbers as
/// numbers, so the catalogue's plural rules choose the wording. It returns a value rather than writing one,
/// so the registry escapes it as it escapes any `{{value}}` (the HTML part does, the text part does not),
/// and a sentence can be a variable of another: `reference=(t "email-application-draft" id=application.id)`.
pub(crate) struct Sentence {
    /// The language's code.
    pub(crate) code: &'static str,
}

impl HelperDef for Sentence {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let id = h.param(0).and_then(|p| p.value().as_str()).ok_or(RenderErrorReason::ParamNotFoundForIndex("t", 0))?;
        if !is_known(id) {
            let unknown = NotifyError::Template(format!("no message `{id}` in templates/i18n/en.ftl"));
            return Err(RenderErrorReason::NestedError(Box::new(unknown)).into());
        }
        let mut numbers = Vec::new();
        let mut texts = Vec::new();
        for (name, value) in h.hash() {
            // Strict mode, as for `{{value}}`: data the context lacks is an error, not a blank.
            if value.is_value_missing() {
                return Err(RenderErrorReason::MissingVariable(value.relative_path().cloned()).into());
            }
            match value.value() {
                Value::Number(n) if n.is_i64() => numbers.push((*name, n.as_i64().unwrap_or_default())),
                other => texts.push((*name, other.render())),
            }
        }
        let args: Vec<(&str, Arg<'_>)> = numbers
            .iter()
            .map(|(name, n)| (*name, Arg::Number(*n)))
            .chain(texts.iter().map(|(name, text)| (*name, Arg::Text(text))))
            .collect();
        Ok(ScopedJson::Derived(Value::String(grants_i18n::text(self.code, id, &args))))
    }
}

/// `{{lang}}`: the language's code `code`, for the `lang` attribute of the HTML part.
pub(crate) fn code_helper(
    code: &'static str,
) -> impl Fn(&Helper<'_>, &Handlebars<'_>, &Context, &mut RenderContext<'_, '_>, &mut dyn Output) -> HelperResult + Send + Sync
{
    move |_, _, _, _, out| Ok(out.write(code)?)
}

/// Whether the English catalogue, which every other falls back to, has message `id`.
pub(crate) fn is_known(id: &str) -> bool {
    grants_i18n::catalogue(grants_i18n::FALLBACK).is_some_and(|english| english.strings().contains_key(id))
}

/// The message ids `source` asks for with `{{t "id" …}}` or `(t "id" …)`, to check them when the templates
/// are loaded rather than when an email is sent.
pub(crate) fn ids_asked_for(source: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    for opening in ["{{t \"", "(t \""] {
        for (at, _) in source.match_indices(opening) {
            let rest = &source[at + opening.len()..];
            if let Some(end) = rest.find('"') {
                ids.push(&rest[..end]);
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_a_template_asks_for_are_found() {
        let source = r#"{{t "email-greeting" name=recipient.name}} {{#if x}}{{t "a-b" r=(t "c-d" id=1)}}{{/if}}"#;
        let mut ids = ids_asked_for(source);
        ids.sort_unstable();
        assert_eq!(ids, ["a-b", "c-d", "email-greeting"]);
    }
}
