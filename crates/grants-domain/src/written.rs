//! Dates and times as each language writes them, one rule for pages, PDFs and emails alike: `10 December
//! 2026, 23:59 GMT` and `10 décembre 2026 à 23 h 59 GMT`, never an ISO string a person has to decode.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::Language;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A calendar day: `10 December 2026`, `10 décembre 2026`.
pub fn date(on: NaiveDate, lang: Language) -> String {
    let month = on.month0() as usize;
    match lang {
        Language::En => format!("{} {} {}", on.day(), MONTHS_EN[month], on.year()),
        Language::Fr => format!("{} {} {}", on.day(), MONTHS_FR[month], on.year()),
    }
}

/// A wall-clock moment followed by the name of its zone (`GMT`, `UTC`, `CET`…).
pub fn date_time(at: NaiveDateTime, zone: &str, lang: Language) -> String {
    let day = date(at.date(), lang);
    match lang {
        Language::En => format!("{day}, {:02}:{:02} {zone}", at.hour(), at.minute()),
        Language::Fr => format!("{day} à {} h {:02} {zone}", at.hour(), at.minute()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_its_own_dates() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap().and_hms_opt(23, 59, 0).unwrap();
        assert_eq!(date_time(at, "GMT", Language::En), "10 December 2026, 23:59 GMT");
        assert_eq!(date_time(at, "GMT", Language::Fr), "10 décembre 2026 à 23 h 59 GMT");
        assert_eq!(date(NaiveDate::from_ymd_opt(2027, 8, 1).unwrap(), Language::Fr), "1 août 2027");
    }
}
