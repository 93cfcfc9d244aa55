//! A per-client limit on fetches: one admin's console needs a handful a
//! minute; a script hammering the proxy gets told to slow down.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Fetches one client may ask for in a minute, unless configured otherwise.
pub const FETCHES_PER_MINUTE: u32 = 60;
const WINDOW: Duration = Duration::from_secs(60);
/// Beyond this many clients, windows that have ended are forgotten.
const PRUNE_AT: usize = 10_000;

#[derive(Debug)]
pub struct RateLimiter {
    /// 0: no limit (benchmarks, or a proxy behind its own limiter).
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl Default for RateLimiter {
    fn default() -> Self {
        RateLimiter::new(FETCHES_PER_MINUTE)
    }
}

impl RateLimiter {
    pub fn new(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The configured limit (0: none).
    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    /// Counts one fetch for `client`; `false` when over the limit.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        if self.per_minute == 0 {
            return true;
        }
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(client_key(client)).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= self.per_minute {
            return false;
        }
        entry.1 += 1;
        true
    }
}

/// The address a client is counted under. An IPv6 client usually holds a
/// whole /64 (and privacy addresses change within it), so one machine
/// could take a fresh limit per address: it is counted by its /64. An IPv4
/// address seen as IPv6 is the IPv4 address.
pub(crate) fn client_key(client: IpAddr) -> IpAddr {
    match client {
        IpAddr::V4(_) => client,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6((u128::from(v6) & (u128::MAX << 64)).into()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_client_has_its_own_window() {
        let r = RateLimiter::default();
        let t0 = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        for _ in 0..FETCHES_PER_MINUTE {
            assert!(r.allow(a, t0));
        }
        assert!(!r.allow(a, t0 + Duration::from_secs(30)));
        assert!(r.allow(b, t0 + Duration::from_secs(30)));
        assert!(r.allow(a, t0 + WINDOW), "a new minute starts afresh");
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64() {
        let r = RateLimiter::new(3);
        let t0 = Instant::now();
        let ip = |s: &str| -> IpAddr { s.parse().expect("ip") };
        assert!(r.allow(ip("2001:db8:1:2::1"), t0));
        assert!(r.allow(ip("2001:db8:1:2:aaaa::9"), t0));
        assert!(r.allow(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), t0));
        assert!(!r.allow(ip("2001:db8:1:2::77"), t0), "same /64");
        assert!(r.allow(ip("2001:db8:1:3::1"), t0), "another /64");
        // A mapped IPv4 address shares the IPv4 address's window.
        let v4 = RateLimiter::new(1);
        assert!(v4.allow(ip("10.0.0.1"), t0));
        assert!(!v4.allow(ip("::ffff:10.0.0.1"), t0));
    }

    #[test]
    fn the_limit_is_configurable_and_zero_turns_it_off() {
        let t0 = Instant::now();
        let a: IpAddr = [10, 0, 0, 1].into();
        let three = RateLimiter::new(3);
        assert!((0..3).all(|_| three.allow(a, t0)));
        assert!(!three.allow(a, t0));
        let off = RateLimiter::new(0);
        assert!((0..10 * FETCHES_PER_MINUTE).all(|_| off.allow(a, t0)));
        // Nothing is remembered when there is no limit.
        assert!(off.windows.lock().map(|w| w.is_empty()).unwrap_or(false));
    }
}
