//! A per-client limit on fetches: one admin's console needs a handful a
//! minute; a script hammering the proxy gets told to slow down.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Fetches one client may ask for in a minute.
pub const FETCHES_PER_MINUTE: u32 = 60;
const WINDOW: Duration = Duration::from_secs(60);
/// Beyond this many clients, windows that have ended are forgotten.
const PRUNE_AT: usize = 10_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimiter {
    /// Counts one fetch for `client`; `false` when over the limit.
    pub fn allow(&self, client: IpAddr, now: Instant) -> bool {
        let Ok(mut windows) = self.windows.lock() else {
            return true;
        };
        if windows.len() > PRUNE_AT {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let entry = windows.entry(client).or_insert((now, 0));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, 0);
        }
        if entry.1 >= FETCHES_PER_MINUTE {
            return false;
        }
        entry.1 += 1;
        true
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
}
