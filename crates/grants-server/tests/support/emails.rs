//! The emails a test's actions queued, rendered as delivery renders them: the outbox row's payload with
//! the common fields, through the built-in templates in the recipient's language.

// Each test file that includes this module uses part of it.
#![allow(dead_code)]

use grants_store::outbox::OutboxMessage;
use grants_testkit::TestApp;

/// The address links in rendered emails start with.
pub const BASE_URL: &str = "https://grants.example.org";

/// The queued email made from `template` for `to`, pending or sent.
pub async fn queued(app: &TestApp, template: &str, to: &str) -> OutboxMessage {
    let queued = app.store().list_outbox(None, 1, 200).await.unwrap().items;
    queued
        .into_iter()
        .find(|m| m.template == template && m.recipient_email == to)
        .unwrap_or_else(|| panic!("no {template} to {to}"))
}

/// `message` as its recipient reads it.
pub fn rendered(message: &OutboxMessage) -> grants_notify::RenderedEmail {
    let context = grants_notify::context::email_context(message, BASE_URL, "MMD Grants");
    grants_notify::Templates::embedded().unwrap().render(&message.template, message.language(), &context).unwrap()
}
