//! Instants as people read them on the pages: in the call's timezone, with the zone named.

use chrono::{DateTime, Utc};

/// An instant in `timezone` (an IANA name), with the zone named; UTC when the name is unknown.
pub fn local_time(at: DateTime<Utc>, timezone: &str) -> String {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(zone) => format!("{} ({timezone})", at.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z")),
        Err(_) => format!("{} (UTC)", at.format("%Y-%m-%d %H:%M")),
    }
}

/// An instant in UTC, for records whose call timezone is not at hand.
pub fn utc_time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}
