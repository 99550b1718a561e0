//! Amounts as people type them, read into the plain decimal the forms store (`12500.50`): French
//! readers write `50 000` or `12 500,50`, English readers `50,000` or `12,500.50`, and either may add a
//! euro sign. Only a spelling with one clear reading is rewritten; anything else is left as typed, so the
//! form's check can say what is wrong and show what was typed.

/// The plain decimal `text` stands for (`12500.50`), or `None` when it is not an amount with one clear
/// reading.
pub fn plain_decimal(text: &str) -> Option<String> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(['€'])
        .trim_end()
        .trim_end_matches("EUR")
        .trim_start_matches('€')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    let (whole, fraction) = match decimal_separator(&cleaned) {
        Separator::At(at) => (&cleaned[..at], Some(&cleaned[at + 1..])),
        Separator::None => (cleaned.as_str(), None),
        Separator::Unclear => return None,
    };
    if !groups_are_regular(whole) {
        return None;
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    match fraction {
        Some(fraction)
            if !fraction.is_empty() && fraction.len() <= 2 && fraction.chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(format!("{digits}.{fraction}"))
        }
        Some(_) => None,
        None => Some(digits),
    }
}

/// The whole number `text` stands for when typed with separators of thousands (`3 000`, `3,000`,
/// `12 500`), or `None` when it is not a whole number with one clear reading (`1,5` is left as typed).
pub fn whole_number(text: &str) -> Option<i64> {
    let cleaned: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let unsigned = cleaned.strip_prefix('-').unwrap_or(&cleaned);
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    if !groups_are_regular(unsigned) || unsigned.contains(',') && unsigned.contains('.') {
        return None;
    }
    let digits: String = cleaned.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
    digits.parse().ok()
}

/// A stored plain decimal (`240000.00`) as a reader of `lang` types it (`240 000`, `240,000`,
/// `12 500,50`), for a form field showing what is stored; `None` when `plain` is not an amount.
pub fn written(plain: &str, lang: crate::Language) -> Option<String> {
    let plain = plain.trim();
    let (whole, fraction) = plain.split_once('.').map_or((plain, None), |(w, f)| (w, Some(f)));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let grouped = lang.grouped_digits(whole.trim_start_matches('0'));
    let grouped = if grouped.is_empty() { "0".to_owned() } else { grouped };
    match fraction {
        None => Some(grouped),
        Some(f) if (1..=2).contains(&f.len()) && f.chars().all(|c| c.is_ascii_digit()) => {
            Some(format!("{grouped}{}{f}", lang.decimal_mark()))
        }
        Some(_) => None,
    }
}

/// Where an amount's decimal separator is.
enum Separator {
    /// At this byte.
    At(usize),
    /// There is none: a whole amount.
    None,
    /// The spelling has no single reading.
    Unclear,
}

/// The decimal separator: the last `,` or `.` when one or two digits follow it and it is the only one of
/// its kind; none when three digits follow (a group of thousands) or there is no separator.
fn decimal_separator(text: &str) -> Separator {
    let Some(at) = text.rfind([',', '.']) else { return Separator::None };
    let separator = text.as_bytes()[at] as char;
    let after = text.len() - at - 1;
    let same_kind = text.matches(separator).count();
    if (1..=2).contains(&after) && same_kind == 1 {
        return Separator::At(at);
    }
    if after == 3 {
        // `50,000` or `50.000`: a group of thousands, not a decimal part.
        return Separator::None;
    }
    Separator::Unclear
}

/// Separators in the whole part stand every three digits (`1,250,000`, `1.250.000`), or there are none.
fn groups_are_regular(whole: &str) -> bool {
    let groups: Vec<&str> = whole.split([',', '.']).collect();
    if groups.len() == 1 {
        return true;
    }
    let (first, rest) = groups.split_first().expect("split gives at least one part");
    (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::plain_decimal;

    #[test]
    fn each_way_of_writing_an_amount_reads_the_same() {
        for (typed, plain) in [
            ("50 000", "50000"),
            ("12 500,50", "12500.50"),
            ("12\u{202f}500,5", "12500.5"),
            ("250 000 €", "250000"),
            ("50,000", "50000"),
            ("12,500.50", "12500.50"),
            ("1.250.000", "1250000"),
            ("1.250.000,75", "1250000.75"),
            ("€12,500", "12500"),
            ("240000.00", "240000.00"),
            ("42", "42"),
        ] {
            assert_eq!(plain_decimal(typed).as_deref(), Some(plain), "{typed}");
        }
    }

    #[test]
    fn a_stored_amount_is_shown_as_typed_and_reads_back_the_same() {
        use crate::Language;
        for (plain, lang, shown) in [
            ("180000.00", Language::FR, "180\u{202f}000,00"),
            ("180000", Language::EN, "180,000"),
            ("12500.5", Language::EN, "12,500.5"),
        ] {
            let written = super::written(plain, lang).unwrap();
            assert_eq!(written, shown);
            assert_eq!(plain_decimal(&written).as_deref(), Some(plain));
        }
        assert_eq!(super::written("beaucoup", Language::FR), None);
    }

    #[test]
    fn whole_numbers_are_read_with_their_separators_of_thousands() {
        for (typed, number) in
            [("3 000", 3000), ("3\u{202f}000", 3000), ("3,000", 3000), ("1.250.000", 1_250_000), ("12", 12), ("-4", -4)]
        {
            assert_eq!(super::whole_number(typed), Some(number), "{typed}");
        }
        for typed in ["1,5", "2.50", "trois", "1,000.000", "12 50,0", ""] {
            assert_eq!(super::whole_number(typed), None, "{typed}");
        }
    }

    #[test]
    fn what_has_no_clear_reading_is_left_alone() {
        for typed in ["beaucoup", "12,5,0", "1,2345", "12.500,50.25", "", "€", "12,50,000"] {
            assert_eq!(plain_decimal(typed), None, "{typed}");
        }
    }
}
