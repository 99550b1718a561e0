//! Posted form fields read back into the answers document the schema describes: `a/b/0/c` paths
//! inserted where the schema says, repeating groups appended, empty parts dropped.

use serde_json::{Map, Value, json};

use grants_domain::form::{is_amount, resolve};

fn schema_at<'s>(root: &'s Value, pointer: &str) -> Option<&'s Value> {
    let mut node = resolve(root, root);
    for segment in pointer.trim_start_matches('/').split('/').filter(|s| !s.is_empty()) {
        node = if segment.chars().all(|c| c.is_ascii_digit()) {
            resolve(root, node.get("items")?)
        } else {
            resolve(root, node.get("properties")?.get(segment)?)
        };
    }
    Some(node)
}

fn insert(root: &Value, doc: &mut Value, pointer: &str, value: Value, append: bool) {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut current = doc;
    let mut walked = String::new();
    for (index, segment) in segments.iter().enumerate() {
        walked.push('/');
        walked.push_str(segment);
        let last = index + 1 == segments.len();
        let is_array = schema_at(root, &walked).and_then(|n| n.get("type")).and_then(Value::as_str) == Some("array");
        let slot: &mut Value = if let Ok(position) = segment.parse::<usize>() {
            let Value::Array(items) = current else { return };
            while items.len() <= position {
                items.push(Value::Null);
            }
            &mut items[position]
        } else {
            let Value::Object(map) = current else { return };
            map.entry((*segment).to_owned()).or_insert(Value::Null)
        };
        if last {
            if append {
                if !slot.is_array() {
                    *slot = Value::Array(Vec::new());
                }
                if let Value::Array(items) = slot {
                    items.push(value);
                }
            } else {
                *slot = value;
            }
            return;
        }
        if slot.is_null() {
            *slot = if is_array { Value::Array(Vec::new()) } else { Value::Object(Map::new()) };
        }
        current = slot;
    }
}

/// Removes empty objects and the gaps left by blank rows.
fn compact(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !compact(v));
            map.is_empty()
        }
        Value::Array(items) => {
            items.retain_mut(|v| !compact(v));
            false
        }
        Value::Null => true,
        _ => false,
    }
}

/// Reads posted fields back into answers: integers become numbers when they parse, separators of
/// thousands included (otherwise the text
/// is kept, so the validator can say what is wrong and the form shows what was typed), blanks are
/// dropped, repeated names (checkboxes) become lists.
pub fn parse(schema: &Value, pairs: &[(String, String)]) -> Value {
    let mut doc = Value::Object(Map::new());
    for (name, raw) in pairs.iter().filter(|(name, _)| name.starts_with('/')) {
        let text = raw.trim();
        if text.is_empty() {
            continue;
        }
        let Some(node) = schema_at(schema, name) else { continue };
        let kind = node.get("type").and_then(Value::as_str).unwrap_or("string");
        if kind == "array" {
            insert(schema, &mut doc, name, json!(text), true);
            continue;
        }
        let value = if kind == "boolean" {
            match text {
                "true" => json!(true),
                "false" => json!(false),
                other => json!(other),
            }
        } else if kind == "integer" {
            // `3 000` and `3,000` are read as people write them; anything unclear is kept for the error.
            grants_domain::typed_amount::whole_number(text).map_or_else(|| json!(text), |n| json!(n))
        } else if is_amount(node) {
            // `50 000`, `12 500,50` and `12,500.50` are stored as the plain decimal the pattern expects.
            json!(grants_domain::typed_amount::plain_decimal(text).unwrap_or_else(|| text.to_owned()))
        } else {
            json!(text)
        };
        insert(schema, &mut doc, name, value, false);
    }
    compact(&mut doc);
    doc
}
