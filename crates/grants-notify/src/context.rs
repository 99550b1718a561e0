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
    if let Some(agreement) = context.get_mut("agreement").filter(|a| a.is_object()) {
        readable_agreement(agreement, message.language());
    }
    for pointer in ["/amount/awarded", "/amount/requested", "/payment/amount"] {
        if let Some(slot) = context.pointer_mut(pointer) {
            let readable = slot.as_str().and_then(|amount| readable_amount(amount, message.language()));
            if let Some(readable) = readable {
                *slot = json!(readable);
            }
        }
    }
    if let Some(sections) = context.pointer_mut("/evaluation/sections").and_then(Value::as_array_mut) {
        let key = message.language().code();
        for section in sections.iter_mut() {
            let label = section.get(key).cloned().unwrap_or(Value::Null);
            section["label"] = label;
        }
    }
    for pointer in ["/payload/due_at", "/due_at", "/report/due_at"] {
        if let Some(slot) = context.pointer_mut(pointer) {
            let readable = slot.as_str().and_then(|at| readable_instant(at, message.language()));
            if let Some(readable) = readable {
                *slot = json!(readable);
            }
        }
    }
    if let Some(report) = context.get_mut("report").and_then(Value::as_object_mut) {
        // The kind reads as a word of the recipient's language: "interim report", « rapport intermédiaire ».
        let word = report
            .get("kind")
            .and_then(Value::as_str)
            .map(|kind| message.language().text("email-report-kind", &[("kind", grants_i18n::Arg::Text(kind))]));
        if let Some(word) = word {
            report.insert("kind".into(), json!(word));
        }
    }
    if let Some(call) = context.get_mut("call").and_then(Value::as_object_mut) {
        let key = format!("title_{}", message.language().code());
        let title = call.get(&key).or_else(|| call.get("title_en")).cloned().unwrap_or(Value::Null);
        call.insert("title".into(), title);
    }
    context
}

/// An RFC 3339 instant as the recipient's language writes it, in UTC and saying so: `10 December 2026,
/// 23:59 UTC`, `10 décembre 2026 à 23 h 59 UTC`; a midnight reads as its date alone.
pub fn readable_instant(at: &str, lang: Language) -> Option<String> {
    use chrono::Timelike;
    let at = chrono::DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&chrono::Utc);
    if at.hour() == 0 && at.minute() == 0 {
        return Some(grants_domain::written::date(at.date_naive(), lang));
    }
    Some(grants_domain::written::date_time(at.naive_utc(), "UTC", lang))
}

/// The agreement's amounts and dates written as the recipient's language writes them.
fn readable_agreement(agreement: &mut Value, lang: Language) {
    let amount = |value: &mut Value| {
        if let Some(readable) = value.as_str().and_then(|a| readable_amount(a, lang)) {
            *value = json!(readable);
        }
    };
    let date = |value: &mut Value| {
        if let Some(readable) = value.as_str().and_then(|d| readable_instant(&format!("{d}T00:00:00Z"), lang)) {
            *value = json!(readable);
        }
    };
    if let Some(value) = agreement.get_mut("amount") {
        amount(value);
    }
    for key in ["starts_on", "ends_on"] {
        if let Some(value) = agreement.get_mut(key) {
            date(value);
        }
    }
    for payment in agreement.get_mut("payments").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(value) = payment.get_mut("amount") {
            amount(value);
        }
    }
    for report in agreement.get_mut("reports").and_then(Value::as_array_mut).into_iter().flatten() {
        if let Some(value) = report.get_mut("due_on") {
            date(value);
        }
    }
}

/// A decimal amount in euros as the recipient's language writes it (see `Money::euros`).
pub fn readable_amount(amount: &str, lang: Language) -> Option<String> {
    Some(amount.parse::<grants_domain::Money>().ok()?.euros(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_them() {
        assert_eq!(readable_amount("250000.00", Language::EN).unwrap(), "€250,000");
        assert_eq!(readable_amount("80000.5", Language::FR).unwrap(), "80\u{202f}000,50\u{a0}€");
        assert_eq!(readable_amount("one", Language::EN), None);
    }

    #[test]
    fn instants_read_as_each_language_writes_them() {
        let due = "2026-12-10T23:59:59+00:00";
        assert_eq!(readable_instant(due, Language::EN).unwrap(), "10 December 2026, 23:59 UTC");
        assert_eq!(readable_instant(due, Language::FR).unwrap(), "10 décembre 2026 à 23 h 59 UTC");
        assert_eq!(readable_instant("2027-03-01T00:00:00+00:00", Language::FR).unwrap(), "1 mars 2027");
        assert_eq!(readable_instant("not a date", Language::EN), None);
    }
}
