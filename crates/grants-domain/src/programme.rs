//! The programme profile: the taxonomy a grants programme classifies its calls and applications by.
//!
//! JVAP domains, dialogues, geographic levels, applicant types and participating countries differ from one
//! programme to the next, so they live in a TOML file (`config/programmes/<name>.toml`) rather than in code. This
//! module only parses and checks such a file from text; reading it from disk is the caller's job, which keeps the
//! crate free of IO. The MMD profile is compiled in ([`MMD_PROFILE`], [`mmd`]) so the product runs without any
//! file on disk.

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::IntoEnumIterator;
use toml::Spanned;

use crate::open_data::OpenDataProfile;
use crate::{Language, OrganisationType};

/// The shipped MMD profile, embedded at compile time so the default programme needs no file at run time.
pub const MMD_PROFILE: &str = include_str!("../../../config/programmes/mmd.toml");

/// The name the embedded profile is reported under in error messages.
const MMD_SOURCE: &str = "config/programmes/mmd.toml";

/// One entry of a taxonomy list: a stable code that is stored, and the labels people read.
///
/// The code never changes once data refers to it; the labels can be reworded freely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable identifier stored in the database and used in forms (`protection_asylum`, `ML`).
    pub code: String,
    /// English label.
    pub en: String,
    /// French label.
    pub fr: String,
    /// Labels in the programme's further languages, by language code (`labels = { pt = "…" }`), so a
    /// language added by its catalogue names the programme's terms too.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
}

impl Term {
    /// The label to show a reader of `lang`, so callers need not match on the language themselves: a
    /// language the profile has no label for reads the English one.
    pub fn label(&self, lang: Language) -> &str {
        match self.labels.get(lang.code()) {
            Some(label) => label,
            None => lang.pick(&self.en, &self.fr),
        }
    }
}

/// A programme's taxonomy, as loaded from its profile.
///
/// Build one with [`parse`] (or [`mmd`]): deserialising it directly skips the checks that `parse` makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Short identifier of the programme, such as `mmd`.
    pub name: String,
    /// English title of the programme.
    pub title_en: String,
    /// French title of the programme.
    pub title_fr: String,
    /// Thematic domains (for MMD, those of the Joint Valletta Action Plan) a project can address.
    pub jvap_domains: Vec<Term>,
    /// Migration dialogues a project can belong to.
    pub dialogues: Vec<Term>,
    /// Scales a project can work at.
    pub geographic_levels: Vec<Term>,
    /// Kinds of organisation that may apply; every code is an [`OrganisationType`].
    pub applicant_types: Vec<Term>,
    /// Participating states, by ISO 3166-1 alpha-2 code.
    pub countries: Vec<Term>,
    /// The participating states of each dialogue (dialogue code to country codes, in the profile's order),
    /// so a call designer can choose a dialogue's countries at once. A dialogue listing none has no entry.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dialogue_countries: BTreeMap<String, Vec<String>>,
    /// How the programme publishes its awards as open data (IATI); without it, no IATI file is served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_data: Option<OpenDataProfile>,
}

impl Programme {
    /// The JVAP domain with code `code`, to show its label in the reader's language.
    pub fn jvap_domain(&self, code: &str) -> Option<&Term> {
        find(&self.jvap_domains, code)
    }

    /// The label of any of the programme's codes (domain, dialogue, level, applicant type, country) in
    /// `lang`, for forms whose options are those codes.
    pub fn term_label(&self, code: &str, lang: Language) -> Option<&str> {
        [&self.jvap_domains, &self.dialogues, &self.geographic_levels, &self.applicant_types, &self.countries]
            .into_iter()
            .flatten()
            .find(|t| t.code == code)
            .map(|t| t.label(lang))
    }

    /// The dialogue with code `code`, to show its label in the reader's language.
    pub fn dialogue(&self, code: &str) -> Option<&Term> {
        find(&self.dialogues, code)
    }

