//! The call design form, shared by "new call" and "edit draft call": the core rules, the lots (one row
//! each, `lots.rs`) and the evaluation and award settings as plain fields. Everything else has its own
//! designer page (form, grid, checklist, who and where, documents, reporting), so nobody types JSON here.
//! What was typed always comes back; errors sit next to their field.

use chrono::{DateTime, NaiveDateTime, Utc};
use grants_domain::call::{CallRules, Procedure};
use grants_domain::call_settings::CallSettings;
use grants_domain::{Language, Money, ValidationErrors};
use grants_i18n::Arg;
use grants_store::Call;
use grants_store::calls::CallDesign;
use serde::Serialize;
use serde_json::{Map, Value, json};

pub use lots::{LotOp, LotRow};

pub mod lots;

/// Every field of the form, as text (what the browser sends and gets back).
#[derive(Debug, Default, Clone, Serialize)]
#[allow(missing_docs)]
pub struct CallForm {
    pub version: String,
    pub reference: String,
    pub title_en: String,
    pub title_fr: String,
    pub description_en: String,
    pub description_fr: String,
    pub procedure: String,
    pub total_budget: String,
    pub min_grant: String,
    pub max_grant: String,
    pub opens_at: String,
    pub deadline_at: String,
    pub display_timezone: String,
    pub lots: Vec<LotRow>,
    pub max_cofinancing_rate: String,
    pub duration_min_months: String,
    pub duration_max_months: String,
    pub evaluators_per_application: String,
    pub discrepancy_trigger: String,
    pub reserve_list_length: String,
    pub award_order: String,
    pub anonymous_evaluation: bool,
    pub publish_awards: bool,
    pub evaluation_deadline: String,
    pub full_application_deadline: String,
    pub comment_required_below: String,
    pub reserve_list_valid_until: String,
    pub shortlist_budget_factor: String,
    pub full_application_variation: String,
    /// The call this new draft copies (hidden field), empty for a call started from the programme defaults.
    pub copy_of: String,
}

const INSTANT: &str = "%Y-%m-%dT%H:%M";

fn instant_text(at: DateTime<Utc>) -> String {
    at.format(INSTANT).to_string()
}

/// A new call's deadline: the end of the day 45 days from now (UTC).
fn deadline_in_45_days(now: DateTime<Utc>) -> DateTime<Utc> {
    let day = (now + chrono::Duration::days(45)).date_naive();
    day.and_hms_opt(23, 59, 0).map_or(now, |at| at.and_utc())
}

