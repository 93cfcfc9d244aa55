//! The system clock, read in one place (s2s-core has no clock: "now" is
//! passed in).

use s2s_core::time::UnixTime;

/// Now, by the system clock.
pub fn now() -> UnixTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    UnixTime(i64::try_from(secs).unwrap_or(i64::MAX))
}
