//! Email for MMD Grants: the outbox rows written by each transition are rendered from handlebars
//! templates (compiled in, overridable from a folder, their sentences taken from the recipient's language
//! catalogue) and delivered by workers over SMTP, or into `.eml` files in the embedded default.

pub mod context;
pub mod delivery;
pub mod message;
mod pass;
pub mod templates;
pub mod transport;
mod wording;

pub use delivery::{Delivery, DeliveryReport, DeliverySettings};
pub use templates::{RenderedEmail, Templates};
pub use transport::{Mailer, SmtpSecurity, SmtpSettings};

/// Why an email could not be produced or sent.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    /// A template is missing, broken, or references data the context lacks.
    #[error("template error: {0}")]
    Template(String),
    /// The message could not be built (e.g. an invalid address).
    #[error("message error: {0}")]
    Message(String),
    /// The transport failed; worth retrying.
    #[error("delivery error: {0}")]
    Transport(String),
}