impl CallForm {
    /// The form as posted: the lots' rows collected, unknown keys ignored.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> CallForm {
        let mut form = CallForm::default();
        for (key, value) in pairs {
            if key.starts_with("lots_") {
                lots::take(&mut form.lots, &key, value);
                continue;
            }
            let slot = match key.as_str() {
                "version" => &mut form.version,
                "reference" => &mut form.reference,
                "title_en" => &mut form.title_en,
                "title_fr" => &mut form.title_fr,
                "description_en" => &mut form.description_en,
                "description_fr" => &mut form.description_fr,
                "procedure" => &mut form.procedure,
                "total_budget" => &mut form.total_budget,
                "min_grant" => &mut form.min_grant,
                "max_grant" => &mut form.max_grant,
                "opens_at" => &mut form.opens_at,
                "deadline_at" => &mut form.deadline_at,
                "display_timezone" => &mut form.display_timezone,
                "max_cofinancing_rate" => &mut form.max_cofinancing_rate,
                "duration_min_months" => &mut form.duration_min_months,
                "duration_max_months" => &mut form.duration_max_months,
                "evaluators_per_application" => &mut form.evaluators_per_application,
                "discrepancy_trigger" => &mut form.discrepancy_trigger,
                "reserve_list_length" => &mut form.reserve_list_length,
                "award_order" => &mut form.award_order,
                "evaluation_deadline" => &mut form.evaluation_deadline,
                "full_application_deadline" => &mut form.full_application_deadline,
                "comment_required_below" => &mut form.comment_required_below,
                "reserve_list_valid_until" => &mut form.reserve_list_valid_until,
                "shortlist_budget_factor" => &mut form.shortlist_budget_factor,
                "full_application_variation" => &mut form.full_application_variation,
                "copy_of" => &mut form.copy_of,
                "anonymous_evaluation" => {
                    form.anonymous_evaluation = true;
                    continue;
                }
                "publish_awards" => {
                    form.publish_awards = true;
                    continue;
                }
                _ => continue,
            };
            *slot = value;
        }
        form
    }

    /// A blank form for a new call: programme defaults, opening now, deadline in 45 days.
    pub fn blank(now: DateTime<Utc>, defaults: &CallSettings) -> CallForm {
        let mut form = CallForm::with_settings(defaults);
        form.procedure = "open".into();
        form.opens_at = instant_text(now);
        form.deadline_at = instant_text(deadline_in_45_days(now));
        form.display_timezone = "UTC".into();
        form
    }

    /// A new draft copying `call`: everything it says, but no reference (the manager gives a new one) and
    /// its dates moved so it opens now and closes in 45 days; the later deadlines keep their distance.
    pub fn copied(call: &Call, now: DateTime<Utc>) -> CallForm {
        let mut form = CallForm::of(call);
        let deadline = deadline_in_45_days(now);
        let shift = deadline - call.rules.deadline_at;
        let moved = |at: Option<DateTime<Utc>>| at.map(|at| instant_text(at + shift)).unwrap_or_default();
        form.version = String::new();
        form.reference = String::new();
        form.opens_at = instant_text(now);
        form.deadline_at = instant_text(deadline);
        form.evaluation_deadline = moved(call.settings.evaluation_deadline);
        form.full_application_deadline = moved(call.settings.full_application_deadline);
        form.reserve_list_valid_until = moved(call.settings.reserve_list_valid_until);
        form.copy_of = call.id.to_string();
        form
    }

    /// The form as a reader of `lang` writes numbers (`1 500 000,00`, `0,90` in French; `1,500,000.00`
    /// in English), for showing what is stored; what a person typed is shown as typed instead.
    #[must_use]
    pub fn localised(mut self, lang: Language) -> CallForm {
        let amount = |text: &mut String| {
            if let Some(written) = grants_domain::typed_amount::written(text, lang) {
                *text = written;
            }
        };
        amount(&mut self.total_budget);
        amount(&mut self.min_grant);
        amount(&mut self.max_grant);
        for lot in &mut self.lots {
            amount(&mut lot.budget);
        }
        for rate in [
            &mut self.max_cofinancing_rate,
            &mut self.discrepancy_trigger,
            &mut self.shortlist_budget_factor,
            &mut self.full_application_variation,
        ] {
            *rate = lang.decimal(rate);
        }
        self
    }

    /// The call a new draft copies, when the form names one.
    pub fn copied_call(&self) -> Option<i64> {
        self.copy_of.trim().parse().ok()
    }

    /// The form showing an existing call.
    pub fn of(call: &Call) -> CallForm {
        let rules = &call.rules;
        CallForm {
            version: call.version.to_string(),
            reference: rules.reference.clone(),
            title_en: rules.title_en.clone(),
            title_fr: rules.title_fr.clone(),
            description_en: rules.description_en.clone(),
            description_fr: rules.description_fr.clone(),
            procedure: rules.procedure.to_string(),
            total_budget: rules.total_budget.to_string(),
            min_grant: rules.min_grant.to_string(),
            max_grant: rules.max_grant.to_string(),
            opens_at: instant_text(rules.opens_at),
            deadline_at: instant_text(rules.deadline_at),
            display_timezone: rules.display_timezone.clone(),
            lots: call.lots.iter().map(LotRow::of).collect(),
            ..CallForm::with_settings(&call.settings)
        }
    }

    fn with_settings(settings: &CallSettings) -> CallForm {
        CallForm {
            max_cofinancing_rate: settings.max_cofinancing_rate.to_string(),
            duration_min_months: settings.duration_min_months.to_string(),
            duration_max_months: settings.duration_max_months.to_string(),
            evaluators_per_application: settings.evaluators_per_application.to_string(),
            discrepancy_trigger: settings.discrepancy_trigger.to_string(),
            reserve_list_length: settings.reserve_list_length.to_string(),
            award_order: serde_json::to_value(settings.award_order)
                .ok()
                .and_then(|v| v.as_str().map(ToOwned::to_owned))
                .unwrap_or_default(),
            anonymous_evaluation: settings.anonymous_evaluation,
            publish_awards: settings.publish_awards,
            evaluation_deadline: settings.evaluation_deadline.map(instant_text).unwrap_or_default(),
            full_application_deadline: settings.full_application_deadline.map(instant_text).unwrap_or_default(),
            comment_required_below: settings.comment_required_below.to_string(),
            reserve_list_valid_until: settings.reserve_list_valid_until.map(instant_text).unwrap_or_default(),
            shortlist_budget_factor: settings.shortlist_budget_factor.to_string(),
            full_application_variation: settings.full_application_variation.to_string(),
            ..CallForm::default()
        }
    }

    /// The design the form describes, its settings laid over `base` (the programme defaults for a new
    /// call, the current settings for an edit). Every unreadable field is reported at once, in `lang`.
    pub fn design(&self, base: &CallSettings, lang: Language) -> Result<CallDesign, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let mut money = |field: &str, text: &str| match grants_domain::typed_amount::plain_decimal(text)
            .unwrap_or_else(|| text.trim().to_owned())
            .parse::<Money>()
        {
            Ok(amount) => amount,
            Err(why) => {
                let why = why.explain(lang);
                errors.add(field, "invalid_amount", lang.text("call-form-error-amount", &[("why", Arg::Text(&why))]));
                Money::ZERO
            }
        };
        let total_budget = money("/total_budget", &self.total_budget);
        let min_grant = money("/min_grant", &self.min_grant);
        let max_grant = money("/max_grant", &self.max_grant);
        let lots = lots::parsed(&self.lots, &mut errors, lang);
        let opens_at = required_instant(&mut errors, "/opens_at", &self.opens_at, lang);
        let deadline_at = required_instant(&mut errors, "/deadline_at", &self.deadline_at, lang);
        let patch = self.settings_patch(&mut errors, lang);
        let settings = CallSettings::merged(base, &patch);
        let settings = match settings {
            Ok(settings) => Some(settings),
            Err(more) => {
                errors.errors.extend(more.errors);
                None
            }
        };
        errors.into_result()?;
        let rules = CallRules {
            reference: self.reference.trim().to_owned(),
            title_en: self.title_en.clone(),
            title_fr: self.title_fr.clone(),
            description_en: self.description_en.clone(),
            description_fr: self.description_fr.clone(),
            procedure: if self.procedure == "restricted" { Procedure::Restricted } else { Procedure::Open },
            total_budget,
            min_grant,
            max_grant,
            opens_at,
            deadline_at,
            display_timezone: match self.display_timezone.trim() {
                "" => "UTC".to_owned(),
                zone => zone.to_owned(),
            },
        };
        Ok(CallDesign { rules, settings: settings.unwrap_or_else(|| base.clone()), lots })
    }

    /// The plain settings fields as a merge patch over the settings the form started from.
    fn settings_patch(&self, errors: &mut ValidationErrors, lang: Language) -> Value {
        let mut patch = Map::new();
        let mut number = |field: &str, text: &str| -> Option<u32> {
            let parsed = text.trim().parse::<u32>().ok();
            if parsed.is_none() {
                errors.add(
                    format!("/settings/{field}"),
                    "invalid_number",
                    lang.text("call-form-error-whole-number", &[]),
                );
            }
            parsed
        };
        for (field, text) in [
            ("duration_min_months", &self.duration_min_months),
            ("duration_max_months", &self.duration_max_months),
            ("evaluators_per_application", &self.evaluators_per_application),
            ("reserve_list_length", &self.reserve_list_length),
            ("comment_required_below", &self.comment_required_below),
        ] {
            if let Some(n) = number(field, text) {
                patch.insert(field.into(), json!(n));
            }
        }
        for (field, text) in [
            ("max_cofinancing_rate", &self.max_cofinancing_rate),
            ("discrepancy_trigger", &self.discrepancy_trigger),
            ("shortlist_budget_factor", &self.shortlist_budget_factor),
            ("full_application_variation", &self.full_application_variation),
        ] {
            match text.trim().replace(',', ".").parse::<rust_decimal::Decimal>() {
                Ok(rate) => {
                    patch.insert(field.into(), json!(rate.to_string()));
                }
                Err(_) => {
                    errors.add(format!("/settings/{field}"), "invalid_rate", lang.text("call-form-error-rate", &[]));
                }
            }
        }
        for (field, text) in [
            ("evaluation_deadline", &self.evaluation_deadline),
            ("full_application_deadline", &self.full_application_deadline),
            ("reserve_list_valid_until", &self.reserve_list_valid_until),
        ] {
            let at = optional_instant(errors, &format!("/settings/{field}"), text, lang);
            patch.insert(field.into(), json!(at.map(|at| at.to_rfc3339())));
        }
        patch.insert("award_order".into(), json!(self.award_order));
        patch.insert("anonymous_evaluation".into(), json!(self.anonymous_evaluation));
        patch.insert("publish_awards".into(), json!(self.publish_awards));
        Value::Object(patch)
    }
}

