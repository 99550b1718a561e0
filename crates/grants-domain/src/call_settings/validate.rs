//! Checking call settings against the programme, the procedure and the call's budget: every problem
//! reported at once, each at its field.

use rust_decimal::Decimal;

use super::{CallSettings, Lot, MAX_ATTACHMENT_BYTES, SUPPORTED_ATTACHMENT_TYPES};
use crate::call::Procedure;
use crate::form::FormSchema;
use crate::programme::Programme;
use crate::{Language, Money, ValidationErrors};
use grants_i18n::Arg;

impl CallSettings {
    /// Checks the settings against the programme and the procedure; every problem is reported, worded
    /// in `lang`.
    pub fn validate(
        &self,
        programme: &Programme,
        procedure: Procedure,
        lang: Language,
    ) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let say = |id: &str| lang.text(id, &[]);
        let one = Decimal::ONE;
        if self.max_cofinancing_rate <= Decimal::ZERO || self.max_cofinancing_rate > one {
            errors.add("/settings/max_cofinancing_rate", "out_of_range", say("call-settings-error-cofinancing-rate"));
        }
        if self.duration_min_months == 0
            || self.duration_min_months > self.duration_max_months
            || self.duration_max_months > 120
        {
            errors.add("/settings/duration_min_months", "out_of_range", say("call-settings-error-durations"));
        }
        if self.eligible_applicant_types.is_empty() {
            errors.add("/settings/eligible_applicant_types", "required", say("call-settings-error-applicant-types"));
        }
        if self.eligible_countries.is_empty() {
            errors.add("/settings/eligible_countries", "required", say("call-settings-error-countries"));
        }
        let chosen = self.eligible_countries.len();
        if !self.eligible_countries.is_empty()
            && (self.min_countries == 0 || usize::try_from(self.min_countries).map_or(true, |n| n > chosen))
        {
            errors.add(
                "/settings/min_countries",
                "out_of_range",
                lang.text(
                    "call-settings-error-min-countries",
                    &[("chosen", Arg::Number(i64::try_from(chosen).unwrap_or(i64::MAX)))],
                ),
            );
        }
        for (index, code) in self.eligible_countries.iter().enumerate() {
            if !programme.has_country(code) {
                errors.add(
                    format!("/settings/eligible_countries/{index}"),
                    "unknown_country",
                    lang.text(
                        "call-settings-error-unknown-country",
                        &[("code", Arg::Text(code)), ("programme", Arg::Text(&programme.name))],
                    ),
                );
            }
        }
        let tag_lists = [
            ("jvap_domains", &self.allowed_tags.jvap_domains, &programme.jvap_domains),
            ("dialogues", &self.allowed_tags.dialogues, &programme.dialogues),
            ("geographic_levels", &self.allowed_tags.geographic_levels, &programme.geographic_levels),
        ];
        for (name, chosen, known) in tag_lists {
            for (index, code) in chosen.iter().enumerate() {
                if !known.iter().any(|t| &t.code == code) {
                    errors.add(
                        format!("/settings/allowed_tags/{name}/{index}"),
                        "unknown_tag",
                        lang.text(
                            "call-settings-error-unknown-tag",
                            &[("code", Arg::Text(code)), ("list", Arg::Text(name))],
                        ),
                    );
                }
            }
        }
        self.check_evaluation(&mut errors, lang);
        self.reporting_plan.check(&mut errors, lang);
        self.check_attachments(&mut errors, lang);
        self.check_checklist_and_forms(&mut errors, procedure, lang);
        self.check_grids(&mut errors, procedure, lang);
        errors.into_result()
    }

    fn check_evaluation(&self, errors: &mut ValidationErrors, lang: Language) {
        let one = Decimal::ONE;
        if !(1..=10).contains(&self.evaluators_per_application) {
            errors.add(
                "/settings/evaluators_per_application",
                "out_of_range",
                lang.text("call-settings-error-evaluators", &[]),
            );
        }
        for (field, rate) in [
            ("discrepancy_trigger", self.discrepancy_trigger),
            ("full_application_variation", self.full_application_variation),
        ] {
            if rate <= Decimal::ZERO || rate > one {
                errors.add(
                    format!("/settings/{field}"),
                    "out_of_range",
                    lang.text("call-settings-error-rate", &[("field", Arg::Text(field))]),
                );
            }
        }
        if self.shortlist_budget_factor < one {
            errors.add(
                "/settings/shortlist_budget_factor",
                "out_of_range",
                lang.text("call-settings-error-shortlist-factor", &[]),
            );
        }
    }

    fn check_attachments(&self, errors: &mut ValidationErrors, lang: Language) {
        if self.attachment_max_bytes == 0 || self.attachment_max_bytes > MAX_ATTACHMENT_BYTES {
            errors.add(
                "/settings/attachment_max_bytes",
                "out_of_range",
                lang.text(
                    "call-settings-error-attachment-size",
                    &[("max", Arg::Text(&MAX_ATTACHMENT_BYTES.to_string()))],
                ),
            );
        }
        for (index, kind) in self.attachment_types.iter().enumerate() {
            if !SUPPORTED_ATTACHMENT_TYPES.contains(&kind.as_str()) {
                errors.add(
                    format!("/settings/attachment_types/{index}"),
                    "unsupported_type",
                    lang.text("call-settings-error-attachment-type", &[("kind", Arg::Text(kind))]),
                );
            }
        }
        for (index, kind) in self.required_attachments.iter().enumerate() {
            if !is_code(kind) {
                errors.add(
                    format!("/settings/required_attachments/{index}"),
                    "invalid_code",
                    lang.text("call-settings-error-attachment-kind", &[]),
                );
            }
        }
    }

    fn check_grids(&self, errors: &mut ValidationErrors, procedure: Procedure, lang: Language) {
        let grids = [
            ("full_application", Some(&self.grids.full_application)),
            ("concept_note", self.grids.concept_note.as_ref()),
        ];
        for (stage, grid) in grids {
            if let Some(Err(problems)) = grid.map(|grid| grid.validate(lang)) {
                for problem in problems.errors {
                    errors.add(format!("/settings/grids/{stage}{}", problem.field), problem.code, problem.message);
                }
            }
        }
        if procedure == Procedure::Restricted && self.grids.concept_note.is_none() {
            errors.add(
                "/settings/grids/concept_note",
                "required",
                lang.text("call-settings-error-concept-note-grid", &[]),
            );
        }
    }

    fn check_checklist_and_forms(&self, errors: &mut ValidationErrors, procedure: Procedure, lang: Language) {
        let mut seen = std::collections::HashSet::new();
        for (index, item) in self.checklist.iter().enumerate() {
            let at = format!("/settings/checklist/{index}");
            if !is_code(&item.code) {
                errors.add(format!("{at}/code"), "invalid_code", lang.text("call-settings-error-checklist-code", &[]));
            } else if !seen.insert(item.code.as_str()) {
                let code = [("code", Arg::Text(&item.code))];
                errors.add(
                    format!("{at}/code"),
                    "duplicate_code",
                    lang.text("call-settings-error-duplicate-code", &code),
                );
            }
            errors.require_text_in(&format!("{at}/en"), &item.en, 500, lang);
            errors.require_text_in(&format!("{at}/fr"), &item.fr, 500, lang);
        }
        if let Err(why) = FormSchema::compile(&self.forms.full_application) {
            errors.add("/settings/forms/full_application", "invalid_schema", why.to_string());
        }
        if let Some(Err(why)) = self.forms.report.as_ref().map(FormSchema::compile) {
            errors.add("/settings/forms/report", "invalid_schema", why.to_string());
        }
        match (&self.forms.concept_note, procedure) {
            (Some(schema), _) => {
                if let Err(why) = FormSchema::compile(schema) {
                    errors.add("/settings/forms/concept_note", "invalid_schema", why.to_string());
                }
            }
            (None, Procedure::Restricted) => {
                errors.add(
                    "/settings/forms/concept_note",
                    "required",
                    lang.text("call-settings-error-concept-note-form", &[]),
                );
            }
            (None, Procedure::Open) => {}
        }
    }
}

