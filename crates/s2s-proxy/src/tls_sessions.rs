//! TLS session resumption with a bounded chain age.
//!
//! A resumed handshake skips the certificate exchange: the server presents
//! no chain and nothing is verified again; the chain reported is the one
//! verified in the full handshake the session came from. That is what every
//! HTTPS client does (nginx's `proxy_pass` resumes by default), and it halves
//! the cost of a fetch, but a report must never show a stale chain for long.
//! So a session is offered only while its chain was verified less than the
//! configured window ago (default 30 s; 0 turns resumption off), only to the
//! same name at the same address (each front end of a pool shows its own
//! certificate), only under the same verification setting, and never when
//! the caller asks for a fresh look (`fresh=1`, which the app always sends).

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::NamedGroup;
use rustls::client::{ClientSessionStore, Tls12ClientSessionValue, Tls13ClientSessionValue};
use rustls::pki_types::ServerName;

/// Servers (name, address, verification setting) remembered at most; the
/// stalest is forgotten first. An allowlist names a handful of hosts.
const MAX_SERVERS: usize = 64;
/// TLS 1.3 tickets kept per server. Each is used once, and servers send one
/// or two per connection, so fetches running at once need one each: with
/// fewer, most concurrent fetches find none and make a full handshake.
/// rustls stores a copy of the server's chain with each ticket, so a ticket
/// costs the chain's size (a few KB for a real server) besides its own few
/// hundred bytes: about 64 × 64 × 5 KB = 20 MB if every remembered server
/// had a full set, which only many servers fetched many at once would.
const TICKETS_PER_SERVER: usize = 64;

/// The default window: long enough for repeated fetches of one document,
/// short enough that a renewed certificate shows within half a minute.
pub const DEFAULT_WINDOW: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    name: ServerName<'static>,
    addr: SocketAddr,
    /// Sessions accepted without verification never serve a verified fetch.
    insecure: bool,
}

#[derive(Debug, Default)]
struct Server {
    kx_hint: Option<NamedGroup>,
    /// Each with the time its chain was verified.
    tls13: VecDeque<(Instant, Tls13ClientSessionValue)>,
    tls12: Option<(Instant, Tls12ClientSessionValue)>,
    /// When this server was last used, to forget the stalest first.
    used: Option<Instant>,
}

/// The sessions of every fetch, shared.
#[derive(Debug)]
pub struct SessionCache {
    window: Duration,
    servers: Mutex<HashMap<Key, Server>>,
}

impl SessionCache {
    pub fn new(window: Duration) -> Self {
        SessionCache {
            window,
            servers: Mutex::new(HashMap::new()),
        }
    }

    pub fn window(&self) -> Duration {
        self.window
    }

    fn fresh_enough(&self, verified: Instant, now: Instant) -> bool {
        now.saturating_duration_since(verified) < self.window
    }

    /// Runs `f` on the entry for `key`, made if missing, after dropping what
    /// is too old everywhere and the stalest server if there are too many.
    fn with<R>(&self, key: &Key, now: Instant, f: impl FnOnce(&mut Server) -> R) -> Option<R> {
        let mut servers = self.servers.lock().ok()?;
        if !servers.contains_key(key) && servers.len() >= MAX_SERVERS {
            servers.retain(|_, s| {
                s.tls13.retain(|(at, _)| self.fresh_enough(*at, now));
                s.tls12 = s.tls12.take().filter(|(at, _)| self.fresh_enough(*at, now));
                !s.tls13.is_empty() || s.tls12.is_some()
            });
            if servers.len() >= MAX_SERVERS
                && let Some(stalest) = servers
                    .iter()
                    .min_by_key(|(_, s)| s.used)
                    .map(|(k, _)| k.clone())
            {
                servers.remove(&stalest);
            }
        }
        let server = servers.entry(key.clone()).or_default();
        server.used = Some(now);
        Some(f(server))
    }
}

