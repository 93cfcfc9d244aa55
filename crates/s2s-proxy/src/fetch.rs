//! Fetching one metadata URL, step by step (resolve, connect, TLS, HTTP), with
//! timings and a plain reason at the first step that fails. Shared by the
//! server's `/api/v1/fetch` and by `s2s check`.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use rustls::RootCertStore;
use rustls::pki_types::ServerName;
use s2s_core::api::{ApiErrorDetail, FetchReport, FetchStep, TlsSession};
use tokio::net::TcpStream;

use crate::pool::{ConnectionPool, Keep, PoolKey, Reusable};
use crate::tls::{ClientCache, FetchClient, explain};

/// The request headers the fetcher sends, and nothing else: no cookies, no
/// credentials, nothing from the client that asked.
pub const USER_AGENT: &str = concat!(
    "s2s-console/",
    env!("CARGO_PKG_VERSION"),
    " (metadata fetch)"
);

/// An upstream's response head (status line and headers) may take this many
/// bytes: Exchange's longest, a `WWW-Authenticate` listing trusted issuers,
/// is a few KB. hyper's default, about 400 KB, would let a hostile server
/// make every fetch at once hold that much.
pub const MAX_RESPONSE_HEAD: usize = 64 * 1024;

/// The response headers worth reporting.
const REPORTED_HEADERS: &[&str] = &[
    "content-type",
    "date",
    "server",
    "x-ms-diagnostics",
    "www-authenticate",
    "location",
];

#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub roots: Arc<RootCertStore>,
    pub connect_timeout: Duration,
    pub total_timeout: Duration,
    pub max_body_bytes: usize,
    /// Host names answered without DNS (the demo's servers, tests). Port 0
    /// keeps the URL's port.
    pub resolve: Resolver,
    /// Hosts whose certificates are not verified (configured explicitly; the
    /// report says so).
    pub insecure_hosts: Vec<String>,
    /// Plain http is allowed (demo only).
    pub allow_http: bool,
    /// When not empty, the only address ranges connected to.
    pub allowed_networks: Vec<crate::networks::Network>,
    /// Whether a name DNS answers with an inward address (loopback,
    /// link-local…, see [`crate::networks::inward_kind`]) is connected to
    /// when `allowed_networks` is empty. Off for the server, which fetches
    /// for whoever reaches it; `s2s check`, the admin's own command, turns
    /// it on. Fixed answers (`resolve`) and IP addresses the allowlist names
    /// are the operator's own choice and are not held to it.
    pub names_may_resolve_inward: bool,
    /// How long after a full handshake a TLS session may be resumed, or an
    /// open connection reused (its chain reported as verified then); zero
    /// turns both off.
    pub tls_resumption: Duration,
    /// The TLS client settings shared by all fetches (made on first use).
    tls_clients: Arc<ClientCache>,
    /// Open connections kept for reuse (within `tls_resumption`).
    pool: Arc<ConnectionPool>,
    /// The system resolver's threads, bounded.
    lookups: crate::dns::Lookups,
}

impl FetchConfig {
    pub fn new(roots: RootCertStore) -> Self {
        FetchConfig {
            roots: Arc::new(roots),
            connect_timeout: Duration::from_secs(5),
            total_timeout: Duration::from_secs(10),
            max_body_bytes: 512 * 1024,
            resolve: Resolver::default(),
            insecure_hosts: Vec::new(),
            allow_http: false,
            allowed_networks: Vec::new(),
            names_may_resolve_inward: false,
            tls_resumption: crate::tls_sessions::DEFAULT_WINDOW,
            tls_clients: Arc::default(),
            pool: Arc::default(),
            lookups: crate::dns::Lookups::default(),
        }
    }
}

/// Fixed answers for host names, shared (the demo changes them as its
/// scenario changes).
#[derive(Debug, Clone, Default)]
pub struct Resolver(Arc<std::sync::RwLock<HashMap<String, SocketAddr>>>);

impl Resolver {
    pub fn insert(&self, host: String, to: SocketAddr) {
        if let Ok(mut map) = self.0.write() {
            map.insert(host.to_ascii_lowercase(), to);
        }
    }

    pub fn get(&self, host: &str) -> Option<SocketAddr> {
        self.0.read().ok().and_then(|m| m.get(host).copied())
    }
}

