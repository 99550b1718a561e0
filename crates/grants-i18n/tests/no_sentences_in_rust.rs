//! No sentence for people is written in Rust: they live in the catalogues (`templates/i18n/<lang>.ftl`).
//!
//! Reads every `.rs` file under `crates/*/src` with `syn` and reports each string literal that looks like
//! a sentence (two words of letters separated by a space) in a place where people would read it. Exempt,
//! by rule:
//! - test code: `#[cfg(test)]` and `#[test]` items, `tests.rs` files, and the dev-only `grants-testkit`;
//! - attributes: doc comments, `#[error(..)]` (thiserror, logged), clap's help, utoipa's API docs;
//! - logs and programmer errors: `tracing`/`log` macros, `panic!`, `unreachable!`, `todo!`, `assert*!`,
//!   `.expect(..)`, `.context(..)`;
//! - SQL text (starts with a SQL keyword);
//! - internal errors, logged and never shown: the arguments of `DbErr::Custom`, `StoreError::Database`,
//!   `StorageError`, `NotifyError`, `io::Error::new`, `AppError::internal`, and the column names given to
//!   the store's `parse`;
//! - whole places whose text is for developers or operators (`NOT_FOR_USERS`);
//! - the few literals listed in `ALLOWED`, each with its reason.
//!
//! `NOT_MOVED_YET` names the places whose English-only sentences are still to move; each must still hold
//! one, so the list only shrinks.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// Places under `crates/` (a file, or a folder ending in `/`) whose text is for developers or operators.
const NOT_FOR_USERS: &[(&str, &str)] = &[
    (
        "grants-server/src/",
        "the binary: operator CLI output and config errors in English, as its --help; demo seed data",
    ),
    ("grants-web/src/api/", "the JSON API: `message` is English text for developers beside the stable `code`"),
    ("grants-web/src/metrics.rs", "Prometheus help text, for operators"),
    ("grants-i18n/src/", "the catalogue loader's start-up errors, for operators"),
    ("grants-domain/src/programme.rs", "programme profile checks: start-up errors for operators"),
    ("grants-domain/src/open_data.rs", "programme profile checks (open data): start-up errors for operators"),
    ("grants-workflow/src/diagram.rs", "the generated developer documentation docs/workflow.md"),
    ("grants-domain/src/password.rs", "PasswordProblem::message is for the API and logs; pages word problems by key"),
    (
        "grants-web/src/error.rs",
        "AppError's message is the API's text beside its code; a browser gets browser_page's words instead",
    ),
    ("grants-web/src/access.rs", "403 causes: the API's message; pages show their own sentence by status"),
    ("grants-web/src/auth.rs", "bearer-token refusals of the JSON API"),
    ("grants-web/src/extract.rs", "JSON body and path refusals of the API; a browser gets browser_page's words"),
    ("grants-web/src/health.rs", "readiness, for the orchestrator"),
    (
        "grants-web/src/open_data/",
        "open data files and their refusals, for machines (a browser gets browser_page's words)",
    ),
    ("grants-web/src/security/", "429/503 messages of the API; a browser gets browser_page's words"),
];

/// `(file under crates/ or "*", start of the literal, why it stays in Rust)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("*", "MMD Grants", "the product's name, the same in every language"),
    ("grants-web/src/middleware.rs", "default-src ", "the Content-Security-Policy header"),
    ("grants-web/src/evaluation_report/json.rs", "not checked", "a value of the JSON export (API); the page words it"),
    ("grants-web/src/evaluation_report/json.rs", "not met: {}", "a value of the JSON export (API); the page words it"),
    ("grants-web/src/pages/render.rs", "{} is not UTF-8", "a start-up error, for operators"),
    (
        "grants-domain/src/money.rs",
        "an amount in euro as a decimal",
        "serde's expectation, in API errors; pages use MoneyError::explain",
    ),
];

