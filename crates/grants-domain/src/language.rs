//! The languages the product speaks: one for each catalogue `grants_i18n` has read, so a language is
//! added by adding its catalogue, not by changing this type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The language a user reads the product and its emails in, named by its catalogue's code (`en`, `fr`,
/// or any other catalogue read at start-up). Only a language with a catalogue can be made, so a stored
/// or requested code the product cannot speak is refused where it is read.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(&'static str);

impl Language {
    /// English: the language a message missing from another catalogue falls back to.
    pub const EN: Language = Language("en");
    /// French, the programme's second working language: the one call content is written in beside
    /// English (see [`Language::writes_in_french`]).
    pub const FR: Language = Language("fr");

    /// Its code (`en`, `fr`): the name of its catalogue (`templates/i18n/<code>.ftl`), and the `lang`
    /// attribute of pages and emails.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// Every language there is a catalogue for, in code order: what a reader may choose.
    #[must_use]
    pub fn all() -> Vec<Language> {
        grants_i18n::languages().into_iter().map(Language).collect()
    }

    /// Whether this reader is shown the French of what calls, profiles and forms write in two languages
    /// (English and French); a reader of any other language sees the English.
    pub fn writes_in_french(self) -> bool {
        self == Language::FR
    }

    /// Of a text written in English and French, the one this reader is shown.
    pub fn pick<'a, T: ?Sized>(self, en: &'a T, fr: &'a T) -> &'a T {
        if self.writes_in_french() { fr } else { en }
    }

    /// The mark between a number's whole part and its fraction (`.` in English, `,` in French), from the
    /// catalogue (`number-decimal`): what numbers are shown with and typed with.
    pub fn decimal_mark(self) -> &'static str {
        grants_i18n::plain(self.code(), "number-decimal")
    }

    /// A plain decimal (`2.5`, as Rust and the database write it) with this language's decimal mark
    /// (`2,5` in French), for rates, sizes and numbers shown in a page or a form.
    pub fn decimal(self, plain: &str) -> String {
        plain.replace('.', self.decimal_mark())
    }

    /// Whole-number `digits` with the language's mark between groups of three (`number-group`):
    /// `1,500,000` in English, `1 500 000` in French.
    pub fn grouped_digits(self, digits: &str) -> String {
        let mark = grants_i18n::plain(self.code(), "number-group");
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * mark.len());
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index).is_multiple_of(3) {
                grouped.push_str(mark);
            }
            grouped.push(digit);
        }
        grouped
    }

    /// Message `id` of this language's catalogue with its variables (see `grants_i18n::text`).
    pub fn text(self, id: &str, args: &[(&str, grants_i18n::Arg<'_>)]) -> String {
        grants_i18n::text(self.code(), id, args)
    }
}

impl Default for Language {
    fn default() -> Self {
        Language::EN
    }
}

/// A code no catalogue answers to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no catalogue for language `{0}`")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        grants_i18n::language(code).map(Language).ok_or_else(|| UnknownLanguage(code.to_owned()))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl AsRef<str> for Language {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_without_a_catalogue_is_refused_and_the_shipped_ones_read_back() {
        assert_eq!("fr".parse::<Language>(), Ok(Language::FR));
        assert_eq!(serde_json::to_string(&Language::EN).unwrap(), "\"en\"");
        assert_eq!(serde_json::from_str::<Language>("\"fr\"").unwrap(), Language::FR);
        assert!("xx".parse::<Language>().is_err());
        assert!(serde_json::from_str::<Language>("\"xx\"").is_err());
        assert!(Language::all().contains(&Language::EN) && Language::all().contains(&Language::FR));
    }

    #[test]
    fn readers_of_a_language_other_than_french_see_the_english_of_bilingual_text() {
        assert_eq!(Language::FR.pick("Budget", "Budget prévu"), "Budget prévu");
        assert_eq!(Language::EN.pick("Budget", "Budget prévu"), "Budget");
        assert_eq!(Language("pt").pick("Budget", "Budget prévu"), "Budget");
    }

    #[test]
    fn numbers_take_each_languages_marks() {
        assert_eq!(Language::FR.decimal("2.5"), "2,5");
        assert_eq!(Language::EN.decimal("2.5"), "2.5");
        assert_eq!(Language::FR.grouped_digits("1500000"), "1\u{202f}500\u{202f}000");
        assert_eq!(Language::EN.grouped_digits("1500000"), "1,500,000");
        assert_eq!(Language::EN.grouped_digits("150"), "150");
    }
}