fn required_instant(errors: &mut ValidationErrors, field: &str, text: &str, lang: Language) -> DateTime<Utc> {
    if text.trim().is_empty() {
        errors.add(field, "required", lang.text("call-form-error-instant-required", &[]));
    }
    optional_instant(errors, field, text, lang).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn optional_instant(errors: &mut ValidationErrors, field: &str, text: &str, lang: Language) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = NaiveDateTime::parse_from_str(text, INSTANT).ok().map(|at| at.and_utc());
    if parsed.is_none() {
        errors.add(field, "invalid_instant", lang.text("call-form-error-instant", &[]));
    }
    parsed
}

/// Where an error belongs on the form: `/settings/duration_min_months` and `/lots/0/budget` name the
/// `duration_min_months` and `lots` inputs; `None` for what the form has no input for (the error is then
/// shown above the form, as a setting of another designer page).
pub fn input_of(pointer: &str) -> Option<&str> {
    let path = pointer.strip_prefix("/settings/").unwrap_or_else(|| pointer.trim_start_matches('/'));
    let first = path.split('/').next().unwrap_or(path);
    FIELDS.iter().any(|(name, _)| *name == first).then_some(first)
}

/// The form's inputs in order, with their kind; the template lays them out from this list.
pub const FIELDS: &[(&str, &str)] = &[
    ("reference", "text"),
    ("title_en", "text"),
    ("title_fr", "text"),
    ("description_en", "textarea"),
    ("description_fr", "textarea"),
    ("procedure", "procedure"),
    ("total_budget", "amount"),
    ("min_grant", "amount"),
    ("max_grant", "amount"),
    ("opens_at", "datetime"),
    ("deadline_at", "datetime"),
    ("display_timezone", "text"),
    ("lots", "lots"),
    ("max_cofinancing_rate", "decimal"),
    ("duration_min_months", "number"),
    ("duration_max_months", "number"),
    ("evaluators_per_application", "number"),
    ("discrepancy_trigger", "decimal"),
    ("comment_required_below", "number"),
    ("evaluation_deadline", "datetime"),
    ("anonymous_evaluation", "checkbox"),
    ("reserve_list_length", "number"),
    ("reserve_list_valid_until", "datetime"),
    ("award_order", "award_order"),
    ("publish_awards", "checkbox"),
    ("full_application_deadline", "datetime"),
    ("shortlist_budget_factor", "decimal"),
    ("full_application_variation", "decimal"),
];

#[cfg(test)]
mod tests;
