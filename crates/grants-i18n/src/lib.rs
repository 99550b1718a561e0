//! Every sentence the product shows or sends, one Fluent catalogue per language
//! (`templates/i18n/<code>.ftl`), compiled into the binary and parsed once.
//!
//! Code asks for a message by id, in a language given by its code (`en`, `fr`…), with its variables:
//! [`text`]. A language is whatever catalogue file is there, so a third one needs no change here. Numbers
//! are passed as numbers ([`Arg::Number`]) so each language's CLDR plural rules choose the wording.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};

mod catalogue;

pub use catalogue::{Arg, Catalogue};

static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/i18n");

/// The language a message falls back to when a catalogue is missing.
pub const FALLBACK: &str = "en";

static CATALOGUES: LazyLock<Result<BTreeMap<String, Catalogue>, String>> = LazyLock::new(|| {
    let mut catalogues = BTreeMap::new();
    for file in FILES.files() {
        let path = file.path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let code = path.file_stem().and_then(|s| s.to_str()).ok_or(format!("{}: bad name", path.display()))?;
        let source = file.contents_utf8().ok_or(format!("templates/i18n/{code}.ftl is not UTF-8"))?;
        catalogues.insert(code.to_owned(), Catalogue::parse(code, source)?);
    }
    if !catalogues.contains_key(FALLBACK) {
        return Err(format!("missing templates/i18n/{FALLBACK}.ftl"));
    }
    Ok(catalogues)
});

/// Every compiled-in catalogue by language code, or why one of them is broken: call it at start-up so a
/// broken catalogue stops the service there rather than showing message ids later.
pub fn catalogues() -> Result<&'static BTreeMap<String, Catalogue>, String> {
    CATALOGUES.as_ref().map_err(Clone::clone)
}

/// The catalogue of language `code`, if there is one and the catalogues are sound.
pub fn catalogue(code: &str) -> Option<&'static Catalogue> {
    catalogues().ok()?.get(code)
}

/// Message `id` in language `code` with its variables. Never panics: a missing language falls back to
/// English, and a missing message gives its id, each logged (a test keeps every id used in code in
/// every catalogue).
pub fn text(code: &str, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let catalogue = match catalogues() {
        Ok(all) => all.get(code).or_else(|| all.get(FALLBACK)),
        Err(error) => {
            tracing::error!(%error, "broken catalogue");
            None
        }
    };
    catalogue.and_then(|c| c.format(id, args)).unwrap_or_else(|| {
        tracing::error!(lang = code, id, "missing message");
        id.to_owned()
    })
}

#[cfg(test)]
mod tests;
