//! Codes for what a manager adds when designing a call: scorecards, checklists and answers are keyed by
//! code, so a stored code never changes, and a new section, criterion, checklist item, question or option
//! gets one made from its English text when it is first saved. Nobody types a code.

use std::collections::HashSet;
use std::hash::BuildHasher;

use crate::evaluation::grid::TOTAL_CODE;

/// The longest code made from a text (the domain accepts 64 characters; room is left for `_2`…).
const MAX_LEN: usize = 48;

/// A new code for an item whose English text is `english` (`fallback` when that gives nothing),
/// snake_case ASCII, never `total`, and not in `taken`, which it joins.
pub fn new_code<S: BuildHasher>(english: &str, fallback: &str, taken: &mut HashSet<String, S>) -> String {
    let mut base = snake_case(english);
    if base.is_empty() {
        fallback.clone_into(&mut base);
    }
    let mut code = base.clone();
    let mut n = 2;
    while code == TOTAL_CODE || taken.contains(&code) {
        code = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(code.clone());
    code
}

/// `text` as lower-case ASCII words joined by `_`, accents dropped ("Qualité du plan" → `qualite_du_plan`).
pub fn snake_case(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = fold(c);
        if folded.is_empty() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        } else {
            out.push_str(folded);
        }
        if out.len() >= MAX_LEN {
            break;
        }
    }
    out.truncate(MAX_LEN);
    out.trim_matches('_').to_owned()
}

/// The ASCII letters a lower-case character is written with in a code; empty for a separator.
fn fold(c: char) -> &'static str {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if c.is_ascii_alphanumeric() {
        let at = LETTERS.find(c).unwrap_or(0);
        return &LETTERS[at..=at];
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_the_english_text_in_snake_case_unique_and_never_total() {
        let mut taken: HashSet<String> = ["relevance".to_owned()].into();
        assert_eq!(new_code("Relevance", "section", &mut taken), "relevance_2");
        assert_eq!(new_code("  Qualité du plan d'action ? ", "section", &mut taken), "qualite_du_plan_d_action");
        assert_eq!(new_code("Total", "section", &mut taken), "total_2");
        assert_eq!(new_code("¿¡ !", "criterion", &mut taken), "criterion");
        assert_eq!(new_code("", "criterion", &mut taken), "criterion_2");
        let long = new_code(&"word ".repeat(30), "item", &mut taken);
        assert!(long.len() <= MAX_LEN && !long.ends_with('_'), "{long}");
        assert!(taken.contains("qualite_du_plan_d_action"));
    }
}
