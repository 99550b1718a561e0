//! Kinds of applicant organisations (SPEC §2).

use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString};

/// The applicant types a call can make eligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Display, EnumString, AsRefStr, EnumIter)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OrganisationType {
    /// A municipality, region or other local government.
    LocalAuthority,
    /// A civil-society organisation.
    CivilSociety,
    /// A diaspora organisation.
    Diaspora,
}