/// English-only sentences still to move into the catalogues (issue 12 follow-up), by place.
const NOT_MOVED_YET: &[(&str, &str)] = &[
    (
        "grants-store/src/",
        "refusals of the store (StoreError::Invalid/Conflict…): the API's words; pages word them by code",
    ),
    ("grants-workflow/src/", "refusals of the transition guards: the API's words; pages word them by guard"),
];

/// Macros whose text is for developers or operators reading logs, never for a user.
const DEVELOPER_MACROS: &[&str] = &[
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "span",
    "trace_span",
    "debug_span",
    "info_span",
    "warn_span",
    "error_span",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "bail",
    "anyhow",
    "ensure",
];

/// Calls whose text arguments make an internal error, logged and never shown (matched on the call's path).
const INTERNAL_ERRORS: &[&str] = &[
    "DbErr::Custom",
    "StoreError::Database",
    "StorageError::",
    "NotifyError::",
    "io::Error::new",
    "AppError::internal",
    "parse",
];

/// Methods whose text argument is for developers (a panic or an error's context).
const DEVELOPER_METHODS: &[&str] = &["expect", "expect_err", "context", "with_context"];

const SQL: &[&str] =
    &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "DROP ", "WITH ", "EXISTS ", "CAST(", "VACUUM "];

#[derive(Debug)]
struct Found {
    line: usize,
    text: String,
}

#[derive(Default)]
struct Scan {
    found: Vec<Found>,
    /// Literals shaped like a catalogue message id (`form-error-required`).
    ids: Vec<Found>,
}

impl Scan {
    fn literal(&mut self, line: usize, text: String) {
        if is_message_id(&text) {
            self.ids.push(Found { line, text });
        } else if looks_like_a_sentence(&text) {
            self.found.push(Found { line, text });
        }
    }

    fn tokens(&mut self, tokens: TokenStream) {
        let mut trees = tokens.into_iter().peekable();
        while let Some(tree) = trees.next() {
            match tree {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Literal(literal) => {
                    let line = literal.span().start().line;
                    if let Ok(text) = syn::parse_str::<syn::LitStr>(&literal.to_string()) {
                        self.literal(line, text.value());
                    }
                }
                // A macro called inside a macro (`format!` in `json!`), or a method with developer text.
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    let bang = matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!');
                    if (bang && DEVELOPER_MACROS.contains(&name.as_str())) || DEVELOPER_METHODS.contains(&name.as_str())
                    {
                        if bang {
                            trees.next();
                        }
                        if matches!(trees.peek(), Some(TokenTree::Group(_))) {
                            trees.next();
                        }
                    }
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        path.is_ident("test")
            || path.segments.last().is_some_and(|s| s.ident == "test")
            || (path.is_ident("cfg") && attr.meta.require_list().is_ok_and(|l| l.tokens.to_string() == "test"))
    })
}

impl<'ast> Visit<'ast> for Scan {
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Const(c) => &c.attrs,
            syn::Item::Static(s) => &s.attrs,
            syn::Item::Use(u) => &u.attrs,
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Macro(m) => &m.attrs,
            _ => &[],
        };
        if !is_test(attrs) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        if !is_test(&item.attrs) {
            visit::visit_impl_item_fn(self, item);
        }
    }

    fn visit_lit_str(&mut self, literal: &'ast syn::LitStr) {
        self.literal(literal.span().start().line, literal.value());
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        if !DEVELOPER_MACROS.contains(&name.as_str()) {
            self.tokens(mac.tokens.clone());
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            let name = path.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::");
            if is_internal_error(&name) {
                return;
            }
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if DEVELOPER_METHODS.contains(&call.method.to_string().as_str()) {
            self.visit_expr(&call.receiver);
        } else {
            visit::visit_expr_method_call(self, call);
        }
    }
}

/// Whether a call's path (`sea_orm::DbErr::Custom`, `StorageError::Settings`) makes an internal error.
fn is_internal_error(path: &str) -> bool {
    INTERNAL_ERRORS.iter().any(|error| {
        let (prefix, whole) = (error.ends_with("::"), error.trim_end_matches("::"));
        path == whole
            || path.ends_with(&format!("::{whole}"))
            || (prefix && (path.starts_with(error) || path.contains(&format!("::{error}"))))
    })
}

