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
const TICKETS_PER_SERVER: usize = 64;
/// TLS 1.3 tickets kept in all, the oldest forgotten first. rustls stores a
/// copy of the server's chain with each ticket, so a ticket costs the
/// chain's size (a few KB for a real server) besides its own few hundred
/// bytes: about 1.3 MB for 256 at 5 KB, where a full set for every
/// remembered server would be 20 MB.
const TICKETS_IN_ALL: usize = 256;

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

    /// Forgets the oldest tickets beyond [`TICKETS_IN_ALL`].
    fn trim_tickets(&self) {
        let Ok(mut servers) = self.servers.lock() else {
            return;
        };
        let mut held: usize = servers.values().map(|s| s.tls13.len()).sum();
        while held > TICKETS_IN_ALL {
            let Some(oldest) = servers
                .values_mut()
                .filter(|s| !s.tls13.is_empty())
                .min_by_key(|s| s.tls13.front().map(|(at, _)| *at))
            else {
                break;
            };
            oldest.tls13.pop_front();
            held -= 1;
        }
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
        self.cache.trim_tickets();
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

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    use rustls::{ClientConnection, RootCertStore, ServerConnection};

    /// A real TLS 1.3 server and a client whose session store is `sessions`,
    /// talking in memory.
    struct Pair {
        server: Arc<rustls::ServerConfig>,
        client: rustls::ClientConfig,
    }

    fn pair() -> Pair {
        let key = rcgen::KeyPair::generate().expect("key");
        let params = rcgen::CertificateParams::new(vec!["a.test".to_string()]).expect("params");
        let cert = params.self_signed(&key).expect("cert");
        let der = CertificateDer::from(cert.der().to_vec());
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let server = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_no_client_auth()
            .with_single_cert(
                vec![der.clone()],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
            )
            .expect("server config");
        let mut roots = RootCertStore::empty();
        roots.add(der).expect("root");
        let client = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("versions")
            .with_root_certificates(roots)
            .with_no_client_auth();
        Pair {
            server: Arc::new(server),
            client,
        }
    }

    /// One full handshake through `sessions`, with the tickets the server
    /// sends after it read by the client.
    fn handshake(pair: &Pair, sessions: Arc<FetchSessions>) {
        let mut config = pair.client.clone();
        config.resumption = rustls::client::Resumption::store(sessions.clone());
        let name = ServerName::try_from("a.test").expect("name");
        let mut client = ClientConnection::new(Arc::new(config), name).expect("client");
        let mut server = ServerConnection::new(pair.server.clone()).expect("server");
        sessions.chain_verified(Instant::now());
        for _ in 0..10 {
            let mut wire = Vec::new();
            while client.wants_write() {
                client.write_tls(&mut wire).expect("client writes");
            }
            let mut read = &wire[..];
            while !read.is_empty() {
                server.read_tls(&mut read).expect("server reads");
            }
            server.process_new_packets().expect("server");
            let mut wire = Vec::new();
            while server.wants_write() {
                server.write_tls(&mut wire).expect("server writes");
            }
            let mut read = &wire[..];
            while !read.is_empty() {
                client.read_tls(&mut read).expect("client reads");
            }
            client.process_new_packets().expect("client");
            if !client.is_handshaking() && !server.is_handshaking() && !server.wants_write() {
                break;
            }
        }
        assert!(!client.is_handshaking(), "the handshake did not finish");
    }

    fn key(n: usize) -> Key {
        Key {
            name: ServerName::try_from("a.test").expect("name"),
            addr: SocketAddr::from(([10, 0, 0, n as u8 + 1], 443)),
            insecure: false,
        }
    }

    /// TLS 1.3 tickets kept now, for every server.
    fn tickets_held(cache: &SessionCache) -> usize {
        cache
            .servers
            .lock()
            .map(|servers| servers.values().map(|s| s.tls13.len()).sum())
            .unwrap_or(0)
    }

    fn held_by(cache: &SessionCache, key: &Key) -> usize {
        cache
            .servers
            .lock()
            .map(|s| s.get(key).map_or(0, |v| v.tls13.len()))
            .unwrap_or(usize::MAX)
    }

    /// However many servers send tickets, no more than the limit in all are
    /// kept (each holds a copy of its server's chain); the oldest go first.
    #[test]
    fn tickets_are_kept_up_to_the_limit_in_all() {
        let pair = pair();
        let cache = Arc::new(SessionCache::new(DEFAULT_WINDOW));
        let servers = TICKETS_IN_ALL / TICKETS_PER_SERVER + 2;
        for n in 0..servers {
            let sessions = Arc::new(FetchSessions::new(cache.clone(), key(n).addr, false));
            // A full handshake brings at least one ticket.
            for _ in 0..TICKETS_PER_SERVER {
                if held_by(&cache, &key(n)) == TICKETS_PER_SERVER {
                    break;
                }
                handshake(&pair, sessions.clone());
            }
            assert_eq!(held_by(&cache, &key(n)), TICKETS_PER_SERVER, "server {n}");
        }
        assert_eq!(tickets_held(&cache), TICKETS_IN_ALL);
        assert_eq!(held_by(&cache, &key(0)), 0, "the oldest stayed");
        assert_eq!(held_by(&cache, &key(1)), 0, "the oldest stayed");
    }
}
