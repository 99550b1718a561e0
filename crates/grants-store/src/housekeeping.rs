//! Clearing what security bookkeeping leaves behind: throttle marks past every window, browsers unused for
//! a year, registrations never confirmed. The scheduler runs it with its other passes; every instance may.

use chrono::{DateTime, Duration, Utc};

use crate::accounts::AccountLimits;
use crate::{Store, StoreError};

/// How long a known browser is remembered without being used.
pub const DEVICE_DAYS: i64 = 365;
/// Throttle marks older than this count in no window.
pub const MARK_HOURS: i64 = 24;

/// What one housekeeping pass removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Housekeeping {
    /// Throttle marks.
    pub marks: u64,
    /// Forgotten browsers.
    pub devices: u64,
    /// Expired unconfirmed registrations.
    pub registrations: u64,
}

impl Store {
    /// Runs one housekeeping pass at `now`.
    pub async fn housekeeping(&self, limits: AccountLimits, now: DateTime<Utc>) -> Result<Housekeeping, StoreError> {
        Ok(Housekeeping {
            marks: self.purge_throttle_marks(now - Duration::hours(MARK_HOURS)).await?,
            devices: self.purge_devices(now - Duration::days(DEVICE_DAYS)).await?,
            registrations: self.purge_unverified(limits, now).await?,
        })
    }
}