    /// The country with ISO code `code`, to show its name in the reader's language.
    pub fn country(&self, code: &str) -> Option<&Term> {
        find(&self.countries, code)
    }

    /// The countries taking part in dialogue `code`, as the profile lists them (none for an unknown dialogue),
    /// so a call can take in a whole dialogue without anyone typing its members.
    pub fn dialogue_countries(&self, code: &str) -> &[String] {
        self.dialogue_countries.get(code).map_or(&[], Vec::as_slice)
    }

    /// The participating countries sorted by their name in `lang`, accents folded so `Égypte` sorts among
    /// the E's in French: the order a reader looks for a country in.
    pub fn countries_by_name(&self, lang: Language) -> Vec<&Term> {
        let mut countries: Vec<&Term> = self.countries.iter().collect();
        countries.sort_by_cached_key(|term| (folded(term.label(lang)), term.label(lang).to_owned()));
        countries
    }

    /// Whether `code` is a participating country, to check what an applicant selects.
    pub fn has_country(&self, code: &str) -> bool {
        self.country(code).is_some()
    }

    /// Whether `code` is one of the programme's JVAP domains, to check what an applicant selects.
    pub fn is_jvap_domain(&self, code: &str) -> bool {
        self.jvap_domain(code).is_some()
    }

    /// Whether `code` is one of the programme's dialogues, to check what an applicant selects.
    pub fn is_dialogue(&self, code: &str) -> bool {
        self.dialogue(code).is_some()
    }

    /// Whether `code` is one of the programme's geographic levels, to check what an applicant selects.
    pub fn is_geographic_level(&self, code: &str) -> bool {
        find(&self.geographic_levels, code).is_some()
    }

    /// Whether `code` is an applicant type this programme accepts, to check a registering organisation.
    pub fn is_applicant_type(&self, code: &str) -> bool {
        find(&self.applicant_types, code).is_some()
    }
}

/// `text` lower-cased with its accents and other combining marks removed, for sorting names as readers do.
fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

fn find<'a>(terms: &'a [Term], code: &str) -> Option<&'a Term> {
    terms.iter().find(|term| term.code == code)
}

/// Why a profile was refused, with the place to fix it, so whoever edits the file can go straight to the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin} line {line}: {message}")]
pub struct ProgrammeError {
    /// Where the text came from (usually its path), as given to [`parse`].
    pub origin: String,
    /// 1-based line of the offending text.
    pub line: usize,
    /// What is wrong, without the location.
    pub message: String,
}

/// The embedded MMD profile, parsed: the default programme.
///
/// The profile is part of the build and checked by this module's tests, so failing here is a build defect.
pub fn mmd() -> Programme {
    parse(MMD_PROFILE, MMD_SOURCE).expect("the embedded MMD profile is valid: the programme tests parse it")
}

/// Parses and checks a programme profile.
///
/// `source` names the text in error messages (usually the file path). Beyond the TOML shape, it refuses: an empty
/// list; a code repeated within a list; codes that are not lower snake_case (two upper-case letters for
/// countries); a blank English or French label, or a further label under something other than a language
/// code; an applicant type the engine does not know; a dialogue listing a
/// country the profile does not have (or listing it twice), or `countries` on any other list than dialogues.
pub fn parse(text: &str, source: &str) -> Result<Programme, ProgrammeError> {
    let raw: RawProgramme = toml::from_str(text).map_err(|err| ProgrammeError {
        origin: source.to_owned(),
        line: err.span().map_or(1, |span| line_at(text, span.start)),
        message: err.message().trim_end().to_owned(),
    })?;
    let fail = |span: std::ops::Range<usize>, message: String| ProgrammeError {
        origin: source.to_owned(),
        line: line_at(text, span.start),
        message,
    };
    raw.check().map_err(|(span, message)| fail(span, message))?;
    Ok(raw.into_programme())
}

