//! The rules of a call beyond its core (SPEC §3): who may apply, from where, for how long, with which
//! forms, and how the evaluation runs. Frozen with the rest of the call at publication.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::evaluation::{AwardOrder, Grid};
use crate::form::FormSchema;
use crate::programme::Programme;
use crate::reporting_plan::ReportingPlan;
use crate::{Money, OrganisationType, ValidationErrors};

/// The tags an application may carry, each a code of the programme's taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowedTags {
    /// JVAP domain codes.
    pub jvap_domains: Vec<String>,
    /// Dialogue codes.
    pub dialogues: Vec<String>,
    /// Geographic level codes.
    pub geographic_levels: Vec<String>,
}

/// One item of the manual eligibility checklist (SPEC §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Stable snake_case code, e.g. `submitted_on_time`.
    pub code: String,
    /// The question in English.
    pub en: String,
    /// The question in French.
    pub fr: String,
}

impl ChecklistItem {
    /// The question for a reader of `lang`.
    pub fn question(&self, lang: crate::Language) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// The application form of each stage, as JSON Schemas (draft 2020-12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageForms {
    /// The concept-note form (restricted calls).
    pub concept_note: Option<Value>,
    /// The full-application form.
    pub full_application: Value,
    /// The grantee's report form; the programme's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Value>,
}

/// The evaluation grid of each stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageGrids {
    /// The concept-note grid (restricted calls).
    pub concept_note: Option<Grid>,
    /// The full-application grid.
    pub full_application: Grid,
}

impl StageGrids {
    /// The grid of `stage`.
    pub fn of(&self, stage: crate::call::Stage) -> Option<&Grid> {
        match stage {
            crate::call::Stage::ConceptNote => self.concept_note.as_ref(),
            crate::call::Stage::FullApplication => Some(&self.full_application),
        }
    }
}

fn default_comment_threshold() -> u8 {
    3
}

/// A lot: a share of the call's budget that applications compete for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Its name, e.g. `Lot 1 — West Africa`; what English readers (and anyone, when there is no French
    /// name) see.
    pub name: String,
    /// Its name for French readers, e.g. `Lot 1 — Afrique de l'Ouest`, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_fr: Option<String>,
    /// Its budget.
    pub budget: Money,
}

/// Everything a call decides besides its core fields. Every rate is a decimal fraction (`"0.90"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallSettings {
    /// Largest share of the action's total cost the grant may cover (default 0.90).
    pub max_cofinancing_rate: Decimal,
    /// Shortest action, in months.
    pub duration_min_months: u32,
    /// Longest action, in months.
    pub duration_max_months: u32,
    /// Which kinds of organisation may apply.
    pub eligible_applicant_types: Vec<OrganisationType>,
    /// ISO codes of the countries whose organisations may lead, partner and implement.
    pub eligible_countries: Vec<String>,
    /// At least this many distinct countries of implementation (2 or more makes it a multi-country call).
    pub min_countries: u32,
    /// The taxonomy tags applications may use.
    pub allowed_tags: AllowedTags,
    /// Evaluators per application (default 2).
    pub evaluators_per_application: u32,
    /// A third evaluation is needed when two totals differ by more than this share of the maximum (0.20).
    pub discrepancy_trigger: Decimal,
    /// How many applications the reserve list holds.
    pub reserve_list_length: u32,
    /// Until when the reserve list may be called upon; archiving the call before then is refused, and
    /// archiving rejects what is left on it. None: no set validity.
    #[serde(default)]
    pub reserve_list_valid_until: Option<chrono::DateTime<chrono::Utc>>,
    /// Restricted calls invite concept notes until requests reach this multiple of the lot budget (2).
    pub shortlist_budget_factor: Decimal,
    /// How far a full application's request may move from its concept note's (0.20).
    pub full_application_variation: Decimal,
    /// Hide the applicant's identity from evaluators.
    pub anonymous_evaluation: bool,
    /// Restricted calls: the instant after which invited full applications are no longer accepted.
    #[serde(default)]
    pub full_application_deadline: Option<chrono::DateTime<chrono::Utc>>,
    /// Attachment kinds that must be present at submission, e.g. `statutes`.
    pub required_attachments: Vec<String>,
    /// Largest attachment accepted, in bytes.
    pub attachment_max_bytes: u64,
    /// Accepted attachment types (MIME), checked against the content itself.
    pub attachment_types: Vec<String>,
    /// The manual eligibility checklist.
    pub checklist: Vec<ChecklistItem>,
    /// The forms per stage.
    pub forms: StageForms,
    /// The evaluation grid of each stage.
    pub grids: StageGrids,
    /// A score below this needs a comment on the scorecard (default 3 on a 1–5 scale).
    #[serde(default = "default_comment_threshold")]
    pub comment_required_below: u8,
    /// Strict (a cheaper proposal never overtakes a better one) or fill (SPEC §6).
    #[serde(default)]
    pub award_order: AwardOrder,
    /// Never assign an evaluator from the applicant organisation's country.
    #[serde(default)]
    pub exclude_same_country_evaluators: bool,
    /// When scorecards are due; evaluators are reminded before it.
    #[serde(default)]
    pub evaluation_deadline: Option<chrono::DateTime<chrono::Utc>>,
    /// When grantees report; `{}` (or absent keys) means the programme's defaults.
    #[serde(default)]
    pub reporting_plan: ReportingPlan,
    /// List this call's awarded projects on the public page (opt-in).
    #[serde(default)]
    pub publish_awards: bool,
}

