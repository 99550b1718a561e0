//! Dates and times as each language writes them, one rule for pages, PDFs and emails alike: `10 December
//! 2026, 23:59 GMT` and `10 décembre 2026 à 23 h 59 GMT`, never an ISO string a person has to decode.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use grants_i18n::Arg;

use crate::Language;

/// A calendar day: `10 December 2026`, `10 décembre 2026` (`written-date` in the catalogues).
pub fn date(on: NaiveDate, lang: Language) -> String {
    let (day, year) = (on.day().to_string(), on.year().to_string());
    let month = Arg::Number(i64::from(on.month()));
    lang.text("written-date", &[("day", Arg::Text(&day)), ("month", month), ("year", Arg::Text(&year))])
}

/// A wall-clock moment followed by the name of its zone (`GMT`, `UTC`, `CET`…) (`written-date-time`).
pub fn date_time(at: NaiveDateTime, zone: &str, lang: Language) -> String {
    let day = date(at.date(), lang);
    let (hour, hour_padded, minute) =
        (at.hour().to_string(), format!("{:02}", at.hour()), format!("{:02}", at.minute()));
    let args = [
        ("date", Arg::Text(&day)),
        ("hour", Arg::Text(&hour)),
        ("hour_padded", Arg::Text(&hour_padded)),
        ("minute", Arg::Text(&minute)),
        ("zone", Arg::Text(zone)),
    ];
    lang.text("written-date-time", &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_its_own_dates() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap().and_hms_opt(23, 59, 0).unwrap();
        assert_eq!(date_time(at, "GMT", Language::EN), "10 December 2026, 23:59 GMT");
        assert_eq!(date_time(at, "GMT", Language::FR), "10 décembre 2026 à 23 h 59 GMT");
        assert_eq!(date(NaiveDate::from_ymd_opt(2027, 8, 1).unwrap(), Language::FR), "1 août 2027");
    }
}