/// Two words of letters separated by a space, once `{placeholders}` are taken out; SQL is not a sentence.
fn looks_like_a_sentence(text: &str) -> bool {
    if SQL.iter().any(|keyword| text.trim_start().starts_with(keyword)) {
        return false;
    }
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let word = |w: &&str| {
        let w = w.trim_matches(|c: char| ".,;:!?()«»\"'`".contains(c));
        w.chars().filter(|c| c.is_alphabetic()).count() > 1
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
    };
    let words: Vec<&str> = plain.split(' ').collect();
    words.windows(2).any(|pair| word(&pair[0]) && word(&pair[1]))
}

/// kebab-case words: the shape of the catalogue ids that code asks for.
fn is_message_id(text: &str) -> bool {
    text.contains('-')
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") && path.file_name().is_some_and(|n| n != "tests.rs") {
            out.push(path);
        }
    }
}

/// Whether `name` (a path under `crates/`) is `place` or inside it.
fn within(name: &str, place: &str) -> bool {
    if place.ends_with('/') { name.starts_with(place) } else { name == place }
}

#[test]
fn no_sentence_for_people_is_written_in_rust_and_every_message_asked_for_exists() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&crates).unwrap() {
        let dir = entry.unwrap().path();
        if dir.file_name().is_some_and(|n| n != "grants-testkit") && dir.join("src").is_dir() {
            rust_files(&dir.join("src"), &mut files);
        }
    }
    files.sort();
    assert!(files.len() > 50, "found only {} files under {}", files.len(), crates.display());
    let mut report = String::new();
    let catalogues = grants_i18n::catalogues().unwrap();
    // A literal starting like some message, up to its last word (`form-error-`, `eligibility-`…), is an id.
    let prefixes: Vec<String> = catalogues["en"]
        .strings()
        .keys()
        .filter(|id| is_message_id(id))
        .filter_map(|id| id.rsplit_once('-').map(|(start, _)| format!("{start}-")))
        .collect();
    let mut allowed_used = vec![false; ALLOWED.len()];
    let mut pending_used = vec![false; NOT_MOVED_YET.len()];
    for path in &files {
        let name = path.strip_prefix(&crates).unwrap().to_string_lossy().replace('\\', "/");
        if NOT_FOR_USERS.iter().any(|(place, _)| within(&name, place)) {
            continue;
        }
        let source = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut scan = Scan::default();
        scan.visit_file(&file);
        for id in scan.ids.iter().filter(|id| prefixes.iter().any(|p| id.text.starts_with(p.as_str()))) {
            for (code, catalogue) in catalogues {
                if !catalogue.strings().contains_key(&id.text) {
                    writeln!(report, "crates/{name}:{}: message {} missing from {code}.ftl", id.line, id.text).unwrap();
                }
            }
        }
        for found in scan.found {
            let allowed =
                ALLOWED.iter().position(|(f, start, _)| (*f == "*" || *f == name) && found.text.starts_with(start));
            let pending = NOT_MOVED_YET.iter().position(|(place, _)| within(&name, place));
            match (allowed, pending) {
                (Some(index), _) => allowed_used[index] = true,
                (None, Some(index)) => pending_used[index] = true,
                (None, None) => writeln!(report, "crates/{name}:{}: {:?}", found.line, found.text).unwrap(),
            }
        }
    }
    for ((file, start, _), used) in ALLOWED.iter().zip(allowed_used) {
        if !used {
            writeln!(report, "ALLOWED entry no longer needed: {file} {start:?}").unwrap();
        }
    }
    for ((place, _), used) in NOT_MOVED_YET.iter().zip(pending_used) {
        if !used {
            writeln!(report, "NOT_MOVED_YET entry done, remove it: {place}").unwrap();
        }
    }
    assert!(report.is_empty(), "sentences in Rust (move them to templates/i18n/*.ftl):\n{report}");
}
