//! One language's catalogue, read with the `fluent-bundle` library: plural and other variants follow the
//! language's CLDR rules, so adding a language means adding its catalogue, not code that knows its grammar.
//!
//! Pages get every message formatted once (`strings`), a variable left as `{name}` for the few places
//! that fill it in themselves; messages with variables are otherwise formatted with them (`format`).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use serde_json::{Map, Value};
use unic_langid::LanguageIdentifier;

/// One language's messages: the Fluent bundle, and every message formatted without numbers.
pub struct Catalogue {
    bundle: FluentBundle<FluentResource>,
    strings: Map<String, Value>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue").field("messages", &self.strings.len()).finish_non_exhaustive()
    }
}

/// A value given to a message: text, or a number that may choose the wording (`one`, `few`, `other`…).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Inserted as it is.
    Text(&'a str),
    /// Formatted as a number, and used by the language's plural rules.
    Number(i64),
}

impl Catalogue {
    /// Reads catalogue `source` for language `code` (`en`, `fr`, or any BCP 47 tag); any syntax error, a
    /// message defined twice or a message without a value is refused with its place.
    pub fn parse(code: &str, source: &str) -> Result<Catalogue, String> {
        let resource = FluentResource::try_new(source.to_owned())
            .map_err(|(_, errors)| format!("{code}.ftl: {}", describe(source, &errors)))?;
        let mut messages: Vec<(String, Vec<String>)> = Vec::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let Some(pattern) = &message.value else {
                    return Err(format!("{code}.ftl: message {} has no text", message.id.name));
                };
                let mut variables = Vec::new();
                pattern_variables(pattern, &mut variables);
                messages.push((message.id.name.to_owned(), variables));
            }
        }
        let language: LanguageIdentifier = code.parse().map_err(|e| format!("{code}.ftl: {e}"))?;
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // Pages are left to right and HTML-escaped; isolation marks would only add invisible characters.
        bundle.set_use_isolating(false);
        bundle.add_resource(resource).map_err(|errors| format!("{code}.ftl: {errors:?}"))?;
        let mut catalogue = Catalogue { bundle, strings: Map::new() };
        for (id, variables) in messages {
            let kept: Vec<(String, String)> = variables.iter().map(|v| (v.clone(), format!("{{{v}}}"))).collect();
            let args: Vec<(&str, Arg<'_>)> = kept.iter().map(|(k, v)| (k.as_str(), Arg::Text(v.as_str()))).collect();
            let text =
                catalogue.format(&id, &args).ok_or_else(|| format!("{code}.ftl: message {id} cannot be formatted"))?;
            catalogue.strings.insert(id, Value::String(text));
        }
        Ok(catalogue)
    }

    /// Every message formatted once, variables left as `{name}`: what templates print.
    pub fn strings(&self) -> &Map<String, Value> {
        &self.strings
    }

    /// Takes the messages this catalogue lacks from `fallback` (the English ones), so a catalogue being
    /// translated still fills every page: what is not yet translated reads in English.
    pub(crate) fn fill_from(&mut self, fallback: &Map<String, Value>) {
        for (id, text) in fallback {
            if !self.strings.contains_key(id) {
                self.strings.insert(id.clone(), text.clone());
            }
        }
    }

    /// Message `id` with `args`; None when there is no such message.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }
}

/// Each syntax error with the line of the message it breaks, so whoever edits the catalogue goes straight to it.
fn describe(source: &str, errors: &[fluent_syntax::parser::ParserError]) -> String {
    let line = |at: usize| source.get(..at).map_or(0, |before| before.matches('\n').count()) + 1;
    let start = |e: &fluent_syntax::parser::ParserError| e.slice.as_ref().map_or(e.pos.start, |entry| entry.start);
    errors.iter().map(|e| format!("line {}: {:?}", line(start(e)), e.kind)).collect::<Vec<_>>().join("; ")
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } if !out.iter().any(|v| v == id.name) => {
            out.push(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