impl From<HashMap<String, SocketAddr>> for Resolver {
    fn from(map: HashMap<String, SocketAddr>) -> Self {
        let r = Resolver::default();
        for (k, v) in map {
            r.insert(k, v);
        }
        r
    }
}

/// The network to name in `allowed_networks` for an inward address.
fn suggested_network(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => format!("{v4}/32"),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => format!("{v4}/32"),
            None => format!("{v6}/128"),
        },
    }
}

/// Records steps and ends the report at the first failure.
struct Run {
    report: FetchReport,
    started: Instant,
    deadline: Instant,
}

impl Run {
    fn step(&mut self, name: &str, ok: bool, since: Instant, detail: String) {
        self.report.steps.push(FetchStep {
            name: name.to_string(),
            ok,
            ms: (since.elapsed().as_secs_f64() * 1000.0 * 10.0).round() / 10.0,
            detail,
        });
    }

    fn fail(mut self, name: &str, since: Instant, code: &str, message: String) -> FetchReport {
        self.step(name, false, since, message.clone());
        self.report.error = Some(ApiErrorDetail {
            code: code.to_string(),
            message,
        });
        self.report
    }

    /// The time left for a step: its own limit, or what remains of the total.
    fn budget(&self, step_limit: Duration) -> Duration {
        step_limit.min(self.deadline.saturating_duration_since(Instant::now()))
    }

    fn timeout_message(&self, what: &str) -> String {
        format!(
            "timed out {what} after {} ms",
            self.started.elapsed().as_millis()
        )
    }
}

/// The requests the fetcher can send. Each is a fixed GET; nothing from the
/// client that asked is ever added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// A metadata document: Host, User-Agent, Accept.
    Metadata,
    /// The trust probe: the same, plus `Authorization: Bearer` with no token,
    /// which makes Exchange's OAuth module name the issuers it trusts
    /// (DOMAIN.md §6). Carries no credential.
    TrustProbe,
}

/// Whether a fetch may reuse an open connection to the same server or resume
/// a recent TLS session with it (within [`FetchConfig::tls_resumption`]),
/// or must see the chain the server presents now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handshake {
    /// A new connection and a full handshake: the chain presented now,
    /// verified now.
    Full,
    /// An open connection may be reused, or a recent session resumed; the
    /// report then says so and how old its verified chain is.
    MayReuse,
}

/// Fetches `url` with a GET and a full TLS handshake, and reports everything
/// seen. Never panics and never returns an error: failures are in the report.
pub async fn fetch(url: &str, config: &FetchConfig) -> FetchReport {
    fetch_as(url, config, Request::Metadata, Handshake::Full).await
}