/// Checks lots against the call's total budget: named, funded, and adding up to the total; worded in `lang`.
pub fn validate_lots(lots: &[Lot], total_budget: Money, lang: Language) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    if lots.is_empty() {
        errors.add("/lots", "required", lang.text("call-settings-error-lots-required", &[]));
    }
    for (index, lot) in lots.iter().enumerate() {
        errors.require_text_in(&format!("/lots/{index}/name"), &lot.name, 200, lang);
        if let Some(name_fr) = lot.name_fr.as_deref().filter(|n| !n.trim().is_empty()) {
            errors.require_text_in(&format!("/lots/{index}/name_fr"), name_fr, 200, lang);
        }
        if lot.budget == Money::ZERO {
            errors.add(format!("/lots/{index}/budget"), "required", lang.text("call-settings-error-lot-budget", &[]));
        }
    }
    let sum: Decimal = lots.iter().map(|l| l.budget.amount()).sum();
    if !lots.is_empty() && sum != total_budget.amount() {
        errors.add(
            "/lots",
            "lots_do_not_add_up",
            lang.text(
                "call-settings-error-lots-sum",
                &[("sum", Arg::Text(&sum.to_string())), ("total", Arg::Text(&total_budget.to_string()))],
            ),
        );
    }
    errors.into_result()
}

fn is_code(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
