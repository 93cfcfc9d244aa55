//! Points in time as seconds since the Unix epoch, UTC. The core never reads a
//! clock: callers pass "now", so every check is repeatable.

use serde::{Deserialize, Serialize};
use thiserror::Error;

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

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn to_rfc3339(self) -> String {
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        let secs = self.0.rem_euclid(SECONDS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; a space may stand
    /// for the `T`, and `z`/`t` may be lower case.
    pub fn parse_rfc3339(text: &str) -> Result<UnixTime, TimeError> {
        let s = text.trim();
        let bad = || TimeError::Format(s.to_string());
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        if !matches!(b[10], b'T' | b't' | b' ') {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i64, TimeError> {
            let part = s.get(r).ok_or_else(bad)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse::<i64>().map_err(|_| bad())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(bad());
            }
            rest = &frac[digits..];
        }
        let offset = match rest {
            "Z" | "z" => 0,
            _ => {
                let rb = rest.as_bytes();
                if rb.len() != 6 || !matches!(rb[0], b'+' | b'-') || rb[3] != b':' {
                    return Err(bad());
                }
                let h = rest[1..3].parse::<i64>().map_err(|_| bad())?;
                let m = rest[4..6].parse::<i64>().map_err(|_| bad())?;
                if h > 23 || m > 59 {
                    return Err(TimeError::OutOfRange(s.to_string()));
                }
                let sign = if rb[0] == b'-' { -1 } else { 1 };
                sign * (h * 3600 + m * 60)
            }
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return Err(TimeError::OutOfRange(s.to_string()));
        }
        let days = days_from_civil(year, month, day);
        // A leap second (:60) counts as the next second.
        Ok(UnixTime(
            days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset,
        ))
    }
}

impl UnixTime {
    /// Reads an HTTP `Date` header (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`).
    pub fn parse_http_date(text: &str) -> Result<UnixTime, TimeError> {
        let s = text.trim();
        let bad = || TimeError::Format(s.to_string());
        let parts: Vec<&str> = s.split_whitespace().collect();
        let [_weekday, day, month, year, clock, zone] = parts.as_slice() else {
            return Err(bad());
        };
        if *zone != "GMT" && *zone != "UTC" {
            return Err(bad());
        }
        let month = MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(month))
            .ok_or_else(bad)? as i64
            + 1;
        let day: i64 = day.parse().map_err(|_| bad())?;
        let year: i64 = year.parse().map_err(|_| bad())?;
        let hms: Vec<i64> = clock
            .split(':')
            .map(|p| p.parse::<i64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        let [h, m, sec] = hms.as_slice() else {
            return Err(bad());
        };
        if day < 1 || day > days_in_month(year, month) || *h > 23 || *m > 59 || *sec > 60 {
            return Err(TimeError::OutOfRange(s.to_string()));
        }
        Ok(UnixTime(
            days_from_civil(year, month, day) * SECONDS_PER_DAY + h * 3600 + m * 60 + sec,
        ))
    }
}

impl UnixTime {
    /// An HTTP `Date` header value (IMF-fixdate).
    pub fn to_http_date(self) -> String {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        let days = self.0.div_euclid(SECONDS_PER_DAY);
        let secs = self.0.rem_euclid(SECONDS_PER_DAY);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} GMT",
            DAYS[days.rem_euclid(7) as usize],
            MONTHS[(m - 1) as usize],
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
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
        assert!(matches!(
            UnixTime::parse_rfc3339("2026-11-26T24:00:00Z"),
            Err(TimeError::OutOfRange(_))
        ));
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            UnixTime::parse_http_date("Thu, 26 Nov 2026 14:13:27 GMT"),
            UnixTime::parse_rfc3339("2026-11-26T14:13:27Z")
        );
        assert!(UnixTime::parse_http_date("Thursday, 26-Nov-26 14:13:27 GMT").is_err());
        assert!(UnixTime::parse_http_date("Thu, 31 Nov 2026 14:13:27 GMT").is_err());
        assert!(UnixTime::parse_http_date("").is_err());
        let t = UnixTime::parse_rfc3339("2026-11-26T14:13:27Z").expect("time");
        assert_eq!(t.to_http_date(), "Thu, 26 Nov 2026 14:13:27 GMT");
        assert_eq!(UnixTime(0).to_http_date(), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            UnixTime::parse_http_date(&UnixTime(1_795_000_123).to_http_date()),
            Ok(UnixTime(1_795_000_123))
        );
    }

    #[test]
    fn days_round_down() {
        let now = UnixTime(1_000_000);
        assert_eq!(now.days_until(UnixTime(1_000_000 + 23 * 3600)), 0);
        assert_eq!(now.days_until(UnixTime(1_000_000 + SECONDS_PER_DAY)), 1);
        assert_eq!(now.days_until(UnixTime(1_000_000 - 3600)), -1);
    }

    #[test]
    fn civil_round_trip_over_four_centuries() {
        for days in (-1000..146_097 * 2).step_by(37) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
