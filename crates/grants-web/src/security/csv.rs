//! CSV cells that spreadsheets will not run: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
//! return is a formula to Excel and LibreOffice, so such a cell is prefixed with a single quote (the
//! OWASP advice). Every CSV export writes its text cells through [`cell`].

use std::borrow::Cow;

use crate::AppError;

/// `text` made safe to open in a spreadsheet.
pub fn cell(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

/// A CSV document whose every cell goes through [`cell`]: the one way exports write CSV.
pub struct SafeCsv {
    writer: ::csv::Writer<Vec<u8>>,
}

impl Default for SafeCsv {
    fn default() -> Self {
        SafeCsv { writer: ::csv::Writer::from_writer(Vec::new()) }
    }
}

impl SafeCsv {
    /// Writes one row.
    pub fn row<I, T>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let safe: Vec<String> = cells.into_iter().map(|c| cell(c.as_ref()).into_owned()).collect();
        self.writer.write_record(&safe).map_err(|e| AppError::internal(&e))
    }

    /// The document's bytes.
    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.writer.into_inner().map_err(|e| AppError::internal(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralised_and_plain_text_kept() {
        assert_eq!(cell("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        for risky in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(cell(risky).starts_with('\''), "{risky}");
        }
        assert_eq!(cell("Kayes youth mobility"), "Kayes youth mobility");
        assert_eq!(cell(""), "");
    }
}
