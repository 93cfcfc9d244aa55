//! Points in time as seconds since the Unix epoch, UTC. The core never reads a
//! clock: callers pass "now", so every check is repeatable.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct UnixTime(pub i64);

pub const SECONDS_PER_DAY: i64 = 86_400;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TimeError {
    #[error(
        "'{0}' is not an RFC 3339 time (expected e.g. 2026-11-26T14:00:00Z or 2026-11-26T23:00:00+09:00)"
    )]
    Format(String),
    #[error("'{0}' is not a valid date or time of day")]
    OutOfRange(String),
}

impl UnixTime {
    /// Whole days from `self` to `later` (negative when `later` is earlier),
    /// rounded towards negative infinity: a certificate that expires in 23
    /// hours has 0 days left, one that expired an hour ago has -1.
    pub fn days_until(self, later: UnixTime) -> i64 {
        (later.0 - self.0).div_euclid(SECONDS_PER_DAY)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`; outside years 0 to 9999 (which no certificate
    /// or server writes), the seconds since 1970.
    pub fn to_rfc3339(self) -> String {
        OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_else(|| format!("{} s after 1970-01-01T00:00:00Z", self.0))
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a space (or any
    /// character) may stand for the `T`, and `z` may be lower case.
    pub fn parse_rfc3339(text: &str) -> Result<UnixTime, TimeError> {
        let s = text.trim();
        match OffsetDateTime::parse(s, &Rfc3339) {
            Ok(t) => Ok(UnixTime(t.unix_timestamp())),
            Err(e) if out_of_range(s, &e) => Err(TimeError::OutOfRange(s.to_string())),
            Err(_) => Err(TimeError::Format(s.to_string())),
        }
    }

    /// Reads an HTTP `Date` header in any of the three forms HTTP allows
    /// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850, asctime).
    pub fn parse_http_date(text: &str) -> Result<UnixTime, TimeError> {
        let s = text.trim();
        httpdate::parse_http_date(s)
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_secs()).ok())
            .map(UnixTime)
            .ok_or_else(|| TimeError::Format(s.to_string()))
    }
}

/// Whether time refused `text` for a value out of range (Feb 30, hour 24,
/// offset +24:00) rather than for its shape: a component it names is made
/// of digits, in its place.
fn out_of_range(text: &str, error: &time::error::Parse) -> bool {
    use time::error::{Parse, ParseFromDescription};
    let component = match error {
        Parse::TryFromParsed(_) => return true,
        Parse::ParseFromDescription(ParseFromDescription::InvalidComponent(c)) => *c,
        _ => return false,
    };
    // The offset follows the seconds and their fraction, if any.
    let offset_at = 19
        + text
            .get(19..)
            .and_then(|rest| rest.strip_prefix('.'))
            .map_or(0, |f| 1 + f.bytes().take_while(u8::is_ascii_digit).count());
    let place = match component {
        "month" => 5..7,
        "day" => 8..10,
        "hour" => 11..13,
        "minute" => 14..16,
        "second" => 17..19,
        "offset hour" => offset_at + 1..offset_at + 3,
        "offset minute" => offset_at + 4..offset_at + 6,
        _ => return false,
    };
    text.get(place)
        .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(UnixTime(0).to_rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(UnixTime(951_782_400).to_rfc3339(), "2000-02-29T00:00:00Z");
        assert_eq!(UnixTime(1_795_651_200).to_rfc3339(), "2026-11-26T00:00:00Z");
        assert_eq!(UnixTime(-1).to_rfc3339(), "1969-12-31T23:59:59Z");
        assert_eq!(
            UnixTime(253_402_300_799).to_rfc3339(),
            "9999-12-31T23:59:59Z"
        );
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for t in [
            0,
            951_782_400,
            1_795_651_200,
            1_795_757_445,
            253_402_300_799,
        ] {
            let text = UnixTime(t).to_rfc3339();
            assert_eq!(UnixTime::parse_rfc3339(&text), Ok(UnixTime(t)), "{text}");
        }
        assert_eq!(
            UnixTime::parse_rfc3339("2026-11-26T09:00:00+09:00"),
            UnixTime::parse_rfc3339("2026-11-26T00:00:00Z")
        );
        assert_eq!(
            UnixTime::parse_rfc3339("2026-11-26 00:00:00.123z"),
            UnixTime::parse_rfc3339("2026-11-26T00:00:00Z")
        );
    }

    #[test]
    fn rejects_bad_times_with_the_input_named() {
        for bad in [
            "2026-11-26",
            "2026-11-26T00:00:00",
            "26/11/2026 00:00:00Z",
            "2026-1a-26T00:00:00Z",
        ] {
            assert!(
                matches!(UnixTime::parse_rfc3339(bad), Err(TimeError::Format(s)) if s == bad),
                "{bad}"
            );
        }
        assert!(matches!(
            UnixTime::parse_rfc3339("2026-02-29T00:00:00Z"),
            Err(TimeError::OutOfRange(_))
        ));
        for out_of_range in [
            "2026-11-26T24:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-26T00:00:00+24:00",
            "2026-11-26T00:00:00.5+09:60",
        ] {
            assert!(
                matches!(
                    UnixTime::parse_rfc3339(out_of_range),
                    Err(TimeError::OutOfRange(_))
                ),
                "{out_of_range}"
            );
        }
        assert!(matches!(
            UnixTime::parse_rfc3339("2026-11-26T00:00:00+9:00"),
            Err(TimeError::Format(_))
        ));
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            UnixTime::parse_http_date("Thu, 26 Nov 2026 14:13:27 GMT"),
            UnixTime::parse_rfc3339("2026-11-26T14:13:27Z")
        );
        // HTTP's two obsolete forms, which recipients must read (RFC 9110 5.6.7).
        assert_eq!(
            UnixTime::parse_http_date("Thursday, 26-Nov-26 14:13:27 GMT"),
            UnixTime::parse_rfc3339("2026-11-26T14:13:27Z")
        );
        assert_eq!(
            UnixTime::parse_http_date("Thu Nov 26 14:13:27 2026"),
            UnixTime::parse_rfc3339("2026-11-26T14:13:27Z")
        );
        for bad in [
            "Thu, 31 Nov 2026 14:13:27 GMT",
            "",
            "yesterday",
            "Thu, 26 Nov 2026 14:13:27 +0900",
        ] {
            assert_eq!(
                UnixTime::parse_http_date(bad),
                Err(TimeError::Format(bad.to_string())),
                "{bad}"
            );
        }
    }

    #[test]
    fn days_round_down() {
        let now = UnixTime(1_000_000);
        assert_eq!(now.days_until(UnixTime(1_000_000 + 23 * 3600)), 0);
        assert_eq!(now.days_until(UnixTime(1_000_000 + SECONDS_PER_DAY)), 1);
        assert_eq!(now.days_until(UnixTime(1_000_000 - 3600)), -1);
    }
}
