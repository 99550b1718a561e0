//! Every sentence the product shows or sends, one Fluent catalogue per language
//! (`templates/i18n/<code>.ftl`), compiled into the binary and parsed once.
//!
//! Code asks for a message by id, in a language given by its code (`en`, `fr`…), with its variables:
//! [`text`]. A language is whatever catalogue file is there, so a third one needs no change here. Numbers
//! are passed as numbers ([`Arg::Number`]) so each language's CLDR plural rules choose the wording.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{LazyLock, OnceLock};

use include_dir::{Dir, include_dir};

mod catalogue;

pub use catalogue::{Arg, Catalogue};

static FILES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../templates/i18n");

/// The language a message falls back to when a catalogue, or one of its messages, is missing.
pub const FALLBACK: &str = "en";

/// A folder of catalogues read beside the compiled-in ones (see [`read_also_from`]).
static FOLDER: OnceLock<PathBuf> = OnceLock::new();

static CATALOGUES: LazyLock<Result<BTreeMap<String, Catalogue>, String>> = LazyLock::new(load);

/// Whether the catalogues have been read, after which their folder can no longer be given.
static READ: AtomicBool = AtomicBool::new(false);

fn load() -> Result<BTreeMap<String, Catalogue>, String> {
    READ.store(true, Ordering::SeqCst);
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    for file in FILES.files() {
        let path = file.path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let code = path.file_stem().and_then(|s| s.to_str()).ok_or(format!("{}: bad name", path.display()))?;
        let source = file.contents_utf8().ok_or(format!("templates/i18n/{code}.ftl is not UTF-8"))?;
        sources.insert(code.to_owned(), (format!("templates/i18n/{code}.ftl"), source.to_owned()));
    }
    if let Some(folder) = FOLDER.get() {
        read_folder(folder, &mut sources)?;
    }
    let mut catalogues = BTreeMap::new();
    for (code, (place, source)) in sources {
        catalogues.insert(code.clone(), Catalogue::parse(&code, &source).map_err(|e| format!("{place}: {e}"))?);
    }
    let english = catalogues.get(FALLBACK).ok_or(format!("missing templates/i18n/{FALLBACK}.ftl"))?.strings().clone();
    for (code, catalogue) in &mut catalogues {
        if code != FALLBACK {
            catalogue.fill_from(&english);
        }
    }
    Ok(catalogues)
}

/// Every `<code>.ftl` of `folder`, each replacing the compiled-in catalogue of its language or adding one.
fn read_folder(folder: &Path, sources: &mut BTreeMap<String, (String, String)>) -> Result<(), String> {
    let entries = std::fs::read_dir(folder).map_err(|e| format!("reading {}: {e}", folder.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let code = path.file_stem().and_then(|s| s.to_str()).ok_or(format!("{}: bad name", path.display()))?;
        let source = std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        sources.insert(code.to_owned(), (path.display().to_string(), source));
    }
    Ok(())
}

/// Reads the catalogues of `folder` (`<code>.ftl`, a BCP 47 code) beside the compiled-in ones, so a
/// programme can add a language, or reword one, without a new build: a new file adds its language to
/// every page's language menu, to what users may choose and to the emails, and a message it lacks is
/// shown in English.
///
/// The catalogues are read once, at their first use: call this at start-up, before anything is worded. It
/// is refused afterwards, or with a second, different folder.
pub fn read_also_from(folder: &Path) -> Result<(), String> {
    if FOLDER.get().is_none() && READ.load(Ordering::SeqCst) {
        return Err("the catalogues were read before their folder was given".to_owned());
    }
    let set = FOLDER.get_or_init(|| folder.to_owned());
    if set == folder { Ok(()) } else { Err(format!("catalogues are already read from {}", set.display())) }
}

/// The codes of every language there is a catalogue for, in code order: the languages a reader may
/// choose.
pub fn languages() -> Vec<&'static str> {
    catalogues().map_or_else(|_| vec![FALLBACK], |all| all.keys().map(String::as_str).collect())
}

/// The code of the catalogue named `code`, kept for as long as the catalogues are: what a language is
/// made from. `None` when there is no such catalogue.
pub fn language(code: &str) -> Option<&'static str> {
    catalogues().ok()?.get_key_value(code).map(|(known, _)| known.as_str())
}

/// Message `id` of language `code` as formatted once at loading (English where the language lacks it),
/// for the messages read on every amount and number (`number-decimal`, `number-group`): a lookup, not a
/// formatting. A message that takes variables has them left as `{name}`; its id when there is none.
pub fn plain(code: &str, id: &'static str) -> &'static str {
    catalogues()
        .ok()
        .and_then(|all| all.get(code).or_else(|| all.get(FALLBACK)))
        .and_then(|catalogue| catalogue.strings().get(id))
        .and_then(serde_json::Value::as_str)
        .unwrap_or(id)
}

/// Every compiled-in catalogue by language code, or why one of them is broken: call it at start-up so a
/// broken catalogue stops the service there rather than showing message ids later.
pub fn catalogues() -> Result<&'static BTreeMap<String, Catalogue>, String> {
    CATALOGUES.as_ref().map_err(Clone::clone)
}

/// The catalogue of language `code`, if there is one and the catalogues are sound.
pub fn catalogue(code: &str) -> Option<&'static Catalogue> {
    catalogues().ok()?.get(code)
}

/// Message `id` in language `code` with its variables. Never panics: a missing language or message
/// falls back to English, and a message English lacks gives its id, logged (a test keeps every id used
/// in code in every compiled-in catalogue).
pub fn text(code: &str, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let catalogue = match catalogues() {
        Ok(all) => all.get(code).or_else(|| all.get(FALLBACK)),
        Err(error) => {
            tracing::error!(%error, "broken catalogue");
            None
        }
    };
    let english = || catalogues().ok().and_then(|all| all.get(FALLBACK));
    catalogue.and_then(|c| c.format(id, args)).or_else(|| english().and_then(|c| c.format(id, args))).unwrap_or_else(
        || {
            tracing::error!(lang = code, id, "missing message");
            id.to_owned()
        },
    )
}

#[cfg(test)]
mod tests;