/// Attachment types the storage accepts at all; a call picks among them.
pub const SUPPORTED_ATTACHMENT_TYPES: &[&str] = &[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
];

/// The most any call may allow per attachment.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// A default checklist item, its question in English and French from the catalogues
/// (`default-checklist-<code>`).
fn item(code: &str) -> ChecklistItem {
    let id = format!("default-checklist-{}", code.replace('_', "-"));
    ChecklistItem { code: code.into(), en: crate::Language::EN.text(&id, &[]), fr: crate::Language::FR.text(&id, &[]) }
}

fn codes(terms: &[crate::programme::Term]) -> Vec<String> {
    terms.iter().map(|t| t.code.clone()).collect()
}

impl CallSettings {
    /// The defaults of SPEC §3 for a call of `programme`: every country, type and tag of the programme,
    /// the programme's forms, the EU external-action checklist.
    pub fn defaults_for(programme: &Programme) -> CallSettings {
        CallSettings {
            max_cofinancing_rate: Decimal::new(90, 2),
            duration_min_months: 6,
            duration_max_months: 36,
            eligible_applicant_types: programme.applicant_types.iter().filter_map(|t| t.code.parse().ok()).collect(),
            eligible_countries: codes(&programme.countries),
            min_countries: 1,
            allowed_tags: AllowedTags {
                jvap_domains: codes(&programme.jvap_domains),
                dialogues: codes(&programme.dialogues),
                geographic_levels: codes(&programme.geographic_levels),
            },
            evaluators_per_application: 2,
            discrepancy_trigger: Decimal::new(20, 2),
            reserve_list_length: 5,
            reserve_list_valid_until: None,
            shortlist_budget_factor: Decimal::TWO,
            full_application_variation: Decimal::new(20, 2),
            anonymous_evaluation: false,
            full_application_deadline: None,
            required_attachments: Vec::new(),
            attachment_max_bytes: 10_000_000,
            attachment_types: vec!["application/pdf".into(), "image/png".into(), "image/jpeg".into()],
            checklist: ["submitted_on_time", "complete", "declaration_signed", "lead_eligible"].map(item).to_vec(),
            forms: StageForms {
                concept_note: Some(crate::form::mmd_concept_note()),
                full_application: crate::form::mmd_full_application(),
                report: None,
            },
            grids: StageGrids {
                concept_note: Some(Grid::concept_note_default()),
                full_application: Grid::full_application_default(),
            },
            comment_required_below: default_comment_threshold(),
            award_order: AwardOrder::Strict,
            exclude_same_country_evaluators: false,
            evaluation_deadline: None,
            reporting_plan: ReportingPlan::default(),
            publish_awards: false,
        }
    }

    /// Reads settings given as a JSON object on top of `base` (an RFC 7386 merge patch), so a client
    /// states only what differs from the defaults. Unknown keys and wrong types are refused.
    pub fn merged(base: &CallSettings, patch: &Value) -> Result<CallSettings, ValidationErrors> {
        let mut merged = serde_json::to_value(base).unwrap_or(Value::Null);
        merge_patch(&mut merged, patch);
        serde_json::from_value(merged).map_err(|err| {
            let mut errors = ValidationErrors::default();
            errors.add("/settings", "invalid_settings", err.to_string());
            errors
        })
    }

    /// The report form grantees fill in: the call's own, or the programme's default.
    pub fn report_form(&self) -> Value {
        self.forms.report.clone().unwrap_or_else(crate::form::mmd_report)
    }

    /// The form of a stage, compiled; the error is for the log (settings validation refuses both cases).
    pub fn form(&self, stage: crate::call::Stage) -> Result<FormSchema, String> {
        let schema = match stage {
            crate::call::Stage::ConceptNote => {
                self.forms.concept_note.as_ref().ok_or_else(|| "concept_note_form_missing".to_owned())?
            }
            crate::call::Stage::FullApplication => &self.forms.full_application,
        };
        FormSchema::compile(schema).map_err(|e| e.to_string())
    }
}

/// RFC 7386: objects merge key by key, `null` removes, anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    if let Value::Object(patch_map) = patch {
        if !target.is_object() {
            *target = Value::Object(serde_json::Map::new());
        }
        if let Value::Object(target_map) = target {
            for (key, value) in patch_map {
                if value.is_null() {
                    target_map.remove(key);
                } else {
                    merge_patch(target_map.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
    } else {
        *target = patch.clone();
    }
}

mod validate;

pub use validate::validate_lots;

#[cfg(test)]
mod tests;
