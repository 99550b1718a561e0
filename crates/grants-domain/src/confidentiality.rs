//! What each reader of an application may learn of its evaluation and of the applicant (SPEC §5, §6):
//! the one rule behind the scorecards, the history and the anonymous evaluation, wherever they are shown
//! (API, pages, emails).
//!
//! - Programme staff (managers, admins, auditors) see everything.
//! - An evaluator sees no other evaluator's score until their own scorecard is handed in, never who the
//!   other evaluators are, and — when the call evaluates anonymously — nothing that names the applicant:
//!   organisation, lead and partner names, attachment file names, and every field its form marks with
//!   `"x-identity": true`.
//! - The applicant organisation sees its application's transitions with their reasons, never who
//!   evaluated it, their scores one by one or the internal notes of the evaluation.

use serde_json::Value;

use crate::access::Viewer;
use crate::role::Role;

/// The schema keyword marking a form field that identifies the applicant.
pub const IDENTITY_KEYWORD: &str = "x-identity";

/// Fields that name the applicant in every form, marked or not: the lead applicant's and each partner's
/// name (`*` stands for any array index).
const ALWAYS_IDENTITY: &[&[&str]] = &[&["lead", "name"], &["partners", "*", "name"]];

/// History entries about the evaluation itself: who was assigned, their scores, reopened cards, the
/// manager's arbitration. Applicants never see them.
const EVALUATION_INTERNAL: &[&str] = &[
    "assign_evaluator",
    "remove_evaluator",
    "submit_scorecard",
    "reopen_scorecard",
    "arbitrate",
    "discrepancy_found",
    "remind_scorecard",
];

/// Who reads an application, as far as its evaluation is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Managers, admins and auditors.
    Staff,
    /// A member of the applicant organisation (or anyone else who is neither staff nor evaluator).
    Applicant,
    /// An evaluator of the application.
    Evaluator {
        /// Their user id.
        user_id: i64,
        /// Whether their own scorecard is handed in (and not reopened).
        own_submitted: bool,
    },
}

impl Reader {
    /// The reader `viewer` is for an application of `organisation_id`; `own_submitted` tells whether the
    /// viewer's own scorecard on it is handed in.
    pub fn of(viewer: &Viewer, organisation_id: i64, own_submitted: bool) -> Reader {
        if viewer.is_programme_staff() {
            Reader::Staff
        } else if viewer.is_applicant_for(organisation_id) || !viewer.has(Role::Evaluator) {
            Reader::Applicant
        } else {
            Reader::Evaluator { user_id: viewer.user_id, own_submitted }
        }
    }

    /// Whether this reader may see the scorecard of `evaluator_id`, handed in or not.
    pub fn sees_scorecard(self, evaluator_id: i64, submitted: bool) -> bool {
        match self {
            Reader::Staff => true,
            Reader::Applicant => false,
            Reader::Evaluator { user_id, own_submitted } => evaluator_id == user_id || (own_submitted && submitted),
        }
    }

    /// Whether this reader may see who the applicant is, on a call with `anonymous_evaluation` or not.
    pub fn sees_identity(self, anonymous_evaluation: bool) -> bool {
        !(anonymous_evaluation && matches!(self, Reader::Evaluator { .. }))
    }

    /// Whether this reader may see who acted in the history (the person, not just the role).
    pub fn sees_actors(self) -> bool {
        self == Reader::Staff
    }
}

/// One history entry as a reader is shown it; `None` when the reader must not see it at all.
#[derive(Debug, Clone, PartialEq)]
pub struct EventParts {
    /// The action recorded.
    pub action: String,
    /// Who acted.
    pub actor_user_id: Option<i64>,
    /// The reason given.
    pub reason: Option<String>,
    /// The structured data recorded.
    pub payload: Value,
}

/// Filters one history entry of an application for `reader`.
pub fn event_for(reader: Reader, mut event: EventParts) -> Option<EventParts> {
    let internal = EVALUATION_INTERNAL.contains(&event.action.as_str());
    match reader {
        Reader::Staff => return Some(event),
        Reader::Applicant if internal => return None,
        Reader::Applicant => {}
        Reader::Evaluator { user_id, own_submitted } => {
            let own = event.actor_user_id == Some(user_id);
            if event.action == "submit_scorecard" && !own && !own_submitted {
                remove_keys(&mut event.payload, &["total"]);
            }
            if internal && event.payload.get("evaluator_id").and_then(Value::as_i64) != Some(user_id) {
                remove_keys(&mut event.payload, &["evaluator_id", "assignment_id"]);
            }
            if internal && !own {
                event.reason = None;
            }
        }
    }
    event.actor_user_id = None;
    Some(event)
}

fn remove_keys(payload: &mut Value, keys: &[&str]) {
    if let Value::Object(map) = payload {
        for key in keys {
            map.remove(*key);
        }
    }
}

/// The answers without what identifies the applicant: the lead's and partners' names and every field
/// `schema` marks with `"x-identity": true` are left out.
pub fn anonymise_answers(schema: &Value, answers: &Value) -> Value {
    let mut copy = answers.clone();
    strip(schema, &mut copy, &mut Vec::new());
    copy
}

