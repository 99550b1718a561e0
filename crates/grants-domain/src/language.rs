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
