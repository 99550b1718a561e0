//! The parts of a call for proposals that the rules need (SPEC §3).

use chrono::{DateTime, Utc};
use grants_i18n::Arg;
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumString};

use crate::{Money, ValidationErrors};

/// How applications reach the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Display, EnumString, AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Procedure {
    /// One full application per applicant.
    #[default]
    Open,
    /// A concept note first; a full application only by invitation.
    Restricted,
}

/// Which form an application answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Display, EnumString, AsRefStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Stage {
    /// The first stage of a restricted call.
    ConceptNote,
    /// The only stage of an open call, the second of a restricted one.
    #[default]
    FullApplication,
}

impl Procedure {
    /// The stage a new application starts in.
    pub fn first_stage(self) -> Stage {
        match self {
            Procedure::Open => Stage::FullApplication,
            Procedure::Restricted => Stage::ConceptNote,
        }
    }
}

/// The rules of a call that publishing freezes and submissions are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallRules {
    /// Human reference such as `MMD-CFP-2026-01`.
    pub reference: String,
    /// English title.
    pub title_en: String,
    /// French title.
    pub title_fr: String,
    /// English description.
    pub description_en: String,
    /// French description.
    pub description_fr: String,
    /// Open or restricted.
    pub procedure: Procedure,
    /// What the call may award in total.
    pub total_budget: Money,
    /// The smallest grant one application may ask for.
    pub min_grant: Money,
    /// The largest grant one application may ask for.
    pub max_grant: Money,
    /// When applicants may start submitting.
    pub opens_at: DateTime<Utc>,
    /// The instant after which no submission is accepted.
    pub deadline_at: DateTime<Utc>,
    /// The IANA timezone the deadline is shown in, e.g. `Africa/Bamako`.
    pub display_timezone: String,
}

/// Longest title accepted.
pub const MAX_TITLE: usize = 200;
/// Longest description accepted.
pub const MAX_DESCRIPTION: usize = 20_000;

/// Checks the shape of a call reference: upper-case letters, digits and dashes, 3 to 40 characters.
pub fn is_valid_reference(reference: &str) -> bool {
    (3..=40).contains(&reference.len())
        && reference.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !reference.starts_with('-')
        && !reference.ends_with('-')
}

impl CallRules {
    /// The call's title for a reader of `lang`: the French one when there is one, the English otherwise.
    pub fn title(&self, lang: crate::Language) -> &str {
        if lang == crate::Language::FR && !self.title_fr.is_empty() { &self.title_fr } else { &self.title_en }
    }

    /// What every call, even a draft, must satisfy; the problems worded in `lang`.
    pub fn check_draft(&self, lang: crate::Language) -> Result<(), ValidationErrors> {
        let say = |id: &str| lang.text(id, &[]);
        let mut errors = ValidationErrors::default();
        if !is_valid_reference(&self.reference) {
            errors.add("/reference", "invalid_reference", say("call-rules-error-reference"));
        }
        errors.require_text_in("/title_en", &self.title_en, MAX_TITLE, lang);
        for (field, value) in [
            ("/title_fr", &self.title_fr),
            ("/description_en", &self.description_en),
            ("/description_fr", &self.description_fr),
        ] {
            let max = if field.starts_with("/title") { MAX_TITLE } else { MAX_DESCRIPTION };
            if value.chars().count() > max {
                let args =
                    [("field", Arg::Text(&field[1..])), ("max", Arg::Number(i64::try_from(max).unwrap_or(i64::MAX)))];
                errors.add(field, "too_long", lang.text("validation-too-long", &args));
            }
        }
        if self.deadline_at <= self.opens_at {
            errors.add("/deadline_at", "deadline_before_opening", say("call-rules-error-deadline-before-opening"));
        }
        if self.min_grant > self.max_grant {
            errors.add("/min_grant", "min_above_max", say("call-rules-error-min-above-max"));
        }
        if self.max_grant > self.total_budget {
            errors.add("/max_grant", "max_above_budget", say("call-rules-error-max-above-budget"));
        }
        if self.display_timezone.trim().is_empty() || self.display_timezone.len() > 64 {
            errors.add("/display_timezone", "invalid_timezone", say("call-rules-error-timezone"));
        }
        errors.into_result()
    }

    /// What a call must satisfy before it can be published: complete in both languages, money to
    /// give, and a deadline still ahead; the problems worded in `lang`.
    pub fn check_publishable(&self, now: DateTime<Utc>, lang: crate::Language) -> Result<(), ValidationErrors> {
        let say = |id: &str| lang.text(id, &[]);
        let mut errors = self.check_draft(lang).err().unwrap_or_default();
        for (field, value) in [
            ("/title_fr", &self.title_fr),
            ("/description_en", &self.description_en),
            ("/description_fr", &self.description_fr),
        ] {
            if value.trim().is_empty() {
                let named = [("field", Arg::Text(&field[1..]))];
                errors.add(field, "required", lang.text("call-rules-error-required-before-publication", &named));
            }
        }
        if self.total_budget == Money::ZERO {
            errors.add("/total_budget", "required", say("call-rules-error-total-budget-zero"));
        }
        if self.max_grant == Money::ZERO {
            errors.add("/max_grant", "required", say("call-rules-error-max-grant-zero"));
        }
        if self.deadline_at <= now {
            errors.add("/deadline_at", "deadline_passed", say("call-rules-error-deadline-passed"));
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn rules() -> CallRules {
        let now = Utc::now();
        CallRules {
            reference: "MMD-CFP-2026-01".into(),
            title_en: "Call".into(),
            title_fr: "Appel".into(),
            description_en: "d".into(),
            description_fr: "d".into(),
            procedure: Procedure::Open,
            total_budget: "1000000".parse().unwrap(),
            min_grant: "50000".parse().unwrap(),
            max_grant: "200000".parse().unwrap(),
            opens_at: now,
            deadline_at: now + Duration::days(30),
            display_timezone: "Africa/Bamako".into(),
        }
    }

    #[test]
    fn complete_call_is_publishable() {
        assert_eq!(rules().check_publishable(Utc::now(), crate::Language::EN), Ok(()));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut r = rules();
        r.reference = "bad ref".into();
        r.title_fr = String::new();
        r.min_grant = "300000".parse().unwrap();
        let errors = r.check_publishable(Utc::now(), crate::Language::EN).unwrap_err();
        let fields: Vec<_> = errors.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["/reference", "/min_grant", "/title_fr"]);
    }
}