/// 1-based line number of byte `offset` in `text`.
fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    // The segments before `offset`, split at newlines: one more than the newlines passed.
    text.as_bytes()[..end].split(|&byte| byte == b'\n').count()
}

/// A semantic error: the span of the offending value and what is wrong with it.
type Fault = (std::ops::Range<usize>, String);

/// The profile as written, with the position of every value so a semantic error can name its line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    name: Spanned<String>,
    title_en: Spanned<String>,
    title_fr: Spanned<String>,
    jvap_domains: Spanned<Vec<RawTerm>>,
    dialogues: Spanned<Vec<RawTerm>>,
    geographic_levels: Spanned<Vec<RawTerm>>,
    applicant_types: Spanned<Vec<RawTerm>>,
    countries: Spanned<Vec<RawTerm>>,
    #[serde(default)]
    open_data: Option<Spanned<OpenDataProfile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    code: Spanned<String>,
    en: Spanned<String>,
    fr: Spanned<String>,
    /// Labels in further languages, by language code.
    #[serde(default)]
    labels: Option<Spanned<BTreeMap<String, String>>>,
    /// Only on dialogues: the participating countries, by code.
    #[serde(default)]
    countries: Option<Spanned<Vec<Spanned<String>>>>,
}

/// What the codes of one list must look like.
#[derive(Clone, Copy)]
enum CodeRule {
    /// Lower snake_case identifier.
    Snake,
    /// ISO 3166-1 alpha-2: two upper-case ASCII letters.
    Alpha2,
    /// A lower snake_case name of an [`OrganisationType`].
    OrganisationType,
}

impl RawProgramme {
    fn check(&self) -> Result<(), Fault> {
        if !is_snake_case(self.name.get_ref()) {
            return Err((
                self.name.span(),
                format!("programme name {:?} must be lower snake_case", self.name.get_ref()),
            ));
        }
        for (field, value) in [("title_en", &self.title_en), ("title_fr", &self.title_fr)] {
            if value.get_ref().trim().is_empty() {
                return Err((value.span(), format!("{field} must not be blank")));
            }
        }
        check_list(&self.jvap_domains, "JVAP domain", CodeRule::Snake)?;
        check_list(&self.dialogues, "dialogue", CodeRule::Snake)?;
        check_list(&self.geographic_levels, "geographic level", CodeRule::Snake)?;
        check_list(&self.applicant_types, "applicant type", CodeRule::OrganisationType)?;
        check_list(&self.countries, "country", CodeRule::Alpha2)?;
        self.check_dialogue_countries()?;
        if let Some(open_data) = &self.open_data {
            let types: Vec<&str> = self.applicant_types.get_ref().iter().map(|t| t.code.get_ref().as_str()).collect();
            if let Some(problem) = open_data.get_ref().problem(&types) {
                return Err((open_data.span(), problem));
            }
        }
        Ok(())
    }

    /// Every country a dialogue lists is a country of the profile, listed once; only dialogues list countries.
    fn check_dialogue_countries(&self) -> Result<(), Fault> {
        let others = [&self.jvap_domains, &self.geographic_levels, &self.applicant_types, &self.countries];
        if let Some(list) = others.iter().flat_map(|list| list.get_ref()).find_map(|term| term.countries.as_ref()) {
            return Err((list.span(), "only dialogues list countries".to_owned()));
        }
        let known: HashSet<&str> = self.countries.get_ref().iter().map(|t| t.code.get_ref().as_str()).collect();
        for dialogue in self.dialogues.get_ref() {
            let mut seen = HashSet::new();
            for country in dialogue.countries.iter().flat_map(Spanned::get_ref) {
                let code = country.get_ref().as_str();
                let name = dialogue.code.get_ref();
                if !known.contains(code) {
                    return Err((
                        country.span(),
                        format!("dialogue {name:?} lists {code:?}, not a country of the profile"),
                    ));
                }
                if !seen.insert(code) {
                    return Err((country.span(), format!("dialogue {name:?} lists {code:?} twice")));
                }
            }
        }
        Ok(())
    }

