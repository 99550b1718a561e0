//! Turns a rendered email into a MIME message. Addresses and names go through lettre's typed headers,
//! which encode them; no header is ever assembled from raw user text.

use lettre::Message;
use lettre::message::{Mailbox, MultiPart};

use crate::{NotifyError, RenderedEmail};

/// The Message-ID of an outbox row: the same row always gets the same id, so a resend after a crash
/// is recognisable as the same message by the receiving side.
pub fn message_id(outbox_id: i64, from: &Mailbox) -> String {
    format!("<outbox-{outbox_id}@{}>", from.email.domain())
}

/// Removes control characters (CR, LF, …) from a display name before it reaches a header.
fn clean_name(name: &str) -> String {
    name.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned()
}

/// Builds the message for outbox row `outbox_id`.
pub fn build(
    outbox_id: i64,
    from: &Mailbox,
    recipient_email: &str,
    recipient_name: &str,
    email: &RenderedEmail,
) -> Result<Message, NotifyError> {
    let address =
        recipient_email.parse().map_err(|e| NotifyError::Message(format!("invalid recipient address: {e}")))?;
    let name = clean_name(recipient_name);
    let to = Mailbox::new((!name.is_empty()).then_some(name), address);
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .message_id(Some(message_id(outbox_id, from)))
        .multipart(MultiPart::alternative_plain_html(email.text.clone(), email.html.clone()))
        .map_err(|e| NotifyError::Message(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(subject: &str) -> RenderedEmail {
        RenderedEmail { subject: subject.into(), text: "Bonjour".into(), html: "<p>Bonjour</p>".into() }
    }

    #[test]
    fn header_injection_through_names_and_addresses_is_impossible() {
        let from: Mailbox = "MMD Grants <no-reply@grants.example.org>".parse().unwrap();
        let message =
            build(7, &from, "aminata@example.org", "Aminata\r\nBcc: victim@example.org", &email("Reçu")).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(!raw.lines().any(|l| l.starts_with("Bcc:")), "{raw}");
        assert!(raw.contains("Message-ID: <outbox-7@grants.example.org>"), "{raw}");
        assert!(build(7, &from, "aminata@example.org\r\nBcc: victim@example.org", "A", &email("x")).is_err());
    }

    #[test]
    fn subjects_with_line_breaks_are_encoded_not_split() {
        let from: Mailbox = "no-reply@grants.example.org".parse().unwrap();
        let message = build(8, &from, "a@example.org", "A", &email("Reçu\r\nBcc: victim@example.org")).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(!raw.lines().any(|l| l.starts_with("Bcc:")), "{raw}");
    }
}
