//! Plain types and rules of the grants programme, shared by every layer.
//!
//! Nothing here does IO: the workflow, the store and the web layer all build on these types, so a rule
//! written here (who may see what, what a valid amount is) holds the same everywhere.

pub mod access;
pub mod agreement;
pub mod call;
pub mod call_settings;
pub mod codes;
pub mod concept_note;
pub mod confidentiality;
pub mod eligibility;
pub mod evaluation;
pub mod form;
pub mod language;
pub mod money;
pub mod open_data;
pub mod organisation;
pub mod password;
pub mod portfolio;
pub mod programme;
pub mod reporting_plan;
pub mod role;
pub mod second_factor;
pub mod tags;
pub mod typed_amount;
pub mod validation;
pub mod written;

pub use access::{ApplicationScope, Viewer};
pub use language::Language;
pub use money::Money;
pub use organisation::OrganisationType;
pub use role::Role;
pub use validation::{FieldError, ValidationErrors};