    fn into_programme(self) -> Programme {
        let terms = |list: Spanned<Vec<RawTerm>>| {
            list.into_inner()
                .into_iter()
                .map(|raw| Term {
                    code: raw.code.into_inner(),
                    en: raw.en.into_inner(),
                    fr: raw.fr.into_inner(),
                    labels: raw.labels.map(Spanned::into_inner).unwrap_or_default(),
                })
                .collect()
        };
        let dialogue_countries = self
            .dialogues
            .get_ref()
            .iter()
            .filter_map(|dialogue| {
                let countries: Vec<String> =
                    dialogue.countries.as_ref()?.get_ref().iter().map(|c| c.get_ref().clone()).collect();
                (!countries.is_empty()).then(|| (dialogue.code.get_ref().clone(), countries))
            })
            .collect();
        Programme {
            name: self.name.into_inner(),
            title_en: self.title_en.into_inner(),
            title_fr: self.title_fr.into_inner(),
            jvap_domains: terms(self.jvap_domains),
            dialogues: terms(self.dialogues),
            geographic_levels: terms(self.geographic_levels),
            applicant_types: terms(self.applicant_types),
            countries: terms(self.countries),
            dialogue_countries,
            open_data: self.open_data.map(Spanned::into_inner),
        }
    }
}

fn check_list(list: &Spanned<Vec<RawTerm>>, kind: &str, rule: CodeRule) -> Result<(), Fault> {
    if list.get_ref().is_empty() {
        return Err((list.span(), format!("the {kind} list must not be empty")));
    }
    let mut seen = HashSet::new();
    for term in list.get_ref() {
        let code = term.code.get_ref();
        match rule {
            CodeRule::Snake if !is_snake_case(code) => {
                return Err((term.code.span(), format!("{kind} code {code:?} must be lower snake_case")));
            }
            CodeRule::Alpha2 if !is_alpha2(code) => {
                return Err((
                    term.code.span(),
                    format!("{kind} code {code:?} must be two upper-case letters (ISO 3166-1 alpha-2)"),
                ));
            }
            CodeRule::OrganisationType if OrganisationType::from_str(code).is_err() => {
                let known: Vec<String> = OrganisationType::iter().map(|kind| kind.to_string()).collect();
                return Err((
                    term.code.span(),
                    format!("unknown {kind} {code:?}; the engine knows {}", known.join(", ")),
                ));
            }
            _ => {}
        }
        if !seen.insert(code.as_str()) {
            return Err((term.code.span(), format!("duplicate {kind} code {code:?}")));
        }
        for (language, label) in [("English", &term.en), ("French", &term.fr)] {
            if label.get_ref().trim().is_empty() {
                return Err((label.span(), format!("{kind} {code:?} has a blank {language} label")));
            }
        }
        if let Some(labels) = &term.labels {
            for (language, label) in labels.get_ref() {
                if !is_language_code(language) {
                    return Err((labels.span(), format!("{kind} {code:?}: {language:?} is not a language code")));
                }
                if label.trim().is_empty() {
                    return Err((labels.span(), format!("{kind} {code:?} has a blank {language:?} label")));
                }
            }
        }
    }
    Ok(())
}

/// Lower snake_case: starts with a letter; lower-case ASCII letters and digits in words joined by single `_`.
fn is_snake_case(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_lowercase())
        && code
            .split('_')
            .all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// A BCP 47 language code as catalogues are named: two or three lower-case letters, then any subtags
/// (`pt`, `pt-BR`).
fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.bytes().all(|byte| byte.is_ascii_lowercase())
        && parts.all(|part| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_alphanumeric()))
}

fn is_alpha2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|byte| byte.is_ascii_uppercase())
}

#[cfg(test)]
mod tests;
