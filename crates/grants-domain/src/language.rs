//! The languages the product speaks.

use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumString};

/// The language a user reads the product and its emails in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Display, EnumString, AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Language {
    /// Its code (`en`, `fr`): the name of its catalogue (`templates/i18n/<code>.ftl`) and email templates,
    /// and the pages' `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    /// Message `id` of this language's catalogue with its variables (see `grants_i18n::text`).
    pub fn text(self, id: &str, args: &[(&str, grants_i18n::Arg<'_>)]) -> String {
        grants_i18n::text(self.code(), id, args)
    }
}