fn is_identity(schema: &Value) -> bool {
    schema.get(IDENTITY_KEYWORD).and_then(Value::as_bool) == Some(true)
}

fn always_identity(path: &[String]) -> bool {
    ALWAYS_IDENTITY.iter().any(|pattern| {
        pattern.len() == path.len() && pattern.iter().zip(path).all(|(want, got)| *want == "*" || want == got)
    })
}

fn strip(schema: &Value, value: &mut Value, path: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                path.push(key.clone());
                let child_schema = properties.and_then(|p| p.get(&key)).unwrap_or(&Value::Null);
                if is_identity(child_schema) || always_identity(path) {
                    map.remove(&key);
                } else if let Some(child) = map.get_mut(&key) {
                    strip(child_schema, child, path);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            let item_schema = schema.get("items").unwrap_or(&Value::Null);
            for item in items {
                path.push("*".to_owned());
                strip(item_schema, item, path);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The name an attachment is shown under when its real name may identify the applicant:
/// `attachment-<id>` with the original extension.
pub fn anonymous_file_name(id: i64, original: &str) -> String {
    let extension = original
        .rsplit_once('.')
        .map(|(_, ext)| ext)
        .filter(|ext| !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()));
    match extension {
        Some(ext) => format!("attachment-{id}.{}", ext.to_ascii_lowercase()),
        None => format!("attachment-{id}"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn evaluator(own_submitted: bool) -> Reader {
        Reader::Evaluator { user_id: 7, own_submitted }
    }

    fn scorecard_event(actor: i64) -> EventParts {
        EventParts {
            action: "submit_scorecard".into(),
            actor_user_id: Some(actor),
            reason: None,
            payload: json!({ "scorecard_id": 3, "total": "72" }),
        }
    }

    #[test]
    fn another_evaluators_total_is_hidden_until_the_readers_own_card_is_in() {
        let before = event_for(evaluator(false), scorecard_event(8)).unwrap();
        assert_eq!(before.payload, json!({ "scorecard_id": 3 }));
        assert_eq!(before.actor_user_id, None, "nor who handed it in");
        let after = event_for(evaluator(true), scorecard_event(8)).unwrap();
        assert_eq!(after.payload["total"], "72");
        let own = event_for(evaluator(false), scorecard_event(7)).unwrap();
        assert_eq!(own.payload["total"], "72", "their own total is theirs");
    }

    #[test]
    fn applicants_see_transitions_but_nothing_of_the_evaluation() {
        assert_eq!(event_for(Reader::Applicant, scorecard_event(8)), None);
        let assigned = EventParts {
            action: "assign_evaluator".into(),
            actor_user_id: Some(1),
            reason: None,
            payload: json!({ "evaluator_id": 8 }),
        };
        assert_eq!(event_for(Reader::Applicant, assigned), None);
        let refused = EventParts {
            action: "declare_ineligible".into(),
            actor_user_id: Some(1),
            reason: Some("statutes missing".into()),
            payload: Value::Null,
        };
        let shown = event_for(Reader::Applicant, refused).unwrap();
        assert_eq!(shown.reason.as_deref(), Some("statutes missing"));
        assert_eq!(shown.actor_user_id, None);
    }

    #[test]
    fn evaluators_do_not_learn_who_else_evaluates() {
        let assigned = EventParts {
            action: "assign_evaluator".into(),
            actor_user_id: Some(1),
            reason: None,
            payload: json!({ "evaluator_id": 8, "assignment_id": 4 }),
        };
        assert_eq!(event_for(evaluator(true), assigned).unwrap().payload, json!({}));
    }

    #[test]
    fn staff_see_everything() {
        assert_eq!(event_for(Reader::Staff, scorecard_event(8)), Some(scorecard_event(8)));
    }

    #[test]
    fn identity_fields_leave_the_answers() {
        let schema = json!({ "properties": {
            "lead": { "properties": { "name": {}, "country": {} } },
            "partners": { "items": { "properties": { "name": {}, "role": {} } } },
            "contact": { "x-identity": true },
            "action": { "properties": { "title": {} } },
        }});
        let answers = json!({
            "lead": { "name": "AMMD", "country": "ML" },
            "partners": [{ "name": "AJT", "role": "training" }],
            "contact": { "email": "a@example.org" },
            "action": { "title": "Kayes" },
        });
        assert_eq!(
            anonymise_answers(&schema, &answers),
            json!({ "lead": { "country": "ML" }, "partners": [{ "role": "training" }], "action": { "title": "Kayes" } })
        );
    }

    #[test]
    fn only_evaluators_of_anonymous_calls_lose_the_identity() {
        assert!(!evaluator(true).sees_identity(true));
        assert!(evaluator(true).sees_identity(false));
        assert!(Reader::Staff.sees_identity(true) && Reader::Applicant.sees_identity(true));
    }

    #[test]
    fn anonymous_file_names_keep_only_the_extension() {
        assert_eq!(anonymous_file_name(12, "Statuts AMMD Kayes.PDF"), "attachment-12.pdf");
        assert_eq!(anonymous_file_name(3, "noextension"), "attachment-3");
    }
}
