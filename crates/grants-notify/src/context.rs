//! The data a template sees: the outbox row's payload plus what every email needs (programme name, base
//! URL, links, the call's title in the recipient's language).

use grants_domain::Language;
use grants_store::outbox::OutboxMessage;
use serde_json::{Value, json};

/// Adds the common fields to a message's payload.
pub fn email_context(message: &OutboxMessage, base_url: &str, programme_name: &str) -> Value {
    let base = base_url.trim_end_matches('/');
    let mut context = match &message.payload {
        Value::Object(_) => message.payload.clone(),
        _ => json!({}),
    };
    context["programme"] = json!({ "name": programme_name });
    context["base_url"] = json!(base);
    if context.get("reason").is_none() {
        context["reason"] = Value::Null;
    }
    if context.pointer("/recipient/name").is_none() {
        context["recipient"] = json!({ "name": message.recipient_email });
    }
    let mut links = context.get("links").cloned().unwrap_or_else(|| json!({}));
    if let Some(id) = context.pointer("/application/id").and_then(Value::as_i64) {
        links["application"] = json!(format!("{base}/applications/{id}"));
        links["scorecard"] = json!(format!("{base}/applications/{id}/scorecard"));
    }
    if let Some(id) = context.pointer("/call/id").and_then(Value::as_i64) {
        links["call"] = json!(format!("{base}/calls/{id}"));
    }
    if let (Some(application), Some(report)) = (
        context.pointer("/application/id").and_then(Value::as_i64),
        context.pointer("/report/id").and_then(Value::as_i64),
    ) {
        links["report"] = json!(format!("{base}/applications/{application}/reports/{report}"));
    }
    if let Some(path) = context.get("action_path").and_then(Value::as_str) {
        links["action"] = json!(format!("{base}{path}"));
    }
    context["links"] = links;
    if let Some(report) = context.get_mut("report").and_then(Value::as_object_mut) {
        // The kind reads as a word of the recipient's language: "interim report", « rapport intermédiaire ».
        let word = match (report.get("kind").and_then(Value::as_str), message.language()) {
            (Some("interim"), Language::Fr) => Some("intermédiaire"),
            (Some("final"), Language::Fr) => Some("final"),
            _ => None,
        };
        if let Some(word) = word {
            report.insert("kind".into(), json!(word));
        }
    }
    if let Some(call) = context.get_mut("call").and_then(Value::as_object_mut) {
        let key = match message.language() {
            Language::En => "title_en",
            Language::Fr => "title_fr",
        };
        let title = call.get(key).or_else(|| call.get("title_en")).cloned().unwrap_or(Value::Null);
        call.insert("title".into(), title);
    }
    context
}