/// [`fetch`], sending the given fixed request, resuming a session if allowed.
pub async fn fetch_as(
    url: &str,
    config: &FetchConfig,
    request: Request,
    handshake: Handshake,
) -> FetchReport {
    let started = Instant::now();
    let mut run = Run {
        report: FetchReport {
            url: url.to_string(),
            steps: Vec::new(),
            error: None,
            status: None,
            headers: BTreeMap::new(),
            tls: None,
            body: None,
            body_base64: None,
            truncated: false,
            insecure: false,
            received_at: None,
        },
        started,
        deadline: started + config.total_timeout,
    };

    let parsed = match url::Url::parse(url.trim()) {
        Ok(u) => u,
        Err(e) => {
            return run.fail(
                "resolve",
                started,
                "bad_url",
                format!("not a valid URL: \"{e}\""),
            );
        }
    };
    let https = match parsed.scheme() {
        "https" => true,
        "http" if config.allow_http => false,
        other => {
            return run.fail(
                "resolve",
                started,
                "scheme_not_allowed",
                format!("only https URLs are fetched, not {other}://"),
            );
        }
    };
    let Some(host) = parsed
        .host_str()
        .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
    else {
        return run.fail("resolve", started, "bad_url", "the URL has no host".into());
    };
    let port = parsed.port_or_known_default().unwrap_or(443);
    run.report.insecure = insecure_for(&host, &config.insecure_hosts);

    // Resolve once; connect to exactly this address.
    let t = Instant::now();
    let mut by_dns = false;
    let addr = if let Some(to) = config.resolve.get(&host) {
        SocketAddr::new(to.ip(), if to.port() == 0 { port } else { to.port() })
    } else if let Ok(ip) = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<IpAddr>()
    {
        SocketAddr::new(ip, port)
    } else {
        by_dns = true;
        match config
            .lookups
            .lookup(&host, port, run.budget(config.connect_timeout))
            .await
        {
            Err(crate::dns::LookupError::TimedOut) => {
                let m = run.timeout_message(&format!("resolving {host}"));
                return run.fail("resolve", t, "timeout", m);
            }
            Err(crate::dns::LookupError::Failed(e)) => {
                return run.fail(
                    "resolve",
                    t,
                    "dns_failed",
                    format!("{host} could not be resolved: \"{e}\""),
                );
            }
            Ok(addrs) => match addrs.first() {
                Some(a) => *a,
                None => {
                    return run.fail("resolve", t, "dns_failed", format!("{host} has no address"));
                }
            },
        }
    };
    // Checked on the address about to be used: the same one is connected to.
    if !config.allowed_networks.is_empty()
        && !config
            .allowed_networks
            .iter()
            .any(|n| n.contains(addr.ip()))
    {
        let nets: Vec<String> = config
            .allowed_networks
            .iter()
            .map(|n| n.to_string())
            .collect();
        return run.fail(
            "resolve",
            t,
            "network_not_allowed",
            format!(
                "{host} resolves to {}, outside the allowed networks ({})",
                addr.ip(),
                nets.join(", ")
            ),
        );
    }
    if by_dns
        && config.allowed_networks.is_empty()
        && !config.names_may_resolve_inward
        && let Some(kind) = crate::networks::inward_kind(addr.ip())
    {
        return run.fail(
            "resolve",
            t,
            "network_not_allowed",
            format!(
                "{host} resolves to {} ({kind}); the s2s server connects to no loopback, link-local or other inward address by name. If that is really the server, list it in allowed_networks (\"{}\") with the networks of your other servers: once set, allowed_networks names every network the proxy connects to",
                addr.ip(),
                suggested_network(addr.ip())
            ),
        );
    }
    run.step("resolve", true, t, format!("{host} → {}", addr.ip()));

    let pool_key = (https && handshake == Handshake::MayReuse && !config.tls_resumption.is_zero())
        .then(|| PoolKey {
            host: host.clone(),
            addr,
            insecure: run.report.insecure,
        });
    if let Some(key) = &pool_key {
        run = match Box::pin(reuse(run, key, &parsed, port, request, config)).await {
            Ok(report) => return report,
            Err(run) => run,
        };
    }

    let t = Instant::now();
    let tcp = match tokio::time::timeout(
        run.budget(config.connect_timeout),
        TcpStream::connect(addr),
    )
    .await
    {
        Err(_) => {
            let m = run.timeout_message(&format!("connecting to {addr}"));
            return run.fail("connect", t, "timeout", m);
        }
        Ok(Err(e)) => {
            let (code, what) = match e.kind() {
                std::io::ErrorKind::ConnectionRefused => (
                    "connection_refused",
                    "refused the connection (nothing listens on that port, or a firewall rejects it)",
                ),
                _ => ("connect_failed", "could not be reached"),
            };
            return run.fail("connect", t, code, format!("{addr} {what}: \"{e}\""));
        }
        Ok(Ok(s)) => s,
    };
    // The TLS Finished and the request go out as separate writes; without
    // this the request can wait for the Finished to be acknowledged.
    let _ = tcp.set_nodelay(true);
    // (The system's and the libraries' own error text is quoted in these
    // messages: it stays as it is in the Korean UI.)
    run.step("connect", true, t, format!("connected to {addr}"));

    if https {
        let client = FetchClient {
            roots: &config.roots,
            addr,
            insecure: run.report.insecure,
            resumption_window: config.tls_resumption,
            resume: handshake == Handshake::MayReuse,
        };
        let tls = match config.tls_clients.connector(&client) {
            Ok(c) => c,
            Err(e) => return run.fail("tls", Instant::now(), "tls_failed", e),
        };
        // An IPv6 host is written in brackets in URLs; the TLS name is the
        // bare address (verified against the certificate's IP addresses).
        let tls_name = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        let Ok(name) = ServerName::try_from(tls_name) else {
            return run.fail(
                "tls",
                Instant::now(),
                "bad_url",
                format!("{host} is not a valid TLS server name"),
            );
        };
        let t = Instant::now();
        let result =
            tokio::time::timeout(run.budget(config.total_timeout), tls.connect(name, tcp)).await;
        let mut chain = tls.record.presented();
        match result {
            Err(_) => {
                let m = run.timeout_message("in the TLS handshake");
                return run.fail("tls", t, "timeout", m);
            }
            Ok(Err(e)) => {
                let subject = chain
                    .first()
                    .and_then(|der| s2s_core::cert::decode_der(der).ok())
                    .map(|c| c.summary.subject);
                let (code, message) = explain(&e, &host, subject.as_deref());
                // The chain is reported even when rejected: it is what the
                // administrator needs to see.
                run.report.tls = Some(TlsSession {
                    version: String::new(),
                    cipher: String::new(),
                    peer_chain: chain.iter().map(|der| STANDARD.encode(der)).collect(),
                    resumed_chain_age_seconds: None,
                });
                return run.fail("tls", t, code, message);
            }
            Ok(Ok(stream)) => {
                let (_, session) = stream.get_ref();
                let version = session
                    .protocol_version()
                    .map(|v| format!("{v:?}").replace("TLSv1_", "TLS 1."))
                    .unwrap_or_default();
                let cipher = session
                    .negotiated_cipher_suite()
                    .map(|c| format!("{:?}", c.suite()))
                    .unwrap_or_default();
                let resumed_age = (session.handshake_kind()
                    == Some(rustls::HandshakeKind::Resumed))
                .then(|| tls.record.chain_verified_at())
                .map(|at| at.map(|at| at.elapsed().as_secs()).unwrap_or_default());
                let detail = match resumed_age {
                    None => format!(
                        "{version}, {cipher}, {} certificate(s) presented, {}",
                        chain.len(),
                        checked(run.report.insecure)
                    ),
                    Some(age) => {
                        // No chain is presented in a resumed handshake: the
                        // one shown is the session's, from its full handshake.
                        chain = session
                            .peer_certificates()
                            .map(|certs| certs.iter().map(|c| c.as_ref().to_vec()).collect())
                            .unwrap_or_default();
                        format!(
                            "{version}, {cipher}, session resumed: {}",
                            relied_on(chain.len(), run.report.insecure, age)
                        )
                    }
                };
                let peer_chain: Vec<String> =
                    chain.iter().map(|der| STANDARD.encode(der)).collect();
                let keep = pool_key.map(|key| Keep {
                    key,
                    chain_verified_at: tls.record.chain_verified_at().unwrap_or(t),
                    opened_at: t,
                });
                run.report.tls = Some(TlsSession {
                    version,
                    cipher,
                    peer_chain,
                    resumed_chain_age_seconds: resumed_age,
                });
                run.step("tls", true, t, detail);
                // Boxed: the HTTP exchange is the largest part of a fetch's
                // state, and inline it would be reserved, twice over (TLS and
                // plain), in every fetch from the start.
                return Box::pin(http(
                    run, stream, &parsed, &host, port, config, request, keep,
                ))
                .await;
            }
        }
    }
    Box::pin(http(run, tcp, &parsed, &host, port, config, request, None)).await
}

