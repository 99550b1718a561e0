//! The lots section of the call form: one row per lot typed as text (names in English and French, budget
//! as people write amounts), the buttons that add and remove rows, and each error placed beside its lot's field.

use grants_domain::call_settings::Lot;
use grants_domain::{FieldError, Language, Money, ValidationErrors};
use grants_i18n::Arg;
use grants_store::LotRecord;
use serde::Serialize;
use serde_json::{Value, json};

/// Most rows a posted form may open (a guard against `lots_99999_name`).
const MAX_ROWS: usize = 100;

/// The inputs of one row: (part, catalogue key of its label, input mode).
const PARTS: &[(&str, &str, &str)] = &[
    ("name", "call_lot_name_en", "text"),
    ("name_fr", "call_lot_name_fr", "text"),
    ("budget", "call_lot_budget", "decimal"),
];

/// One lot as typed.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct LotRow {
    pub name: String,
    pub name_fr: String,
    pub budget: String,
}

impl LotRow {
    /// The row showing a stored lot.
    pub fn of(lot: &LotRecord) -> LotRow {
        LotRow {
            name: lot.name.clone(),
            name_fr: lot.name_fr.clone().unwrap_or_default(),
            budget: lot.budget.to_string(),
        }
    }

    fn slot(&mut self, part: &str) -> Option<&mut String> {
        match part {
            "name" => Some(&mut self.name),
            "name_fr" => Some(&mut self.name_fr),
            "budget" => Some(&mut self.budget),
            _ => None,
        }
    }
}

/// Takes posted field `key` when it is a lot's (`lots_{index}_{part}`); false when it is not.
pub fn take(rows: &mut Vec<LotRow>, key: &str, value: String) -> bool {
    let Some((index, part)) = key.strip_prefix("lots_").and_then(|rest| rest.split_once('_')) else {
        return false;
    };
    let Some(index) = index.parse::<usize>().ok().filter(|i| *i < MAX_ROWS) else { return false };
    if rows.len() <= index {
        rows.resize_with(index + 1, LotRow::default);
    }
    match rows[index].slot(part) {
        Some(slot) => {
            *slot = value;
            true
        }
        None => false,
    }
}

/// The lots the rows describe; an unreadable budget is reported beside its row.
pub fn parsed(rows: &[LotRow], errors: &mut ValidationErrors, lang: Language) -> Vec<Lot> {
    let mut lots = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let text = &row.budget;
        match grants_domain::typed_amount::plain_decimal(text)
            .unwrap_or_else(|| text.trim().to_owned())
            .parse::<Money>()
        {
            Ok(budget) => {
                let name_fr = Some(row.name_fr.trim()).filter(|n| !n.is_empty()).map(ToOwned::to_owned);
                lots.push(Lot { name: row.name.trim().to_owned(), name_fr, budget });
            }
            Err(why) => errors.add(
                format!("/lots/{index}/budget"),
                "invalid_amount",
                lang.text("call-form-error-lot-amount", &[("why", Arg::Text(&why.explain(lang)))]),
            ),
        }
    }
    lots
}

/// A list-editing button of the lots section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotOp {
    /// `add_lot`: one more empty row at the end.
    Add,
    /// `remove_lot_{index}`: that row goes.
    Remove(usize),
}

impl LotOp {
    /// The button `op` names, if it is one of the lots section's.
    pub fn parse(op: &str) -> Option<LotOp> {
        match op {
            "add_lot" => Some(LotOp::Add),
            _ => op.strip_prefix("remove_lot_").and_then(|i| i.parse().ok()).map(LotOp::Remove),
        }
    }

    /// The rows with the change applied.
    pub fn apply(self, rows: &mut Vec<LotRow>) {
        match self {
            LotOp::Add if rows.len() < MAX_ROWS => rows.push(LotRow::default()),
            LotOp::Remove(index) if index < rows.len() => {
                rows.remove(index);
            }
            LotOp::Add | LotOp::Remove(_) => {}
        }
    }
}

/// The row and input an error pointer names (`/lots/1/budget`), when it names one.
pub fn input_of(pointer: &str) -> Option<(usize, &str)> {
    let (index, part) = pointer.strip_prefix("/lots/")?.split_once('/')?;
    Some((index.parse().ok()?, part.split('/').next().unwrap_or(part)))
}

/// The element id of row `index`'s input `part`.
pub fn input_id(index: usize, part: &str) -> String {
    let part = if PARTS.iter().any(|(p, _, _)| *p == part) { part } else { "name" };
    format!("call-lots-{index}-{part}")
}

/// The label of row `index`'s input `part` in the error summary: `Lot 2 — Budget`.
pub fn summary_label(text: &dyn Fn(&str) -> String, index: usize, part: &str) -> String {
    let key = PARTS.iter().find(|(p, _, _)| *p == part).map_or("call_lot_name_en", |(_, key, _)| key);
    format!("{} {} — {}", text("call_lot_legend"), index + 1, text(key))
}

/// The rows for the template, each input with its label, what was typed and its error.
pub fn view(text: &dyn Fn(&str) -> String, rows: &[LotRow], errors: &[FieldError]) -> Vec<Value> {
    rows.iter()
        .enumerate()
        .map(|(index, row)| {
            let typed = serde_json::to_value(row).unwrap_or(Value::Null);
            let inputs: Vec<Value> = PARTS
                .iter()
                .map(|(part, key, mode)| {
                    let error: Vec<&str> = errors
                        .iter()
                        .filter(|e| input_of(&e.field) == Some((index, part)))
                        .map(|e| e.message.as_str())
                        .collect();
                    let id = input_id(index, part);
                    json!({
                        "described_by": (!error.is_empty()).then(|| format!("{id}-error")),
                        "id": id,
                        "name": format!("lots_{index}_{part}"),
                        "label": text(key),
                        "hint": Value::Null,
                        "amount": *mode == "decimal",
                        "value": typed[*part],
                        "error": (!error.is_empty()).then(|| error.join(" ")),
                    })
                })
                .collect();
            json!({ "index": index, "number": index + 1, "inputs": inputs })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_by_index_and_edited_by_their_buttons() {
        let mut rows = Vec::new();
        assert!(take(&mut rows, "lots_1_budget", "400 000".into()));
        assert!(take(&mut rows, "lots_0_name", "West Africa".into()));
        assert!(!take(&mut rows, "lots_0_colour", "red".into()));
        assert!(!take(&mut rows, "lots_100000_name", "far".into()));
        assert_eq!(rows.len(), 2);
        LotOp::parse("add_lot").unwrap().apply(&mut rows);
        assert_eq!(rows.len(), 3);
        LotOp::parse("remove_lot_0").unwrap().apply(&mut rows);
        assert_eq!(rows[0].budget, "400 000");
        assert_eq!(LotOp::parse("save"), None);
    }

    #[test]
    fn budgets_are_read_as_people_write_them_and_errors_name_their_row() {
        let rows = vec![
            LotRow { name: "West Africa".into(), name_fr: "Afrique de l'Ouest".into(), budget: "600 000,50".into() },
            LotRow { name: "Horn".into(), name_fr: String::new(), budget: "lots".into() },
        ];
        let mut errors = ValidationErrors::default();
        let lots = parsed(&rows, &mut errors, Language::EN);
        assert_eq!(lots[0].budget, "600000.50".parse().unwrap());
        assert_eq!(lots[0].name_fr.as_deref(), Some("Afrique de l'Ouest"));
        assert_eq!(errors.errors[0].field, "/lots/1/budget");
        assert_eq!(input_of(&errors.errors[0].field), Some((1, "budget")));
    }
}
