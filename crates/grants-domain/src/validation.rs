//! Field-level validation errors, shared by the API and the web forms.

use serde::Serialize;

/// One problem with one field of some input, addressed by a JSON-pointer-like path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Where the problem is, e.g. `/title_en` or `/lots/0/budget`.
    pub field: String,
    /// A stable machine-readable code, e.g. `required` or `too_long`.
    pub code: &'static str,
    /// A sentence a person can act on.
    pub message: String,
}

/// Every problem found in one input, so a user can fix them all at once instead of one per round trip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} field(s) are invalid", .errors.len())]
pub struct ValidationErrors {
    /// The problems, in the order they were found.
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    /// Records a problem with `field`.
    pub fn add(&mut self, field: impl Into<String>, code: &'static str, message: impl Into<String>) {
        self.errors.push(FieldError { field: field.into(), code, message: message.into() });
    }

    /// `Ok(())` when nothing was recorded, so validators can end with `errors.into_result()`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.errors.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Checks that a text field is present and not longer than `max` characters (worded in English).
    pub fn require_text(&mut self, field: &str, value: &str, max: usize) {
        self.require_text_in(field, value, max, crate::Language::EN);
    }

    /// Checks that a text field is present and not longer than `max` characters, worded in `lang`.
    pub fn require_text_in(&mut self, field: &str, value: &str, max: usize, lang: crate::Language) {
        let trimmed = value.trim();
        let name = grants_i18n::Arg::Text(field.trim_start_matches('/'));
        if trimmed.is_empty() {
            self.add(field, "required", lang.text("validation-required", &[("field", name)]));
        } else if trimmed.chars().count() > max {
            let max = grants_i18n::Arg::Number(i64::try_from(max).unwrap_or(i64::MAX));
            self.add(field, "too_long", lang.text("validation-too-long", &[("field", name), ("max", max)]));
        }
    }
}
