//! The one place the command line reads the clock: core is given the day.

use portreg_core::Date;

/// Today in UTC, from the system clock.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
}