/// How the chain was checked, for the TLS step.
fn checked(insecure: bool) -> &'static str {
    if insecure {
        "NOT VERIFIED (insecure host)"
    } else {
        "verified"
    }
}

/// The TLS step's account of a chain that was not presented in this fetch
/// (a resumed session or a reused connection) but relied on from earlier.
fn relied_on(certificates: usize, insecure: bool, age_seconds: u64) -> String {
    format!(
        "the {certificates} certificate(s) shown were presented and {} {age_seconds} s ago",
        checked(insecure)
    )
}

/// The fetcher's one GET: fixed headers, nothing from the client.
fn build_request(
    url: &url::Url,
    host: &str,
    port: u16,
    kind: Request,
) -> Result<hyper::Request<Empty<Bytes>>, (&'static str, String)> {
    let default_port = if url.scheme() == "https" { 443 } else { 80 };
    let authority = if port == default_port {
        host.to_string()
    } else {
        format!("{host}:{port}")
    };
    let path = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    };
    let mut request = hyper::Request::get(path)
        .header(hyper::header::HOST, authority)
        .header(hyper::header::USER_AGENT, USER_AGENT)
        .header(hyper::header::ACCEPT, "application/json, */*;q=0.5");
    if kind == Request::TrustProbe {
        request = request.header(hyper::header::AUTHORIZATION, "Bearer");
    }
    request
        .body(Empty::<Bytes>::new())
        .map_err(|e| ("bad_url", format!("cannot build the request: \"{e}\"")))
}

