//! Instants and days as people read them on the pages: in the call's timezone, with the zone named,
//! written the reader's way (see [`grants_domain::written`]).

use chrono::{DateTime, NaiveDate, Utc};
use grants_domain::Language;
use grants_domain::written;

/// An instant in `timezone` (an IANA name), with the zone named; UTC when the name is unknown.
pub fn local_time(at: DateTime<Utc>, timezone: &str, lang: Language) -> String {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(zone) => {
            let local = at.with_timezone(&zone);
            let abbreviation = local.format("%Z").to_string();
            format!("{} ({timezone})", written::date_time(local.naive_local(), &abbreviation, lang))
        }
        Err(_) => utc_time(at, lang),
    }
}

/// An instant in UTC, for records whose call timezone is not at hand.
pub fn utc_time(at: DateTime<Utc>, lang: Language) -> String {
    written::date_time(at.naive_utc(), "UTC", lang)
}

/// A calendar day (an agreement's start, a report's due date).
pub fn day(on: NaiveDate, lang: Language) -> String {
    written::date(on, lang)
}