/// One fetch's view of the cache: its server's address and verification
/// setting, and when the chain its connection relies on was verified (set
/// by the verifier in a full handshake, or taken from the resumed
/// session's record). It is the fetch's session store only when the fetch
/// may resume; otherwise it just keeps that time.
#[derive(Debug)]
pub struct FetchSessions {
    cache: Arc<SessionCache>,
    addr: SocketAddr,
    insecure: bool,
    chain_verified: Mutex<Option<Instant>>,
}

impl FetchSessions {
    pub fn new(cache: Arc<SessionCache>, addr: SocketAddr, insecure: bool) -> Self {
        FetchSessions {
            cache,
            addr,
            insecure,
            chain_verified: Mutex::new(None),
        }
    }

    /// The chain this connection relies on was verified (or, for an
    /// insecure host, accepted) at `at`: now, in a full handshake; earlier,
    /// when a session is resumed.
    pub fn chain_verified(&self, at: Instant) {
        if let Ok(mut verified) = self.chain_verified.lock() {
            *verified = Some(at);
        }
    }

    /// When the chain this connection relies on was verified.
    pub fn chain_verified_at(&self) -> Option<Instant> {
        self.chain_verified.lock().ok().and_then(|at| *at)
    }

    fn key(&self, name: &ServerName<'_>) -> Key {
        Key {
            name: name.to_owned(),
            addr: self.addr,
            insecure: self.insecure,
        }
    }
}

impl ClientSessionStore for FetchSessions {
    fn set_kx_hint(&self, server_name: ServerName<'static>, group: NamedGroup) {
        let key = self.key(&server_name);
        self.cache
            .with(&key, Instant::now(), |s| s.kx_hint = Some(group));
    }

    fn kx_hint(&self, server_name: &ServerName<'_>) -> Option<NamedGroup> {
        let key = self.key(server_name);
        self.cache
            .with(&key, Instant::now(), |s| s.kx_hint)
            .flatten()
    }

    fn set_tls12_session(&self, server_name: ServerName<'static>, value: Tls12ClientSessionValue) {
        // Stored with the time of the chain this connection relies on.
        let Some(at) = self.chain_verified_at() else {
            return;
        };
        let key = self.key(&server_name);
        self.cache
            .with(&key, Instant::now(), |s| s.tls12 = Some((at, value)));
    }

    fn tls12_session(&self, server_name: &ServerName<'_>) -> Option<Tls12ClientSessionValue> {
        let now = Instant::now();
        let key = self.key(server_name);
        let (at, value) = self
            .cache
            .with(&key, now, |s| s.tls12.clone())
            .flatten()
            .filter(|(at, _)| self.cache.fresh_enough(*at, now))?;
        self.chain_verified(at);
        Some(value)
    }

    fn remove_tls12_session(&self, server_name: &ServerName<'static>) {
        let key = self.key(server_name);
        self.cache.with(&key, Instant::now(), |s| s.tls12 = None);
    }

    fn insert_tls13_ticket(
        &self,
        server_name: ServerName<'static>,
        value: Tls13ClientSessionValue,
    ) {
        // Stored with the time of the chain this connection relies on.
        let Some(at) = self.chain_verified_at() else {
            return;
        };
        let key = self.key(&server_name);
        self.cache.with(&key, Instant::now(), |s| {
            if s.tls13.len() >= TICKETS_PER_SERVER {
                s.tls13.pop_front();
            }
            s.tls13.push_back((at, value));
        });
    }

    fn take_tls13_ticket(
        &self,
        server_name: &ServerName<'static>,
    ) -> Option<Tls13ClientSessionValue> {
        let now = Instant::now();
        let key = self.key(server_name);
        let cache = &self.cache;
        let (at, value) = cache
            .with(&key, now, |s| {
                s.tls13.retain(|(at, _)| cache.fresh_enough(*at, now));
                // The newest: its chain is the most recently verified.
                s.tls13.pop_back()
            })
            .flatten()?;
        self.chain_verified(at);
        Some(value)
    }
}