/// Sends the request over an open connection to the same server, if the
/// pool has one: the report then has the connect and TLS steps of a reused
/// connection. The run comes back when there is none, or when the one tried
/// had been closed meanwhile (the fetch then opens a new one: the request is
/// an idempotent GET that never got its answer).
async fn reuse(
    mut run: Run,
    key: &PoolKey,
    url: &url::Url,
    port: u16,
    kind: Request,
    config: &FetchConfig,
) -> Result<FetchReport, Run> {
    let Some(mut conn) = config.pool.checkout(key, config.tls_resumption) else {
        return Err(run);
    };
    let request = match build_request(url, &key.host, port, kind) {
        Ok(r) => r,
        Err((code, message)) => return Ok(run.fail("http", Instant::now(), code, message)),
    };
    let t = Instant::now();
    let outcome = tokio::time::timeout(run.budget(config.total_timeout), async {
        conn.sender
            .ready()
            .await
            .map_err(|e| ("http_failed", format!("the connection closed: \"{e}\"")))?;
        exchange(&mut conn.sender, request, config.max_body_bytes).await
    })
    .await;
    if matches!(outcome, Ok(Err(_))) {
        return Err(run);
    }
    let age = conn.chain_verified_at.elapsed().as_secs();
    // Nothing was connected or negotiated: both steps took no time.
    let now = Instant::now();
    run.step(
        "connect",
        true,
        now,
        format!(
            "reused the open connection to {} (opened {} s ago)",
            key.addr,
            conn.opened_at.elapsed().as_secs()
        ),
    );
    run.step(
        "tls",
        true,
        now,
        format!(
            "{}, {}, connection reused: {}",
            conn.tls.version,
            conn.tls.cipher,
            relied_on(conn.tls.peer_chain.len(), key.insecure, age)
        ),
    );
    run.report.tls = Some(TlsSession {
        resumed_chain_age_seconds: Some(age),
        ..conn.tls.clone()
    });
    if matches!(&outcome, Ok(Ok(answer)) if !answer.3) {
        config
            .pool
            .checkin(key.clone(), conn, config.tls_resumption);
    }
    Ok(finish(run, t, outcome, config))
}

#[allow(clippy::too_many_arguments)]
async fn http<S>(
    run: Run,
    stream: S,
    url: &url::Url,
    host: &str,
    port: u16,
    config: &FetchConfig,
    kind: Request,
    keep: Option<Keep>,
) -> FetchReport
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let t = Instant::now();
    let budget = run.budget(config.total_timeout);
    let mut kept = None;
    let outcome = tokio::time::timeout(budget, async {
        let (mut sender, conn) = hyper::client::conn::http1::Builder::new()
            .max_buf_size(MAX_RESPONSE_HEAD)
            .handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .map_err(|e| ("http_failed", format!("HTTP handshake failed: \"{e}\"")))?;
        let request = build_request(url, host, port, kind)?;
        // The connection is driven here, beside the exchange, in the fetch's
        // own task: a fetch in flight costs no second task. Only a
        // connection kept for reuse gets its own task, afterwards.
        let mut conn = Box::pin(conn);
        let mut ended = false;
        let out = {
            let mut exchange =
                std::pin::pin!(exchange(&mut sender, request, config.max_body_bytes));
            tokio::select! {
                biased;
                out = &mut exchange => out,
                // The connection ended first (closed after the answer, or
                // failed): the exchange finishes with what was delivered.
                _ = &mut conn => {
                    ended = true;
                    exchange.await
                }
            }
        };
        if keep.is_some() && !ended && matches!(&out, Ok(answer) if !answer.3) {
            tokio::spawn(async move {
                let _ = conn.await;
            });
            kept = Some(sender);
        }
        out
    })
    .await;
    if let (Some(sender), Some(keep), Some(tls)) = (kept, keep, run.report.tls.as_ref()) {
        let conn = Reusable {
            sender,
            tls: tls.clone(),
            chain_verified_at: keep.chain_verified_at,
            opened_at: keep.opened_at,
        };
        config.pool.checkin(keep.key, conn, config.tls_resumption);
    }
    finish(run, t, outcome, config)
}

