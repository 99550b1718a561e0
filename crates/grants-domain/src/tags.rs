//! The taxonomy tags an application carries, read from its answers (`/tags/…`). The store keeps them in
//! a table of their own so the portfolio and the lists can group and filter by tag without parsing every
//! application's answers; this is the one rule for what counts as a tag.

use std::collections::BTreeSet;

use serde_json::Value;

/// The longest string taken for a tag: the programme's codes are far shorter, and a longer string in a
/// draft is no code (nor could a database index hold any length).
pub const MAX_TAG_CHARS: usize = 100;

/// The lists of tags an application form holds under `/tags`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::Display, strum::EnumString, strum::AsRefStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum TagList {
    /// `/tags/jvap_domains`: the JVAP domains chosen (several).
    JvapDomains,
    /// `/tags/dialogues`: the dialogues chosen (several).
    Dialogues,
    /// `/tags/geographic_level`: the geographic level (one).
    GeographicLevel,
}

/// The tags in `answers`: the strings of the `/tags/jvap_domains` and `/tags/dialogues` arrays and the
/// `/tags/geographic_level` string, each once. Anything else (numbers, misplaced values, strings longer
/// than [`MAX_TAG_CHARS`]) is no tag.
pub fn tags_of(answers: &Value) -> BTreeSet<(TagList, String)> {
    let mut tags = BTreeSet::new();
    for list in [TagList::JvapDomains, TagList::Dialogues] {
        let found = answers.pointer(&format!("/tags/{list}")).and_then(Value::as_array);
        for tag in found.into_iter().flatten().filter_map(Value::as_str) {
            tags.insert((list, tag.to_owned()));
        }
    }
    if let Some(level) = answers.pointer("/tags/geographic_level").and_then(Value::as_str) {
        tags.insert((TagList::GeographicLevel, level.to_owned()));
    }
    tags.retain(|(_, tag)| tag.chars().count() <= MAX_TAG_CHARS);
    tags
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_the_strings_of_each_list_once() {
        let answers = json!({"tags": {
            "jvap_domains": ["protection_asylum", "protection_asylum", 7, "legal_migration_mobility"],
            "dialogues": "rabat_process",
            "geographic_level": "regional",
        }});
        let tags: Vec<(TagList, String)> = tags_of(&answers).into_iter().collect();
        assert_eq!(
            tags,
            [
                (TagList::JvapDomains, "legal_migration_mobility".to_owned()),
                (TagList::JvapDomains, "protection_asylum".to_owned()),
                (TagList::GeographicLevel, "regional".to_owned()),
            ]
        );
        assert!(tags_of(&json!({"tags": []})).is_empty());
        assert!(tags_of(&json!({"tags": {"dialogues": ["x".repeat(MAX_TAG_CHARS + 1)]}})).is_empty());
        assert!(tags_of(&json!("not an object")).is_empty());
    }
}