/// The report of the HTTP step from its outcome.
fn finish(
    mut run: Run,
    t: Instant,
    outcome: Result<Exchange, tokio::time::error::Elapsed>,
    config: &FetchConfig,
) -> FetchReport {
    match outcome {
        Err(_) => {
            let m = run.timeout_message("waiting for the HTTP answer");
            run.fail("http", t, "timeout", m)
        }
        Ok(Err((code, message))) => run.fail("http", t, code, message),
        Ok(Ok((status, headers, bytes, truncated))) => {
            run.report.status = Some(status);
            run.report.received_at = Some(crate::clock::now().to_rfc3339());
            run.report.truncated = truncated;
            match String::from_utf8(bytes) {
                Ok(text) => run.report.body = Some(text),
                Err(e) => {
                    let bytes = e.into_bytes();
                    run.report.body = Some(String::from_utf8_lossy(&bytes).into_owned());
                    run.report.body_base64 = Some(STANDARD.encode(&bytes));
                }
            }
            let location = headers.get("location").cloned();
            run.report.headers = headers;
            let size = run.report.body.as_ref().map(String::len).unwrap_or(0);
            if truncated {
                let limit = config.max_body_bytes;
                return run.fail(
                    "http",
                    t,
                    "too_large",
                    format!("HTTP {status}; the body is larger than {limit} bytes and was cut off"),
                );
            }
            if (300..400).contains(&status) {
                let to = location.unwrap_or_else(|| "(no Location header)".into());
                return run.fail("http", t, "redirect_not_followed", format!("HTTP {status} redirect to {to}; redirects are not followed: use the final URL"));
            }
            run.step("http", true, t, format!("HTTP {status}, {size} bytes"));
            run.report
        }
    }
}

/// What an HTTP exchange gave: status, reported headers, body (up to the
/// limit) and whether it was cut off; or an error code and message.
type Exchange = Result<(u16, BTreeMap<String, String>, Vec<u8>, bool), (&'static str, String)>;

/// Sends the request and reads the answer, keeping at most `max_body` bytes.
async fn exchange(
    sender: &mut hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
    request: hyper::Request<Empty<Bytes>>,
    max_body: usize,
) -> Exchange {
    let response = sender.send_request(request).await.map_err(|e| {
        if e.is_parse_too_large() {
            let kib = MAX_RESPONSE_HEAD / 1024;
            (
                "http_failed",
                format!(
                    "the server's response headers are larger than {kib} KiB; they were not read"
                ),
            )
        } else {
            ("http_failed", format!("no HTTP answer: \"{e}\""))
        }
    })?;
    let status = response.status().as_u16();
    let mut headers = BTreeMap::new();
    for name in REPORTED_HEADERS {
        let values: Vec<String> = response
            .headers()
            .get_all(*name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect();
        if !values.is_empty() {
            headers.insert((*name).to_string(), values.join(", "));
        }
    }
    let mut body = response.into_body();
    let mut bytes = Vec::new();
    let mut truncated = false;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ("http_failed", format!("the body was cut off: \"{e}\"")))?;
        if let Ok(data) = frame.into_data() {
            let room = max_body.saturating_sub(bytes.len());
            if data.len() > room {
                bytes.extend_from_slice(&data[..room]);
                truncated = true;
                break;
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok((status, headers, bytes, truncated))
}

/// Whether verification is off for `host`: an entry names it exactly, or
/// is `*.suffix` and `host` is under that suffix (as allowlist entries are).
fn insecure_for(host: &str, entries: &[String]) -> bool {
    entries.iter().any(|entry| match entry.strip_prefix("*.") {
        Some(suffix) => host
            .strip_suffix(suffix)
            .is_some_and(|rest| rest.len() > 1 && rest.ends_with('.')),
        None => entry.eq_ignore_ascii_case(host),
    })
}

#[cfg(test)]
mod insecure_tests {
    use super::*;

    #[test]
    fn insecure_entries_match_like_allowlist_entries() {
        let entries = vec![
            "lab-ex01.litwareinc.com".to_string(),
            "*.lab.contoso.com".to_string(),
        ];
        assert!(insecure_for("lab-ex01.litwareinc.com", &entries));
        assert!(insecure_for("ex01.lab.contoso.com", &entries));
        assert!(!insecure_for("lab.contoso.com", &entries));
        assert!(!insecure_for("evillab.contoso.com", &entries));
        assert!(!insecure_for("autodiscover.litwareinc.com", &entries));
    }
}
